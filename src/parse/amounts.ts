import { Decimal } from 'decimal.js';
import { CN_NUMERAL_CHARS, chineseNumeral } from './numerals.js';
import { CURRENCIES, CURRENCY_SUFFIXES, SCALES, wordsSource } from './words/lexicon.js';

// Reads money as documents write it: "RMB702,265,000", "HK$35.2 million", "人民幣70,226.50萬元",
// "1.2億元", "約三千五百萬港元", "RMB-1,150 million", "(1,234)" in a table. Figures are scaled to whole currency units. A bare number is
// only money inside a table whose column header gave its unit ("RMB'000", "人民幣千元").

export interface Amount {
  start: number;
  end: number;
  /** Both ends of a range, or the same value twice; negative when written in parentheses. */
  low: Decimal;
  high: Decimal;
  currency: string | null;
  /** A joined range's two ends as written, for "from X to Y" read as a base and an outcome. */
  ends?: readonly [Amount, Amount];
}

/** What a table's column header says about the bare numbers below it. */
export interface ColumnUnit {
  currency: string | null;
  power: number;
}

const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
// A minus sign before a figure: "RMB-1,150 million", "RMB –498 million", "人民幣-113億元", "為-8,000萬元".
// A dash between two figures joins a range instead, so a digit must not stand right before it.
// Each look-behind follows the dash it checks, so it runs only where there is a dash.
const MINUS = String.raw`(?<minus>(?:[-–−](?<=(?:${CURRENCIES.source})\s?[-–−])\s?|[-–−](?<=(?:^|[\s(:為至到約])[-–−])(?<![\d,.]\s[-–−]))(?=\d))?`;
const AMOUNT = new RegExp(
  String.raw`(?<open>\()?(?<cur>${CURRENCIES.source})?\s?(?<open2>\()?${MINUS}(?<![\d.,])(?:(?<num>${NUMBER})(?![\d%]|\s?per\s?cent)(?<close>\))?(?:[ \t]{0,2}\n?[ \t]{0,2}(?<scale>${SCALES.source}))?|(?<cn>[${CN_NUMERAL_CHARS}]*[十百千萬億][${CN_NUMERAL_CHARS}]*)(?=${CURRENCY_SUFFIXES.source}))(?<suffix>${CURRENCY_SUFFIXES.source})?`,
  'gi',
);
// "RMB0.29 per share to RMB0.35 per share", "0.63元/股–0.72元/股": the unit may sit between;
// "HK$35 million to approximately HK$45 million" repeats the hedge.
const RANGE_JOIN = new RegExp(
  String.raw`^\s{0,3}(?:/股|per\s+share)?\s{0,3}(?:${wordsSource('rangeJoins')})\s{0,3}(?:approximately|about|約)?\s{0,3}$`,
  'i',
);

const CN_DIGIT = /[一二兩两三四五六七八九]/;

interface Token extends Amount {
  /** The figure carried its own currency or scale, so it is money even outside a table. */
  marked: boolean;
  /** The figure carried a scale word, which a range's bare first end borrows. */
  power: number | null;
  raw: Decimal;
}

function tokenOf(m: RegExpMatchArray, offset: number, column: ColumnUnit | null): Token | null {
  const g = m.groups ?? {};
  // A Chinese numeral carries its scale in its own characters (三千五百萬); a unit alone ("千元" in a
  // column header) states no figure.
  if (g.cn !== undefined && !CN_DIGIT.test(g.cn)) return null;
  const digits = g.cn === undefined ? g.num : chineseNumeral(g.cn);
  if (digits === undefined || digits === null) return null;
  const power = g.scale === undefined ? null : (SCALES.valueOf(g.scale) ?? null);
  const currency = currencyOf(g.cur, g.suffix);
  const marked = currency !== null || power !== null || g.cn !== undefined;
  const negative = (g.open !== undefined || g.open2 !== undefined) && g.close !== undefined;
  const raw = new Decimal(digits.replaceAll(',', ''));
  const signed = negative || g.minus !== undefined ? raw.neg() : raw;
  const scaled = signed.times(new Decimal(10).pow(power ?? (marked ? 0 : (column?.power ?? 0))));
  return {
    start: offset + (m.index ?? 0),
    end: offset + (m.index ?? 0) + m[0].length,
    low: scaled,
    high: scaled,
    currency: currency ?? (marked ? null : (column?.currency ?? null)),
    marked,
    power,
    raw: signed,
  };
}

function currencyOf(prefix: string | undefined, suffix: string | undefined): string | null {
  const before = prefix === undefined ? undefined : CURRENCIES.valueOf(prefix);
  return before ?? (suffix === undefined ? undefined : CURRENCY_SUFFIXES.valueOf(suffix)) ?? null;
}

/** A bare number written like a year is a date, never a table amount. */
const looksLikeYear = (t: Token, text: string): boolean =>
  /^(?:19|20)\d\d$/.test(text.slice(t.start, t.end).trim());

/**
 * The amounts in text[from, to), ranges joined ("RMB35 million to RMB45 million", "HK$35 to 45
 * million"). Bare numbers count only when a column unit is given.
 */
export function readAmounts(
  text: string,
  from: number,
  to: number,
  column: ColumnUnit | null = null,
): Amount[] {
  // Matching inside the slice keeps each call's work proportional to its span.
  const tokens = [...text.slice(from, to).matchAll(AMOUNT)].flatMap((m) => tokenOf(m, from, column) ?? []);
  const out: Amount[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    const second = tokens[i + 1];
    const joinable = second !== undefined && (second.marked || column !== null);
    if (joinable && RANGE_JOIN.test(text.slice(first.end, second.start))) {
      out.push(joinRange(first, second as Token));
      i++;
    } else if (first.marked || (column !== null && !looksLikeYear(first, text))) {
      out.push(strip(first));
    }
  }
  return out;
}

function joinRange(first: Token, second: Token): Amount {
  // "HK$35 to 45 million": the first end takes the scale written after the second.
  const low =
    first.power === null && second.power !== null
      ? first.raw.times(new Decimal(10).pow(second.power))
      : first.low;
  const currency = first.currency ?? second.currency;
  return {
    start: first.start,
    end: second.end,
    low,
    high: second.high,
    currency,
    ends: [
      { start: first.start, end: first.end, low, high: low, currency },
      { start: second.start, end: second.end, low: second.low, high: second.high, currency },
    ],
  };
}

const strip = ({ start, end, low, high, currency }: Token): Amount => ({ start, end, low, high, currency });

// A Chinese unit is a header when labelled ("單位：萬元"), bracketed ("（人民幣千元）") or standing
// alone in a column ("千港元\t千港元", or "2023年千港元" once a wrapped header cell is joined);
// after a figure it is part of an amount instead.
const COLUMN_UNIT = new RegExp(
  String.raw`(?<cur>${CURRENCIES.source})?\s?(?:['’]000|['’]?(?<scale>million|billion|(?:ten )?thousands?|(?<=\$)(?:m|mn|bn)(?=$|[\t )]))(?![A-Za-z]))|(?:單位[:]?\s{0,2}|\(|(?<=^|[\t 年)]))(?<zcur>${CURRENCIES.source})?(?<zscale>${SCALES.source})?(?<zsuf>${CURRENCY_SUFFIXES.source})(?=$|[\t ()])`,
  'gim',
);

export interface ColumnUnitAt extends ColumnUnit {
  at: number;
}

/**
 * Every table-header unit in the text ("RMB'000", "RMB'million", "(RMB million)", "單位：人民幣萬元"),
 * in order.
 */
export function readColumnUnits(text: string): ColumnUnitAt[] {
  const out: ColumnUnitAt[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    // Most lines name no unit at all; the full pattern is only tried on those that might: a
    // table's lines, a short line standing alone ("人民幣千元"), or one that labels its unit.
    const placed = line.includes('\t') || line.length <= SHORT_LINE || LABELLED_UNIT.test(line);
    if (placed && MIGHT_NAME_UNIT.test(line)) {
      for (const m of line.matchAll(COLUMN_UNIT)) out.push(...unitOf(m, at));
    }
    at += line.length + 1;
  }
  return out;
}

const SHORT_LINE = 30;
const LABELLED_UNIT =
  /['’]000|million|billion|thousand|單位|\(\s?(?:人民幣|港幣|港元|美元)?(?:千|萬|百萬|億)/i;
const MIGHT_NAME_UNIT = new RegExp(
  `['’]000|\\$(?:m|mn|bn)\\b|million|billion|thousand|${CURRENCY_SUFFIXES.source}`,
  'i',
);

function unitOf(m: RegExpExecArray, lineAt: number): ColumnUnitAt[] {
  const g = m.groups ?? {};
  const currency = currencyOf(g.cur ?? g.zcur, g.zsuf);
  // "million" alone is prose, not a header; a header names a currency or is "'000".
  if (currency === null && g.scale !== undefined) return [];
  const scale = g.scale?.replace(/s$/i, '') ?? g.zscale;
  // "'000" is thousands; a Chinese unit without a scale word ("單位：人民幣元") is units.
  const power = scale === undefined ? (g.zsuf === undefined ? 3 : 0) : (SCALES.valueOf(scale) ?? 0);
  return [{ at: lineAt + m.index, currency, power }];
}

/** The currency of the first amount in the text that names one. */
export function firstCurrency(text: string): string | null {
  return readAmounts(text, 0, text.length).find((a) => a.currency !== null)?.currency ?? null;
}
