import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryAfterMs, retryDelay, transientReason } from '../../src/hkex/retry.js';

const policy = { ...DEFAULT_RETRY_POLICY, minDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };

function failure(fields: Record<string, unknown>): Error {
  return Object.assign(new Error('failed'), fields);
}

describe('retryDelay', () => {
  it('doubles with each attempt, jittered between half and all of the step', () => {
    expect([1, 2, 3].map((n) => retryDelay(n, null, policy, () => 0))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((n) => retryDelay(n, null, policy, () => 1))).toEqual([100, 200, 400]);
  });

  it('never waits longer than maxDelayMs', () => {
    expect(retryDelay(10, null, policy, () => 1)).toBe(1000);
  });

  it('waits what Retry-After asks, and refuses to wait longer than the policy allows', () => {
    expect(retryDelay(1, 3000, policy, () => 0)).toBe(3000);
    expect(retryDelay(1, 6000, policy, () => 0)).toBeNull();
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2024-01-12T09:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Fri, 12 Jan 2024 09:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 12 Jan 2024 08:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('transientReason', () => {
  it.each([429, 500, 502, 503, 504])('retries HTTP %i', (statusCode) => {
    expect(transientReason(failure({ code: 'UND_ERR_REQ_RETRY', statusCode }))).toBe(`HTTP ${statusCode}`);
  });

  it.each([
    'ECONNRESET',
    'UND_ERR_SOCKET',
    'UND_ERR_HEADERS_TIMEOUT',
    'UND_ERR_BODY_TIMEOUT',
    'UND_ERR_CONNECT_TIMEOUT',
  ])('retries %s', (code) => {
    expect(transientReason(failure({ code }))).toBe(code);
  });

  it('does not retry client errors, aborts or unknown failures', () => {
    expect(transientReason(failure({ code: 'UND_ERR_REQ_RETRY', statusCode: 404 }))).toBeNull();
    expect(transientReason(failure({ code: 'UND_ERR_ABORTED' }))).toBeNull();
    expect(transientReason(new Error('boom'))).toBeNull();
  });
});
