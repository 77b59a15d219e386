import { mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { errorCode, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { decodeStore, encodeStore } from './codec.js';
import { CorruptStoreError, StoreIoError, StoreVersionError } from './errors.js';
import { DurableFile, type StoreFs } from './file.js';
import { lockStore, type StoreLock } from './lock.js';
import { emptyData, type StoreData } from './schema.js';
import { createStore } from './store.js';
import type { PipelineStore } from './types.js';

// Opening the store: the JSON file (locked to this process, each write synced to disk and
// atomic) or memory, for tests.

export { CorruptStoreError, StoreIoError, StoreLockedError, StoreVersionError } from './errors.js';
export type { StoreFs } from './file.js';
export type * from './types.js';

/** The store over its file, which this process holds until `close`. */
export interface FileStore extends PipelineStore {
  /** Writes what is unsaved, then releases the file to other processes; later writes fail. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The file operations writes and reads go through (tests wrap node's). */
  fs?: StoreFs;
}

/**
 * Opens (or creates) the store file and locks it for this process: another process holding it
 * is a StoreLockedError, a directory that cannot be created or written a StoreIoError. A damaged
 * file is moved aside to `<path>.corrupt-<time>` and the bot starts as on a first start; an
 * unreadable file or a newer schema version throws.
 */
export async function openStore(path: string, log: Log, options: OpenOptions = {}): Promise<FileStore> {
  await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
    throw new StoreIoError('write', path, notCreatable(dirname(path), e));
  });
  // Creating the lock file also proves the directory writable before the bot starts.
  const lock = await lockStore(path, log);
  try {
    const db = new Low<StoreData>(
      new DurableFile<StoreData>(
        path,
        { parse: (text) => decodeStore(text, path), stringify: encodeStore },
        options.fs,
      ),
      emptyData(),
    );
    try {
      await db.read();
    } catch (e) {
      if (e instanceof StoreVersionError) throw e;
      if (!(e instanceof CorruptStoreError)) throw new StoreIoError('read', path, e);
      // The damaged file was last written at its last poll or after: filings released since may
      // not have been alerted, so the fresh store says when, and a first start treats them as a
      // backfill (asking Slack before each post) rather than recording them silently.
      const lastWritten = await stat(path).then(
        (s) => s.mtime.toISOString(),
        () => null,
      );
      await moveAside(path, e, log);
      db.data.meta.lastPollAt = lastWritten;
    }
    return closable(
      createStore(db, (e) => new StoreIoError('write', path, e)),
      lock,
      path,
    );
  } catch (e) {
    await lock.release();
    throw e;
  }
}

function notCreatable(dir: string, e: unknown): Error {
  const code = errorCode(e);
  // Node says EEXIST for a file where the directory should be, ENOTDIR for one above it.
  const why = code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : errorMessage(e);
  return new Error(`its directory ${dir} cannot be created (${why})`, { cause: e });
}

function closable(store: PipelineStore, lock: StoreLock, path: string): FileStore {
  let closed = false;
  let closing: Promise<void> | null = null;
  return {
    ...store,
    flush() {
      if (closed) return Promise.reject(new StoreIoError('write', path, new Error('the store is closed')));
      return store.flush();
    },
    close() {
      closing ??= store.flush().finally(() => {
        closed = true;
        return lock.release();
      });
      return closing;
    },
  };
}

async function moveAside(path: string, damage: CorruptStoreError, log: Log): Promise<void> {
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(path, aside);
  } catch (e) {
    throw new StoreIoError('write', aside, e);
  }
  log.error(
    { path, movedTo: aside, reason: damage.message },
    'store file is damaged: moved aside, starting afresh',
  );
}

/** A store kept in memory (lowdb's Memory adapter), empty at first: for tests and demos. No lock. */
export function createMemoryStore(): PipelineStore {
  return createStore(new Low<StoreData>(new Memory<StoreData>(), emptyData()));
}
