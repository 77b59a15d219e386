import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Low } from 'lowdb';
import { errorCode, errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { type DecodedFile, decodeStore, encodeStore, headOf, withFilings } from './codec.js';
import { CorruptStoreError, StoreIoError, StoreVersionError } from './errors.js';
import { DurableFile, type StoreFs } from './file.js';
import { lockStore, type StoreLock } from './lock.js';
import { emptyData, type StoreData } from './schema.js';
import { Segments } from './segments.js';
import { createStore, type StoreChanges } from './store.js';
import type { PipelineStore } from './types.js';

// Opening the store: the store file (locked to this process, each write synced to disk and
// atomic) with its segments beside it (segments.ts), or memory, for tests.

export {
  CorruptStoreError,
  StoreIoError,
  StoreLockedError,
  StoreVersionError,
} from './errors.js';
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

/** A store being opened: its file locked and read, its filings still loading. */
export interface OpeningStore {
  /** The store once its filings are loaded (a large store takes a second or so). */
  loaded: Promise<FileStore>;
}

/** The directory of a store file's segments: `data/estimate-bot.json` → `data/estimate-bot.segments`. */
export function segmentsDir(path: string): string {
  return join(dirname(path), `${basename(path, extname(path))}.segments`);
}

/**
 * Opens (or creates) the store file and locks it for this process: another process holding it
 * is a StoreLockedError, a directory that cannot be created or written a StoreIoError. A damaged
 * file is moved aside to `<path>.corrupt-<time>` and the bot starts as on a first start, with the
 * filings its segments hold; an unreadable file or a newer schema version throws.
 */
export async function openStore(path: string, log: Log, options: OpenOptions = {}): Promise<FileStore> {
  return (await beginOpeningStore(path, log, options)).loaded;
}

/**
 * Locks and reads the store file, as openStore does, and returns while its filings load, so the
 * bot can answer health checks meanwhile. Version-4 files are moved to segments first.
 */
export async function beginOpeningStore(
  path: string,
  log: Log,
  options: OpenOptions = {},
): Promise<OpeningStore> {
  await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
    throw new StoreIoError('write', path, notCreatable(dirname(path), e));
  });
  // Creating the lock file also proves the directory writable before the bot starts.
  const lock = await lockStore(path, log);
  try {
    const db = new Low<DecodedFile>(
      new DurableFile<DecodedFile>(
        path,
        { parse: (text) => decodeStore(text, path), stringify: encodeStore },
        options.fs,
      ),
      { head: headOf(emptyData()) },
    );
    await readHead(db, path, log);
    const segments = new Segments(segmentsDir(path), log, options.fs);
    const loaded = loadFilings(db.data, segments, db, path).then(
      (data) => {
        // The file's one writer has the head as it is: nothing to merge.
        const write = async (changes: StoreChanges) => {
          await writeChanges(changes, segments, db);
          return undefined;
        };
        return closable(
          createStore(data, write, (e) => new StoreIoError('write', path, e)),
          lock,
          path,
        );
      },
      async (e: unknown) => {
        await lock.release();
        throw e instanceof StoreIoError ? e : new StoreIoError('read', segments.dir, e);
      },
    );
    return { loaded };
  } catch (e) {
    await lock.release();
    throw e;
  }
}

async function readHead(db: Low<DecodedFile>, path: string, log: Log): Promise<void> {
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
    const head = headOf(emptyData());
    db.data = { head: { ...head, meta: { ...head.meta, lastPollAt: lastWritten } } };
  }
}

async function loadFilings(
  file: DecodedFile,
  segments: Segments,
  db: Low<DecodedFile>,
  path: string,
): Promise<StoreData> {
  if ('head' in file) return withFilings(file.head, await segments.load());
  // A version-4 file: its filings go to segments, then the head replaces it. A crash in between
  // leaves the old file, and the next start moves them again (each segment is replaced whole).
  const data = file.whole;
  try {
    await segments.replaceAll([...data.seen.values(), ...Object.values(data.filings)]);
    db.data = { head: headOf(data) };
    await db.write();
  } catch (e) {
    throw new StoreIoError('write', path, e);
  }
  return data;
}

/** The filings, then the head; pruning deletes last. */
async function writeChanges(changes: StoreChanges, segments: Segments, db: Low<DecodedFile>): Promise<void> {
  await segments.append(changes.filings);
  if (changes.head) {
    db.data = { head: changes.head };
    await db.write();
  }
  if (changes.dropBefore) await segments.dropBefore(changes.dropBefore);
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

/**
 * The store's data as it is on disk, read without locking or writing anything: for commands run
 * beside the bot (`cli export`, `cli migrate-store`). A missing file is an empty store.
 */
export async function readStoreData(path: string, log: Log): Promise<StoreData> {
  let file: DecodedFile = { head: headOf(emptyData()) };
  try {
    file = decodeStore(await readFile(path, 'utf8'), path);
  } catch (e) {
    if (errorCode(e) !== 'ENOENT')
      throw e instanceof CorruptStoreError ? e : new StoreIoError('read', path, e);
  }
  if ('whole' in file) return file.whole;
  const segments = await new Segments(segmentsDir(path), log).load({ readOnly: true });
  return withFilings(file.head, segments);
}

/** A store kept in memory, empty at first: for tests and demos. No lock. */
export function createMemoryStore(): PipelineStore {
  return createStore(emptyData());
}
