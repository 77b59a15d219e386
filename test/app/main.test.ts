import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack } from '../fakes/slack.js';

// Start-up as a user meets it: a bad setting stops the bot with one line naming the variable
// and exit code 2, before anything is opened.

const MAIN = fileURLToPath(new URL('../../src/app/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory, removed when the tests are done. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function start(env: Record<string, string>, dotenv?: string) {
  // A directory of its own, so a developer's .env never leaks into the test.
  const cwd = tempDir('estimate-bot-main-');
  if (dotenv !== undefined) writeFileSync(join(cwd, '.env'), dotenv);
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { PATH, HOME, ...env },
    encoding: 'utf8',
    timeout: 15_000,
  });
}

describe('start-up with bad settings', () => {
  it('names SLACK_ALERT_CHANNEL when a bot token comes without it', () => {
    const run = start({
      SLACK_BOT_TOKEN: 'xoxb-123-456-secretpart',
      SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef',
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^estimate-bot: invalid configuration: SLACK_ALERT_CHANNEL: /);
    expect(run.stderr + run.stdout).not.toContain('secretpart');
  });

  it('names POLL_CRON when it is malformed', () => {
    const run = start({ POLL_CRON: '* * * *' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^estimate-bot: invalid configuration: POLL_CRON: expects a cron expression/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads settings from .env, with the environment winning', () => {
    const fromFile = start({}, 'LOG_LEVEL=loud\n');
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toMatch(/LOG_LEVEL: /);
    // PORT from .env is bad but the environment's wins, so the error is the next bad one.
    const overridden = start({ PORT: '0', LOG_LEVEL: 'loud' }, 'PORT=x\n');
    expect(overridden.status).toBe(2);
    expect(overridden.stderr).toMatch(/LOG_LEVEL: /);
    expect(overridden.stderr).not.toMatch(/PORT/);
  });
});

describe('start-up with a store it cannot use', () => {
  const dir = () => tempDir('estimate-bot-store-');

  it('names DB_PATH when its directory cannot be created', () => {
    const file = join(dir(), 'not-a-dir');
    writeFileSync(file, 'x');
    const dbPath = join(file, 'estimate-bot.json');
    const run = start({ DB_PATH: dbPath, PORT: '0' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      `estimate-bot: DB_PATH: could not write store file ${dbPath}: its directory ${file} cannot be created`,
    );
  });

  it.skipIf(!existsSync('/sys/kernel') || process.platform !== 'linux')(
    'names DB_PATH when its directory cannot be written, rather than running on',
    () => {
      const dbPath = '/sys/estimate-bot-main-test.json';
      const run = start({ DB_PATH: dbPath, PORT: '0' });
      expect(run.status).toBe(2);
      expect(run.stderr.trim()).toMatch(
        new RegExp(`^estimate-bot: DB_PATH: could not write store file ${dbPath}: .* is not writable`),
      );
    },
  );

  it('names the process holding the store, and its lock file', () => {
    const dbPath = join(dir(), 'estimate-bot.json');
    // This test's own process stands for the bot already running on the store.
    const holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
    writeFileSync(`${dbPath}.lock`, JSON.stringify(holder));
    const run = start({ DB_PATH: dbPath, PORT: '0' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `estimate-bot: the store ${dbPath} is in use by process ${process.pid} (lock file ${dbPath}.lock); stop it first\n`,
    );
    expect(JSON.parse(readFileSync(`${dbPath}.lock`, 'utf8'))).toEqual(holder);
  });
});

describe('start-up refused by what a setting points at', () => {
  /** Like start(), but leaves the event loop free for a fake server in this process to answer. */
  async function startAsync(env: Record<string, string>) {
    const cwd = tempDir('estimate-bot-main-');
    const { PATH, HOME } = process.env;
    try {
      const { stderr } = await promisify(execFile)(process.execPath, ['--import', TSX, MAIN], {
        cwd,
        env: { PATH, HOME, DB_PATH: join(cwd, 'store.json'), ...env },
        timeout: 15_000,
      });
      return { status: 0, stderr };
    } catch (error) {
      const { code, stderr } = error as { code: number; stderr: string };
      return { status: code, stderr };
    }
  }

  it('names PORT when another process has it', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const run = await startAsync({ PORT: String(port) });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `estimate-bot: invalid configuration: PORT: ${port} is already in use by another process\n`,
      );
    } finally {
      taken.close();
    }
  });

  it('names SLACK_BOT_TOKEN when Slack refuses it, in one line and without a stack trace', async () => {
    const slack = await startFakeSlack();
    slack.refuseToken('xoxb-revoked');
    try {
      const run = await startAsync({
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789',
        SLACK_ALERT_CHANNEL: 'C0ALERTS',
        SLACK_API_URL: slack.url,
        PORT: '0',
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        'estimate-bot: invalid configuration: SLACK_BOT_TOKEN: Slack refused it (invalid_auth)\n',
      );
    } finally {
      await slack.close();
    }
  });
});
