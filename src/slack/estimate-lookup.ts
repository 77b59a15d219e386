import { errorMessage } from '../errors.js';
import { filingReader, type ParseFiling } from '../estimator.js';
import { UnknownStockError } from '../hkex/errors.js';
import type { Filing, HkexSource } from '../hkex/filing.js';
import { kindOfTitle } from '../parse/kind.js';
import { settledLandings } from '../settle/landing.js';
import type { FilingRecord, Store } from '../store/types.js';
import { filedEstimate } from './alert-content.js';
import type { FiledEstimate, HistoryItem } from './blocks.js';
import { createMemo } from './memo.js';

// Answers "what is the latest estimate for this stock": from the store when the bot has seen
// one, else from HKEXnews (the last year's filings whose titles announce an estimate, newest
// parsed on the spot). Lookups are kept briefly so a "Share" click can find them again.

export interface EstimateLookupDeps {
  store: Store;
  hkex: HkexSource;
  parse: ParseFiling;
  now?: () => Date;
}

export interface EstimateLookup {
  /** The newest estimate the store holds for the stock. */
  stored(code: string): FiledEstimate | null;
  /** The newest estimate filed on HKEXnews in the last 12 months, downloaded and parsed. */
  search(code: string): Promise<FiledEstimate | null>;
  /** The stock's estimate announcements, newest first: the store's, else HKEXnews' titles. */
  history(code: string): Promise<HistoryItem[]>;
  /** An estimate shown recently, by filing id. */
  find(filingId: string): FiledEstimate | undefined;
}

/** Names the step that failed, so the user hears what went wrong without a stack trace. */
export class LookupError extends Error {
  /** HKEXnews lists no such stock: trying again will not help, so the user is told the code is wrong. */
  readonly unknownStock: boolean;

  constructor(
    readonly step: string,
    readonly code: string,
    cause: unknown,
  ) {
    super(`${step} for ${code}: ${errorMessage(cause)}`, { cause });
    this.name = 'LookupError';
    this.unknownStock = cause instanceof UnknownStockError;
  }
}

const RECENT_LIMIT = 100;
const LOOKBACK_MONTHS = 12;
// Estimates are filed a few times a year: a stock's search and its newest filing's reading stay
// good for minutes, and twenty people asking at once cost one search and one reading.
const CACHE_MS = 10 * 60_000;
const CACHE_CAPACITY = 200;

export function createEstimateLookup({
  store,
  hkex,
  parse,
  now = () => new Date(),
}: EstimateLookupDeps): EstimateLookup {
  const readFiling = filingReader((url) => hkex.downloadPdf(url), parse);
  const landingsOf = (record: FilingRecord) => settledLandings(record, store.byStock);
  const asFiled = (record: FilingRecord): FiledEstimate | null =>
    record.estimate ? filedEstimate(record, store.reports(record.filing.id), landingsOf(record)) : null;
  const recent = new Map<string, FiledEstimate>();
  const remember = (item: FiledEstimate) => {
    recent.delete(item.filing.id);
    recent.set(item.filing.id, item);
    // Map keeps insertion order: the first key is the least recently shown.
    if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
    return item;
  };

  const searches = createMemo<Filing[]>(CACHE_MS, CACHE_CAPACITY, () => now().getTime());
  const readings = createMemo<FiledEstimate | null>(CACHE_MS, CACHE_CAPACITY, () => now().getTime());

  const estimateFilings = (code: string): Promise<Filing[]> => searches.get(code, () => searchFilings(code));

  const searchFilings = async (code: string): Promise<Filing[]> => {
    const to = now();
    const from = new Date(to);
    from.setUTCMonth(from.getUTCMonth() - LOOKBACK_MONTHS);
    const filings = await hkex.stockFilings(code, from, to).catch((err: unknown) => {
      throw new LookupError('searching HKEXnews', code, err);
    });
    return filings
      .filter((f) => kindOfTitle(f.title) !== null)
      .sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
  };

  const stockEstimates = (code: string) => store.byStock(code).filter((r) => r.isEstimate);

  return {
    stored(code) {
      for (const record of stockEstimates(code)) {
        const item = asFiled(record);
        if (item) return remember(item);
      }
      return null;
    },

    async search(code) {
      const [newest] = await estimateFilings(code);
      if (!newest) return null;
      const found = await readings.get(newest.id, async () => {
        // Both language versions, cross-checked, as the pipeline reads them: the same verdict here.
        const read = await readFiling(newest).catch((err: unknown) => {
          throw new LookupError(`reading filing ${newest.id}`, code, err);
        });
        return { filing: newest, estimate: read.estimate, twin: read.twin };
      });
      return found && remember({ ...found, reports: store.reports(newest.id) });
    },

    async history(code) {
      const stored = stockEstimates(code);
      if (stored.length > 0)
        return stored.map((r) => ({
          filing: r.filing,
          estimate: r.estimate,
          landing: landingsOf(r)?.[0] ?? null,
        }));
      return (await estimateFilings(code)).map((filing) => ({ filing, estimate: null, landing: null }));
    },

    find(filingId) {
      const record = store.get(filingId);
      const found = (record && asFiled(record)) ?? recent.get(filingId);
      // Reports made since it was looked up count too.
      return found && { ...found, reports: store.reports(filingId) };
    },
  };
}
