import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_EVENT_TYPE, type AlertSink } from '../../src/alerts.js';
import { createChannelPacer } from '../../src/slack/channel-pacer.js';
import { storeCharts } from '../../src/slack/chart.js';
import { createSlackAlertSink } from '../../src/slack/slack-sink.js';
import { createMemoryStore } from '../../src/store/index.js';
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
    // The sink logs what matters through our logger; the client's own console lines are noise.
    logLevel: webApi.LogLevel.ERROR,
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

  it("uploads the estimate's chart into the alert's thread through the files API", async () => {
    const charting = createSlackAlertSink({
      client: new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR }),
      pace: createChannelPacer(1),
      log: capturedLog().log,
      chart: storeCharts(createMemoryStore()),
    });
    const ref = await charting.postAlert('C1', JL_MAG_RECORD);
    const [upload] = slack.callsTo('file_upload');
    // The upload is a multipart form holding the PNG (its signature).
    expect(
      Buffer.from(upload?.body.bytes as Buffer).includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])),
    ).toBe(true);
    const [complete] = slack.callsTo('files.completeUploadExternal');
    expect(complete?.body).toMatchObject({
      channel_id: 'C1',
      thread_ts: ref.ts,
      files: [{ id: upload?.body.file_id, title: expect.stringContaining('JL MAG Rare-Earth') }],
    });
  });

  it('keeps the alert posted when its chart cannot be uploaded, and logs why', async () => {
    const failing = createSlackAlertSink({
      client: new webApi.WebClient('xoxb-test', { slackApiUrl: slack.url, logLevel: webApi.LogLevel.ERROR }),
      pace: createChannelPacer(1),
      log: capturedLog().log,
      chart: async () => {
        throw new Error('no font');
      },
    });
    const ref = await failing.postAlert('C1', JL_MAG_RECORD);
    expect(ref.ts).toBe(slack.messages[0]?.ts);
    expect(slack.callsTo('files.completeUploadExternal')).toEqual([]);
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

describe('findAlert over a long history', () => {
  /** Messages from people in C1 after everything posted so far, newest last, as Slack keeps them. */
  const chatter = (count: number, over: { thread_ts?: string } = {}) => {
    for (let i = 1; i <= count; i++)
      slack.messages.push({
        channel: 'C1',
        ts: `1800000000.${String(i).padStart(6, '0')}`,
        text: 'hi',
        ...over,
      });
  };

  it('pages back through the history to an alert 300 messages ago, from the filing release on', async () => {
    const alert = await sink.postAlert('C1', JL_MAG_RECORD);
    chatter(300);

    expect(await sink.findAlert('C1', '11234567', JL_MAG_RECORD)).toBe(alert.ts);

    const reads = slack.callsTo('conversations.history');
    expect(reads.length).toBeGreaterThan(1);
    const oldest = ((Date.parse(JL_MAG_RECORD.filing.releasedAt) - 3_600_000) / 1000).toFixed(6);
    for (const read of reads) expect(read.body).toMatchObject({ channel: 'C1', oldest });
    expect(reads[1]?.body.cursor).toEqual(expect.any(String));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('finds it without the record too, and reads small pages to the end', async () => {
    const alert = await sink.postAlert('C1', JL_MAG_RECORD);
    chatter(300);
    slack.pageSize(50);
    expect(await sink.findAlert('C1', '11234567')).toBe(alert.ts);
    expect(slack.callsTo('conversations.history')).toHaveLength(7);
    expect(slack.callsTo('conversations.replies')).toHaveLength(0);
    expect(await sink.findAlert('C1', 'nope')).toBeNull();
  });

  it('stops after 20 pages, saying so, rather than reading the whole channel', async () => {
    await sink.postAlert('C1', JL_MAG_RECORD);
    chatter(30);
    slack.pageSize(1);
    expect(await sink.findAlert('C1', '11234567', JL_MAG_RECORD)).toBeNull();
    expect(slack.callsTo('conversations.history')).toHaveLength(20);
    expect(logLines().some((l) => l.msg === 'alert not found in the history read')).toBe(true);
  });

  it('names the channel and filing when the history cannot be read', async () => {
    await sink.postAlert('C1', JL_MAG_RECORD);
    chatter(300);
    const found = sink.findAlert('C1', '11234567', JL_MAG_RECORD);
    await slack.waitFor('conversations.history', 1);
    slack.failNext(11, { status: 500 });
    await expect(found).rejects.toThrow(/^reading C1 history for filing 11234567 failed/);
  });
});

describe('findAlert and the details thread', () => {
  /** An alert whose details never went out: the bot stopped between the two posts. */
  async function alertWithoutThread() {
    const alert = await sink.postAlert('C1', JL_MAG_RECORD);
    slack.messages.splice(1, 1);
    return alert;
  }
  const details = () =>
    slack.messages.filter(
      (m) =>
        m.thread_ts !== undefined &&
        String(JSON.stringify(m.metadata)).includes('11234567') &&
        String(JSON.stringify(m.blocks)).includes('RMB702,265,000 to RMB838,187,300'),
    );

  it('posts the missing details under a found alert, once', async () => {
    const alert = await alertWithoutThread();
    // People replied meanwhile: their messages are not the details.
    slack.messages.push({ channel: 'C1', ts: '1800000000.000001', text: 'big', thread_ts: alert.ts });

    expect(await sink.findAlert('C1', '11234567', JL_MAG_RECORD)).toBe(alert.ts);
    expect(details()).toEqual([
      expect.objectContaining({
        channel: 'C1',
        thread_ts: alert.ts,
        reply_broadcast: false,
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { filing_id: '11234567' } },
      }),
    ]);
    expect(slack.callsTo('conversations.replies')[0]?.body).toMatchObject({
      channel: 'C1',
      ts: alert.ts,
      include_all_metadata: true,
    });

    expect(await sink.findAlert('C1', '11234567', JL_MAG_RECORD)).toBe(alert.ts);
    expect(details()).toHaveLength(1);
  });

  it('leaves a complete thread alone, however long', async () => {
    const alert = await sink.postAlert('C1', JL_MAG_RECORD);
    for (let i = 1; i <= 250; i++)
      slack.messages.push({
        channel: 'C1',
        ts: `1800000000.${String(i).padStart(6, '0')}`,
        thread_ts: alert.ts,
      });
    slack.pageSize(100);
    expect(await sink.findAlert('C1', '11234567', JL_MAG_RECORD)).toBe(alert.ts);
    expect(details()).toHaveLength(1);
  });

  it("posts a found revision's missing details under the thread it was broadcast in", async () => {
    const first = await sink.postAlert('C1', JL_MAG_RECORD);
    const revised = recordFor(JL_MAG, filingFor(JL_MAG, { id: '2' }), {
      revisionOf: JL_MAG_RECORD.filing.id,
    });
    const revision = await sink.postAlert('C1', revised, { record: JL_MAG_RECORD, alert: first });
    slack.messages.splice(3, 1);

    expect(await sink.findAlert('C1', '2', revised)).toBe(revision.ts);
    const added = slack.messages[3];
    expect(added).toMatchObject({ thread_ts: first.ts, reply_broadcast: false });
    expect(added?.metadata).toMatchObject({ event_payload: { filing_id: '2' } });
    expect(slack.messages).toHaveLength(4);

    await sink.findAlert('C1', '2', revised);
    expect(slack.messages).toHaveLength(4);
  });

  it('still returns the found alert when its details cannot be posted, and logs it', async () => {
    const alert = await alertWithoutThread();
    const found = sink.findAlert('C1', '11234567', JL_MAG_RECORD);
    await slack.waitFor('conversations.replies', 1);
    slack.failNext(11, { status: 503 });
    expect(await found).toBe(alert.ts);
    expect(
      logLines().some(
        (l) => l.msg === 'alert found but its thread could not be completed' && l.ts === alert.ts,
      ),
    ).toBe(true);
  });
});
