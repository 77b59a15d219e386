import { describe, expect, it } from 'vitest';
import { guidanceRecord, type Landing, landings, settles } from '../../src/settle/landing.js';
import { estimate, metric } from '../pipeline/fakes.js';
import { actual, jlMagEstimate, results } from './support.js';

const headline = (r: ReturnType<typeof results>, e = jlMagEstimate()) => landings(e, r)[0] as Landing;

describe('landings', () => {
  it('places an actual inside the range, with how far up and the change on the prior year', () => {
    const l = headline(results([actual('net_profit_attributable', '801200000', '453074200')]));
    expect(l).toMatchObject({ position: 'inside', rangePct: '72.8', changePct: '76.8', missBy: null });
  });

  it('measures a miss below the range from its low end, exactly', () => {
    const l = headline(results([actual('net_profit_attributable', '678900000', '453074200')]));
    expect(l).toMatchObject({ position: 'below', missBy: '23365000', missPct: '3.3' });
  });

  it('measures a miss above the range from its high end', () => {
    const l = headline(results([actual('net_profit_attributable', '900000000', '453074200')]));
    expect(l).toMatchObject({ position: 'above', missBy: '61812700', missPct: '7.4' });
  });

  it('counts both ends as inside', () => {
    for (const end of ['702265000', '838187300'])
      expect(headline(results([actual('net_profit_attributable', end, null)])).position).toBe('inside');
  });

  it('judges a one-sided estimate by its bound', () => {
    const floor = jlMagEstimate({ current: { low: '500000000', high: null } });
    expect(headline(results([actual('net_profit_attributable', '612000000', null)]), floor).position).toBe(
      'met',
    );
    expect(headline(results([actual('net_profit_attributable', '480000000', null)]), floor)).toMatchObject({
      position: 'missed',
      missBy: '20000000',
      missPct: '4.0',
    });
  });

  it('orders a loss range by value: a deeper loss is below it', () => {
    const loss = jlMagEstimate({ current: { low: '-45000000', high: '-35000000' }, prior: '-10000000' });
    expect(
      headline(results([actual('net_profit_attributable', '-50000000', '-10000000')]), loss),
    ).toMatchObject({
      position: 'below',
      missBy: '5000000',
      changePct: null,
    });
    expect(headline(results([actual('net_profit_attributable', '-40000000', null)]), loss).rangePct).toBe(
      '50.0',
    );
  });

  it('keeps the estimated change for an estimate that stated only a change', () => {
    const pctOnly = jlMagEstimate({ current: { low: null, high: null } });
    expect(
      headline(results([actual('net_profit_attributable', '801200000', '453074200')]), pctOnly),
    ).toMatchObject({
      position: 'change_only',
      changePct: '76.8',
      estimatedChange: { low: '55', high: '85' },
    });
  });

  it("names the estimate's prior when the results restate it", () => {
    const l = headline(results([actual('net_profit_attributable', '801200000', '460100000')]));
    expect(l).toMatchObject({ prior: '460100000', estimatePrior: '453074200' });
  });

  it('leads with the headline metric and skips metrics the results do not state', () => {
    const e = estimate({
      metrics: [
        metric({ name: 'revenue', label: 'revenue', current: { low: '1', high: '2' } }),
        metric({ name: 'net_profit_attributable', label: 'profit', current: { low: '1', high: '2' } }),
        metric({ name: 'eps_basic', label: 'eps', current: { low: '1', high: '2' } }),
      ],
    });
    const r = results([actual('revenue', '1', null), actual('net_profit_attributable', '3', null)]);
    expect(landings(e, r).map((l) => l.metric)).toEqual(['net_profit_attributable', 'revenue']);
  });
});

describe('settles', () => {
  it('matches the same period only', () => {
    expect(settles(results([]), jlMagEstimate())).toBe(true);
    expect(
      settles(
        results([], { period: { start: '2022-01-01', end: '2022-06-30', type: 'interim' } }),
        jlMagEstimate(),
      ),
    ).toBe(false);
    expect(
      settles(results([], { period: { start: null, end: null, type: 'annual' } }), jlMagEstimate()),
    ).toBe(false);
  });
});

describe('guidanceRecord', () => {
  it('counts the landings that held and averages where in their ranges they fell', () => {
    const at = (current: string) => headline(results([actual('net_profit_attributable', current, null)]));
    const record = guidanceRecord([at('800000000'), at('750000000'), at('702265000'), at('900000000')]);
    expect(record).toEqual({ settled: 4, held: 3, ranged: 4, meanRangePct: '63' });
  });

  it('is empty without settled estimates', () => {
    expect(guidanceRecord([])).toEqual({ settled: 0, held: 0, ranged: 0, meanRangePct: null });
  });
});

describe('a prior year', () => {
  it('rounded to the results table unit is the same prior, not a restatement', () => {
    const l = headline(results([actual('net_profit_attributable', '801212000', '453074000')]));
    expect(l.estimatePrior).toBeNull();
  });
});
