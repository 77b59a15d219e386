import { afterAll, describe, expect, it } from 'vitest';
import type { Delivery } from '../../src/deliveries.js';
import { createDeliveryWorker } from '../../src/pipeline/delivery-worker.js';
import { openPostgresStore, type PostgresStore } from '../../src/store/postgres.js';
import type { FilingRecord } from '../../src/store/types.js';
import { useTestDatabase } from '../store/postgres-server.js';
import { rec } from '../store/records.js';
import { estimate, FakeSlack, quietLog } from './fakes.js';

// Deliveries as rows on a real PostgreSQL: claims never overlap, a revision waits for the alert
// it is threaded under, a gone workspace is skipped without holding up others, a failure is
// retried asking Slack first, and a claim left by a dead replica is taken over.

const server = useTestDatabase();

const opened: PostgresStore[] = [];
async function replicas<N extends 1 | 2>(
  count: N,
): Promise<N extends 1 ? [PostgresStore] : [PostgresStore, PostgresStore]> {
  const url = await server.get().createDatabase();
  const list: PostgresStore[] = [];
  for (let i = 0; i < count; i++) list.push(await openPostgresStore(url, quietLog()));
  opened.push(...list);
  return list as N extends 1 ? [PostgresStore] : [PostgresStore, PostgresStore];
}
afterAll(async () => {
  await Promise.allSettled(opened.map((s) => s.close()));
});

const parsed = (id: string, over = {}) =>
  rec(id, '2026-11-30T08:00:00Z', { state: 'posted', estimate: estimate(), ...over });

const worker = (store: PostgresStore, slack: FakeSlack, isGone?: (e: unknown) => boolean) =>
  createDeliveryWorker({
    queue: store.deliveries,
    store,
    alerts: slack,
    log: quietLog(),
    ...(isGone && { isGone }),
  });

const targets = (n: number) => Array.from({ length: n }, (_, i) => `T${i}:C${i}`);
const alertOnce = { kind: 'alert', after: null, verify: false } as const;

describe('the delivery queue', () => {
  it('never lets two replicas claim the same delivery', async () => {
    const [a, b] = await replicas(2);
    a.put(parsed('1'));
    await a.flush();
    await a.deliveries.enqueue('1', targets(40), alertOnce);
    await a.deliveries.enqueue('1', targets(40), alertOnce);
    const claims: Delivery[][] = await Promise.all([
      a.deliveries.claim(25),
      b.deliveries.claim(25),
      a.deliveries.claim(25),
    ]);
    const all = claims.flat().map((d) => d.target);
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(await b.deliveries.claim(25)).toEqual([]);
  });

  it('takes over a claim whose replica died, asking Slack before sending', async () => {
    const [a, b] = await replicas(2);
    a.put(parsed('1'));
    await a.flush();
    await a.deliveries.enqueue('1', ['C1', 'C2'], alertOnce);
    const claimed = await a.deliveries.claim(10);
    expect(claimed).toHaveLength(2);
    expect(await b.deliveries.claim(10)).toEqual([]);
    const slack = new FakeSlack();
    // The dead replica's message to C1 went out; its message to C2 did not.
    await slack.postAlert('C1', parsed('1'));
    await a.close();
    await b.refresh();
    expect(await worker(b, slack).runOnce()).toBe(2);
    expect(
      slack
        .alerts('1')
        .map((m) => m.channel)
        .sort(),
    ).toEqual(['C1', 'C2']);
    expect(slack.findCalls).toBe(2);
    expect((await b.deliveries.alertsOf(['1'])).map((d) => d.channel).sort()).toEqual(['C1', 'C2']);
  });
});

describe('the delivery worker', () => {
  it('threads a revision under the earlier alert, once that alert is sent', async () => {
    const [store] = await replicas(1);
    store.put(parsed('1'));
    store.put(parsed('2', { revisionOf: '1' }));
    await store.flush();
    // The revision is recorded first, but waits for the alert it is threaded under.
    await store.deliveries.enqueue('2', ['C1'], { kind: 'alert', after: '1', verify: false });
    await store.deliveries.enqueue('1', ['C1'], alertOnce);
    const slack = new FakeSlack();
    const w = worker(store, slack);
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(1);
    const [first, revision] = slack.alerts();
    expect(first?.filingId).toBe('1');
    expect(revision).toMatchObject({ filingId: '2', threadTs: first?.ts });
  });

  it('skips a gone workspace and retries a failure after its backoff; neither holds up another', async () => {
    const [store] = await replicas(1);
    store.put(parsed('1'));
    await store.flush();
    await store.deliveries.enqueue('1', ['TGONE:C1', 'TBUSY:C1', 'TOK:C1'], alertOnce);
    const slack = new FakeSlack();
    const sink = Object.assign(Object.create(slack) as FakeSlack, {
      async postAlert(channel: string, record: FilingRecord) {
        if (channel === 'TGONE:C1') throw new Error('An API error occurred: account_inactive');
        if (channel === 'TBUSY:C1') throw new Error('An API error occurred: fatal_error');
        return slack.postAlert(channel, record);
      },
    });
    const w = worker(store, sink, (e) => String(e).includes('account_inactive'));
    expect(await w.runOnce()).toBe(3);
    expect(slack.alerts('1').map((m) => m.channel)).toEqual(['TOK:C1']);
    // The busy one waits out its backoff; the gone one is never tried again.
    expect(await w.runOnce()).toBe(0);
    expect((await store.deliveries.alertsOf(['1'])).map((d) => d.channel)).toEqual(['TOK:C1']);
  });

  it('adds nothing when a delivery is enqueued again, whatever became of it', async () => {
    const [store] = await replicas(1);
    store.put(parsed('1'));
    await store.flush();
    await store.deliveries.enqueue('1', ['C1'], alertOnce);
    const slack = new FakeSlack();
    slack.refused.add('C1');
    const [d] = await store.deliveries.claim(1);
    if (!d) throw new Error('nothing claimed');
    await store.deliveries.end(d, 'failed', 'no');
    await store.deliveries.enqueue('1', ['C1'], alertOnce);
    expect(await worker(store, slack).runOnce()).toBe(0);
  });

  it('forgets sent deliveries with their pruned filings', async () => {
    const [store] = await replicas(1);
    store.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted', estimate: estimate() }));
    store.put(rec('2', '2025-06-01T00:00:00Z', { state: 'posted', estimate: estimate() }));
    await store.flush();
    await store.deliveries.enqueue('1', ['C1'], alertOnce);
    await store.deliveries.enqueue('2', ['C1'], alertOnce);
    expect(await worker(store, new FakeSlack()).runOnce()).toBe(2);
    store.prune('2025-01-01T00:00:00Z');
    await store.flush();
    expect((await store.deliveries.alertsOf(['1', '2'])).map((d) => d.filingId)).toEqual(['2']);
  });

  it('records a sent delivery when the database was briefly away, sending it once', async () => {
    const [store] = await replicas(1);
    store.put(parsed('1'));
    await store.flush();
    await store.deliveries.enqueue('1', ['C1'], alertOnce);
    let refusals = 1;
    const queue = {
      ...store.deliveries,
      posted: async (d: Delivery, ts: string) => {
        if (refusals-- > 0) throw new Error('Connection terminated unexpectedly');
        return store.deliveries.posted(d, ts);
      },
    };
    const slack = new FakeSlack();
    const sent: string[] = [];
    const w = createDeliveryWorker({
      queue,
      store,
      alerts: slack,
      log: quietLog(),
      onSent: (d) => sent.push(d.target),
    });
    expect(await w.runOnce()).toBe(1);
    expect(slack.alerts('1')).toHaveLength(1);
    expect(sent).toEqual(['C1']);
    expect((await store.deliveries.alertsOf(['1'])).map((d) => d.channel)).toEqual(['C1']);
  });
});
