import { headOf } from './codec.js';
import { isKeptCompact, type SeenEntry, seenEntry } from './compact.js';
import { FilingIndexes } from './indexes.js';
import type { StoreData, StoreHead } from './schema.js';
import { type MonthKey, monthOf } from './segments.js';
import type { FilingRecord, FilingState, PipelineStore, StoreMeta } from './types.js';

// The Store over data in memory. Changes are made in memory and written together by `flush`, one
// write per poll cycle however many filings changed, and only what changed: the head when the
// watchlists, reports or poll state did, the months whose full records did, the compact entries
// added. What a write does with them is the writer's (index.ts: the store file and segments).

/** What changed since the last write. */
export interface StoreChanges {
  head: StoreHead | null;
  /** Each changed month's full records, as they are now. */
  months: Map<MonthKey, Record<string, FilingRecord>>;
  /** Compact entries added. */
  seen: SeenEntry[];
  /** Months before this one hold nothing any longer. */
  dropBefore: MonthKey | null;
}

export type StoreWriter = (changes: StoreChanges) => Promise<void>;

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
 * A store over `data`, already read and current, writing its changes with `write` (none: kept in
 * memory only). `onWriteError` turns a failed write into an error naming the file.
 */
export function createStore(
  data: StoreData,
  write: StoreWriter | null = null,
  onWriteError: (e: unknown) => Error = (e) => e as Error,
): PipelineStore {
  const indexes = indexData(data);
  const watchers = new Map<string, Set<string>>();
  for (const [channel, codes] of Object.entries(data.watchlists))
    for (const code of codes) addWatcher(code, channel);
  /** Full records by month of release, to write a changed month whole. */
  const months = new Map<MonthKey, Set<string>>();
  for (const r of Object.values(data.filings)) monthIds(r).add(r.filing.id);
  let headDirty = false;
  const dirtyMonths = new Set<MonthKey>();
  let newSeen: SeenEntry[] = [];
  let dropBefore: MonthKey | null = null;
  const dirty = () => headDirty || dirtyMonths.size > 0 || newSeen.length > 0 || dropBefore !== null;
  /** The poll time the file holds, as last written. */
  let writtenPollAt = data.meta.lastPollAt;
  const pollTimeStale = (at: string | null): boolean =>
    at !== null &&
    (writtenPollAt === null || Date.parse(at) - Date.parse(writtenPollAt) >= POLL_TIME_REFRESH_MS);
  /** The write under way, if any: a flush finding nothing new must still wait for it. */
  let writing: Promise<void> | null = null;

  function monthIds(r: FilingRecord): Set<string> {
    const month = monthOf(r.filing.releasedAt);
    let ids = months.get(month);
    if (!ids) {
      ids = new Set();
      months.set(month, ids);
    }
    return ids;
  }

  function forgetFull(r: FilingRecord): void {
    indexes.remove(r);
    monthIds(r).delete(r.filing.id);
    dirtyMonths.add(monthOf(r.filing.releasedAt));
    delete data.filings[r.filing.id];
  }

  function takeChanges(): StoreChanges {
    const changes: StoreChanges = {
      head: headDirty ? headOf(data) : null,
      months: new Map(
        [...dirtyMonths].map((month) => [
          month,
          Object.fromEntries(
            [...(months.get(month) ?? [])].map((id) => [id, data.filings[id] as FilingRecord]),
          ),
        ]),
      ),
      seen: newSeen,
      dropBefore,
    };
    headDirty = false;
    dirtyMonths.clear();
    newSeen = [];
    dropBefore = null;
    return changes;
  }

  /** A write that failed is redone whole by the next flush (appending entries twice is harmless). */
  function putBack(failed: StoreChanges): void {
    headDirty ||= failed.head !== null;
    for (const month of failed.months.keys()) dirtyMonths.add(month);
    newSeen = [...failed.seen, ...newSeen];
    if (failed.dropBefore !== null && (dropBefore === null || failed.dropBefore > dropBefore))
      dropBefore = failed.dropBefore;
  }

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
      const compact = data.seen.get(id);
      if (!full && !compact) indexes.addFiling(id, Date.parse(releasedAt), idZh);
      if (isKeptCompact(record)) {
        if (full) forgetFull(full);
        const entry = seenEntry(record.filing);
        if (compact?.join() !== entry.join()) newSeen.push(entry);
        data.seen.set(id, entry);
      } else {
        if (full) indexes.update(record);
        else indexes.add(record);
        data.seen.delete(id);
        data.filings[id] = record;
        monthIds(record).add(id);
        dirtyMonths.add(monthOf(releasedAt));
      }
    },

    byStock: (code) => records(indexes.byStock(code)),
    inState: (...states: FilingState[]) => records(indexes.inState(states)).sort(byRelease),
    unfinished: () => records(indexes.unfinished()).sort(byRelease),

    prune(releasedBefore) {
      const ids = indexes.all.takeBefore(Date.parse(releasedBefore));
      for (const id of ids) {
        const r = data.filings[id];
        if (r) forgetFull(r);
        indexes.forgetTwin(r ? r.filing.idZh : data.seen.get(id)?.[2]);
        data.seen.delete(id);
      }
      if (ids.length > 0) dropBefore = monthOf(releasedBefore);
      return ids.length;
    },

    watchlist: (channel) => [...(data.watchlists[channel] ?? [])],

    watch(channel, code) {
      const list = data.watchlists[channel] ?? [];
      if (list.includes(code)) return;
      data.watchlists[channel] = [...list, code].sort();
      addWatcher(code, channel);
      headDirty = true;
    },

    unwatch(channel, code) {
      const list = data.watchlists[channel] ?? [];
      if (!list.includes(code)) return false;
      const rest = list.filter((c) => c !== code);
      if (rest.length > 0) data.watchlists[channel] = rest;
      else delete data.watchlists[channel];
      watchers.get(code)?.delete(channel);
      headDirty = true;
      return true;
    },

    watchers: (code) => [...(watchers.get(code) ?? [])],

    addReport(report) {
      data.reports.push(report);
      headDirty = true;
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
      if (!pollOnly) headDirty = true;
    },

    async flush() {
      if (!write) {
        takeChanges();
        return;
      }
      if (!dirty()) return writing ?? undefined;
      // Writes go one after another: a later one must not overtake an earlier one's segment.
      const before = writing ?? Promise.resolve();
      if (headDirty) writtenPollAt = data.meta.lastPollAt;
      const changes = takeChanges();
      const done = before
        .catch(() => {})
        .then(() => write(changes))
        .catch((e: unknown) => {
          putBack(changes);
          throw onWriteError(e);
        });
      writing = done;
      try {
        await done;
      } finally {
        if (writing === done) writing = null;
      }
    },
  };
}
