import type { webApi } from '@slack/bolt';
import type { Log } from '../log.js';
import { settledLandings } from '../settle/landing.js';
import type { Store } from '../store/types.js';
import { type HomeData, homeView } from './home-view.js';
import { SINGLE_WORKSPACE, type Targets } from './targets.js';

// Publishes the App Home of the people who opened it: on app_home_opened, and again after each
// alert for those who opened it lately (kept in memory: after a restart, a Home is brought up to
// date the next time it is opened). Installed to many workspaces, a Home lists its own
// workspace's channels only, and is published with that workspace's token.

/** People whose Home is refreshed after each alert, most recent kept. */
const VIEWERS = 100;

export interface Home {
  /** Publishes the user's Home (in `team`, with many workspaces) now, and keeps it fresh after later alerts. */
  opened(user: string, team?: string): Promise<void>;
  /** Republishes every recent viewer's Home; failures are logged. */
  refresh(): Promise<void>;
}

type HomeStore = Pick<Store, 'inState' | 'byStock' | 'channels' | 'watchlist' | 'filter' | 'meta'>;

/** A views client per workspace; null for one that is gone. */
export type ViewsClientFor = (team: string | undefined) => Pick<webApi.WebClient, 'views'> | null;

export function homeData(store: HomeStore, team?: string, targets: Targets = SINGLE_WORKSPACE): HomeData {
  const latest = store
    .inState('posted')
    .filter((r) => r.isEstimate && r.estimate)
    .reverse()
    .map((r) => ({
      filing: r.filing,
      estimate: r.estimate,
      landing: settledLandings(r, store.byStock)?.[0] ?? null,
    }));
  const channels = store
    .channels()
    .filter((channel) => targets.inTeam(channel, team))
    .map((channel) => ({
      channel: targets.channel(channel),
      codes: store.watchlist(channel),
      filter: store.filter(channel),
    }));
  return { latest, channels, meta: store.meta() };
}

export function createHome(
  clientFor: ViewsClientFor,
  store: HomeStore,
  log: Log,
  targets: Targets = SINGLE_WORKSPACE,
): Home {
  const viewers: { user: string; team: string | undefined }[] = [];
  const publish = async (user: string, team: string | undefined) => {
    const client = clientFor(team);
    if (!client) return;
    await client.views.publish({ user_id: user, view: homeView(homeData(store, team, targets)) });
  };
  return {
    async opened(user, team) {
      const i = viewers.findIndex((v) => v.user === user && v.team === team);
      if (i >= 0) viewers.splice(i, 1);
      viewers.push({ user, team });
      if (viewers.length > VIEWERS) viewers.shift();
      await publish(user, team);
    },
    async refresh() {
      for (const { user, team } of [...viewers]) {
        await publish(user, team).catch((err: unknown) =>
          log.warn({ err, user, team }, 'could not refresh an App Home'),
        );
      }
    },
  };
}
