import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import type { AlertSink } from '../alerts.js';
import { type Config, ConfigError } from '../config.js';
import { type DigestSink, digestRunner } from '../digest/run.js';
import { errorCode, errorMessage } from '../errors.js';
import { pdfEstimator, pdfResultsReader } from '../estimator.js';
import { createHkexClient, HkexError, isProfitEstimate, isResultsAnnouncement } from '../hkex/index.js';
import type { Log } from '../log.js';
import { createPdfExtractor } from '../pdf/extract.js';
import { createDeliveryWorker } from '../pipeline/delivery-worker.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { storeCharts } from '../slack/chart.js';
import { createTerminalAlertSink } from '../slack/terminal-sink.js';
import { beginOpeningStore, type FileStore, type OpeningStore, StoreIoError } from '../store/index.js';
import type { PostgresStore } from '../store/postgres.js';
import { HEALTH_PATH, type HealthStats, healthReport, healthRoute } from './health.js';
import { type Schedule, scheduleRuns } from './scheduler.js';

// The running bot: config → store → HKEX client → Slack (or the terminal) → schedule. The first
// cycle runs at start (on a shared database, once this replica leads; every replica sends
// deliveries); `stop` lets a running cycle finish (within the grace period), writes the store and
// closes every adapter.

/** Without a bot token, alerts go to the terminal: one pseudo channel stands for it. */
export const TERMINAL_CHANNEL = 'terminal';
const SHUTDOWN_GRACE_MS = 10_000;
const READERS = 2;
const HONG_KONG = 'Asia/Hong_Kong';

export interface RunningBot {
  /** The port serving /healthz (and /slack/events in HTTP mode). */
  port: number | null;
  /** Settles only if the bot can no longer run safely (a replica that lost its database session). */
  failed: Promise<Error>;
  stop(): Promise<void>;
}

/** How often a replica takes in the others' changes and, when none leads, tries to lead. */
const REPLICA_TICK_MS = 1000;

export async function startBot(config: Readonly<Config>, log: Log): Promise<RunningBot> {
  // The store file is locked and read here; its filings load while the port opens. PostgreSQL,
  // when configured, is opened (migrated, loaded, joined as one of its replicas) in the same place.
  const databaseUrl = config.databaseUrl;
  const opening: OpeningStore = databaseUrl
    ? // pg is loaded only when a database is used: the file store starts without its cost.
      { loaded: import('../store/postgres.js').then((m) => m.openPostgresStore(databaseUrl, log)) }
    : await beginOpeningStore(config.dbPath, log);
  // Nothing waits on a database store until the port is open: its failure is handled there.
  opening.loaded.catch(() => {});
  const stats: HealthStats = {
    state: 'starting',
    startedAt: new Date(),
    lastSuccessAt: null,
    lastError: null,
    filingsSeen: 0,
    alertsPosted: 0,
  };
  let schedule: Schedule | null = null;
  const health = healthRoute(() => healthReport(stats, schedule?.intervalMs ?? 60_000, new Date()));
  const hkex = createHkexClient({ baseUrl: config.hkexBaseUrl, log });
  // Two readers: a filing's English and Chinese PDFs are read side by side, and a lookup can be
  // read beside an alert. Each is a process capped in memory, so two stay well bounded.
  const extractor = createPdfExtractor({ threads: READERS });
  const parse = pdfEstimator(extractor);
  // /estimate reads PDFs with the same reader processes as alerts, behind them in the queue.
  const lookupParse = pdfEstimator(extractor, 'lookup');

  let store: FileStore | PostgresStore | null = null;
  let alerts: AlertSink & DigestSink;
  let alertChannels: readonly string[];
  let receiver: { port: number | null; stop(): Promise<void> } | null = null;
  /** After a cycle that posted: the App Home's refresh (Slack modes). */
  let afterAlerts: () => Promise<void> = async () => {};
  try {
    if (config.slack.botToken || config.slack.oauth) {
      store = await opening.loaded;
      // Bolt is loaded only when Slack is used: terminal mode starts without its cost.
      const { createSlackBot } = await import('../slack/app.js');
      const slack = createSlackBot(config, {
        store,
        hkex,
        parse: lookupParse,
        log,
        customRoutes: [health],
        // Charts are rendered in the PDF reader processes, which give their memory back.
        renderChart: extractor.renderChart,
      });
      alerts = slack.alerts;
      afterAlerts = slack.refreshHome;
      alertChannels = config.slack.alertChannels;
      const { port } = await slack.start();
      receiver = { port: port ?? config.port, stop: () => slack.stop() };
    } else {
      // /healthz answers "starting" while a large store loads.
      receiver = await serveHealthOnly(config.port, health);
      store = await opening.loaded;
      // Charts are written beside the store, their paths printed with the alerts.
      alerts = createTerminalAlertSink(process.stdout, {
        dir: join(dirname(config.dbPath), 'charts'),
        make: storeCharts(store, extractor.renderChart),
      });
      alertChannels = [TERMINAL_CHANNEL];
    }
  } catch (error) {
    await Promise.allSettled([
      hkex.close(),
      extractor.close(),
      receiver?.stop(),
      (store ?? (await opening.loaded.catch(() => null)))?.close(),
    ]);
    throw startupError(error, config);
  }
  stats.state = 'running';
  log.info(
    {
      mode: modeName(config),
      port: receiver.port,
    },
    'estimate-bot started',
  );

  // Replicas on one database: deliveries are rows any replica sends, and one replica leads.
  const opened: FileStore | PostgresStore = store;
  const shared = 'replica' in opened ? (opened as PostgresStore) : null;
  const pipeline = createPipeline({
    store,
    hkex,
    alerts,
    ...(shared && { queue: shared.deliveries }),
    parse,
    isProfitEstimate,
    results: { isResults: isResultsAnnouncement, parse: pdfResultsReader(extractor) },
    config: { alertChannels, backfillHours: config.backfillHours },
    log,
  });

  const cycle = async () => {
    try {
      // The leader polls with what the other replicas' commands changed (watchlists, filters).
      await shared?.refresh();
      const result = await pipeline.runCycle();
      if (result.outcome === 'skipped') return;
      stats.lastSuccessAt = new Date();
      // A cycle that read the feed but could not post (Slack down) succeeded as a poll, and
      // /healthz still says what went wrong, as it does for a failed poll: the last error seen.
      stats.lastError = store.meta().lastPollError ?? stats.lastError;
      stats.filingsSeen += result.seen;
      // Replicas count the deliveries each sends, not the filings the leader handed to them.
      if (!shared) stats.alertsPosted += result.posted;
      log.info(result, 'poll cycle done');
      if (result.posted > 0) void afterAlerts();
    } catch (error) {
      stats.lastError = errorMessage(error);
      // HKEXnews or the disk failing is an ordinary day: one line, no stack. Anything else is a bug.
      if (error instanceof HkexError || error instanceof StoreIoError)
        log.warn({ error: stats.lastError }, 'poll cycle failed; the next poll tries again');
      else log.error({ err: error }, 'poll cycle failed');
    }
  };

  let digests: Schedule | null = null;
  async function startPolling(): Promise<void> {
    await pipeline
      .reconcile()
      .catch((error) => log.error({ err: error }, 'reconciling unfinished alerts failed'));
    schedule = scheduleRuns(config.pollCron, cycle, log);
    void schedule.runNow();
    // The evening digest, per alert channel, read in Hong Kong time whatever the machine's zone.
    digests = config.digestCron
      ? scheduleRuns(
          config.digestCron,
          digestRunner({ store: opened, alerts, channels: alertChannels, log }),
          log,
          {
            name: 'digest',
            timezone: HONG_KONG,
          },
        )
      : null;
  }
  async function stopPolling(): Promise<boolean> {
    const [finished] = await Promise.all([
      schedule?.stop(SHUTDOWN_GRACE_MS),
      digests?.stop(SHUTDOWN_GRACE_MS),
    ]);
    return finished !== false;
  }

  let fail: (error: Error) => void = () => {};
  const failed = new Promise<Error>((resolve) => {
    fail = resolve;
  });
  const replicas = shared ? followReplicas(shared) : null;
  if (!shared) await startPolling();

  /**
   * Every replica sends deliveries and takes in the others' changes each tick; the one that wins
   * the leader's lock polls too. A replica whose session dies stops sending (its claims are no
   * longer its own) and says so, so that its supervisor restarts it.
   */
  function followReplicas(db: PostgresStore) {
    const worker = createDeliveryWorker({
      queue: db.deliveries,
      store: db,
      alerts,
      log,
      ...(alerts.isGone && { isGone: alerts.isGone }),
      onSent: () => {
        stats.alertsPosted++;
      },
    });
    worker.start();
    stats.role = 'follower';
    let timer: NodeJS.Timeout | null = null;
    let stopped = false;
    const tick = async () => {
      try {
        await db.refresh();
        // A follower's own work is taking in the leader's: that is what its health reports.
        if (stats.role === 'follower') stats.lastSuccessAt = new Date();
        if (stats.role === 'follower' && (await db.replica.lead())) {
          stats.role = 'leader';
          await startPolling();
        }
      } catch (error) {
        stats.lastError = errorMessage(error);
        log.warn({ error: stats.lastError }, 'the replica could not read the database; trying again');
      }
      if (!stopped) timer = setTimeout(tick, REPLICA_TICK_MS);
    };
    void tick();
    db.replica.onLost((error) => {
      stopped = true;
      if (timer) clearTimeout(timer);
      void worker.stop();
      void stopPolling();
      fail(new Error(`lost the database session: ${errorMessage(error)}`));
    });
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await worker.stop();
      },
    };
  }

  return {
    port: receiver.port,
    failed,
    async stop() {
      await replicas?.stop();
      if (!(await stopPolling()))
        log.warn('poll cycle still running at shutdown; its unsaved steps are redone at next start');
      await store.flush().catch((error) => log.error({ err: error }, 'writing the store at shutdown failed'));
      await Promise.allSettled([receiver.stop(), hkex.close(), extractor.close()]);
      await store.close().catch((error) => log.error({ err: error }, 'closing the store failed'));
      log.info('estimate-bot stopped');
    },
  };
}

function modeName({ slack }: Readonly<Config>): string {
  if (slack.oauth) return 'http, many workspaces';
  if (!slack.botToken) return 'terminal';
  return slack.appToken ? 'socket' : 'http';
}

async function serveHealthOnly(
  port: number,
  route: ReturnType<typeof healthRoute>,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === HEALTH_PATH) return route.handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A failure to start that a setting explains, as that setting's error, so the process prints one
 * line naming it and exits 2 (the tokens are checked where Slack answers, in slack/app.ts).
 */
function startupError(error: unknown, config: Readonly<Config>): unknown {
  const code = errorCode(error);
  if (code === 'EADDRINUSE')
    return new ConfigError('PORT', `${config.port} is already in use by another process`);
  if (code === 'EACCES') return new ConfigError('PORT', `${config.port} may not be opened by this user`);
  return error;
}
