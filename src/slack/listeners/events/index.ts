import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMention(deps));
  const { home } = deps;
  if (home) app.event('app_home_opened', appHomeOpened({ ...deps, home }));
}
