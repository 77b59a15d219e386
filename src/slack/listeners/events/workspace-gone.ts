import { markGone } from '../../workspaces.js';
import type { ListenerDeps } from '../deps.js';

// A workspace uninstalled the app, or revoked its bot token: it is marked gone, and deliveries to
// it are skipped from then on (its channels are kept, for a reinstall). Bolt lets these two events
// through without authorizing them, as the workspace's token no longer works.

export interface WorkspaceGoneArgs {
  body: { team_id?: string; enterprise_id?: string };
  event: { type: string; tokens?: { bot?: string[] } };
}

export function workspaceGone({ store, log }: ListenerDeps) {
  return async ({ body, event }: WorkspaceGoneArgs): Promise<void> => {
    // tokens_revoked also comes for users' tokens, which the bot does not use.
    if (event.type === 'tokens_revoked' && (event.tokens?.bot?.length ?? 0) === 0) return;
    const team = body.team_id ?? body.enterprise_id;
    if (!team) return;
    try {
      await markGone(store, team, event.type);
      log.warn({ team, event: event.type }, 'workspace gone: its deliveries are skipped');
    } catch (err) {
      log.error({ err, team, event: event.type }, 'could not mark a workspace gone');
    }
  };
}
