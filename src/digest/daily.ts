import { Decimal } from 'decimal.js';
import type { EstimateKind } from '../estimate.js';
import { hktIsoDay } from '../hkex/time.js';
import { headlineMetric } from '../parse/headline-metric.js';
import type { AlertRef, FilingRecord } from '../store/types.js';

// A channel's day of estimates, for its evening digest (pure): the estimates alerted in the
// channel that were released since its last digest (HKEXnews publishes into the night, so a
// fixed calendar day would leave the late ones out), counted by kind, and the largest stated
// changes up and down.

/** How many of the largest changes each way the digest names. */
const LARGEST = 3;

export interface DigestItem {
  record: FilingRecord;
  alert: AlertRef;
  /** The headline's stated change, the bound furthest from zero; null when none is stated. */
  change: Decimal | null;
}

export interface DayDigest {
  channel: string;
  /** YYYY-MM-DD, Hong Kong. */
  day: string;
  items: DigestItem[];
  counts: Partial<Record<EstimateKind, number>>;
  largestUp: DigestItem[];
  largestDown: DigestItem[];
}

function statedChange(record: FilingRecord): Decimal | null {
  const lead = record.estimate ? headlineMetric(record.estimate.metrics) : undefined;
  const bounds = [lead?.changePct?.low, lead?.changePct?.high].flatMap((v) =>
    v == null ? [] : [new Decimal(v)],
  );
  return bounds.reduce<Decimal | null>((far, b) => (far === null || b.abs().gt(far.abs()) ? b : far), null);
}

/**
 * The channel's digest of the estimates released in (since, until], dated by `until`'s Hong Kong
 * day, or null when there were none.
 */
export function dayDigest(
  records: readonly FilingRecord[],
  channel: string,
  since: Date,
  until: Date,
): DayDigest | null {
  const day = hktIsoDay(until);
  const items = records.flatMap((record) => {
    const alert = record.alerts.find((a) => a.channel === channel);
    if (!record.isEstimate || !record.estimate?.kind || !alert) return [];
    const released = Date.parse(record.filing.releasedAt);
    if (released <= since.getTime() || released > until.getTime()) return [];
    return [{ record, alert, change: statedChange(record) }];
  });
  if (items.length === 0) return null;
  const counts: DayDigest['counts'] = {};
  for (const { record } of items) {
    const kind = record.estimate?.kind as EstimateKind;
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  const changed = items.filter((i) => i.change !== null);
  const byChange = (sign: 1 | -1) =>
    changed
      .filter((i) => (i.change as Decimal).s === sign && !(i.change as Decimal).isZero())
      .sort((a, b) => (b.change as Decimal).abs().comparedTo((a.change as Decimal).abs()))
      .slice(0, LARGEST);
  return { channel, day, items, counts, largestUp: byChange(1), largestDown: byChange(-1) };
}
