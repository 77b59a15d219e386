import pg from 'pg';
import type { DeliveryQueue } from '../deliveries.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import { headOf, withFilings } from './codec.js';
import type { SeenEntry } from './compact.js';
import { createDeliveryQueue, DELIVERIES_TABLE } from './deliveries.js';
import { redacted, StoreIoError } from './errors.js';
import { joinReplicas, type Replica } from './replica.js';
import { emptyData, type StoreData, type StoreHead } from './schema.js';
import { monthOf, type SegmentLine } from './segments.js';
import { createStore, type SharedStore, type StoreChanges } from './store.js';
import type { FilingRecord } from './types.js';

export { redacted } from './errors.js';

// The store in PostgreSQL (node-postgres), for DATABASE_URL: the same data and the same Store as
// the file store, written the same way (only what changed, in one transaction per flush), to
// two tables: the head (watchlists, reports, filters, subscriptions, workspaces, poll state) as one
// JSON row, and one row per filing, full or compact, keyed by id with its month of release for
// pruning. Versioned migrations run at open under an advisory lock.
//
// Any number of replicas share one database. Each keeps the data in memory and takes in what the
// others wrote by sequence number (`refresh`); a write replays its changes to the head onto the
// head as it stands in the database, under its row lock, so replicas changing different channels
// never undo each other. Filings are written by the leader alone (replica.ts), which keeps their
// sequence numbers in commit order. Deliveries are rows of their own (deliveries.ts).

export interface PostgresStore extends SharedStore {
  /** Takes in what other replicas wrote since the last refresh. */
  refresh(): Promise<void>;
  deliveries: DeliveryQueue;
  replica: Replica;
  close(): Promise<void>;
}

/** Connections per replica: its own session (keys, leadership) and claims beside a flush and a refresh. */
const POOL_SIZE = 6;

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
  // Replicas: what changed, by sequence number; deliveries as rows.
  `CREATE SEQUENCE estimate_bot_seq;
   ALTER TABLE estimate_bot_head ADD COLUMN seq bigint NOT NULL DEFAULT nextval('estimate_bot_seq');
   ALTER TABLE estimate_bot_filings ADD COLUMN seq bigint NOT NULL DEFAULT nextval('estimate_bot_seq');
   CREATE INDEX estimate_bot_filings_seq ON estimate_bot_filings (seq);
   ${DELIVERIES_TABLE}`,
];

/** Key for pg_advisory_lock while migrating. */
const MIGRATION_LOCK = 0x65737431;

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

/** How far a replica has taken in the database's changes. */
interface Seen {
  head: number;
  filings: number;
}

/** Every row as data, and the sequence numbers read up to. */
async function load(client: pg.PoolClient): Promise<{ data: StoreData; seen: Seen }> {
  const head = await client.query<{ data: StoreHead; seq: string }>(
    'SELECT data, seq FROM estimate_bot_head WHERE id = 1',
  );
  const rows = await client.query<{ compact: boolean; data: SegmentLine; seq: string }>(
    'SELECT compact, data, seq FROM estimate_bot_filings',
  );
  const { filings, seen } = emptyData();
  let filingSeq = 0;
  for (const { compact, data: line, seq } of rows.rows) {
    filingSeq = Math.max(filingSeq, Number(seq));
    if (compact) {
      const entry = line as SeenEntry;
      seen.set(entry[0], entry);
    } else {
      const record = line as FilingRecord;
      filings[record.filing.id] = record;
    }
  }
  const data = withFilings(head.rows[0]?.data ?? headOf(emptyData()), { filings, seen });
  return { data, seen: { head: Number(head.rows[0]?.seq ?? 0), filings: filingSeq } };
}

/** What others wrote after `since`: the filings' rows in order, and the head if it changed. */
async function changesSince(
  pool: pg.Pool,
  since: Seen,
): Promise<{ filings: SegmentLine[]; head: StoreHead | null; seen: Seen }> {
  const [head, rows] = await Promise.all([
    pool.query<{ data: StoreHead; seq: string }>(
      'SELECT data, seq FROM estimate_bot_head WHERE id = 1 AND seq > $1',
      [since.head],
    ),
    pool.query<{ data: SegmentLine; seq: string }>(
      'SELECT data, seq FROM estimate_bot_filings WHERE seq > $1 ORDER BY seq',
      [since.filings],
    ),
  ]);
  const last = rows.rows.at(-1);
  return {
    filings: rows.rows.map((r) => r.data),
    head: head.rows[0]?.data ?? null,
    seen: {
      head: head.rows[0] ? Number(head.rows[0].seq) : since.head,
      filings: last ? Number(last.seq) : since.filings,
    },
  };
}

/**
 * The changes in one transaction: filings upserted, the head changed, old months deleted. The
 * head's changes are replayed onto the head as the database holds it, locked; returned with the
 * sequence numbers written.
 */
async function write(
  pool: pg.Pool,
  changes: StoreChanges,
): Promise<{ head: StoreHead | null; headSeq: number | null; filingSeq: number | null }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    let filingSeq: number | null = null;
    for (const line of changes.filings) {
      const compact = Array.isArray(line);
      const id = compact ? line[0] : line.filing.id;
      const month = monthOf(compact ? line[1] : line.filing.releasedAt);
      const { rows } = await client.query<{ seq: string }>(
        `INSERT INTO estimate_bot_filings (id, month, compact, data) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET month = EXCLUDED.month, compact = EXCLUDED.compact,
           data = EXCLUDED.data, seq = nextval('estimate_bot_seq')
         RETURNING seq`,
        [id, month, compact, JSON.stringify(line)],
      );
      filingSeq = Number(rows[0]?.seq);
    }
    let head: StoreHead | null = null;
    let headSeq: number | null = null;
    if (changes.head) {
      const current = await client.query<{ data: StoreHead }>(
        'SELECT data FROM estimate_bot_head WHERE id = 1 FOR UPDATE',
      );
      head = merged(current.rows[0]?.data ?? null, changes);
      const { rows } = await client.query<{ seq: string }>(
        `INSERT INTO estimate_bot_head (id, data) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, seq = nextval('estimate_bot_seq')
         RETURNING seq`,
        [JSON.stringify(head)],
      );
      headSeq = Number(rows[0]?.seq);
    }
    if (changes.dropBefore) {
      await client.query('DELETE FROM estimate_bot_filings WHERE month < $1', [changes.dropBefore]);
      // Deliveries go with their filings once done; one still open is left to finish.
      await client.query(
        `DELETE FROM estimate_bot_deliveries d
         WHERE d.state IN ('posted', 'failed', 'skipped')
           AND NOT EXISTS (SELECT 1 FROM estimate_bot_filings f WHERE f.id = d.filing_id)`,
      );
    }
    await client.query('COMMIT');
    return { head, headSeq, filingSeq };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/** The database's head with this write's changes replayed onto it (none there yet: this write's). */
function merged(current: StoreHead | null, changes: StoreChanges): StoreHead {
  if (!current || !changes.head) return changes.head ?? headOf(emptyData());
  const data = withFilings(current, { filings: {}, seen: new Map() });
  for (const op of changes.ops) op(data);
  return headOf(data);
}

interface Database {
  pool: pg.Pool;
  data: StoreData;
  seen: Seen;
  /** Releases the connections. */
  close(): Promise<void>;
}

/** Connects to the database at `url`, migrates it and loads its data. */
async function openDatabase(url: string, log: Log): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  // An idle client's error (the server restarting) must not crash the bot; the next query says it.
  pool.on('error', (e: Error) => log.warn({ err: e }, 'PostgreSQL connection error'));
  try {
    const client = await pool.connect();
    try {
      await migrate(client);
      const { data, seen } = await load(client);
      return { pool, data, seen, close: () => pool.end() };
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end().catch(() => {});
    throw new StoreIoError('read', redacted(url), new Error(errorMessage(e)));
  }
}

/** Opens the store in the database at `url` (see openDatabase), as one replica of any number. */
export async function openPostgresStore(url: string, log: Log): Promise<PostgresStore> {
  const db = await openDatabase(url, log);
  const where = redacted(url);
  const seen = db.seen;
  const store = createStore(
    db.data,
    async (changes) => {
      const wrote = await write(db.pool, changes);
      // Only this replica's own filings are skipped: while it leads, no other replica writes any.
      if (wrote.filingSeq !== null) seen.filings = Math.max(seen.filings, wrote.filingSeq);
      if (wrote.headSeq !== null) seen.head = wrote.headSeq;
      return wrote.head ?? undefined;
    },
    (e) => new StoreIoError('write', where, e),
  );
  let replica: Replica;
  try {
    replica = await joinReplicas(db.pool, log);
  } catch (e) {
    await db.close();
    throw new StoreIoError('read', where, new Error(errorMessage(e)));
  }
  let refreshing: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  return {
    ...store,
    deliveries: createDeliveryQueue(db.pool, replica.key),
    replica,
    refresh() {
      refreshing ??= changesSince(db.pool, seen)
        .then((found) => {
          store.absorb(found.filings, found.head);
          Object.assign(seen, found.seen);
        })
        .catch((e: unknown) => {
          throw new StoreIoError('read', where, new Error(errorMessage(e)));
        })
        .finally(() => {
          refreshing = null;
        });
      return refreshing;
    },
    close() {
      closing ??= store
        .flush()
        .finally(() => replica.leave())
        .finally(() => db.close());
      return closing;
    },
  };
}

/** The data in the database at `url`, read once (the CLI's `export` and `reports`). */
export async function readPostgresData(url: string, log: Log): Promise<StoreData> {
  const db = await openDatabase(url, log);
  await db.close();
  return db.data;
}

/** Copies a store's data into an empty database store (`cli migrate-store`); returns the rows. */
export async function copyIntoPostgres(data: StoreData, url: string, log: Log): Promise<number> {
  const db = await openDatabase(url, log);
  try {
    const { filings, seen, watchlists, filters } = db.data;
    const empty = [filings, watchlists, filters].every((o) => Object.keys(o).length === 0) && seen.size === 0;
    if (!empty) throw new Error(`the store in ${redacted(url)} is not empty; copy into an empty database`);
    const lines: SegmentLine[] = [...data.seen.values(), ...Object.values(data.filings)];
    await write(db.pool, { head: headOf(data), ops: [], filings: lines, dropBefore: null });
    return lines.length;
  } finally {
    await db.close();
  }
}
