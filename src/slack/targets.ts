// Where the bot keeps a channel (watchlists, filters, subscriptions, alert refs) by name. With one
// workspace, a channel is its id. Installed to many (OAuth), it is `TEAM:CHANNEL`, so the same
// channel id in two workspaces never mixes.

/** How listeners name a channel: qualified by workspace with OAuth, as it is with one token. */
export interface Targets {
  of(team: string | undefined, channel: string): string;
  /** Whether a stored channel belongs to the workspace (every one does, with one token). */
  inTeam(target: string, team: string | undefined): boolean;
  /** The channel id Slack knows a stored channel by. */
  channel(target: string): string;
}

export const SINGLE_WORKSPACE: Targets = {
  of: (_team, channel) => channel,
  inTeam: () => true,
  channel: (target) => target,
};

export const MANY_WORKSPACES: Targets = {
  of: (team, channel) => `${team ?? ''}:${channel}`,
  inTeam: (target, team) => target.startsWith(`${team ?? ''}:`),
  channel: (target) => target.slice(target.indexOf(':') + 1),
};
