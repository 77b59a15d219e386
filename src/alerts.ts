import type { AlertRef, FilingRecord } from './store/types.js';

// Where the pipeline sends alerts: Slack when a bot token is configured, else the terminal.
// Every alert carries message metadata naming the filing, so that `findAlert` can reconcile
// a crash between sending and recording, and so that a found alert's details thread can be told
// apart from the people's replies under it.

export const ALERT_EVENT_TYPE = 'estimate_alert';

export interface PreviousAlert {
  /** The earlier estimate this record revises. */
  record: FilingRecord;
  /** Its alert in the same channel: the revision is posted in that thread, broadcast to the channel. */
  alert: AlertRef;
}

export interface AlertSink {
  /**
   * Posts the alert (and its thread) for a parsed estimate, or for results the reply in the
   * settled estimate's thread; returns the message's ref.
   */
  postAlert(channel: string, record: FilingRecord, previous?: PreviousAlert): Promise<AlertRef>;
  /** A short "could not parse" notice with links to the PDFs, posted once a filing is given up on. */
  postFailure(channel: string, record: FilingRecord): Promise<AlertRef>;
  /**
   * ts of an alert already posted for this filing in the channel's history, or null. Given the
   * record, the history is read back to the filing's release only (no alert can be older), and a
   * found alert whose details thread never went out (a crash between the two posts) gets it.
   * `thread`: the thread the alert would be a reply in; a reply not sent to the channel is looked
   * for there (a results reply inside the estimate's range is one).
   */
  findAlert(
    channel: string,
    filingId: string,
    record?: FilingRecord,
    thread?: string,
  ): Promise<string | null>;
  /**
   * True for a failure meaning the channel's workspace uninstalled the app or revoked its token:
   * nothing sent there can succeed (multi-workspace mode; a single workspace's token is a setting).
   */
  isGone?(error: unknown): boolean;
}

/**
 * The record's alert in the channel: looked for in Slack first when an earlier attempt may have
 * sent it (`verify`), posted otherwise. `found`: it was already there.
 */
export async function sendAlert(
  sink: AlertSink,
  channel: string,
  record: FilingRecord,
  previous: PreviousAlert | undefined,
  verify: boolean,
): Promise<{ ts: string; found: boolean }> {
  const found = verify ? await sink.findAlert(channel, record.filing.id, record, previous?.alert.ts) : null;
  if (found) return { ts: found, found: true };
  return { ts: (await sink.postAlert(channel, record, previous)).ts, found: false };
}
