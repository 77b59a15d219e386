import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createReaderPool } from '../../src/pdf/reader-pool.js';

const PROBE = new URL('./env-probe.mjs', import.meta.url);
const TOKEN = 'xoxb-parent-only-secret';
const LIMITS = { timeoutMs: 10_000, memoryMb: 256 };

/** The environment a probe process reports, started the way the pool starts its readers. */
async function envSeenByPool(): Promise<Record<string, string>> {
  const pool = createReaderPool(1, LIMITS, PROBE);
  try {
    return JSON.parse(await pool.read(new Uint8Array([1])));
  } finally {
    await pool.close();
  }
}

/** The same probe in a process started with Node's default: the parent's environment. */
async function envSeenByDefault(): Promise<Record<string, string>> {
  const child = fork(fileURLToPath(PROBE), { execArgv: [], serialization: 'advanced' });
  try {
    const reply = once(child, 'message') as Promise<[{ text: string }]>;
    child.send({ data: new Uint8Array([1]) });
    return JSON.parse((await reply)[0].text);
  } finally {
    child.kill();
  }
}

describe('reader pool', () => {
  const saved = process.env.SLACK_BOT_TOKEN;
  afterEach(() => {
    if (saved === undefined) delete process.env.SLACK_BOT_TOKEN;
    else process.env.SLACK_BOT_TOKEN = saved;
  });

  it('starts PDF readers with an empty environment, so they cannot read the Slack token', async () => {
    process.env.SLACK_BOT_TOKEN = TOKEN;
    // The probe does see a token a process inherits…
    expect((await envSeenByDefault()).SLACK_BOT_TOKEN).toBe(TOKEN);
    // …and the pool's readers inherit nothing.
    expect(await envSeenByPool()).toEqual({});
  });
});

describe('reader pool queue', () => {
  it('reads an alert’s document before lookups that were waiting', async () => {
    // One reader: the first document is read at once, the rest wait their turn.
    const pool = createReaderPool(1, LIMITS, PROBE);
    const order: string[] = [];
    const read = (name: string, priority: 'alert' | 'lookup') =>
      pool.read(new Uint8Array([1]), priority).then(() => void order.push(name));
    try {
      await Promise.all([
        read('alert 1', 'alert'),
        read('lookup 1', 'lookup'),
        read('lookup 2', 'lookup'),
        read('alert 2', 'alert'),
      ]);
    } finally {
      await pool.close();
    }
    expect(order).toEqual(['alert 1', 'alert 2', 'lookup 1', 'lookup 2']);
  });
});

describe('an idle reader', () => {
  const PID_PROBE = new URL('./pid-probe.mjs', import.meta.url);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('ends after a quiet while, giving its memory back, and the next document starts another', async () => {
    const pool = createReaderPool(1, { ...LIMITS, idleMs: 100 }, PID_PROBE);
    try {
      const first = Number(await pool.read(new Uint8Array([1])));
      expect(alive(first)).toBe(true);
      await expect.poll(() => alive(first), { timeout: 3_000, interval: 20 }).toBe(false);
      const second = Number(await pool.read(new Uint8Array([1])));
      expect(second).not.toBe(first);
      expect(alive(second)).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
