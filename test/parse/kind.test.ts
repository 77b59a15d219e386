import { describe, expect, it } from 'vitest';
import { classifyTitle } from '../../src/parse/kind.js';

describe('classifyTitle', () => {
  it.each([
    ['PROFIT WARNING', 'profit_warning'],
    ['PROFIT WARNING AND BUSINESS UPDATE', 'profit_warning'],
    ['INSIDE INFORMATION – PROFIT WARNING', 'profit_warning'],
    ['UPDATE ON PROFIT WARNING', 'profit_warning'],
    ['盈利預警', 'profit_warning'],
    ['虧損預告', 'profit_warning'],
    ['附屬公司盈利預警', 'profit_warning'],
    ['POSITIVE PROFIT WARNING', 'positive_profit_alert'],
    ['SUPPLEMENTAL ANNOUNCEMENT IN RELATION TO THE POSITIVE PROFIT ALERT', 'positive_profit_alert'],
    ['盈利預喜', 'positive_profit_alert'],
    ['盈利预喜', 'positive_profit_alert'],
    ['正面盈利預警', 'positive_profit_alert'],
    ['PROFIT UPDATE', 'profit_alert'],
    ['LOSS ESTIMATE', 'results_estimate'],
    ['PROFITS FORECAST', 'results_estimate'],
    ['ADVANCE NOTICE FOR ESTIMATED PROFIT', 'results_estimate'],
    ['业绩预告', 'results_estimate'],
    ['2025年年度业绩预亏公告', 'results_estimate'],
    ['2024年度業績快報', 'not_estimate'],
    ['ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2024', 'not_estimate'],
    ['INTERIM RESULTS ANNOUNCEMENT', 'not_estimate'],
    ['FULFILMENT OF PROFIT GUARANTEE', 'not_estimate'],
    ['FINAL DIVIDEND', 'not_estimate'],
    ['DATE OF BOARD MEETING', 'not_estimate'],
    ['董事會會議召開日期', 'not_estimate'],
    ['INSIDE INFORMATION', null],
    ['VOLUNTARY ANNOUNCEMENT', null],
    ['自願公告', null],
  ])('%s: %s', (title, verdict) => {
    expect(classifyTitle(title)).toBe(verdict);
  });
});
