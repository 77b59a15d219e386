import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { appHomeOpened } from './app-home-opened.js';
import { appMention } from './app-mention.js';
import { workspaceGone } from './workspace-gone.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', appMention(deps));
  app.event('app_uninstalled', workspaceGone(deps));
  app.event('tokens_revoked', workspaceGone(deps));
  const { home } = deps;
  if (home) app.event('app_home_opened', appHomeOpened({ ...deps, home }));
}
