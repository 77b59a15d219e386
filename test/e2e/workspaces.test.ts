import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedToken } from '../fakes/slack.js';
import { type BotProcess, startBotProcess } from './support/bot-process.js';
import { estimateFiling, ordinaryFilings } from './support/exchange.js';
import { postsAbout, SECRETS, startWorld, type World } from './support/setup.js';
import { sendEvent, sendSlashCommand } from './support/slash-command.js';
import { waitFor } from './support/wait.js';

// One bot installed to several workspaces with Slack's OAuth flow against the loopback fake:
// install and redirect (state verified, oauth.v2.access), a channel per workspace subscribed with
// /estimate subscribe, then one filing delivered to each, by each workspace's own token. A
// workspace that uninstalled the app and one whose token Slack refuses are skipped, the second
// tried once only.

const OAUTH = {
  SLACK_CLIENT_ID: '1234567890.1122334455',
  SLACK_CLIENT_SECRET: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  SLACK_STATE_SECRET: 'e2e-state-secret-7d41c2',
};

let world: World;
let bot: BotProcess;
const base = () => `http://127.0.0.1:${bot.port}`;

beforeAll(async () => {
  world = await startWorld('info');
  world.exchange.publish(...ordinaryFilings(14_000_001, 3));
  bot = await startBotProcess({
    ...world.settings,
    SLACK_BOT_TOKEN: '',
    SLACK_ALERT_CHANNEL: '',
    ...OAUTH,
  });
  await bot.nextPoll();
}, 60_000);

afterAll(async () => {
  await bot?.kill();
  await world?.close();
});

/** The install page's link to Slack's consent page, and the state cookie set with it. */
async function beginInstall(): Promise<{ authorize: URL; cookie: string }> {
  const res = await fetch(`${base()}/slack/install`, { redirect: 'manual' });
  const html = await res.text();
  const href = /href="([^"]+oauth\/v2\/authorize[^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
  if (!href) throw new Error(`no consent link in the install page: ${html.slice(0, 300)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { authorize: new URL(href), cookie };
}

async function install(team: string): Promise<Response> {
  const { authorize, cookie } = await beginInstall();
  const state = authorize.searchParams.get('state') ?? '';
  return fetch(`${base()}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}

const subscribe = (team: string, channel: string) =>
  sendSlashCommand({
    port: bot.port,
    signingSecret: SECRETS.signingSecret,
    text: 'subscribe',
    responseUrl: world.slack.responseUrl(`${team}-${channel}`),
    team,
    channel,
  });

const postsWith = (token: string) => world.slack.callsTo('chat.postMessage').filter((c) => c.token === token);

describe('installed to many workspaces', () => {
  it("links to Slack's consent page with the bot's scopes and a signed state", async () => {
    const { authorize, cookie } = await beginInstall();
    expect(authorize.origin + authorize.pathname).toBe(
      new URL('../oauth/v2/authorize', world.slack.url).toString(),
    );
    expect(authorize.searchParams.get('client_id')).toBe(OAUTH.SLACK_CLIENT_ID);
    expect(authorize.searchParams.get('scope')?.split(',')).toContain('chat:write');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(cookie).toMatch(/^slack-app-oauth-state=/);
  });

  it('refuses a redirect whose state it did not sign, and installs nothing', async () => {
    const before = world.slack.callsTo('oauth.v2.access').length;
    const res = await fetch(`${base()}/slack/oauth_redirect?code=code-TFORGED&state=forged`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(world.slack.callsTo('oauth.v2.access')).toHaveLength(before);
  });

  it('installs each workspace, subscribes a channel in each, and delivers to each with its own token', async () => {
    for (const team of ['T1ALPHA', 'T2BETA', 'T3GAMMA']) {
      const res = await install(team);
      expect(res.status, await res.text()).toBe(200);
    }
    expect(world.slack.callsTo('oauth.v2.access').map((c) => c.body.code)).toEqual([
      'code-T1ALPHA',
      'code-T2BETA',
      'code-T3GAMMA',
    ]);
    for (const [team, channel] of [
      ['T1ALPHA', 'C1ALPHA'],
      ['T2BETA', 'C2BETA'],
      ['T3GAMMA', 'C3GAMMA'],
    ] as const) {
      expect((await subscribe(team, channel)).status).toBe(200);
    }
    await waitFor('three confirmations', () =>
      world.slack.callsTo('response_url').filter((c) => /Subscribed/.test(String(c.body.text))).length === 3
        ? true
        : undefined,
    );

    // T2BETA uninstalls the app; T3GAMMA's token is revoked without the bot being told.
    const gone = await sendEvent({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      team: 'T2BETA',
      event: { type: 'app_uninstalled' },
    });
    expect(gone.status).toBe(200);
    world.slack.refuseToken(installedToken('T3GAMMA'));
    await bot.nextPoll();

    const first = estimateFiling('tidewell', 14_100_001);
    world.exchange.publish(first);
    await waitFor(
      'the alert and its thread in T1ALPHA',
      () => (postsAbout(world.slack, String(first.newsId)).length >= 2 ? true : undefined),
      { timeoutMs: 20_000, context: () => bot.output() },
    );
    await bot.nextPoll();
    const alerts = postsAbout(world.slack, String(first.newsId));
    expect(new Set(alerts.map((m) => m.channel))).toEqual(new Set(['C1ALPHA']));
    expect(postsWith(installedToken('T1ALPHA')).length).toBeGreaterThanOrEqual(2);
    expect(postsWith(installedToken('T2BETA'))).toHaveLength(0);
    expect(postsWith(installedToken('T3GAMMA'))).toHaveLength(1);

    // The next filing is not even tried in the workspace whose token was refused.
    const second = estimateFiling('jlMag', 14_100_003);
    world.exchange.publish(second);
    await waitFor(
      'the second alert in T1ALPHA',
      () => (postsAbout(world.slack, String(second.newsId)).length >= 2 ? true : undefined),
      { timeoutMs: 20_000, context: () => bot.output() },
    );
    await bot.nextPoll();
    expect(postsWith(installedToken('T3GAMMA'))).toHaveLength(1);
    expect(bot.output()).not.toContain(installedToken('T1ALPHA'));
    expect(bot.output()).not.toContain(OAUTH.SLACK_CLIENT_SECRET);
  }, 60_000);

  it("publishes a workspace's App Home with its own token, listing its own channels", async () => {
    const opened = await sendEvent({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      team: 'T1ALPHA',
      event: { type: 'app_home_opened', user: 'U0READER', tab: 'home', channel: 'D0HOME' },
    });
    expect(opened.status).toBe(200);
    const [call] = await world.slack.waitFor('views.publish');
    expect(call?.token).toBe(installedToken('T1ALPHA'));
    const view = JSON.stringify(call?.body.view);
    expect(view).toContain('<#C1ALPHA>');
    expect(view).not.toContain('C3GAMMA');
  });
});
