import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import { DataFile } from 'lowdb/node';
import type { Log } from '../log.js';
import { decodeStore, encodeStore } from './codec.js';
import { CorruptStoreError, StoreIoError, StoreVersionError } from './errors.js';
import { emptyData, type StoreData } from './schema.js';
import { createStore } from './store.js';
import type { PipelineStore } from './types.js';

// Opening the store: the JSON file (written atomically by lowdb through steno) or memory, for tests.

export { CorruptStoreError, StoreIoError, StoreVersionError } from './errors.js';
export type * from './types.js';

/**
 * Opens (or creates) the store file. A damaged file is moved aside to `<path>.corrupt-<time>`
 * and the bot starts as on a first start; an unreadable file or a newer schema version throws.
 */
export async function openStore(path: string, log: Log): Promise<PipelineStore> {
  const db = new Low<StoreData>(
    new DataFile<StoreData>(path, { parse: (text) => decodeStore(text, path), stringify: encodeStore }),
    emptyData(),
  );
  await mkdir(dirname(path), { recursive: true }).catch((e: unknown) => {
    throw new StoreIoError('write', path, e);
  });
  try {
    await db.read();
  } catch (e) {
    if (e instanceof StoreVersionError) throw e;
    if (!(e instanceof CorruptStoreError)) throw new StoreIoError('read', path, e);
    await moveAside(path, e, log);
  }
  return createStore(db, (e) => new StoreIoError('write', path, e));
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

/** A store kept in memory (lowdb's Memory adapter), empty at first: for tests and demos. */
export function createMemoryStore(): PipelineStore {
  return createStore(new Low<StoreData>(new Memory<StoreData>(), emptyData()));
}
