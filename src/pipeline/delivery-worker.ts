import { type AlertSink, sendAlert } from '../alerts.js';
import type { Delivery, DeliveryQueue } from '../deliveries.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import type { FilingRecord, Store } from '../store/types.js';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff.js';
import { previousAlert } from './routing.js';

// Every replica sends deliveries (deliveries.ts): it claims a batch, sends each target's in order
// and the targets side by side, so a workspace that is slow or rate-limited (each has its own
// client and pacing, see slack/workspaces.ts) holds up only its own. A delivery whose workspace is
// gone is skipped; any other failure is retried with the pipeline's backoff, asking Slack first.

/** Deliveries under way at once, per replica. */
const BATCH = 500;
const IDLE_MS = 500;
/** A record this replica has not taken in yet: asked for again shortly, not counted as a failure. */
const UNSEEN_RETRY_MS = 1000;
/** Recording a sent delivery is tried this often, this far apart. */
const RECORD_ATTEMPTS = 3;
const RECORD_RETRY_MS = 1000;
/** Revision chains are short; this bounds a damaged one. */
const MAX_CHAIN = 50;

export interface DeliveryWorkerDeps {
  queue: DeliveryQueue;
  store: Pick<Store, 'get'> & { refresh(): Promise<void> };
  alerts: AlertSink;
  log: Log;
  /** True for a failure meaning the target's workspace uninstalled the app or revoked its token. */
  isGone?: (error: unknown) => boolean;
  /** Called for each delivery sent (and recorded), e.g. to count it. */
  onSent?: (d: Delivery) => void;
  batch?: number;
  idleMs?: number;
}

export interface DeliveryWorker {
  /** Claims and sends one batch; resolves with how many were claimed. */
  runOnce(): Promise<number>;
  /** Runs batches until stopped: at once while there is work, every `idleMs` when there is none. */
  start(): void;
  /** Lets the batch under way finish. */
  stop(): Promise<void>;
}

/** A promise and its resolver (Promise.withResolvers, which Node 20 lacks). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export function createDeliveryWorker(deps: DeliveryWorkerDeps): DeliveryWorker {
  const { queue, store, alerts, log } = deps;
  const batch = deps.batch ?? BATCH;

  /** The record as this replica knows it, with the alerts sent for it that its record lacks yet. */
  async function withSent(ids: string[]): Promise<(id: string) => FilingRecord | undefined> {
    const sent = await queue.alertsOf(ids);
    return (id) => {
      const r = store.get(id);
      if (!r) return undefined;
      const extra = sent.filter(
        (d) => d.filingId === id && !r.alerts.some((a) => a.channel === d.channel && a.ts === d.ts),
      );
      return extra.length === 0
        ? r
        : { ...r, alerts: [...r.alerts, ...extra.map(({ channel, ts }) => ({ channel, ts }))] };
    };
  }

  /** The ids of the estimates `r` revises or settles, back to the first of the chain. */
  function chainOf(r: FilingRecord): string[] {
    const ids: string[] = [];
    for (let id = r.revisionOf ?? r.settles ?? null; id && ids.length < MAX_CHAIN && !ids.includes(id); ) {
      ids.push(id);
      id = store.get(id)?.revisionOf ?? null;
    }
    return ids;
  }

  async function send(d: Delivery, record: FilingRecord): Promise<string> {
    if (d.kind === 'failure') {
      const found = d.verify ? await alerts.findAlert(d.target, d.filingId) : null;
      return found ?? (await alerts.postFailure(d.target, record)).ts;
    }
    const chain = chainOf(record);
    const previous = chain.length > 0 ? previousAlert(record, d.target, await withSent(chain)) : undefined;
    return (await sendAlert(alerts, d.target, record, previous, d.verify)).ts;
  }

  async function deliver(d: Delivery): Promise<void> {
    const record = store.get(d.filingId);
    if (!record) {
      await queue.retry(d, `filing ${d.filingId} is not in this replica's store yet`, UNSEEN_RETRY_MS);
      return;
    }
    let ts: string;
    try {
      ts = await send(d, record);
    } catch (e) {
      await failed(d, e);
      return;
    }
    await recordSent(d, ts);
    log.info({ filingId: d.filingId, channel: d.target, ts, verified: d.verify }, 'delivery sent');
    deps.onSent?.(d);
  }

  async function failed(d: Delivery, e: unknown): Promise<void> {
    const error = errorMessage(e);
    if (deps.isGone?.(e)) {
      await queue.end(d, 'skipped', error);
      log.warn({ filingId: d.filingId, channel: d.target, error }, 'delivery skipped: the workspace is gone');
    } else if (d.attempts >= MAX_ATTEMPTS) {
      await queue.end(d, 'failed', error);
      log.error(
        { filingId: d.filingId, channel: d.target, attempts: d.attempts, error },
        'gave up on delivery',
      );
    } else {
      const delayMs = retryDelayMs(d.attempts);
      await queue.retry(d, error, delayMs);
      log.warn({ filingId: d.filingId, channel: d.target, retryInMs: delayMs, error }, 'delivery failed');
    }
  }

  /**
   * Records a sent delivery, trying again while the database is briefly away. Failing that, the
   * row stays `posting` under this replica's key until it stops, and is then found in Slack.
   */
  async function recordSent(d: Delivery, ts: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await queue.posted(d, ts);
        return;
      } catch (e) {
        if (attempt >= RECORD_ATTEMPTS) {
          log.error(
            { filingId: d.filingId, channel: d.target, ts, error: errorMessage(e) },
            'a delivery went out but could not be recorded; it is checked against Slack when this replica stops',
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RECORD_RETRY_MS));
      }
    }
  }

  /** Deliveries under way, each target's one after another; targets side by side. */
  const tails = new Map<string, Promise<void>>();
  let inFlight = 0;
  /** Resolves when a delivery under way ends (room to claim more, or one unblocked). */
  let ended = signal();

  function dispatch(d: Delivery): Promise<void> {
    inFlight++;
    const done = (tails.get(d.target) ?? Promise.resolve())
      .then(() => deliver(d))
      .catch((e: unknown) =>
        log.error({ err: e, filingId: d.filingId, channel: d.target }, 'recording a delivery failed'),
      )
      .finally(() => {
        inFlight--;
        if (tails.get(d.target) === done) tails.delete(d.target);
        ended.resolve();
        ended = signal();
      });
    tails.set(d.target, done);
    return done;
  }

  async function claimAndDispatch(limit: number): Promise<Promise<void>[]> {
    const claimed = await queue.claim(limit);
    if (claimed.some((d) => !store.get(d.filingId))) await store.refresh();
    return claimed.map(dispatch);
  }

  async function runOnce(): Promise<number> {
    const sent = await claimAndDispatch(batch);
    await Promise.all(sent);
    return sent.length;
  }

  /**
   * Keeps up to `batch` deliveries under way, claiming more as each ends rather than batch by
   * batch, so that no workspace's slow delivery (a 429 waited out) holds up the ones after it.
   */
  async function pump(): Promise<void> {
    while (!stopped) {
      const room = batch - inFlight;
      let claimed = 0;
      if (room > 0) {
        try {
          claimed = (await claimAndDispatch(room)).length;
        } catch (e) {
          log.warn({ error: errorMessage(e) }, 'claiming deliveries failed; trying again shortly');
        }
      }
      if (stopped) break;
      if (room > 0 && claimed === room) continue;
      // Nothing more due, or no room: wait for a delivery to end, or a while.
      await wait(deps.idleMs ?? IDLE_MS);
    }
    await Promise.all(tails.values());
  }

  let running: Promise<void> | null = null;
  let stopped = true;
  const waiting = new Set<() => void>();

  /**
   * Resolves after `ms`, when a delivery under way ends, or on stop. Only while one is under way
   * does it wait on `ended`, which is then sure to settle: an idle worker piles up no handlers.
   */
  function wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiting.add(done);
      if (inFlight > 0) void ended.promise.then(done);
    });
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      running = pump();
    },
    async stop() {
      stopped = true;
      for (const done of [...waiting]) done();
      await running;
    },
  };
}
