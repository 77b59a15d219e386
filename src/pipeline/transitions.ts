import type { FilingRead } from '../estimator.js';
import type { Filing } from '../hkex/filing.js';
import type { Results } from '../results.js';
import type { Landing } from '../settle/landing.js';
import type { AlertRef, FilingRecord } from '../store/types.js';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.js';

// A filing's states as pure steps: seen → parsed → posting → posted, or failed after retries.

const cleared = { attempts: 0, error: null, retryAfter: null } as const;

export function seen(
  filing: Filing,
  isEstimate: boolean,
  silent: boolean,
  now: Date,
  isResults = false,
): FilingRecord {
  return {
    filing,
    isEstimate,
    ...(isResults && { isResults }),
    state: 'seen',
    ...cleared,
    estimate: null,
    targets: [],
    alerts: [],
    revisionOf: null,
    seenAt: now.toISOString(),
    ...(silent && { silent }),
  };
}

/** The parsed document decides: an estimate of no kind is not an estimate after all. */
export function parsed(r: FilingRecord, read: FilingRead, revisionOf: string | null): FilingRecord {
  const { estimate, other, twin } = read;
  return {
    ...r,
    ...cleared,
    state: 'parsed',
    isEstimate: estimate.kind !== null,
    estimate,
    otherEstimate: other,
    twin,
    revisionOf,
  };
}

/** Results read: settling an estimate, or (none of the same period) not worth keeping. */
export function resultsRead(
  r: FilingRecord,
  results: Results | null,
  settled: { id: string; landings: Landing[] } | null,
): FilingRecord {
  if (!settled || !results) return { ...r, ...cleared, state: 'posted', isResults: false, results: null };
  return { ...r, ...cleared, state: 'parsed', results, settles: settled.id, landings: settled.landings };
}

export function posting(r: FilingRecord, targets: string[]): FilingRecord {
  return { ...r, state: 'posting', targets };
}

export function withAlert(r: FilingRecord, alert: AlertRef): FilingRecord {
  return { ...r, alerts: [...r.alerts, alert] };
}

export function posted(r: FilingRecord): FilingRecord {
  return { ...r, ...cleared, state: 'posted' };
}

/** Counts a failed step: retried after a growing delay, then failed for good. */
export function failedAttempt(r: FilingRecord, error: string, now: Date): FilingRecord {
  const attempts = r.attempts + 1;
  if (attempts >= MAX_ATTEMPTS) return { ...r, state: 'failed', attempts, error, retryAfter: null };
  return {
    ...r,
    attempts,
    error,
    retryAfter: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
  };
}

/** A step is due unless a failure scheduled it for later. */
export function isDue(r: FilingRecord, now: Date): boolean {
  return r.retryAfter === null || Date.parse(r.retryAfter) <= now.getTime();
}

export function missingAlerts(r: FilingRecord): string[] {
  return r.targets.filter((channel) => !r.alerts.some((a) => a.channel === channel));
}
