import * as fsp from 'node:fs/promises';
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DurableFile } from '../../src/store/file.js';
import { openStore, type StoreFs, StoreIoError, segmentsDir } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { rec } from './records.js';
import { useTempDir } from './tempDir.js';

// Every write reaches the disk before it counts as done: the new text is synced in a temporary
// file, renamed over the store, and the directory synced; a write that fails leaves the old file.

const tmp = useTempDir();

type Fault = 'write' | 'sync' | 'rename' | null;

/** Node's file operations, recording what they do to the store, with a fault to inject. */
function recordingFs() {
  const events: string[] = [];
  const state: { fault: Fault } = { fault: null };
  const segments = segmentsDir(tmp.path);
  const name = (p: unknown) =>
    p === tmp.path
      ? 'store'
      : p === tmp.dir
        ? 'dir'
        : p === segments
          ? 'segments dir'
          : String(p).startsWith(`${segments}/.`)
            ? 'segment temp'
            : String(p).startsWith(segments)
              ? basename(String(p))
              : 'temp';
  const fs: StoreFs = {
    ...fsp,
    open: async (path, flags) => {
      const handle = await fsp.open(path, flags);
      const write = handle.writeFile.bind(handle);
      const sync = handle.sync.bind(handle);
      handle.writeFile = async (data, options) => {
        if (state.fault === 'write') {
          // A disk that fills half way through.
          await write(String(data).slice(0, 10), options);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }
        events.push(`write ${name(path)}`);
        return write(data, options);
      };
      handle.sync = async () => {
        if (state.fault === 'sync') throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        events.push(`sync ${name(path)}`);
        return sync();
      };
      return handle;
    },
    rename: async (from, to) => {
      if (state.fault === 'rename') throw Object.assign(new Error('EXDEV: rename'), { code: 'EXDEV' });
      events.push(`rename ${name(from)} to ${name(to)}`);
      return fsp.rename(from, to);
    },
  };
  return { fs, events, state };
}

describe('a write', () => {
  it('syncs the new text, renames it over the store, then syncs the directory', async () => {
    const { fs, events } = recordingFs();
    const store = await openStore(tmp.path, quietLog(), { fs });
    store.watch('C1', '00001');

    await store.flush();

    expect(events).toEqual(['write temp', 'sync temp', 'rename temp to store', 'sync dir']);
    expect(JSON.parse(await readFile(tmp.path, 'utf8')).watchlists).toEqual({ C1: ['00001'] });
    expect((await readdir(tmp.dir)).sort()).toEqual(['store.json', 'store.json.lock']);
  });

  it("of filings appends each as it is now to its month's log, and nothing else", async () => {
    const { fs, events } = recordingFs();
    const store = await openStore(tmp.path, quietLog(), { fs });
    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false }));
    store.put(rec('2', '2023-01-02T00:00:00Z'));
    store.put(rec('2', '2023-01-02T00:00:00Z', { state: 'parsed' }));

    await store.flush();

    expect(events).toEqual(['write 2023-01.jsonl', 'sync 2023-01.jsonl', 'sync segments dir']);
    events.length = 0;
    store.put(rec('3', '2023-02-03T00:00:00Z', { isEstimate: false }));
    store.put(rec('2', '2023-01-02T00:00:00Z', { state: 'posted' }));
    await store.flush();
    // The new lines only: no month rewritten, the head untouched.
    expect(events).toEqual([
      'write 2023-02.jsonl',
      'sync 2023-02.jsonl',
      'write 2023-01.jsonl',
      'sync 2023-01.jsonl',
      'sync segments dir',
    ]);
    const january = await readFile(join(segmentsDir(tmp.path), '2023-01.jsonl'), 'utf8');
    expect(
      january
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line)),
    ).toEqual([
      ['1', '2023-01-01T00:00:00Z'],
      rec('2', '2023-01-02T00:00:00Z', { state: 'parsed' }),
      rec('2', '2023-01-02T00:00:00Z', { state: 'posted' }),
    ]);
    await store.close();
    expect((await openStore(tmp.path, quietLog())).get('2')?.state).toBe('posted');
  });

  it('of nothing new writes nothing', async () => {
    const { fs, events } = recordingFs();
    const store = await openStore(tmp.path, quietLog(), { fs });
    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false }));
    store.setMeta({ lastPollAt: '2023-01-01T00:00:00Z' });
    await store.flush();
    events.length = 0;

    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false }));
    store.setMeta({ lastPollAt: '2023-01-01T00:01:00Z' });
    await store.flush();

    expect(events).toEqual([]);
  });

  it.each<Fault>(['write', 'sync', 'rename'])(
    'failing (%s) leaves the old file whole and is redone by the next flush',
    async (fault) => {
      const { fs, state } = recordingFs();
      const store = await openStore(tmp.path, quietLog(), { fs });
      store.watch('C1', '00001');
      await store.flush();
      const before = await readFile(tmp.path, 'utf8');

      store.watch('C1', '00002');
      state.fault = fault;
      await expect(store.flush()).rejects.toThrow(StoreIoError);
      await expect(store.flush()).rejects.toThrow(`could not write store file ${tmp.path}`);

      expect(await readFile(tmp.path, 'utf8')).toBe(before);
      expect((await readdir(tmp.dir)).sort()).toEqual(['store.json', 'store.json.lock']);
      state.fault = null;
      await store.flush();
      await store.close();
      expect((await openStore(tmp.path, quietLog())).watchlist('C1')).toEqual(['00001', '00002']);
    },
  );

  it('waits for the one before it, and the last one wins', async () => {
    const { fs } = recordingFs();
    let open = 0;
    let most = 0;
    const counting: StoreFs = {
      ...fs,
      open: async (path, flags) => {
        const handle = await fs.open(path, flags);
        if (path === tmp.path || flags !== 'w') return handle;
        most = Math.max(most, ++open);
        const close = handle.close.bind(handle);
        handle.close = () => {
          open -= 1;
          return close();
        };
        return handle;
      },
    };
    const file = new DurableFile<number[]>(
      tmp.path,
      { parse: JSON.parse, stringify: JSON.stringify },
      counting,
    );

    await Promise.all([1, 2, 3, 4, 5].map((n) => file.write(Array.from({ length: 50_000 }, () => n))));

    expect(most).toBe(1);
    expect(new Set(JSON.parse(await readFile(tmp.path, 'utf8')))).toEqual(new Set([5]));
  });

  it('counts on a directory sync being unsupported by the file system as done', async () => {
    const unsupported: StoreFs = {
      ...fsp,
      open: async (path, flags) => {
        const handle = await fsp.open(path, flags);
        if (path === tmp.dir)
          handle.sync = () => Promise.reject(Object.assign(new Error('EINVAL'), { code: 'EINVAL' }));
        return handle;
      },
    };
    const file = new DurableFile<string>(
      tmp.path,
      { parse: JSON.parse, stringify: JSON.stringify },
      unsupported,
    );
    await file.write('x');
    expect(await file.read()).toBe('x');
  });
});
