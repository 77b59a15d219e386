import { describe, expect, it } from 'vitest';
import { feedPath, parseFeedPage } from '../../src/hkex/feed.js';
import { feedItem } from '../fakes/hkex.js';
import { captureLog } from './support.js';

const BASE = 'https://www1.hkexnews.hk';
const URL_1 = `${BASE}/ncms/json/eds/lcisehk1relsde_1.json`;

function page(items: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ genDate: 1674986400000, maxNumOfFile: 3, newsInfoLst: items, ...extra });
}

describe('feedPath', () => {
  it('spells the real feed file names', () => {
    expect(feedPath({ board: 'sehk', lang: 'de', window: 1, page: 1 })).toBe(
      '/ncms/json/eds/lcisehk1relsde_1.json',
    );
    expect(feedPath({ board: 'gem', lang: 'dc', window: 7, page: 3 })).toBe(
      '/ncms/json/eds/lcigem7relsdc_3.json',
    );
  });
});

describe('parseFeedPage', () => {
  it('normalises an item: ids, names, times, codes and URL', () => {
    const { log } = captureLog();
    const item = feedItem({
      newsId: 11234567,
      title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
      relTime: '30/01/2023 19:02',
      webPath: '/listedco/listconews/sehk/2023/0130/2023013001234.pdf',
      lTxt: 'Announcements and Notices - [Inside Information]',
      t1Code: '10000',
      t2Code: 'NaN',
      stock: [
        { sc: '06680', sn: 'JL MAG' },
        { sc: '1234', sn: 'A &amp; B HOLDINGS' },
      ],
    });
    const parsed = parseFeedPage(page([item]), URL_1, 'sehk', BASE, log);
    expect(parsed.pageCount).toBe(3);
    expect(parsed.listings).toEqual([
      {
        id: '11234567',
        board: 'sehk',
        stockCodes: ['06680', '01234'],
        stockNames: ['JL MAG', 'A & B HOLDINGS'],
        title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
        releasedAt: '2023-01-30T11:02:00.000Z',
        category: 'Announcements and Notices - [Inside Information]',
        t1Code: '10000',
        t2Code: null,
        url: `${BASE}/listedco/listconews/sehk/2023/0130/2023013001234.pdf`,
      },
    ]);
  });

  it('takes newsId as a string too', () => {
    const { log } = captureLog();
    const [listing] = parseFeedPage(
      page([feedItem({ newsId: '11234568' })]),
      URL_1,
      'sehk',
      BASE,
      log,
    ).listings;
    expect(listing?.id).toBe('11234568');
  });

  it('names the URL and the field when the page itself is malformed', () => {
    const { log } = captureLog();
    expect(() => parseFeedPage(JSON.stringify({ maxNumOfFile: 1 }), URL_1, 'sehk', BASE, log)).toThrow(
      /lcisehk1relsde_1\.json.*newsInfoLst/,
    );
    expect(() => parseFeedPage('{"maxNumOfFile": 1, "newsInf', URL_1, 'sehk', BASE, log)).toThrow(
      /unreadable JSON from .*lcisehk1relsde_1\.json/,
    );
    expect(() => parseFeedPage('<!DOCTYPE html><html>Error</html>', URL_1, 'sehk', BASE, log)).toThrow(
      /HTML page instead of JSON from .*lcisehk1relsde_1\.json/,
    );
  });

  it('skips and logs an item that is malformed, keeping the rest', () => {
    const logs = captureLog();
    const bad = { ...feedItem({ newsId: 2 }), relTime: 42 };
    const parsed = parseFeedPage(
      page([feedItem({ newsId: 1 }), bad, feedItem({ newsId: 3 })]),
      URL_1,
      'sehk',
      BASE,
      logs.log,
    );
    expect(parsed.listings.map((l) => l.id)).toEqual(['1', '3']);
    expect(logs.find('malformed')[0]).toMatchObject({
      url: URL_1,
      problem: expect.stringMatching(/newsInfoLst\[1\]\.relTime/),
    });
  });

  it('refuses and logs an item whose webPath leaves the base origin', () => {
    const logs = captureLog();
    const items = [
      feedItem({ newsId: 1, webPath: 'https://evil.example/x.pdf' }),
      feedItem({ newsId: 2, webPath: '//evil.example/y.pdf' }),
      feedItem({ newsId: 3 }),
    ];
    const parsed = parseFeedPage(page(items), URL_1, 'sehk', BASE, logs.log);
    expect(parsed.listings.map((l) => l.id)).toEqual(['3']);
    expect(logs.find('off the HKEXnews origin').map((l) => l.id)).toEqual(['1', '2']);
  });

  it('skips an item whose time is not a real time', () => {
    const logs = captureLog();
    const parsed = parseFeedPage(
      page([feedItem({ newsId: 1, relTime: '31/02/2024 10:00' })]),
      URL_1,
      'sehk',
      BASE,
      logs.log,
    );
    expect(parsed.listings).toEqual([]);
    expect(logs.find('unreadable time')).toHaveLength(1);
  });
});
