import { createHmac } from 'node:crypto';
import { HTTPReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { appOptions, createSlackBot, EVENTS_PATH, type SlackBot } from '../../src/slack/app.js';
import { createMemoryStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';
import { fakeHkex, fakeParse } from './fake-hkex.js';
import { JL_MAG, JL_MAG_RECORD } from './samples.js';

const SECRET = 'abcdef0123456789abcdef0123456789';
const ALERT = { channel: 'C1', ts: '1700000000.000001' };
const log = createLogger('error');

const configFor = (slack: FakeSlack, extra: Record<string, string> = {}) =>
  loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_ALERT_CHANNEL: 'C0001',
    SLACK_API_URL: slack.url,
    PORT: '0',
    ...extra,
  });

let slack: FakeSlack;
let bot: SlackBot;
let endpoint: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  const store = createMemoryStore();
  store.put({ ...JL_MAG_RECORD, alerts: [ALERT] });
  bot = createSlackBot(configFor(slack), {
    store,
    hkex: fakeHkex([]).source,
    parse: fakeParse(JL_MAG).parse,
    log,
    postIntervalMs: 0,
  });
  const { port } = await bot.start();
  endpoint = `http://127.0.0.1:${port}${EVENTS_PATH}`;
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
});

function sign(body: string, timestamp: number, secret = SECRET): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

async function post(body: string, type: string, headers: Record<string, string> = sign(body, nowSeconds())) {
  return fetch(endpoint, { method: 'POST', headers: { 'content-type': type, ...headers }, body });
}

function command(text: string, responseId: string): string {
  return new URLSearchParams({
    command: '/estimate',
    text,
    channel_id: 'C1',
    user_id: 'U1',
    team_id: 'T0001',
    response_url: slack.responseUrl(responseId),
    trigger_id: 't',
    token: 'legacy',
  }).toString();
}
const FORM = 'application/x-www-form-urlencoded';

describe('slash command over signed HTTP', () => {
  it.each([
    ['6680', 'RMB702.3m–838.2m'],
    ['06680 history', 'Estimates for JL MAG Rare-Earth (06680)'],
    ['watch 700', 'Watching 00700'],
    ['watchlist', 'This channel watches 00700.'],
    ['unwatch 700', 'Stopped watching 00700'],
    ['help', '/estimate CODE history'],
    ['nonsense words here', 'Try one of these'],
  ])('/estimate %s answers through the response URL', async (text, expected) => {
    const id = `r-${text.replace(/\W+/g, '-')}`;
    const res = await post(command(text, id), FORM);
    expect(res.status).toBe(200);
    await expect
      .poll(() => slack.callsTo('response_url').find((c) => c.body.response_id === id), { interval: 5 })
      .toBeDefined();
    const answer = slack.callsTo('response_url').find((c) => c.body.response_id === id);
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer?.body)).toContain(expected);
  });

  it('refuses a bad signature with 401', async () => {
    const body = command('6680', 'bad');
    const res = await post(body, FORM, sign(body, nowSeconds(), 'ffffffffffffffffffffffffffffffff'));
    expect(res.status).toBe(401);
  });

  it('refuses the same signed request sent again, and answers it once', async () => {
    const body = command('6680', 'replayed');
    const headers = sign(body, nowSeconds());
    expect((await post(body, FORM, headers)).status).toBe(200);
    expect((await post(body, FORM, headers)).status).toBe(401);
    await expect
      .poll(() => slack.callsTo('response_url').filter((c) => c.body.response_id === 'replayed').length, {
        interval: 5,
      })
      .toBeGreaterThan(0);
    // Give a wrongly processed replay the time to answer too.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(slack.callsTo('response_url').filter((c) => c.body.response_id === 'replayed')).toHaveLength(1);
  });

  it('refuses a stale timestamp with 401', async () => {
    const body = command('6680', 'stale');
    const res = await post(body, FORM, sign(body, nowSeconds() - 10 * 60));
    expect(res.status).toBe(401);
  });
});

describe('mentions over signed HTTP', () => {
  const event = (eventId: string, text: string) =>
    JSON.stringify({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A1',
      event_id: eventId,
      event_time: nowSeconds(),
      event: {
        type: 'app_mention',
        user: 'U1',
        text,
        ts: '1700000001.000001',
        channel: 'C1',
        thread_ts: ALERT.ts,
      },
    });

  it('answers once, however often Slack retries the event', async () => {
    const before = slack.callsTo('chat.postMessage').length;
    expect((await post(event('Ev1', '<@UBOT> pdf'), 'application/json')).status).toBe(200);
    await slack.waitFor('chat.postMessage', before + 1);
    const retry = event('Ev1', '<@UBOT> pdf');
    const retried = await post(retry, 'application/json', {
      ...sign(retry, nowSeconds()),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retried.status).toBe(200);
    // A later, different event is answered; the retry in between was not.
    await post(event('Ev2', '<@UBOT> figures'), 'application/json');
    const posts = await slack.waitFor('chat.postMessage', before + 2);
    const answers = posts.slice(before);
    expect(answers).toHaveLength(2);
    expect(JSON.stringify(answers[0]?.body)).toContain('2023013001234_c.pdf');
    expect(JSON.stringify(answers[1]?.body)).toContain('RMB702,265,000');
    expect(answers.every((a) => a.body.thread_ts === ALERT.ts)).toBe(true);
  });
});

describe('appOptions', () => {
  it('uses Socket Mode with an app token, HTTP with verification otherwise', async () => {
    const fake = { url: 'http://127.0.0.1:1/api/' } as FakeSlack;
    const socket = appOptions(configFor(fake, { SLACK_APP_TOKEN: 'xapp-1-test' }), { log });
    expect(socket).toMatchObject({ socketMode: true, appToken: 'xapp-1-test', token: 'xoxb-test' });
    expect(socket.signingSecret).toBeUndefined();
    const http = appOptions(configFor(fake), { log });
    // HTTP mode's receiver is built with the replay guard; Bolt verifies the signatures.
    expect(http.receiver).toBeInstanceOf(HTTPReceiver);
    expect(http.receiver).toMatchObject({
      signingSecret: SECRET,
      endpoints: [EVENTS_PATH],
      port: 0,
      processBeforeResponse: false,
    });
    expect(http.clientOptions).toMatchObject({ slackApiUrl: fake.url, rejectRateLimitedCalls: false });
    expect(http.clientOptions?.retryConfig?.retries).toBeGreaterThan(0);
    // No Web API call may hang: each has a timeout, and the retries end within minutes.
    expect(http.clientOptions?.timeout).toBe(15_000);
    expect(http.clientOptions?.retryConfig).toMatchObject({ retries: 5 });
  });
});
