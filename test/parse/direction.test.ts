import { describe, expect, it } from 'vitest';
import { metricDirection, statedDirection } from '../../src/parse/direction.js';
import { normalize } from '../../src/parse/normalize.js';

const figures = (low: string | null, prior: string | null, change: string | null = null) => ({
  current: { low, high: low },
  prior,
  changePct: change === null ? null : { low: change, high: change },
});

describe('metricDirection', () => {
  it('calls a change of sign a turnaround, whatever the words say', () => {
    expect(metricDirection(figures('120', '-43'), 'increase')).toBe('turnaround_profit');
    expect(metricDirection(figures('-35', '12'), 'decrease')).toBe('turnaround_loss');
  });

  it('reads a turnaround from the words when the prior has no figure', () => {
    expect(metricDirection(figures('-35', null), normalize('本集團由盈轉虧'))).toBe('turnaround_loss');
    expect(metricDirection(figures('41', null), 'expects to turn around to a profit')).toBe(
      'turnaround_profit',
    );
    // A bare "turnaround" goes the way the figure does.
    expect(metricDirection(figures('-8', null), 'a turnaround in results')).toBe('turnaround_loss');
    expect(metricDirection(figures('-35', null), normalize('而上一個財政年度則錄得盈利'))).toBe(
      'turnaround_loss',
    );
  });

  it('follows the stated change, then the words, then the figures', () => {
    expect(metricDirection(figures('80', '50', '60'), '')).toBe('increase');
    expect(metricDirection(figures('-50', '-120', '-58'), 'net loss to decrease')).toBe('decrease');
    expect(metricDirection(figures(null, null), normalize('虧損淨額進一步收窄'))).toBe('decrease');
    expect(metricDirection(figures(null, null), 'the loss is expected to widen')).toBe('increase');
    // A widening loss is an increase of the loss, as documents word it.
    expect(metricDirection(figures('-70', '-22.8'), '')).toBe('increase');
    expect(metricDirection(figures('30', '30'), '')).toBeNull();
    expect(metricDirection(figures(null, null), '')).toBeNull();
  });
});

describe('statedDirection', () => {
  it('reads which way results go when no figure is given', () => {
    expect(statedDirection('The Group expects a significant decrease in its net profit for the year.')).toBe(
      'decrease',
    );
    expect(statedDirection(normalize('預期本集團之純利將大幅增加。'))).toBe('increase');
    expect(statedDirection(normalize('本集團預期扭虧為盈。'))).toBe('turnaround_profit');
    expect(statedDirection('The Board will meet on 20 March 2025.')).toBeNull();
  });
});
