import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type HealthStats, healthReport, healthRoute } from '../src/health.js';

const MINUTE = 60_000;
const start = new Date('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
const stats = (patch: Partial<HealthStats> = {}): HealthStats => ({
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
      lastError: 'HTTP 503 from feed',
      filingsSeen: 42,
      alertsPosted: 3,
    });
    expect(healthReport(s, MINUTE, at(14))).toEqual({
      status: 200,
      body: {
        ok: true,
        lastSuccessfulPoll: '2026-01-01T00:10:00.000Z',
        lastError: 'HTTP 503 from feed',
        filingsSeen: 42,
        alertsPosted: 3,
      },
    });
    expect(healthReport(s, MINUTE, at(16)).status).toBe(503);
    expect(healthReport(s, 30_000, at(13)).body.ok).toBe(false);
  });
});

describe('healthRoute', () => {
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
