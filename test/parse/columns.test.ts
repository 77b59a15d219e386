import { describe, expect, it } from 'vitest';
import { readColumnRoles } from '../../src/parse/columns.js';
import { normalize } from '../../src/parse/normalize.js';

const roles = (text: string) => readColumnRoles(normalize(text)).map((h) => Object.fromEntries(h.roles));

describe('readColumnRoles', () => {
  it('names current, superseded and prior columns of an update’s table', () => {
    expect(roles('项目\t本次更新后预计\t前次预计\t上年同期\n')).toEqual([
      { 1: 'current', 2: 'superseded', 3: 'prior' },
    ]);
    expect(roles('项目\t更正前\t更正后\t上年同期\n')).toEqual([
      { 1: 'superseded', 2: 'current', 3: 'prior' },
    ]);
  });

  it('finds percentage columns in a unit row', () => {
    expect(roles("\t2024\t2023\tChange\n\tRMB'million\tRMB'million\t%\n")).toEqual([{ 3: 'percent' }]);
    expect(roles('\t二零二五年\t二零二四年\t變動(%)\n')).toEqual([{ 3: 'percent' }]);
  });

  it('takes no header from a row of figures or a plain period header', () => {
    expect(roles('淨利潤\t盈利：68,000萬元比上年同期增長：64.85%\t盈利：41,250.80萬元\n')).toEqual([]);
    expect(roles('Item\tCurrent reporting period\n')).toEqual([]);
  });
});
