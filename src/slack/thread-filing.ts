import type { FilingRecord, FilingState, Store } from '../store/types.js';

// Which filing a thread is about: the one whose alert is the thread's parent, or the newest
// revision of it, since a revision is posted in its predecessor's thread.

const ALL_STATES: FilingState[] = ['seen', 'parsed', 'posting', 'posted', 'failed'];

export function threadFiling(store: Store, channel: string, threadTs: string): FilingRecord | undefined {
  const isParentHere = (r: FilingRecord) => r.alerts.some((a) => a.channel === channel && a.ts === threadTs);
  const root = store.inState(...ALL_STATES).find(isParentHere);
  if (!root) return undefined;
  const revises = (record: FilingRecord): boolean => {
    const seen = new Set<string>();
    for (
      let r: FilingRecord | undefined = record;
      r?.revisionOf && !seen.has(r.filing.id);
      r = store.get(r.revisionOf)
    ) {
      if (r.revisionOf === root.filing.id) return true;
      seen.add(r.filing.id);
    }
    return false;
  };
  const newestRevision = root.filing.stockCodes
    .flatMap((code) => store.byStock(code))
    .filter((r) => r.estimate && r.alerts.some((a) => a.channel === channel) && revises(r))
    .sort((a, b) => b.filing.releasedAt.localeCompare(a.filing.releasedAt))[0];
  return newestRevision ?? root;
}
