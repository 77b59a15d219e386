import { Decimal } from 'decimal.js';
import type { Range } from '../estimate.js';
import { chineseNumeral } from './numerals.js';
import { boundIn, type End, toRange } from './range.js';
import { wordsSource } from './words/lexicon.js';

// Reads stated changes: "increased by 55% to 85%", "decrease by approximately 30% to 40%",
// "比上年同期增長：55%–85%", "增加不少於59%", a bare "(12.3%)" in a change column. The direction
// word decides the sign; "not less than" / "不少於" leave one end open.

export interface Change {
  start: number;
  end: number;
  range: Range;
}

const NUM = String.raw`\d{1,3}(?:,\d{3})*(?:\.\d+)?`;
// Hong Kong English also writes "35 per cent.".
const SIGN = String.raw`(?:%|\s?per\s?cent\b\.?)`;
const PERCENT = new RegExp(
  String.raw`(?<open>\()?(?<minus>[-−])?(?<![\d.,])(?<a>${NUM})\s?${SIGN}?(?:\s{0,2}(?:${wordsSource('rangeJoins')})\s{0,2}(?<bminus>[-−])?(?<b>${NUM}))?\s?${SIGN}(?<close>\))?`,
  'gi',
);
const DIRECTION = new RegExp(`(?<up>${wordsSource('increase')})|(?<down>${wordsSource('decrease')})`, 'gi');
// Where a clause ends, so a direction word from the previous clause does not carry over.
const CLAUSE_END = /[。;；\t]|\.(?!\d)|,\s*(?:and|while|whereas)\b|,\s*(?:而|但)/g;
const LOOK_BACK = 80;
const LOOK_AHEAD = 16;

/** The changes stated in text[from, to), in order. */
export function readChanges(text: string, from: number, to: number): Change[] {
  // Matching inside the slice keeps each call's work proportional to its span.
  const slice = text.slice(from, to);
  const stated = [...slice.matchAll(PERCENT)].map((m) => {
    const g = m.groups ?? {};
    const a = endAsWritten(g.a as string);
    const b = g.b === undefined ? a : endAsWritten(g.b);
    const written = (g.open !== undefined && g.close !== undefined) || g.minus !== undefined;
    return changeAt(text, from, to, from + m.index, m[0].length, a, b, written);
  });
  const multiples = [...slice.matchAll(MULTIPLE)].flatMap((m) => {
    const times = multipleOf(m.groups ?? {});
    if (times === null) return [];
    const end = endAsWritten(times.times(100).toFixed());
    return [changeAt(text, from, to, from + m.index, m[0].length, end, end, false)];
  });
  return multiples.length === 0 ? stated : [...stated, ...multiples].sort((x, y) => x.start - y.start);
}

function changeAt(
  text: string,
  from: number,
  to: number,
  start: number,
  length: number,
  a: End,
  b: End,
  written: boolean,
): Change {
  const end = start + length;
  const before = clauseBefore(text, Math.max(from, start - LOOK_BACK), start);
  // "increased by 55%" names its direction before the figure; "a 40% decrease" after it.
  const direction = lastDirection(before) ?? lastDirection(text.slice(end, Math.min(to, end + LOOK_AHEAD)));
  const negative = direction === undefined ? written : direction === 'down';
  return { start, end, range: toRange(a, b, negative, boundIn(before)) };
}

// A change stated as a multiple: "more than double", "over 16 times", "a 26-fold increase", "增加約一倍".
// Like a percentage it is the increase: N times is N x 100%.
const MULTIPLE =
  /(?<![A-Za-z])(?:(?<n>\d+(?:\.\d+)?)\s?(?:-\s?fold|times)(?![A-Za-z])|(?<zn>\d+(?:\.\d+)?|[一二兩三四五六七八九十]{1,3})\s?倍|(?<double>doubl(?:e|ed|ing)(?![- ]digit)|翻倍|翻番))/gi;

function multipleOf(g: Record<string, string | undefined>): Decimal | null {
  if (g.double !== undefined) return new Decimal(1);
  const written = g.n ?? g.zn;
  if (written === undefined) return null;
  const digits = /^\d/.test(written) ? written : chineseNumeral(written);
  return digits === null ? null : new Decimal(digits);
}

/**
 * A bare figure in a table column whose header says it is a percentage ("%", "Change (%)",
 * "變動(%)"): "(15.8)" and "-9.0" are decreases, "25.6" an increase.
 */
export function readPercentCell(text: string, from: number, to: number): Change | null {
  const m = BARE_PERCENT.exec(text.slice(from, to));
  if (m === null) return null;
  const g = m.groups ?? {};
  const value = endAsWritten(g.num as string);
  const negative = (g.open !== undefined && g.close !== undefined) || g.minus !== undefined;
  const start = from + m.index + (m[0].length - m[0].trimStart().length);
  return { start, end: from + m.index + m[0].trimEnd().length, range: toRange(value, value, negative, null) };
}

const BARE_PERCENT =
  /^\s*(?<open>\()?(?<minus>[-−–])?(?<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?%?(?<close>\))?\s*$/;

/** The part of text[from, to) after the last clause boundary. */
function clauseBefore(text: string, from: number, to: number): string {
  const span = text.slice(from, to);
  let cut = 0;
  for (const m of span.matchAll(CLAUSE_END)) cut = m.index + m[0].length;
  return span.slice(cut);
}

function lastDirection(span: string): 'up' | 'down' | undefined {
  let found: 'up' | 'down' | undefined;
  for (const m of span.matchAll(DIRECTION)) found = m.groups?.up !== undefined ? 'up' : 'down';
  return found;
}

/** A stated percentage keeps the precision it was written with: "125.00" stays "125.00". */
function endAsWritten(written: string): End {
  const text = written.replaceAll(',', '');
  return { value: new Decimal(text), text };
}
