import { hostname } from 'node:os';
import { errorMessage } from '../errors.js';
import { SCHEMA_VERSION } from './schema.js';

// Errors of the store file, each saying which file and what to do about it.

/** The file's content is not a store: it is moved aside and the bot starts afresh. */
export class CorruptStoreError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CorruptStoreError';
  }
}

/** Written by a newer build: refused rather than overwritten. */
export class StoreVersionError extends Error {
  constructor(
    readonly path: string,
    readonly version: number,
  ) {
    super(
      `store file ${path} has schema version ${version}, newer than this build's ${SCHEMA_VERSION}; upgrade the bot`,
    );
    this.name = 'StoreVersionError';
  }
}

/** Reading or writing the file failed (permissions, disk full): the operator must act. */
export class StoreIoError extends Error {
  constructor(action: 'read' | 'write', path: string, cause: unknown) {
    super(`could not ${action} store file ${path}: ${errorMessage(cause)}`, {
      cause,
    });
    this.name = 'StoreIoError';
  }
}

/** Who holds a store's lock, as its lock file says. */
export interface LockHolder {
  pid: number;
  /** The host it runs on: its pid means nothing on another (another machine, another container). */
  host: string;
  startedAt: string;
}

/** Another process has the store open: a second bot on one file would post twice and lose writes. */
export class StoreLockedError extends Error {
  constructor(
    readonly path: string,
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    const elsewhere = holder.host === hostname() ? '' : ` on host ${holder.host}`;
    // A process on another host cannot be checked from here: it may be gone.
    const ifGone = elsewhere ? ', or delete the lock file if that process no longer runs' : '';
    super(
      `the store ${path} is in use by process ${holder.pid}${elsewhere} (lock file ${lockPath}); stop it first${ifGone}`,
    );
    this.name = 'StoreLockedError';
  }
}

/** The URL without its password, for messages and logs. */
export function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
