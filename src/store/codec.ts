import { z } from 'zod';
import { CorruptStoreError, StoreVersionError } from './errors.js';
import { upgrade } from './migrations.js';
import {
  headSchema,
  SCHEMA_VERSION,
  type SingleFile,
  type StoreData,
  type StoreHead,
  singleFileSchema,
} from './schema.js';

// The store file's text ⇄ its data: decoding migrates old versions and rejects damage.

/** A current head, or the whole data of a file from before the filings moved to segments. */
export type DecodedFile = { head: StoreHead } | { whole: StoreData };

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
function toCurrent(raw: unknown, version: number): DecodedFile {
  try {
    // The checks cover only what the bot relies on, so their parsed copies are dropped for the data.
    if (version === SCHEMA_VERSION) {
      headSchema.parse(raw);
      return { head: raw as StoreHead };
    }
    const data = upgrade(raw, version);
    singleFileSchema.parse(data);
    return { whole: fromSingleFile(data as SingleFile) };
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
export function decodeStore(text: string, path: string): DecodedFile {
  const raw = parseJson(text);
  const version = versionOf(raw);
  if (version > SCHEMA_VERSION) throw new StoreVersionError(path, version);
  return toCurrent(raw, version);
}

function fromSingleFile(file: SingleFile): StoreData {
  const seen = new Map(file.seen.map((entry) => [entry[0], entry] as const));
  return { ...file, version: SCHEMA_VERSION, filters: {}, subscriptions: [], workspaces: {}, seen };
}

/**
 * The data of a head and the filings kept apart from it (segments, or a database's rows). A head
 * written before channel filters existed has none.
 */
export function withFilings(head: StoreHead, filings: Pick<StoreData, 'filings' | 'seen'>): StoreData {
  return {
    ...head,
    version: SCHEMA_VERSION,
    filters: head.filters ?? {},
    subscriptions: head.subscriptions ?? [],
    workspaces: head.workspaces ?? {},
    ...filings,
  };
}

/** The head of the data: what the store file keeps. */
export function headOf(data: StoreData): StoreHead {
  const { version, watchlists, reports, filters, subscriptions, workspaces, meta } = data;
  // Left out while empty: a single-workspace bot's file stays as it was before they existed.
  return {
    version,
    watchlists,
    reports,
    filters,
    ...(subscriptions.length > 0 ? { subscriptions } : {}),
    ...(Object.keys(workspaces).length > 0 ? { workspaces } : {}),
    meta,
  };
}

export function encodeStore(file: DecodedFile): string {
  // Compact: the file is read by the bot, and indentation would grow it by a fifth.
  return JSON.stringify('head' in file ? file.head : headOf(file.whole));
}
