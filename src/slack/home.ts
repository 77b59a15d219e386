import type { webApi } from '@slack/bolt';
import type { Log } from '../log.js';
import { settledLandings } from '../settle/landing.js';
import type { Store } from '../store/types.js';
import { type HomeData, homeView } from './home-view.js';

// Publishes the App Home of the people who opened it: on app_home_opened, and again after each
// alert for those who opened it lately (kept in memory: after a restart, a Home is brought up to
// date the next time it is opened).

/** People whose Home is refreshed after each alert, most recent kept. */
const VIEWERS = 100;

export interface Home {
  /** Publishes the user's Home now, and keeps it fresh after later alerts. */
  opened(user: string): Promise<void>;
  /** Republishes every recent viewer's Home; failures are logged. */
  refresh(): Promise<void>;
}

export function homeData(
  store: Pick<Store, 'inState' | 'byStock' | 'channels' | 'watchlist' | 'filter' | 'meta'>,
): HomeData {
  const latest = store
    .inState('posted')
    .filter((r) => r.isEstimate && r.estimate)
    .reverse()
    .map((r) => ({
      filing: r.filing,
      estimate: r.estimate,
      landing: settledLandings(r, store.byStock)?.[0] ?? null,
    }));
  const channels = store.channels().map((channel) => ({
    channel,
    codes: store.watchlist(channel),
    filter: store.filter(channel),
  }));
  return { latest, channels, meta: store.meta() };
}

export function createHome(
  client: Pick<webApi.WebClient, 'views'>,
  store: Parameters<typeof homeData>[0],
  log: Log,
): Home {
  const viewers: string[] = [];
  const publish = (user: string) => client.views.publish({ user_id: user, view: homeView(homeData(store)) });
  return {
    async opened(user) {
      const i = viewers.indexOf(user);
      if (i >= 0) viewers.splice(i, 1);
      viewers.push(user);
      if (viewers.length > VIEWERS) viewers.shift();
      await publish(user);
    },
    async refresh() {
      for (const user of [...viewers]) {
        await publish(user).catch((err: unknown) => log.warn({ err, user }, 'could not refresh an App Home'));
      }
    },
  };
}
