import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type HealthStats, healthReport, healthRoute } from '../../src/app/health.js';
import { type ErrorClass, errorClass } from '../../src/errors.js';

const MINUTE = 60_000;
const FEED = 'https://www1.hkexnews.hk/ncms/json/eds/lcisehk1relsde_1.json';
const STORE = '/srv/estimate-bot/data/estimate-bot.json';
const start = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const stats = (patch: Partial<HealthStats> = {}): HealthStats => ({
  state: 'running',
  startedAt: start,
  lastSuccessAt: null,
  lastError: null,
  filingsSeen: 0,
  alertsPosted: 0,
  ...patch,
});

describe('healthReport', () => {
  it('is healthy while no poll has succeeded for less than five intervals since start', () => {
    expect(healthReport(stats(), MINUTE, at(5)).status).toBe(200);
    expect(healthReport(stats(), MINUTE, at(5.01)).status).toBe(503);
  });

  it('counts five intervals from the last successful poll', () => {
    const s = stats({
      lastSuccessAt: at(10),
      lastError: `GET ${FEED} failed: HTTP 503`,
      filingsSeen: 42,
      alertsPosted: 3,
    });
    expect(healthReport(s, MINUTE, at(14))).toEqual({
      status: 200,
      body: {
        ok: true,
        state: 'running',
        lastSuccessfulPoll: '2026-01-01T00:10:00.000Z',
        lastError: 'hkex_unreachable',
        filingsSeen: 42,
        alertsPosted: 3,
      },
    });
    expect(healthReport(s, MINUTE, at(16)).status).toBe(503);
    expect(healthReport(s, 30_000, at(13)).body.ok).toBe(false);
  });

  it('says the bot is starting while its store loads', () => {
    expect(healthReport(stats({ state: 'starting' }), MINUTE, at(0)).body).toMatchObject({
      ok: true,
      state: 'starting',
    });
  });
});

describe('errorClass', () => {
  const cases: [string, ErrorClass][] = [
    [`GET ${FEED} failed: HTTP 503`, 'hkex_unreachable'],
    [`GET ${FEED} failed: ECONNREFUSED connect ECONNREFUSED 10.0.0.7:443`, 'hkex_unreachable'],
    [
      `GET ${FEED} took longer than 30000 ms (the deadline for connect, headers and body)`,
      'hkex_unreachable',
    ],
    [`HKEXnews sent an HTML page instead of JSON from ${FEED}`, 'hkex_bad_response'],
    [`HKEXnews feed at ${FEED} has an unexpected shape: newsInfoLst: Required`, 'hkex_bad_response'],
    [`GET ${FEED} redirected to https://evil.example/; redirects are not followed`, 'hkex_bad_response'],
    [`${FEED} is larger than the 5000000-byte cap`, 'hkex_bad_response'],
    [`could not write store file ${STORE}: ENOSPC: no space left on device`, 'store_write_failed'],
    ['posting filing 11234567 to C0123 failed: An API error occurred: not_in_channel', 'slack_failed'],
    ['An API error occurred: invalid_auth', 'slack_failed'],
    // Unrecognised wording, or a known phrase anywhere but at the start, says nothing more.
    [`TypeError: cannot read properties of undefined (reading 'x') at ${STORE}`, 'error'],
    [`unexpected: could not write store file ${STORE}`, 'error'],
    ['', 'error'],
  ];
  it.each(cases)('classifies %j as %s', (message, expected) => {
    expect(errorClass(message)).toBe(expected);
  });
});

describe('healthRoute', () => {
  it('never serves the error message itself: no host, URL, address or path', async () => {
    const secretive = [
      `could not write store file ${STORE}: EACCES: permission denied, open '${STORE}.tmp'`,
      `GET ${FEED} failed: ECONNREFUSED connect ECONNREFUSED 10.0.0.7:443`,
      `something broke in /home/bot/estimate-bot/src/pipeline.ts`,
    ];
    for (const lastError of secretive) {
      const route = healthRoute(() => healthReport(stats({ lastError }), MINUTE, at(1)));
      const server = createServer((req, res) => route.handler(req, res));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${route.path}`);
        const text = await res.text();
        for (const detail of ['hkexnews', '/srv', '10.0.0.7', '/home', 'EACCES', 'ECONNREFUSED'])
          expect(text).not.toContain(detail);
        expect(JSON.parse(text).lastError).toMatch(/^[a-z_]+$/);
      } finally {
        server.close();
      }
    }
  });

  it('serves the report as JSON with its status', async () => {
    let report = healthReport(stats(), MINUTE, at(1));
    const route = healthRoute(() => report);
    const server = createServer((req, res) => route.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${route.path}`;
    try {
      const ok = await fetch(url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('application/json');
      expect(await ok.json()).toMatchObject({ ok: true, lastSuccessfulPoll: null });
      report = healthReport(stats(), MINUTE, at(6));
      const stale = await fetch(url);
      expect(stale.status).toBe(503);
      expect(await stale.json()).toMatchObject({ ok: false });
    } finally {
      server.close();
    }
  });
});
