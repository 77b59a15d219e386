import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../../src/alerts.js';
import { errorClass } from '../../src/errors.js';
import type { Estimate } from '../../src/estimate.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createChannelPacer } from '../../src/slack/channel-pacer.js';
import { createSlackAlertSink } from '../../src/slack/slack-sink.js';
import { createMemoryStore } from '../../src/store/index.js';
import type { FilingRecord } from '../../src/store/types.js';
import { startFakeSlack } from '../fakes/slack.js';
import { estimate, FakeHkex, FakeSlack, filing, isProfitEstimate, quietLog, tableParse } from './fakes.js';

// Issue 12: a first start over a store moved aside must not repeat alerts already in Slack, and a
// Slack outage must show in the store's last error, which health.ts classes.

const NOW = new Date('2023-01-30T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();
const MINUTE = 60_000;

function setup(opts: { backfillHours?: number; alerts?: (slack: FakeSlack) => AlertSink } = {}) {
  const store = createMemoryStore();
  const hkex = new FakeHkex();
  const slack = new FakeSlack();
  const estimates = new Map<string, Estimate>();
  const clock = { now: NOW };
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: opts.alerts?.(slack) ?? slack,
    parse: tableParse(estimates).parse,
    isProfitEstimate,
    config: { alertChannels: ['CALERTS'], backfillHours: opts.backfillHours ?? 0 },
    log: quietLog(),
    now: () => clock.now,
  });
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { store, hkex, slack, estimates, pipeline, advance };
}

/** The alert an earlier run (with the store since lost) posted for the filing. */
function alreadyInSlack(slack: FakeSlack, filingId: string, channel = 'CALERTS'): string {
  const ts = '1675070000.000100';
  slack.messages.push({ channel, ts, filingId, kind: 'alert', threadTs: null });
  return ts;
}

describe('a first start with backfill (the store moved aside as corrupt)', () => {
  it('records an alert Slack already has instead of posting it again, and posts the others', async () => {
    const t = setup({ backfillHours: 2 });
    t.hkex.publish(filing('2', hoursAgo(0.5)), filing('1', hoursAgo(1)));
    t.estimates.set('1', estimate()).set('2', estimate({ stockCodes: ['00700'] }));
    const ts = alreadyInSlack(t.slack, '1');

    const result = await t.pipeline.runCycle();

    expect(result).toMatchObject({ posted: 2, silent: 0 });
    expect(t.slack.alerts().map((m) => [m.filingId, m.ts === ts])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(t.store.get('1')).toMatchObject({ state: 'posted', alerts: [{ channel: 'CALERTS', ts }] });
    expect(t.store.get('2')).toMatchObject({ state: 'posted', alerts: [{ channel: 'CALERTS' }] });
    expect(t.slack.findCalls).toBe(2);

    // Later filings are a running bot's own: posted without asking.
    t.hkex.publish(filing('3', hoursAgo(0)));
    t.estimates.set('3', estimate({ stockCodes: ['00005'] }));
    t.advance(MINUTE);
    await t.pipeline.runCycle();
    expect(t.slack.alerts('3')).toHaveLength(1);
    expect(t.slack.findCalls).toBe(2);
  });

  it('still asks when a backfilled filing is read on a later cycle', async () => {
    const t = setup({ backfillHours: 2 });
    t.hkex.publish(filing('1', hoursAgo(1)));
    const ts = alreadyInSlack(t.slack, '1');
    // Not readable yet: the PDF fails to parse on the first start.
    await t.pipeline.runCycle();
    expect(t.store.get('1')).toMatchObject({ state: 'seen', attempts: 1 });

    t.estimates.set('1', estimate());
    t.advance(10 * MINUTE);
    await t.pipeline.runCycle();

    expect(t.slack.alerts('1')).toHaveLength(1);
    expect(t.store.get('1')).toMatchObject({ state: 'posted', alerts: [{ channel: 'CALERTS', ts }] });
  });

  it('asks Slack with the record, so that the sink can read back to its release and mend its thread', async () => {
    const asked: [string, string, FilingRecord | undefined][] = [];
    const t = setup({
      backfillHours: 2,
      alerts: (slack) => ({
        postAlert: slack.postAlert.bind(slack),
        postFailure: slack.postFailure.bind(slack),
        findAlert: async (channel, filingId, record) => {
          asked.push([channel, filingId, record]);
          return slack.findAlert(channel, filingId);
        },
      }),
    });
    t.hkex.publish(filing('1', hoursAgo(1)));
    t.estimates.set('1', estimate());
    await t.pipeline.runCycle();
    expect(asked).toEqual([
      [
        'CALERTS',
        '1',
        expect.objectContaining({
          filing: expect.objectContaining({ id: '1' }),
          estimate: expect.anything(),
        }),
      ],
    ]);
  });
});

describe('a Slack outage', () => {
  /** A store that has been running: not a first start. */
  async function running() {
    const t = setup();
    t.hkex.publish(filing('100', hoursAgo(48), { title: 'MONTHLY RETURN' }));
    await t.pipeline.runCycle();
    return t;
  }

  it('is recorded as the last error, classed slack_failed, until a cycle posts again', async () => {
    const t = await running();
    t.slack.refused.add('CALERTS');
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());

    const result = await t.pipeline.runCycle();

    expect(result).toMatchObject({ outcome: 'done', posted: 0 });
    const { lastPollError, lastPollAt } = t.store.meta();
    expect(lastPollAt).toBe(NOW.toISOString());
    expect(lastPollError).toBe('posting filing 200 to CALERTS failed: not_in_channel');
    expect(errorClass(lastPollError ?? '')).toBe('slack_failed');

    t.slack.refused.clear();
    t.advance(MINUTE);
    await t.pipeline.runCycle();
    expect(t.slack.alerts('200')).toHaveLength(1);
    expect(t.store.meta().lastPollError).toBeNull();
  });

  it("keeps the Slack sink's own wording, and records a failed lookup too", async () => {
    const t = setup({
      backfillHours: 2,
      alerts: (slack) => ({
        postAlert: slack.postAlert.bind(slack),
        postFailure: slack.postFailure.bind(slack),
        findAlert: async (channel, filingId) => {
          throw new Error(`reading ${channel} history for filing ${filingId} failed: fatal_error`);
        },
      }),
    });
    t.hkex.publish(filing('1', hoursAgo(1)));
    t.estimates.set('1', estimate());

    await t.pipeline.runCycle();

    expect(t.slack.alerts()).toEqual([]);
    expect(t.store.get('1')).toMatchObject({ state: 'posting', attempts: 1 });
    const { lastPollError } = t.store.meta();
    expect(lastPollError).toBe('reading CALERTS history for filing 1 failed: fatal_error');
    expect(errorClass(lastPollError ?? '')).toBe('slack_failed');
  });

  it('is recorded when reconciling at start fails to post', async () => {
    const t = await running();
    t.slack.refused.add('CALERTS');
    t.hkex.publish(filing('200', hoursAgo(0.1)));
    t.estimates.set('200', estimate());
    await t.pipeline.runCycle();
    t.store.setMeta({ lastPollError: null });

    await t.pipeline.reconcile();

    expect(errorClass(t.store.meta().lastPollError ?? '')).toBe('slack_failed');
  });
});

describe('a crash right after Slack accepted an alert, in a busy channel', () => {
  it('finds the alert past 300 later messages, posts nothing twice, and completes its thread', async () => {
    const server = await startFakeSlack();
    try {
      const client = new webApi.WebClient('xoxb-test', {
        slackApiUrl: server.url,
        retryConfig: webApi.retryPolicies.rapidRetryPolicy,
        // The sink logs what matters through our logger; the client's own console lines are noise.
        logLevel: webApi.LogLevel.ERROR,
      });
      const sink = createSlackAlertSink({ client, pace: createChannelPacer(1), log: quietLog() });
      const store = createMemoryStore();
      store.setMeta({ lastPollAt: NOW.toISOString() });
      const record: FilingRecord = {
        filing: filing('200', hoursAgo(0.2)),
        isEstimate: true,
        state: 'posting',
        attempts: 0,
        error: null,
        retryAfter: null,
        estimate: estimate(),
        targets: ['CALERTS'],
        alerts: [],
        revisionOf: null,
        seenAt: hoursAgo(0.1),
      };
      store.put(record);
      // The alert went out; the bot died before its details, and the channel moved on.
      const sent = await sink.postAlert('CALERTS', record);
      server.messages.splice(1, 1);
      for (let i = 1; i <= 300; i++)
        server.messages.push({
          channel: 'CALERTS',
          ts: `1800000000.${String(i).padStart(6, '0')}`,
          text: 'hi',
        });
      const posts = server.callsTo('chat.postMessage').length;

      await createPipeline({
        store,
        hkex: new FakeHkex(),
        alerts: sink,
        parse: tableParse(new Map()).parse,
        isProfitEstimate,
        config: { alertChannels: ['CALERTS'], backfillHours: 0 },
        log: quietLog(),
        now: () => NOW,
      }).reconcile();

      expect(store.get('200')).toMatchObject({ state: 'posted', alerts: [sent] });
      const added = server.callsTo('chat.postMessage').slice(posts);
      expect(added.map((c) => [c.body.thread_ts, c.body.reply_broadcast])).toEqual([[sent.ts, false]]);
      expect(server.callsTo('conversations.history').length).toBeGreaterThan(1);
    } finally {
      await server.close();
    }
  });
});
