import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../scripts/build.mjs';
import { createLogger } from '../src/log.js';
import { openStore } from '../src/store/index.js';
import { freePort } from '../test/e2e/support/bot-process.js';
import { rec } from '../test/store/records.js';
import type { Row } from './row.js';

// From `npm start` to a healthy /healthz, as an operator's supervisor sees it: npm, then the
// built bot under plain node, in terminal mode. Once with an empty store and once with 1M
// filings (1 in 50 of them estimates kept in full); beside it, the same start through tsx as
// `npm start` ran it before the build (the reference), in the same run. Nothing answers at
// HKEX_BASE_URL: the first poll fails at once, which /healthz reports without turning unhealthy.

const REPO = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 5;
const START = Date.parse('2025-01-01T00:00:00Z');

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function seed(path: string, filings: number): Promise<void> {
  const store = await openStore(path, createLogger('error'));
  for (let n = 0; n < filings; n++) {
    const at = new Date(START + n * 30_000).toISOString();
    store.put(
      n % 50 === 0
        ? rec(String(n + 1), at, { state: 'posted', alerts: [{ channel: 'C1', ts: `${n}.1` }] })
        : rec(String(n + 1), at, { isEstimate: false }),
    );
  }
  await store.close();
}

interface Timings {
  /** First 200 from /healthz, whatever its state. */
  answering: number;
  /** state: running (the store loaded, polling under way). */
  running: number;
}

async function timeStart(command: string[], dbPath: string): Promise<Timings> {
  const port = await freePort();
  const t0 = performance.now();
  const [cmd, ...args] = command as [string, ...string[]];
  const child: ChildProcess = spawn(cmd, args, {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DB_PATH: dbPath,
      HKEX_BASE_URL: 'http://127.0.0.1:9',
      LOG_LEVEL: 'error',
      SLACK_BOT_TOKEN: '',
    },
    stdio: 'ignore',
    detached: true,
  });
  let answering = Number.NaN;
  try {
    for (;;) {
      if (performance.now() - t0 > 30_000)
        throw new Error(`${command.join(' ')}: no healthy /healthz in 30 s`);
      const body = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        async (res) => (res.ok ? ((await res.json()) as { state: string }) : null),
        () => null,
      );
      if (body && Number.isNaN(answering)) answering = performance.now() - t0;
      if (body?.state === 'running') return { answering, running: performance.now() - t0 };
      await sleep(5);
    }
  } finally {
    // npm's children too: the group. npm may exit before the bot has released its store.
    if (child.exitCode === null) {
      const exited = once(child, 'exit');
      process.kill(-(child.pid as number), 'SIGTERM');
      await exited;
    }
    while (existsSync(`${dbPath}.lock`)) await sleep(10);
  }
}

export async function benchStartup(): Promise<Row[]> {
  buildIfStale();
  const dir = await mkdtemp(join(tmpdir(), 'estimate-bot-start-'));
  try {
    const rows: Row[] = [];
    const big = join(dir, 'big', 'store.json');
    await seed(big, 1_000_000);
    const cases: [string, string[], string][] = [
      ['npm start, empty store', ['npm', 'start'], join(dir, 'empty', 'store.json')],
      ['npm start, 1M filings', ['npm', 'start'], big],
      [
        'reference: npm exec tsx src/app/main.ts, empty store',
        ['npm', 'exec', '--', 'tsx', 'src/app/main.ts'],
        join(dir, 'ref', 'store.json'),
      ],
    ];
    for (const [name, command, dbPath] of cases) {
      const runs: Timings[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await timeStart(command, dbPath));
      rows.push({
        name: `${name}: /healthz answers`,
        value: median(runs.map((r) => r.answering)).toFixed(0),
        unit: 'ms',
      });
      rows.push({
        name: `${name}: healthy and running`,
        value: median(runs.map((r) => r.running)).toFixed(0),
        unit: 'ms',
      });
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
