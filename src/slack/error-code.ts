// Slack's error code ("invalid_auth", "ratelimited") of a failed Web API call: on the error
// itself, or on one it wraps: Bolt's `original` at start-up, the sinks' `cause` for a post.

const MAX_DEPTH = 5;

export function slackErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < MAX_DEPTH; depth++) {
    const code = (e as { data?: { error?: unknown } }).data?.error;
    if (typeof code === 'string') return code;
    e = (e as { original?: unknown }).original ?? (e as { cause?: unknown }).cause;
  }
  return undefined;
}
