import type { ChannelFilter } from '../channel-filter.js';
import type { Estimate, FigureReport, TwinCheck } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import type { Results } from '../results.js';
import type { Landing } from '../settle/landing.js';
import type { WorkspaceRecord } from './schema.js';

// The store's interface: callers use only this, so lowdb can be replaced without touching them.

export type FilingState = 'seen' | 'parsed' | 'posting' | 'posted' | 'failed';

export interface AlertRef {
  channel: string;
  /** ts of the alert message; its thread hangs under it. */
  ts: string;
}

export interface FilingRecord {
  filing: Filing;
  /** Classified as a profit estimate (title/category, then the parsed kind). */
  isEstimate: boolean;
  state: FilingState;
  attempts: number;
  /** Last failure, with context; null once a step succeeds. */
  error: string | null;
  /** ISO instant before which a failed step is not retried. */
  retryAfter: string | null;
  estimate: Estimate | null;
  /** The other language version's own reading, kept beside the estimate shown. */
  otherEstimate?: Estimate | null;
  /** How the two language versions compared; null or absent for a filing in one language. */
  twin?: TwinCheck | null;
  /** Channels the alert is meant for, fixed when posting starts. */
  targets: string[];
  alerts: AlertRef[];
  /** id of the earlier estimate this one revises (same stock and period). */
  revisionOf: string | null;
  /** First time the bot recorded it (ISO instant). */
  seenAt: string;
  /**
   * Recorded on a first start, outside the backfill window: parsed and stored for `/estimate`,
   * never alerted. Persisted because a parse retried on a later cycle must stay silent too.
   */
  silent?: boolean;
  /**
   * A results announcement of a stock with an estimate in the store: read for the actual
   * figures and replied in the estimate's thread. Cleared when it settles no estimate.
   */
  isResults?: boolean;
  /** The actual figures read from it. */
  results?: Results | null;
  /** id of the estimate these results settle. */
  settles?: string | null;
  /** How each of that estimate's metrics landed, the headline's first. */
  landings?: Landing[];
}

export interface StoreMeta {
  lastPollAt: string | null;
  lastPollError: string | null;
  /** Channel → when its last digest was sent (ISO instant). */
  digests?: Record<string, string>;
}

export interface Store {
  /**
   * The full record; undefined for a filing known not to be an estimate (and without alerts),
   * which is kept compactly: only that it was seen, and when it was released.
   */
  get(id: string): FilingRecord | undefined;
  /** True for every filing recorded, however kept, by its id or its Chinese version's (idZh). */
  has(id: string): boolean;
  /** True when nothing has ever been recorded (first start, or after a corrupt file was moved aside). */
  isEmpty(): boolean;
  /** Insert or replace in memory; `flush` writes. */
  put(record: FilingRecord): void;
  /** Records of one stock code, newest release first; those kept compactly are left out. */
  byStock(code: string): FilingRecord[];
  /** Records in a state, oldest release first; those kept compactly are left out. */
  inState(...states: FilingState[]): FilingRecord[];
  watchlist(channel: string): string[];
  watch(channel: string, code: string): void;
  unwatch(channel: string, code: string): boolean;
  /** Channels whose watchlist includes the code. */
  watchers(code: string): string[];
  /** Every channel with a watchlist, a filter or a subscription, sorted. */
  channels(): string[];
  /** What the channel gets beyond its watchlist; null: every estimate. */
  filter(channel: string): ChannelFilter | null;
  /** Sets the channel's filter, or clears it with null. */
  setFilter(channel: string, filter: ChannelFilter | null): void;
  /** Channels subscribed to every estimate (their filter passing), sorted. */
  subscriptions(): string[];
  /** Subscribes the channel; false when it already was. */
  subscribe(channel: string): boolean;
  /** Ends the channel's subscription; false when it had none. */
  unsubscribe(channel: string): boolean;
  /** A workspace's installation (OAuth), by team id. */
  workspace(teamId: string): WorkspaceRecord | undefined;
  /** Records a workspace's installation or its revocation, or forgets it with null. */
  setWorkspace(teamId: string, workspace: WorkspaceRecord | null): void;
  /** Records a user's report of a wrong figure; `flush` writes it. */
  addReport(report: FigureReport): void;
  /** The reports on one filing, oldest first, or all of them. */
  reports(filingId?: string): FigureReport[];
  meta(): StoreMeta;
  setMeta(patch: Partial<StoreMeta>): void;
  /** Persist everything changed since the last flush, atomically. */
  flush(): Promise<void>;
  /**
   * Estimates whose alerting is unfinished (to parse, to post, or posting), oldest release first.
   * Indexed, so a poll cycle never scans the whole store.
   */
  unfinished?(): FilingRecord[];
  /** Forgets filings released before the instant (ISO); returns how many. */
  prune?(releasedBefore: string): number;
}

/** The store the poll pipeline needs: the optional work-queue and pruning members present. */
export type PipelineStore = Store & Required<Pick<Store, 'unfinished' | 'prune'>>;
