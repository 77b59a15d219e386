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

export interface Metric {
  name: MetricName;
  label: string;
  current: Range;
  prior: string | null;
  changePct: Range | null;
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
  period: { start: string | null; end: string | null; type: PeriodType };
  currency: string | null;
  audited: boolean;
  metrics: Metric[];
  drivers: string[];
  checks: Check[];
}
