import type { Filing } from '../hkex/filing.js';
import type { FilingRecord } from './types.js';

// Nearly every filing is not a profit estimate. Once it is known not to be, the bot only needs
// to know its ids were seen (so the feed never offers it again) and when it was released (so it
// is pruned): it is kept as a compact entry, which keeps the file, and each write, small.

/**
 * A compact filing: its id, its release instant, and its Chinese version's id when listed
 * separately. A tuple carrying its own id, because a list of them encodes several times faster
 * than an object keyed by numeric-looking ids.
 */
export type SeenEntry = [id: string, releasedAt: string] | [id: string, releasedAt: string, idZh: string];

/**
 * Known not to be an estimate nor results that settle one, and without a Slack thread to find it
 * by: nothing but its ids and release is ever read again.
 */
export function isKeptCompact(r: FilingRecord): boolean {
  return !r.isEstimate && !r.isResults && r.alerts.length === 0;
}

export function seenEntry(filing: Filing): SeenEntry {
  return filing.idZh ? [filing.id, filing.releasedAt, filing.idZh] : [filing.id, filing.releasedAt];
}
