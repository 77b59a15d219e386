import { type Installation, type InstallationQuery, type InstallationStore, webApi } from '@slack/bolt';
import type { AlertSink } from '../alerts.js';
import type { DigestSink } from '../digest/run.js';
import { boltLogger, type Log } from '../log.js';
import type { Store } from '../store/types.js';
import { createChannelPacer } from './channel-pacer.js';
import { slackErrorCode } from './error-code.js';
import { createSlackAlertSink } from './slack-sink.js';
import { MANY_WORKSPACES } from './targets.js';

// Many workspaces (OAuth). Each workspace's installation is kept in the bot's store, by team id;
// its channels are named `TEAM:CHANNEL` wherever the bot keeps channels (watchlists, filters,
// subscriptions, alert refs), so the same channel id in two workspaces never mixes. Alerts go out
// through one Slack sink per workspace, each with its own client (its own 429 waits) and its own
// pacing, so a slow or rate-limited workspace holds up only itself. A workspace that uninstalled
// the app or whose token Slack refuses is marked gone and skipped from then on.

/** Slack's answers meaning a workspace is gone for the bot: nothing sent there can succeed. */
const GONE = new Set(['account_inactive', 'invalid_auth', 'token_revoked', 'not_authed', 'team_not_found']);

/** A delivery to a workspace that uninstalled the app or revoked its token. */
export class WorkspaceGoneError extends Error {
  constructor(
    readonly team: string,
    reason: string,
  ) {
    super(`workspace ${team} is gone (${reason}); its deliveries are skipped`);
    this.name = 'WorkspaceGoneError';
  }
}

/** The team (or, for an org-wide install, the enterprise) an installation is kept under. */
function installationKey(q: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}): string {
  const key = q.isEnterpriseInstall ? q.enterpriseId : q.teamId;
  if (!key) throw new Error('an installation names neither its team nor its enterprise');
  return key;
}

/** Bolt's installation store over the bot's store: installs, reinstalls and uninstalls persist with it. */
export function createInstallationStore(store: Store, log: Log): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const team = installationKey({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      });
      store.setWorkspace(team, { installation, installedAt: new Date().toISOString(), revokedAt: null });
      await store.flush();
      log.info({ team }, 'workspace installed the app');
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const team = installationKey(query);
      const workspace = store.workspace(team);
      if (!workspace || workspace.revokedAt) throw new Error(`no installation for workspace ${team}`);
      return workspace.installation as Installation;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      await markGone(store, installationKey(query), 'uninstalled');
    },
  };
}

/** Marks the workspace gone (uninstalled, token revoked or refused); kept, so a reinstall finds its channels. */
export async function markGone(store: Store, team: string, reason: string): Promise<void> {
  const workspace = store.workspace(team);
  if (!workspace || workspace.revokedAt) return;
  store.setWorkspace(team, { ...workspace, revokedAt: new Date().toISOString(), revokedBecause: reason });
  await store.flush();
}

export interface WorkspaceSinkDeps {
  store: Store;
  log: Log;
  apiUrl: string;
  postIntervalMs: number;
  clientOptions: webApi.WebClientOptions;
  chart?: Parameters<typeof createSlackAlertSink>[0]['chart'];
}

export type WorkspaceSinks = AlertSink &
  DigestSink & {
    /** The workspace's own client; null for one not installed or gone. */
    clientFor(team: string | undefined): webApi.WebClient | null;
  };

/** Alerts and digests to `TEAM:CHANNEL`, each through its workspace's own client and pacing. */
export function createWorkspaceSinks(deps: WorkspaceSinkDeps): WorkspaceSinks {
  const { store, log } = deps;
  /** One client and sink per workspace and token: a reinstall's new token gets new ones. */
  const sinks = new Map<string, { token: string; client: webApi.WebClient; sink: AlertSink & DigestSink }>();

  function workspaceOf(team: string) {
    const workspace = team ? store.workspace(team) : undefined;
    if (!workspace) throw new WorkspaceGoneError(team || '(none)', 'not installed');
    if (workspace.revokedAt) throw new WorkspaceGoneError(team, workspace.revokedBecause ?? 'revoked');
    const token = (workspace.installation as Installation).bot?.token;
    if (!token) throw new WorkspaceGoneError(team, 'its installation has no bot token');
    const known = sinks.get(team);
    if (known?.token === token) return known;
    const client = new webApi.WebClient(token, {
      ...deps.clientOptions,
      slackApiUrl: deps.apiUrl,
      logger: boltLogger(log.child({ team })),
    });
    const sink = createSlackAlertSink({
      client,
      pace: createChannelPacer(deps.postIntervalMs),
      log: log.child({ team }),
      ...(deps.chart && { chart: deps.chart }),
    });
    const made = { token, client, sink };
    sinks.set(team, made);
    return made;
  }

  function sinkFor(target: string): { team: string; channel: string; sink: AlertSink & DigestSink } {
    const team = target.slice(0, Math.max(0, target.indexOf(':')));
    return { team, channel: MANY_WORKSPACES.channel(target), sink: workspaceOf(team).sink };
  }

  /** Runs a call in the target's workspace; a refused token marks the workspace gone. */
  async function within<T>(
    target: string,
    call: (channel: string, sink: AlertSink & DigestSink) => Promise<T>,
  ): Promise<T> {
    const { team, channel, sink } = sinkFor(target);
    try {
      return await call(channel, sink);
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && GONE.has(code)) {
        log.warn({ team, code }, 'Slack refused the workspace token; marking the workspace gone');
        await markGone(store, team, code);
        throw new WorkspaceGoneError(team, code);
      }
      throw error;
    }
  }

  return {
    postAlert: (target, record, previous) =>
      within(target, async (channel, sink) => {
        const placed = previous && { ...previous, alert: { ...previous.alert, channel } };
        const ref = await sink.postAlert(channel, record, placed);
        return { channel: target, ts: ref.ts };
      }),
    postFailure: (target, record) =>
      within(target, async (channel, sink) => ({
        channel: target,
        ts: (await sink.postFailure(channel, record)).ts,
      })),
    findAlert: (target, filingId, record, thread) =>
      within(target, (channel, sink) => sink.findAlert(channel, filingId, record, thread)),
    postDigest: (target, digest) =>
      within(target, async (channel, sink) => ({
        channel: target,
        ts: (await sink.postDigest(channel, digest)).ts,
      })),
    isGone: (error) => error instanceof WorkspaceGoneError,
    clientFor(team) {
      try {
        return team ? workspaceOf(team).client : null;
      } catch (e) {
        if (e instanceof WorkspaceGoneError) return null;
        throw e;
      }
    },
  };
}
