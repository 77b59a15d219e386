import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NO_FILTER } from '../../src/channel-filter.js';
import { openStore } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import { runCli } from '../cli/run-cli.js';
import { quietLog } from '../pipeline/fakes.js';
import { JL_MAG_RECORD } from '../slack/samples.js';
import { useTestDatabase } from './postgres-server.js';
import { rec } from './records.js';

// The store's contract, run against each backend: the JSON file with its segments, and
// PostgreSQL (a real server the suite starts itself, see postgres-server.ts). What one flush
// wrote, a reopened store reads back, whichever backend.

const dir = mkdtempSync(join(tmpdir(), 'estimate-contract-'));
const server = useTestDatabase();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const backends: [string, () => Promise<() => Promise<{ store: Awaited<ReturnType<typeof openStore>> }>>][] = [
  [
    'file',
    async () => {
      const path = join(dir, `store-${++n}.json`);
      return async () => ({ store: await openStore(path, quietLog()) });
    },
  ],
  [
    'postgres',
    async () => {
      const url = await server.get().createDatabase();
      return async () => ({ store: await openPostgresStore(url, quietLog()) });
    },
  ],
];

describe.each(backends)('the %s store', (_name, fresh) => {
  it('reads back what it wrote: full and compact filings, watchlists, filters, reports, poll state', async () => {
    const open = await fresh();
    const { store } = await open();
    expect(store.isEmpty()).toBe(true);
    store.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted', alerts: [{ channel: 'C1', ts: '1.1' }] }));
    store.put(rec('2', '2024-01-03T00:00:00Z', { isEstimate: false, idZh: '2002' }));
    store.put(rec('3', '2024-02-01T00:00:00Z', { state: 'parsed' }));
    store.watch('C1', '06680');
    store.setFilter('C1', { ...NO_FILTER, minChangePct: '30' });
    store.addReport({
      filingId: '1',
      field: 'other',
      value: 'x',
      note: '',
      user: 'U1',
      at: '2024-01-02T01:00:00Z',
    });
    store.setMeta({ lastPollAt: '2024-02-01T00:01:00Z' });
    await store.close();

    const { store: again } = await open();
    expect(again.get('1')?.alerts).toEqual([{ channel: 'C1', ts: '1.1' }]);
    expect(again.has('2')).toBe(true);
    expect(again.has('2002')).toBe(true);
    expect(again.get('2')).toBeUndefined();
    expect(again.unfinished().map((r) => r.filing.id)).toEqual(['3']);
    expect(again.byStock('06680').map((r) => r.filing.id)).toEqual(['3', '1']);
    expect(again.watchers('06680')).toEqual(['C1']);
    expect(again.filter('C1')?.minChangePct).toBe('30');
    expect(again.reports('1')).toHaveLength(1);
    expect(again.meta().lastPollAt).toBe('2024-02-01T00:01:00Z');
    await again.close();
  });

  it('keeps the last of a filing written twice, and forgets what was pruned', async () => {
    const open = await fresh();
    const { store } = await open();
    store.put(rec('1', '2024-01-02T00:00:00Z'));
    await store.flush();
    store.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted' }));
    store.put(rec('9', '2025-06-01T00:00:00Z'));
    await store.flush();
    store.prune('2025-01-01T00:00:00Z');
    await store.close();
    const { store: again } = await open();
    expect(again.has('1')).toBe(false);
    expect(again.get('9')?.state).toBe('seen');
    await again.close();
  });
});

describe('in PostgreSQL, shared by replicas', () => {
  it("takes in another replica's filings and head on refresh", async () => {
    const url = await server.get().createDatabase();
    const [leader, follower] = [
      await openPostgresStore(url, quietLog()),
      await openPostgresStore(url, quietLog()),
    ];
    leader.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted' }));
    leader.put(rec('2', '2024-01-03T00:00:00Z', { isEstimate: false }));
    leader.setMeta({ lastPollError: 'HKEXnews down' });
    await leader.flush();
    expect(follower.has('1')).toBe(false);
    await follower.refresh();
    expect(follower.get('1')?.state).toBe('posted');
    expect(follower.has('2')).toBe(true);
    expect(follower.meta().lastPollError).toBe('HKEXnews down');
    leader.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted', alerts: [{ channel: 'C1', ts: '1.1' }] }));
    await leader.flush();
    await follower.refresh();
    expect(follower.get('1')?.alerts).toEqual([{ channel: 'C1', ts: '1.1' }]);
    await Promise.all([leader.close(), follower.close()]);
  });

  it("keeps both replicas' changes to the head, each replayed onto the other's", async () => {
    const url = await server.get().createDatabase();
    const [a, b] = [await openPostgresStore(url, quietLog()), await openPostgresStore(url, quietLog())];
    a.watch('C1', '06680');
    b.watch('C2', '00700');
    b.subscribe('C2');
    await a.flush();
    await b.flush();
    expect(b.watchlist('C1')).toEqual(['06680']);
    a.unwatch('C1', '06680');
    a.setFilter('C1', { ...NO_FILTER, minChangePct: '50' });
    await a.flush();
    expect(a.watchlist('C2')).toEqual(['00700']);
    expect(a.subscriptions()).toEqual(['C2']);
    await b.refresh();
    expect(b.watchlist('C1')).toEqual([]);
    expect(b.watchers('06680')).toEqual([]);
    expect(b.filter('C1')?.minChangePct).toBe('50');
    await Promise.all([a.close(), b.close()]);
    const again = await openPostgresStore(url, quietLog());
    expect(again.channels()).toEqual(['C1', 'C2']);
    await again.close();
  });

  it("keeps a replica's unwritten poll time when it takes in another's head", async () => {
    const url = await server.get().createDatabase();
    const [a, b] = [await openPostgresStore(url, quietLog()), await openPostgresStore(url, quietLog())];
    a.setMeta({ lastPollAt: '2026-11-30T10:00:00.000Z' });
    await a.flush();
    // A minute later: too fresh to be worth a write of its own.
    a.setMeta({ lastPollAt: '2026-11-30T10:01:00.000Z' });
    await a.flush();
    b.watch('C1', '06680');
    await b.flush();
    await a.refresh();
    expect(a.watchlist('C1')).toEqual(['06680']);
    expect(a.meta().lastPollAt).toBe('2026-11-30T10:01:00.000Z');
    await Promise.all([a.close(), b.close()]);
  });

  it('gives each replica its own key, and one leader at a time', async () => {
    const url = await server.get().createDatabase();
    const [a, b] = [await openPostgresStore(url, quietLog()), await openPostgresStore(url, quietLog())];
    expect(a.replica.key).not.toBe(b.replica.key);
    expect(await a.replica.lead()).toBe(true);
    expect(await b.replica.lead()).toBe(false);
    await a.close();
    expect(await b.replica.lead()).toBe(true);
    await b.close();
  });

  it('says when its session is gone, and another replica leads at once', async () => {
    const url = await server.get().createDatabase();
    const [a, b] = [await openPostgresStore(url, quietLog()), await openPostgresStore(url, quietLog())];
    expect(await a.replica.lead()).toBe(true);
    const lost = new Promise<Error>((resolve) => a.replica.onLost(resolve));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND objsubid = 2 AND objid::bigint = $1`,
      [a.replica.key],
    );
    await admin.end();
    await expect(lost).resolves.toBeInstanceOf(Error);
    expect(a.replica.isLeader()).toBe(false);
    expect(await a.replica.lead()).toBe(false);
    // The terminated backend lets go of its locks as it exits, just after it says so.
    await vi.waitFor(async () => expect(await b.replica.lead()).toBe(true), { timeout: 5000, interval: 50 });
    await Promise.allSettled([a.close(), b.close()]);
  });
});

describe('cli migrate-store', () => {
  const migrate = (...args: string[]) => runCli(['migrate-store', ...args], { PATH: process.env.PATH });

  it('copies a store file into an empty database, once', async () => {
    const path = join(dir, 'to-migrate.json');
    const file = await openStore(path, quietLog());
    file.put(rec('1', '2024-01-02T00:00:00Z', { state: 'posted', alerts: [{ channel: 'C1', ts: '1.1' }] }));
    file.put(rec('2', '2024-01-03T00:00:00Z', { isEstimate: false }));
    file.watch('C1', '06680');
    await file.close();
    const url = await server.get().createDatabase();

    const copied = await migrate('--from', path, '--to', url);
    expect(copied).toMatchObject({ code: 0 });
    expect(copied.stdout).toContain('copied 2 filings');
    expect(copied.stdout).not.toContain(server.get().password);

    const store = await openPostgresStore(url, quietLog());
    expect(store.get('1')?.alerts).toEqual([{ channel: 'C1', ts: '1.1' }]);
    expect(store.has('2')).toBe(true);
    expect(store.watchlist('C1')).toEqual(['06680']);
    await store.close();

    const again = await migrate('--from', path, '--to', url);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is not empty');
  });

  it('explains its arguments', async () => {
    expect((await migrate('--from', 'x.json')).code).toBe(2);
  });
});

describe('cli export and reports with DATABASE_URL', () => {
  it('read the store in the database', async () => {
    const url = await server.get().createDatabase();
    const store = await openPostgresStore(url, quietLog());
    store.put(JL_MAG_RECORD);
    store.addReport({
      filingId: JL_MAG_RECORD.filing.id,
      field: 'prior',
      value: '1',
      note: 'n',
      user: 'U1',
      at: '2024-01-03T00:00:00Z',
    });
    await store.close();
    const env = { PATH: process.env.PATH, DATABASE_URL: url, DB_PATH: join(dir, 'absent.json') };
    const csv = await runCli(['export', '--from', '2023-01-30', '--to', '2023-01-30'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('06680');
    const reports = await runCli(['reports'], env);
    expect(reports).toMatchObject({ code: 0 });
    expect(JSON.parse(reports.stdout)).toMatchObject({ filingId: JL_MAG_RECORD.filing.id, user: 'U1' });
  });
});
