import type { Low } from 'lowdb';
import { isKeptCompact, seenEntry } from './compact.js';
import { FilingIndexes } from './indexes.js';
import type { StoreData } from './schema.js';
import type { FilingRecord, FilingState, PipelineStore, StoreMeta } from './types.js';

// The Store over a lowdb database, whichever adapter it writes through. Changes are made in
// memory and written together by `flush`: one write per poll cycle, however many filings changed.

/** How stale the poll time in the file may grow before a poll that changed nothing writes it. */
const POLL_TIME_REFRESH_MS = 15 * 60_000;

const byRelease = (a: FilingRecord, b: FilingRecord) =>
  Date.parse(a.filing.releasedAt) - Date.parse(b.filing.releasedAt);

/** Indexes the data read, each table's filings in release order so that inserts append. */
function indexData(data: StoreData): FilingIndexes {
  const indexes = new FilingIndexes();
  const full = Object.values(data.filings).map(({ filing: f }) => ({
    id: f.id,
    at: f.releasedAt,
    idZh: f.idZh,
  }));
  const compact = [...data.seen.values()].map(([id, at, idZh]) => ({ id, at, idZh }));
  const known = [...full, ...compact].map((k) => ({ ...k, ms: Date.parse(k.at) }));
  for (const k of known.sort((a, b) => a.ms - b.ms)) indexes.addFiling(k.id, k.ms, k.idZh);
  for (const r of Object.values(data.filings)) indexes.add(r);
  return indexes;
}

/**
 * A store over `db`, whose data is already read and current. `onWriteError` turns a failed write
 * into an error naming the file.
 */
export function createStore(
  db: Low<StoreData>,
  onWriteError: (e: unknown) => Error = (e) => e as Error,
): PipelineStore {
  const data = db.data;
  const indexes = indexData(data);
  const watchers = new Map<string, Set<string>>();
  for (const [channel, codes] of Object.entries(data.watchlists))
    for (const code of codes) addWatcher(code, channel);
  let dirty = false;
  /** The poll time the file holds, as last written. */
  let writtenPollAt = data.meta.lastPollAt;
  const pollTimeStale = (at: string | null): boolean =>
    at !== null &&
    (writtenPollAt === null || Date.parse(at) - Date.parse(writtenPollAt) >= POLL_TIME_REFRESH_MS);
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
    has: (id) => id in data.filings || data.seen.has(id) || indexes.isChineseId(id),
    isEmpty: () => indexes.all.size === 0,

    put(record) {
      const { id, releasedAt, idZh } = record.filing;
      const full = data.filings[id];
      if (!full && !data.seen.has(id)) indexes.addFiling(id, Date.parse(releasedAt), idZh);
      if (isKeptCompact(record)) {
        if (full) indexes.remove(full);
        delete data.filings[id];
        data.seen.set(id, seenEntry(record.filing));
      } else {
        if (full) indexes.update(record);
        else indexes.add(record);
        data.seen.delete(id);
        data.filings[id] = record;
      }
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
        indexes.forgetTwin(r ? r.filing.idZh : data.seen.get(id)?.[2]);
        delete data.filings[id];
        data.seen.delete(id);
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

    addReport(report) {
      data.reports.push(report);
      dirty = true;
    },

    reports: (filingId) =>
      filingId === undefined ? [...data.reports] : data.reports.filter((r) => r.filingId === filingId),

    meta: (): StoreMeta => ({ ...data.meta }),

    setMeta(patch) {
      const next = { ...data.meta, ...patch };
      // Every poll notes its time; writing the whole file for that alone would rewrite it every
      // minute. The time is written with the next real change, or once it is a while old.
      const pollOnly = next.lastPollError === data.meta.lastPollError && !pollTimeStale(next.lastPollAt);
      data.meta = next;
      if (!pollOnly) dirty = true;
    },

    async flush() {
      if (!dirty) return writing ?? undefined;
      dirty = false;
      writtenPollAt = data.meta.lastPollAt;
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
