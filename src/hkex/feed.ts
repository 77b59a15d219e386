import { z } from 'zod';
import type { Log } from '../log.js';
import type { Board } from './filing.js';
import { type Listing, listingsFrom, tierCode } from './listing.js';
import { parseJson, validate } from './validate.js';

// The latest-filings feed: /ncms/json/eds/lci{board}{window}rels{lang}_{page}.json, newest first.
// The page envelope must have the expected shape; an item that does not is logged and skipped so
// that one odd filing cannot block a whole board.

export type Lang = 'de' | 'dc';
/** 1: the latest filings; 7: the last seven days, for catching up after downtime. */
export type FeedWindow = 1 | 7;

export interface FeedPageRef {
  board: Board;
  lang: Lang;
  window: FeedWindow;
  page: number;
}

export interface FeedPage {
  url: string;
  /** maxNumOfFile: how many pages this feed has. */
  pageCount: number;
  listings: Listing[];
}

export function feedPath({ board, lang, window, page }: FeedPageRef): string {
  return `/ncms/json/eds/lci${board}${window}rels${lang}_${page}.json`;
}

const envelope = z.object({
  maxNumOfFile: z.coerce.number().int().nonnegative(),
  newsInfoLst: z.array(z.unknown()),
});

const code = z.union([z.string(), z.number()]).nullish().transform(tierCode);

const item = z.object({
  newsId: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric newsId')]),
  title: z.string(),
  relTime: z.string(),
  webPath: z.string().min(1),
  lTxt: z.string().optional(),
  sTxt: z.string().optional(),
  t1Code: code,
  t2Code: code,
  stock: z.array(z.object({ sc: z.string(), sn: z.string() })).default([]),
});

/** A feed page's listings; throws an HkexError naming the URL when the page itself is malformed. */
export function parseFeedPage(text: string, url: string, board: Board, baseUrl: string, log: Log): FeedPage {
  const page = validate(envelope, parseJson(text, url), url, 'feed');
  const listings = listingsFrom(
    page.newsInfoLst,
    'newsInfoLst',
    item,
    (it) => ({
      id: String(it.newsId),
      board,
      stockCodes: it.stock.map((s) => s.sc),
      stockNames: it.stock.map((s) => s.sn),
      title: it.title,
      relTime: it.relTime,
      category: it.lTxt ?? it.sTxt ?? '',
      t1Code: it.t1Code,
      t2Code: it.t2Code,
      link: it.webPath,
    }),
    { baseUrl, log, source: url },
  );
  return { url, pageCount: page.maxNumOfFile, listings };
}
