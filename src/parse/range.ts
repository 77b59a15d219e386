import type { Decimal } from 'decimal.js';
import type { Range } from '../estimate.js';
import { wordsSource } from './words/lexicon.js';

// The schema's range rules in one place, shared by amounts and percentages: a range is ordered
// low <= high, a loss or a decrease is negative, and "not less than" / "not more than" leave the
// other end open.

export type Bound = 'atLeast' | 'atMost' | null;

/** One end of a figure: its value, and the text it is printed as. */
export interface End {
  value: Decimal;
  text: string;
}

/** Whole-unit decimal string without trailing zeros: 35.200 -> "35.2". */
const decimalString = (value: Decimal): string => value.toFixed();

export const endOf = (value: Decimal): End => ({ value, text: decimalString(value) });

const negate = ({ value, text }: End): End => ({
  value: value.neg(),
  text: value.isZero() ? text : text.startsWith('-') ? text.slice(1) : `-${text}`,
});

/**
 * Applies a negative sense (loss, decrease) and a stated bound to a figure read as written.
 * Negating swaps the ends, so a loss of 35 to 45 becomes -45 to -35 and a decrease of not less
 * than 50% becomes "at most -50".
 */
export function toRange(first: End, second: End, negative: boolean, bound: Bound): Range {
  const a = negative ? negate(first) : first;
  const b = negative ? negate(second) : second;
  const [low, high] = a.value.lte(b.value) ? [a, b] : [b, a];
  const effective = negative && bound !== null ? (bound === 'atLeast' ? 'atMost' : 'atLeast') : bound;
  return {
    low: effective === 'atMost' ? null : low.text,
    high: effective === 'atLeast' ? null : high.text,
  };
}

// "Not more than" before "more than" and "不超過" before "超過": at one position the longer,
// earlier-starting phrase wins because the leftmost match is taken.
const BOUND = new RegExp(`(?<most>${wordsSource('atMost')})|(?<least>${wordsSource('atLeast')})`, 'gi');
/** How far before a figure its bound word may stand: "increase of not less than 50%". */
const BOUND_REACH = 32;

/** The bound stated just before a figure, given the text that precedes it. */
export function boundIn(before: string): Bound {
  let bound: Bound = null;
  for (const m of before.slice(-BOUND_REACH).matchAll(BOUND))
    bound = m.groups?.most !== undefined ? 'atMost' : 'atLeast';
  return bound;
}
