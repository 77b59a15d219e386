import { z } from 'zod';
import type { Log } from '../log.js';
import { HkexError, UnknownStockError } from './errors.js';
import type { Filing } from './filing.js';
import type { Http } from './http.js';
import { type Listing, listingsFrom, stockCode } from './listing.js';
import { pairListings } from './pairing.js';
import { hktDay } from './time.js';
import { parseJson, validate } from './validate.js';

// A stock's filings over a date range, for the slash command and backfill. Two steps: the stock
// code to HKEXnews' internal stock id (/search/prefix.do, JSONP; cached, ids do not change), then
// the title search (/search/titleSearchServlet.do), whose `result` is JSON inside a string.

const CALLBACK = 'callback';
// The servlet has no paging, only a row count; asking again for more rows is how its own page pages.
const FIRST_ROWS = 100;
const MAX_ROWS = 1600;

const prefixSchema = z.object({
  stockInfo: z.array(
    z.object({
      stockId: z.union([z.number(), z.string()]).transform(String),
      code: z.string(),
      name: z.string(),
    }),
  ),
});

const searchSchema = z.object({
  result: z.union([z.string(), z.array(z.unknown())]),
  hasNextRow: z.boolean().optional(),
});

const rowSchema = z.object({
  NEWS_ID: z.union([z.number(), z.string().regex(/^\d+$/, 'expected a numeric NEWS_ID')]).transform(String),
  TITLE: z.string(),
  DATE_TIME: z.string(),
  FILE_LINK: z.string().min(1),
  STOCK_CODE: z.string().default(''),
  STOCK_NAME: z.string().default(''),
  LONG_TEXT: z.string().optional(),
  SHORT_TEXT: z.string().optional(),
});

type SearchLang = 'EN' | 'ZH';

export interface History {
  /** HKEXnews' internal id for a stock code, or an UnknownStockError when it knows no such stock. */
  stockId(code: string): Promise<string>;
  /** The stock's filings released from `from` to `to` (inclusive), English and Chinese paired, newest first. */
  stockFilings(code: string, from: Date, to: Date): Promise<Filing[]>;
}

export function createHistory(http: Http, baseUrl: string, log: Log): History {
  const ids = new Map<string, string>();

  async function stockId(code: string): Promise<string> {
    const wanted = stockCode(code);
    const cached = ids.get(wanted);
    if (cached) return cached;
    const query = new URLSearchParams({
      callback: CALLBACK,
      lang: 'EN',
      type: 'A',
      name: wanted,
      market: 'SEHK',
    });
    const url = http.resolve(`/search/prefix.do?${query}`).href;
    const info = await http.getParsed(
      url,
      (text) => validate(prefixSchema, parseJsonp(text, url), url, 'stock lookup').stockInfo,
    );
    const match = info.find((s) => stockCode(s.code) === wanted);
    if (!match) throw new UnknownStockError(wanted, url);
    ids.set(wanted, match.stockId);
    return match.stockId;
  }

  async function search(id: string, lang: SearchLang, from: Date, to: Date): Promise<Listing[]> {
    for (let rows = FIRST_ROWS; ; rows *= 2) {
      const url = http.resolve(`/search/titleSearchServlet.do?${searchQuery(id, lang, from, to, rows)}`).href;
      const page = await http.getParsed(url, (text) => parseSearch(text, url, baseUrl, log));
      if (!page.hasNextRow) return page.listings;
      if (rows >= MAX_ROWS) {
        log.warn({ url, rows }, 'title search has more rows than we read; older filings are left out');
        return page.listings;
      }
    }
  }

  return {
    stockId,
    async stockFilings(code, from, to) {
      const id = await stockId(code);
      const [english, chinese] = await Promise.all([search(id, 'EN', from, to), search(id, 'ZH', from, to)]);
      const [start, end] = [from.toISOString(), to.toISOString()];
      const within = english.filter((l) => l.releasedAt >= start && l.releasedAt <= end);
      return pairListings(within, chinese).sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
    },
  };
}

/** The JSON inside a JSONP `callback(...)` wrapper, parsed as data: nothing in it is ever run. */
export function parseJsonp(text: string, url: string): unknown {
  const m = /^\s*([A-Za-z_$][\w$]*)\s*\(([\s\S]*)\)\s*;?\s*$/.exec(text);
  if (!m || m[1] !== CALLBACK)
    throw new HkexError(`HKEXnews sent no ${CALLBACK}(...) wrapper from ${url}`, url);
  return parseJson(m[2] as string, url);
}

function searchQuery(stockId: string, lang: SearchLang, from: Date, to: Date, rows: number): URLSearchParams {
  return new URLSearchParams({
    sortDir: '0',
    sortByOptions: 'DateTime',
    category: '0',
    market: 'SEHK',
    stockId,
    documentType: '-1',
    fromDate: hktDay(from),
    toDate: hktDay(to),
    title: '',
    searchType: '1',
    t1code: '-2',
    t2Gcode: '-2',
    t2code: '-2',
    rowRange: String(rows),
    lang,
  });
}

/** A title search response's listings (malformed rows logged and skipped) and whether more rows exist. */
export function parseSearch(text: string, url: string, baseUrl: string, log: Log) {
  const page = validate(searchSchema, parseJson(text, url), url, 'title search');
  const rows = typeof page.result === 'string' ? parseJson(page.result, url) : page.result;
  const items = validate(z.array(z.unknown()), rows, url, 'title search result');
  const listings = listingsFrom(
    items,
    'result',
    rowSchema,
    (row) => ({
      id: row.NEWS_ID,
      board: /\/listconews\/gem\//i.test(row.FILE_LINK) ? 'gem' : 'sehk',
      stockCodes: splitNames(row.STOCK_CODE),
      stockNames: splitNames(row.STOCK_NAME),
      title: row.TITLE,
      relTime: row.DATE_TIME,
      category: row.LONG_TEXT ?? row.SHORT_TEXT ?? '',
      // The search gives category text only, no tier codes.
      t1Code: null,
      t2Code: null,
      link: row.FILE_LINK,
    }),
    { baseUrl, log, source: url },
  );
  return { listings, hasNextRow: page.hasNextRow ?? false };
}

/** The search joins several issuers' codes or names with <br/>. */
function splitNames(text: string): string[] {
  return text
    .split(/<br\s*\/?>/i)
    .map((s) => s.trim())
    .filter(Boolean);
}
