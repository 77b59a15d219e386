import type { RetryHandler } from 'undici';
import type { Log } from '../log.js';

// The policy behind undici's retry interceptor: which failures are transient, and how long to
// wait before the next attempt. undici runs the attempts; this only decides.

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number;
  /** Backoff before the first retry; it doubles with each further attempt, up to maxDelayMs. */
  minDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is honoured by not retrying now: the next poll comes later anyway. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  minDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

interface UndiciFailure {
  code?: string;
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined> | null;
}

/** Why a failure is worth another attempt ("HTTP 503", "UND_ERR_SOCKET"), or null when it is not. */
export function transientReason(err: Error): string | null {
  const { code, statusCode } = err as UndiciFailure;
  // undici reports a retryable status as UND_ERR_REQ_RETRY with the status attached.
  if (code === 'UND_ERR_REQ_RETRY')
    return statusCode && RETRY_STATUSES.has(statusCode) ? `HTTP ${statusCode}` : null;
  return code && RETRY_CODES.has(code) ? code : null;
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`, or null when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (!header) return null;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based): what the server asked for when it
 * sent Retry-After, else exponential backoff with jitter so that restarted bots do not retry in
 * step; null when the server asks for a longer pause than the policy will wait.
 */
export function retryDelay(
  attempt: number,
  retryAfter: number | null,
  policy: RetryPolicy,
  random: () => number,
): number | null {
  if (retryAfter !== null) return retryAfter <= policy.maxRetryAfterMs ? retryAfter : null;
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryRuntime {
  log: Log;
  /** Waits before a retry; tests pass one that records the delay and returns at once. */
  wait: (ms: number) => Promise<void>;
  random: () => number;
}

/** undici's `retry` callback for this policy, logging each retry with its URL. */
export function retryCallback(policy: RetryPolicy, runtime: RetryRuntime): RetryHandler.RetryCallback {
  return (err, { state, opts }, done) => {
    const url = `${String(opts.origin ?? '')}${opts.path}`;
    const reason = transientReason(err);
    if (reason === null || state.counter > policy.maxRetries) return done(err);
    const header = (err as UndiciFailure).headers?.['retry-after'];
    const asked = retryAfterMs(Array.isArray(header) ? header[0] : header, Date.now());
    const delayMs = retryDelay(state.counter, asked, policy, runtime.random);
    if (delayMs === null) {
      runtime.log.warn(
        { url, reason, retryAfterMs: asked },
        'HKEXnews asked for a long pause; not retrying now',
      );
      return done(err);
    }
    runtime.log.warn({ url, reason, attempt: state.counter, delayMs }, 'HKEXnews request failed; retrying');
    // A request aborted while it waits (its deadline passed) fails then, not after the wait.
    // undici hands the request's own options on, signal included, though its types leave it out.
    const { signal } = opts as { signal?: unknown };
    const aborts = signal instanceof AbortSignal ? signal : undefined;
    untilAborted(runtime.wait(delayMs), aborts).then(() => done(null), done);
  };
}

/** `waiting`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted(waiting: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return waiting;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    waiting.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
