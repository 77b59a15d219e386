import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/parse/normalize.js';

describe('normalize', () => {
  it('maps full-width forms and the Simplified words the readers use', () => {
    expect(normalize('归属于上市公司股东的净利润：７０，２２６．５０万元')).toBe(
      '歸屬於上市公司股東的淨利潤:70,226.50萬元',
    );
    expect(normalize('本公司拥有人应占溢利（２０２２年：约人民币１２３百万元）')).toBe(
      '本公司擁有人應佔溢利(2022年:約人民幣123百萬元)',
    );
  });
});

test.prop([fc.string({ unit: 'binary', maxLength: 200 })])(
  'keeps the length, so offsets carry over',
  (text) => {
    expect(normalize(text)).toHaveLength(text.length);
  },
);
