import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/parse/normalize.js';
import { readChanges } from '../../src/parse/percentages.js';

const changes = (text: string) => {
  const norm = normalize(text);
  return readChanges(norm, 0, norm.length).map((c) => c.range);
};

describe('readChanges', () => {
  it.each([
    ['Increased by 55% to 85% as compared with the same period last year', '55', '85'],
    ['a decrease of approximately 30% to 40%', '-40', '-30'],
    ['an increase of approximately 35%', '35', '35'],
    ['比上年同期增長：61.61%–93.72%', '61.61', '93.72'],
    ['比上年同期下降：20%–30%', '-30', '-20'],
    ['同比增加６０％到７７％', '60', '77'],
    ['較去年同期上升約48%', '48', '48'],
    ['Increase of 125.00% to 175.00%', '125.00', '175.00'],
    ['\t(12.3%)', '-12.3', '-12.3'],
    ['a 40% decrease in profit', '-40', '-40'],
    ['an increase of approximately 35 per cent. over 2022', '35', '35'],
  ])('reads %j', (text, low, high) => {
    expect(changes(text)).toEqual([{ low, high }]);
  });

  it('leaves the other end open for bounds, swapping it for a decrease', () => {
    expect(changes('an increase of not less than 50%')).toEqual([{ low: '50', high: null }]);
    expect(changes('增加不少於59%')).toEqual([{ low: '59', high: null }]);
    expect(changes('a decrease of not less than 60%')).toEqual([{ low: null, high: '-60' }]);
    expect(changes('an increase of not more than 10%')).toEqual([{ low: null, high: '10' }]);
  });

  it('does not carry a direction over a clause boundary', () => {
    expect(changes('revenue decreased; margin was 30%')).toEqual([{ low: '30', high: '30' }]);
  });
});

const pct = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.boolean())
  .map(([whole, cents, decimals]) =>
    decimals ? `${whole}.${String(cents).padStart(2, '0')}` : String(whole),
  );

test.prop([pct, pct, fc.constantFrom('increase by', 'increased by', '增長', '上升')])(
  'an increase keeps the stated figures, ordered low to high',
  (a, b, word) => {
    const [range] = changes(`${word} ${a}% to ${b}%`.replace(' to ', word.length < 3 ? '至' : ' to '));
    const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
    expect(range).toEqual({ low, high });
  },
);

test.prop([pct, pct, fc.constantFrom('decrease by', 'decreased by', '減少', '下降')])(
  'a decrease negates both ends and keeps low <= high',
  (a, b, word) => {
    const [range] = changes(`${word} ${a}% to ${b}%`.replace(' to ', word.length < 3 ? '至' : ' to '));
    expect(Number(range?.low)).toBeLessThanOrEqual(Number(range?.high));
    const negated = [a, b].map((x) => (Number(x) === 0 ? x : `-${x}`));
    expect([range?.low, range?.high].sort()).toEqual([...negated].sort());
  },
);
