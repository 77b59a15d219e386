import { describe, expect, it } from 'vitest';
import { readHeadline } from '../../src/parse/headline.js';
import { normalize } from '../../src/parse/normalize.js';

const headline = (text: string) => readHeadline(text, normalize(text));

const EN_MASTHEAD = [
  'Hong Kong Exchanges and Clearing Limited take no responsibility for the contents of this announcement.',
  '',
  'SUNVALE RENEWABLE POWER HOLDINGS LIMITED',
  '晴谷新能源控股有限公司*',
  '(Incorporated in the Cayman Islands with limited liability)',
  '(Stock Code: 1763)',
  '',
  'INSIDE INFORMATION',
  'POSITIVE PROFIT ALERT',
  '',
  'This announcement is made by Sunvale Renewable Power Holdings Limited.',
].join('\n');

describe('readHeadline', () => {
  it('reads codes, both names, a two-line headline, its kind and language', () => {
    expect(headline(EN_MASTHEAD)).toEqual({
      stockCodes: ['01763'],
      company: { en: 'SUNVALE RENEWABLE POWER HOLDINGS LIMITED', zh: '晴谷新能源控股有限公司' },
      title: 'INSIDE INFORMATION POSITIVE PROFIT ALERT',
      kind: 'positive_profit_alert',
      verdict: 'positive_profit_alert',
      language: 'en',
    });
  });

  it('reads a Chinese masthead with dual-counter codes in full-width brackets', () => {
    const text = [
      '華晟智聯科技控股有限公司',
      'HUASHENG SMART CONNECT TECHNOLOGY HOLDINGS LIMITED',
      '（於開曼群島註冊成立的有限公司）',
      '（港幣櫃台股份代號：02788　人民幣櫃台股份代號：82788）',
      '正面盈利預告',
    ].join('\n');
    expect(headline(text)).toMatchObject({
      stockCodes: ['02788', '82788'],
      company: { en: 'HUASHENG SMART CONNECT TECHNOLOGY HOLDINGS LIMITED', zh: '華晟智聯科技控股有限公司' },
      title: '正面盈利預告',
      kind: 'positive_profit_alert',
      language: 'zh',
    });
  });

  it('skips an A-share code and keeps the headline of a document that is no estimate', () => {
    const text =
      '(H Share Stock Code: 06716)\n(A Share Stock Code: 603817)\nRECOMMENDATION OF FINAL DIVIDEND\n';
    expect(headline(text)).toMatchObject({
      stockCodes: ['06716'],
      title: 'RECOMMENDATION OF FINAL DIVIDEND',
      kind: null,
      verdict: 'not_estimate',
    });
  });

  it('reads dual-counter codes but not the numbers after a form field', () => {
    expect(
      headline('(Stock Codes: 2263 (HKD counter) and 82263 (RMB counter))\nPROFIT WARNING').stockCodes,
    ).toEqual(['02263', '82263']);
    expect(
      headline('(Stock Code: 2138)\nStock Code: 603957   Stock Abbreviation: ZY   No.: Lin 2025-004')
        .stockCodes,
    ).toEqual(['02138']);
  });

  it('reads a form: its first headline-like line and its issuer field', () => {
    const text =
      'FF301\n\nMonthly Return of Equity Issuer\n\nName of Issuer:\tTidewell Apparel Holdings Limited\n';
    expect(headline(text)).toMatchObject({
      title: 'Monthly Return of Equity Issuer',
      company: { en: 'Tidewell Apparel Holdings Limited', zh: null },
      kind: null,
    });
  });

  it('gives an empty headline for empty text', () => {
    expect(headline('')).toEqual({
      stockCodes: [],
      company: { en: null, zh: null },
      title: '',
      kind: null,
      verdict: null,
      language: 'en',
    });
  });
});
