import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/parse/normalize.js';
import { readPeriod } from '../../src/parse/period.js';

const period = (text: string) => readPeriod(normalize(text));

describe('readPeriod', () => {
  it.each([
    [
      'Period for the estimated results: January 1, 2022 to December 31, 2022',
      '2022-01-01',
      '2022-12-31',
      'annual',
    ],
    ['業績預告期間：2023年1月1日至2023年9月30日', '2023-01-01', '2023-09-30', 'nine_months'],
    ['1 January 2024 to 31 March 2024', '2024-01-01', '2024-03-31', 'quarter'],
    ['for the year ended 31 March 2024', '2023-04-01', '2024-03-31', 'annual'],
    ['for the year ending 30 June 2024', '2023-07-01', '2024-06-30', 'annual'],
    ['for the six months ended 30 September 2024', '2024-04-01', '2024-09-30', 'interim'],
    ['for the nine months ended 30\nSeptember 2024', '2024-01-01', '2024-09-30', 'nine_months'],
    ['截至2024年3月31日止年度', '2023-04-01', '2024-03-31', 'annual'],
    ['截至2023年6月30日止六個月', '2023-01-01', '2023-06-30', 'interim'],
    ['2023年前三季度業績預告', '2023-01-01', '2023-09-30', 'nine_months'],
    ['2024年第一季度業績預告', '2024-01-01', '2024-03-31', 'quarter'],
    ['2023年半年度業績預告', '2023-01-01', '2023-06-30', 'interim'],
    ['2022年度业绩预告', '2022-01-01', '2022-12-31', 'annual'],
    ['the annual results of 2022', '2022-01-01', '2022-12-31', 'annual'],
    ['For the month ended:\t31 May 2024', '2024-05-01', '2024-05-31', 'other'],
  ])('reads %j', (text, start, end, type) => {
    expect(period(text)).toEqual({ start, end, type });
  });

  it('takes the document’s own period, stated before the one it compares with', () => {
    expect(period('for the year ended 31 March 2024, as compared with the year ended 31 March 2023')).toEqual(
      {
        start: '2023-04-01',
        end: '2024-03-31',
        type: 'annual',
      },
    );
  });

  it('prefers an explicit span to a year word', () => {
    expect(period('2023年度 ... 2023年1月1日至2023年6月30日').type).toBe('interim');
  });

  it('gives nothing for impossible dates or no period', () => {
    expect(period('31 February 2023 to 30 February 2024')).toEqual({ start: null, end: null, type: 'other' });
    expect(period('')).toEqual({ start: null, end: null, type: 'other' });
  });
});

describe('readPeriod: Chinese numerals and unusual spans', () => {
  it.each([
    ['截至二零二二年三月三十一日止年度', { start: '2021-04-01', end: '2022-03-31', type: 'annual' }],
    ['截至二〇二五年六月三十日止六個月', { start: '2025-01-01', end: '2025-06-30', type: 'interim' }],
    ['截至二零二四年十二月三十一日止年度', { start: '2024-01-01', end: '2024-12-31', type: 'annual' }],
    ['截至二零二四年二月二十九日止年度', { start: '2023-03-01', end: '2024-02-29', type: 'annual' }],
    ['截至二零二五年六月三十日止十八個月', { start: '2024-01-01', end: '2025-06-30', type: 'other' }],
    ['截至2025年3月31日止三個月', { start: '2025-01-01', end: '2025-03-31', type: 'quarter' }],
    ['the eighteen months ending 30 June 2025', { start: '2024-01-01', end: '2025-06-30', type: 'other' }],
    ['the year ended 29 February 2024', { start: '2023-03-01', end: '2024-02-29', type: 'annual' }],
  ])('%s', (text, period) => {
    expect(readPeriod(normalize(text))).toEqual(period);
  });
});
