import { describe, expect, it } from 'vitest';
import type { Estimate, Metric } from '../../src/estimate.js';
import { crossCheck } from '../../src/parse/twins.js';
import { estimate, metric } from '../pipeline/fakes.js';

const profit = (over: Partial<Metric> = {}): Metric =>
  metric({
    name: 'net_profit_attributable',
    label: 'net profit attributable to shareholders',
    current: { low: '702265000', high: '838187300' },
    prior: '453074200',
    changePct: { low: '55', high: '85' },
    ...over,
  });
const en = (metrics: Metric[]): Estimate => estimate({ language: 'en', metrics });
const zh = (metrics: Metric[]): Estimate => estimate({ language: 'zh', metrics });

describe('crossCheck', () => {
  it('finds the versions agree when every shared metric reads the same, to the decimal', () => {
    const result = crossCheck(
      en([profit()]),
      zh([profit({ changePct: { low: '55.00', high: '85.00' }, label: '歸屬於上市公司股東的淨利潤' })]),
    );
    expect(result.check).toEqual({ verdict: 'match', other: 'zh', differences: [], error: null });
    expect(result.base).toBe('en');
    expect(result.estimate.metrics[0]?.confidence.level).toBe('confirmed');
  });

  it('marks a disagreeing metric unsure and names the other reading', () => {
    const other = profit({ prior: '45307420' });
    const result = crossCheck(en([profit()]), zh([other]));
    expect(result.check.verdict).toBe('mismatch');
    expect(result.check.differences).toEqual([
      {
        metric: 'net_profit_attributable',
        label: 'net profit attributable to shareholders',
        fields: ['prior'],
        shown: { current: profit().current, prior: '453074200', changePct: profit().changePct },
        other: { current: profit().current, prior: '45307420', changePct: profit().changePct },
      },
    ]);
    expect(result.estimate.metrics[0]?.confidence).toEqual({
      level: 'unsure',
      reasons: ['the Chinese version reads the prior differently'],
    });
  });

  it('shows the reading whose own checks pass', () => {
    // The English reading took one end of the range as the whole figure, so its check failed.
    const wrong = profit({
      current: { low: '702265000', high: '702265000' },
      confidence: {
        level: 'unsure',
        reasons: ['stated change 85% does not match 55.00% computed from the figures'],
      },
    });
    const result = crossCheck(en([wrong]), zh([profit()]));
    const shown = result.estimate.metrics[0];
    expect(shown?.current).toEqual({ low: '702265000', high: '838187300' });
    expect(shown?.confidence.level).toBe('unsure');
    expect(result.check.differences[0]?.other.current).toEqual({ low: '702265000', high: '702265000' });
  });

  it('bases the estimate on the version with more confirmed figures', () => {
    const result = crossCheck(en([]), zh([profit()]));
    expect(result.base).toBe('zh');
    expect(result.check).toMatchObject({ verdict: 'nothing_to_compare', other: 'en' });
    expect(result.estimate.language).toBe('zh');
  });

  it('calls differing periods a mismatch', () => {
    const a = en([profit()]);
    const b = {
      ...zh([profit()]),
      period: { start: '2021-01-01', end: '2021-12-31', type: 'annual' as const },
    };
    expect(crossCheck(a, b).check.verdict).toBe('mismatch');
  });
});
