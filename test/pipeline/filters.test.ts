import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../src/channel-filter.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/index.js';
import { estimate, FakeHkex, FakeSlack, filing, isProfitEstimate, quietLog, tableParse } from './fakes.js';

// A channel's filter decides what it gets of the alerts for everything; its watchlist still
// brings the stocks it watches.

async function alertOnce(setup: (store: ReturnType<typeof createMemoryStore>) => void) {
  const store = createMemoryStore();
  setup(store);
  const hkex = new FakeHkex();
  const slack = new FakeSlack();
  const positive = estimate({ kind: 'positive_profit_alert', stockCodes: ['00700'] });
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: slack,
    parse: tableParse(new Map([['2', positive]])).parse,
    isProfitEstimate,
    config: { alertChannels: ['CALL', 'CWARNINGS'], backfillHours: 0 },
    log: quietLog(),
    now: () => new Date('2024-03-01T10:00:00Z'),
  });
  hkex.publish(filing('1', '2024-03-01T08:00:00Z', { title: 'MONTHLY RETURN' }));
  await pipeline.runCycle();
  hkex.publish(
    filing('2', '2024-03-01T09:00:00Z', { title: 'POSITIVE PROFIT ALERT', stockCodes: ['00700'] }),
  );
  await pipeline.runCycle();
  return slack.alerts('2').map((m) => m.channel);
}

describe('channel filters', () => {
  it('keep an alert out of a channel that asks for other kinds', async () => {
    const channels = await alertOnce((store) =>
      store.setFilter('CWARNINGS', { ...NO_FILTER, kinds: ['profit_warning'] }),
    );
    expect(channels).toEqual(['CALL']);
  });

  it('let a watched stock through anyway', async () => {
    const channels = await alertOnce((store) => {
      store.setFilter('CWARNINGS', { ...NO_FILTER, kinds: ['profit_warning'] });
      store.watch('CWARNINGS', '00700');
    });
    expect(channels.sort()).toEqual(['CALL', 'CWARNINGS']);
  });
});
