import { z } from 'zod';
import { CorruptStoreError, StoreVersionError } from './errors.js';
import { upgrade } from './migrations.js';
import { SCHEMA_VERSION, type StoreData, type StoreFile, storeFileSchema } from './schema.js';

// The store file's text ⇄ current data: decoding migrates old versions and rejects damage.

/** A file's version, read before anything else so a newer file is never taken for damage. */
function versionOf(raw: unknown): number {
  const version =
    raw !== null && typeof raw === 'object' ? (raw as { version?: unknown }).version : undefined;
  if (!Number.isInteger(version)) throw new CorruptStoreError('no schema version');
  return version as number;
}

/** Parses JSON, throwing CorruptStoreError for empty or invalid text. */
function parseJson(text: string): unknown {
  if (text.trim() === '') throw new CorruptStoreError('the file is empty');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CorruptStoreError(`not valid JSON (${(e as Error).message})`);
  }
}

/** Current-version data from raw data of this or an older version. */
function toCurrent(raw: unknown, version: number): StoreData {
  try {
    const data = version < SCHEMA_VERSION ? upgrade(raw, version) : raw;
    // The check covers only what the bot relies on, so its parsed copy is dropped for the data itself.
    storeFileSchema.parse(data);
    return fromFile(data as StoreFile);
  } catch (e) {
    if (e instanceof z.ZodError) throw new CorruptStoreError(`unexpected shape: ${firstIssue(e)}`);
    throw e;
  }
}

function firstIssue(e: z.ZodError): string {
  const [issue] = e.issues;
  const more = e.issues.length > 1 ? ` (and ${e.issues.length - 1} more)` : '';
  return issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}${more}` : 'invalid';
}

/** The file's text as current data; a newer version is refused, damage is a CorruptStoreError. */
export function decodeStore(text: string, path: string): StoreData {
  const raw = parseJson(text);
  const version = versionOf(raw);
  if (version > SCHEMA_VERSION) throw new StoreVersionError(path, version);
  return toCurrent(raw, version);
}

function fromFile(file: StoreFile): StoreData {
  return { ...file, seen: new Map(file.seen.map((entry) => [entry[0], entry])) };
}

export function encodeStore(data: StoreData): string {
  const file: StoreFile = { ...data, seen: [...data.seen.values()] };
  // Compact: the file is read by the bot, and indentation would grow it by a third.
  return JSON.stringify(file);
}
