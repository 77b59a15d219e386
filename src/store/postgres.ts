import pg from 'pg';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { headOf, withFilings } from './codec.js';
import type { SeenEntry } from './compact.js';
import { DatabaseLockedError, redacted, StoreIoError } from './errors.js';

export { DatabaseLockedError, redacted } from './errors.js';

import { emptyData, type StoreData, type StoreHead } from './schema.js';
import { monthOf, type SegmentLine } from './segments.js';
import { createStore, type StoreChanges } from './store.js';
import type { FilingRecord, PipelineStore } from './types.js';

// The store in PostgreSQL (node-postgres), for DATABASE_URL: the same data and the same Store as
// the file store, written the same way (only what changed, in one transaction per flush), to
// two tables: the head (watchlists, reports, filters, poll state) as one JSON row, and one row per
// filing, full or compact, keyed by id with its month of release for pruning. Versioned
// migrations run at open under an advisory lock. One bot holds the store at a time, as with the
// file's lock: a session advisory lock, released when the bot stops or its connection dies.

export interface PostgresStore extends PipelineStore {
  close(): Promise<void>;
}

/** Each migration, in order; a database records the ones applied in estimate_bot_migrations. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE estimate_bot_head (id int PRIMARY KEY CHECK (id = 1), data jsonb NOT NULL);
   CREATE TABLE estimate_bot_filings (
     id text PRIMARY KEY,
     month text NOT NULL,
     compact boolean NOT NULL,
     data jsonb NOT NULL
   );
   CREATE INDEX estimate_bot_filings_month ON estimate_bot_filings (month);`,
];

/** Keys for pg_advisory_lock: one for migrations, one held by the bot that owns the store. */
const MIGRATION_LOCK = 0x65737431;
const OWNER_LOCK = 0x65737432;

async function migrate(client: pg.PoolClient): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS estimate_bot_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT max(version) AS version FROM estimate_bot_migrations',
    );
    const applied = rows[0]?.version ?? 0;
    if (applied > MIGRATIONS.length)
      throw new Error(
        `the database's store has schema version ${applied}, newer than this build's; upgrade the bot`,
      );
    for (let v = applied + 1; v <= MIGRATIONS.length; v++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[v - 1] as string);
        await client.query('INSERT INTO estimate_bot_migrations (version) VALUES ($1)', [v]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return MIGRATIONS.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

async function load(client: pg.PoolClient): Promise<StoreData> {
  const head = await client.query<{ data: StoreHead }>('SELECT data FROM estimate_bot_head WHERE id = 1');
  const rows = await client.query<{ compact: boolean; data: SegmentLine }>(
    'SELECT compact, data FROM estimate_bot_filings',
  );
  const { filings, seen } = emptyData();
  for (const { compact, data: line } of rows.rows) {
    if (compact) {
      const entry = line as SeenEntry;
      seen.set(entry[0], entry);
    } else {
      const record = line as FilingRecord;
      filings[record.filing.id] = record;
    }
  }
  return withFilings(head.rows[0]?.data ?? headOf(emptyData()), { filings, seen });
}

/** The changes in one transaction: filings upserted, the head replaced, old months deleted. */
async function write(pool: pg.Pool, changes: StoreChanges): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const line of changes.filings) {
      const compact = Array.isArray(line);
      const id = compact ? line[0] : line.filing.id;
      const month = monthOf(compact ? line[1] : line.filing.releasedAt);
      await client.query(
        `INSERT INTO estimate_bot_filings (id, month, compact, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET month = EXCLUDED.month, compact = EXCLUDED.compact, data = EXCLUDED.data`,
        [id, month, compact, JSON.stringify(line)],
      );
    }
    if (changes.head)
      await client.query(
        `INSERT INTO estimate_bot_head (id, data) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
        [JSON.stringify(changes.head)],
      );
    if (changes.dropBefore)
      await client.query('DELETE FROM estimate_bot_filings WHERE month < $1', [changes.dropBefore]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

interface Database {
  data: StoreData;
  write(changes: StoreChanges): Promise<void>;
  /** Releases the owner's lock and the connections. */
  close(): Promise<void>;
}

/**
 * Connects to the database at `url`, takes the owner's lock (another bot holding it is a
 * DatabaseLockedError), migrates it and loads its data.
 */
async function openDatabase(url: string, log: Log): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client's error (the server restarting) must not crash the bot; the next query says it.
  pool.on('error', (e: Error) => log.warn({ err: e }, 'PostgreSQL connection error'));
  let owner: pg.PoolClient | undefined;
  try {
    owner = await pool.connect();
    const locked = await owner.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [OWNER_LOCK]);
    if (!locked.rows[0]?.ok) throw new DatabaseLockedError(url);
    await migrate(owner);
    const data = await load(owner);
    const held = owner;
    return {
      data,
      write: (changes) => write(pool, changes),
      async close() {
        held.release();
        await pool.end();
      },
    };
  } catch (e) {
    owner?.release();
    await pool.end().catch(() => {});
    if (e instanceof DatabaseLockedError) throw e;
    throw new StoreIoError('read', redacted(url), new Error(errorMessage(e)));
  }
}

/** Opens the store in the database at `url` (see openDatabase). */
export async function openPostgresStore(url: string, log: Log): Promise<PostgresStore> {
  const db = await openDatabase(url, log);
  const where = redacted(url);
  const store = createStore(db.data, db.write, (e) => new StoreIoError('write', where, e));
  let closing: Promise<void> | null = null;
  return {
    ...store,
    close() {
      closing ??= store.flush().finally(() => db.close());
      return closing;
    },
  };
}

/** Copies a store's data into an empty database store (`cli migrate-store`); returns the rows. */
export async function copyIntoPostgres(data: StoreData, url: string, log: Log): Promise<number> {
  const db = await openDatabase(url, log);
  try {
    const { filings, seen, watchlists, filters } = db.data;
    const empty = [filings, watchlists, filters].every((o) => Object.keys(o).length === 0) && seen.size === 0;
    if (!empty) throw new Error(`the store in ${redacted(url)} is not empty; copy into an empty database`);
    const lines: SegmentLine[] = [...data.seen.values(), ...Object.values(data.filings)];
    await db.write({ head: headOf(data), filings: lines, dropBefore: null });
    return lines.length;
  } finally {
    await db.close();
  }
}
