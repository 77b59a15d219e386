import { describe, expect, it } from 'vitest';
import { readDrivers } from '../../src/parse/drivers.js';
import { normalize } from '../../src/parse/normalize.js';

const drivers = (text: string) => readDrivers(text, normalize(text));

describe('readDrivers', () => {
  it('reads the numbered paragraphs of an explanation section, keeping their full stops', () => {
    const text = [
      'III. EXPLANATION FOR THE CHANGES IN RESULTS',
      '1. Revenue grew. Sales rose by 70%.',
      '2. Costs fell.',
      'IV. OTHER RELEVANT EXPLANATION',
      '1. Not a reason.',
    ].join('\n');
    expect(drivers(text)).toEqual(['Revenue grew. Sales rose by 70%.', 'Costs fell.']);
  });

  it('reads a Chinese section with （一） markers, in Simplified script as written', () => {
    const text =
      '三、业绩变动原因说明\n（一）报告期内，订单减少。\n（二）毛利率下降。\n四、其他相关说明\n本次预告未经审计。';
    expect(drivers(text)).toEqual(['报告期内，订单减少。', '毛利率下降。']);
  });

  it('splits an inline (i)/(ii) enumeration after a lead into clean fragments', () => {
    const text =
      'Such increase in loss is mainly attributable to (i) the decrease in the selling price of coal; and (ii) the impairment loss on mining rights. Other text.';
    expect(drivers(text)).toEqual([
      'the decrease in the selling price of coal',
      'the impairment loss on mining rights',
    ]);
  });

  it('splits a Chinese inline enumeration, dropping the joining ；及 and the final 。', () => {
    const text =
      '董事會認為，上述由盈轉虧主要由於(i)收益減少約28%，乃由於競爭加劇；(ii)公平值虧損；及(iii)減值虧損。';
    expect(drivers(text)).toEqual(['收益減少約28%，乃由於競爭加劇', '公平值虧損', '減值虧損']);
  });

  it('reads a bulleted list after a lead ending in a colon, fragments without their semicolons', () => {
    const text =
      'The loss was mainly due to:\n● the decrease in revenue;\n● the increase in staff costs; and\n● the impairment loss.\nOther text.';
    expect(drivers(text)).toEqual([
      'the decrease in revenue',
      'the increase in staff costs',
      'the impairment loss',
    ]);
  });

  it('reads a list under "mainly due to:" with (A) markers, and Chinese ‧ bullets', () => {
    expect(
      drivers(
        'is expected to decrease, mainly due to:\n(A) higher costs;\n(B) lower grants; and\n(C) fewer sales.',
      ),
    ).toEqual(['higher costs', 'lower grants', 'fewer sales']);
    expect(drivers('業績增長主要歸因於以下因素：\n‧銷售量大幅增加。\n‧服務費收入穩定。')).toEqual([
      '銷售量大幅增加。',
      '服務費收入穩定。',
    ]);
  });

  it('reads a single reason stated in prose', () => {
    expect(
      drivers('The increase was mainly attributable to the strong growth in online sales. The Board'),
    ).toEqual(['the strong growth in online sales']);
  });

  it('finds no reasons where none are stated', () => {
    expect(drivers('')).toEqual([]);
    expect(drivers('Revenue increased by 10%.')).toEqual([]);
  });
});
