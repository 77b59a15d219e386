import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { errorCode } from '../errors.js';

// The store file as a lowdb adapter, written so that neither a crash nor a power loss can lose
// or damage it: the new text goes to a temporary file beside it, is synced to disk, and is renamed
// over the file (a reader sees the old text or the new, never part of one); then the directory is
// synced, so that the rename itself is on disk before the write counts as done.

/** The file operations the adapter uses: node's, or a test's wrapping them. */
export type StoreFs = Pick<typeof fsp, 'open' | 'readFile' | 'rename' | 'unlink'>;

export interface Codec<T> {
  parse: (text: string) => T;
  stringify: (data: T) => string;
}

/** Directory syncs some file systems refuse as unsupported: there the rename is all there is. */
const DIR_SYNC_UNSUPPORTED = new Set(['EINVAL', 'ENOTSUP', 'EOPNOTSUPP']);

export class DurableFile<T> implements Adapter<T> {
  readonly #path: string;
  /** The same name steno used, so a leftover from an earlier build is simply overwritten. */
  readonly #temp: string;
  readonly #codec: Codec<T>;
  readonly #fs: StoreFs;
  /** Writes share one temporary file, so each waits for the one before it. */
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string, codec: Codec<T>, fs: StoreFs = fsp) {
    this.#path = path;
    this.#temp = join(dirname(path), `.${basename(path)}.tmp`);
    this.#codec = codec;
    this.#fs = fs;
  }

  /** The file's data; null when there is no file yet. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await this.#fs.readFile(this.#path, 'utf8');
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return null;
      throw e;
    }
    return this.#codec.parse(text);
  }

  /** Writes the data as it is now; resolves once it is on disk. */
  write(data: T): Promise<void> {
    const text = this.#codec.stringify(data);
    const written = this.#queue.then(() => this.#replace(text));
    this.#queue = written.catch(() => {});
    return written;
  }

  async #replace(text: string): Promise<void> {
    try {
      const file = await this.#fs.open(this.#temp, 'w');
      try {
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
      await this.#fs.rename(this.#temp, this.#path);
    } catch (e) {
      // The file itself is untouched; the partial copy is of no use to anyone.
      await this.#fs.unlink(this.#temp).catch(() => {});
      throw e;
    }
    await syncDirectory(this.#fs, dirname(this.#path));
  }
}

/** Puts a directory's entries (a rename, a new file) on disk. */
export async function syncDirectory(fs: StoreFs, path: string): Promise<void> {
  if (process.platform === 'win32') return; // directories cannot be opened for syncing there
  const dir = await fs.open(path, 'r');
  try {
    await dir.sync();
  } catch (e) {
    if (!DIR_SYNC_UNSUPPORTED.has(errorCode(e) ?? '')) throw e;
  } finally {
    await dir.close();
  }
}
