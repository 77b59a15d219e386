import type { EstimateKind } from '../estimate.js';
import { kindOfTitle } from './kind.js';
import { Offsets } from './offsets.js';
import { METRIC_LABEL, wordsSource } from './words/lexicon.js';

// The kind of a document whose own headline names none: the listing's title stands in for it
// (the PDF may lack a headline, or carry a generic one), and failing that a body that plainly
// estimates the period's results ("expects to record", 預期錄得, 預計…將) makes it a results estimate.

/** The body's estimate is stated near the top, before the reasons and the boilerplate. */
const BODY_REACH = 4000;
const EXPECTS =
  /\b(?:expects?|expected|anticipates?|anticipated|estimates?|is\s+estimated)\b[^.;]{0,120}?\b(?:to\s+(?:record|report|recognise|recognize|incur|be|decrease|increase|rise|fall|drop|turn|achieve)|will\s+(?:record|be))\b|預(?:期|計)[^。；]{0,40}?(?:錄得|將|實現|出現|產生)/gi;
const RESULT = new RegExp(`${wordsSource('profit')}|${wordsSource('loss')}|${METRIC_LABEL.source}`, 'i');
const SENTENCE_END = /[。;；\n]|\.(?=\s|$)/g;

/** What the HKEXnews listing says of the filing, for a document whose own headline says nothing. */
export interface ListingHints {
  title?: string | null;
  titleZh?: string | null;
  category?: string | null;
}

/**
 * The kind when the headline says nothing either way: the listing's title, then a body that
 * plainly estimates the period's results, sorted by the listing's category. `better` says
 * whether the results get better, for the category HKEXnews shares between warnings and alerts.
 */
export function inferredKind(hints: ListingHints, norm: string, better: boolean | null): EstimateKind | null {
  return kindFromListing(hints) ?? (estimatesInBody(norm) ? kindFromCategory(hints, better) : null);
}

function kindFromListing(hints: ListingHints): EstimateKind | null {
  for (const title of [hints.title, hints.titleZh]) {
    const kind = title == null ? null : kindOfTitle(title);
    if (kind !== null) return kind;
  }
  return null;
}

/** Whether a sentence near the top expects a result for the period: a profit or loss, a metric. */
function estimatesInBody(norm: string): boolean {
  const top = norm.slice(0, BODY_REACH);
  const ends = Offsets.of(top, SENTENCE_END);
  for (const m of top.matchAll(EXPECTS)) {
    const start = ends.before(m.index) + 1;
    const end = ends.from(m.index + m[0].length);
    if (RESULT.test(top.slice(start, end))) return true;
  }
  return false;
}

function kindFromCategory(hints: ListingHints, better: boolean | null): EstimateKind {
  if (!/profit warning|盈利警告/i.test(hints.category ?? '')) return 'results_estimate';
  // HKEXnews files warnings and positive alerts alike under [Profit Warning].
  if (better === null) return 'profit_alert';
  return better ? 'positive_profit_alert' : 'profit_warning';
}
