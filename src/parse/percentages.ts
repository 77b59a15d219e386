import { Decimal } from 'decimal.js';
import type { Range } from '../estimate.js';
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
  return [...text.slice(from, to).matchAll(PERCENT)].map((m) => {
    const start = from + m.index;
    const end = start + m[0].length;
    const g = m.groups ?? {};
    const a = endAsWritten(g.a as string);
    const b = g.b === undefined ? a : endAsWritten(g.b);
    const written = (g.open !== undefined && g.close !== undefined) || g.minus !== undefined;
    const before = clauseBefore(text, Math.max(from, start - LOOK_BACK), start);
    // "increased by 55%" names its direction before the figure; "a 40% decrease" after it.
    const direction = lastDirection(before) ?? lastDirection(text.slice(end, Math.min(to, end + LOOK_AHEAD)));
    const negative = direction === undefined ? written : direction === 'down';
    return { start, end, range: toRange(a, b, negative, boundIn(before)) };
  });
}

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
