import type { PreviousAlert } from '../alerts.js';
import { type ChannelFilter, passesFilter } from '../channel-filter.js';
import type { Estimate } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import type { FilingRecord } from '../store/types.js';

// Where an alert goes: which channels, which earlier estimate it revises, and in which thread.

/**
 * The alert channels whose filter the estimate passes, then every channel watching one of its
 * stocks (a watched stock's estimates always reach the channel watching it), without repeats.
 */
export function alertTargets(
  record: Pick<FilingRecord, 'filing' | 'estimate'>,
  alertChannels: readonly string[],
  watchers: (code: string) => string[],
  filterOf: (channel: string) => ChannelFilter | null,
): string[] {
  const passing = alertChannels.filter((c) => passesFilter(filterOf(c), record.filing, record.estimate));
  return [...new Set([...passing, ...record.filing.stockCodes.flatMap(watchers)])];
}

/** Strictly earlier by release, ties broken by id, so two filings never revise each other. */
function isBefore(a: Filing, b: Filing): boolean {
  const [at, bt] = [Date.parse(a.releasedAt), Date.parse(b.releasedAt)];
  return at < bt || (at === bt && a.id < b.id);
}

/**
 * The latest earlier estimate of the same stock for the same period (end and type): the one
 * `filing` revises (an update, a supplement, a revised range), or null.
 */
export function findRevised(
  filing: Filing,
  period: Estimate['period'],
  byStock: (code: string) => FilingRecord[],
): string | null {
  if (!period.end) return null;
  let latest: Filing | null = null;
  for (const code of filing.stockCodes) {
    for (const other of byStock(code)) {
      const p = other.estimate?.period;
      if (!other.isEstimate || p?.end !== period.end || p.type !== period.type) continue;
      if (isBefore(other.filing, filing) && (!latest || isBefore(latest, other.filing)))
        latest = other.filing;
    }
  }
  return latest?.id ?? null;
}

/**
 * The estimate `record` revises (or, for results, settles), with the thread to post in: the
 * oldest alert of the revision chain in that channel (later revisions are replies in it). None
 * when the channel has no alert.
 */
export function previousAlert(
  record: FilingRecord,
  channel: string,
  get: (id: string) => FilingRecord | undefined,
): PreviousAlert | undefined {
  const earlierId = record.revisionOf ?? record.settles ?? null;
  const earlier = earlierId ? get(earlierId) : undefined;
  if (!earlier) return undefined;
  let thread: PreviousAlert['alert'] | undefined;
  const visited = new Set<string>();
  for (let r: FilingRecord | undefined = earlier; r && !visited.has(r.filing.id); ) {
    visited.add(r.filing.id);
    thread = r.alerts.find((a) => a.channel === channel) ?? thread;
    r = r.revisionOf ? get(r.revisionOf) : undefined;
  }
  return thread && { record: earlier, alert: thread };
}

/**
 * The estimate results settle: the newest estimate of one of the filing's stocks for the same
 * period (the latest revision), or null.
 */
export function findSettled(
  filing: Filing,
  settles: (estimate: Estimate) => boolean,
  byStock: (code: string) => FilingRecord[],
): FilingRecord | null {
  let latest: FilingRecord | null = null;
  for (const code of filing.stockCodes) {
    for (const other of byStock(code)) {
      if (!other.isEstimate || !other.estimate || !settles(other.estimate)) continue;
      if (isBefore(other.filing, filing) && (!latest || isBefore(latest.filing, other.filing)))
        latest = other;
    }
  }
  return latest;
}

/** The channels an estimate was alerted in: where the results reply goes. */
export function settledTargets(estimate: FilingRecord | undefined): string[] {
  return [...new Set((estimate?.alerts ?? []).map((a) => a.channel))];
}
