// The Estimate is the contract between the parser, the store, Slack and the CLI.
// Its rules are in shared/notes/estimate-schema.md; amounts are decimal strings in whole currency units.

export type EstimateKind = 'profit_warning' | 'positive_profit_alert' | 'profit_alert' | 'results_estimate';
export type PeriodType = 'annual' | 'interim' | 'quarter' | 'nine_months' | 'other';
export type MetricName =
  | 'net_profit_attributable'
  | 'net_profit_attributable_recurring'
  | 'net_profit'
  | 'revenue'
  | 'profit_before_tax'
  | 'operating_profit'
  | 'adjusted_net_profit'
  | 'eps_basic'
  | 'other';

export interface Range {
  low: string | null;
  high: string | null;
}

/**
 * Which way a metric moves, as the document words it: for a loss, "decrease" is a loss that gets
 * smaller ("net loss to decrease"); a turnaround is a change of sign from the prior period.
 */
export type Direction = 'increase' | 'decrease' | 'turnaround_profit' | 'turnaround_loss';

/** Where a figure was read: its page (null for plain text without page breaks) and line, as printed. */
export interface Evidence {
  page: number | null;
  line: string;
}

export interface Confidence {
  /** Unsure when a check fails, two figures compete for one label, or a range's ends disagree in sign. */
  level: 'confirmed' | 'unsure';
  reasons: string[];
}

export interface Metric {
  name: MetricName;
  label: string;
  direction: Direction | null;
  current: Range;
  prior: string | null;
  changePct: Range | null;
  /** One entry per figure read; null where the figure was not stated. */
  evidence: { current: Evidence | null; prior: Evidence | null; changePct: Evidence | null };
  confidence: Confidence;
}

export interface Check {
  metric: string;
  stated: string;
  computed: string;
  ok: boolean;
}

export interface Estimate {
  stockCodes: string[];
  company: { en: string | null; zh: string | null };
  title: string;
  language: 'en' | 'zh';
  kind: EstimateKind | null;
  /** The headline metric's direction, or what the document says of the results when it gives no figure. */
  direction: Direction | null;
  period: { start: string | null; end: string | null; type: PeriodType };
  currency: string | null;
  audited: boolean;
  metrics: Metric[];
  drivers: string[];
  checks: Check[];
}

/** What one language version of a filing says of a metric, for comparison with the other. */
export type MetricFigures = Pick<Metric, 'current' | 'prior' | 'changePct'>;

/** A metric on which the English and Chinese versions of a filing disagree. */
export interface TwinDifference {
  metric: MetricName;
  label: string;
  /** The fields that differ. */
  fields: ('current' | 'prior' | 'changePct')[];
  /** The figures shown (they passed their checks, or both did) and the other version's. */
  shown: MetricFigures;
  other: MetricFigures;
}

/**
 * How a filing's two language versions compare: every metric both state agrees ("match"), some
 * disagree ("mismatch"), they share no metric ("nothing_to_compare"), or one could not be read.
 */
export interface TwinCheck {
  verdict: 'match' | 'mismatch' | 'nothing_to_compare' | 'other_unreadable';
  /** The version the shown figures were compared with, or the one that could not be read. */
  other: 'en' | 'zh';
  differences: TwinDifference[];
  /** Why the other version could not be read. */
  error: string | null;
}

/** A user's report that a figure is wrong, from the alert's or /estimate's "Report" button. */
export interface FigureReport {
  filingId: string;
  /** The metric and field reported, e.g. "net_profit_attributable.prior", or "period", "other". */
  field: string;
  /** The value the user says is right, as typed. */
  value: string;
  note: string;
  /** Slack user id. */
  user: string;
  /** ISO instant. */
  at: string;
}
