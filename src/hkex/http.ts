import { Agent, type Dispatcher, interceptors } from 'undici';
import pkg from '../../package.json' with { type: 'json' };
import type { Log } from '../log.js';
import { ConditionalCache } from './conditional.js';
import { HkexError } from './errors.js';
import { onOrigin } from './origin.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryRuntime, retryCallback } from './retry.js';

// The one HTTP client of the HKEXnews adapter: one keep-alive agent, timeouts on every request,
// undici's retry interceptor driven by our policy, conditional requests, and an origin guard.
// Redirects are never followed, so a Location pointing at another host is never contacted.
// undici's own timeouts bound each wait (connect, headers, a silence in the body); a deadline
// bounds the whole request, since a body dripping a byte at a time never trips the body timeout.

export const USER_AGENT = `${pkg.name}/${pkg.version} (Slack alerts for HKEXnews profit estimates)`;

export interface HttpTimeouts {
  connectMs: number;
  /** Until the response headers arrive. */
  headersMs: number;
  /** Longest silence while the body streams. */
  bodyMs: number;
  /**
   * The whole request, from connecting to the body's last byte, retries included; a request may
   * ask for its own (the PDF download does).
   */
  deadlineMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 30_000,
  deadlineMs: 30_000,
};

export type RetryOptions = Partial<RetryPolicy & Omit<RetryRuntime, 'log'>>;

export interface HttpOptions {
  baseUrl: string;
  log: Log;
  timeouts?: Partial<HttpTimeouts>;
  retry?: RetryOptions;
  userAgent?: string;
}

export interface GetOptions {
  accept?: string;
  signal?: AbortSignal;
  /** This request's deadline instead of the client's `deadlineMs`. */
  deadlineMs?: number;
}

export interface ParsedGetOptions extends GetOptions {
  maxBytes?: number;
  /** For URLs polled again and again: send validators, keep the body for a 304. Default off. */
  conditional?: boolean;
}

export interface Http {
  /** Resolves a link on the base URL's origin; refuses (and logs) one that points elsewhere. */
  resolve(link: string): URL;
  /**
   * A 2xx response whose body the caller must consume; anything else is an HkexError. The deadline
   * runs on while the body is read: past it, reading the body fails with the deadline's HkexError.
   */
  open(url: string, options?: GetOptions): Promise<Dispatcher.ResponseData>;
  /**
   * The body as `read` makes of it. With `conditional`, a 304 replays the last body `read` accepted;
   * a body `read` rejects is never kept, so a bad response cannot be replayed.
   */
  getParsed<T>(url: string, read: (text: string) => T, options?: ParsedGetOptions): Promise<T>;
  /** Waits up to `graceMs` for requests under way, then cuts them. */
  close(graceMs?: number): Promise<void>;
}

const CLOSE_GRACE_MS = 5_000;
const TEXT_MAX_BYTES = 16 * 1024 * 1024;

export function createHttp(options: HttpOptions): Http {
  const { baseUrl, log } = options;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const { wait = sleep, random = Math.random, ...policy } = options.retry ?? {};
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
    // Longer than the one-minute poll, so each poll reuses the last poll's connection.
    keepAliveTimeout: 65_000,
  });
  const dispatcher = agent.compose(
    interceptors.retry({
      retry: retryCallback({ ...DEFAULT_RETRY_POLICY, ...policy }, { log, wait, random }),
    }),
  );
  const cache = new ConditionalCache();
  const underWay = requestsUnderWay();
  const userAgent = options.userAgent ?? USER_AGENT;

  function resolve(link: string): URL {
    const url = onOrigin(baseUrl, link);
    if (url) return url;
    log.warn({ link, baseUrl }, 'refused a link off the HKEXnews origin');
    throw new HkexError(`refused ${link}: not on ${new URL(baseUrl).origin}`, link);
  }

  /** The response, under a deadline that runs until its body is read or dropped. */
  async function send(url: string, headers: Record<string, string>, opts: GetOptions) {
    const target = resolve(url);
    const deadline = new Deadline(url, opts.deadlineMs ?? timeouts.deadlineMs, opts.signal);
    const done = underWay.start();
    try {
      const res = await dispatcher.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: { 'user-agent': userAgent, accept: opts.accept ?? '*/*', ...headers },
        signal: deadline.signal,
      });
      // Whether read to the end, dropped or destroyed, the body closes: the request is over.
      res.body.once('close', () => {
        deadline.clear();
        done();
      });
      return { res, deadline };
    } catch (err) {
      deadline.clear();
      done();
      throw deadline.explain(requestError(url, err));
    }
  }

  async function ensureOk(url: string, res: Dispatcher.ResponseData, deadline: Deadline) {
    if (res.statusCode >= 200 && res.statusCode < 300) return res;
    try {
      await res.body.dump();
    } catch (err) {
      throw deadline.explain(err);
    }
    throw statusError(url, res, log);
  }

  return {
    resolve,
    async open(url, opts = {}) {
      const { res, deadline } = await send(url, {}, opts);
      return ensureOk(url, res, deadline);
    },
    async getParsed(url, read, opts = {}) {
      const conditional = opts.conditional ?? false;
      const { res, deadline } = await send(url, conditional ? cache.requestHeaders(url) : {}, opts);
      let text: string;
      try {
        const kept = res.statusCode === 304 ? cache.replay(url) : undefined;
        if (kept !== undefined) {
          await res.body.dump();
          return read(kept);
        }
        await ensureOk(url, res, deadline);
        const bytes = await readCapped(res.body, opts.maxBytes ?? TEXT_MAX_BYTES, url);
        text = new TextDecoder().decode(bytes);
      } catch (err) {
        throw deadline.explain(err);
      } finally {
        deadline.clear();
      }
      const value = read(text);
      if (conditional) cache.remember(url, res.headers, text);
      return value;
    },
    // Requests under way get a grace period to finish; then whatever is left (a body still
    // dripping in, a connection that never answers) is cut, so it cannot hold up shutdown.
    // undici's close() would wait for them without end, and a destroy() after it cuts nothing.
    close: async (graceMs = CLOSE_GRACE_MS) => {
      await underWay.settled(graceMs);
      await agent.destroy();
    },
  };
}

/** The whole body, or an HkexError once it grows past `maxBytes` (the rest is never read). */
export async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, url: string) {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Leaving the loop destroys the body: the rest is never read.
      if (size > maxBytes) {
        throw new HkexError(`${url} is larger than the ${maxBytes}-byte cap`, url);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw err instanceof HkexError ? err : requestError(url, err);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

/**
 * A request's deadline: aborts it (connect, headers, retries or body, whichever is under way) once
 * `ms` have passed, so that its failure names the URL and the time allowed.
 */
class Deadline {
  readonly signal: AbortSignal;
  readonly #own = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly url: string,
    readonly ms: number,
    outer?: AbortSignal,
  ) {
    this.#timer = setTimeout(() => {
      this.#own.abort(
        new HkexError(
          `GET ${url} took longer than ${ms} ms (the deadline for connect, headers and body)`,
          url,
        ),
      );
    }, ms);
    // Nothing waits on the timer but this request, which holds its own socket open.
    this.#timer.unref();
    this.signal = outer ? AbortSignal.any([outer, this.#own.signal]) : this.#own.signal;
  }

  get expired(): boolean {
    return this.#own.signal.aborted;
  }

  /** The deadline's error once it has passed, whatever the abort surfaced as; else `err`. */
  explain(err: unknown): unknown {
    return this.expired ? this.#own.signal.reason : err;
  }

  clear(): void {
    clearTimeout(this.#timer);
  }
}

function requestError(url: string, err: unknown): HkexError {
  const { code, statusCode, message } = err as { code?: string; statusCode?: number; message?: string };
  const reason = statusCode ? `HTTP ${statusCode}` : [code, message].filter(Boolean).join(' ');
  return new HkexError(`GET ${url} failed: ${reason}`, url, { cause: err });
}

function statusError(url: string, res: Dispatcher.ResponseData, log: Log): HkexError {
  const location = res.headers.location;
  if (res.statusCode >= 300 && res.statusCode < 400 && location) {
    // Following would be the only way a request could leave the base origin, so nothing is followed.
    log.warn({ url, location, status: res.statusCode }, 'HKEXnews redirected; not following');
    return new HkexError(`GET ${url} redirected to ${String(location)}; redirects are not followed`, url);
  }
  return new HkexError(`GET ${url} failed: HTTP ${res.statusCode}`, url);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts requests from their start until their body closes, and waits, within a limit, for none. */
function requestsUnderWay() {
  let count = 0;
  let idle: (() => void) | null = null;
  return {
    start(): () => void {
      count++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        if (--count === 0) idle?.();
      };
    },
    async settled(limitMs: number): Promise<void> {
      if (count === 0) return;
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        idle = resolve;
        timer = setTimeout(resolve, limitMs);
      });
      clearTimeout(timer);
    },
  };
}
