import { describe, expect, it } from 'vitest';
import { type Landing, landings } from '../../src/settle/landing.js';
import { guidanceText, landingMessage, landingSentence, missed } from '../../src/slack/landing.js';
import { filing } from '../pipeline/fakes.js';
import { actual, jlMagEstimate, results } from '../settle/support.js';

const YEAR_2022 = { start: '2022-01-01', end: '2022-12-31', type: 'annual' } as const;
const sentence = (current: string, prior: string | null, over = {}) => {
  const e = jlMagEstimate(over);
  const l = landings(e, results([actual('net_profit_attributable', current, prior)]))[0] as Landing;
  return landingSentence(l, 'CNY', YEAR_2022);
};

describe('landingSentence', () => {
  it('says where inside the range, and the change on the prior year', () => {
    expect(sentence('801200000', '453074200')).toBe(
      'Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m (73% of the way up), +76.8% vs 2021',
    );
  });

  it('says by how much a figure fell below the range', () => {
    expect(sentence('678900000', '453074200')).toBe(
      'Actual: RMB678.9m, below the estimated RMB702.3m–838.2m by RMB23.4m (3.3%), +49.8% vs 2021',
    );
  });

  it('words a loss range as losses', () => {
    const loss = { current: { low: '-45000000', high: '-35000000' }, prior: '-10000000' };
    expect(sentence('-50000000', '-10000000', loss)).toBe(
      'Actual: loss of RMB50m, a deeper loss than the estimated loss of RMB35m–45m by RMB5m (11.1%)',
    );
    expect(sentence('-30000000', '-10000000', loss)).toBe(
      'Actual: loss of RMB30m, a smaller loss than the estimated loss of RMB35m–45m by RMB5m (14.3%)',
    );
  });

  it('words a turnaround', () => {
    const turn = { current: { low: '20000000', high: '30000000' }, prior: '-15000000' };
    expect(sentence('25000000', '-15000000', turn)).toBe(
      'Actual: RMB25m, inside the estimated RMB20m–30m (50% of the way up), turning a loss of RMB15m into a profit',
    );
  });

  it('words a one-sided estimate', () => {
    expect(sentence('612000000', null, { current: { low: '500000000', high: null } })).toBe(
      // The results state no prior: the estimate's is used.
      'Actual: RMB612m, meeting the estimate of at least RMB500m, +35.1% vs 2021',
    );
    expect(sentence('480000000', null, { current: { low: '500000000', high: null } })).toBe(
      'Actual: RMB480m, short of the estimate of at least RMB500m by RMB20m (4.0%), +5.9% vs 2021',
    );
  });

  it('judges a change-only estimate by the change', () => {
    expect(sentence('801200000', '453074200', { current: { low: null, high: null } })).toBe(
      'Actual: RMB801.2m, +76.8% vs 2021, within the estimated change of +55% to +85%',
    );
  });
});

describe('landingMessage', () => {
  const estimate = jlMagEstimate();
  const settled = { filing: filing('1', '2023-01-30T11:00:00Z'), estimate };

  it('replies with the headline landing, a restated prior, and the results PDF', () => {
    const r = results([actual('net_profit_attributable', '801200000', '460100000')]);
    const message = landingMessage(
      { filing: filing('2', '2023-03-20T11:00:00Z'), results: r },
      settled,
      landings(estimate, r),
    );
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('inside the estimated RMB702.3m–838.2m');
    expect(text).toContain('the estimate used RMB453.1m (restated)');
    expect(text).toContain('results PDF');
  });

  it('escapes what came from a filing', () => {
    const r = results([actual('net_profit_attributable', '801200000', null)]);
    const shady = { ...estimate, company: { en: 'A <!channel> & B LIMITED', zh: null } };
    const message = landingMessage(
      { filing: filing('2', '2023-03-20T11:00:00Z'), results: r },
      { ...settled, estimate: shady },
      landings(shady, r),
    );
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});

describe('missed', () => {
  it('is true outside the range only', () => {
    const at = (current: string) =>
      landings(jlMagEstimate(), results([actual('net_profit_attributable', current, null)]))[0];
    expect(missed(at('801200000'))).toBe(false);
    expect(missed(at('600000000'))).toBe(true);
    expect(missed(undefined)).toBe(false);
  });
});

describe('guidanceText', () => {
  it('summarises the record', () => {
    expect(guidanceText({ settled: 4, held: 3, ranged: 4, meanRangePct: '62' })).toBe(
      '3 of 4 estimates landed inside the range; actuals at 62% of the range on average.',
    );
    expect(guidanceText({ settled: 0, held: 0, ranged: 0, meanRangePct: null })).toBe(
      'No estimate has been settled by results yet.',
    );
  });
});
