import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ErrorClass, errorClass } from '../errors.js';

// What GET /healthz reports: whether the bot is still starting (its store loading: the port opens
// first, so a supervisor sees a live process at once), the poller's last success and error, and
// how much it has done.
// Unhealthy (503) once no poll has succeeded for five polling intervals, counted from start-up
// until the first success. The port is public, so the last error is reported only as its class:
// the full message names hosts, URLs and file paths, and stays in the log.

export interface HealthStats {
  /** 'starting' until the store has loaded and polling begins. */
  state: 'starting' | 'running';
  startedAt: Date;
  lastSuccessAt: Date | null;
  lastError: string | null;
  filingsSeen: number;
  alertsPosted: number;
  /** With replicas on one database: whether this one polls. */
  role?: 'leader' | 'follower';
}

export interface HealthReport {
  status: 200 | 503;
  body: {
    ok: boolean;
    state: HealthStats['state'];
    lastSuccessfulPoll: string | null;
    lastError: ErrorClass | null;
    filingsSeen: number;
    alertsPosted: number;
    role?: HealthStats['role'];
  };
}

export const STALE_INTERVALS = 5;

export function healthReport(stats: HealthStats, intervalMs: number, now: Date): HealthReport {
  const since = stats.lastSuccessAt ?? stats.startedAt;
  const ok = now.getTime() - since.getTime() <= STALE_INTERVALS * intervalMs;
  return {
    status: ok ? 200 : 503,
    body: {
      ok,
      state: stats.state,
      lastSuccessfulPoll: stats.lastSuccessAt?.toISOString() ?? null,
      lastError: stats.lastError === null ? null : errorClass(stats.lastError),
      filingsSeen: stats.filingsSeen,
      alertsPosted: stats.alertsPosted,
      ...(stats.role && { role: stats.role }),
    },
  };
}

export const HEALTH_PATH = '/healthz';

/** GET /healthz as a route that Bolt's receivers and a plain node:http server can both serve. */
export function healthRoute(report: () => HealthReport) {
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler(_req: IncomingMessage, res: ServerResponse) {
      const { status, body } = report();
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    },
  };
}
