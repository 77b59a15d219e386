import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { HealthReport } from '../../../src/app/health.js';
import { waitFor } from './wait.js';

// The real bot as `npm start` runs it, but with node itself as the child (not npx/tsx), so its
// pid is the bot's own and /proc/<pid> describes the bot. Every setting is passed explicitly,
// blanks included, so a developer's .env in the repository root cannot change the run.

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The settings src/config.ts reads; unset ones are passed blank (blank means unset). */
const SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_ALERT_CHANNEL',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'SLACK_API_URL',
  'PORT',
  'HKEX_BASE_URL',
  'POLL_CRON',
  'DIGEST_CRON',
  'DB_PATH',
  'DATABASE_URL',
  'BACKFILL_HOURS',
  'LOG_LEVEL',
] as const;

export type BotSettings = Partial<Record<(typeof SETTINGS)[number], string>>;

export type HealthBody = HealthReport['body'];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcess {
  pid: number;
  port: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** GET /healthz: its status and body. */
  health(): Promise<{ status: number; body: HealthBody }>;
  /** Resolves once a poll cycle completes after this call. */
  nextPoll(timeoutMs?: number): Promise<HealthBody>;
  /** SIGTERM, then the exit and how long it took. */
  stop(): Promise<Exit & { ms: number }>;
  /** SIGKILL unless already exited: for cleanup after a failure. */
  kill(): Promise<void>;
}

/** A port free at the time of asking: the bot must be told one (PORT=0 hides it from us). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/**
 * Starts the bot and resolves once /healthz answers; rejects with its output when it exits first.
 * `built`: the compiled dist/app/main.js (as `npm start` runs it; the caller builds first) rather than
 * src/app/main.ts through tsx.
 */
export async function startBotProcess(
  settings: BotSettings,
  startTimeoutMs = 15_000,
  { built = false } = {},
): Promise<BotProcess> {
  const port = Number(settings.PORT ?? (await freePort()));
  // No evening digest unless a test asks for one: it would post at whatever time the suite runs.
  const env = {
    ...Object.fromEntries(SETTINGS.map((k) => [k, settings[k] ?? ''])),
    DIGEST_CRON: settings.DIGEST_CRON ?? 'off',
  };
  const args = built ? ['dist/app/main.js'] : ['--import', TSX, 'src/app/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output += chunk;
    });
  }
  const exited = exitOf(child);
  let exit: Exit | null = null;
  void exited.then((e) => {
    exit = e;
  });

  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as HealthBody };
  };
  const bot: BotProcess = {
    pid: child.pid ?? -1,
    port,
    output: () => output,
    health,
    async nextPoll(timeoutMs = 10_000) {
      const before = (await health()).body.lastSuccessfulPoll;
      return waitFor(
        'a poll cycle to complete',
        async () => {
          const { body } = await health();
          return body.lastSuccessfulPoll !== null && body.lastSuccessfulPoll !== before ? body : undefined;
        },
        { timeoutMs, context: () => output },
      );
    },
    async stop() {
      const t0 = performance.now();
      child.kill('SIGTERM');
      const e = await exited;
      return { ...e, ms: performance.now() - t0 };
    },
    async kill() {
      if (exit) return;
      child.kill('SIGKILL');
      await exited;
    },
  };

  await waitFor(
    `the bot to answer on port ${port}`,
    async () => {
      if (exit) throw new Error(`the bot exited (code ${exit.code}) before serving:\n${output}`);
      return health().then(
        () => true,
        () => undefined,
      );
    },
    { timeoutMs: startTimeoutMs, context: () => output },
  ).catch(async (error) => {
    await bot.kill();
    throw error;
  });
  return bot;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}
