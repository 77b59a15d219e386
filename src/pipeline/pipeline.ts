import { type AlertSink, sendAlert } from '../alerts.js';
import type { DeliveryQueue } from '../deliveries.js';
import { errorMessage as message } from '../errors.js';
import { filingReader, type ParseFiling, type ParseResults, resultsReader } from '../estimator.js';
import type { Filing, HkexSource } from '../hkex/filing.js';
import type { Log } from '../log.js';
import { landings, settles } from '../settle/landing.js';
import type { FilingRecord, PipelineStore } from '../store/types.js';
import { MAX_ATTEMPTS } from './backoff.js';
import { alertTargets, findRevised, findSettled, previousAlert, settledTargets } from './routing.js';
import {
  failedAttempt,
  isDue,
  missingAlerts,
  parsed,
  posted,
  posting,
  resultsRead,
  seen,
  withAlert,
} from './transitions.js';

// One poll cycle: fetch new filings → classify → download and parse → store → post → mark posted.
// Each step records its outcome in the store before the next; the store is written once at the
// end, and once before sending, so that a crash never loses nor repeats an alert: a filing is
// `posting` on disk before its message goes out, and on restart `reconcile` asks Slack
// (AlertSink.findAlert) whether the message went out before posting it. A first start's backfill
// asks too: an empty store may be one moved aside as corrupt, its alerts already in Slack.

/** What a filing's record says while its PDFs are being read; left on disk if the bot dies then. */
const INTERRUPTED = 'the bot stopped while reading this filing';

const CYCLE_DEADLINE_MS = 5 * 60_000;
const FOLD_BATCH = 1000;

/** Filings are forgotten this long after release. */
const HOUR_MS = 3_600_000;
const RETENTION_MS = 400 * 24 * HOUR_MS;

export interface PipelineDeps {
  store: PipelineStore;
  hkex: Pick<HkexSource, 'newFilings' | 'downloadPdf'>;
  alerts: AlertSink;
  /**
   * Replicas on one database: alerts are recorded as deliveries for any replica to send
   * (delivery-worker.ts) instead of sent here, and those sent are copied back into the records.
   */
  queue?: DeliveryQueue;
  parse: ParseFiling;
  isProfitEstimate: (filing: Filing) => boolean;
  /**
   * Results announcements, read for the actual figures of the estimates they settle and replied
   * in those estimates' threads. Without it, results are recorded like any other filing.
   */
  results?: {
    isResults: (filing: Filing) => boolean;
    parse: ParseResults;
  };
  config: {
    /** Channels that get every alert (SLACK_ALERT_CHANNEL). */
    alertChannels: readonly string[];
    /** On a first start, estimates released this recently are still alerted. */
    backfillHours: number;
    /** A cycle stops starting new work after this; what is left waits for the next (default 5 min). */
    cycleDeadlineMs?: number;
  };
  log: Log;
  now?: () => Date;
}

export interface CycleResult {
  /** 'skipped' when another cycle (or reconcile) was still running. */
  outcome: 'done' | 'skipped';
  /** New filings recorded. */
  seen: number;
  /** Estimates parsed. */
  estimates: number;
  /** Filings whose alerts all went out. */
  posted: number;
  /** Filings given up on after their last retry. */
  failed: number;
  /** Estimates recorded without an alert (first start, outside the backfill window). */
  silent: number;
  /** Results announcements that settled an estimate. */
  settled: number;
}

export interface Pipeline {
  /** Rejects when the feed cannot be read or the store cannot be written; the error says which. */
  runCycle(): Promise<CycleResult>;
  /**
   * At start: settles filings a crash left `posting`, asking Slack whether each alert went out.
   * Rejects when the store cannot be written.
   */
  reconcile(): Promise<void>;
}

const noCounts = (outcome: CycleResult['outcome']): CycleResult => ({
  outcome,
  seen: 0,
  estimates: 0,
  posted: 0,
  failed: 0,
  silent: 0,
  settled: 0,
});

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { store, hkex, alerts, queue, parse, isProfitEstimate, config, log } = deps;
  /** Results of a stock with an estimate in the store: worth reading, the estimate may be settled. */
  const isSettling = (filing: Filing): boolean =>
    deps.results?.isResults(filing) === true &&
    filing.stockCodes.some((code) => store.byStock(code).some((r) => r.isEstimate && r.estimate !== null));
  const clock = deps.now ?? (() => new Date());
  const download = (url: string, signal?: AbortSignal) => hkex.downloadPdf(url, signal);
  const readFiling = filingReader(download, parse);
  const readResultsOf = deps.results && resultsReader(download, deps.results.parse);
  const cycleDeadlineMs = config.cycleDeadlineMs ?? CYCLE_DEADLINE_MS;
  let busy = false;

  async function exclusive<T>(run: () => Promise<T>, skipped: T): Promise<T> {
    if (busy) return skipped;
    busy = true;
    try {
      return await run();
    } finally {
      busy = false;
    }
  }

  const latest = (r: FilingRecord) => store.get(r.filing.id) ?? r;
  /** The configured alert channels and those subscribed with `/estimate subscribe`. */
  const alertChannels = () => [...new Set([...config.alertChannels, ...store.subscriptions()])];

  /** Copies the deliveries sent since the last cycle into their filings' records. */
  async function foldDeliveries(): Promise<void> {
    if (!queue) return;
    for (;;) {
      const sent = await queue.unfolded(FOLD_BATCH);
      for (const d of sent) {
        const r = store.get(d.filingId);
        if (r && !r.alerts.some((a) => a.channel === d.channel))
          store.put(withAlert(r, { channel: d.channel, ts: d.ts }));
      }
      await store.flush();
      await queue.folded(sent);
      if (sent.length < FOLD_BATCH) return;
    }
  }
  /**
   * Filings recorded for alerting on a first start (backfill): their alerts may already be in
   * Slack, so each delivery asks first, on later cycles too while they are retried.
   */
  const backfilled = new Set<string>();
  /**
   * The first failure to post in Slack during a cycle (or reconcile), recorded as its error when
   * nothing else failed: an outage of Slack alone must show too.
   */
  let postFailure: string | null = null;

  /** Worded as the Slack sink words its own, which health.ts classes as 'slack_failed'. */
  function notePostFailure(filingId: string, channel: string, e: unknown): void {
    const text = message(e);
    const posting = `posting filing ${filingId} to ${channel} failed`;
    const reading = `reading ${channel} history for filing ${filingId} failed`;
    postFailure ??= text.startsWith(posting) || text.startsWith(reading) ? text : `${posting}: ${text}`;
  }

  function save(r: FilingRecord, counts: CycleResult): FilingRecord {
    store.put(r);
    if (r.state === 'posted') counts.posted++;
    if (r.state === 'failed') counts.failed++;
    if (r.state === 'posted' || r.state === 'failed' || !r.isEstimate) backfilled.delete(r.filing.id);
    return r;
  }

  /** Records the new filings, oldest first, so that revisions find what they revise. */
  function record(filings: Filing[], firstRun: boolean, now: Date, counts: CycleResult): void {
    // A first start after a damaged store was moved aside knows when the bot last ran: filings
    // released since then are alerted too (each after asking Slack), whatever BACKFILL_HOURS says.
    const lastRan = firstRun ? store.meta().lastPollAt : null;
    const backfillFrom = Math.min(
      now.getTime() - config.backfillHours * HOUR_MS,
      lastRan === null ? Number.POSITIVE_INFINITY : Date.parse(lastRan),
    );
    for (const filing of filings.toReversed()) {
      if (store.has(filing.id)) continue;
      const isEstimate = isProfitEstimate(filing);
      const isResults = !isEstimate && isSettling(filing);
      const silent = (isEstimate || isResults) && firstRun && Date.parse(filing.releasedAt) < backfillFrom;
      if (isEstimate && firstRun && !silent) backfilled.add(filing.id);
      store.put(seen(filing, isEstimate, silent, now, isResults));
      counts.seen++;
    }
  }

  /**
   * Downloads and parses the filing's PDFs (both language versions, cross-checked), linking the
   * estimate to the one it revises.
   */
  async function read(
    r: FilingRecord,
    now: Date,
    counts: CycleResult,
    signal?: AbortSignal,
  ): Promise<FilingRecord> {
    const { filing } = r;
    // A PDF that kills the process (memory, a hang) must not be read again at every start: the
    // attempt is on disk before the read, so a crash counts as a failed attempt, and a filing
    // that has stopped the bot more than it may is given up on without another read.
    if (r.error === INTERRUPTED && r.attempts + 1 >= MAX_ATTEMPTS) {
      return fail(r, `${INTERRUPTED} ${r.attempts} times; not read again`, now, counts);
    }
    // Retried at once after a restart (no backoff): only a read that keeps killing the bot is given up.
    store.put({ ...r, attempts: r.attempts + 1, error: INTERRUPTED });
    await store.flush();
    try {
      if (r.isResults) return await readResults(r, counts, signal);
      const reading = await readFiling(filing, signal);
      const { estimate } = reading;
      const revisionOf = estimate.kind ? findRevised(filing, estimate.period, store.byStock) : null;
      const next = save(parsed(r, reading, revisionOf), counts);
      if (next.isEstimate) counts.estimates++;
      if (next.isEstimate && next.silent) counts.silent++;
      return next;
    } catch (e) {
      return fail(r, `could not read filing ${filing.id}: ${message(e)}`, now, counts);
    }
  }

  /**
   * Reads a results announcement (its first language version, its first pages) and settles the
   * estimate of the same period, if the store has one; results settling none are not kept.
   */
  async function readResults(
    r: FilingRecord,
    counts: CycleResult,
    signal?: AbortSignal,
  ): Promise<FilingRecord> {
    const { filing } = r;
    if (!readResultsOf) return save(resultsRead(r, null, null), counts);
    const results = await readResultsOf(filing, signal);
    const estimate = results.kind ? findSettled(filing, (e) => settles(results, e), store.byStock) : null;
    const settled = estimate?.estimate
      ? { id: estimate.filing.id, landings: landings(estimate.estimate, results) }
      : null;
    if (settled) {
      counts.settled++;
      log.info(
        { filingId: filing.id, settles: settled.id, landings: settled.landings.length },
        'results settle an estimate',
      );
    }
    return save(resultsRead(r, results, settled), counts);
  }

  /** Fixes the channels of each parsed estimate (results: the threads of the estimate they settle); one with none to tell is done. */
  function startPosting(r: FilingRecord, counts: CycleResult): FilingRecord {
    const targets = r.isResults
      ? settledTargets(r.settles ? store.get(r.settles) : undefined)
      : alertTargets(r, alertChannels(), store.watchers, store.filter);
    return save(targets.length > 0 ? posting(r, targets) : posted(r), counts);
  }

  /**
   * Sends the alert to each target still without one. `verify` (for a filing already `posting`
   * before this attempt, or backfilled on a first start) first asks Slack whether an earlier
   * attempt's message went out; one found without its details thread gets it.
   */
  async function deliver(r: FilingRecord, verify: boolean, now: Date, counts: CycleResult): Promise<void> {
    if (queue) {
      // Enqueued again after a crash, a delivery already recorded is left as it is.
      const after = r.revisionOf ?? r.settles ?? null;
      await queue.enqueue(r.filing.id, missingAlerts(r), { kind: 'alert', after, verify });
      save(posted(r), counts);
      return;
    }
    let next = r;
    const errors: string[] = [];
    // Channels side by side: each workspace and channel has its own pacing, so a slow or
    // rate-limited one holds up only itself.
    const sent = await Promise.all(
      missingAlerts(r).map(async (channel) => {
        try {
          const previous = previousAlert(r, channel, store.get);
          const { ts, found } = await sendAlert(alerts, channel, r, previous, verify);
          log.info({ filingId: r.filing.id, channel, ts, found }, 'alert recorded');
          return { channel, ts };
        } catch (e) {
          // A workspace that uninstalled the app is not waited for: the alert is done without it.
          if (alerts.isGone?.(e))
            log.warn({ filingId: r.filing.id, channel, error: message(e) }, 'alert skipped');
          else {
            errors.push(`${channel}: ${message(e)}`);
            notePostFailure(r.filing.id, channel, e);
          }
          return null;
        }
      }),
    );
    for (const ref of sent) if (ref) next = withAlert(next, ref);
    if (errors.length > 0) await fail(next, `could not post: ${errors.join('; ')}`, now, counts);
    else save(posted(next), counts);
  }

  /** Counts a failed step; on the last one, says so once in the channels still without an alert. */
  async function fail(r: FilingRecord, error: string, now: Date, counts: CycleResult): Promise<FilingRecord> {
    let next = save(failedAttempt(r, error, now), counts);
    if (next.state !== 'failed') {
      log.warn(
        { filingId: r.filing.id, attempts: next.attempts, retryAfter: next.retryAfter, error },
        'step failed',
      );
      return next;
    }
    log.error({ filingId: r.filing.id, attempts: next.attempts, error }, 'gave up on filing');
    if (next.silent) return next;
    const channels =
      next.targets.length > 0
        ? missingAlerts(next)
        : alertTargets(next, alertChannels(), store.watchers, store.filter);
    if (queue) {
      await queue.enqueue(next.filing.id, channels, { kind: 'failure', after: null, verify: false });
      return next;
    }
    for (const channel of channels) {
      try {
        next = withAlert(next, await alerts.postFailure(channel, next));
      } catch (e) {
        log.error({ filingId: r.filing.id, channel, error: message(e) }, 'could not report the failure');
        notePostFailure(r.filing.id, channel, e);
      }
    }
    store.put(next);
    return next;
  }

  async function poll(now: Date): Promise<CycleResult> {
    const counts = noCounts('done');
    postFailure = null;
    // The cycle's deadline: the feed read and the downloads are cut at it, and no new step starts
    // after it. What is left is on disk as it stands and waits for the next cycle.
    const signal = AbortSignal.timeout(cycleDeadlineMs);
    await foldDeliveries();
    const firstRun = store.isEmpty();
    record(
      await hkex.newFilings({ isKnown: (id) => store.has(id), firstRun }, signal),
      firstRun,
      now,
      counts,
    );

    const work = store.unfinished().filter((r) => isDue(r, now));
    for (const r of work.filter((w) => w.state === 'seen')) {
      if (signal.aborted) break;
      await read(r, now, counts, signal);
    }

    const carried = new Set(work.filter((r) => r.state === 'posting').map((r) => r.filing.id));
    for (const r of work
      .map(latest)
      .filter((w) => (w.isEstimate || w.isResults) && w.state === 'parsed' && !w.silent)) {
      startPosting(r, counts);
    }
    const sending = work.map(latest).filter((w) => w.state === 'posting');
    // The required write before sending: nothing goes out unless the records that say `posting`
    // are on disk. A write that failed on an earlier cycle left the store dirty, so it is retried
    // here too, and if it fails again nothing is sent.
    if (sending.length > 0) await store.flush();

    for (const r of sending) {
      if (signal.aborted) break;
      const id = r.filing.id;
      await deliver(r, carried.has(id) || backfilled.has(id), now, counts);
    }
    if (signal.aborted) {
      log.warn(
        { deadlineMs: cycleDeadlineMs },
        'poll cycle reached its deadline; the rest waits for the next poll',
      );
    }

    store.prune(new Date(now.getTime() - RETENTION_MS).toISOString());
    store.setMeta({ lastPollAt: now.toISOString(), lastPollError: postFailure });
    await store.flush();
    return counts;
  }

  async function cycle(): Promise<CycleResult> {
    const now = clock();
    try {
      return await poll(now);
    } catch (e) {
      // Kept in memory for health checks; written by the next cycle that can write.
      store.setMeta({ lastPollAt: now.toISOString(), lastPollError: message(e) });
      throw e;
    }
  }

  async function settle(): Promise<void> {
    const now = clock();
    const counts = noCounts('done');
    postFailure = null;
    await foldDeliveries();
    const left = store.inState('posting');
    for (const r of left) await deliver(r, true, now, counts);
    if (postFailure) store.setMeta({ lastPollError: postFailure });
    await store.flush();
    if (left.length > 0)
      log.info({ posting: left.length, posted: counts.posted, failed: counts.failed }, 'reconciled');
  }

  return {
    runCycle: () => exclusive(cycle, noCounts('skipped')),
    reconcile: () => exclusive(settle, undefined),
  };
}
