import type { Log } from '../log.js';
import { feedPath, parseFeedPage } from './feed.js';
import type { HkexSource } from './filing.js';
import { createHistory } from './history.js';
import { createHttp, type HttpTimeouts, type RetryOptions } from './http.js';
import { type FeedPaging, readNewFilings } from './new-filings.js';
import { DEFAULT_PDF_LIMITS, downloadPdf } from './pdf.js';

// The HKEXnews adapter the pipeline and the slash command are given: one HTTP client shared by
// the feed reader, the PDF download and the history search.

export { isProfitEstimate, isResultsAnnouncement } from './classify.js';
export { HkexError, UnknownStockError } from './errors.js';

export interface HkexClientOptions {
  /** HKEX_BASE_URL; nothing is ever requested off its origin. */
  baseUrl: string;
  log: Log;
  /** PDF size cap; default 20 MB. */
  maxPdfBytes?: number;
  /** PDF time cap for the whole download (its deadline, in place of timeouts.deadlineMs); default 60 s. */
  pdfTimeoutMs?: number;
  /** Timeouts of every request; `deadlineMs` (default 30 s) bounds a whole feed or search read. */
  timeouts?: Partial<HttpTimeouts>;
  retry?: RetryOptions;
  /** Feed pages read per poll (default 20 per feed) and the pause between them (200 ms). */
  feedPaging?: Partial<FeedPaging>;
  userAgent?: string;
}

export type HkexClient = HkexSource & { close(): Promise<void> };

export function createHkexClient(options: HkexClientOptions): HkexClient {
  const baseUrl = new URL(options.baseUrl).origin;
  const log = options.log.child({ component: 'hkex' });
  const http = createHttp({ ...options, baseUrl, log });
  const history = createHistory(http, baseUrl, log);
  const pdfLimits = {
    maxBytes: options.maxPdfBytes ?? DEFAULT_PDF_LIMITS.maxBytes,
    timeoutMs: options.pdfTimeoutMs ?? DEFAULT_PDF_LIMITS.timeoutMs,
  };

  return {
    newFilings: (cursor, signal) =>
      readNewFilings(
        (ref) => {
          const url = http.resolve(feedPath(ref)).href;
          return http.getParsed(url, (text) => parseFeedPage(text, url, ref.board, baseUrl, log), {
            accept: 'application/json',
            // Only the pages read at every poll gain from validators; deeper ones are read after downtime.
            conditional: ref.window === 1 && ref.page === 1,
            signal,
          });
        },
        cursor,
        log,
        options.feedPaging,
      ),
    downloadPdf: (url, signal) => downloadPdf(http, url, pdfLimits, signal),
    stockFilings: (code, from, to) => history.stockFilings(code, from, to),
    close: () => http.close(),
  };
}
