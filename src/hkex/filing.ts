// A filing as the rest of the bot sees it, whichever HKEXnews endpoint it came from.
// The English and Chinese versions of one announcement are one Filing.

export type Board = 'sehk' | 'gem';

export interface Filing {
  /** HKEXnews newsId of the English version (or of the only version), as a string. */
  id: string;
  /** newsId of the Chinese version when it is listed separately; FeedCursor.isKnown is asked about it too. */
  idZh?: string | null;
  board: Board;
  stockCodes: string[]; // five digits, e.g. "06680"
  stockNames: string[]; // HTML entities decoded
  title: string;
  titleZh: string | null;
  /** ISO instant (UTC), converted from HKT. */
  releasedAt: string;
  /** "Tier one - [Tier two]" text, possibly several joined. */
  category: string;
  t1Code: string | null;
  t2Code: string | null;
  /** Absolute URL on HKEX_BASE_URL's origin. */
  pdfUrl: string;
  pdfUrlZh: string | null;
}

/** What the pipeline knows when it asks for new filings. */
export interface FeedCursor {
  /** True when the store has already recorded this newsId (English or Chinese). */
  isKnown(id: string): boolean;
  /** An empty store: read only the first page of each latest feed, no gap recovery. */
  firstRun: boolean;
}

/** The HKEXnews adapter the pipeline and the slash command are given. */
export interface HkexSource {
  /** Filings not yet known, English and Chinese paired, newest first; pages back until the gap is closed. */
  newFilings(cursor: FeedCursor, signal?: AbortSignal): Promise<Filing[]>;
  /** The PDF's bytes; refuses URLs off HKEX_BASE_URL's origin, caps size and time. */
  downloadPdf(url: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** A stock's filings released between from and to (inclusive), newest first. */
  stockFilings(code: string, from: Date, to: Date): Promise<Filing[]>;
}
