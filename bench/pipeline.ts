import * as fsp from 'node:fs/promises';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { AlertSink } from '../src/alerts.js';
import type { Filing, HkexSource } from '../src/hkex/filing.js';
import { createLogger } from '../src/log.js';
import { createPipeline } from '../src/pipeline/pipeline.js';
import { openStore, type StoreFs, segmentsDir } from '../src/store/index.js';
import type { FilingRecord, PipelineStore } from '../src/store/types.js';
import { estimate, filing, metric } from '../test/pipeline/fakes.js';
import type { Row } from './row.js';

// One poll cycle's own cost against stores of growing size: a feed page of 500 items of which
// 3 are new estimates, parsed instantly, alerted to a sink that answers at once. The store's
// writes are timed apart, as they are the one cost meant to grow with the store; so are the
// bytes they write, for a poll with new filings and for an idle one, and the longest the event
// loop was held during the polls (the store's synchronous work: encoding, indexing).

const SIZES = [1_000, 10_000, 100_000, 1_000_000];
const FEED_SIZE = 500;
const NEW_PER_CYCLE = 3;
const CYCLES = 7;
/** About one filing in fifty is a profit estimate. */
const ESTIMATE_EVERY = 50;
export const START = Date.parse('2024-01-01T00:00:00Z');
/** 1M filings in 350 days: all within the store's 400-day retention. */
export const STEP_MS = 30_000;

export const ESTIMATE = estimate({
  metrics: [
    metric({
      name: 'net_profit_attributable',
      label: 'Net profit attributable to shareholders of the listed company',
      direction: 'increase',
      current: { low: '650000000', high: '750000000' },
      prior: '450000000',
      changePct: { low: '44.44', high: '66.67' },
    }),
  ],
  drivers: ['Sales of high-performance magnets grew.'],
});

export function filingAt(n: number): Filing {
  const code = String(n % 2_500).padStart(5, '0');
  return filing(String(10_000_000 + n), new Date(START + n * STEP_MS).toISOString(), {
    stockCodes: [code],
    stockNames: [`COMPANY ${code}`],
    title: n % ESTIMATE_EVERY === 0 ? 'PROFIT WARNING' : 'ANNOUNCEMENT - CONNECTED TRANSACTION',
  });
}

export function storedRecord(n: number): FilingRecord {
  const filing = filingAt(n);
  const isEstimate = n % ESTIMATE_EVERY === 0;
  return {
    filing,
    isEstimate,
    state: isEstimate ? 'posted' : 'seen',
    attempts: 0,
    error: null,
    retryAfter: null,
    estimate: isEstimate ? ESTIMATE : null,
    targets: isEstimate ? ['C0ALERTS'] : [],
    alerts: isEstimate ? [{ channel: 'C0ALERTS', ts: `17000${n}.000100` }] : [],
    revisionOf: null,
    seenAt: filing.releasedAt,
  };
}

/** HKEXnews' latest page as it stands with filing `newest()` the latest: the 500 before it. */
export function feedUpTo(newest: () => number): Pick<HkexSource, 'newFilings' | 'downloadPdf'> {
  return {
    async newFilings(cursor) {
      const feed = Array.from({ length: FEED_SIZE }, (_, i) => filingAt(newest() - i));
      return feed.filter((f) => !cursor.isKnown(f.id));
    },
    downloadPdf: async () => new Uint8Array(),
  };
}

/** Times every flush, so a cycle's own time can be told from its writes. */
function timedWrites(store: PipelineStore) {
  const timing = { ms: 0, count: 0 };
  const timed: PipelineStore = {
    ...store,
    flush: async () => {
      const t0 = performance.now();
      await store.flush();
      timing.ms += performance.now() - t0;
      timing.count++;
    },
  };
  return { timed, timing };
}

export const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** Node's file operations, counting the bytes written through them. */
function countingFs(): { fs: StoreFs; written: { bytes: number } } {
  const written = { bytes: 0 };
  const fs: StoreFs = {
    ...fsp,
    open: async (path, flags) => {
      const handle = await fsp.open(path, flags);
      const write = handle.writeFile.bind(handle);
      handle.writeFile = (data, options) => {
        written.bytes += Buffer.byteLength(String(data));
        return write(data, options);
      };
      return handle;
    },
  };
  return { fs, written };
}

async function measure(size: number, dir: string): Promise<Row[]> {
  const path = join(dir, `store-${size}.json`);
  const log = createLogger('error');
  const seed = await openStore(path, log);
  for (let n = 0; n < size; n++) seed.put(storedRecord(n));
  await seed.close();

  const { fs, written } = countingFs();
  const store = await openStore(path, log, { fs });
  const { timed, timing } = timedWrites(store);
  let newest = size - 1;
  let now = START + newest * STEP_MS;
  const hkex = feedUpTo(() => newest);
  let ts = 0;
  const alerts: AlertSink = {
    postAlert: async (channel) => ({ channel, ts: String(++ts) }),
    postFailure: async (channel) => ({ channel, ts: String(++ts) }),
    findAlert: async () => null,
  };
  const pipeline = createPipeline({
    store: timed,
    hkex,
    alerts,
    parse: async () => ESTIMATE,
    isProfitEstimate: () => true,
    config: { alertChannels: ['C0ALERTS'], backfillHours: 0 },
    log,
    now: () => new Date(now),
  });

  const own: number[] = [];
  const writes: number[] = [];
  const bytes: number[] = [];
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  stalls.enable();
  for (let c = 0; c < CYCLES; c++) {
    written.bytes = 0;
    newest += NEW_PER_CYCLE;
    now += NEW_PER_CYCLE * STEP_MS;
    timing.ms = 0;
    timing.count = 0;
    const t0 = performance.now();
    const result = await pipeline.runCycle();
    const total = performance.now() - t0;
    if (result.posted !== NEW_PER_CYCLE)
      throw new Error(`expected ${NEW_PER_CYCLE} alerts, got ${result.posted}`);
    own.push(total - timing.ms);
    writes.push(timing.ms / timing.count);
    bytes.push(written.bytes);
  }
  // An idle poll: the feed offers nothing new, a minute later.
  now += 60_000;
  written.bytes = 0;
  await pipeline.runCycle();
  const idleBytes = written.bytes;
  stalls.disable();
  await store.close();
  const onDisk = (await stat(path)).size + (await dirSize(segmentsDir(path)));
  const label = size >= 1_000_000 ? `${size / 1_000_000}M filings` : `${size / 1000}k filings`;
  return [
    { name: `pipeline cycle, ${label} (excl. writes)`, value: median(own).toFixed(2), unit: 'ms' },
    // Two per cycle that posts: the write before sending and the one at the end.
    { name: `pipeline store write, ${label}`, value: median(writes).toFixed(1), unit: 'ms' },
    {
      name: `bytes written by a poll with 3 new estimates, ${label}`,
      value: String(median(bytes)),
      unit: 'B',
    },
    { name: `bytes written by an idle poll, ${label}`, value: String(idleBytes), unit: 'B' },
    {
      name: `longest event-loop stall during the polls, ${label}`,
      value: (stalls.max / 1e6).toFixed(1),
      unit: 'ms',
    },
    { name: `store on disk, ${label}`, value: (onDisk / 1_048_576).toFixed(1), unit: 'MiB' },
  ];
}

async function dirSize(dir: string): Promise<number> {
  const names = await readdir(dir);
  const sizes = await Promise.all(names.map(async (n) => (await stat(join(dir, n))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

export async function benchPipeline(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'estimate-bot-bench-'));
  try {
    const rows: Row[] = [];
    for (const size of SIZES) rows.push(...(await measure(size, dir)));
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
