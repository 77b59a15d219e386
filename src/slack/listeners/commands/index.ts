import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { estimateCommand } from './estimate.js';

export function register(app: App, deps: ListenerDeps): void {
  app.command('/estimate', estimateCommand(deps));
}
