import type { IncomingMessage } from 'node:http';
import {
  type AnyMiddlewareArgs,
  HTTPModuleFunctions,
  type Middleware,
  type ReceiverProcessEventErrorHandlerArgs,
} from '@slack/bolt';

// A signed request stays valid for five minutes, so one captured on the way could be sent again
// and processed twice (a second /estimate answer, a second report). Each (timestamp, signature)
// pair is accepted once; a repeat is refused with 401 before any listener runs.

const WINDOW_MS = 5 * 60_000;

export class ReplayedRequestError extends Error {
  override readonly name = 'ReplayedRequestError';
  /** Bolt passes errors with a code through as they are, so the receiver can tell this one. */
  readonly code = 'slack_request_replayed';
}

export interface ReplayGuard {
  /** The receiver's customPropertiesExtractor: the request's key, in the listener context. */
  extract(request: IncomingMessage): { requestKey?: string };
  /** The first middleware: refuses a key seen within the window. */
  middleware: Middleware<AnyMiddlewareArgs>;
  /** The receiver's processEventErrorHandler: 401 for a replay, Bolt's default otherwise. */
  onError(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean>;
}

export function createReplayGuard(now: () => number = Date.now): ReplayGuard {
  // Insertion order is expiry order, so the expired keys are always at the front.
  const seen = new Map<string, number>();
  const header = (request: IncomingMessage, name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    extract(request) {
      const timestamp = header(request, 'x-slack-request-timestamp');
      const signature = header(request, 'x-slack-signature');
      return timestamp && signature ? { requestKey: `${timestamp}:${signature}` } : {};
    },
    middleware: async ({ context, next }) => {
      const key = context.requestKey;
      if (typeof key === 'string') {
        const t = now();
        for (const [k, expires] of seen) {
          if (expires > t) break;
          seen.delete(k);
        }
        if (seen.has(key)) throw new ReplayedRequestError('a signed request was sent again');
        seen.set(key, t + WINDOW_MS);
      }
      await next();
    },
    async onError(args) {
      if (!(args.error instanceof ReplayedRequestError))
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      args.logger.warn('refused a replayed Slack request');
      if (!args.response.headersSent) args.response.writeHead(401).end();
      return false;
    },
  };
}
