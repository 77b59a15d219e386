import { describe, expect, it } from 'vitest';
import { cleanup } from '../../src/parse/cleanup.js';

describe('cleanup', () => {
  it('drops page footers and the running header beside them, rejoining the broken paragraph', () => {
    const text = [
      'ACME HOLDINGS LIMITED',
      '',
      '(1) the decrease in the average service fee;',
      '(2) the delay in the collection of subsidies, resulting in an impairment of approximately',
      '',
      '– 1 –',
      '',
      'ACME HOLDINGS LIMITED',
      'RMB46 million; and',
    ].join('\n');
    expect(cleanup(text).split('\n')).toEqual([
      'ACME HOLDINGS LIMITED',
      '',
      '(1) the decrease in the average service fee;',
      '(2) the delay in the collection of subsidies, resulting in an impairment of approximately RMB46 million; and',
    ]);
  });

  it('mends words hyphenated at line ends but keeps real hyphens', () => {
    expect(cleanup('the service fee for waste incineration and sludge treatment in mu-\nnicipalities')).toBe(
      'the service fee for waste incineration and sludge treatment in municipalities',
    );
    expect(cleanup('the net profit attributable to shareholders after deducting non-\nrecurring items')).toBe(
      'the net profit attributable to shareholders after deducting non-recurring items',
    );
  });

  it('rejoins a figure split over two lines and Chinese prose without spaces', () => {
    expect(
      cleanup('expected to record a profit attributable to owners of RMB702,265,\n000 for the year'),
    ).toBe('expected to record a profit attributable to owners of RMB702,265,000 for the year');
    expect(cleanup('本集團預期截至2023年12月31日止年度之本公司擁有人應佔溢利約為人民幣54.6\n百萬元。')).toBe(
      '本集團預期截至2023年12月31日止年度之本公司擁有人應佔溢利約為人民幣54.6百萬元。',
    );
  });

  it('keeps list items, names and headings on their own lines', () => {
    const text =
      '董事會認為，主要由於以下因素：\n一、本集團收益較去年同期顯著增加，確認的合約收益增加。\n二、行政開支減少。';
    expect(cleanup(text)).toBe(text);
    expect(
      cleanup(
        'JL MAG RARE-EARTH CO., LTD.\n(A joint stock company incorporated in the PRC with limited liability)',
      ),
    ).toContain('\n');
  });

  it('rebuilds table rows whose cells wrap, label and figures each in one cell', () => {
    const text = [
      'Item                          Current reporting period              Same period last year',
      'Net profit attributable       Profit: RMB126,000,000 to             Profit: RMB252,480,000',
      'to the shareholders of        RMB151,000,000',
      'the listed company            Decreased by 40.19% to 50.10%',
    ].join('\n');
    expect(cleanup(text).split('\n')).toEqual([
      'Item\tCurrent reporting period\tSame period last year',
      'Net profit attributable to the shareholders of the listed company\tProfit: RMB126,000,000 to RMB151,000,000 Decreased by 40.19% to 50.10%\tProfit: RMB252,480,000',
    ]);
  });

  it('starts a new tab row once the label so far is a complete metric label', () => {
    const text =
      '歸屬於上市公司股東\t盈利：1.2億元–1.5億元\t盈利：7,520.36萬元\n的淨利潤\t比上年同期增長：\n\t59.57%–99.46%\n營業收入\t28.6億元\t23.6億元';
    expect(cleanup(text).split('\n')).toEqual([
      '歸屬於上市公司股東的淨利潤\t盈利：1.2億元–1.5億元比上年同期增長：59.57%–99.46%\t盈利：7,520.36萬元',
      '營業收入\t28.6億元\t23.6億元',
    ]);
  });

  it('takes an indented label tail into its row, and starts a row at each line bringing money', () => {
    const text = [
      'Gross profit                                   1,102.5          1,086.3        +1.5%',
      'Profit attributable to owners of                 212.7            302.9      (29.8%)',
      '  the Company',
      'Basic earnings per share                         11.26            16.04      (29.7%)',
      '  (RMB cents)',
    ].join('\n');
    expect(cleanup(text).split('\n')).toEqual([
      'Gross profit\t1,102.5\t1,086.3\t+1.5%',
      'Profit attributable to owners of the Company\t212.7\t302.9\t(29.8%)',
      'Basic earnings per share (RMB cents)\t11.26\t16.04\t(29.7%)',
    ]);
  });

  it('joins the rest of a label that PDF text starts at the label column, without an indent', () => {
    const text = [
      'Profit attributable to owners of\t212.7\t302.9',
      'the Company',
      'Basic earnings per share\t11.26\t16.04',
      '(RMB cents)',
      '',
      'The Board considers that …',
    ].join('\n');
    expect(cleanup(text).split('\n')).toEqual([
      'Profit attributable to owners of the Company\t212.7\t302.9',
      'Basic earnings per share (RMB cents)\t11.26\t16.04',
      '',
      'The Board considers that …',
    ]);
  });

  it('does not take a list item right under a table for the rest of a label', () => {
    expect(cleanup('Revenue\t318,600\t352,410\n(a) the decrease in revenue;').split('\n')).toEqual([
      'Revenue\t318,600\t352,410',
      '(a) the decrease in revenue;',
    ]);
  });

  it('takes a label alone on its line into the table row it wraps into', () => {
    const text =
      'Revenue   318,600   352,410\n(Loss)/profit for the period attributable to\n  owners of the Company   (31,400)   4,080';
    expect(cleanup(text).split('\n')).toEqual([
      'Revenue\t318,600\t352,410',
      '(Loss)/profit for the period attributable to owners of the Company\t(31,400)\t4,080',
    ]);
  });

  it('joins a label on a line of its own with the figures set below it under their columns', () => {
    const text = [
      '項目\t本報告期\t上年同期',
      '歸屬於上市公司股東的淨利潤',
      '\t盈利：12,000–14,500\t盈利：24,615.38',
      '\t比上年同期下降：41.09%–51.25%',
      '基本每股收益（元／股）',
      '\t盈利：0.15–0.18\t盈利：0.31',
    ].join('\n');
    expect(cleanup(text).split('\n')).toEqual([
      '項目\t本報告期\t上年同期',
      '歸屬於上市公司股東的淨利潤\t盈利：12,000–14,500比上年同期下降：41.09%–51.25%\t盈利：24,615.38',
      '基本每股收益（元／股）\t盈利：0.15–0.18\t盈利：0.31',
    ]);
  });

  it('leaves a line that is no metric label out of the row below it', () => {
    expect(
      cleanup('項目\t本報告期\t上年同期\n單位：人民幣萬元\n\t盈利：12,000\t盈利：24,615').split('\n')[1],
    ).toBe('單位：人民幣萬元');
  });
});
