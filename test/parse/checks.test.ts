import { describe, expect, it } from 'vitest';
import type { Metric } from '../../src/estimate.js';
import { checkChanges } from '../../src/parse/checks.js';

const metric = (
  current: Metric['current'],
  prior: string | null,
  changePct: Metric['changePct'],
): Metric => ({
  name: 'net_profit_attributable',
  label: 'profit attributable to owners of the Company',
  direction: null,
  current,
  prior,
  changePct,
  evidence: { current: null, prior: null, changePct: null },
  confidence: { level: 'confirmed', reasons: [] },
});

describe('checkChanges', () => {
  it('recomputes the sample’s stated changes exactly', () => {
    expect(
      checkChanges([metric({ low: '702265000', high: '838187300' }, '453074200', { low: '55', high: '85' })]),
    ).toEqual([
      { metric: 'net_profit_attributable', stated: '55', computed: '55.00', ok: true },
      { metric: 'net_profit_attributable', stated: '85', computed: '85.00', ok: true },
    ]);
  });

  it('matches at the stated precision and flags a mismatch', () => {
    expect(
      checkChanges([metric({ low: '98800000', high: '110500000' }, '76000000', { low: '30', high: '54' })]),
    ).toEqual([
      { metric: 'net_profit_attributable', stated: '30', computed: '30.00', ok: true },
      { metric: 'net_profit_attributable', stated: '54', computed: '45.39', ok: false },
    ]);
    expect(
      checkChanges([metric({ low: '128500000', high: '128500000' }, '95200000', { low: '35', high: '35' })]),
    ).toEqual([{ metric: 'net_profit_attributable', stated: '35', computed: '34.98', ok: true }]);
  });

  it('checks decreases and open bounds end by end', () => {
    expect(
      checkChanges([metric({ low: null, high: '20000000' }, '50100000', { low: null, high: '-60' })]),
    ).toEqual([{ metric: 'net_profit_attributable', stated: '-60', computed: '-60.08', ok: true }]);
  });

  it('skips losses, missing priors and unstated changes', () => {
    expect(checkChanges([metric({ low: '-45', high: '-35' }, '12', { low: '10', high: '20' })])).toEqual([]);
    expect(checkChanges([metric({ low: '10', high: '20' }, null, { low: '10', high: '20' })])).toEqual([]);
    expect(checkChanges([metric({ low: '10', high: '20' }, '5', null)])).toEqual([]);
  });
});
