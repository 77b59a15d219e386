import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for HKEXnews, serving the real endpoint paths with the real JSON shapes
// (see /work/shared/notes/hkexnews.md), for the HKEX client's tests and for pipeline, end-to-end
// and benchmark runs.
//
//   const fake = await FakeHkex.start();              // 127.0.0.1, ephemeral port
//   fake.setFeed({ board: 'sehk', lang: 'de', window: 1 }, [[feedItem({ newsId: 1 })]]);
//   fake.addPdf('/listedco/listconews/sehk/2024/0112/2024011200123.pdf', pdfBytes);
//   fake.misbehave('/ncms/json/eds/lcisehk1relsde_1.json', { kind: 'status', status: 503, html: true });
//   createHkexClient({ baseUrl: fake.url, ... });
//   fake.requests;                                    // every request received, in order
//   await fake.close();
//
// Every served resource carries an ETag and a Last-Modified (see useValidators) and honours
// If-None-Match, If-Modified-Since and single Range requests, as HKEXnews' CDN does.

export type FakeBoard = 'sehk' | 'gem';
/** de: English, dc: Chinese. */
export type FakeLang = 'de' | 'dc';

export interface FeedKey {
  board: FakeBoard;
  lang: FakeLang;
  /** 1: latest filings; 7: the last seven days. */
  window: 1 | 7;
}

/** One entry of newsInfoLst, as HKEXnews writes it. */
export interface RawFeedItem {
  newsId: number | string;
  title: string;
  relTime: string;
  webPath: string;
  ext: string;
  size: string;
  market: string;
  multi: number;
  lTxt: string;
  sTxt: string;
  t1Code: string;
  t2Code: string;
  stock: { sc: string; sn: string }[];
}

/** One row of the title search's `result`, as HKEXnews writes it. */
export interface RawSearchRow {
  NEWS_ID: string;
  TITLE: string;
  DATE_TIME: string;
  FILE_LINK: string;
  STOCK_CODE: string;
  STOCK_NAME: string;
  SHORT_TEXT: string;
  LONG_TEXT: string;
  FILE_TYPE: string;
  FILE_INFO: string;
}

/** What the next matching request gets instead of the real answer. */
export type Misbehaviour =
  /** That status; with html, an HTML error page as body; with retryAfter, a Retry-After header. */
  | { kind: 'status'; status: number; html?: boolean; retryAfter?: string }
  /** Never answers: the client's headers timeout must fire. */
  | { kind: 'hang' }
  /** Drops the connection before answering. */
  | { kind: 'reset' }
  /** A well-formed 200 carrying only the first half of the body (e.g. truncated JSON). */
  | { kind: 'truncate' }
  /** Sends the headers and half the body, then goes silent: the body timeout fires, a Range request resumes. */
  | { kind: 'stall' }
  /** 200 with an HTML error page. */
  | { kind: 'html200' }
  /** A 302 to `location` (e.g. another host). */
  | { kind: 'redirect'; location: string }
  /**
   * A 200 whose body comes one byte every `intervalMs`: never silent for long, so no body timeout
   * fires, yet the whole body takes body length × intervalMs.
   */
  | { kind: 'drip'; intervalMs: number };

export interface LoggedRequest {
  method: string;
  /** Path and query, as requested. */
  path: string;
  pathname: string;
  headers: IncomingHttpHeaders;
  /** The client's port: requests sharing it shared a keep-alive connection. */
  remotePort: number | undefined;
  /** The status answered, once the answer is complete (a dropped or hung request has none). */
  status?: number;
}

/** Which validators responses carry. */
export type Validators = 'etag' | 'last-modified' | 'both' | 'none';

interface Resource {
  body: Buffer;
  contentType: string;
  /** Sent without Content-Length, so only a streaming cap can stop it. */
  chunked: boolean;
  lastModified: number;
}

const HTML_ERROR =
  '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Error</body></html>';
// Last-Modified has one-second resolution; each change moves this clock a second so that
// If-Modified-Since sees every change, however fast a test makes them.
const CLOCK_START = Date.UTC(2024, 0, 1);

// Defaults of the builders below.
const CATEGORY = 'Announcements and Notices - [Other - Business Update]';
const RELEASED = '12/01/2024 17:05';
const documentPath = (id: number | string) => `/listedco/listconews/sehk/2024/0112/${id}.pdf`;

export function feedPath({ board, lang, window }: FeedKey, page: number): string {
  return `/ncms/json/eds/lci${board}${window}rels${lang}_${page}.json`;
}

/** A feed item with plausible defaults; `newsId` also names the PDF unless webPath is given. */
export function feedItem(fields: Partial<RawFeedItem> & Pick<RawFeedItem, 'newsId'>): RawFeedItem {
  return {
    title: 'ANNOUNCEMENT',
    relTime: RELEASED,
    webPath: documentPath(fields.newsId),
    ext: 'pdf',
    size: '127KB',
    market: 'SEHK',
    multi: 0,
    lTxt: CATEGORY,
    sTxt: CATEGORY,
    t1Code: '10000',
    t2Code: '13400',
    stock: [{ sc: '00700', sn: 'TENCENT' }],
    ...fields,
  };
}

/** A title search row with plausible defaults. */
export function searchRow(fields: Partial<RawSearchRow> & Pick<RawSearchRow, 'NEWS_ID'>): RawSearchRow {
  return {
    TITLE: 'ANNOUNCEMENT',
    DATE_TIME: RELEASED,
    FILE_LINK: documentPath(fields.NEWS_ID),
    STOCK_CODE: '00700',
    STOCK_NAME: 'TENCENT',
    SHORT_TEXT: CATEGORY,
    LONG_TEXT: CATEGORY,
    FILE_TYPE: 'PDF',
    FILE_INFO: '127KB',
    ...fields,
  };
}

/** Items split into feed pages of `size`. */
export function paginate<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  return pages;
}

export class FakeHkex {
  readonly url: string;
  readonly #server: ReturnType<typeof createServer>;
  readonly #resources = new Map<string, Resource>();
  readonly #feedPages = new Map<string, number>();
  /** Feeds (by page-0 path) that claim more pages than they were given, and their claim. */
  readonly #claimedPages = new Map<string, number>();
  readonly #stocks = new Map<string, { stockId: number; code: string; name: string }>();
  readonly #searches = new Map<string, { rows: RawSearchRow[]; resultAs: 'string' | 'array' }>();
  readonly #misbehaviours = new Map<string, Misbehaviour[]>();
  readonly #requests: LoggedRequest[] = [];
  #validators: Validators = 'both';
  #clock = CLOCK_START;

  private constructor(server: ReturnType<typeof createServer>) {
    this.#server = server;
    const { port } = server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** A fake listening on 127.0.0.1 on an ephemeral port. */
  static async start(): Promise<FakeHkex> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeHkex(server);
    server.on('request', (req, res) => fake.#handle(req, res));
    return fake;
  }

  /** Every request received so far, oldest first. */
  get requests(): readonly LoggedRequest[] {
    return this.#requests;
  }

  /** The requests for one path (query ignored). */
  requestsTo(pathname: string): LoggedRequest[] {
    return this.#requests.filter((r) => r.pathname === pathname);
  }

  clearRequests(): void {
    this.#requests.length = 0;
  }

  /**
   * Replaces a feed with these pages (newest first); maxNumOfFile is their number, unless
   * `claimedPages` says more: then every page states that many, and each page past the given ones
   * (up to the claim) is served empty, as a feed that lies about its length would be.
   */
  setFeed(
    key: FeedKey,
    pages: readonly (readonly RawFeedItem[])[],
    options: { claimedPages?: number } = {},
  ): void {
    const id = feedPath(key, 0);
    for (let page = pages.length + 1; page <= (this.#feedPages.get(id) ?? 0); page++) {
      this.#resources.delete(feedPath(key, page));
    }
    const served = pages.length > 0 ? pages : [[]];
    const claimed = Math.max(options.claimedPages ?? 0, served.length);
    this.#feedPages.set(id, served.length);
    if (claimed > served.length) this.#claimedPages.set(id, claimed);
    else this.#claimedPages.delete(id);
    served.forEach((items, i) => {
      const body = { genDate: this.#clock, maxNumOfFile: claimed, newsInfoLst: items };
      this.#put(feedPath(key, i + 1), JSON.stringify(body), 'application/json;charset=UTF-8');
    });
  }

  /** Serves `body` at webPath (default type application/pdf). */
  addPdf(
    webPath: string,
    body: Uint8Array | string,
    options: { contentType?: string; chunked?: boolean } = {},
  ) {
    this.#put(webPath, body, options.contentType ?? 'application/pdf', options.chunked);
  }

  /** Makes /search/prefix.do know a stock. */
  addStock(code: string, stockId: number, name: string): void {
    this.#stocks.set(code, { stockId, code, name });
  }

  /**
   * The title search's rows for a stock id and language (newest first); the fake applies the
   * date range and rowRange. `result` is sent as a JSON string (as HKEXnews does) or as an array.
   */
  setSearch(
    stockId: number,
    lang: 'EN' | 'ZH',
    rows: RawSearchRow[],
    resultAs: 'string' | 'array' = 'string',
  ) {
    this.#searches.set(`${stockId}/${lang}`, { rows, resultAs });
  }

  /** Queues misbehaviours for a path (query ignored): each answers one request, in order. */
  misbehave(pathname: string, ...misbehaviours: Misbehaviour[]): void {
    this.#misbehaviours.set(pathname, [...(this.#misbehaviours.get(pathname) ?? []), ...misbehaviours]);
  }

  /** Misbehaviours queued and not yet served, per path. */
  pendingMisbehaviours(pathname: string): number {
    return this.#misbehaviours.get(pathname)?.length ?? 0;
  }

  useValidators(validators: Validators): void {
    this.#validators = validators;
  }

  /** Stops listening and drops every connection, hanging ones included. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((err) => (err ? reject(err) : resolve())),
    );
  }

  #put(path: string, body: Uint8Array | string, contentType: string, chunked = false): void {
    this.#clock += 1000;
    this.#resources.set(path, { body: Buffer.from(body), contentType, chunked, lastModified: this.#clock });
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      pathname: url.pathname,
      headers: req.headers,
      remotePort: req.socket.remotePort,
    };
    this.#requests.push(logged);
    res.on('finish', () => {
      logged.status = res.statusCode;
    });
    const trick = this.#misbehaviours.get(url.pathname)?.shift();
    const resource = this.#resolve(url);
    if (trick) misbehave(trick, req, res, resource);
    else if (resource) this.#serve(req, res, resource);
    else res.writeHead(404, { 'content-type': 'text/html' }).end(HTML_ERROR);
  }

  #resolve(url: URL): Resource | undefined {
    if (url.pathname === '/search/prefix.do') return this.#prefix(url);
    if (url.pathname === '/search/titleSearchServlet.do') return this.#titleSearch(url);
    return this.#resources.get(url.pathname) ?? this.#claimedPage(url.pathname);
  }

  /** An empty page past a feed's real ones, within the page count it claims. */
  #claimedPage(pathname: string): Resource | undefined {
    const m = /^(\/ncms\/json\/eds\/lci\w+rels\w+)_(\d+)\.json$/.exec(pathname);
    const claimed = m && this.#claimedPages.get(`${m[1]}_0.json`);
    if (!m || !claimed || Number(m[2]) < 1 || Number(m[2]) > claimed) return undefined;
    const body = { genDate: this.#clock, maxNumOfFile: claimed, newsInfoLst: [] };
    return {
      body: Buffer.from(JSON.stringify(body)),
      contentType: 'application/json;charset=UTF-8',
      chunked: false,
      lastModified: this.#clock,
    };
  }

  #prefix(url: URL): Resource {
    const name = url.searchParams.get('name') ?? '';
    const callback = url.searchParams.get('callback') ?? 'callback';
    const found = [...this.#stocks.values()].filter((s) => s.code.startsWith(name));
    const body = `${callback}(${JSON.stringify({ more: '0', stockInfo: found })});\n`;
    return {
      body: Buffer.from(body),
      contentType: 'text/javascript',
      chunked: false,
      lastModified: this.#clock,
    };
  }

  #titleSearch(url: URL): Resource {
    const q = url.searchParams;
    const search = this.#searches.get(`${q.get('stockId')}/${q.get('lang')}`) ?? {
      rows: [],
      resultAs: 'string',
    };
    const [from, to] = [q.get('fromDate') ?? '', q.get('toDate') ?? '99999999'];
    const rows = search.rows.filter((r) => {
      // A row a test made malformed on purpose is always served.
      if (typeof r.DATE_TIME !== 'string') return true;
      const day = ymd(r.DATE_TIME);
      return day >= from && day <= to;
    });
    const range = Number(q.get('rowRange') ?? 100);
    const shown = rows.slice(0, range);
    const result = search.resultAs === 'string' ? JSON.stringify(shown) : shown;
    const body = {
      result,
      hasNextRow: rows.length > range,
      rowRange: range,
      loadedRecord: shown.length,
      recordCnt: rows.length,
    };
    return {
      body: Buffer.from(JSON.stringify(body)),
      contentType: 'application/json',
      chunked: false,
      lastModified: this.#clock,
    };
  }

  #serve(req: IncomingMessage, res: ServerResponse, resource: Resource): void {
    const etag = `"${createHash('sha1').update(resource.body).digest('hex').slice(0, 16)}"`;
    const lastModified = new Date(resource.lastModified).toUTCString();
    const headers: Record<string, string> = {
      'content-type': resource.contentType,
      'accept-ranges': 'bytes',
    };
    if (this.#validators === 'etag' || this.#validators === 'both') headers.etag = etag;
    if (this.#validators === 'last-modified' || this.#validators === 'both')
      headers['last-modified'] = lastModified;
    const since = Date.parse(req.headers['if-modified-since'] ?? '');
    const notModified = headers.etag
      ? req.headers['if-none-match'] === etag
      : Boolean(headers['last-modified']) && since >= resource.lastModified;
    if (notModified) {
      res.writeHead(304, headers).end();
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Number(range[2]) : resource.body.length - 1;
      const part = resource.body.subarray(start, end + 1);
      headers['content-range'] = `bytes ${start}-${end}/${resource.body.length}`;
      res.writeHead(206, { ...headers, 'content-length': String(part.length) }).end(part);
      return;
    }
    if (!resource.chunked) headers['content-length'] = String(resource.body.length);
    res.writeHead(200, headers).end(resource.body);
  }
}

function misbehave(
  trick: Misbehaviour,
  req: IncomingMessage,
  res: ServerResponse,
  resource?: Resource,
): void {
  const body = resource?.body ?? Buffer.from('{}');
  const type = resource?.contentType ?? 'application/json';
  switch (trick.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': trick.html ? 'text/html' : 'text/plain' };
      if (trick.retryAfter) headers['retry-after'] = trick.retryAfter;
      res.writeHead(trick.status, headers).end(trick.html ? HTML_ERROR : `status ${trick.status}`);
      return;
    }
    case 'hang':
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'truncate': {
      const half = body.subarray(0, Math.floor(body.length / 2));
      res.writeHead(200, { 'content-type': type, 'content-length': String(half.length) }).end(half);
      return;
    }
    case 'stall':
      res.writeHead(200, {
        'content-type': type,
        'content-length': String(body.length),
        'accept-ranges': 'bytes',
      });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      return;
    case 'html200':
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML_ERROR);
      return;
    case 'redirect':
      res.writeHead(302, { location: trick.location }).end();
      return;
    case 'drip': {
      res.writeHead(200, { 'content-type': type, 'content-length': String(body.length) });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(body.subarray(sent, sent + 1));
        sent += 1;
        if (sent >= body.length) {
          clearInterval(timer);
          res.end();
        }
      }, trick.intervalMs);
      // A client that gives up (or close() dropping the connection) stops the drip.
      res.on('close', () => clearInterval(timer));
      return;
    }
  }
}

/** "dd/mm/yyyy HH:MM" → "yyyymmdd", the form of the search's date parameters. */
function ymd(relTime: string): string {
  const [d, m, y] = relTime.slice(0, 10).split('/');
  return `${y}${m}${d}`;
}
