import { readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { errorCode, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { type LockHolder, StoreIoError, StoreLockedError } from './errors.js';

// One process per store file. Two bots on one file (a rolling deploy, a second start by hand)
// would each post every alert and each overwrite the other's writes, so the store is locked for
// the life of the process: `<path>.lock`, created only if absent (one creator wins however many
// try at once), holding the owner's pid, host and start. A lock whose process is gone is taken
// over with a warning; the lock is removed on release, and at exit if the process never released it.
// One process may open its store more than once (tests do): it shares its lock, which is removed
// when the last opener releases it.

export interface StoreLock {
  readonly lockPath: string;
  /** Removes the lock file, once the last opener in this process has released it. */
  release(): Promise<void>;
}

interface Held {
  lockPath: string;
  /** The lock file's text as written: only a file still holding it is removed. */
  text: string;
  openers: number;
}

/** Locks held by this process, by lock file (resolved), including those being taken. */
const held = new Map<string, Promise<Held>>();
const owned = new Set<Held>();
/** Lock files being removed by their last opener: a new opener waits, rather than finding one. */
const removing = new Map<string, Promise<void>>();

/** Locks the store file at `path`: a StoreLockedError if another process holds it. */
export async function lockStore(path: string, log: Log): Promise<StoreLock> {
  const lockPath = `${path}.lock`;
  const key = resolve(lockPath);
  for (;;) {
    await removing.get(key);
    let taking = held.get(key);
    if (!taking) {
      taking = acquire(path, lockPath, log);
      held.set(key, taking);
      const mine = taking;
      mine.catch(() => held.get(key) === mine && held.delete(key));
    }
    const lock = await taking;
    // Released by its last opener while this one waited: take it afresh.
    if (held.get(key) !== taking) continue;
    lock.openers += 1;
    let released = false;
    return {
      lockPath,
      release: async () => {
        if (released) return;
        released = true;
        lock.openers -= 1;
        if (lock.openers > 0) return;
        held.delete(key);
        owned.delete(lock);
        const removal = removeIfOurs(lock);
        removing.set(key, removal);
        await removal;
        if (removing.get(key) === removal) removing.delete(key);
      },
    };
  }
}

/** Creates the lock file, taking over one left by a process that is gone. */
async function acquire(path: string, lockPath: string, log: Log): Promise<Held> {
  const lock: Held = { lockPath, text: `${JSON.stringify(ownHolder())}\n`, openers: 0 };
  // Taking over loops back to creating; a lock retaken by another each time is in use after all.
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await create(path, lock)) {
      owned.add(lock);
      removeAtExit();
      return lock;
    }
    const found = await readHolder(lockPath).catch((e: unknown) => {
      throw new StoreIoError('read', path, e);
    });
    if (found === null) continue; // released meanwhile
    const { holder, text } = found;
    const stale = holder ? staleness(holder) : 'the lock file names no process';
    if (holder && !stale) throw new StoreLockedError(path, lockPath, holder);
    if (await removeIfUnchanged(path, lockPath, text))
      log.warn(
        { path, lockFile: lockPath, pid: holder?.pid, startedAt: holder?.startedAt, reason: stale },
        'store lock left by a process that is gone: taking it over',
      );
  }
  throw new StoreIoError('write', path, new Error(`lock file ${lockPath} keeps being replaced`));
}

function ownHolder(): LockHolder {
  const startedAt = new Date(Date.now() - process.uptime() * 1000).toISOString();
  return { pid: process.pid, host: hostname(), startedAt };
}

/** True when the lock file was created with this process's text; false when it already exists. */
async function create(path: string, lock: Held): Promise<boolean> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(lock.lockPath, 'wx');
  } catch (e) {
    if (errorCode(e) === 'EEXIST') return false;
    throw new StoreIoError('write', path, notWritable(path, e));
  }
  try {
    await file.writeFile(lock.text, 'utf8');
    await file.sync();
    await file.close();
  } catch (e) {
    await file.close().catch(() => {});
    await unlink(lock.lockPath).catch(() => {});
    throw new StoreIoError('write', path, notWritable(path, e));
  }
  return true;
}

function notWritable(path: string, e: unknown): Error {
  return new Error(`its directory ${dirname(path)} is not writable (${errorMessage(e)})`, { cause: e });
}

type Found = { text: string; holder: LockHolder | null };

/**
 * The lock file's holder, or null once the file is gone. Text that is not a holder is read again
 * for a moment, as its creator may be writing it; after that the file counts as left half-made.
 */
async function readHolder(lockPath: string): Promise<Found | null> {
  let text = '';
  for (let tries = 0; tries < 5; tries++) {
    if (tries > 0) await sleep(50);
    try {
      text = await readFile(lockPath, 'utf8');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    }
    const holder = parseHolder(text);
    if (holder) return { text, holder };
  }
  return { text, holder: null };
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || (value.pid as number) <= 0) return null;
    return {
      pid: value.pid as number,
      host: typeof value.host === 'string' ? value.host : hostname(),
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
    };
  } catch {
    return null;
  }
}

/** Why the holder's lock is stale, or null while its process may be running. */
function staleness({ pid, host }: LockHolder): string | null {
  // Another host's (or container's) pids cannot be checked from here.
  if (host !== hostname()) return null;
  // Not this process's own lock (that is shared above): an earlier process given the same pid,
  // as a container's main process always is.
  if (pid === process.pid) return 'left by an earlier process with this pid';
  try {
    process.kill(pid, 0);
    return null;
  } catch (e) {
    // EPERM: it runs, as another user.
    return errorCode(e) === 'ESRCH' ? `process ${pid} no longer runs` : null;
  }
}

/** Removes a stale lock file unless another process replaced it meanwhile; true if removed. */
async function removeIfUnchanged(path: string, lockPath: string, text: string): Promise<boolean> {
  const now = await readFile(lockPath, 'utf8').catch((e: unknown) => {
    if (errorCode(e) === 'ENOENT') return null;
    throw e;
  });
  if (now !== text) return false;
  try {
    await unlink(lockPath);
    return true;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return false;
    throw new StoreIoError('write', path, notWritable(path, e));
  }
}

async function removeIfOurs(lock: Held): Promise<void> {
  const text = await readFile(lock.lockPath, 'utf8').catch(() => null);
  if (text === lock.text) await unlink(lock.lockPath).catch(() => {});
}

let exitHookSet = false;

/** At exit, removes the lock files this process never released (process.exit, a crash). */
function removeAtExit(): void {
  if (exitHookSet) return;
  exitHookSet = true;
  process.once('exit', () => {
    for (const lock of owned) {
      try {
        if (readFileSync(lock.lockPath, 'utf8') === lock.text) unlinkSync(lock.lockPath);
      } catch {
        // Gone already, or its directory with it.
      }
    }
  });
}
