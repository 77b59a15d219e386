import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Filing } from '../../src/hkex/filing.js';
import { DEFAULT_FEED_PAGING } from '../../src/hkex/new-filings.js';
import {
  type FakeBoard,
  FakeHkex,
  feedItem,
  feedPath,
  type Misbehaviour,
  paginate,
  type RawFeedItem,
} from '../fakes/hkex.js';
import { cursorOf, type TestClient, testClient } from './support.js';

// newFilings against the fake: exactly the filings released since the last known one, English and
// Chinese paired, however long the gap (up to the seven-day feed), and nothing lost to a bad response.

interface Announcement {
  en: RawFeedItem;
  zh: RawFeedItem;
}

const NEWEST = Date.UTC(2024, 0, 12, 10, 0); // 18:00 HKT

/** Announcement n of a board, n = 0 the newest; one minute apart. Ids: English 1000+n (a number), Chinese "5000+n". */
function announcement(board: FakeBoard, n: number): Announcement {
  const at = new Date(NEWEST - n * 60_000 + 8 * 3600_000);
  const pad = (v: number) => String(v).padStart(2, '0');
  const relTime = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
  const offset = board === 'gem' ? 500 : 0;
  const file = `/listedco/listconews/${board}/2024/0112/20240112${String(offset + n).padStart(5, '0')}`;
  const common = {
    relTime,
    stock: [{ sc: board === 'gem' ? '08001' : '00700', sn: 'ORIENT &amp; CO' }],
    t2Code: 'NaN',
  };
  return {
    en: feedItem({
      ...common,
      newsId: 1000 + offset + n,
      title: `ANNOUNCEMENT ${board} ${n}`,
      webPath: `${file}.pdf`,
    }),
    zh: feedItem({
      ...common,
      newsId: String(5000 + offset + n),
      title: `公告 ${board} ${n}`,
      webPath: `${file}_c.pdf`,
    }),
  };
}

function announcements(board: FakeBoard, count: number): Announcement[] {
  return Array.from({ length: count }, (_, n) => announcement(board, n));
}

/** The latest feed holds the newest `latest` announcements, the seven-day feed all of them. */
function publish(fake: FakeHkex, board: FakeBoard, all: Announcement[], latest: number, pageSize: number) {
  for (const lang of ['de', 'dc'] as const) {
    const items = all.map((a) => (lang === 'de' ? a.en : a.zh));
    fake.setFeed({ board, lang, window: 1 }, paginate(items.slice(0, latest), pageSize));
    fake.setFeed({ board, lang, window: 7 }, paginate(items, pageSize));
  }
}

const ids = (filings: Filing[]) => filings.map((f) => f.id);
const enIds = (all: Announcement[]) => all.map((a) => String(a.en.newsId));
const page = (board: FakeBoard, lang: 'de' | 'dc', window: 1 | 7, n: number) =>
  feedPath({ board, lang, window }, n);

let fake: FakeHkex;
let foreign: FakeHkex;
let t: TestClient;
let sehk: Announcement[];
let gem: Announcement[];

beforeEach(async () => {
  [fake, foreign] = await Promise.all([FakeHkex.start(), FakeHkex.start()]);
  t = testClient(fake.url);
  sehk = announcements('sehk', 40);
  gem = announcements('gem', 10);
  publish(fake, 'sehk', sehk, 20, 5); // latest: 4 pages; seven-day: 8 pages
  publish(fake, 'gem', gem, 10, 5);
});

afterEach(async () => {
  await t.client.close();
  // Nothing, ever, off the base URL.
  expect(foreign.requests).toEqual([]);
  await Promise.all([fake.close(), foreign.close()]);
});

/** A cursor that knows every announcement from sehk[n] and gem[m] back (m = 0: all of gem). */
function knownFrom(n: number, m = 0) {
  return cursorOf([...enIds(sehk.slice(n)), ...enIds(gem.slice(m))]);
}

describe('newFilings', () => {
  it('reads one page per board and no Chinese feed when nothing is new', async () => {
    expect(await t.client.newFilings(knownFrom(0))).toEqual([]);
    expect(fake.requests.map((r) => r.pathname)).toEqual(
      expect.arrayContaining([page('sehk', 'de', 1, 1), page('gem', 'de', 1, 1)]),
    );
    expect(fake.requests).toHaveLength(2);
  });

  it('returns exactly the new filings, paired with their Chinese versions, newest first across boards', async () => {
    const filings = await t.client.newFilings(knownFrom(2, 1));
    expect(ids(filings)).toEqual(['1000', '1500', '1001']);
    expect(filings[0]).toEqual({
      id: '1000',
      idZh: '5000',
      board: 'sehk',
      stockCodes: ['00700'],
      stockNames: ['ORIENT & CO'],
      title: 'ANNOUNCEMENT sehk 0',
      titleZh: '公告 sehk 0',
      releasedAt: '2024-01-12T10:00:00.000Z',
      category: 'Announcements and Notices - [Other - Business Update]',
      t1Code: '10000',
      t2Code: null,
      pdfUrl: `${fake.url}/listedco/listconews/sehk/2024/0112/2024011200000.pdf`,
      pdfUrlZh: `${fake.url}/listedco/listconews/sehk/2024/0112/2024011200000_c.pdf`,
    });
    expect(filings[1]).toMatchObject({ board: 'gem', idZh: '5500', titleZh: '公告 gem 0' });
  });

  it('on a first run reads only the first page of each latest feed', async () => {
    const filings = await t.client.newFilings(cursorOf([], true));
    expect(ids(filings).filter((id) => Number(id) < 1500)).toEqual(enIds(sehk.slice(0, 5)));
    expect(
      fake.requests.every(
        (r) => r.pathname.endsWith('1relsde_1.json') || r.pathname.endsWith('1relsdc_1.json'),
      ),
    ).toBe(true);
  });

  it('pages back through the latest feed when the gap is longer than a page', async () => {
    const filings = await t.client.newFilings(knownFrom(12));
    expect(ids(filings).filter((id) => Number(id) < 1500)).toEqual(enIds(sehk.slice(0, 12)));
    expect(filings.every((f) => f.titleZh !== null)).toBe(true);
    const read = fake.requests.map((r) => r.pathname);
    expect(read).toContain(page('sehk', 'de', 1, 3));
    expect(read).not.toContain(page('sehk', 'de', 1, 4));
  });

  it('reaches into the seven-day feed after downtime longer than all latest pages, without duplicates', async () => {
    const filings = await t.client.newFilings(knownFrom(32));
    const sehkIds = ids(filings).filter((id) => Number(id) < 1500);
    expect(sehkIds).toEqual(enIds(sehk.slice(0, 32)));
    expect(filings.filter((f) => f.board === 'sehk').every((f) => f.titleZh !== null)).toBe(true);
    const read = fake.requests.map((r) => r.pathname);
    expect(read).toContain(page('sehk', 'de', 7, 7));
    expect(read).not.toContain(page('sehk', 'de', 7, 8));
  });

  it('returns everything it can reach, and says so, when even the seven-day feed holds no known filing', async () => {
    const filings = await t.client.newFilings(cursorOf(['1'])); // a store whose filings are all older
    expect(ids(filings).filter((id) => Number(id) < 1500)).toEqual(enIds(sehk));
    expect(t.logs.find('beyond reach')).toHaveLength(2);
  });

  it('treats a filing whose Chinese id is known as known, asking about both ids', async () => {
    const cursor = cursorOf([...enIds(sehk.slice(2)), ...enIds(gem), '5001']);
    expect(ids(await t.client.newFilings(cursor))).toEqual(['1000']);
    expect(cursor.asked).toEqual(expect.arrayContaining(['1000', '5000', '1001', '5001']));
  });

  it('answers from a 304 on page 1 without losing what it saw before', async () => {
    const cursor = knownFrom(1, 0);
    expect(ids(await t.client.newFilings(cursor))).toEqual(['1000']);
    fake.clearRequests();
    // The pipeline failed to record 1000: the unchanged page still yields it.
    expect(ids(await t.client.newFilings(cursor))).toEqual(['1000']);
    const first = fake.requestsTo(page('sehk', 'de', 1, 1))[0];
    expect(first?.headers['if-none-match']).toBeDefined();
    expect(first?.status).toBe(304);
    // Once recorded, the 304 means nothing new.
    expect(await t.client.newFilings(knownFrom(0))).toEqual([]);
  });
});

describe('newFilings with a misbehaving server', () => {
  const P1 = page('sehk', 'de', 1, 1);

  it.each<[string, Misbehaviour]>([
    ['500', { kind: 'status', status: 500 }],
    ['503 HTML page', { kind: 'status', status: 503, html: true }],
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '1' }],
    ['reset', { kind: 'reset' }],
  ])('retries a %s and loses nothing', async (_name, trick) => {
    fake.misbehave(P1, trick);
    expect(ids(await t.client.newFilings(knownFrom(3)))).toEqual(enIds(sehk.slice(0, 3)));
    expect(fake.requestsTo(P1)).toHaveLength(2);
    expect(fake.pendingMisbehaviours(P1)).toBe(0);
    expect(t.logs.find('retrying')).toHaveLength(1);
  });

  it.each<[string, Misbehaviour]>([
    ['truncated JSON', { kind: 'truncate' }],
    ['200 with an HTML page', { kind: 'html200' }],
    ['redirect to another host', { kind: 'redirect', location: 'http://127.0.0.1:9/' }],
    ['404', { kind: 'status', status: 404 }],
  ])('skips a board on %s, logs it, and delivers it at the next poll', async (_name, trick) => {
    fake.misbehave(P1, trick);
    const cursor = knownFrom(3, 1);
    expect(ids(await t.client.newFilings(cursor))).toEqual(['1500']);
    expect(t.logs.find('could not read the HKEXnews feed')[0]).toMatchObject({
      board: 'sehk',
      error: expect.stringContaining(P1),
    });
    expect(ids(await t.client.newFilings(cursor))).toEqual(['1000', '1500', '1001', '1002']);
  });

  it('does not deliver half a gap when a later page fails', async () => {
    fake.misbehave(page('sehk', 'de', 7, 2), { kind: 'truncate' });
    const cursor = knownFrom(32);
    expect(await t.client.newFilings(cursor)).toEqual([]);
    expect(ids(await t.client.newFilings(cursor))).toEqual(enIds(sehk.slice(0, 32)));
  });

  it('holds a board back when its Chinese feed fails, so no filing goes out without its Chinese title', async () => {
    fake.misbehave(page('sehk', 'dc', 1, 1), { kind: 'truncate' });
    const cursor = knownFrom(1);
    expect(await t.client.newFilings(cursor)).toEqual([]);
    expect((await t.client.newFilings(cursor))[0]).toMatchObject({ id: '1000', titleZh: '公告 sehk 0' });
  });

  it('follows a redirect to no one, not even the foreign host it names', async () => {
    fake.misbehave(P1, { kind: 'redirect', location: `${foreign.url}${P1}` });
    await t.client.newFilings(knownFrom(0));
    expect(t.logs.find('not following')[0]).toMatchObject({ location: `${foreign.url}${P1}` });
  });

  it('refuses a feed item whose webPath points at another host', async () => {
    const stray = feedItem({ newsId: 999, relTime: '12/01/2024 18:01', webPath: `${foreign.url}/evil.pdf` });
    const items = [stray, ...sehk.slice(0, 5).map((a) => a.en)];
    fake.setFeed({ board: 'sehk', lang: 'de', window: 1 }, [items]);
    expect(ids(await t.client.newFilings(knownFrom(1)))).toEqual(['1000']);
    expect(t.logs.find('off the HKEXnews origin')[0]).toMatchObject({ id: '999' });
  });

  it('rejects, naming the URL, only when no board can be read', async () => {
    fake.misbehave(P1, { kind: 'html200' });
    fake.misbehave(page('gem', 'de', 1, 1), { kind: 'html200' });
    await expect(t.client.newFilings(knownFrom(0))).rejects.toThrow(
      /HTML page instead of JSON from .*relsde_1\.json/,
    );
  });
});

// The feed states its own page count (maxNumOfFile): one that claims a million pages must cost a
// capped number of paced requests, not a million, and still deliver what was read.
describe('newFilings against a feed that claims more pages than it has', () => {
  const LATEST_DE = { board: 'sehk', lang: 'de', window: 1 } as const;

  /** sehk's latest English feed: its 4 real pages, then empty ones, up to a million claimed. */
  function claimMillionPages() {
    const items = sehk.slice(0, 20).map((a) => a.en);
    fake.setFeed(LATEST_DE, paginate(items, 5), { claimedPages: 1_000_000 });
  }
  const requestsToFeed = (prefix: string) => fake.requests.filter((r) => r.pathname.includes(prefix));

  it('reads no more than the cap of pages, pauses between them, and warns naming the cap', async () => {
    await t.client.close();
    t = testClient(fake.url, { feedPaging: { maxPages: 10, pageDelayMs: 7 } });
    claimMillionPages();
    const filings = await t.client.newFilings(knownFrom(32));
    // What was read is delivered, paired as ever.
    expect(ids(filings).filter((id) => Number(id) < 1500)).toEqual(enIds(sehk.slice(0, 20)));
    expect(filings.every((f) => f.titleZh !== null)).toBe(true);
    expect(requestsToFeed('lcisehk1relsde_')).toHaveLength(10);
    expect(requestsToFeed('lcisehk7relsde_')).toEqual([]);
    expect(t.logs.find('cap of 10 pages')).toEqual([
      expect.objectContaining({ level: 'warn', board: 'sehk', lang: 'de', maxPages: 10 }),
    ]);
    expect(t.logs.find('beyond reach')).toEqual([]);
    // A pause before every page but the first of each walk: 9 English pages, 8 Chinese.
    expect(t.pageWaits).toEqual(Array(17).fill(7));
  });

  it('caps at 20 pages per feed by default, pausing 200 ms between them', async () => {
    claimMillionPages();
    await t.client.newFilings(knownFrom(32));
    expect(DEFAULT_FEED_PAGING).toMatchObject({ maxPages: 20, pageDelayMs: 200 });
    expect(requestsToFeed('lcisehk1relsde_')).toHaveLength(20);
    expect(t.logs.find('cap of 20 pages')).toHaveLength(1);
    expect(new Set(t.pageWaits)).toEqual(new Set([200]));
  });

  it('really pauses between pages', async () => {
    await t.client.close();
    t = testClient(fake.url, { feedPaging: { pageDelayMs: 30, wait: DEFAULT_FEED_PAGING.wait } });
    const started = Date.now();
    // Three English pages and three Chinese ones: four pauses, one walk after the other.
    expect(ids(await t.client.newFilings(knownFrom(12))).filter((id) => Number(id) < 1500)).toHaveLength(12);
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 30 - 5);
  });

  it('does not warn when the walk ends at the cap', async () => {
    await t.client.close();
    t = testClient(fake.url, { feedPaging: { maxPages: 3 } });
    expect(ids(await t.client.newFilings(knownFrom(12))).filter((id) => Number(id) < 1500)).toHaveLength(12);
    expect(t.logs.find('cap of')).toEqual([]);
  });
});
