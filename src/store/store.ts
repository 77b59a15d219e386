import type { Low } from 'lowdb';
import { FilingIndexes } from './indexes.js';
import type { StoreData } from './schema.js';
import type { FilingRecord, FilingState, PipelineStore, StoreMeta } from './types.js';

// The Store over a lowdb database, whichever adapter it writes through. Changes are made in
// memory and written together by `flush`: one write per poll cycle, however many filings changed.

const byRelease = (a: FilingRecord, b: FilingRecord) =>
  Date.parse(a.filing.releasedAt) - Date.parse(b.filing.releasedAt);

/**
 * A store over `db`, whose data is already read and current. `onWriteError` turns a failed write
 * into an error naming the file.
 */
export function createStore(
  db: Low<StoreData>,
  onWriteError: (e: unknown) => Error = (e) => e as Error,
): PipelineStore {
  const data = db.data;
  const indexes = new FilingIndexes();
  for (const r of Object.values(data.filings)) indexes.add(r);
  const watchers = new Map<string, Set<string>>();
  for (const [channel, codes] of Object.entries(data.watchlists))
    for (const code of codes) addWatcher(code, channel);
  let dirty = false;
  /** The write under way, if any: a flush finding nothing new must still wait for it. */
  let writing: Promise<void> | null = null;

  function addWatcher(code: string, channel: string): void {
    const set = watchers.get(code) ?? new Set();
    set.add(channel);
    watchers.set(code, set);
  }

  const records = (ids: string[]) => ids.flatMap((id) => data.filings[id] ?? []);

  return {
    get: (id) => data.filings[id],
    has: (id) => id in data.filings,
    isEmpty: () => indexes.all.size === 0,

    put(record) {
      const { id } = record.filing;
      if (id in data.filings) indexes.update(record);
      else indexes.add(record);
      data.filings[id] = record;
      dirty = true;
    },

    byStock: (code) => records(indexes.byStock(code)),
    inState: (...states: FilingState[]) => records(indexes.inState(states)).sort(byRelease),
    unfinished: () => records(indexes.unfinished()).sort(byRelease),

    prune(releasedBefore) {
      const ids = indexes.all.takeBefore(Date.parse(releasedBefore));
      for (const id of ids) {
        const r = data.filings[id];
        if (r) indexes.remove(r);
        delete data.filings[id];
      }
      if (ids.length > 0) dirty = true;
      return ids.length;
    },

    watchlist: (channel) => [...(data.watchlists[channel] ?? [])],

    watch(channel, code) {
      const list = data.watchlists[channel] ?? [];
      if (list.includes(code)) return;
      data.watchlists[channel] = [...list, code].sort();
      addWatcher(code, channel);
      dirty = true;
    },

    unwatch(channel, code) {
      const list = data.watchlists[channel] ?? [];
      if (!list.includes(code)) return false;
      const rest = list.filter((c) => c !== code);
      if (rest.length > 0) data.watchlists[channel] = rest;
      else delete data.watchlists[channel];
      watchers.get(code)?.delete(channel);
      dirty = true;
      return true;
    },

    watchers: (code) => [...(watchers.get(code) ?? [])],

    meta: (): StoreMeta => ({ ...data.meta }),

    setMeta(patch) {
      data.meta = { ...data.meta, ...patch };
      dirty = true;
    },

    async flush() {
      if (!dirty) return writing ?? undefined;
      dirty = false;
      const write = db.write().catch((e: unknown) => {
        dirty = true;
        throw onWriteError(e);
      });
      writing = write;
      try {
        await write;
      } finally {
        if (writing === write) writing = null;
      }
    },
  };
}
