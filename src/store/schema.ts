import { z } from 'zod';
import type { ChannelFilter } from '../channel-filter.js';
import type { FigureReport } from '../estimate.js';
import type { SeenEntry } from './compact.js';
import type { FilingRecord, StoreMeta } from './types.js';

// The store's shapes. The checks cover what the indexes and the pipeline rely on (ids, codes,
// times, states, alert refs); a file that fails them is treated as damaged.
//
// Up to version 4 the store was one file holding everything. From version 5 that file (the head)
// holds the watchlists, reports and poll state, and the filings are in monthly segments beside
// it (segments.ts); the data in memory is the same.

export const SCHEMA_VERSION = 5;
/** The last version that kept the filings in the store file itself. */
export const SINGLE_FILE_VERSION = 4;

/** The data as the store keeps it in memory. */
export interface StoreData {
  version: typeof SCHEMA_VERSION;
  /** Estimates, and filings not yet known not to be, keyed by filing id. */
  filings: Record<string, FilingRecord>;
  /** Filings known not to be estimates, kept compactly, keyed by filing id. */
  seen: Map<string, SeenEntry>;
  /** Channel id → watched stock codes. */
  watchlists: Record<string, string[]>;
  /** Users' reports of wrong figures, oldest first. */
  reports: FigureReport[];
  /** Channel id → what it gets beyond its watchlist. */
  filters: Record<string, ChannelFilter>;
  /** Channels subscribed with `/estimate subscribe`: they get every estimate their filter passes. */
  subscriptions: string[];
  /** Workspaces that installed the app (OAuth), by team id. */
  workspaces: Record<string, WorkspaceRecord>;
  meta: StoreMeta;
}

/** A workspace's installation (Bolt's Installation, kept as Bolt wrote it) and whether it still stands. */
export interface WorkspaceRecord {
  installation: unknown;
  installedAt: string;
  /** When Slack said the app was uninstalled or its token revoked; deliveries to it are skipped. */
  revokedAt: string | null;
  revokedBecause?: string | null;
}

/** What a head may leave out: fields added in version 5 after its first release. */
type LaterFields = 'filters' | 'subscriptions' | 'workspaces';

/** The store file from version 5: all but the filings (filters came later in version 5: optional). */
export type StoreHead = Omit<StoreData, 'filings' | 'seen' | LaterFields> &
  Partial<Pick<StoreData, LaterFields>>;

/** A version-4 file: the compact filings listed, as a Map has no JSON form. */
export type SingleFile = Omit<StoreData, 'seen' | 'version' | LaterFields> & {
  version: 4;
  seen: SeenEntry[];
};

export function emptyData(): StoreData {
  return {
    version: SCHEMA_VERSION,
    filings: {},
    seen: new Map(),
    watchlists: {},
    reports: [],
    filters: {},
    subscriptions: [],
    workspaces: {},
    meta: { lastPollAt: null, lastPollError: null },
  };
}

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expects an ISO instant');

const filing = z.looseObject({
  id: z.string().min(1),
  stockCodes: z.array(z.string()),
  title: z.string(),
  idZh: z.string().min(1).nullable().optional(),
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
  isResults: z.boolean().optional(),
  settles: z.string().nullable().optional(),
});

/** Filing records keyed by their own ids. */
export const filingsSchema = z
  .record(z.string(), record)
  .refine(
    (all) => Object.entries(all).every(([id, r]) => r.filing.id === id),
    'a filing is keyed by another id',
  );

const filingId = z.string().min(1);
const seenEntry = z.union([z.tuple([filingId, instant]), z.tuple([filingId, instant, filingId])]);

/** The first filing kept twice: compactly and in full, or compactly more than once. */
function keptTwice(filings: Record<string, unknown>, seen: SeenEntry[]): string | undefined {
  const ids = new Set(Object.keys(filings));
  for (const [id] of seen) {
    if (ids.has(id)) return id;
    ids.add(id);
  }
  return undefined;
}

const headFields = {
  watchlists: z.record(z.string(), z.array(z.string())),
  reports: z.array(
    z.object({
      filingId,
      field: z.string(),
      value: z.string(),
      note: z.string(),
      user: z.string(),
      at: instant,
    }),
  ),
  meta: z.looseObject({ lastPollAt: instant.nullable(), lastPollError: z.string().nullable() }),
};

const channelFilter = z.object({
  kinds: z.array(z.string()).nullable(),
  minChangePct: z.string().nullable(),
  boards: z.array(z.enum(['sehk', 'gem'])).nullable(),
});

export const headSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  ...headFields,
  filters: z.record(z.string(), channelFilter).optional(),
  subscriptions: z.array(z.string()).optional(),
  workspaces: z
    .record(z.string(), z.looseObject({ installation: z.unknown(), revokedAt: instant.nullable() }))
    .optional(),
});

export const singleFileSchema = z
  .object({
    version: z.literal(SINGLE_FILE_VERSION),
    filings: filingsSchema,
    seen: z.array(seenEntry),
    ...headFields,
  })
  .superRefine(({ filings, seen }, ctx) => {
    const twice = keptTwice(filings, seen);
    if (twice !== undefined)
      ctx.addIssue({ code: 'custom', path: ['seen'], message: `filing ${twice} is kept twice` });
  });
