import type { AlertRef } from './store/types.js';

// Deliveries as rows, for replicas sharing a database: the leader's poll records one per filing
// and target, and any replica claims and sends them. A row is `posting` (committed) before its
// message goes out and `posted` after, so a replica that dies in between leaves it `posting`
// under a claim no live replica holds: the next claimant asks Slack (AlertSink.findAlert) first.

export type DeliveryKind = 'alert' | 'failure';

export interface Delivery {
  filingId: string;
  /** The channel, as the AlertSink takes it (workspace-qualified in multi-workspace mode). */
  target: string;
  kind: DeliveryKind;
  /** Tries so far, this one included. */
  attempts: number;
  /** An earlier try may have sent it: ask Slack before sending. */
  verify: boolean;
}

export interface EnqueueOptions {
  kind: DeliveryKind;
  /** The filing whose deliveries to the same targets go first: the one this is threaded under. */
  after: string | null;
  /** Its message may be in Slack already (a first start's backfill): ask before sending. */
  verify: boolean;
}

export interface PostedDelivery extends AlertRef {
  filingId: string;
}

export interface DeliveryQueue {
  /**
   * Records a delivery per target, unless one is recorded already (enqueuing again after a crash
   * adds nothing).
   */
  enqueue(filingId: string, targets: readonly string[], how: EnqueueOptions): Promise<void>;
  /** Claims up to `limit` due deliveries for this replica, oldest first; none another claims. */
  claim(limit: number): Promise<Delivery[]>;
  posted(d: Delivery, ts: string): Promise<void>;
  /** Back to the queue, due `delayMs` from now by the database's clock (the one claims compare with). */
  retry(d: Delivery, error: string, delayMs: number): Promise<void>;
  /** Given up: `failed` after its last try, `skipped` for a workspace that is gone. */
  end(d: Delivery, state: 'failed' | 'skipped', error: string): Promise<void>;
  /** Posted deliveries of these filings. */
  alertsOf(filingIds: readonly string[]): Promise<PostedDelivery[]>;
  /** Posted deliveries not yet copied into their filings' records (see `folded`). */
  unfolded(limit: number): Promise<PostedDelivery[]>;
  folded(done: readonly PostedDelivery[]): Promise<void>;
}
