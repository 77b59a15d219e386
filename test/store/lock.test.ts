import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openStore, StoreIoError, StoreLockedError } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { useTempDir } from './tempDir.js';

// One process per store file: a second bot on it (a rolling deploy) is refused with the holder
// named; a lock whose process is gone is taken over with a warning; closing releases it.

const tmp = useTempDir();
const lockOf = (path: string) => `${path}.lock`;
const HOLDER = fileURLToPath(new URL('./holdStore.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (s: string) => lines.push(JSON.parse(s)) });
  return { lines, log };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** Another bot process with the store open; resolves once it is. */
async function otherProcess(path: string, mode: 'hold' | 'exit'): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', TSX, HOLDER, path, mode], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => out.includes('open') && resolve());
    child.once('exit', (code) => (out.includes('open') ? resolve() : reject(new Error(`exited ${code}`))));
  });
  return child;
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(run.stdout);
}

const lockText = (pid: number, host = hostname()) =>
  JSON.stringify({ pid, host, startedAt: '2023-01-01T00:00:00.000Z' });

describe('the store lock', () => {
  it('is a file beside the store naming this process, removed on close', async () => {
    const store = await openStore(tmp.path, quietLog());
    const held = JSON.parse(await readFile(lockOf(tmp.path), 'utf8'));
    expect(held).toEqual({ pid: process.pid, host: hostname(), startedAt: expect.any(String) });
    expect(Date.parse(held.startedAt)).toBeLessThanOrEqual(Date.now());

    await store.close();
    expect(existsSync(lockOf(tmp.path))).toBe(false);
    await expect(store.flush()).rejects.toThrow(StoreIoError);
  });

  it('refuses a second process, naming the lock file and the holder, until the holder is gone', async () => {
    const other = await otherProcess(tmp.path, 'hold');

    const opening = openStore(tmp.path, quietLog());
    await expect(opening).rejects.toBeInstanceOf(StoreLockedError);
    await expect(opening).rejects.toThrow(
      `the store ${tmp.path} is in use by process ${other.pid} (lock file ${lockOf(tmp.path)}); stop it first`,
    );

    other.kill('SIGKILL');
    await once(other, 'exit');
    const { lines, log } = capturingLog();
    const store = await openStore(tmp.path, log);
    expect(store.meta().lastPollAt).toBe('2023-01-01T00:00:00.000Z');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', pid: other.pid, lockFile: lockOf(tmp.path) }),
    ]);
    expect(JSON.parse(await readFile(lockOf(tmp.path), 'utf8')).pid).toBe(process.pid);
  });

  it('is removed when a process exits without closing the store', async () => {
    const other = await otherProcess(tmp.path, 'exit');
    if (other.exitCode === null) await once(other, 'exit');
    expect(existsSync(lockOf(tmp.path))).toBe(false);
  });

  it('left by a process that no longer runs is taken over, with a warning', async () => {
    const pid = deadPid();
    await writeFile(lockOf(tmp.path), lockText(pid));
    const { lines, log } = capturingLog();

    const store = await openStore(tmp.path, log);

    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        pid,
        path: tmp.path,
        reason: `process ${pid} no longer runs`,
        msg: expect.stringContaining('taking it over'),
      }),
    ]);
    expect(JSON.parse(await readFile(lockOf(tmp.path), 'utf8')).pid).toBe(process.pid);
    await store.close();
  });

  it("left by an earlier process with this one's pid (a restarted container) is taken over", async () => {
    await writeFile(lockOf(tmp.path), lockText(process.pid));
    const { lines, log } = capturingLog();
    await openStore(tmp.path, log);
    expect(lines[0]).toMatchObject({ level: 'warn', reason: 'left by an earlier process with this pid' });
  });

  it('that names no process is taken over', async () => {
    await writeFile(lockOf(tmp.path), '');
    const { lines, log } = capturingLog();
    await openStore(tmp.path, log);
    expect(lines[0]).toMatchObject({ level: 'warn', reason: 'the lock file names no process' });
  });

  it('of a process on another host is refused, as its pid cannot be checked here', async () => {
    await writeFile(lockOf(tmp.path), lockText(process.pid, 'other-container'));
    await expect(openStore(tmp.path, quietLog())).rejects.toThrow(
      `in use by process ${process.pid} on host other-container (lock file ${lockOf(tmp.path)}); stop it first, or delete the lock file if that process no longer runs`,
    );
    expect(await readFile(lockOf(tmp.path), 'utf8')).toBe(lockText(process.pid, 'other-container'));
  });

  it('of a running process is left in place', async () => {
    const text = lockText(process.ppid);
    await writeFile(lockOf(tmp.path), text);
    await expect(openStore(tmp.path, quietLog())).rejects.toThrow(StoreLockedError);
    expect(await readFile(lockOf(tmp.path), 'utf8')).toBe(text);
  });

  it('is shared by one process opening its store twice, and removed when both have closed', async () => {
    const [first, second] = await Promise.all([
      openStore(tmp.path, quietLog()),
      openStore(tmp.path, quietLog()),
    ]);
    await first.close();
    expect(existsSync(lockOf(tmp.path))).toBe(true);
    await second.close();
    expect(existsSync(lockOf(tmp.path))).toBe(false);
    await (await openStore(tmp.path, quietLog())).close();
  });

  it('is released when opening fails', async () => {
    await writeFile(tmp.path, JSON.stringify({ version: 999 }));
    await expect(openStore(tmp.path, quietLog())).rejects.toThrow(/schema version 999/);
    expect(existsSync(lockOf(tmp.path))).toBe(false);
  });

  it('writes what is unsaved on close', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.setMeta({ lastPollError: 'x' });
    await store.close();
    const reopened = await openStore(tmp.path, quietLog());
    expect(reopened.meta().lastPollError).toBe('x');
  });
});
