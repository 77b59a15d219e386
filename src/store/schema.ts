import { z } from 'zod';
import type { FilingRecord, StoreMeta } from './types.js';

// The store file's current shape. The check covers what the indexes and the pipeline rely on
// (ids, codes, times, states, alert refs); a file that fails it is treated as damaged.

export const SCHEMA_VERSION = 2;

export interface StoreData {
  version: typeof SCHEMA_VERSION;
  /** Keyed by filing id. */
  filings: Record<string, FilingRecord>;
  /** Channel id → watched stock codes. */
  watchlists: Record<string, string[]>;
  meta: StoreMeta;
}

export function emptyData(): StoreData {
  return {
    version: SCHEMA_VERSION,
    filings: {},
    watchlists: {},
    meta: { lastPollAt: null, lastPollError: null },
  };
}

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expects an ISO instant');

const filing = z.looseObject({
  id: z.string().min(1),
  stockCodes: z.array(z.string()),
  title: z.string(),
  releasedAt: instant,
  pdfUrl: z.string(),
});

const estimate = z.looseObject({
  period: z.looseObject({ end: z.string().nullable(), type: z.string() }),
});

const record = z.looseObject({
  filing,
  isEstimate: z.boolean(),
  state: z.enum(['seen', 'parsed', 'posting', 'posted', 'failed']),
  attempts: z.number().int().nonnegative(),
  error: z.string().nullable(),
  retryAfter: instant.nullable(),
  estimate: estimate.nullable(),
  targets: z.array(z.string()),
  alerts: z.array(z.object({ channel: z.string(), ts: z.string() })),
  revisionOf: z.string().nullable(),
  seenAt: instant,
  silent: z.boolean().optional(),
});

export const storeDataSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  filings: z
    .record(z.string(), record)
    .refine(
      (all) => Object.entries(all).every(([id, r]) => r.filing.id === id),
      'a filing is keyed by another id',
    ),
  watchlists: z.record(z.string(), z.array(z.string())),
  meta: z.object({ lastPollAt: instant.nullable(), lastPollError: z.string().nullable() }),
});
