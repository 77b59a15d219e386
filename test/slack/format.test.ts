import { describe, expect, it } from 'vitest';
import {
  compactMoney,
  compactRange,
  exactMoney,
  exactRange,
  hktDate,
  hktTime,
  moneyChange,
  percentRange,
  periodText,
  readableRange,
  shortCompanyName,
} from '../../src/slack/format.js';

describe('money', () => {
  it('compacts to millions and billions with the currency prefix', () => {
    expect(compactMoney('702265000', 'CNY')).toBe('RMB702.3m');
    expect(compactMoney('6936123100', 'HKD')).toBe('HK$6.94bn');
    expect(compactMoney('35000000', 'USD')).toBe('US$35m');
    expect(compactMoney('0.52', 'CNY')).toBe('RMB0.52');
    expect(compactMoney('-12000000', 'SGD')).toBe('loss of SGD 12m');
  });
  it('keeps every digit in exact form', () => {
    expect(exactMoney('702265000', 'CNY')).toBe('RMB702,265,000');
    expect(exactMoney('-45000000', null)).toBe('-45,000,000');
    expect(exactMoney('1234.5', 'HKD')).toBe('HK$1,234.5');
  });
});

describe('compactRange', () => {
  it('renders profits, losses and crossings', () => {
    expect(compactRange({ low: '702265000', high: '838187300' }, 'CNY')).toBe('RMB702.3m–838.2m');
    expect(compactRange({ low: '-45000000', high: '-35000000' }, 'CNY')).toBe('loss of RMB35m–45m');
    expect(compactRange({ low: '-10000000', high: '5000000' }, 'HKD')).toBe(
      'loss of HK$10m to profit of HK$5m',
    );
    expect(compactRange({ low: '5000000', high: '5000000' }, 'HKD')).toBe('HK$5m');
  });
  it('reads a single bound as what it means for the figure', () => {
    expect(compactRange({ low: '500000000', high: null }, 'CNY')).toBe('at least RMB500m');
    expect(compactRange({ low: null, high: '500000000' }, 'CNY')).toBe('at most RMB500m');
    // value ≥ -45m: the loss is at most 45m; value ≤ -35m: at least 35m.
    expect(compactRange({ low: '-45000000', high: null }, 'CNY')).toBe('loss of at most RMB45m');
    expect(compactRange({ low: null, high: '-35000000' }, 'CNY')).toBe('loss of at least RMB35m');
    expect(compactRange({ low: null, high: null }, 'CNY')).toBe('not stated');
  });
  it('has an exact twin with the document wording for bounds', () => {
    expect(exactRange({ low: '500000000', high: null }, 'CNY')).toBe('not less than RMB500,000,000');
    expect(exactRange({ low: null, high: '1' }, 'CNY')).toBe('not more than RMB1');
  });
});

describe('readableRange', () => {
  it('spells both ends of a span, the smaller loss first, and reads the rest as compactRange does', () => {
    expect(readableRange({ low: '702265000', high: '838187300' }, 'CNY')).toBe('RMB702.3m to RMB838.2m');
    expect(readableRange({ low: '-40000000', high: '-30000000' }, 'HKD')).toBe('loss of HK$30m to HK$40m');
    expect(readableRange({ low: '-10000000', high: '5000000' }, 'HKD')).toBe(
      'loss of HK$10m to profit of HK$5m',
    );
    expect(readableRange({ low: '500000000', high: null }, 'CNY')).toBe('at least RMB500m');
    expect(readableRange({ low: '5000000', high: '5000000' }, 'HKD')).toBe('HK$5m');
  });
});

describe('percentRange', () => {
  it('signs every figure', () => {
    expect(percentRange({ low: '55', high: '85' })).toBe('+55% to +85%');
    expect(percentRange({ low: '-40', high: '-30' })).toBe('-40% to -30%');
    expect(percentRange({ low: '35', high: '35' })).toBe('+35%');
    expect(percentRange({ low: '61.61', high: '93.72' })).toBe('+61.61% to +93.72%');
  });
  it('renders open bounds', () => {
    expect(percentRange({ low: '50', high: null })).toBe('+50% or more');
    expect(percentRange({ low: null, high: '-30' })).toBe('-30% or more');
    expect(percentRange({ low: null, high: '20' })).toBe('up to +20%');
  });
});

it('signs a change between amounts', () => {
  expect(moneyChange('702265000', '800000000', 'CNY')).toBe('+RMB97.7m');
  expect(moneyChange('838187300', '800000000', 'CNY')).toBe('-RMB38.2m');
});

it('shows release instants in Hong Kong time', () => {
  expect(hktTime('2023-01-30T11:02:00.000Z')).toBe('30 Jan 2023 19:02 HKT');
  expect(hktTime('2023-12-31T20:30:00Z')).toBe('1 Jan 2024 04:30 HKT');
  expect(hktDate('2023-12-31T20:30:00Z')).toBe('1 Jan 2024');
  expect(hktDate('not a time')).toBe('not a time');
});

it('names periods', () => {
  expect(periodText({ start: '2022-01-01', end: '2022-12-31', type: 'annual' })).toBe(
    'Year ended 31 Dec 2022',
  );
  expect(periodText({ start: '2023-01-01', end: '2023-06-30', type: 'interim' })).toBe(
    'Six months ended 30 Jun 2023',
  );
  expect(periodText({ start: '2023-01-01', end: '2023-09-30', type: 'other' })).toBe(
    '1 Jan 2023 to 30 Sep 2023',
  );
  expect(periodText({ start: null, end: null, type: 'annual' })).toBe('Period not stated');
});

it('shortens company names', () => {
  expect(shortCompanyName('JL MAG RARE-EARTH CO., LTD.')).toBe('JL MAG Rare-Earth');
  expect(shortCompanyName('TENCENT HOLDINGS LIMITED')).toBe('Tencent');
  expect(shortCompanyName('Geely Automobile Holdings Limited')).toBe('Geely Automobile');
});
