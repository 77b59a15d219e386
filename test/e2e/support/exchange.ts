import { readFileSync } from 'node:fs';
import type { FakeBoard, FakeHkex, RawFeedItem } from '../../fakes/hkex.js';
import { feedItem, paginate } from '../../fakes/hkex.js';

// HKEXnews as the running bot sees it over time: announcements are published (newest on top)
// to every feed the bot reads, the English one in `de` and its Chinese twin (`_c.pdf`, its own
// newsId) in `dc`, both windows alike, with the PDFs served beside them. Release times are the
// real clock's, in Hong Kong time, so the bot's own clock treats them as fresh.

const PAGE_SIZE = 200;
const BOARDS: readonly FakeBoard[] = ['sehk', 'gem'];
const PDF_DIR = new URL('../../fixtures/pdf/', import.meta.url);

/** A fixture PDF's bytes, e.g. fixturePdf('en-06680-2022-preliminary-estimate'). */
const fixturePdf = (name: string): Buffer => readFileSync(new URL(`${name}.pdf`, PDF_DIR));

export interface Announcement {
  /** The English listing's newsId; the Chinese twin's is the next number. */
  newsId: number;
  title: string;
  stock: { sc: string; sn: string };
  board?: FakeBoard;
  /** Tier-two category as lTxt spells it. */
  category?: string;
  /** The English PDF to serve. */
  pdf?: Uint8Array;
  /** A Chinese twin, listed in the `dc` feed with its own PDF. */
  zh?: { title: string; pdf: Uint8Array };
}

/** "dd/mm/yyyy HH:MM" in Hong Kong time (UTC+8, no DST), as relTime is written. */
function hktRelTime(at: Date): string {
  const [date = '', time = ''] = new Date(at.getTime() + 8 * 3_600_000).toISOString().split('T');
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time.slice(0, 5)}`;
}

export const webPathOf = (newsId: number, lang: 'en' | 'zh' = 'en') =>
  `/listedco/listconews/sehk/e2e/${newsId}${lang === 'zh' ? '_c' : ''}.pdf`;

export class FakeExchange {
  readonly #hkex: FakeHkex;
  readonly #listed = new Map<FakeBoard, { de: RawFeedItem[]; dc: RawFeedItem[] }>(
    BOARDS.map((b) => [b, { de: [], dc: [] }]),
  );

  constructor(hkex: FakeHkex) {
    this.#hkex = hkex;
  }

  /** Puts the announcements on top of their boards' feeds, in the order given (last is newest). */
  publish(...announcements: Announcement[]): void {
    const relTime = hktRelTime(new Date());
    for (const a of announcements) {
      const feeds = this.#listed.get(a.board ?? 'sehk');
      if (!feeds) throw new Error(`unknown board ${a.board}`);
      const common = { relTime, stock: [a.stock], ...(a.category && { lTxt: a.category, sTxt: a.category }) };
      feeds.de.unshift(
        feedItem({ newsId: a.newsId, title: a.title, webPath: webPathOf(a.newsId), ...common }),
      );
      if (a.pdf) this.#hkex.addPdf(webPathOf(a.newsId), a.pdf);
      if (a.zh) {
        const zhPath = webPathOf(a.newsId, 'zh');
        feeds.dc.unshift(feedItem({ newsId: a.newsId + 1, title: a.zh.title, webPath: zhPath, ...common }));
        this.#hkex.addPdf(zhPath, a.zh.pdf);
      }
    }
    this.#serve();
  }

  #serve(): void {
    for (const [board, feeds] of this.#listed) {
      for (const lang of ['de', 'dc'] as const) {
        const pages = paginate(feeds[lang], PAGE_SIZE);
        for (const window of [1, 7] as const) this.#hkex.setFeed({ board, lang, window }, pages);
      }
    }
  }
}

/** Ordinary filings (no estimate), one per newsId from `firstId` in steps of two. */
export function ordinaryFilings(firstId: number, count: number, board: FakeBoard = 'sehk'): Announcement[] {
  return Array.from({ length: count }, (_, i) => ({
    newsId: firstId + 2 * i,
    title: 'NEXT DAY DISCLOSURE RETURN',
    stock: { sc: String(1 + (i % 3000)).padStart(5, '0'), sn: `COMPANY ${i}` },
    board,
    category: 'Next Day Disclosure Returns',
  }));
}

interface EstimateFixture {
  title: string;
  stock: { sc: string; sn: string };
  category: string;
  pdf: string;
  zh?: { title: string; pdf: string };
}

/** Estimates among the fixture PDFs, listed as HKEXnews lists them. */
const ESTIMATES = {
  /** JL MAG's preliminary estimate for 2022, an A+H filing in both languages. */
  jlMag: {
    title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
    stock: { sc: '06680', sn: 'JL MAG' },
    category: 'Announcements and Notices - [Inside Information]',
    pdf: 'en-06680-2022-preliminary-estimate',
    zh: { title: '2022年度業績預告', pdf: 'zh-06680-2022-preliminary-estimate' },
  },
  /** Tidewell Apparel's profit warning for 2023, in English only. */
  tidewell: {
    title: 'PROFIT WARNING',
    stock: { sc: '03329', sn: 'TIDEWELL APPAREL' },
    category: 'Announcements and Notices - [Profit Warning]',
    pdf: 'en-pw-not-more-than-decrease-hkd',
  },
} satisfies Record<string, EstimateFixture>;

export type EstimateName = keyof typeof ESTIMATES;

/** A fixture estimate as a new announcement with this newsId. */
export function estimateFiling(name: EstimateName, newsId: number): Announcement {
  const { pdf, zh, ...listing }: EstimateFixture = ESTIMATES[name];
  return {
    newsId,
    ...listing,
    pdf: fixturePdf(pdf),
    ...(zh && { zh: { title: zh.title, pdf: fixturePdf(zh.pdf) } }),
  };
}

/** JL MAG's results for 2022, which settle its preliminary estimate, in both languages. */
export function jlMagResults(newsId: number): Announcement {
  return {
    newsId,
    title: 'ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2022',
    stock: { sc: '06680', sn: 'JL MAG' },
    category: 'Announcements and Notices - [Final Results]',
    pdf: fixturePdf('results/res-en-06680-2022-annual-results'),
    zh: {
      title: '截至二零二二年十二月三十一日止年度之年度業績公告',
      pdf: fixturePdf('results/res-zh-06680-2022-annual-results'),
    },
  };
}
