import type { PeriodType } from '../estimate.js';
import { chineseNumeral } from './numerals.js';
import { MONTH_NAMES, monthNumber, PERIOD_SPANS, YEAR_PARTS } from './words/lexicon.js';
import type { Span } from './words/types.js';

// Reads the period an estimate covers: "January 1, 2022 to December 31, 2022", "six months ended
// 30 June 2023", "截至2024年3月31日止年度", "2023年前三季度". When only the end is stated, the start
// follows from the span, which is how fiscal years ending 31 March or 30 June get their start.

export interface Period {
  start: string | null;
  end: string | null;
  type: PeriodType;
}

type Groups = Record<string, string | undefined>;

// Hong Kong Chinese writes dates in numerals: 二零二二年三月三十一日, 二〇二五年六月三十日.
const CN_YEAR = '[零〇一二三四五六七八九]{4}';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';

// The three ways a date is written, each capturing day, month and year under its own names, so
// one pattern holds them all: "January 1, 2022", "1 January 2022", "2022年1月1日".
const DATE = String.raw`(?:(?<m1>${MONTH_NAMES})\.?\s+(?<d1>\d{1,2}),?\s+(?<y1>\d{4})|(?<d2>\d{1,2})\s+(?<m2>${MONTH_NAMES})\.?,?\s+(?<y2>\d{4})|(?<y3>\d{4}|${CN_YEAR})\s?年\s?(?<m3>\d{1,2}|${CN_SMALL})\s?月\s?(?<d3>\d{1,2}|${CN_SMALL})\s?日)`;

/** The date pattern with its group names suffixed, so two dates can sit in one pattern. */
const dateAs = (suffix: string): string => DATE.replace(/\(\?<([a-z]+)(\d)>/g, `(?<$1$2${suffix}>`);

interface Rule {
  pattern: RegExp;
  read(groups: Groups): Period | null;
}

// In order of trust: an explicit span, a span ending on a date, a named part of a year.
const RULES: readonly Rule[] = [
  {
    // "January 1, 2022 to December 31, 2022", "2022年1月1日至2022年12月31日"
    pattern: new RegExp(`${dateAs('a')}\\s{0,3}(?:to|-|–|—|至|到|~)\\s{0,3}${dateAs('b')}`, 'gi'),
    read: (g) => {
      const start = dateOf(g, 'a');
      const end = dateOf(g, 'b');
      return start === null || end === null
        ? null
        : { start, end, type: typeOfLength(monthsBetween(start, end)) };
    },
  },
  {
    // "six months ended 30 June 2023", "year ending 31 March 2024", "month ended: 31 May 2024"
    pattern: new RegExp(
      `(?<span>${PERIOD_SPANS.source})\\s+end(?:ed|ing)[:\\s]\\s{0,3}(?:on\\s+)?${dateAs('b')}`,
      'gi',
    ),
    read: (g) => fromEnd(dateOf(g, 'b'), g.span),
  },
  {
    // "截至2024年3月31日止年度", "截至2023年6月30日止六個月"
    pattern: new RegExp(`${dateAs('b')}\\s?止\\s?(?<span>${PERIOD_SPANS.source})`, 'gi'),
    read: (g) => fromEnd(dateOf(g, 'b'), g.span),
  },
  {
    // "2023年度", "2023年半年度", "2023年前三季度", "2024年第一季度"
    pattern: new RegExp(`(?<year>\\d{4})\\s?年?\\s?(?<part>${YEAR_PARTS.source})`, 'gi'),
    read: (g) => fromYearPart(g.year, g.part),
  },
  {
    // "annual results of 2022", "interim results for 2023", "first half of 2023"
    pattern: new RegExp(
      `(?<part>${YEAR_PARTS.source})\\s+(?:results\\s+)?(?:of|for|in)\\s+(?:the\\s+(?:year\\s+)?)?(?<year>\\d{4})`,
      'gi',
    ),
    read: (g) => fromYearPart(g.year, g.part),
  },
];

/**
 * The period the document's estimate covers. Explicit spans beat inferred ones; among equals the
 * latest wins, because the estimate is of the latest period a document names: the one it compares
 * with comes before it ("as compared with a loss for the year ended 30 September 2023, the Group
 * expects a profit for the year ended 30 September 2024"). Only the first few are weighed, so a
 * later outlook ("the year ending 31 December 2026") does not count.
 */
export function readPeriod(text: string): Period {
  for (const rule of RULES) {
    let best: Period | null = null;
    let weighed = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const period = rule.read(m.groups ?? {});
      if (period === null) continue;
      if (best === null || (period.end ?? '') > (best.end ?? '')) best = period;
      if (++weighed === WEIGHED) break;
    }
    if (best !== null) return best;
  }
  return { start: null, end: null, type: 'other' };
}

/** How many statements of a period of one form are weighed: the estimate's own and its comparison. */
const WEIGHED = 2;

function dateOf(g: Groups, suffix: string): string | null {
  for (const form of ['1', '2', '3']) {
    const year = g[`y${form}${suffix}`];
    const month = g[`m${form}${suffix}`];
    const day = g[`d${form}${suffix}`];
    if (year === undefined || month === undefined || day === undefined) continue;
    return isoDate(
      numberOf(year),
      /^\d+$/.test(month) ? Number(month) : (numberOfCn(month) ?? monthNumber(month)),
      numberOf(day),
    );
  }
  return null;
}

const numberOfCn = (text: string): number | null => {
  const value = chineseNumeral(text);
  return value === null ? null : Number(value);
};
const numberOf = (text: string): number =>
  /^\d+$/.test(text) ? Number(text) : (numberOfCn(text) ?? Number.NaN);

/** The ISO date, or null for a date that does not exist (31 February). */
function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

function fromEnd(end: string | null, word: string | undefined): Period | null {
  const span: Span | undefined = word === undefined ? undefined : PERIOD_SPANS.valueOf(word);
  if (end === null || span === undefined) return null;
  return { start: startBefore(end, span.months), end, type: span.type };
}

/** The day after the same date `months` earlier: 31 March 2024 over 12 months -> 2023-04-01. */
function startBefore(end: string, months: number): string {
  const [y, m, d] = end.split('-').map(Number) as [number, number, number];
  const dayAfterEnd = new Date(Date.UTC(y, m - 1, d + 1));
  const start = new Date(
    Date.UTC(dayAfterEnd.getUTCFullYear(), dayAfterEnd.getUTCMonth() - months, dayAfterEnd.getUTCDate()),
  );
  return start.toISOString().slice(0, 10);
}

function fromYearPart(year: string | undefined, word: string | undefined): Period | null {
  const part = word === undefined ? undefined : YEAR_PARTS.valueOf(word);
  if (year === undefined || part === undefined) return null;
  const y = Number(year);
  const end = new Date(Date.UTC(y, part.lastMonth, 0)).toISOString().slice(0, 10);
  return { start: isoDate(y, part.firstMonth, 1), end, type: part.type };
}

/** Whole months covered from start to end, counting a month that ends the day before. */
function monthsBetween(start: string, end: string): number {
  const [ys, ms, ds] = start.split('-').map(Number) as [number, number, number];
  const [ye, me, de] = end.split('-').map(Number) as [number, number, number];
  return (ye - ys) * 12 + (me - ms) + (de >= ds - 1 ? 1 : 0);
}

const SPAN_LENGTHS: readonly [number, PeriodType][] = [
  [12, 'annual'],
  [6, 'interim'],
  [9, 'nine_months'],
  [3, 'quarter'],
];

function typeOfLength(months: number): PeriodType {
  return SPAN_LENGTHS.find(([length]) => length === months)?.[1] ?? 'other';
}
