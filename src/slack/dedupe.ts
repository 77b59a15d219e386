import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

// Slack re-delivers an event it believes failed (x-slack-retry-num). Events are acknowledged
// at once, so a retry reaching this process means the first delivery is already being answered:
// a repeated event_id is dropped here, before any listener runs.

const DEFAULT_CAPACITY = 1000;

export function dedupeEvents(capacity = DEFAULT_CAPACITY): Middleware<AnyMiddlewareArgs> {
  const seen = new Set<string>();
  return async ({ body, next }) => {
    const id = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (id === undefined) return next();
    if (seen.has(id)) return;
    seen.add(id);
    // Set keeps insertion order: drop the oldest id once full.
    if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    return next();
  };
}
