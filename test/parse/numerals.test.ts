import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/parse/normalize.js';
import { chineseNumeral, toChineseNumeral } from '../../src/parse/numerals.js';
import { readPeriod } from '../../src/parse/period.js';

describe('chineseNumeral', () => {
  it.each([
    ['二零二二', '2022'],
    ['二〇二五', '2025'],
    ['三十一', '31'],
    ['十二', '12'],
    ['四百萬', '4000000'],
    ['一億二千萬', '120000000'],
    ['三千五百萬', '35000000'],
    ['一千零五', '1005'],
  ])('%s is %s', (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });

  it('refuses what is no numeral', () => {
    expect(chineseNumeral('')).toBeNull();
    expect(chineseNumeral('百萬元')).toBeNull();
  });

  test.prop([fc.bigInt({ min: 1n, max: 999_999_999_999n })])('round-trips any amount', (value) => {
    expect(chineseNumeral(toChineseNumeral(value))).toBe(value.toString());
  });

  // Any date written in Chinese numerals, as Hong Kong filings write year ends, reads as the same day.
  test.prop([
    fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
  ])('round-trips a year-end date', (date) => {
    const digits = '零一二三四五六七八九';
    const year = [...String(date.getUTCFullYear())].map((d) => digits[Number(d)]).join('');
    const small = (n: number) => toChineseNumeral(BigInt(n)).replace(/^一十/, '十');
    const text = `截至${year}年${small(date.getUTCMonth() + 1)}月${small(date.getUTCDate())}日止年度`;
    expect(readPeriod(normalize(text)).end).toBe(date.toISOString().slice(0, 10));
  });
});
