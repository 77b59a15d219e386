import type { types } from '@slack/bolt';
import type { Home } from '../../home.js';
import type { ListenerDeps } from '../deps.js';

// Someone opened the bot's Home tab: it is published for them with what is current.

export interface AppHomeOpenedArgs {
  event: Pick<types.AppHomeOpenedEvent, 'user' | 'tab'>;
}

export function appHomeOpened({ home, log }: ListenerDeps & { home: Home }) {
  return async ({ event }: AppHomeOpenedArgs): Promise<void> => {
    // The Messages tab opens this event too; only the Home tab has a view to publish.
    if (event.tab !== 'home') return;
    try {
      await home.opened(event.user);
    } catch (err) {
      log.error({ err, user: event.user }, 'could not publish the App Home');
    }
  };
}
