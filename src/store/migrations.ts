import { z } from 'zod';
import type { Estimate } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import { isKeptCompact, seenEntry } from './compact.js';
import { CorruptStoreError } from './errors.js';
import { filingsSchema, SINGLE_FILE_VERSION } from './schema.js';
import type { FilingRecord, FilingState } from './types.js';

// Each migration lifts a file one schema version; `upgrade` chains them up to the current one.
// A migration checks its own input shape, so a damaged old file is caught as damaged.

/** Version 1: one stock code and at most one alert per filing, a status instead of states. */
const v1Schema = z.object({
  version: z.literal(1),
  filings: z.array(
    z.object({
      newsId: z.union([z.string(), z.number()]).transform(String),
      stockCode: z.string(),
      title: z.string(),
      releasedAt: z.string(),
      url: z.string(),
      status: z.enum(['new', 'alerted', 'error']),
      estimate: z.custom<Estimate | null>((v) => v === null || (typeof v === 'object' && 'kind' in v), {
        error: 'expects an estimate or null',
      }),
      alert: z.object({ channel: z.string(), ts: z.string() }).nullable(),
      error: z.string().nullable().optional(),
    }),
  ),
  watchlists: z.record(z.string(), z.array(z.string())),
  lastPollAt: z.string().nullable(),
});

export type V1Data = z.input<typeof v1Schema>;
type V1Filing = z.output<typeof v1Schema>['filings'][number];

const V1_STATES: Record<V1Filing['status'], (f: V1Filing) => FilingState> = {
  alerted: () => 'posted',
  error: () => 'failed',
  new: (f) => (f.estimate ? 'parsed' : 'seen'),
};

function recordFromV1(f: V1Filing): FilingRecord {
  const filing: Filing = {
    id: f.newsId,
    board: f.url.includes('/gem/') ? 'gem' : 'sehk',
    stockCodes: [f.stockCode],
    stockNames: [],
    title: f.title,
    titleZh: null,
    releasedAt: f.releasedAt,
    category: '',
    t1Code: null,
    t2Code: null,
    pdfUrl: f.url,
    pdfUrlZh: null,
  };
  return {
    filing,
    // Version 1 kept only what its classifier took for an estimate; the parsed kind corrects it.
    isEstimate: f.estimate ? f.estimate.kind !== null : true,
    state: V1_STATES[f.status](f),
    attempts: 0,
    error: f.status === 'error' ? (f.error ?? 'failed before schema version 2') : null,
    retryAfter: null,
    estimate: f.estimate,
    targets: f.alert ? [f.alert.channel] : [],
    alerts: f.alert ? [f.alert] : [],
    revisionOf: null,
    // Version 1 did not record when it first saw a filing; its release is the closest bound.
    seenAt: f.releasedAt,
  };
}

function fromV1(raw: unknown): unknown {
  const v1 = v1Schema.parse(raw);
  return {
    version: 2,
    filings: Object.fromEntries(v1.filings.map((f) => [f.newsId, recordFromV1(f)])),
    watchlists: v1.watchlists,
    meta: { lastPollAt: v1.lastPollAt, lastPollError: null },
  };
}

/** Version 2: every filing kept in full, estimate or not. */
const v2Schema = z.looseObject({ version: z.literal(2), filings: filingsSchema });

function fromV2(raw: unknown): unknown {
  v2Schema.parse(raw);
  // Checked above; the records themselves are kept whole, not as the check's parsed copy.
  const { filings, ...rest } = raw as { filings: Record<string, FilingRecord> };
  const records = Object.values(filings);
  const entries = (compact: boolean) => records.filter((r) => isKeptCompact(r) === compact);
  return {
    ...rest,
    version: 3,
    filings: Object.fromEntries(entries(false).map((r) => [r.filing.id, r])),
    seen: entries(true).map((r) => seenEntry(r.filing)),
  };
}

/**
 * Version 4: estimates carry a direction, each metric its evidence and confidence, and users'
 * reports of wrong figures are kept. An estimate
 * read by an earlier parser has neither evidence nor a confidence it earned, so its figures are
 * marked unsure rather than passed off as checked.
 */
const UNCHECKED = 'read by an earlier version of the parser, without evidence';

function fromV3(raw: unknown): unknown {
  const data = raw as { filings: Record<string, { estimate: Record<string, unknown> | null }> };
  const filings = Object.fromEntries(
    Object.entries(data.filings).map(([id, r]) => [
      id,
      r.estimate === null ? r : { ...r, estimate: withV4Fields(r.estimate) },
    ]),
  );
  return { ...data, version: 4, filings, reports: [] };
}

function withV4Fields(estimate: Record<string, unknown>): Record<string, unknown> {
  const metrics = Array.isArray(estimate.metrics) ? (estimate.metrics as Record<string, unknown>[]) : [];
  return {
    ...estimate,
    direction: estimate.direction ?? null,
    metrics: metrics.map((m) => ({
      ...m,
      direction: m.direction ?? null,
      evidence: m.evidence ?? { current: null, prior: null, changePct: null },
      confidence: m.confidence ?? { level: 'unsure', reasons: [UNCHECKED] },
    })),
  };
}

/** Migration from each old version to the next. */
const MIGRATIONS: Record<number, (raw: unknown) => unknown> = { 1: fromV1, 2: fromV2, 3: fromV3 };

/**
 * Lifts data of an older version to version 4, unchecked; from there the store moves the
 * filings out of the file into segments (index.ts), its data otherwise unchanged.
 */
export function upgrade(raw: unknown, version: number): unknown {
  let data = raw;
  for (let v = version; v < SINGLE_FILE_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate) throw new CorruptStoreError(`unknown schema version ${version}`);
    data = migrate(data);
  }
  return data;
}
