import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/slack/app.js';
import {
  createInstallationStore,
  createWorkspaceSinks,
  WorkspaceGoneError,
} from '../../src/slack/workspaces.js';
import { createMemoryStore } from '../../src/store/index.js';
import { type FakeSlack, installedToken, startFakeSlack } from '../fakes/slack.js';
import { quietLog } from '../pipeline/fakes.js';
import { JL_MAG_RECORD } from './samples.js';

// Each workspace's alerts go out with its own token, and one workspace's refused token marks it
// gone without touching the others.

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack.close();
});

const installation = (team: string) => ({
  team: { id: team },
  enterprise: undefined,
  isEnterpriseInstall: false,
  bot: { token: installedToken(team), id: `B${team}`, userId: `U${team}`, scopes: [] },
  user: { id: 'U0', token: undefined, scopes: undefined },
});

async function setup() {
  const store = createMemoryStore();
  const installs = createInstallationStore(store, quietLog());
  for (const team of ['TA', 'TB']) await installs.storeInstallation(installation(team));
  const sinks = createWorkspaceSinks({
    store,
    log: quietLog(),
    apiUrl: slack.url,
    postIntervalMs: 0,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  return { store, installs, sinks };
}

describe('alerts to many workspaces', () => {
  it("posts with the channel's own workspace token and names the target in the ref", async () => {
    const { sinks } = await setup();
    const ref = await sinks.postAlert('TA:C1', JL_MAG_RECORD);
    expect(ref.channel).toBe('TA:C1');
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C1');
    expect(posts.map((c) => c.token)).toContain(installedToken('TA'));
    expect(posts.map((c) => c.token)).not.toContain(installedToken('TB'));
  });

  it('marks a workspace gone when Slack refuses its token, and never calls Slack for it again', async () => {
    const { store, sinks, installs } = await setup();
    slack.refuseToken(installedToken('TB'));
    const refused = sinks.postAlert('TB:C2', JL_MAG_RECORD);
    await expect(refused).rejects.toBeInstanceOf(WorkspaceGoneError);
    expect(sinks.isGone?.(await refused.catch((e: unknown) => e))).toBe(true);
    expect(store.workspace('TB')?.revokedBecause).toBe('invalid_auth');
    const calls = slack.calls.length;
    await expect(sinks.postAlert('TB:C2', JL_MAG_RECORD)).rejects.toBeInstanceOf(WorkspaceGoneError);
    expect(slack.calls).toHaveLength(calls);
    await expect(
      installs.fetchInstallation({ teamId: 'TB', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/no installation/);
    await expect(sinks.postAlert('TA:C1', JL_MAG_RECORD)).resolves.toMatchObject({ channel: 'TA:C1' });
  });

  it('treats a channel of a workspace never installed as gone', async () => {
    const { sinks } = await setup();
    await expect(sinks.postAlert('TNEVER:C1', JL_MAG_RECORD)).rejects.toBeInstanceOf(WorkspaceGoneError);
  });

  it("asks for the manifest's bot scopes", () => {
    const manifest = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
    const bot = manifest.slice(manifest.indexOf('    bot:'), manifest.indexOf('settings:'));
    const scopes = [...bot.matchAll(/^\s+- ([a-z_:.]+)$/gm)].map((m) => m[1]);
    expect([...BOT_SCOPES].sort()).toEqual(scopes.sort());
  });
});
