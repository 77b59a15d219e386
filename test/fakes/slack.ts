import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A loopback stand-in for Slack's Web API and for `response_url`s, for tests.
//
//   const slack = await startFakeSlack();
//   new WebClient('xoxb-test', { slackApiUrl: slack.url });   // or SLACK_API_URL=slack.url
//   slack.failNext(1, { status: 429, retryAfter: 0 });          // then 500s, etc.
//   await slack.waitFor('chat.postMessage', 2);
//   slack.calls  // every call in order: { method, body }
//   slack.pageSize(50);  // conversations.history and .replies answer in pages of at most 50
//   await slack.close();
//
// Web API bodies are decoded as the WebClient sends them: form fields whose JSON values
// (blocks, metadata) are parsed back, "true"/"false" as booleans. A response URL from
// `responseUrl()` records its calls under the method name "response_url"; the bytes of a file
// upload are recorded under "file_upload" ({ file_id, bytes }).

export interface FakeCall {
  method: string;
  body: Record<string, unknown>;
  /** The token the call was made with, if any. */
  token?: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: unknown;
  blocks?: unknown;
  metadata?: unknown;
  thread_ts?: string;
  reply_broadcast?: boolean;
}

export interface Failure {
  status: 429 | 500 | 502 | 503;
  /** Seconds, sent as Retry-After with a 429. */
  retryAfter?: number;
}

export interface FakeSlack {
  /** Base URL of the Web API, ending in /api/. */
  url: string;
  calls: FakeCall[];
  /** Messages posted with chat.postMessage, in order. */
  messages: PostedMessage[];
  callsTo(method: string): FakeCall[];
  /** The next `count` Web API calls (with `token` only, when given) fail with this status. */
  failNext(count: number, failure: Failure, token?: string): void;
  /**
   * conversations.history and conversations.replies answer at most `size` messages a page (and at
   * most the call's `limit`, 100 when absent), with `response_metadata.next_cursor` for the next.
   */
  pageSize(size: number): void;
  /**
   * The next `count` calls to `method` are carried out (a message is posted) but never answered,
   * as when the caller dies before Slack's answer reaches it.
   */
  holdNext(method: string, count: number): void;
  /** Calls made with this token are answered `invalid_auth`, as Slack answers a revoked token. */
  refuseToken(token: string): void;
  /** `apps.connections.open` answers this WebSocket URL (see socket-mode.ts). */
  openSocketModeAt(wsUrl: string): void;
  /** A URL to use as a command's or action's response_url. */
  responseUrl(id?: string): string;
  /** Resolves once `count` calls to `method` have arrived (at once if they already have). */
  waitFor(method: string, count?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

const BOT = { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001', user: 'estimate-bot', team: 'Test' };

/**
 * OAuth: a code `code-TEAM` installs the app in workspace TEAM, whose bot token is then
 * `xoxb-TEAM-fake`; auth.test with that token answers for TEAM.
 */
export const installedToken = (team: string) => `xoxb-${team}-fake`;
const teamOfToken = (token: string) => /^xoxb-(T[A-Z0-9]+)-fake$/.exec(token)?.[1];

function decodeForm(text: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (value === 'true' || value === 'false') body[key] = value === 'true';
    else if (/^[[{]/.test(value)) {
      try {
        body[key] = JSON.parse(value);
      } catch {
        body[key] = value;
      }
    } else body[key] = value;
  }
  return body;
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBytes(req)).toString('utf8');
  if (text === '') return {};
  return (req.headers['content-type'] ?? '').includes('json') ? JSON.parse(text) : decodeForm(text);
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: FakeCall[] = [];
  const messages: PostedMessage[] = [];
  const failures: { failure: Failure; token: string | undefined }[] = [];
  const refused = new Set<string>();
  const holds = new Map<string, number>();
  const held: ServerResponse[] = [];
  const arrivals = new EventEmitter();
  let tsCounter = 0;
  let fileCounter = 0;
  let pageSize = Number.POSITIVE_INFINITY;
  /** Where files.getUploadURLExternal sends uploads: this server, once it listens. */
  let origin = '';
  /** One page of a listing, after `oldest`/`latest` (exclusive unless `inclusive`), from `cursor`. */
  const paged = <M extends { ts: string }>(listed: M[], body: Record<string, unknown>) => {
    const bound = (key: string) => (body[key] === undefined ? undefined : Number(body[key]));
    const [oldest, latest] = [bound('oldest'), bound('latest')];
    const inclusive = body.inclusive === true;
    const within = listed.filter((m) => {
      const ts = Number(m.ts);
      if (oldest !== undefined && (inclusive ? ts < oldest : ts <= oldest)) return false;
      return latest === undefined || (inclusive ? ts <= latest : ts < latest);
    });
    const start = typeof body.cursor === 'string' ? Number(body.cursor.replace(/^page:/, '')) : 0;
    const size = Math.min(pageSize, Number(body.limit ?? 100));
    const end = start + size;
    const more = end < within.length;
    return {
      messages: within.slice(start, end),
      has_more: more,
      response_metadata: { next_cursor: more ? `page:${end}` : '' },
    };
  };
  // As Slack's: the time of posting in seconds, unique within the channel (here, the whole fake).
  const nextTs = () => `${Math.floor(Date.now() / 1000)}.${String(++tsCounter).padStart(6, '0')}`;

  const answers: Record<string, (body: Record<string, unknown>, token: string) => Record<string, unknown>> = {
    'auth.test': (_body, token) => {
      const team = teamOfToken(token);
      return team
        ? {
            ...BOT,
            team_id: team,
            team: `Workspace ${team}`,
            bot_id: `B${team}`,
            url: `https://${team}.slack.com/`,
          }
        : { ...BOT, url: 'https://test.slack.com/' };
    },
    // The code exchange of Slack's OAuth v2, answered as Slack answers it for a bot install.
    'oauth.v2.access': (body) => {
      const team = /^code-(T[A-Z0-9]+)$/.exec(String(body.code ?? ''))?.[1];
      if (!team || !body.client_id || !body.client_secret) return { ok: false, error: 'invalid_code' };
      return {
        app_id: 'A0E2E',
        authed_user: { id: 'U0INSTALLER' },
        scope: 'chat:write,commands',
        token_type: 'bot',
        access_token: installedToken(team),
        bot_user_id: `U${team}BOT`,
        team: { id: team, name: `Workspace ${team}` },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
    'chat.postMessage': (body) => {
      const message: PostedMessage = { ...(body as Omit<PostedMessage, 'ts'>), ts: nextTs() };
      messages.push(message);
      return { channel: message.channel, ts: message.ts, message: { ...message, bot_id: BOT.bot_id } };
    },
    'chat.postEphemeral': () => ({ message_ts: nextTs() }),
    // The files API as WebClient#filesUploadV2 uses it: an upload URL (here, on this server), the
    // bytes posted to it (recorded as "file_upload"), then completion into a channel or thread.
    'files.getUploadURLExternal': () => {
      const id = `F${String(++fileCounter).padStart(6, '0')}`;
      return { upload_url: `${origin}/upload/${id}`, file_id: id };
    },
    'files.completeUploadExternal': (body) => ({ files: body.files }),
    'views.publish': (body) => ({ view: body.view }),
    'chat.update': (body) => ({ channel: body.channel, ts: body.ts }),
    'conversations.history': (body) =>
      // Newest first; replies appear in a channel's history only when broadcast.
      paged(
        messages
          .filter((m) => m.channel === body.channel && (!m.thread_ts || m.reply_broadcast))
          .reverse()
          .map(({ metadata, ...m }) => ({
            type: 'message',
            ...m,
            ...(body.include_all_metadata ? { metadata } : {}),
          })),
        body,
      ),
    // The parent first, then its replies oldest first.
    'conversations.replies': (body) =>
      paged(
        messages.filter((m) => m.channel === body.channel && (m.ts === body.ts || m.thread_ts === body.ts)),
        body,
      ),
  };

  const send = (
    res: ServerResponse,
    status: number,
    payload: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(payload));
  };

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (path.startsWith('/upload/')) {
      const bytes = await readBytes(req);
      calls.push({
        method: 'file_upload',
        body: { file_id: path.slice('/upload/'.length), bytes },
        at: Date.now(),
      });
      arrivals.emit('call');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    const body = await readBody(req);
    if (path.startsWith('/response/')) {
      calls.push({
        method: 'response_url',
        body: { ...body, response_id: path.slice('/response/'.length) },
        at: Date.now(),
      });
      arrivals.emit('call');
      return send(res, 200, { ok: true });
    }
    const method = path.replace(/^\/api\//, '');
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(body.token ?? '');
    calls.push({ method, body, ...(token && { token }), at: Date.now() });
    if (refused.has(token)) return send(res, 200, { ok: false, error: 'invalid_auth' });
    arrivals.emit('call');
    const index = failures.findIndex((f) => f.token === undefined || f.token === token);
    const failure = index >= 0 ? failures.splice(index, 1)[0]?.failure : undefined;
    if (failure) {
      const headers: Record<string, string> =
        failure.status === 429 ? { 'retry-after': String(failure.retryAfter ?? 0) } : {};
      return send(
        res,
        failure.status,
        { ok: false, error: failure.status === 429 ? 'ratelimited' : 'fatal_error' },
        headers,
      );
    }
    const answer = answers[method];
    if (!answer) return send(res, 200, { ok: false, error: 'unknown_method' });
    const payload = { ok: true, ...answer(body, token) };
    const holding = holds.get(method) ?? 0;
    if (holding > 0) {
      holds.set(method, holding - 1);
      held.push(res);
      return;
    }
    send(res, 200, payload);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    url: `${origin}/api/`,
    calls,
    messages,
    callsTo,
    failNext(count, failure, token) {
      for (let i = 0; i < count; i++) failures.push({ failure, token });
    },
    pageSize(size) {
      pageSize = size;
    },
    holdNext(method, count) {
      holds.set(method, (holds.get(method) ?? 0) + count);
    },
    refuseToken(token) {
      refused.add(token);
    },
    openSocketModeAt(wsUrl) {
      answers['apps.connections.open'] = () => ({ url: wsUrl });
    },
    responseUrl(id = 'r1') {
      return `${origin}/response/${id}`;
    },
    async waitFor(method, count = 1) {
      while (callsTo(method).length < count) await once(arrivals, 'call');
      return callsTo(method);
    },
    async close() {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
