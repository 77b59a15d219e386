import { fc, test } from '@fast-check/vitest';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { firstCurrency, readAmounts, readColumnUnits } from '../../src/parse/amounts.js';
import { normalize } from '../../src/parse/normalize.js';
import { toChineseNumeral } from '../../src/parse/numerals.js';

const read = (text: string, column: Parameters<typeof readAmounts>[3] = null) => {
  const norm = normalize(text);
  return readAmounts(norm, 0, norm.length, column).map((a) => ({
    low: a.low.toFixed(),
    high: a.high.toFixed(),
    currency: a.currency,
  }));
};

describe('readAmounts', () => {
  it.each([
    ['RMB702,265,000', '702265000', 'CNY'],
    ['HK$35.2 million', '35200000', 'HKD'],
    ['US$1.2 billion', '1200000000', 'USD'],
    ['人民幣70,226.50萬元', '702265000', 'CNY'],
    ['1.2億元', '120000000', 'CNY'],
    ['約35百萬港元', '35000000', 'HKD'],
    ['人民幣８０百萬元', '80000000', 'CNY'],
    ['１２，３４５千元', '12345000', 'CNY'],
    ['HK5.6 cents', '0.056', 'HKD'],
    ['人民幣0.63元/股', '0.63', 'CNY'],
    ['approximately RMB\n180 million', '180000000', 'CNY'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(read(text)).toEqual([{ low: value, high: value, currency }]);
  });

  it('joins a range and lends the second scale to a bare first end', () => {
    expect(read('HK$35 to 45 million')).toEqual([{ low: '35000000', high: '45000000', currency: 'HKD' }]);
    expect(read('70,226.50萬元–83,818.73萬元')).toEqual([
      { low: '702265000', high: '838187300', currency: 'CNY' },
    ]);
    expect(read('RMB0.29 per share to RMB0.35 per share')).toEqual([
      { low: '0.29', high: '0.35', currency: 'CNY' },
    ]);
  });

  it('reads explicit negatives: parentheses in tables, a minus after 為', () => {
    expect(read('(1,234)', { currency: 'CNY', power: 3 })).toEqual([
      { low: '-1234000', high: '-1234000', currency: 'CNY' },
    ]);
    expect(read('淨利潤為-8,000萬元到-12,000萬元')).toEqual([
      { low: '-80000000', high: '-120000000', currency: 'CNY' },
    ]);
  });

  it('ignores bare numbers, percentages and years outside a table', () => {
    expect(read('Rule 13.09 of 2022, up 55%')).toEqual([]);
    expect(read('2023\t1,234', { currency: 'HKD', power: 3 })).toEqual([
      { low: '1234000', high: '1234000', currency: 'HKD' },
    ]);
  });
});

describe('readColumnUnits', () => {
  it.each([
    ["Unit: RMB'000", 'CNY', 3],
    ['HK$’000', 'HKD', 3],
    ['(RMB million)', 'CNY', 6],
    ["RMB'million", 'CNY', 6],
    ['US$’million', 'USD', 6],
    ['單位：人民幣千元', 'CNY', 3],
    ['單位：萬元', 'CNY', 4],
    ['單位：人民幣元', 'CNY', 0],
    ['\t千港元\t千港元', 'HKD', 3],
  ])('reads %j', (text, currency, power) => {
    expect(readColumnUnits(normalize(text))[0]).toEqual({ at: expect.any(Number), currency, power });
  });

  it('does not take a scale in prose for a header', () => {
    expect(readColumnUnits('revenue of HK$35 million')).toEqual([]);
  });
});

describe('firstCurrency', () => {
  it('names the currency of the first amount that has one', () => {
    expect(firstCurrency('dividend of HK8.0 cents per share, RMB1')).toBe('HKD');
    expect(firstCurrency('no money here')).toBeNull();
  });
});

// Round trips: a decimal written the way announcements write it reads back as the same value.
const money = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 2 }))
  .map(([units, places]) => new Decimal(units.toString()).div(10 ** places));
const withCommas = (value: Decimal): string => {
  const [whole, fraction] = value.toFixed().split('.');
  const grouped = (whole as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};
const CURRENCIES = [
  ['RMB', 'CNY'],
  ['HK$', 'HKD'],
  ['US$', 'USD'],
] as const;
const SCALES = [
  ['', 0],
  [' million', 6],
  [' billion', 9],
  ['萬', 4],
  ['億', 8],
] as const;

test.prop([money, fc.constantFrom(...CURRENCIES), fc.constantFrom(...SCALES)])(
  'reads back any amount with its currency and scale',
  (value, [prefix, iso], [scale, power]) => {
    const [amount] = read(`${prefix}${withCommas(value)}${scale}`);
    expect(amount).toEqual({
      low: value.times(new Decimal(10).pow(power)).toFixed(),
      high: value.times(new Decimal(10).pow(power)).toFixed(),
      currency: iso,
    });
  },
);

test.prop([money, fc.constantFrom(0, 3, 4, 6)])(
  'scales bare table figures by the column unit',
  (value, power) => {
    const [amount] = read(`\t${withCommas(value)}`, { currency: 'HKD', power });
    expect(amount?.low).toBe(value.times(new Decimal(10).pow(power)).toFixed());
  },
);

test.prop([money.filter((v) => !v.isZero())])('reads a parenthesised table figure as negative', (value) => {
  const [amount] = read(`\t(${withCommas(value)})`, { currency: 'CNY', power: 0 });
  expect(amount?.low).toBe(value.neg().toFixed());
});

test.prop([fc.string({ maxLength: 300 })])('never throws on arbitrary text', (text) => {
  expect(() => read(text)).not.toThrow();
});

describe('readAmounts: minus signs and Chinese numerals', () => {
  it.each([
    ['RMB-1,150 million', '-1150000000', 'CNY'],
    ['RMB –498 million', '-498000000', 'CNY'],
    ['人民幣-113億元', '-11300000000', 'CNY'],
    ['約四百萬港元', '4000000', 'HKD'],
    ['一億二千萬元', '120000000', 'CNY'],
    ['約三千五百萬港元', '35000000', 'HKD'],
    ['MOP58.2 million', '58200000', 'MOP'],
    ['RM12.4 million', '12400000', 'MYR'],
    ['S$3.5 million', '3500000', 'SGD'],
    ['NT$120 million', '120000000', 'TWD'],
    ['JPY1,250 million', '1250000000', 'JPY'],
    ['約2,300萬澳門元', '23000000', 'MOP'],
  ])('reads %j as %s %s', (text, value, currency) => {
    expect(read(text)).toEqual([{ low: value, high: value, currency }]);
  });

  it('keeps a range of two negative figures a range', () => {
    expect(read('US$-12 million to US$-8 million')).toEqual([
      { low: '-12000000', high: '-8000000', currency: 'USD' },
    ]);
    expect(read('虧損：-5,800萬元至-4,800萬元')).toEqual([
      { low: '-58000000', high: '-48000000', currency: 'CNY' },
    ]);
  });

  it('reads a dash between two figures as a range, not a minus', () => {
    expect(read('70,226.50萬元-83,818.73萬元')).toEqual([
      { low: '702265000', high: '838187300', currency: 'CNY' },
    ]);
  });

  it('takes no figure from a unit alone', () => {
    expect(read('單位：人民幣千元')).toEqual([]);
  });

  // Any whole amount written in Chinese numerals and read back gives the same value, and a minus
  // sign in any of its forms survives: the readers' two round trips.
  test.prop([fc.bigInt({ min: 10n, max: 999_999_999_999n })])(
    'Chinese numeral amounts round-trip',
    (value) => {
      expect(read(`約${toChineseNumeral(value)}港元`)).toEqual([
        { low: value.toString(), high: value.toString(), currency: 'HKD' },
      ]);
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 99_999_999 }),
    fc.constantFrom('-', '–', '−', ' -', ' –'),
    fc.constantFrom('RMB', 'HK$', 'US$'),
  ])('a minus sign survives in every form', (value, minus, currency) => {
    const written = value.toLocaleString('en-US');
    expect(read(`${currency}${minus}${written}`)).toEqual([
      {
        low: `-${value}`,
        high: `-${value}`,
        currency: currency === 'RMB' ? 'CNY' : currency === 'HK$' ? 'HKD' : 'USD',
      },
    ]);
  });
});
