import { describe, expect, it } from 'vitest';
import type { Check, Range } from '../../src/estimate.js';
import { confidenceOf } from '../../src/parse/confidence.js';

const read = (current: Range, changePct: Range | null = null, rivals: string[] = []) => ({
  name: 'net_profit_attributable',
  current,
  changePct,
  rivals,
});
const check = (stated: string, computed: string, ok: boolean): Check => ({
  metric: 'net_profit_attributable',
  stated,
  computed,
  ok,
});

describe('confidenceOf', () => {
  it('confirms figures that nothing contradicts', () => {
    expect(confidenceOf(read({ low: '702265000', high: '838187300' }), [check('55', '55.00', true)])).toEqual(
      {
        level: 'confirmed',
        reasons: [],
      },
    );
  });

  it('is unsure of a stated change the figures contradict', () => {
    const confidence = confidenceOf(read({ low: '110', high: '110' }, { low: '40', high: '40' }), [
      check('40', '37.50', false),
    ]);
    expect(confidence).toEqual({
      level: 'unsure',
      reasons: ['stated change 40% does not match 37.50% computed from the figures'],
    });
  });

  it('accepts a one-sided change the figures bear out', () => {
    const atLeast = read({ low: '1200000000', high: null }, { low: '80', high: null });
    expect(confidenceOf(atLeast, [check('80', '87.50', false)]).level).toBe('confirmed');
    expect(confidenceOf(atLeast, [check('80', '70.00', false)]).level).toBe('unsure');
  });

  it('is unsure of a range whose ends disagree in sign, and of competing figures', () => {
    expect(confidenceOf(read({ low: '-5000000', high: '8000000' }), []).reasons).toEqual([
      "the range's ends disagree in sign (-5000000 to 8000000)",
    ]);
    expect(confidenceOf(read({ low: '96000000', high: '96000000' }, null, ['37900000']), []).reasons).toEqual(
      ['another figure is stated for the same label (37900000)'],
    );
  });

  it('ignores other metrics’ checks', () => {
    const other = { ...check('10', '12.00', false), metric: 'revenue' };
    expect(confidenceOf(read({ low: '1', high: '1' }), [other]).level).toBe('confirmed');
  });
});
