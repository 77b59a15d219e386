import type { MetricName, PeriodType } from '../../estimate.js';
import type { ResultsKind } from '../../results.js';

// The vocabulary one language contributes to the readers. Every entry is a regular-expression
// source written for normalised text (half-width, Traditional) and matched case-insensitively;
// each must be free of nested quantifiers, since readers join them into larger patterns.

export interface MetricWord {
  name: MetricName;
  /** Matches the whole label as documents write it, so the label can be sliced out as written. */
  pattern: string;
}

/** A span that ends on a stated date: "six months ended 30 June", "截至…止年度". */
export interface Span {
  type: PeriodType;
  months: number;
}

/** A named part of a calendar year: "first half of 2023", "2023年前三季度". */
export interface YearPart {
  type: PeriodType;
  firstMonth: number;
  lastMonth: number;
}

export interface Words {
  /** Currency words written before a figure and the ISO 4217 code they stand for. */
  currencies: readonly (readonly [word: string, iso: string])[];
  /** Currency words written after a figure ("萬元", "百萬港元"). */
  currencySuffixes: readonly (readonly [word: string, iso: string])[];
  /** Month names, January first; empty for a language that numbers its months. */
  months: readonly string[];
  periodSpans: readonly (readonly [word: string, span: Span])[];
  yearParts: readonly (readonly [word: string, part: YearPart])[];
  /** Scale words and the power of ten they multiply by. */
  scales: readonly (readonly [word: string, power: number])[];
  /** Joins the two ends of a range: "to", "至". */
  rangeJoins: readonly string[];
  increase: readonly string[];
  decrease: readonly string[];
  /** A result that changes sign: from a loss to a profit, and from a profit to a loss. */
  turnaroundProfit: readonly string[];
  turnaroundLoss: readonly string[];
  /** A result that is a loss rather than a profit. */
  loss: readonly string[];
  /** A result that is a profit, said as such ("Profit:", "盈利"). */
  profit: readonly string[];
  atLeast: readonly string[];
  atMost: readonly string[];
  /** Introduces the same-period-last-year figure. */
  prior: readonly string[];
  /** Ordered narrow to wide: the first pattern that matches at a position names the metric. */
  metrics: readonly MetricWord[];
  /** Headings of the section that explains the change. */
  driverHeadings: readonly string[];
  /** Prose that introduces the reasons inline: "mainly attributable to". */
  driverLeads: readonly string[];
  /**
   * Results announcements. Their headline's kind: annual or final results, interim results, and
   * the A-share preliminary actual (業績快報), first match wins.
   */
  resultsKinds: readonly (readonly [word: string, kind: ResultsKind])[];
  /** The heading of the statement of profit or loss the actual figures are read from. */
  statementHeadings: readonly string[];
  /** The heading of a 業績快報's table of main figures, read when there is no statement. */
  keyFiguresHeadings: readonly string[];
  /** A statement or section that follows it, where reading stops. */
  statementEnds: readonly string[];
  /** The owners' row under "Profit for the year attributable to:": "Owners of the Company". */
  owners: readonly string[];
  /** The line that introduces the owners' row: "Profit for the year attributable to:". */
  attributableTo: readonly string[];
  /** The line that introduces the per-share rows: "Earnings per share". */
  perShareHeadings: readonly string[];
  /** The basic per-share row under it: "Basic (RMB cents)". */
  basic: readonly string[];
  /** A per-share unit of a hundredth: "cents", "仙", "分". */
  cents: readonly string[];
  /** A comparative column restated since first published: "(Restated)", "經重列". */
  restated: readonly string[];
  /** Figures stated as unaudited. */
  unaudited: readonly string[];
}
