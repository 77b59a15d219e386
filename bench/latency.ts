import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildIfStale } from '../scripts/build.mjs';
import { type BotProcess, startBotProcess } from '../test/e2e/support/bot-process.js';
import { type Announcement, estimateFiling, ordinaryFilings } from '../test/e2e/support/exchange.js';
import { filingOf, startWorld, type World } from '../test/e2e/support/setup.js';
import { waitFor } from '../test/e2e/support/wait.js';
import type { Row } from './row.js';

// The running bot (built, `node dist/app/main.js`, as `npm start` runs it, polling every second)
// against loopback HKEXnews and Slack: how long from an estimate appearing in the feed to its
// alert reaching Slack, and the bot's resident memory once 1,000 filings have gone through it,
// and again once its PDF reader processes have been idle long enough to end (30 s).
//
// Estimates arrive one every 2.2 s, among ordinary filings: just slower than the fastest rate the
// bot sustains in one channel, which posts at most one message a second per channel (Slack's
// limit) and spends two on an estimate (the alert and its thread). Faster arrivals would queue
// and the figure would measure the queue. The 0.2 s over two seconds also moves each arrival
// to another point between two polls, so the median covers the wait for the next poll fairly.

const ESTIMATES = 50;
const FILINGS = 1_000;
const BASELINE = 50;
const ESTIMATE_EVERY_MS = 2_200;
const ORDINARY_PER_ESTIMATE = (FILINGS - BASELINE - ESTIMATES) / ESTIMATES;
const FIRST_ID = 30_000_001;
const MIB = 1_048_576;
/** How long a PDF reader process stays after its last document (reader-pool.ts). */
const READERS_IDLE_MS = 30_000;

/** Slot i's filings: ordinary ones, then the estimate on top (a distinct stock and PDF path). */
function slot(i: number): { estimate: Announcement; ordinary: Announcement[] } {
  const base = FIRST_ID + 2 * (BASELINE + i * (ORDINARY_PER_ESTIMATE + 1));
  const ordinary = ordinaryFilings(base, ORDINARY_PER_ESTIMATE);
  const newsId = base + 2 * ORDINARY_PER_ESTIMATE;
  const fixture = estimateFiling(i % 2 === 0 ? 'jlMag' : 'tidewell', newsId);
  const code = String(3_000 + i).padStart(5, '0');
  return { estimate: { ...fixture, stock: { sc: code, sn: `ISSUER ${code}` } }, ordinary };
}

/** Nearest-rank percentile. */
function percentile(xs: readonly number[], p: number): number {
  const sorted = xs.toSorted((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** VmRSS and VmHWM (peak) of a process, in bytes, from /proc (Linux). */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const value = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
    if (!value) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(value) * 1024;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** The resident memory of a process's children (the PDF readers still running), in bytes. */
async function childrenRss(pid: number): Promise<number> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const pids = children.trim().split(/\s+/).filter(Boolean).map(Number);
  const sizes = await Promise.all(
    pids.map((p) =>
      memoryOf(p).then(
        (m) => m.rss,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Publishes the slots on schedule; resolves with when each estimate appeared in the feed. */
async function publishSlots(world: World): Promise<Map<string, number>> {
  const appeared = new Map<string, number>();
  const start = performance.now();
  for (let i = 0; i < ESTIMATES; i++) {
    await sleep(start + i * ESTIMATE_EVERY_MS - performance.now());
    const { estimate, ordinary } = slot(i);
    world.exchange.publish(...ordinary, estimate);
    appeared.set(String(estimate.newsId), performance.now());
  }
  return appeared;
}

/** When each filing's first message (its alert) reached Slack, stamped as it arrives. */
async function alertArrivals(world: World, bot: BotProcess, expected: number): Promise<Map<string, number>> {
  const arrived = new Map<string, number>();
  let read = 0;
  await waitFor(
    `${expected} alerts`,
    () => {
      const calls = world.slack.callsTo('chat.postMessage');
      for (const call of calls.slice(read)) {
        const id = filingOf(call.body);
        if (id && !arrived.has(id)) arrived.set(id, performance.now());
      }
      read = calls.length;
      return arrived.size >= expected ? true : undefined;
    },
    { timeoutMs: ESTIMATES * ESTIMATE_EVERY_MS + 30_000, intervalMs: 5, context: () => bot.output() },
  );
  return arrived;
}

export async function benchLatency(): Promise<Row[]> {
  const world = await startWorld('info');
  let bot: BotProcess | undefined;
  try {
    world.exchange.publish(...ordinaryFilings(FIRST_ID, BASELINE));
    buildIfStale();
    bot = await startBotProcess(world.settings, undefined, { built: true });
    await bot.nextPoll();
    const atStart = await memoryOf(bot.pid);

    const [appeared, arrived] = await Promise.all([
      publishSlots(world),
      alertArrivals(world, bot, ESTIMATES),
    ]);
    const health = await bot.nextPoll();
    if (health.filingsSeen !== FILINGS || health.alertsPosted !== ESTIMATES)
      throw new Error(
        `expected ${FILINGS} filings and ${ESTIMATES} alerts, /healthz says ${JSON.stringify(health)}`,
      );
    const after = await memoryOf(bot.pid);
    await sleep(READERS_IDLE_MS + 1_000);
    const settled = (await memoryOf(bot.pid)).rss + (await childrenRss(bot.pid));

    const latencies = [...appeared].map(([id, at]) => (arrived.get(id) ?? Number.NaN) - at);
    const label = `${ESTIMATES} estimates, 1 s poll`;
    return [
      {
        name: `alert latency, feed to Slack, median (${label})`,
        value: percentile(latencies, 50).toFixed(0),
        unit: 'ms',
      },
      {
        name: `alert latency, feed to Slack, p95 (${label})`,
        value: percentile(latencies, 95).toFixed(0),
        unit: 'ms',
      },
      {
        name: 'bot resident memory after its first poll (no PDF read yet)',
        value: (atStart.rss / MIB).toFixed(1),
        unit: 'MiB',
      },
      {
        name: `bot resident memory after ${FILINGS} filings`,
        value: (after.rss / MIB).toFixed(1),
        unit: 'MiB',
      },
      {
        name: `bot resident memory ${READERS_IDLE_MS / 1000 + 1} s after the last PDF (with any reader processes)`,
        value: (settled / MIB).toFixed(1),
        unit: 'MiB',
      },
      {
        name: `bot peak resident memory over ${FILINGS} filings`,
        value: (after.peak / MIB).toFixed(1),
        unit: 'MiB',
      },
    ];
  } finally {
    await bot?.stop();
    await world.close();
  }
}
