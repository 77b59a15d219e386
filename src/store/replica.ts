import type pg from 'pg';
import type { Log } from '../log.js';

// Replicas on one database. Each holds, on a session of its own, an advisory lock on a random key:
// its claims on deliveries name that key, and a claim whose key no session holds any longer was
// made by a replica that died (deliveries.ts). One replica at a time also holds the leader's
// lock and polls HKEXnews. Session locks end with the session: when a replica dies, its
// connection closes and another takes over, with no lease to wait out.

/** pg_advisory_lock(int, int) namespace of replicas' keys; pg_locks shows it as classid. */
export const REPLICA_NAMESPACE = 0x65737433;
/** pg_advisory_lock(bigint) key of the leader. */
const LEADER_LOCK = 0x65737432;

export interface Replica {
  /** This replica's key, named by its claims. */
  key: number;
  /** Tries to become the leader, at once; true while this replica leads. */
  lead(): Promise<boolean>;
  isLeader(): boolean;
  /** Called once if the replica's session ends under it (its claims and leadership went with it). */
  onLost(listener: (error: Error) => void): void;
  /** Gives up leadership and the replica's key. */
  leave(): Promise<void>;
}

export async function joinReplicas(pool: pg.Pool, log: Log): Promise<Replica> {
  const session = await pool.connect();
  let key = 0;
  try {
    for (let tries = 0; key === 0 && tries < 5; tries++) {
      const candidate = 1 + Math.floor(Math.random() * 0x7ffffffe);
      const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        REPLICA_NAMESPACE,
        candidate,
      ]);
      if (rows[0]?.ok) key = candidate;
    }
    if (key === 0) throw new Error('could not take a replica key');
  } catch (e) {
    session.release(true);
    throw e;
  }
  let leader = false;
  let lost: Error | null = null;
  let left = false;
  const listeners: ((error: Error) => void)[] = [];
  session.on('error', (error: Error) => {
    if (left || lost) return;
    lost = error;
    leader = false;
    log.error({ err: error, replica: key }, 'the replica lost its database session');
    for (const listener of listeners) listener(error);
  });
  return {
    key,
    async lead() {
      if (leader) return true;
      if (lost || left) return false;
      const { rows } = await session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [
        LEADER_LOCK,
      ]);
      leader = rows[0]?.ok === true;
      if (leader) log.info({ replica: key }, 'this replica leads: it polls HKEXnews');
      return leader;
    },
    isLeader: () => leader,
    onLost(listener) {
      listeners.push(listener);
    },
    async leave() {
      if (left) return;
      left = true;
      leader = false;
      // Released before the session closes, so that another replica may lead as soon as this
      // resolves rather than once the server notices the closed connection.
      if (!lost) await session.query('SELECT pg_advisory_unlock_all()').catch(() => {});
      // The session is discarded rather than put back in the pool.
      session.release(true);
    },
  };
}
