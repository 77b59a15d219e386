import { expect, it } from 'vitest';
import { parseEstimateCommand, stockCode } from '../../src/slack/estimate-args.js';

it('pads codes to five digits and refuses anything else', () => {
  expect(stockCode('6680')).toBe('06680');
  expect(stockCode('1')).toBe('00001');
  expect(stockCode('06680')).toBe('06680');
  expect(stockCode('123456')).toBeNull();
  expect(stockCode('0x12')).toBeNull();
});

it.each([
  ['6680', { kind: 'latest', code: '06680' }],
  ['  06680  ', { kind: 'latest', code: '06680' }],
  ['700 history', { kind: 'history', code: '00700' }],
  ['700 HISTORY', { kind: 'history', code: '00700' }],
  ['watch 700', { kind: 'watch', code: '00700' }],
  ['unwatch 06680', { kind: 'unwatch', code: '06680' }],
  ['watchlist', { kind: 'watchlist' }],
  ['help', { kind: 'help' }],
  ['', { kind: 'usage' }],
  ['tencent', { kind: 'usage' }],
  ['watch tencent', { kind: 'usage' }],
  ['123456', { kind: 'usage' }],
  ['700 history please', { kind: 'usage' }],
  ['watchlist 700', { kind: 'usage' }],
])('"%s" asks for %j', (text, expected) => {
  expect(parseEstimateCommand(text)).toEqual(expected);
});
