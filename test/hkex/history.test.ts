import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJsonp } from '../../src/hkex/history.js';
import { HkexError, UnknownStockError } from '../../src/hkex/index.js';
import { FakeHkex, searchRow } from '../fakes/hkex.js';
import { type TestClient, testClient } from './support.js';

const PREFIX = '/search/prefix.do';
const SEARCH = '/search/titleSearchServlet.do';
const FROM = new Date('2024-01-01T00:00:00+08:00');
const TO = new Date('2024-12-31T23:59:59+08:00');

let fake: FakeHkex;
let t: TestClient;

beforeAll(async () => {
  fake = await FakeHkex.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.clearRequests();
  fake.addStock('00700', 7609, 'TENCENT');
  fake.addStock('07000', 1234, 'OTHER');
  t = testClient(fake.url);
});
afterEach(() => t.client.close());

const alert = searchRow({
  NEWS_ID: '11871132',
  TITLE: 'POSITIVE PROFIT ALERT',
  DATE_TIME: '12/01/2024 17:05',
  FILE_LINK: '/listedco/listconews/sehk/2024/0112/2024011200123.pdf',
  LONG_TEXT: 'Announcements and Notices - [Profit Warning]',
});
const alertZh = searchRow({
  NEWS_ID: '11871133',
  TITLE: '正面盈利預告',
  DATE_TIME: '12/01/2024 17:05',
  FILE_LINK: '/listedco/listconews/sehk/2024/0112/2024011200123_c.pdf',
});
const joint = searchRow({
  NEWS_ID: 11900001 as unknown as string, // some rows carry a numeric id
  TITLE: 'JOINT ANNOUNCEMENT',
  DATE_TIME: '03/06/2024 08:30',
  STOCK_CODE: '00700<br/>80700',
  STOCK_NAME: 'TENCENT<br/>TENCENT-R &amp; CO',
});
const lastYear = searchRow({ NEWS_ID: '11000000', DATE_TIME: '29/12/2023 09:00' });

describe('stockFilings', () => {
  it('lists a stock’s filings in the range, newest first, paired with the Chinese search', async () => {
    fake.setSearch(7609, 'EN', [joint, alert, lastYear]);
    fake.setSearch(7609, 'ZH', [alertZh]);
    const filings = await t.client.stockFilings('700', FROM, TO);
    expect(filings.map((f) => f.id)).toEqual(['11900001', '11871132']);
    expect(filings[0]).toMatchObject({
      stockCodes: ['00700', '80700'],
      stockNames: ['TENCENT', 'TENCENT-R & CO'],
    });
    expect(filings[1]).toEqual({
      id: '11871132',
      idZh: '11871133',
      board: 'sehk',
      stockCodes: ['00700'],
      stockNames: ['TENCENT'],
      title: 'POSITIVE PROFIT ALERT',
      titleZh: '正面盈利預告',
      releasedAt: '2024-01-12T09:05:00.000Z',
      category: 'Announcements and Notices - [Profit Warning]',
      t1Code: null,
      t2Code: null,
      pdfUrl: `${fake.url}/listedco/listconews/sehk/2024/0112/2024011200123.pdf`,
      pdfUrlZh: `${fake.url}/listedco/listconews/sehk/2024/0112/2024011200123_c.pdf`,
    });
    const query = new URL(fake.requestsTo(SEARCH)[0]?.path ?? '', fake.url).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      stockId: '7609',
      fromDate: '20240101',
      toDate: '20241231',
    });
  });

  it('keeps only filings inside the instants asked for', async () => {
    fake.setSearch(7609, 'EN', [joint, alert]);
    const filings = await t.client.stockFilings('00700', FROM, new Date('2024-01-12T09:00:00Z'));
    expect(filings).toEqual([]);
  });

  it.each(['string', 'array'] as const)('reads an empty result sent as %s', async (resultAs) => {
    fake.setSearch(7609, 'EN', [], resultAs);
    expect(await t.client.stockFilings('00700', FROM, TO)).toEqual([]);
  });

  it('reads a result sent as an array', async () => {
    fake.setSearch(7609, 'EN', [alert], 'array');
    expect((await t.client.stockFilings('00700', FROM, TO)).map((f) => f.id)).toEqual(['11871132']);
  });

  it('asks again for more rows while the servlet says there are more', async () => {
    const many = Array.from({ length: 150 }, (_, i) =>
      searchRow({ NEWS_ID: String(20000000 - i), DATE_TIME: '02/02/2024 10:00' }),
    );
    fake.setSearch(7609, 'EN', many);
    expect(await t.client.stockFilings('00700', FROM, TO)).toHaveLength(150);
    const rowRanges = fake
      .requestsTo(SEARCH)
      .map((r) => new URL(r.path, fake.url).searchParams.get('rowRange'));
    expect(rowRanges.sort()).toEqual(['100', '100', '200']);
  });

  it('looks a stock id up once and remembers it', async () => {
    await t.client.stockFilings('00700', FROM, TO);
    await t.client.stockFilings('700', FROM, TO);
    expect(fake.requestsTo(PREFIX)).toHaveLength(1);
    expect(fake.requestsTo(PREFIX)[0]?.path).toContain('name=00700');
  });

  it('names a stock HKEXnews does not know, as an UnknownStockError carrying its code', async () => {
    const err = await t.client.stockFilings('9999', FROM, TO).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownStockError);
    expect(err).toBeInstanceOf(HkexError);
    expect(err).toMatchObject({
      name: 'UnknownStockError',
      code: '09999',
      message: 'HKEXnews knows no stock 09999',
      url: expect.stringContaining(PREFIX),
    });
    expect(fake.requestsTo(SEARCH)).toEqual([]);
  });

  it('skips a malformed search row, logging its URL and field', async () => {
    fake.setSearch(7609, 'EN', [{ ...alert, DATE_TIME: undefined } as unknown as typeof alert]);
    expect(await t.client.stockFilings('00700', FROM, TO)).toEqual([]);
    expect(t.logs.find('malformed')[0]).toMatchObject({
      url: expect.stringContaining(SEARCH),
      problem: 'result[0].DATE_TIME: Invalid input: expected string, received undefined',
    });
  });

  it('skips the search when the stock lookup fails, naming the URL', async () => {
    fake.misbehave(PREFIX, { kind: 'html200' });
    const err = await t.client.stockFilings('00700', FROM, TO).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HkexError);
    expect(err).not.toBeInstanceOf(UnknownStockError);
    expect((err as Error).message).toMatch(/no callback\(\.\.\.\) wrapper from .*prefix\.do/);
    expect(fake.requestsTo(SEARCH)).toEqual([]);
  });
});

describe('parseJsonp', () => {
  const url = 'https://www1.hkexnews.hk/search/prefix.do';

  it('reads the JSON inside the callback wrapper', () => {
    expect(parseJsonp('callback({"more":"0","stockInfo":[]});\n', url)).toEqual({ more: '0', stockInfo: [] });
  });

  it('never runs what the wrapper holds', () => {
    expect(() => parseJsonp('callback((globalThis.pwned = 1));', url)).toThrow(/unreadable JSON/);
    expect(() => parseJsonp('evil({"stockInfo":[]})', url)).toThrow(/no callback/);
    expect(() => parseJsonp('callback({}); alert(1)', url)).toThrow();
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});
