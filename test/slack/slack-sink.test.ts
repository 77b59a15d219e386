import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_EVENT_TYPE, type AlertSink } from '../../src/alerts.js';
import { createChannelPacer } from '../../src/slack/channel-pacer.js';
import { createSlackAlertSink } from '../../src/slack/slack-sink.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';
import { capturedLog } from './log-capture.js';
import { filingFor, JL_MAG, JL_MAG_RECORD, recordFor } from './samples.js';

let slack: FakeSlack;
let sink: AlertSink;
let logLines: ReturnType<typeof capturedLog>['lines'];

beforeEach(async () => {
  slack = await startFakeSlack();
  const client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: slack.url,
    retryConfig: webApi.retryPolicies.rapidRetryPolicy,
  });
  const { log, lines } = capturedLog();
  logLines = lines;
  sink = createSlackAlertSink({ client, pace: createChannelPacer(1), log });
});
afterEach(() => slack.close());

describe('postAlert', () => {
  it('posts the alert, then its thread, each carrying the filing id as metadata', async () => {
    const ref = await sink.postAlert('C1', JL_MAG_RECORD);
    const [alert, thread] = slack.messages;
    expect(ref).toEqual({ channel: 'C1', ts: alert?.ts });
    expect(alert).toMatchObject({
      channel: 'C1',
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { filing_id: '11234567' } },
    });
    expect(alert?.thread_ts).toBeUndefined();
    expect(JSON.stringify(alert?.blocks)).toContain('RMB702.3m–838.2m');
    expect(thread).toMatchObject({ channel: 'C1', thread_ts: alert?.ts, reply_broadcast: false });
    expect(JSON.stringify(thread?.blocks)).toContain('RMB702,265,000 to RMB838,187,300');
  });

  it('puts a revision in the earlier thread, broadcast, with its details under the same parent', async () => {
    const first = await sink.postAlert('C1', JL_MAG_RECORD);
    const revised = recordFor(JL_MAG, filingFor(JL_MAG, { id: '2' }), {
      revisionOf: JL_MAG_RECORD.filing.id,
    });
    const ref = await sink.postAlert('C1', revised, { record: JL_MAG_RECORD, alert: first });
    const [, , revision, details] = slack.messages;
    expect(ref.ts).toBe(revision?.ts);
    expect(revision).toMatchObject({ thread_ts: first.ts, reply_broadcast: true });
    expect(JSON.stringify(revision?.blocks)).toContain('Revised estimate');
    expect(details).toMatchObject({ thread_ts: first.ts, reply_broadcast: false });
  });

  it('waits out a 429 and posts everything', async () => {
    slack.failNext(2, { status: 429, retryAfter: 0 });
    await sink.postAlert('C1', JL_MAG_RECORD);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(4);
    expect(slack.messages).toHaveLength(2);
  });

  it('retries a 5xx too', async () => {
    slack.failNext(1, { status: 502 });
    await sink.postAlert('C1', JL_MAG_RECORD);
    expect(slack.messages).toHaveLength(2);
  });

  // The fast retry policy gives up after ten retries.
  const GIVE_UP = 11;

  it('fails with the filing and channel named when the alert cannot be posted', async () => {
    slack.failNext(GIVE_UP, { status: 500 });
    await expect(sink.postAlert('C1', JL_MAG_RECORD)).rejects.toThrow(/filing 11234567 to C1 failed/);
  });

  it('keeps the alert ref when only the thread fails, and logs it', async () => {
    const posted = sink.postAlert('C1', JL_MAG_RECORD);
    await slack.waitFor('chat.postMessage', 1);
    slack.failNext(GIVE_UP, { status: 503 });
    const ref = await posted;
    expect(ref.ts).toBe(slack.messages[0]?.ts);
    expect(
      logLines().some((l) => l.msg === 'alert posted but its thread failed' && l.filingId === '11234567'),
    ).toBe(true);
  });

  it('refuses a record without an estimate', async () => {
    await expect(sink.postAlert('C1', recordFor(null, filingFor(JL_MAG)))).rejects.toThrow(
      /filing 11234567 has no parsed/,
    );
  });
});

describe('postFailure and findAlert', () => {
  it('posts a failure notice with metadata, and finds alerts by filing id', async () => {
    const failed = recordFor(null, filingFor(JL_MAG, { id: '777', title: 'PROFIT WARNING' }), {
      state: 'failed',
    });
    const notice = await sink.postFailure('C1', failed);
    const alert = await sink.postAlert('C1', JL_MAG_RECORD);
    expect(await sink.findAlert('C1', '777')).toBe(notice.ts);
    expect(await sink.findAlert('C1', '11234567')).toBe(alert.ts);
    expect(await sink.findAlert('C1', 'nope')).toBeNull();
    expect(await sink.findAlert('C2', '777')).toBeNull();
    expect(slack.callsTo('conversations.history')[0]?.body).toMatchObject({
      channel: 'C1',
      include_all_metadata: true,
    });
  });
});
