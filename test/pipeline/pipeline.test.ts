import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/estimate.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/index.js';
import type { PipelineStore } from '../../src/store/types.js';
import { estimate, FakeHkex, FakeSlack, filing, isProfitEstimate, quietLog, tableParse } from './fakes.js';

const NOW = new Date('2023-01-30T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const MINUTE = 60_000;

function setup(opts: { alertChannels?: string[]; backfillHours?: number; store?: PipelineStore } = {}) {
  const store = opts.store ?? createMemoryStore();
  const hkex = new FakeHkex();
  const slack = new FakeSlack();
  const estimates = new Map<string, Estimate>();
  const { parse, calls } = tableParse(estimates);
  const clock = { now: NOW };
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: slack,
    parse,
    isProfitEstimate,
    config: { alertChannels: opts.alertChannels ?? ['CALERTS'], backfillHours: opts.backfillHours ?? 0 },
    log: quietLog(),
    now: () => clock.now,
  });
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { store, hkex, slack, estimates, parseCalls: calls, pipeline, advance };
}

/** A store that has been running: not a first start. */
async function running(opts: Parameters<typeof setup>[0] = {}) {
  const t = setup(opts);
  t.hkex.publish(filing('100', hoursAgo(48), { title: 'MONTHLY RETURN' }));
  await t.pipeline.runCycle();
  return t;
}

describe('first start', () => {
  it('records the feed and parses its estimates without alerting', async () => {
    const t = setup();
    t.hkex.publish(
      filing('3', hoursAgo(1)),
      filing('2', hoursAgo(5), { title: 'MONTHLY RETURN' }),
      filing('1', hoursAgo(10)),
    );
    t.estimates
      .set('1', estimate())
      .set('3', estimate({ period: { start: null, end: '2023-06-30', type: 'interim' } }));

    const result = await t.pipeline.runCycle();

    expect(t.hkex.cursors[0]?.firstRun).toBe(true);
    expect(result).toMatchObject({ outcome: 'done', seen: 3, estimates: 2, silent: 2, posted: 0 });
    expect(t.slack.messages).toEqual([]);
    expect(t.store.byStock('06680').map((r) => [r.filing.id, r.state])).toEqual([
      ['3', 'parsed'],
      ['1', 'parsed'],
    ]);
    expect(t.store.has('2')).toBe(true);
    expect(t.store.get('3')?.estimate?.period.end).toBe('2023-06-30');
    expect(t.parseCalls).toEqual(['1', '3']);
  });

  it('alerts estimates released within BACKFILL_HOURS', async () => {
    const t = setup({ backfillHours: 2 });
    t.hkex.publish(filing('2', hoursAgo(1)), filing('1', hoursAgo(3)));
    t.estimates
      .set('1', estimate())
      .set('2', estimate({ period: { start: null, end: '2023-06-30', type: 'interim' } }));

    const result = await t.pipeline.runCycle();

    expect(result).toMatchObject({ silent: 1, posted: 1 });
    expect(t.slack.alerts().map((m) => m.filingId)).toEqual(['2']);
  });

  it('keeps a silent estimate silent when its parse succeeds on a later cycle', async () => {
    const t = setup();
    t.hkex.publish(filing('1', hoursAgo(10)));
    await t.pipeline.runCycle();
    expect(t.store.get('1')?.attempts).toBe(1);

    t.estimates.set('1', estimate());
    t.advance(5 * MINUTE);
    const result = await t.pipeline.runCycle();

    expect(t.hkex.cursors[1]?.firstRun).toBe(false);
    expect(result).toMatchObject({ estimates: 1, silent: 1, posted: 0 });
    expect(t.store.get('1')?.state).toBe('parsed');
    expect(t.slack.messages).toEqual([]);
  });
});

describe('a poll cycle', () => {
  it('alerts a new estimate once, and records the alert', async () => {
    const t = await running();
    t.hkex.publish(
      filing('200', hoursAgo(0.1)),
      filing('199', hoursAgo(0.2), { title: 'NEXT DAY DISCLOSURE' }),
    );
    t.estimates.set('200', estimate());

    const first = await t.pipeline.runCycle();
    const second = await t.pipeline.runCycle();

    expect(first).toMatchObject({ outcome: 'done', seen: 2, estimates: 1, posted: 1, failed: 0 });
    expect(second).toMatchObject({ seen: 0, posted: 0 });
    const [alert] = t.slack.alerts();
    expect(t.slack.alerts()).toHaveLength(1);
    expect(t.store.get('200')).toMatchObject({
      state: 'posted',
      targets: ['CALERTS'],
      alerts: [{ channel: 'CALERTS', ts: alert?.ts }],
    });
    // Not an estimate: kept compactly, known but without a record.
    expect(t.store.has('199')).toBe(true);
    expect(t.store.get('199')).toBeUndefined();
    expect(t.store.meta()).toEqual({ lastPollAt: NOW.toISOString(), lastPollError: null });
  });

  it('does not alert a filing whose document turns out not to be an estimate', async () => {
    const t = await running();
    t.hkex.publish(filing('200', hoursAgo(0.1), { title: 'PROFIT WARNING ON SUSPENSION' }));
    t.estimates.set('200', estimate({ kind: null }));

    const result = await t.pipeline.runCycle();
    const next = await t.pipeline.runCycle();

    expect(result).toMatchObject({ estimates: 0, posted: 0 });
    expect(next).toMatchObject({ seen: 0, estimates: 0, posted: 0 });
    expect(t.parseCalls).toEqual(['200']);
    expect(t.store.has('200')).toBe(true);
    expect(t.store.get('200')).toBeUndefined();
    expect(t.slack.messages).toEqual([]);
  });

  it('records the error and rethrows when the feed cannot be read', async () => {
    const t = await running();
    t.hkex.onPoll = async () => {
      throw new Error('HKEXnews feed https://www1.hkexnews.hk/x.json: HTTP 503');
    };

    await expect(t.pipeline.runCycle()).rejects.toThrow('HTTP 503');
    expect(t.store.meta().lastPollError).toContain('HTTP 503');
  });

  it('skips a cycle started while one is running', async () => {
    const t = await running();
    let release = () => {};
    t.hkex.onPoll = () => new Promise<void>((resolve) => (release = resolve));
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());

    const first = t.pipeline.runCycle();
    const second = await t.pipeline.runCycle();
    release();

    expect(second.outcome).toBe('skipped');
    expect(await first).toMatchObject({ outcome: 'done', posted: 1 });
    expect(t.hkex.cursors).toHaveLength(2); // the running store's cycle, then `first` only
    expect(t.slack.alerts()).toHaveLength(1);
  });

  it('forgets filings released more than 400 days ago', async () => {
    const t = setup();
    t.hkex.publish(filing('2', hoursAgo(399 * 24)), filing('1', hoursAgo(401 * 24)));
    await t.pipeline.runCycle();

    expect(t.store.has('1')).toBe(false);
    expect(t.store.has('2')).toBe(true);
    expect(t.store.byStock('06680').map((r) => r.filing.id)).toEqual(['2']);
  });
});

describe('routing', () => {
  it('adds the channels watching one of the stock codes, each once', async () => {
    const t = await running();
    t.store.watch('CWATCH', '00700');
    t.store.watch('CWATCH', '06680');
    t.store.watch('CALERTS', '06680');
    t.store.watch('COTHER', '09999');
    t.hkex.publish(filing('200', hoursAgo(0.1), { stockCodes: ['06680', '00700'] }));
    t.estimates.set('200', estimate());

    await t.pipeline.runCycle();

    expect(t.slack.alerts().map((m) => m.channel)).toEqual(['CALERTS', 'CWATCH']);
    expect(t.store.get('200')?.targets).toEqual(['CALERTS', 'CWATCH']);
  });

  it('marks an estimate with no channel to tell as posted without sending', async () => {
    const t = await running({ alertChannels: [] });
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());

    await t.pipeline.runCycle();

    expect(t.store.get('200')).toMatchObject({ state: 'posted', targets: [], alerts: [] });
    expect(t.slack.messages).toEqual([]);
  });
});

describe('revisions', () => {
  it("threads a later estimate of the same stock and period under the first one's alert", async () => {
    const t = await running();
    t.hkex.publish(filing('200', hoursAgo(3)));
    t.estimates.set('200', estimate());
    await t.pipeline.runCycle();

    t.store.watch('CWATCH', '06680');
    t.hkex.publish(
      filing('202', hoursAgo(1), { title: 'SUPPLEMENTAL ANNOUNCEMENT PROFIT WARNING' }),
      filing('201', hoursAgo(2), { title: 'UPDATE ON PROFIT WARNING' }),
    );
    t.estimates.set('201', estimate()).set('202', estimate());
    await t.pipeline.runCycle();

    const root = t.slack.alerts('200')[0]?.ts;
    expect(t.store.get('201')?.revisionOf).toBe('200');
    expect(t.store.get('202')?.revisionOf).toBe('201');
    expect(t.slack.alerts('201').map((m) => [m.channel, m.threadTs])).toEqual([
      ['CALERTS', root],
      ['CWATCH', null],
    ]);
    const firstInWatch = t.slack.alerts('201')[1]?.ts;
    expect(t.slack.alerts('202').map((m) => [m.channel, m.threadTs])).toEqual([
      ['CALERTS', root],
      ['CWATCH', firstInWatch],
    ]);
  });

  it('does not link estimates of another period or period type', async () => {
    const t = await running();
    t.hkex.publish(
      filing('202', hoursAgo(1)),
      filing('201', hoursAgo(2)),
      filing('200', hoursAgo(3), { stockCodes: ['00700'] }),
    );
    t.estimates
      .set('200', estimate())
      .set('201', estimate({ period: { start: '2022-07-01', end: '2022-12-31', type: 'interim' } }))
      .set('202', estimate({ period: { start: '2023-01-01', end: '2023-12-31', type: 'annual' } }));
    await t.pipeline.runCycle();

    expect(['200', '201', '202'].map((id) => t.store.get(id)?.revisionOf)).toEqual([null, null, null]);
    expect(t.slack.alerts().every((m) => m.threadTs === null)).toBe(true);
  });
});

describe('retries', () => {
  it('retries a failed parse with growing delays, then gives up and says so once', async () => {
    const t = await running();
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    const results = [await t.pipeline.runCycle()];
    expect(t.store.get('200')).toMatchObject({ state: 'seen', attempts: 1 });
    expect(t.store.get('200')?.error).toContain('no estimate found in 200');

    await t.pipeline.runCycle(); // too soon: not retried
    expect(t.parseCalls).toEqual(['200']);

    for (const delay of [1, 2, 4, 8]) {
      t.advance(delay * MINUTE - 1);
      await t.pipeline.runCycle();
      t.advance(1);
      results.push(await t.pipeline.runCycle());
    }
    t.advance(60 * MINUTE);
    await t.pipeline.runCycle();

    expect(t.parseCalls).toHaveLength(5);
    expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 0, 1]);
    expect(t.store.get('200')).toMatchObject({ state: 'failed', attempts: 5 });
    expect(t.slack.messages.map((m) => [m.kind, m.channel, m.filingId])).toEqual([
      ['failure', 'CALERTS', '200'],
    ]);
  });

  it('retries only the channel a post failed in, without repeating the others', async () => {
    const t = await running();
    t.store.watch('CWATCH', '06680');
    t.slack.refused.add('CWATCH');
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());

    await t.pipeline.runCycle();
    expect(t.store.get('200')).toMatchObject({ state: 'posting', attempts: 1 });
    expect(t.store.get('200')?.error).toContain('CWATCH: not_in_channel');

    t.slack.refused.clear();
    t.advance(MINUTE);
    const result = await t.pipeline.runCycle();

    expect(result.posted).toBe(1);
    expect(t.slack.alerts().map((m) => m.channel)).toEqual(['CALERTS', 'CWATCH']);
    expect(t.store.get('200')).toMatchObject({ state: 'posted', attempts: 0, error: null });
  });

  it('finds a sent alert whose response was lost instead of sending it again', async () => {
    const t = await running();
    t.slack.throwAfterSend = 1;
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());

    await t.pipeline.runCycle();
    t.advance(MINUTE);
    await t.pipeline.runCycle();

    expect(t.slack.alerts()).toHaveLength(1);
    expect(t.store.get('200')).toMatchObject({ state: 'posted', alerts: [{ ts: t.slack.alerts()[0]?.ts }] });
  });
});

describe('reconcile', () => {
  it('records alerts a crash left unrecorded and sends those that never went out', async () => {
    const t = await running();
    t.store.watch('CWATCH', '06680');
    t.hkex.publish(filing('201', hoursAgo(0.2), { stockCodes: ['00700'] }), filing('200', hoursAgo(0.3)));
    t.estimates.set('200', estimate()).set('201', estimate());
    t.slack.refused.add('CALERTS').add('CWATCH');
    await t.pipeline.runCycle();
    // As after a crash: 200 reached CALERTS, the rest never went out, and none of it was recorded.
    t.slack.refused.clear();
    const sent = await t.slack.postAlert('CALERTS', t.store.get('200') ?? expect.fail('200 not stored'));
    expect(t.store.inState('posting').map((r) => r.filing.id)).toEqual(['200', '201']);

    await t.pipeline.reconcile();

    expect(t.store.get('200')?.alerts).toEqual([sent, { channel: 'CWATCH', ts: expect.any(String) }]);
    expect(t.slack.alerts().map((m) => [m.filingId, m.channel])).toEqual([
      ['200', 'CALERTS'],
      ['200', 'CWATCH'],
      ['201', 'CALERTS'],
    ]);
    expect(t.store.inState('posted').map((r) => r.filing.id)).toEqual(['200', '201']);
  });
});
