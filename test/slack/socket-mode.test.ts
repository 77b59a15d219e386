import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createSlackBot, type SlackBot } from '../../src/slack/app.js';
import { createMemoryStore } from '../../src/store/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack.js';
import { type FakeSocketMode, startFakeSocketMode } from '../fakes/socket-mode.js';
import { fakeHkex, fakeParse } from './fake-hkex.js';
import { JL_MAG, JL_MAG_RECORD } from './samples.js';

// Socket Mode as the README's set-up runs the bot: no public URL, an app-level token, and
// requests arriving over a WebSocket that the bot opened, each acknowledged on it.

let slack: FakeSlack;
let socket: FakeSocketMode;
let bot: SlackBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  socket = await startFakeSocketMode();
  slack.openSocketModeAt(socket.wsUrl);
  const store = createMemoryStore();
  store.put(JL_MAG_RECORD);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_APP_TOKEN: 'xapp-1-test',
    SLACK_ALERT_CHANNEL: 'C0001',
    SLACK_API_URL: slack.url,
    PORT: '0',
  });
  bot = createSlackBot(config, {
    store,
    hkex: fakeHkex([]).source,
    parse: fakeParse(JL_MAG).parse,
    log: createLogger('error'),
    postIntervalMs: 0,
  });
  await bot.start();
  await socket.connected();
});

afterAll(async () => {
  await bot?.stop();
  await socket?.close();
  await slack?.close();
});

it('opens its connection through SLACK_API_URL with the app token, and answers /estimate over it', async () => {
  expect(slack.callsTo('apps.connections.open')).toHaveLength(1);
  const ack = await socket.send('slash_commands', {
    command: '/estimate',
    text: '06680',
    channel_id: 'C0001',
    user_id: 'U1',
    team_id: 'T0001',
    response_url: slack.responseUrl('socket'),
    trigger_id: 't',
  });
  expect(ack).toMatchObject({ envelope_id: expect.any(String) });
  await expect
    .poll(() => slack.callsTo('response_url').find((c) => c.body.response_id === 'socket'), { interval: 5 })
    .toBeDefined();
  const answer = slack.callsTo('response_url').find((c) => c.body.response_id === 'socket');
  expect(answer?.body.response_type).toBe('ephemeral');
  expect(JSON.stringify(answer?.body)).toContain('RMB702.3m–838.2m');
});
