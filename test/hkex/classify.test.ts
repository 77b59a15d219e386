import { describe, expect, it } from 'vitest';
import { isProfitEstimate } from '../../src/hkex/classify.js';

const PROFIT_WARNING = 'Announcements and Notices - [Profit Warning]';
const PROFIT_WARNING_ZH = '公告及通告 - [盈利警告]';
const INSIDE = 'Announcements and Notices - [Inside Information]';
const OVERSEAS = 'Announcements and Notices - [Overseas Regulatory Announcement - Other]';
const RESULTS = 'Financial Statements/ESG Information - [Final Results]';
const DIVIDEND = 'Announcements and Notices - [Dividend or Distribution]';

const filing = (title: string, category: string, titleZh: string | null = null) => ({
  title,
  titleZh,
  category,
});

describe('isProfitEstimate', () => {
  it.each([
    'PROFIT WARNING',
    'POSITIVE PROFIT ALERT',
    'PROFIT ALERT',
    'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
    'ANNOUNCEMENT ON PRELIMINARY ESTIMATE OF ANNUAL RESULTS FOR 2023',
    'UNAUDITED RESULTS PREVIEW FOR THE SIX MONTHS ENDED 30 JUNE 2024',
    'UPDATE ON PROFIT WARNING',
    'INSIDE INFORMATION - PROFIT WARNING',
    'Inside Information - Positive Profit Alert',
  ])('an English estimate title under [Inside Information] counts: %s', (title) => {
    expect(isProfitEstimate(filing(title, INSIDE))).toBe(true);
  });

  it.each([
    '盈利警告',
    '正面盈利預告',
    '盈利預告',
    '2023年年度業績預告',
    '2023年度業績預增公告',
    '業績預減公告',
    '2023年半年度預虧公告',
  ])('a Chinese estimate title counts when the English title does not say: %s', (titleZh) => {
    expect(isProfitEstimate(filing('OVERSEAS REGULATORY ANNOUNCEMENT', OVERSEAS, titleZh))).toBe(true);
  });

  it('counts a Simplified-script title through the shared normalisation', () => {
    expect(isProfitEstimate(filing('OVERSEAS REGULATORY ANNOUNCEMENT', OVERSEAS, '2023年年度业绩预告'))).toBe(
      true,
    );
  });

  it.each([PROFIT_WARNING, PROFIT_WARNING_ZH, `${INSIDE}, ${PROFIT_WARNING}`])(
    'the [Profit Warning] category is evidence enough, whatever the title: %s',
    (category) => {
      expect(isProfitEstimate(filing('ANNOUNCEMENT', category))).toBe(true);
    },
  );

  it.each([
    ['INSIDE INFORMATION', INSIDE],
    ['OVERSEAS REGULATORY ANNOUNCEMENT', OVERSEAS],
  ])('[Inside Information] and overseas announcements need an estimate title: %s', (title, category) => {
    expect(isProfitEstimate(filing(title, category, '內幕消息'))).toBe(false);
  });

  it.each([
    ['PROFIT DISTRIBUTION PLAN FOR 2023', DIVIDEND],
    ['WARNING ON SUSPENSION OF TRADING', INSIDE],
    ['PRELIMINARY ANNOUNCEMENT OF ANNUAL RESULTS FOR THE YEAR ENDED 31 DECEMBER 2023', RESULTS],
    ['PRELIMINARY ANNOUNCEMENT OF FINAL RESULTS FOR THE YEAR ENDED 31 MARCH 2024', RESULTS],
    ['ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2023', RESULTS],
    ['THIRD QUARTERLY REPORT 2023', 'Financial Statements/ESG Information - [Quarterly Results]'],
    ['FULFILMENT OF PROFIT GUARANTEE', INSIDE],
    ['PROFIT-SHARING ARRANGEMENT WITH PARTNERS', INSIDE],
    ['FINAL DIVIDEND FOR THE YEAR ENDED 31 DECEMBER 2023', DIVIDEND],
  ])('a near miss is not an estimate: %s', (title, category) => {
    expect(isProfitEstimate(filing(title, category))).toBe(false);
  });

  it('a Chinese results announcement is not an estimate either', () => {
    expect(
      isProfitEstimate(
        filing('ANNUAL RESULTS ANNOUNCEMENT', RESULTS, '截至2023年12月31日止年度全年業績公告'),
      ),
    ).toBe(false);
  });
});
