import type { webApi } from '@slack/bolt';
import { ALERT_EVENT_TYPE, type AlertSink } from '../alerts.js';
import type { DigestSink } from '../digest/run.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import type { AlertRef, FilingRecord } from '../store/types.js';
import { alertContent } from './alert-content.js';
import { failureMessage } from './blocks.js';
import type { Pacer } from './channel-pacer.js';
import type { AlertChart } from './chart.js';
import { digestMessage } from './digest-message.js';
import type { SlackMessage } from './limits.js';

// Alerts as Slack messages. Every post goes through the channel pacer; the WebClient itself
// waits out 429s (see app.ts), so a burst of filings is slowed down, never dropped.

export interface SlackSinkDeps {
  client: webApi.WebClient;
  pace: Pacer;
  log: Log;
  /** The chart posted in an alert's thread; none without it. */
  chart?: (record: FilingRecord) => Promise<AlertChart | null>;
}

/** Messages asked for per page of history or replies (Slack advises at most 200). */
const PAGE = 200;
/** Pages read at most per lookup: 4,000 messages since the filing's release. */
const MAX_PAGES = 20;
/** Slack's clock, the bot's and HKEXnews' may disagree: history is read from this long before. */
const CLOCK_MARGIN_MS = 3_600_000;

/** What a lookup needs of a message from conversations.history or conversations.replies. */
interface ListedMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: unknown };
}

interface ListedPage<M> {
  messages?: M[];
  response_metadata?: { next_cursor?: string };
}

/** Posted by the bot for this filing: the alert, a revision, its details or a failure notice. */
function isForFiling(m: ListedMessage, filingId: string): boolean {
  // The response type declares event_payload as {}: it is whatever the poster put there.
  const payload = m.metadata?.event_payload as { filing_id?: unknown } | undefined;
  return m.metadata?.event_type === ALERT_EVENT_TYPE && payload?.filing_id === filingId;
}

/**
 * The first message `match` accepts, reading page after page; `capped` when the last page read
 * still had more after it.
 */
async function firstMatch<M>(
  read: (cursor: string | undefined) => Promise<ListedPage<M>>,
  match: (m: M) => boolean,
): Promise<{ found?: M; capped: boolean }> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await read(cursor);
    const found = res.messages?.find(match);
    if (found) return { found, capped: false };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return { capped: false };
  }
  return { capped: true };
}

/** Reading a channel's history or a thread failed: worded as health.ts classes 'slack_failed'. */
function historyError(channel: string, filingId: string, cause: unknown): Error {
  return new Error(`reading ${channel} history for filing ${filingId} failed: ${errorMessage(cause)}`, {
    cause,
  });
}

/** Where a lookup's history starts: an hour before the filing's release (or first sighting). */
function oldestFor(record: FilingRecord | undefined): string | undefined {
  if (!record) return undefined;
  const instants = [record.filing.releasedAt, record.seenAt].map(Date.parse).filter(Number.isFinite);
  if (instants.length === 0) return undefined;
  return ((Math.min(...instants) - CLOCK_MARGIN_MS) / 1000).toFixed(6);
}

export function createSlackAlertSink({ client, pace, log, chart }: SlackSinkDeps): AlertSink & DigestSink {
  const post = async (
    channel: string,
    filingId: string,
    message: SlackMessage,
    thread?: { ts: string; broadcast: boolean },
  ): Promise<string> => {
    const placement = thread ? { thread_ts: thread.ts, reply_broadcast: thread.broadcast } : {};
    const res = await pace(channel, () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { filing_id: filingId } },
        ...placement,
      }),
    ).catch((err: unknown) => {
      throw new Error(`posting filing ${filingId} to ${channel} failed: ${errorMessage(err)}`, {
        cause: err,
      });
    });
    if (!res.ts) throw new Error(`posting filing ${filingId} to ${channel}: Slack returned no ts`);
    return res.ts;
  };

  /**
   * Posts a found alert's details in its thread when they are not there (the bot stopped between
   * the alert and its thread). As in postAlert, a failure is logged: the alert itself is out.
   */
  const completeThread = async (
    channel: string,
    record: FilingRecord,
    alert: { ts: string; root: string | undefined },
  ): Promise<void> => {
    const id = record.filing.id;
    // A revision is a reply itself: its details went under the same parent.
    const root = alert.root ?? alert.ts;
    try {
      const { found, capped } = await firstMatch(
        (cursor) =>
          client.conversations.replies({
            channel,
            ts: root,
            include_all_metadata: true,
            limit: PAGE,
            ...(cursor && { cursor }),
          }),
        (m: ListedMessage) => m.ts !== alert.ts && isForFiling(m, id),
      );
      const { thread } = alertContent(record);
      if (found || capped || !thread) return;
      await post(channel, id, thread, { ts: root, broadcast: false });
      log.info({ filingId: id, channel, ts: alert.ts }, "posted a found alert's missing thread");
    } catch (err) {
      log.error(
        { err, filingId: id, channel, ts: alert.ts },
        'alert found but its thread could not be completed',
      );
    }
  };

  /** The estimate's chart in its thread, through the files API (as filesUploadV2 does it). */
  const uploadChart = async (channel: string, record: FilingRecord, thread: string): Promise<void> => {
    try {
      const made = await chart?.(record);
      if (!made) return;
      // Not through the channel pacer: that paces chat.postMessage (one a second per channel);
      // the files API has limits of its own, whose 429s the WebClient waits out.
      await client.filesUploadV2({
        channel_id: channel,
        thread_ts: thread,
        file: Buffer.from(made.png),
        filename: made.filename,
        title: made.title,
      });
    } catch (err) {
      log.error({ err, filingId: record.filing.id, channel }, 'alert posted but its chart failed');
    }
  };

  /** A reply for the filing in a thread, not sent to the channel (so not in its history). */
  const findReply = async (channel: string, filingId: string, thread: string): Promise<string | null> => {
    const { found } = await firstMatch(
      (cursor) =>
        client.conversations.replies({
          channel,
          ts: thread,
          include_all_metadata: true,
          limit: PAGE,
          ...(cursor && { cursor }),
        }),
      (m: ListedMessage) => m.ts !== thread && isForFiling(m, filingId),
    ).catch((err: unknown) => {
      throw historyError(channel, filingId, err);
    });
    return found?.ts ?? null;
  };

  return {
    async postAlert(channel, record, previous): Promise<AlertRef> {
      const id = record.filing.id;
      const { alert, thread, broadcast } = alertContent(record, previous);
      const root = previous?.alert.ts;
      const ts = await post(channel, id, alert, root ? { ts: root, broadcast } : undefined);
      if (!thread) return { channel, ts };
      // The alert is out and must be recorded as such: a failed thread (or chart) is logged, not
      // retried by posting the alert again.
      try {
        await post(channel, id, thread, { ts: root ?? ts, broadcast: false });
      } catch (err) {
        log.error({ err, filingId: id, channel, ts }, 'alert posted but its thread failed');
      }
      await uploadChart(channel, record, root ?? ts);
      return { channel, ts };
    },

    async postDigest(channel, digest) {
      const message = digestMessage(digest);
      const res = await pace(channel, () =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }),
      );
      if (!res.ts) throw new Error(`posting the digest to ${channel}: Slack returned no ts`);
      return { channel, ts: res.ts };
    },

    async postFailure(channel, record) {
      const ts = await post(channel, record.filing.id, failureMessage(record.filing));
      return { channel, ts };
    },

    async findAlert(channel, filingId, record, thread) {
      const oldest = oldestFor(record);
      const { found, capped } = await firstMatch(
        (cursor) =>
          client.conversations.history({
            channel,
            include_all_metadata: true,
            limit: PAGE,
            ...(oldest && { oldest }),
            ...(cursor && { cursor }),
          }),
        (m: ListedMessage) => isForFiling(m, filingId),
      ).catch((err: unknown) => {
        throw historyError(channel, filingId, err);
      });
      if (capped)
        log.warn({ filingId, channel, pages: MAX_PAGES, oldest }, 'alert not found in the history read');
      if (!found?.ts && thread) return findReply(channel, filingId, thread);
      if (!found?.ts) return null;
      if (record?.estimate) await completeThread(channel, record, { ts: found.ts, root: found.thread_ts });
      return found.ts;
    },
  };
}
