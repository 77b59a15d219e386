import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HkexError } from '../../src/hkex/errors.js';
import { createHttp, DEFAULT_TIMEOUTS, type Http, readCapped, USER_AGENT } from '../../src/hkex/http.js';
import type { FakeHkex } from '../fakes/hkex.js';
import { type CapturedLog, captureLog, useFakeServers } from './support.js';

const PATH = '/ncms/json/eds/lcisehk1relsde_1.json';
const BODY = '{"maxNumOfFile":1,"newsInfoLst":[]}';

let fake: FakeHkex;
let foreign: FakeHkex;
let http: Http;
let logs: CapturedLog;
let waits: number[];

const servers = useFakeServers();

beforeEach(() => {
  ({ fake, foreign } = servers);
  fake.clearRequests();
  fake.useValidators('both');
  fake.addPdf(PATH, BODY, { contentType: 'application/json' });
  logs = captureLog();
  waits = [];
  http = createHttp({
    baseUrl: fake.url,
    log: logs.log,
    timeouts: { connectMs: 500, headersMs: 100, bodyMs: 100 },
    retry: {
      maxRetries: 2,
      minDelayMs: 1,
      maxDelayMs: 4,
      maxRetryAfterMs: 30_000,
      wait: async (ms) => void waits.push(ms),
    },
  });
});
afterEach(async () => {
  await http.close();
});

const text = (url = `${fake.url}${PATH}`) => http.getParsed(url, (t) => t, { conditional: true });

describe('requests', () => {
  it('name the bot and its version', async () => {
    await text();
    expect(fake.requests[0]?.headers['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^estimate-bot\/\d+\.\d+\.\d+ /);
  });

  it('reuse keep-alive connections', async () => {
    for (let i = 0; i < 4; i++) await text();
    await http.open(`${fake.url}${PATH}`).then((res) => res.body.dump());
    expect(fake.requests).toHaveLength(5);
    // Without keep-alive every request would come from a port of its own.
    expect(new Set(fake.requests.map((r) => r.remotePort)).size).toBeLessThan(3);
  });

  it('never leave the base origin, and log the refusal', async () => {
    await expect(text(`${foreign.url}${PATH}`)).rejects.toThrow(/refused .* not on/);
    await expect(http.open(`${foreign.url}/x.pdf`)).rejects.toThrow(/refused/);
    expect(() => http.resolve('//127.0.0.1:1/x')).toThrow(/refused/);
    expect(logs.find('off the HKEXnews origin')).toHaveLength(3);
    expect(fake.requests).toEqual([]);
  });
});

describe('conditional requests', () => {
  it.each(['etag', 'last-modified'] as const)(
    'send the %s validator back and replay the body on 304',
    async (kind) => {
      fake.useValidators(kind);
      expect(await text()).toBe(BODY);
      expect(await text()).toBe(BODY);
      const second = fake.requests[1]?.headers;
      if (kind === 'etag') expect(second?.['if-none-match']).toMatch(/^".+"$/);
      else expect(second?.['if-modified-since']).toMatch(/GMT$/);
      // The fake answered 304 only if the validator matched: a changed body must come through.
      fake.addPdf(PATH, '{"changed":true}', { contentType: 'application/json' });
      expect(await text()).toBe('{"changed":true}');
    },
  );

  it('are not conditional when the server sent no validators', async () => {
    fake.useValidators('none');
    await text();
    await text();
    expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
    expect(fake.requests[1]?.headers['if-modified-since']).toBeUndefined();
  });

  it('never keep a body the reader rejected', async () => {
    await expect(
      http.getParsed(
        `${fake.url}${PATH}`,
        () => {
          throw new Error('bad');
        },
        { conditional: true },
      ),
    ).rejects.toThrow('bad');
    expect(await text()).toBe(BODY);
    expect(fake.requests[1]?.headers['if-none-match']).toBeUndefined();
  });
});

// undici checks header and body timeouts on a coarse timer: the hang and stall cases cost about a second each.
describe('misbehaviour', () => {
  it.each([
    ['500', { kind: 'status', status: 500 }],
    ['503 with an HTML page', { kind: 'status', status: 503, html: true }],
    ['a reset connection', { kind: 'reset' }],
    ['a hung server (headers timeout)', { kind: 'hang' }],
  ] as const)('retries after %s, with a logged backoff', async (_name, trick) => {
    fake.misbehave(PATH, trick);
    expect(await text()).toBe(BODY);
    expect(fake.requestsTo(PATH)).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(logs.find('retrying')[0]).toMatchObject({ url: `${fake.url}${PATH}`, attempt: 1 });
  });

  it('backs off exponentially, then gives up with an error naming the URL and status', async () => {
    fake.misbehave(PATH, ...Array(3).fill({ kind: 'status', status: 503, html: true }));
    await expect(text()).rejects.toThrow(`GET ${fake.url}${PATH} failed: HTTP 503`);
    expect(fake.requestsTo(PATH)).toHaveLength(3);
    const [first, second] = waits as [number, number];
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBeGreaterThanOrEqual(first);
    expect(second).toBeLessThanOrEqual(4);
  });

  it('waits as long as a 429 Retry-After asks', async () => {
    fake.misbehave(PATH, { kind: 'status', status: 429, retryAfter: '7' });
    expect(await text()).toBe(BODY);
    expect(waits).toEqual([7000]);
  });

  it('does not retry now when Retry-After asks for longer than the policy waits', async () => {
    fake.misbehave(PATH, { kind: 'status', status: 429, retryAfter: '3600' });
    await expect(text()).rejects.toThrow('HTTP 429');
    expect(waits).toEqual([]);
    expect(logs.find('long pause')).toHaveLength(1);
  });

  it('resumes a stalled body with a Range request', async () => {
    fake.misbehave(PATH, { kind: 'stall' });
    expect(await text()).toBe(BODY);
    expect(fake.requestsTo(PATH)[1]?.headers.range).toBe(
      `bytes=${Math.floor(BODY.length / 2)}-${BODY.length - 1}`,
    );
  });

  it('does not retry a 404', async () => {
    await expect(text(`${fake.url}/missing.json`)).rejects.toThrow('HTTP 404');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not follow a redirect to another host, and logs it', async () => {
    fake.misbehave(PATH, { kind: 'redirect', location: `${foreign.url}${PATH}` });
    await expect(text()).rejects.toThrow(/redirected to .* not followed/);
    expect(logs.find('not following')[0]).toMatchObject({ location: `${foreign.url}${PATH}` });
  });

  it('caps a text body', async () => {
    await expect(http.getParsed(`${fake.url}${PATH}`, (t) => t, { maxBytes: 10 })).rejects.toThrow(
      /larger than the 10-byte cap/,
    );
  });
});

// A body that drips in a byte at a time is never silent long enough for undici's body timeout:
// only the deadline over the whole request stops it.
describe('the deadline', () => {
  const URL_ = () => `${fake.url}${PATH}`;
  let timed: Http;
  let slowWaits: number[];

  /** A client whose only limit that can fire is a 150 ms deadline; `wait` for its retries. */
  function withDeadline(wait?: (ms: number) => Promise<void>) {
    slowWaits = [];
    timed = createHttp({
      baseUrl: fake.url,
      log: logs.log,
      timeouts: { connectMs: 10_000, headersMs: 10_000, bodyMs: 10_000, deadlineMs: 150 },
      retry: {
        maxRetries: 2,
        minDelayMs: 1,
        maxDelayMs: 4,
        wait: wait ?? (async (ms) => void slowWaits.push(ms)),
      },
    });
    return timed;
  }
  afterEach(async () => {
    await timed?.close();
  });

  it('defaults to 30 s for every request', () => {
    expect(DEFAULT_TIMEOUTS.deadlineMs).toBe(30_000);
  });

  it('stops a body dripping in a byte at a time, naming the URL and the time allowed', async () => {
    // 36 bytes at one per 25 ms: 900 ms in all, never more than 25 ms silent.
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 25 });
    const started = Date.now();
    const failure = withDeadline().getParsed(URL_(), (t) => t);
    await expect(failure).rejects.toThrow(`GET ${URL_()} took longer than 150 ms`);
    await expect(failure).rejects.toBeInstanceOf(HkexError);
    expect(Date.now() - started).toBeLessThan(600);
    // A deadline is not a transient failure: nothing is retried.
    expect(fake.requestsTo(PATH)).toHaveLength(1);
    expect(slowWaits).toEqual([]);
  });

  it('holds while the caller reads the body of an open response', async () => {
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 25 });
    const res = await withDeadline().open(URL_());
    await expect(readCapped(res.body, 1000, URL_())).rejects.toThrow(`GET ${URL_()} took longer than 150 ms`);
  });

  it('takes a per-request deadline over the client one', async () => {
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 25 });
    await expect(withDeadline().getParsed(URL_(), (t) => t, { deadlineMs: 60 })).rejects.toThrow(
      'took longer than 60 ms',
    );
  });

  it('covers the wait before a retry', async () => {
    fake.misbehave(PATH, { kind: 'status', status: 503 });
    const started = Date.now();
    const client = withDeadline(() => new Promise((resolve) => setTimeout(resolve, 2_000).unref()));
    await expect(client.getParsed(URL_(), (t) => t)).rejects.toThrow(`GET ${URL_()} took longer than 150 ms`);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(fake.requestsTo(PATH)).toHaveLength(1);
  });

  it('does not touch a request that ends in time, nor the next one on its connection', async () => {
    const client = withDeadline();
    expect(await client.getParsed(URL_(), (t) => t)).toBe(BODY);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await client.getParsed(URL_(), (t) => t)).toBe(BODY);
    const res = await client.open(URL_());
    expect(await res.body.text()).toBe(BODY);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await client.getParsed(URL_(), (t) => t)).toBe(BODY);
    // Past every earlier request's deadline, the last one still reuses a kept-alive connection.
    const ports = fake.requests.map((r) => r.remotePort);
    expect(ports.slice(0, -1)).toContain(ports.at(-1));
  });
});

describe('closing', () => {
  it('cuts a request still under way once the grace period is over, so shutdown cannot hang', async () => {
    // A body dripping for 3.6 s, with no limit that would fire before it ends.
    fake.misbehave(PATH, { kind: 'drip', intervalMs: 100 });
    const slow = createHttp({
      baseUrl: fake.url,
      log: logs.log,
      timeouts: { connectMs: 10_000, headersMs: 10_000, bodyMs: 10_000, deadlineMs: 60_000 },
      retry: { maxRetries: 0, minDelayMs: 1, maxDelayMs: 1 },
    });
    const pending = slow.getParsed(`${fake.url}${PATH}`, (t) => t);
    pending.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await slow.close(100);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(pending).rejects.toThrow();
  });
});
