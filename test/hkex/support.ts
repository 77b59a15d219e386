import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { FeedCursor } from '../../src/hkex/filing.js';
import { createHkexClient, type HkexClient, type HkexClientOptions } from '../../src/hkex/index.js';
import { createLogger, type Log } from '../../src/log.js';
import { FakeHkex } from '../fakes/hkex.js';

// Shared by the HKEX client tests: the fake servers, a logger whose lines can be read back, a
// client with tiny timeouts, instant retries and unpaced feed pages, and a cursor over a set of known ids.

export interface FakeServers {
  /** Stands for HKEXnews: the base URL. */
  fake: FakeHkex;
  /** Another host, which must never receive a request. */
  foreign: FakeHkex;
}

/** Both fakes for the whole test file; after each test, asserts that the foreign host heard nothing. */
export function useFakeServers(): Readonly<FakeServers> {
  const servers = {} as FakeServers;
  beforeAll(async () => {
    [servers.fake, servers.foreign] = await Promise.all([FakeHkex.start(), FakeHkex.start()]);
  });
  afterEach(() => {
    expect(servers.foreign.requests).toEqual([]);
  });
  afterAll(() => Promise.all([servers.fake.close(), servers.foreign.close()]));
  return servers;
}

export interface CapturedLog {
  log: Log;
  /** Parsed log lines so far. */
  lines(): Record<string, unknown>[];
  /** Lines whose message contains `text`. */
  find(text: string): Record<string, unknown>[];
}

export function captureLog(): CapturedLog {
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      raw.push(String(chunk));
      done();
    },
  });
  const log = createLogger('debug', sink);
  const lines = () => raw.flatMap((r) => r.split('\n').filter(Boolean)).map((l) => JSON.parse(l));
  return { log, lines, find: (text) => lines().filter((l) => String(l.msg).includes(text)) };
}

export interface TestClient {
  client: HkexClient;
  logs: CapturedLog;
  /** Every delay a retry waited for (the wait itself is skipped). */
  waits: number[];
  /** Every pause between feed pages (the pause itself is skipped). */
  pageWaits: number[];
}

export function testClient(baseUrl: string, options: Partial<HkexClientOptions> = {}): TestClient {
  const logs = captureLog();
  const waits: number[] = [];
  const pageWaits: number[] = [];
  const client = createHkexClient({
    baseUrl,
    log: logs.log,
    timeouts: { connectMs: 500, headersMs: 150, bodyMs: 150 },
    ...options,
    feedPaging: {
      wait: async (ms) => {
        pageWaits.push(ms);
      },
      ...options.feedPaging,
    },
    retry: {
      maxRetries: 2,
      minDelayMs: 1,
      maxDelayMs: 4,
      wait: async (ms) => {
        waits.push(ms);
      },
      ...options.retry,
    },
  });
  return { client, logs, waits, pageWaits };
}

export function cursorOf(known: Iterable<string>, firstRun = false): FeedCursor & { asked: string[] } {
  const ids = new Set(known);
  const asked: string[] = [];
  return {
    firstRun,
    asked,
    isKnown(id) {
      asked.push(id);
      return ids.has(id);
    },
  };
}
