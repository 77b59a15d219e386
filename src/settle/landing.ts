import { Decimal } from 'decimal.js';
import type { Estimate, Metric, MetricName, Range } from '../estimate.js';
import { headlineMetric } from '../parse/headline-metric.js';
import type { ResultMetric, Results } from '../results.js';
import type { FilingRecord } from '../store/types.js';

// How an estimate landed once the results are out: for each metric both state, where the actual
// figure fell against the estimated range, by how much it missed, and how it moved on the
// prior year. Pure and exact (decimal.js); the wording is the Slack layer's (slack/landing.ts).

export type Position =
  /** Within a two-sided range (its ends included). */
  | 'inside'
  | 'above'
  | 'below'
  /** A one-sided estimate ("not less than", "not more than") that held. */
  | 'met'
  /** One that did not: the actual is on the wrong side of the bound. */
  | 'missed'
  /** No figure was estimated, only a change: `change` says how the actual change compares. */
  | 'change_only';

export interface Landing {
  metric: MetricName;
  label: string;
  /** The actual figure, whole currency units. */
  actual: string;
  estimated: Range;
  position: Position;
  /** How far outside the range (or past the bound) the actual fell; null inside or when met. */
  missBy: string | null;
  /** missBy as a percentage of the bound it missed, 1 decimal. */
  missPct: string | null;
  /** Where in a two-sided range: 0 at its low end, 100 at its high end (below 0 or above 100 outside). */
  rangePct: string | null;
  /** The actual change on the prior year, 1 decimal; null when the prior is not positive or unknown. */
  changePct: string | null;
  /** The estimated change, for an estimate that stated only that. */
  estimatedChange: Range | null;
  /** The prior year as the results state it. */
  prior: string | null;
  /** The prior year as the estimate stated it, when the results state another (restated). */
  estimatePrior: string | null;
}

/** Whether results settle an estimate: the same period (its end, and annual or interim). */
export function settles(results: Results, estimate: Estimate): boolean {
  const a = results.period;
  const b = estimate.period;
  return a.end !== null && a.end === b.end && a.type === b.type;
}

/** The landings of every metric the estimate and the results both state, the headline's first. */
export function landings(estimate: Estimate, results: Results): Landing[] {
  const lead = headlineMetric(estimate.metrics);
  const ordered = lead ? [lead, ...estimate.metrics.filter((m) => m !== lead)] : estimate.metrics;
  return ordered.flatMap((m) => {
    const actual = results.metrics.find((r) => r.name === m.name && r.current !== null);
    const landing = actual ? landingOf(m, actual) : null;
    return landing ? [landing] : [];
  });
}

const d = (s: string) => new Decimal(s);

/**
 * A prior year the results state differently from the estimate: by more than rounding to the
 * results' unit (a table in RMB'000 rounds RMB453,074,200 to 453,074,000), taken as 0.05%.
 */
const RESTATED_BY = new Decimal('0.0005');
function restated(estimatePrior: string, resultsPrior: string): boolean {
  const a = d(estimatePrior);
  const b = d(resultsPrior);
  return a.minus(b).abs().gt(b.abs().times(RESTATED_BY));
}
const pct = (x: Decimal) => x.toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);

function landingOf(m: Metric, actual: ResultMetric): Landing | null {
  if (m.name === 'other' || actual.current === null) return null;
  const value = d(actual.current);
  const { low, high } = m.current;
  const prior = actual.prior ?? m.prior;
  const base = {
    metric: m.name,
    label: m.label,
    actual: actual.current,
    estimated: m.current,
    changePct: prior !== null && d(prior).gt(0) ? pct(value.div(d(prior)).minus(1).times(100)) : null,
    estimatedChange: null,
    prior,
    estimatePrior:
      m.prior !== null && actual.prior !== null && restated(m.prior, actual.prior) ? m.prior : null,
  };
  const miss = (bound: string) => {
    const by = value.minus(d(bound)).abs();
    return {
      missBy: by.toString(),
      missPct: d(bound).isZero() ? null : pct(by.div(d(bound).abs()).times(100)),
    };
  };
  const none = { missBy: null, missPct: null, rangePct: null };
  if (low !== null && high !== null) {
    const lo = d(low);
    const hi = d(high);
    const rangePct = hi.eq(lo) ? null : pct(value.minus(lo).div(hi.minus(lo)).times(100));
    if (value.lt(lo)) return { ...base, position: 'below', ...miss(low), rangePct };
    if (value.gt(hi)) return { ...base, position: 'above', ...miss(high), rangePct };
    return { ...base, position: 'inside', missBy: null, missPct: null, rangePct };
  }
  if (low !== null)
    return value.gte(d(low))
      ? { ...base, position: 'met', ...none }
      : { ...base, position: 'missed', ...miss(low), rangePct: null };
  if (high !== null)
    return value.lte(d(high))
      ? { ...base, position: 'met', ...none }
      : { ...base, position: 'missed', ...miss(high), rangePct: null };
  if (m.changePct === null) return null;
  return { ...base, position: 'change_only', ...none, estimatedChange: m.changePct };
}

/** Where an actual change fell against an estimated change range: 'inside', 'above' or 'below'. */
export function changePosition(change: string, estimated: Range): 'inside' | 'above' | 'below' {
  const c = d(change);
  if (estimated.low !== null && c.lt(d(estimated.low))) return 'below';
  if (estimated.high !== null && c.gt(d(estimated.high))) return 'above';
  return 'inside';
}

/** A company's guidance record over its settled estimates' headline landings. */
export interface GuidanceRecord {
  settled: number;
  /** Landed inside a two-sided range, or met a one-sided one. */
  held: number;
  /** Of those with a two-sided range. */
  ranged: number;
  /** The mean of their rangePct, 0 decimals; null when none had a two-sided range. */
  meanRangePct: string | null;
}

export function guidanceRecord(headlines: readonly Landing[]): GuidanceRecord {
  const held = headlines.filter(
    (l) =>
      l.position === 'inside' ||
      l.position === 'met' ||
      (l.position === 'change_only' &&
        l.changePct !== null &&
        l.estimatedChange !== null &&
        changePosition(l.changePct, l.estimatedChange) === 'inside'),
  ).length;
  const ranged = headlines.flatMap((l) => (l.rangePct === null ? [] : [d(l.rangePct)]));
  const mean =
    ranged.length === 0
      ? null
      : ranged
          .reduce((a, b) => a.plus(b), new Decimal(0))
          .div(ranged.length)
          .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
          .toFixed(0);
  return { settled: headlines.length, held, ranged: ranged.length, meanRangePct: mean };
}

/** How results settled an estimate: the landings of the results record naming it, if any. */
export function settledLandings(
  record: FilingRecord,
  byStock: (code: string) => readonly FilingRecord[],
): Landing[] | undefined {
  return record.filing.stockCodes
    .flatMap((code) => byStock(code))
    .find((r) => r.settles === record.filing.id && r.landings?.length)?.landings;
}
