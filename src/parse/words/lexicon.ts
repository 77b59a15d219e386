import type { MetricName } from '../../estimate.js';
import { EN } from './en.js';
import type { Words } from './types.js';
import { ZH } from './zh.js';

// Joins the per-language tables into the pattern sources and look-ups the readers share, once,
// at module load. English entries get letter boundaries (so "up" is not read inside "group");
// Chinese has no word boundaries to respect.

type ListKey = {
  [K in keyof Words]: Words[K] extends readonly string[] ? K : never;
}[keyof Words];

/** A single space in a table entry stands for any whitespace run, line breaks included. */
const spaced = (source: string): string => source.replaceAll(' ', String.raw`\s+`);

/** English entries between letter boundaries, or-ed with the Chinese ones; empty lists drop out. */
function alternation(
  en: readonly string[],
  zh: readonly string[],
  boundAfter: boolean,
  boundBefore = true,
): string {
  const parts = [];
  const before = boundBefore ? '(?<![A-Za-z])' : '';
  if (en.length > 0) parts.push(`${before}(?:${en.join('|')})${boundAfter ? '(?![A-Za-z])' : ''}`);
  if (zh.length > 0) parts.push(zh.join('|'));
  return `(?:${parts.join('|')})`;
}

/** One alternation of both languages' entries for a word list. */
export function wordsSource(key: ListKey): string {
  return alternation(EN[key].map(spaced), ZH[key], true);
}

type PairKey = 'currencies' | 'currencySuffixes' | 'scales' | 'periodSpans' | 'yearParts';

interface PairTable<V> {
  source: string;
  valueOf(word: string): V | undefined;
}

function pairTable<K extends PairKey>(
  key: K,
  boundAfter: boolean,
  boundBefore = true,
): PairTable<Words[K][number][1]> {
  type V = Words[K][number][1];
  const rows = [...EN[key], ...ZH[key]] as readonly (readonly [string, V])[];
  // Look-aheads constrain where a word counts ("HK" before "5.6 cents"), not what it means.
  const tests = rows.map(([word, value]) => ({
    test: new RegExp(`^(?:${spaced(word.replace(/\(\?=[^)]*\)/g, ''))})$`, 'i'),
    value,
  }));
  return {
    source: alternation(
      EN[key].map(([word]) => spaced(word)),
      ZH[key].map(([word]) => word),
      boundAfter,
      boundBefore,
    ),
    valueOf: (word) => tests.find((t) => t.test.test(word))?.value,
  };
}

/**
 * Currency words before a figure ("RMB", "人民幣") and their ISO codes. Digits may follow: "RMB702".
 * No word boundary before: the codes do not occur inside words, and the check at every position
 * would cost more than the rest of the amount reader.
 */
export const CURRENCIES = pairTable('currencies', false, false);
/** Currency words after a figure ("萬元", "百萬港元") and their ISO codes. */
export const CURRENCY_SUFFIXES = pairTable('currencySuffixes', false);
/** Scale words ("million", "萬") and their powers of ten. */
export const SCALES = pairTable('scales', true);
/** Spans ending on a date ("six months", "年度") and their length. */
export const PERIOD_SPANS = pairTable('periodSpans', true);
/** Parts of a calendar year ("first half", "前三季度") and their months. */
export const YEAR_PARTS = pairTable('yearParts', true);

/** English month names as one alternation; a match's month number is monthNumber(). */
export const MONTH_NAMES = `(?:${EN.months.join('|')})`;
const MONTH_TESTS = EN.months.map((month) => new RegExp(`^(?:${month})$`, 'i'));
export const monthNumber = (name: string): number => MONTH_TESTS.findIndex((t) => t.test(name)) + 1;

const METRICS = [
  ...EN.metrics.map((m) => ({ ...m, en: true })),
  ...ZH.metrics.map((m) => ({ ...m, en: false })),
];

/** Every metric label, one capturing group per table row, in table order. */
// The English rows share one pair of word boundaries: checked once per position, not once per row.
export const METRIC_LABEL = new RegExp(
  `(?<![A-Za-z])(?:${EN.metrics.map((m) => `(${spaced(m.pattern)})`).join('|')})(?![A-Za-z])|${ZH.metrics
    .map((m) => `(${m.pattern})`)
    .join('|')}`,
  'gi',
);

/** The metric a METRIC_LABEL match names: the row whose group matched. */
export function metricNameOf(match: RegExpExecArray): MetricName {
  const index = match.findIndex((group, i) => i > 0 && group !== undefined);
  return METRICS[index - 1]?.name ?? 'other';
}
