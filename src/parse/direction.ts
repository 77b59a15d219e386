import { Decimal } from 'decimal.js';
import type { Direction, Range } from '../estimate.js';
import { wordsSource } from './words/lexicon.js';

// Which way a metric moves, as the document states it: a change of sign between the periods is a
// turnaround; otherwise the stated change, the document's own word, or failing those the figures.
// For a loss, "decrease" is a smaller loss, as documents say it ("net loss to decrease").

const TURN_PROFIT = new RegExp(wordsSource('turnaroundProfit'), 'i');
const TURN_LOSS = new RegExp(wordsSource('turnaroundLoss'), 'i');
const MOVE = new RegExp(`(?<up>${wordsSource('increase')})|(?<down>${wordsSource('decrease')})`, 'i');
const RESULT = new RegExp(`${wordsSource('profit')}|${wordsSource('loss')}|results?|業績`, 'i');
const PRIOR_RESULT = new RegExp(
  `(?:${wordsSource('prior')})[^。;；.]{0,20}?(?:錄得|record(?:ed|s)?\\s+(?:an?\\s+)?)(?:(?<loss>${wordsSource('loss')})|(?<profit>${wordsSource('profit')}))`,
  'i',
);
const SENTENCE = /[^。.;；\n]+/g;

interface Figures {
  current: Range;
  prior: string | null;
  changePct: Range | null;
}

/** A metric's direction, given its figures and the sentence or table row it was read from. */
export function metricDirection({ current, prior, changePct }: Figures, context: string): Direction | null {
  const now = current.low ?? current.high;
  if (now !== null && prior !== null) {
    const a = new Decimal(now).comparedTo(0);
    const b = new Decimal(prior).comparedTo(0);
    if (a > 0 && b < 0) return 'turnaround_profit';
    if (a < 0 && b > 0) return 'turnaround_loss';
  }
  const before = now === null || prior !== null ? null : priorResultIn(context);
  if (before === 'loss' && !now?.startsWith('-')) return 'turnaround_profit';
  if (before === 'profit' && now?.startsWith('-')) return 'turnaround_loss';
  const turn = turnaroundIn(context, now);
  if (turn !== null) return turn;
  const stated = changePct === null ? null : (changePct.low ?? changePct.high);
  if (stated !== null && !new Decimal(stated).isZero())
    return stated.startsWith('-') ? 'decrease' : 'increase';
  const word = MOVE.exec(context);
  if (word !== null) return word.groups?.up !== undefined ? 'increase' : 'decrease';
  if (now !== null && prior !== null && !new Decimal(now).abs().equals(new Decimal(prior).abs())) {
    return new Decimal(now).abs().greaterThan(new Decimal(prior).abs()) ? 'increase' : 'decrease';
  }
  return null;
}

/** "而上一個財政年度則錄得盈利": the prior period's result named without a figure. */
function priorResultIn(text: string): 'loss' | 'profit' | null {
  const m = PRIOR_RESULT.exec(text);
  if (m === null) return null;
  return m.groups?.loss !== undefined ? 'loss' : 'profit';
}

/** "turn around", 扭虧為盈: which way is read from the words, or from the figure's sign. */
function turnaroundIn(text: string, now: string | null): Direction | null {
  if (TURN_LOSS.test(text)) return 'turnaround_loss';
  if (TURN_PROFIT.test(text)) return now?.startsWith('-') ? 'turnaround_loss' : 'turnaround_profit';
  return null;
}

/**
 * What a document that states no figure says of its results: the first sentence about a profit
 * or loss that says which way it goes ("a significant decrease in the net profit", "預計大幅下降").
 */
export function statedDirection(text: string): Direction | null {
  for (const [sentence] of text.matchAll(SENTENCE)) {
    const turn = turnaroundIn(sentence, null);
    if (turn !== null) return turn;
    if (!RESULT.test(sentence)) continue;
    const word = MOVE.exec(sentence);
    if (word !== null) return word.groups?.up !== undefined ? 'increase' : 'decrease';
  }
  return null;
}
