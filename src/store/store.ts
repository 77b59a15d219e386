import { headOf, withFilings } from './codec.js';
import { isKeptCompact, type SeenEntry, seenEntry } from './compact.js';
import { FilingIndexes } from './indexes.js';
import type { StoreData, StoreHead, WorkspaceRecord } from './schema.js';
import { type MonthKey, monthOf, type SegmentLine } from './segments.js';
import type { FilingRecord, FilingState, PipelineStore, StoreMeta } from './types.js';

// The Store over data in memory. Changes are made in memory and written together by `flush`, one
// write per poll cycle however many filings changed, and only what changed: the head when the
// watchlists, reports or poll state did, and each filing put since the last write, as it is now.
// What a write does with them is the writer's (index.ts: the store file and segments).

/** The fields of the head that commands and polls change. */
export type HeadFields = Pick<
  StoreData,
  'watchlists' | 'reports' | 'filters' | 'subscriptions' | 'workspaces' | 'meta'
>;

/**
 * One change to the head, as a function that makes it. A database shared by replicas replays a
 * write's changes onto the head as it stands there, so that two replicas' changes to different
 * channels both survive (postgres.ts); the file, with one writer, takes the head as it is.
 */
export type HeadOp = (head: HeadFields) => void;

/** What changed since the last write. */
export interface StoreChanges {
  head: StoreHead | null;
  /** The changes that made `head` from the head last written or absorbed, in order. */
  ops: HeadOp[];
  /** The filings put, each as it is now, in the order of their last put. */
  filings: SegmentLine[];
  /** Months before this one hold nothing any longer. */
  dropBefore: MonthKey | null;
}

/** Writes the changes; a writer merging with other writers' returns the head as it now stands. */
export type StoreWriter = (changes: StoreChanges) => Promise<StoreHead | undefined>;

/** A store kept in step with a database other replicas write too. */
export interface SharedStore extends PipelineStore {
  /**
   * Takes in what other replicas wrote: filings (not those changed here and unwritten) and the
   * head, onto which this replica's unwritten changes are replayed.
   */
  absorb(filings: SegmentLine[], head: StoreHead | null): void;
}

/** How stale the poll time in the file may grow before a poll that changed nothing writes it. */
const POLL_TIME_REFRESH_MS = 15 * 60_000;

const byRelease = (a: FilingRecord, b: FilingRecord) =>
  Date.parse(a.filing.releasedAt) - Date.parse(b.filing.releasedAt);

type Known = [id: string, releasedAtMs: number, idZh: string | null | undefined];

/**
 * Indexes the data read, every filing in release order so that inserts append. The segments
 * come in month order and mostly in release order within a month, so the compact and the full
 * filings are each sorted only if they are not already, then merged.
 */
function indexData(data: StoreData): FilingIndexes {
  const compact: Known[] = [];
  for (const [id, at, idZh] of data.seen.values()) compact.push([id, Date.parse(at), idZh]);
  const full: Known[] = Object.values(data.filings).map(({ filing: f }) => [
    f.id,
    Date.parse(f.releasedAt),
    f.idZh,
  ]);
  const indexes = new FilingIndexes();
  for (const [id, ms, idZh] of mergeSorted(sortedByRelease(compact), sortedByRelease(full)))
    indexes.addFiling(id, ms, idZh);
  for (const r of Object.values(data.filings)) indexes.add(r);
  return indexes;
}

function sortedByRelease(known: Known[]): Known[] {
  for (let i = 1; i < known.length; i++)
    if ((known[i] as Known)[1] < (known[i - 1] as Known)[1]) return known.sort((a, b) => a[1] - b[1]);
  return known;
}

function* mergeSorted(a: Known[], b: Known[]): Generator<Known> {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x[1] <= y[1])) {
      i++;
      yield x as Known;
    } else {
      j++;
      yield y;
    }
  }
}

/**
 * A store over `data`, already read and current, writing its changes with `write` (none: kept in
 * memory only). `onWriteError` turns a failed write into an error naming the file.
 */
export function createStore(
  data: StoreData,
  write: StoreWriter | null = null,
  onWriteError: (e: unknown) => Error = (e) => e as Error,
): SharedStore {
  const indexes = indexData(data);
  let watchers = new Map<string, Set<string>>();
  indexWatchers();
  let headDirty = false;
  let ops: HeadOp[] = [];
  /** Makes a change to the head, kept for the next write. */
  function apply(op: HeadOp): void {
    op(data);
    ops.push(op);
    headDirty = true;
  }
  /** Filings put since the last write, by id. */
  let changed = new Map<string, SegmentLine>();
  let dropBefore: MonthKey | null = null;
  const dirty = () => headDirty || changed.size > 0 || dropBefore !== null;

  function change(id: string, line: SegmentLine): void {
    // Moved to the end: lines are written in the order of the last change.
    changed.delete(id);
    changed.set(id, line);
  }
  /** The poll time the file holds, as last written. */
  let writtenPollAt = data.meta.lastPollAt;
  const pollTimeStale = (at: string | null): boolean =>
    at !== null &&
    (writtenPollAt === null || Date.parse(at) - Date.parse(writtenPollAt) >= POLL_TIME_REFRESH_MS);
  /** The write under way, if any: a flush finding nothing new must still wait for it. */
  let writing: Promise<void> | null = null;

  function takeChanges(): StoreChanges {
    // Without a head to write, its pending changes (the poll time) wait for the next that has one.
    const changes: StoreChanges = {
      head: headDirty ? headOf(data) : null,
      ops: headDirty ? ops : [],
      filings: [...changed.values()],
      dropBefore,
    };
    if (headDirty) ops = [];
    headDirty = false;
    changed = new Map();
    dropBefore = null;
    return changes;
  }

  /**
   * A write that failed is redone by the next flush; a filing put again since keeps its newer
   * line (a log written in part holds some lines twice, which is harmless: the last one counts).
   */
  function putBack(failed: StoreChanges): void {
    headDirty ||= failed.head !== null;
    ops = [...failed.ops, ...ops];
    const newer = changed;
    changed = new Map();
    for (const line of failed.filings) {
      const id = Array.isArray(line) ? line[0] : line.filing.id;
      if (!newer.has(id)) changed.set(id, line);
    }
    for (const [id, line] of newer) changed.set(id, line);
    if (failed.dropBefore !== null && (dropBefore === null || failed.dropBefore > dropBefore))
      dropBefore = failed.dropBefore;
  }

  function indexWatchers(): void {
    watchers = new Map();
    for (const [channel, codes] of Object.entries(data.watchlists))
      for (const code of codes) {
        const set = watchers.get(code) ?? new Set();
        set.add(channel);
        watchers.set(code, set);
      }
  }

  /** The head as another writer left it, with this replica's unwritten changes replayed onto it. */
  function adoptHead(head: StoreHead): void {
    const next = withFilings(head, { filings: data.filings, seen: data.seen });
    for (const op of ops) op(next);
    Object.assign(data, {
      watchlists: next.watchlists,
      reports: next.reports,
      filters: next.filters,
      subscriptions: next.subscriptions,
      workspaces: next.workspaces,
      meta: next.meta,
    });
    indexWatchers();
  }

  function absorbCompact(entry: SeenEntry): void {
    const [id, releasedAt, idZh] = entry;
    const full = data.filings[id];
    if (full) {
      indexes.remove(full);
      delete data.filings[id];
    } else if (!data.seen.has(id)) indexes.addFiling(id, Date.parse(releasedAt), idZh);
    data.seen.set(id, entry);
  }

  /** Puts the record; `mark`: as a change to write (not one absorbed from another writer). */
  function put(record: FilingRecord, mark = true): void {
    const { id, releasedAt, idZh } = record.filing;
    const full = data.filings[id];
    const compact = data.seen.get(id);
    if (!full && !compact) indexes.addFiling(id, Date.parse(releasedAt), idZh);
    if (isKeptCompact(record)) {
      const entry = seenEntry(record.filing);
      if (full) {
        indexes.remove(full);
        delete data.filings[id];
      }
      if (mark && (full || compact?.join() !== entry.join())) change(id, entry);
      data.seen.set(id, entry);
    } else {
      if (full) indexes.update(record);
      else indexes.add(record);
      data.seen.delete(id);
      data.filings[id] = record;
      if (mark) change(id, record);
    }
  }

  const records = (ids: string[]) => ids.flatMap((id) => data.filings[id] ?? []);

  return {
    get: (id) => data.filings[id],
    has: (id) => id in data.filings || data.seen.has(id) || indexes.isChineseId(id),
    isEmpty: () => indexes.all.size === 0,

    put: (record) => put(record),

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
        changed.delete(id);
      }
      if (ids.length > 0) dropBefore = monthOf(releasedBefore);
      return ids.length;
    },

    watchlist: (channel) => [...(data.watchlists[channel] ?? [])],

    watch(channel, code) {
      if (data.watchlists[channel]?.includes(code)) return;
      apply((h) => {
        const list = h.watchlists[channel] ?? [];
        if (!list.includes(code)) h.watchlists[channel] = [...list, code].sort();
      });
      indexWatchers();
    },

    unwatch(channel, code) {
      if (!data.watchlists[channel]?.includes(code)) return false;
      apply((h) => {
        const rest = (h.watchlists[channel] ?? []).filter((c) => c !== code);
        if (rest.length > 0) h.watchlists[channel] = rest;
        else delete h.watchlists[channel];
      });
      indexWatchers();
      return true;
    },

    watchers: (code) => [...(watchers.get(code) ?? [])],

    channels: () =>
      [
        ...new Set([...Object.keys(data.watchlists), ...Object.keys(data.filters), ...data.subscriptions]),
      ].sort(),

    filter: (channel) => data.filters[channel] ?? null,

    setFilter(channel, filter) {
      apply((h) => {
        if (filter) h.filters[channel] = filter;
        else delete h.filters[channel];
      });
    },

    subscriptions: () => [...data.subscriptions],

    subscribe(channel) {
      if (data.subscriptions.includes(channel)) return false;
      apply((h) => {
        if (!h.subscriptions.includes(channel)) h.subscriptions = [...h.subscriptions, channel].sort();
      });
      return true;
    },

    unsubscribe(channel) {
      if (!data.subscriptions.includes(channel)) return false;
      apply((h) => {
        h.subscriptions = h.subscriptions.filter((c) => c !== channel);
      });
      return true;
    },

    workspace: (teamId) => data.workspaces[teamId],

    setWorkspace(teamId, workspace: WorkspaceRecord | null) {
      apply((h) => {
        if (workspace) h.workspaces[teamId] = workspace;
        else delete h.workspaces[teamId];
      });
    },

    addReport(report) {
      apply((h) => {
        h.reports.push(report);
      });
    },

    reports: (filingId) =>
      filingId === undefined ? [...data.reports] : data.reports.filter((r) => r.filingId === filingId),

    meta: (): StoreMeta => ({ ...data.meta }),

    setMeta(patch) {
      const next = { ...data.meta, ...patch };
      // Every poll notes its time; writing the whole file for that alone would rewrite it every
      // minute. The time is written with the next real change, or once it is a while old.
      const pollOnly =
        Object.keys(patch).every((k) => k === 'lastPollAt' || k === 'lastPollError') &&
        next.lastPollError === data.meta.lastPollError &&
        !pollTimeStale(next.lastPollAt);
      const op: HeadOp = (h) => {
        h.meta = { ...h.meta, ...patch };
      };
      if (pollOnly) {
        // Kept for the next write without causing one, so that a merged head keeps it too.
        op(data);
        ops.push(op);
      } else apply(op);
    },

    absorb(filings, head) {
      for (const line of filings) {
        const id = Array.isArray(line) ? line[0] : line.filing.id;
        if (changed.has(id)) continue;
        if (Array.isArray(line)) absorbCompact(line);
        else put(line, false);
      }
      if (head) adoptHead(head);
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
        .then(
          (merged) => {
            if (merged) adoptHead(merged);
          },
          (e: unknown) => {
            putBack(changes);
            throw onWriteError(e);
          },
        );
      writing = done;
      try {
        await done;
      } finally {
        if (writing === done) writing = null;
      }
    },
  };
}
