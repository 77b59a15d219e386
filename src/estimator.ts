import { errorMessage } from './errors.js';
import type { Estimate, TwinCheck } from './estimate.js';
import type { Filing } from './hkex/filing.js';
import { parseAnnouncement } from './parse/index.js';
import { parseResults } from './parse/results.js';
import { crossCheck, unreadableTwin } from './parse/twins.js';
import type { PdfExtractor } from './pdf/extract.js';
import type { Priority } from './pdf/reader-pool.js';
import type { Results } from './results.js';

// A filing's PDFs to its Estimate: the one composition of download, extraction, parsing and the
// cross-check of the two language versions that the pipeline and the slash command share.
// Failures name the filing and its URL.

export type ParseFiling = (pdf: Uint8Array, filing: Filing) => Promise<Estimate>;

/** A results announcement's PDF to its actual figures. */
export type ParseResults = (pdf: Uint8Array, filing: Filing) => Promise<Results>;

/**
 * The statement of profit or loss is in a results announcement's first pages (after the
 * highlights and the chairman's letter at most); the pages after are not read.
 */
export const RESULTS_PAGES = 15;

/** A failure reading a filing's PDF, naming the filing and its URL. */
async function naming<T>(filing: Filing, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new Error(`filing ${filing.id} (${filing.pdfUrl}): ${errorMessage(error)}`, { cause: error });
  }
}

export function pdfResultsReader(extractor: PdfExtractor): ParseResults {
  return (pdf, filing) =>
    naming(filing, async () => parseResults(await extractor.extract(pdf, 'alert', RESULTS_PAGES)));
}

/** `priority`: an alert's reading goes before a lookup's on the shared extraction threads. */
export function pdfEstimator(extractor: PdfExtractor, priority: Priority = 'alert'): ParseFiling {
  return async (pdf, filing) => {
    // The listing's title and category stand in for a headline the PDF's text lacks or words
    // generically ("INSIDE INFORMATION"); the document's own headline still decides when it can.
    const hints = { title: filing.title, titleZh: filing.titleZh, category: filing.category };
    return naming(filing, async () => parseAnnouncement(await extractor.extract(pdf, priority), hints));
  };
}

type Download = (url: string, signal?: AbortSignal) => Promise<Uint8Array>;

/** The PDF at `url`, or an error naming it. */
function downloaded(download: Download, url: string, signal?: AbortSignal): Promise<Uint8Array> {
  return download(url, signal).catch((error: unknown) => {
    throw new Error(`could not download ${url}: ${errorMessage(error)}`, { cause: error });
  });
}

/** A results filing's actual figures: its first language version, downloaded and read. */
export function resultsReader(
  download: Download,
  parse: ParseResults,
): (filing: Filing, signal?: AbortSignal) => Promise<Results> {
  return async (filing, signal) => parse(await downloaded(download, filing.pdfUrl, signal), filing);
}

/** What reading a filing gives: the estimate to show, the other version's, and how they compare. */
export interface FilingRead {
  estimate: Estimate;
  /** The other language version's own reading; null when there is none or it could not be read. */
  other: Estimate | null;
  /** Null for a filing published in one language only. */
  twin: TwinCheck | null;
}

/** `signal` cuts the downloads short: the poll cycle's deadline. */
export type ReadFiling = (filing: Filing, signal?: AbortSignal) => Promise<FilingRead>;

/**
 * Reads both language versions at once (each within the download and extraction caps) and
 * cross-checks them. One version unreadable: the other is shown, and the check says which failed.
 * Both unreadable: the English version's error.
 */
export function filingReader(download: Download, parse: ParseFiling): ReadFiling {
  const readAt = async (url: string, filing: Filing, signal?: AbortSignal): Promise<Estimate> =>
    parse(await downloaded(download, url, signal), { ...filing, pdfUrl: url });
  return async (filing, signal) => {
    const zhUrl = filing.pdfUrlZh;
    if (zhUrl === null || zhUrl === filing.pdfUrl)
      return { estimate: await readAt(filing.pdfUrl, filing, signal), other: null, twin: null };
    const [en, zh] = await Promise.allSettled([
      readAt(filing.pdfUrl, filing, signal),
      readAt(zhUrl, filing, signal),
    ]);
    if (en.status === 'rejected' && zh.status === 'rejected') throw en.reason;
    if (en.status === 'rejected') {
      const estimate = (zh as PromiseFulfilledResult<Estimate>).value;
      return { estimate, other: null, twin: unreadableTwin('en', errorMessage(en.reason)) };
    }
    if (zh.status === 'rejected')
      return { estimate: en.value, other: null, twin: unreadableTwin('zh', errorMessage(zh.reason)) };
    const { estimate, check, base } = crossCheck(en.value, zh.value);
    return { estimate, other: base === 'en' ? zh.value : en.value, twin: check };
  };
}
