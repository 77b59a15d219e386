import { expect, it } from 'vitest';
import type { Estimate } from '../../src/estimate.js';
import type { Filing } from '../../src/hkex/filing.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/index.js';
import { capturedLog } from '../slack/log-capture.js';
import { estimate, FakeHkex, FakeSlack, filing, isProfitEstimate } from './fakes.js';

// A cycle has a deadline: slow PDFs cannot hold the next poll back for ever. Work left when it
// passes waits, recorded as it stands, for the next cycle.

const NOW = new Date('2023-01-30T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

it('starts no new step after the deadline, and does the rest next cycle', async () => {
  const store = createMemoryStore();
  const hkex = new FakeHkex();
  const slack = new FakeSlack();
  const { log, lines } = capturedLog();
  const slowParse = async (_pdf: Uint8Array, _f: Filing): Promise<Estimate> => {
    await new Promise((resolve) => setTimeout(resolve, 80));
    return estimate();
  };
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: slack,
    parse: slowParse,
    isProfitEstimate,
    config: { alertChannels: ['CALERTS'], backfillHours: 0, cycleDeadlineMs: 50 },
    log,
    now: () => NOW,
  });
  hkex.publish(filing('100', at(600), { title: 'MONTHLY RETURN' }));
  await pipeline.runCycle();
  hkex.publish(filing('3', at(1)), filing('2', at(2)), filing('1', at(3)));

  await pipeline.runCycle();
  // One PDF was read (it outlasted the deadline) and its alert is on disk as `posting`; the
  // others wait unread. Nothing was lost, and nothing was sent after the deadline.
  expect(hkex.downloads).toHaveLength(1);
  expect(store.unfinished().map((r) => [r.filing.id, r.state])).toEqual([
    ['1', 'posting'],
    ['2', 'seen'],
    ['3', 'seen'],
  ]);
  expect(slack.alerts()).toEqual([]);
  expect(lines().some((l) => String(l.msg).includes('poll cycle reached its deadline'))).toBe(true);

  for (let i = 0; i < 3; i++) await pipeline.runCycle();
  expect(
    slack
      .alerts()
      .map((m) => m.filingId)
      .sort(),
  ).toEqual(['1', '2', '3']);
});
