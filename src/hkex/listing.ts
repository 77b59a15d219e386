import { decodeHTML } from 'entities';
import type { z } from 'zod';
import type { Log } from '../log.js';
import type { Board } from './filing.js';
import { onOrigin } from './origin.js';
import { hktToIso } from './time.js';
import { describeIssue } from './validate.js';

// One language's entry for an announcement, whichever endpoint listed it. Pairing turns the
// English and Chinese listings of one announcement into one Filing.

export interface Listing {
  id: string;
  board: Board;
  stockCodes: string[];
  stockNames: string[];
  title: string;
  releasedAt: string;
  category: string;
  t1Code: string | null;
  t2Code: string | null;
  /** Absolute document URL on the base origin. */
  url: string;
}

/** A listing as an endpoint spells it, already shape-checked. */
export interface RawListing {
  id: string;
  board: Board;
  stockCodes: string[];
  stockNames: string[];
  title: string;
  /** dd/mm/yyyy HH:MM, Hong Kong time. */
  relTime: string;
  category: string;
  t1Code: string | null;
  t2Code: string | null;
  link: string;
}

export interface ListingContext {
  baseUrl: string;
  log: Log;
  /** The URL the listing came from, for the log. */
  source: string;
}

/** The normalised listing, or null (logged) when its time is not a real time or its link leaves the base origin. */
export function toListing(raw: RawListing, ctx: ListingContext): Listing | null {
  const url = onOrigin(ctx.baseUrl, raw.link);
  if (!url) {
    ctx.log.warn(
      { id: raw.id, link: raw.link, source: ctx.source },
      'refused a filing link off the HKEXnews origin',
    );
    return null;
  }
  const releasedAt = hktToIso(raw.relTime);
  if (!releasedAt) {
    ctx.log.warn(
      { id: raw.id, relTime: raw.relTime, source: ctx.source },
      'skipped a filing with an unreadable time',
    );
    return null;
  }
  return {
    id: raw.id,
    board: raw.board,
    stockCodes: raw.stockCodes.map(stockCode),
    stockNames: raw.stockNames.map((name) => decodeHTML(name).trim()),
    title: decodeHTML(raw.title).trim(),
    releasedAt,
    category: decodeHTML(raw.category).trim(),
    t1Code: raw.t1Code,
    t2Code: raw.t2Code,
    url: url.href,
  };
}

/**
 * Listings from an endpoint's items (`field` names the array, for the log): each is checked against
 * `schema` and normalised; a malformed or refused item is logged and skipped, so that one odd
 * filing cannot block the rest.
 */
export function listingsFrom<S extends z.ZodType>(
  items: readonly unknown[],
  field: string,
  schema: S,
  toRaw: (item: z.output<S>) => RawListing,
  ctx: ListingContext,
): Listing[] {
  return items.flatMap((item, index) => {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const problem = `${field}[${index}].${describeIssue(parsed.error)}`;
      ctx.log.warn({ url: ctx.source, problem }, 'skipped a malformed HKEXnews item');
      return [];
    }
    return toListing(toRaw(parsed.data), ctx) ?? [];
  });
}

/** Stock codes are five digits ("700" → "00700"); anything else is kept as sent. */
export function stockCode(code: string): string {
  const trimmed = code.trim();
  return /^\d{1,5}$/.test(trimmed) ? trimmed.padStart(5, '0') : trimmed;
}

/** A tier code, where HKEXnews writes "NaN" (or nothing) for none. */
export function tierCode(code: string | number | undefined | null): string | null {
  if (code === undefined || code === null) return null;
  const text = String(code).trim();
  return text === '' || text === 'NaN' ? null : text;
}
