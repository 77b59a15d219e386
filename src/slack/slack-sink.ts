import type { webApi } from '@slack/bolt';
import { ALERT_EVENT_TYPE, type AlertSink } from '../alerts.js';
import { errorMessage } from '../errors.js';
import type { Log } from '../log.js';
import type { AlertRef } from '../store/types.js';
import { alertContent } from './alert-content.js';
import { failureMessage } from './blocks.js';
import type { Pacer } from './channel-pacer.js';
import type { SlackMessage } from './limits.js';

// Alerts as Slack messages. Every post goes through the channel pacer; the WebClient itself
// waits out 429s (see app.ts), so a burst of filings is slowed down, never dropped.

export interface SlackSinkDeps {
  client: webApi.WebClient;
  pace: Pacer;
  log: Log;
}

/** How far back `findAlert` looks: the bot posts a few alerts a day, so one page is days of history. */
const HISTORY_PAGE = 200;

export function createSlackAlertSink({ client, pace, log }: SlackSinkDeps): AlertSink {
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

  return {
    async postAlert(channel, record, previous): Promise<AlertRef> {
      const id = record.filing.id;
      const { alert, thread } = alertContent(record, previous);
      const root = previous?.alert.ts;
      const ts = await post(channel, id, alert, root ? { ts: root, broadcast: true } : undefined);
      // The alert is out and must be recorded as such: a failed thread is logged, not retried
      // by posting the alert again.
      try {
        await post(channel, id, thread, { ts: root ?? ts, broadcast: false });
      } catch (err) {
        log.error({ err, filingId: id, channel, ts }, 'alert posted but its thread failed');
      }
      return { channel, ts };
    },

    async postFailure(channel, record) {
      const ts = await post(channel, record.filing.id, failureMessage(record.filing));
      return { channel, ts };
    },

    async findAlert(channel, filingId) {
      const res = await client.conversations
        .history({ channel, include_all_metadata: true, limit: HISTORY_PAGE })
        .catch((err: unknown) => {
          throw new Error(`reading ${channel} history for filing ${filingId} failed: ${errorMessage(err)}`, {
            cause: err,
          });
        });
      // The response type declares event_payload as {}: it is whatever the poster put there.
      const found = res.messages?.find(
        (m) =>
          m.metadata?.event_type === ALERT_EVENT_TYPE &&
          (m.metadata.event_payload as { filing_id?: unknown } | undefined)?.filing_id === filingId,
      );
      return found?.ts ?? null;
    },
  };
}
