import * as fsp from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore, openStore, type StoreFs } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { rec } from './records.js';
import { useTempDir } from './tempDir.js';

const ids = (records: { filing: { id: string } }[]) => records.map((r) => r.filing.id);

describe('the store', () => {
  it('is empty until a filing is recorded', () => {
    const store = createMemoryStore();
    store.watch('C1', '00700');
    expect(store.isEmpty()).toBe(true);
    store.put(rec('1', '2023-01-30T11:00:00Z'));
    expect(store.isEmpty()).toBe(false);
    expect(store.has('1')).toBe(true);
    expect(store.get('1')?.filing.id).toBe('1');
    expect(store.has('2')).toBe(false);
  });

  it('lists a stock code’s filings newest first, whatever order they came in', () => {
    const store = createMemoryStore();
    store.put(rec('2', '2023-01-02T00:00:00Z'));
    store.put(rec('3', '2023-01-03T00:00:00Z', { codes: ['06680', '00700'] }));
    store.put(rec('1', '2023-01-01T00:00:00Z'));
    store.put(rec('4', '2023-01-04T00:00:00Z', { codes: ['00700'] }));
    expect(ids(store.byStock('06680'))).toEqual(['3', '2', '1']);
    expect(ids(store.byStock('00700'))).toEqual(['4', '3']);
    expect(store.byStock('09999')).toEqual([]);
  });

  it('follows state changes in inState, oldest release first', () => {
    const store = createMemoryStore();
    store.put(rec('2', '2023-01-02T00:00:00Z', { state: 'posting' }));
    store.put(rec('1', '2023-01-01T00:00:00Z', { state: 'posting' }));
    store.put(rec('3', '2023-01-03T00:00:00Z', { state: 'parsed' }));
    expect(ids(store.inState('posting'))).toEqual(['1', '2']);

    store.put({ ...(store.get('1') ?? rec('1', '')), state: 'posted' });
    expect(ids(store.inState('posting'))).toEqual(['2']);
    expect(ids(store.inState('posted', 'parsed'))).toEqual(['1', '3']);
  });

  it('lists as unfinished only estimates still to parse or to post', () => {
    const store = createMemoryStore();
    const t = (d: number) => `2023-01-0${d}T00:00:00Z`;
    store.put(rec('seen', t(1)));
    store.put(rec('parsed', t(2), { state: 'parsed' }));
    store.put(rec('posting', t(3), { state: 'posting' }));
    store.put(rec('silent-seen', t(4), { silent: true }));
    store.put(rec('silent-parsed', t(5), { state: 'parsed', silent: true }));
    store.put(rec('posted', t(6), { state: 'posted' }));
    store.put(rec('failed', t(7), { state: 'failed' }));
    store.put(rec('not-estimate', t(8), { isEstimate: false }));
    expect(ids(store.unfinished())).toEqual(['seen', 'parsed', 'posting', 'silent-seen']);

    store.put({ ...(store.get('parsed') ?? rec('', '')), isEstimate: false });
    expect(ids(store.unfinished())).toEqual(['seen', 'posting', 'silent-seen']);
  });

  it('keeps watchlists per channel and knows who watches a code', () => {
    const store = createMemoryStore();
    store.watch('C1', '06680');
    store.watch('C1', '00700');
    store.watch('C1', '00700');
    store.watch('C2', '00700');
    expect(store.watchlist('C1')).toEqual(['00700', '06680']);
    expect(store.watchers('00700')).toEqual(['C1', 'C2']);

    expect(store.unwatch('C1', '00700')).toBe(true);
    expect(store.unwatch('C1', '00700')).toBe(false);
    expect(store.watchers('00700')).toEqual(['C2']);
    expect(store.watchlist('C3')).toEqual([]);
  });

  it('prunes filings released before an instant from every index', () => {
    const store = createMemoryStore();
    store.put(rec('1', '2022-01-01T00:00:00Z', { state: 'posting' }));
    store.put(rec('2', '2022-06-01T00:00:00Z', { codes: ['00700'] }));
    store.put(rec('3', '2023-01-01T00:00:00Z', { state: 'posting' }));

    expect(store.prune('2022-12-31T00:00:00Z')).toBe(2);
    expect(store.prune('2022-12-31T00:00:00Z')).toBe(0);
    expect(store.has('1')).toBe(false);
    expect(ids(store.byStock('06680'))).toEqual(['3']);
    expect(store.byStock('00700')).toEqual([]);
    expect(ids(store.inState('posting'))).toEqual(['3']);
    expect(ids(store.unfinished())).toEqual(['3']);
  });
});

describe('a filing known not to be an estimate', () => {
  it('is kept compactly: known by either id, but without a record in any list', () => {
    const store = createMemoryStore();
    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false, idZh: '1001' }));
    expect(store.isEmpty()).toBe(false);
    expect([store.has('1'), store.has('1001'), store.has('2')]).toEqual([true, true, false]);
    expect(store.get('1')).toBeUndefined();
    expect(store.byStock('06680')).toEqual([]);
    expect(store.inState('seen')).toEqual([]);
  });

  it('leaves every index once its parse finds no estimate', () => {
    const store = createMemoryStore();
    store.put(rec('1', '2023-01-01T00:00:00Z'));
    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false, state: 'parsed' }));
    expect(store.has('1')).toBe(true);
    expect(store.get('1')).toBeUndefined();
    expect([store.byStock('06680'), store.inState('seen', 'parsed'), store.unfinished()]).toEqual([
      [],
      [],
      [],
    ]);
  });

  it('is kept in full while it has an alert, whose thread is looked up by it', () => {
    const store = createMemoryStore();
    const alerted = rec('1', '2023-01-01T00:00:00Z', {
      isEstimate: false,
      alerts: [{ channel: 'C1', ts: '1.1' }],
    });
    store.put(alerted);
    expect(store.get('1')).toEqual(alerted);
  });

  it('is pruned with the others, Chinese id and all', () => {
    const store = createMemoryStore();
    store.put(rec('1', '2022-01-01T00:00:00Z', { isEstimate: false, idZh: '1001' }));
    store.put(rec('2', '2022-06-01T00:00:00Z'));
    store.put(rec('3', '2023-01-01T00:00:00Z', { isEstimate: false }));

    expect(store.prune('2022-12-31T00:00:00Z')).toBe(2);
    expect(['1', '1001', '2', '3'].map((id) => store.has(id))).toEqual([false, false, false, true]);
    expect(store.prune('2023-12-31T00:00:00Z')).toBe(1);
    expect(store.isEmpty()).toBe(true);
  });
});

describe('the store file', () => {
  const tmp = useTempDir();

  it('is created with its folder, and read back with indexes rebuilt', async () => {
    const path = join(tmp.dir, 'data', 'store.json');
    const store = await openStore(path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z', { state: 'posted', alerts: [{ channel: 'C1', ts: '1.2' }] }));
    store.put(rec('2', '2023-01-02T00:00:00Z', { state: 'posting', targets: ['C1'] }));
    store.put(rec('3', '2022-12-31T00:00:00Z', { isEstimate: false, idZh: '3003' }));
    store.watch('C1', '06680');
    store.setMeta({ lastPollAt: '2023-01-02T00:01:00.000Z' });
    await store.flush();

    const again = await openStore(path, quietLog());
    expect(again.isEmpty()).toBe(false);
    expect(again.get('1')).toEqual(store.get('1'));
    expect(ids(again.byStock('06680'))).toEqual(['2', '1']);
    expect(ids(again.inState('posting'))).toEqual(['2']);
    expect([again.has('3'), again.has('3003'), again.get('3')]).toEqual([true, true, undefined]);
    expect(again.prune('2023-01-01T00:00:00Z')).toBe(1);
    expect(again.watchers('06680')).toEqual(['C1']);
    expect(again.meta()).toEqual({ lastPollAt: '2023-01-02T00:01:00.000Z', lastPollError: null });
  });
});

describe('poll times', () => {
  it('does not rewrite the file for a poll that changed nothing, until its time is a while old', async () => {
    const writes: string[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'estimate-store-poll-'));
    try {
      const path = join(dir, 'store.json');
      const fs = {
        ...fsp,
        rename: async (from: string, to: string) => {
          writes.push(to);
          return fsp.rename(from, to);
        },
      } as StoreFs;
      const store = await openStore(path, quietLog(), { fs });
      const minute = (m: number) => new Date(Date.UTC(2025, 0, 1, 0, m)).toISOString();
      store.setMeta({ lastPollAt: minute(0) });
      await store.flush();
      for (let m = 1; m < 15; m++) {
        store.setMeta({ lastPollAt: minute(m), lastPollError: null });
        await store.flush();
      }
      expect(writes).toHaveLength(1);
      // An error is news, and a quarter of an hour later the time is written anyway.
      store.setMeta({ lastPollAt: minute(15), lastPollError: 'GET x failed' });
      await store.flush();
      store.setMeta({ lastPollAt: minute(31), lastPollError: 'GET x failed' });
      await store.flush();
      expect(writes).toHaveLength(3);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
