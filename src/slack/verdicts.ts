import type { Estimate, FigureReport, Metric, TwinCheck, TwinDifference } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import type { Landing } from '../settle/landing.js';
import { escapeText } from './mrkdwn.js';

// Whether a figure may be shown as fact. The parser's own doubts (a check that fails, competing
// figures), a disagreement between the English and Chinese versions and a user's report each
// make it unconfirmed; this module says which, in words, so every message says the same.

/** What a message renders: the filing, its estimate, and everything said about the figures. */
export interface FiledEstimate {
  filing: Filing;
  estimate: Estimate;
  /** How the two language versions compared; absent or null when only one was read. */
  twin?: TwinCheck | null;
  /** Users' reports on this filing. */
  reports?: readonly FigureReport[];
  /** How it landed, once results settled it: the headline's landing first. */
  landings?: readonly Landing[];
}

/** The reports that name this metric ("net_profit_attributable.prior"). */
export const reportsOn = (item: FiledEstimate, metric: Metric): FigureReport[] =>
  (item.reports ?? []).filter((r) => r.field.split('.')[0] === metric.name);

export const twinDifference = (item: FiledEstimate, metric: Metric): TwinDifference | undefined =>
  item.twin?.differences.find((d) => d.metric === metric.name);

/** Why the metric is unconfirmed, as mrkdwn (escaped); empty when it may be shown as fact. */
export function doubts(item: FiledEstimate, metric: Metric): string[] {
  const reasons = metric.confidence.level === 'unsure' ? metric.confidence.reasons.map(escapeText) : [];
  const disputed = reportsOn(item, metric);
  if (disputed.length > 0) {
    const who = [...new Set(disputed.map((r) => r.user))].map(mention).join(', ');
    reasons.push(`disputed by ${who}`);
  }
  return reasons;
}

export const isConfirmed = (item: FiledEstimate, metric: Metric): boolean =>
  doubts(item, metric).length === 0;

/** A user id as a mention; anything that is no user id is not put into mrkdwn. */
export const mention = (user: string): string => (/^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : 'someone');
