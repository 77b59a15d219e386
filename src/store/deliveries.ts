import type pg from 'pg';
import type { Delivery, DeliveryQueue, PostedDelivery } from '../deliveries.js';
import { REPLICA_NAMESPACE } from './replica.js';

// The deliveries table (see deliveries.ts at the root for the rules). Claims lock their rows with
// FOR UPDATE SKIP LOCKED, so replicas claiming at once take different rows, and commit `posting`
// before anything is sent.

export const DELIVERIES_TABLE = `CREATE TABLE estimate_bot_deliveries (
     filing_id text NOT NULL,
     target text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('alert', 'failure')),
     after_filing text,
     state text NOT NULL DEFAULT 'pending'
       CHECK (state IN ('pending', 'posting', 'posted', 'failed', 'skipped')),
     attempts int NOT NULL DEFAULT 0,
     verify boolean NOT NULL DEFAULT false,
     claimed_by bigint,
     due_at timestamptz NOT NULL DEFAULT now(),
     ts text,
     error text,
     folded boolean NOT NULL DEFAULT false,
     seq bigserial,
     PRIMARY KEY (filing_id, target)
   );
   CREATE INDEX estimate_bot_deliveries_open ON estimate_bot_deliveries (seq)
     WHERE state IN ('pending', 'posting');
   CREATE INDEX estimate_bot_deliveries_unfolded ON estimate_bot_deliveries (seq)
     WHERE state = 'posted' AND NOT folded;`;

/**
 * Due: pending and due, or posting under the key of a replica whose session is gone; and not
 * waiting on the delivery it is threaded under.
 */
const CLAIM = `
  WITH due AS (
    SELECT d.filing_id, d.target FROM estimate_bot_deliveries d
    WHERE ((d.state = 'pending' AND d.due_at <= now())
        OR (d.state = 'posting' AND NOT EXISTS (
          SELECT 1 FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.classid::bigint = $2 AND l.objid::bigint = d.claimed_by)))
      AND (d.after_filing IS NULL OR NOT EXISTS (
        SELECT 1 FROM estimate_bot_deliveries a
        WHERE a.filing_id = d.after_filing AND a.target = d.target AND a.state IN ('pending', 'posting')))
    ORDER BY d.seq
    LIMIT $3
    FOR UPDATE OF d SKIP LOCKED)
  UPDATE estimate_bot_deliveries d
  SET state = 'posting', claimed_by = $1, attempts = d.attempts + 1, verify = d.verify OR d.state = 'posting'
  FROM due
  WHERE d.filing_id = due.filing_id AND d.target = due.target
  RETURNING d.filing_id, d.target, d.kind, d.attempts, d.verify, d.seq`;

interface ClaimRow {
  filing_id: string;
  target: string;
  kind: Delivery['kind'];
  attempts: number;
  verify: boolean;
  seq: string;
}

const posted = (rows: { filing_id: string; target: string; ts: string }[]): PostedDelivery[] =>
  rows.map((r) => ({ filingId: r.filing_id, channel: r.target, ts: r.ts }));

export function createDeliveryQueue(pool: pg.Pool, replicaKey: number): DeliveryQueue {
  const mine = 'WHERE filing_id = $1 AND target = $2 AND claimed_by = $3';
  return {
    async enqueue(filingId, targets, { kind, after, verify }) {
      if (targets.length === 0) return;
      await pool.query(
        `INSERT INTO estimate_bot_deliveries (filing_id, target, kind, after_filing, verify)
         SELECT $1, t, $3, $4, $5 FROM unnest($2::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n
         ON CONFLICT (filing_id, target) DO NOTHING`,
        [filingId, targets, kind, after, verify],
      );
    },

    async claim(limit) {
      const { rows } = await pool.query<ClaimRow>(CLAIM, [replicaKey, REPLICA_NAMESPACE, limit]);
      return rows
        .sort((a, b) => Number(a.seq) - Number(b.seq))
        .map((r) => ({
          filingId: r.filing_id,
          target: r.target,
          kind: r.kind,
          attempts: r.attempts,
          verify: r.verify,
        }));
    },

    async posted(d, ts) {
      await pool.query(`UPDATE estimate_bot_deliveries SET state = 'posted', ts = $4, error = NULL ${mine}`, [
        d.filingId,
        d.target,
        replicaKey,
        ts,
      ]);
    },

    async retry(d, error, delayMs) {
      await pool.query(
        `UPDATE estimate_bot_deliveries
         SET state = 'pending', verify = true, claimed_by = NULL,
           due_at = now() + make_interval(secs => $4::double precision / 1000), error = $5 ${mine}`,
        [d.filingId, d.target, replicaKey, delayMs, error],
      );
    },

    async end(d, state, error) {
      await pool.query(`UPDATE estimate_bot_deliveries SET state = $4, error = $5 ${mine}`, [
        d.filingId,
        d.target,
        replicaKey,
        state,
        error,
      ]);
    },

    async alertsOf(filingIds) {
      if (filingIds.length === 0) return [];
      const { rows } = await pool.query(
        `SELECT filing_id, target, ts FROM estimate_bot_deliveries
         WHERE filing_id = ANY($1::text[]) AND state = 'posted' ORDER BY seq`,
        [filingIds],
      );
      return posted(rows);
    },

    async unfolded(limit) {
      const { rows } = await pool.query(
        `SELECT filing_id, target, ts FROM estimate_bot_deliveries
         WHERE state = 'posted' AND NOT folded ORDER BY seq LIMIT $1`,
        [limit],
      );
      return posted(rows);
    },

    async folded(done) {
      if (done.length === 0) return;
      await pool.query(
        `UPDATE estimate_bot_deliveries d SET folded = true
         FROM unnest($1::text[], $2::text[]) AS f(filing_id, target)
         WHERE d.filing_id = f.filing_id AND d.target = f.target`,
        [done.map((d) => d.filingId), done.map((d) => d.channel)],
      );
    },
  };
}
