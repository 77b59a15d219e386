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

export type ReadFeedPage = (ref: FeedPageRef) => Promise<FeedPage>;

const BOARDS: readonly Board[] = ['sehk', 'gem'];

/** Filings the cursor does not know, paired, newest first. Rejects only when no board could be read. */
export async function readNewFilings(read: ReadFeedPage, cursor: FeedCursor, log: Log): Promise<Filing[]> {
  const results = await Promise.allSettled(BOARDS.map((board) => boardFilings(read, board, cursor, log)));
  const filings: Filing[] = [];
  const failures: unknown[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') filings.push(...result.value);
    else {
      failures.push(result.reason);
      log.error(
        { board: BOARDS[i], error: (result.reason as Error).message },
        'could not read the HKEXnews feed; its filings wait for the next poll',
      );
    }
  });
  if (failures.length === BOARDS.length) throw failures[0];
  // A stable sort keeps each board's feed order among filings released in the same minute.
  return filings.sort((a, b) => b.releasedAt.localeCompare(a.releasedAt));
}

async function boardFilings(
  read: ReadFeedPage,
  board: Board,
  cursor: FeedCursor,
  log: Log,
): Promise<Filing[]> {
  const english = new Map<string, Listing>();
  let closed = cursor.firstRun;
  for await (const page of feedPages(read, board, 'de', cursor.firstRun)) {
    for (const listing of page.listings) if (!english.has(listing.id)) english.set(listing.id, listing);
    if (page.listings.some((l) => cursor.isKnown(l.id))) {
      closed = true;
      break;
    }
  }
  if (!closed) log.warn({ board }, 'no known filing in the seven-day feed; anything older is beyond reach');
  const fresh = [...english.values()].filter((l) => !cursor.isKnown(l.id));
  const oldest = fresh.at(-1);
  if (!oldest) return [];
  const chinese = await listingsBackTo(read, board, oldest.releasedAt, cursor.firstRun);
  return pairListings(fresh, chinese).filter((f) => !isKnownFiling(f, (id) => cursor.isKnown(id)));
}

/** The Chinese feed's listings from the newest back to (and including) the minute `releasedAt`. */
async function listingsBackTo(read: ReadFeedPage, board: Board, releasedAt: string, firstPageOnly: boolean) {
  const listings: Listing[] = [];
  for await (const page of feedPages(read, board, 'dc', firstPageOnly)) {
    listings.push(...page.listings);
    const last = page.listings.at(-1);
    if (!last || last.releasedAt < releasedAt) break;
  }
  return listings;
}

/** A feed's pages in reading order: the latest window's, then the seven-day window's. */
async function* feedPages(read: ReadFeedPage, board: Board, lang: Lang, firstPageOnly: boolean) {
  for (const window of firstPageOnly ? ([1] as const) : ([1, 7] as const)) {
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page++) {
      const feedPage = await read({ board, lang, window, page });
      pageCount = firstPageOnly ? 1 : feedPage.pageCount;
      yield feedPage;
    }
  }
}
