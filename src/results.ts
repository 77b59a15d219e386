import type { Evidence, MetricName, PeriodType } from './estimate.js';

// What a results announcement reports, for settling the estimates made before it: the contract
// between the results reader (parse/results.ts), the store and Slack. Amounts follow the
// Estimate's rules (shared/notes/estimate-schema.md): decimal strings in whole currency units,
// losses negative, per-share figures in currency units ("RMB12.34 cents" is "0.1234").

/** Annual or final results, interim results, or an A-share 業績快報 (unaudited actuals). */
export type ResultsKind = 'annual_results' | 'interim_results' | 'preliminary_results';

export interface ResultMetric {
  name: MetricName;
  /** The row's label as the document writes it. */
  label: string;
  /** This period's figure. */
  current: string | null;
  /** The comparative period's figure, as this announcement states it. */
  prior: string | null;
  /** The comparative column is headed restated (經重列): it may differ from the estimate's prior. */
  priorRestated: boolean;
  evidence: { current: Evidence | null; prior: Evidence | null };
}

export interface Results {
  stockCodes: string[];
  company: { en: string | null; zh: string | null };
  title: string;
  language: 'en' | 'zh';
  /** null: not a results announcement. */
  kind: ResultsKind | null;
  period: { start: string | null; end: string | null; type: PeriodType };
  currency: string | null;
  /** False when the figures are stated as unaudited, as interim figures and 業績快報 usually are. */
  audited: boolean;
  /** One per metric the statement (or a 業績快報's table) states, in its order. */
  metrics: ResultMetric[];
}
