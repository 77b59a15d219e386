import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import type { FeedPage, FeedPageRef, Lang } from './feed.js';
import type { Board, FeedCursor, Filing } from './filing.js';
import type { Listing } from './listing.js';
import { isKnownFiling, pairListings } from './pairing.js';

// Which filings are new since the last poll. Each board's English feed is read page by page,
// from the latest window into the seven-day one, until a page shows a filing the store knows:
// so downtime of up to a week loses nothing. The Chinese feed is read only when something is
// new, and only as far back as the oldest new filing. A board is delivered whole or not at all:
// delivering the newer half of a gap would make the older half look known next time.
// The page count is the feed's own word (maxNumOfFile), so each walk is capped and paced: a feed
// claiming a million pages costs a few requests and a warning. Like a gap older than the
// seven-day feed, a gap deeper than the cap is delivered as far as it was read.

export type ReadFeedPage = (ref: FeedPageRef) => Promise<FeedPage>;

export interface FeedPaging {
  /** Pages read per feed (board and language, both windows together) per poll. */
  maxPages: number;
  /** The pause before each further page of a walk, so that catching up is not a burst. */
  pageDelayMs: number;
  /** Pauses; tests pass one that records the delay and returns at once. */
  wait: (ms: number) => Promise<void>;
}

// A seven-day catch-up reads a handful of pages of a few hundred filings each: 20 leaves room.
export const DEFAULT_FEED_PAGING: FeedPaging = {
  maxPages: 20,
  pageDelayMs: 200,
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const BOARDS: readonly Board[] = ['sehk', 'gem'];

/** Filings the cursor does not know, paired, newest first. Rejects only when no board could be read. */
export async function readNewFilings(
  read: ReadFeedPage,
  cursor: FeedCursor,
  log: Log,
  paging: Partial<FeedPaging> = {},
): Promise<Filing[]> {
  const walk: Walk = { read, log, paging: { ...DEFAULT_FEED_PAGING, ...paging } };
  const results = await Promise.allSettled(BOARDS.map((board) => boardFilings(walk, board, cursor)));
  const filings: Filing[] = [];
  const failed: { board: Board; reason: unknown }[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') filings.push(...result.value);
    else failed.push({ board: BOARDS[i] as Board, reason: result.reason });
  });
  // Every board failing is the poll failing: its caller says so, once. One board failing is said here.
  if (failed.length === BOARDS.length) throw failed[0]?.reason;
  for (const { board, reason } of failed)
    log.warn(
      { board, error: errorMessage(reason) },
      'could not read the HKEXnews feed; its filings wait for the next poll',
    );
  // A stable sort keeps each board's feed order among filings released in the same minute.
  return filings.sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
}

interface Walk {
  read: ReadFeedPage;
  log: Log;
  paging: FeedPaging;
}

async function boardFilings(walk: Walk, board: Board, cursor: FeedCursor): Promise<Filing[]> {
  const english = new Map<string, Listing>();
  const walked = { capped: false };
  let closed = cursor.firstRun;
  for await (const page of feedPages(walk, board, 'de', cursor.firstRun, walked)) {
    for (const listing of page.listings) if (!english.has(listing.id)) english.set(listing.id, listing);
    if (page.listings.some((l) => cursor.isKnown(l.id))) {
      closed = true;
      break;
    }
  }
  // A capped walk has said so already.
  if (!closed && !walked.capped)
    walk.log.warn({ board }, 'no known filing in the seven-day feed; anything older is beyond reach');
  const fresh = [...english.values()].filter((l) => !cursor.isKnown(l.id));
  const oldest = fresh.at(-1);
  if (!oldest) return [];
  const chinese = await listingsBackTo(walk, board, oldest.releasedAt, cursor.firstRun);
  return pairListings(fresh, chinese).filter((f) => !isKnownFiling(f, (id) => cursor.isKnown(id)));
}

/** The Chinese feed's listings from the newest back to (and including) the minute `releasedAt`. */
async function listingsBackTo(walk: Walk, board: Board, releasedAt: string, firstPageOnly: boolean) {
  const listings: Listing[] = [];
  for await (const page of feedPages(walk, board, 'dc', firstPageOnly)) {
    listings.push(...page.listings);
    const last = page.listings.at(-1);
    if (!last || last.releasedAt < releasedAt) break;
  }
  return listings;
}

/**
 * A feed's pages in reading order: the latest window's, then the seven-day window's; paced, and
 * at most `maxPages` of them. Asked for a page past the cap, it logs a warning, sets `capped` on
 * `outcome` and ends: what was read stands, anything older waits for a later poll or is beyond reach.
 */
async function* feedPages(
  { read, log, paging }: Walk,
  board: Board,
  lang: Lang,
  firstPageOnly: boolean,
  outcome: { capped: boolean } = { capped: false },
): AsyncGenerator<FeedPage> {
  let pagesRead = 0;
  for (const window of firstPageOnly ? ([1] as const) : ([1, 7] as const)) {
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page++) {
      if (pagesRead >= paging.maxPages) {
        outcome.capped = true;
        log.warn(
          { board, lang, window, page, pageCount, maxPages: paging.maxPages },
          `stopped reading the feed at the cap of ${paging.maxPages} pages per poll; older filings on it are not read`,
        );
        return;
      }
      if (pagesRead > 0) await paging.wait(paging.pageDelayMs);
      const feedPage = await read({ board, lang, window, page });
      pagesRead++;
      pageCount = firstPageOnly ? 1 : feedPage.pageCount;
      yield feedPage;
    }
  }
}
