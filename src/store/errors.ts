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
