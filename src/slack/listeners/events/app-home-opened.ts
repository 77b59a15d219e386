import type { types } from '@slack/bolt';
import type { Home } from '../../home.js';
import type { ListenerDeps } from '../deps.js';

// Someone opened the bot's Home tab: it is published for them with what is current.

export interface AppHomeOpenedArgs {
  event: Pick<types.AppHomeOpenedEvent, 'user' | 'tab'>;
  /** The workspace it was opened in (the event's envelope). */
  body?: { team_id?: string };
}

export function appHomeOpened({ home, log }: ListenerDeps & { home: Home }) {
  return async ({ event, body }: AppHomeOpenedArgs): Promise<void> => {
    // The Messages tab opens this event too; only the Home tab has a view to publish.
    if (event.tab !== 'home') return;
    try {
      await home.opened(event.user, body?.team_id);
    } catch (err) {
      log.error({ err, user: event.user }, 'could not publish the App Home');
    }
  };
}
