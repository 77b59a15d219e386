import { Server } from 'node:http';
import {
  App,
  type AppOptions,
  type CustomRoute,
  HTTPReceiver,
  type InstallationStore,
  webApi,
} from '@slack/bolt';
import type { AlertSink } from '../alerts.js';
import { type Config, ConfigError } from '../config.js';
import type { DigestSink } from '../digest/run.js';
import type { ParseFiling } from '../estimator.js';
import type { HkexSource } from '../hkex/filing.js';
import { boltLogger, type Log } from '../log.js';
import type { Store } from '../store/types.js';
import { createChannelPacer } from './channel-pacer.js';
import { type ChartRenderer, storeCharts } from './chart.js';
import { dedupeEvents } from './dedupe.js';
import { slackErrorCode } from './error-code.js';
import { createEstimateLookup } from './estimate-lookup.js';
import { createHome } from './home.js';
import { registerListeners } from './listeners/index.js';
import { createReplayGuard, ReplayedRequestError, type ReplayGuard } from './replay-guard.js';
import { createSlackAlertSink } from './slack-sink.js';
import { MANY_WORKSPACES, SINGLE_WORKSPACE } from './targets.js';
import { createInstallationStore, createWorkspaceSinks } from './workspaces.js';

// The Bolt app: Socket Mode with an app-level token, else HTTP on PORT at /slack/events with
// request signatures verified. Its WebClient waits out 429s (Retry-After) instead of failing.

export interface SlackAppDeps {
  store: Store;
  hkex: HkexSource;
  parse: ParseFiling;
  log: Log;
  /** Extra HTTP routes, e.g. /healthz (served in Socket Mode too, on PORT). */
  customRoutes?: CustomRoute[];
  /** Where charts are rendered; in this process without it. */
  renderChart?: ChartRenderer;
  /** Minimum spacing of posts to one channel; Slack allows about one a second. */
  postIntervalMs?: number;
  /** How the WebClient retries; tests pass a fast policy. */
  retryConfig?: webApi.RetryOptions;
}

export interface SlackBot {
  app: App;
  alerts: AlertSink & DigestSink;
  /** Brings recent viewers' App Homes up to date (after a cycle that posted alerts). */
  refreshHome(): Promise<void>;
  /** Starts receiving; in HTTP mode resolves with the bound port (PORT=0 picks a free one). */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';
/** The bot scopes an installation asks for: the manifest's (a test holds the two together). */
export const BOT_SCOPES = [
  'chat:write',
  'commands',
  'app_mentions:read',
  'channels:history',
  'groups:history',
  'files:write',
] as const;
const POST_INTERVAL_MS = 1000;
const WEB_API_TIMEOUT_MS = 15_000;

/**
 * How every WebClient calls Slack. A call Slack never answers gives up after the timeout, and the
 * retries after five minutes in all: a Slack outage fails the post (retried later), it does not
 * hold up every poll behind it. 429s are waited out (Retry-After), not failed.
 */
function clientOptions(retryConfig: webApi.RetryOptions | undefined): webApi.WebClientOptions {
  return {
    timeout: WEB_API_TIMEOUT_MS,
    rejectRateLimitedCalls: false,
    retryConfig: retryConfig ?? webApi.retryPolicies.fiveRetriesInFiveMinutes,
  };
}

/** Bolt's options for the configured mode; pure, so the mode choice is tested without a socket. */
export function appOptions(
  config: Config,
  deps: Pick<SlackAppDeps, 'log' | 'customRoutes' | 'retryConfig'> & {
    installationStore?: InstallationStore;
  },
  guard: ReplayGuard = createReplayGuard(),
): AppOptions {
  const { botToken, appToken, signingSecret, apiUrl, oauth } = config.slack;
  if (!botToken && !oauth)
    throw new Error('SLACK_BOT_TOKEN is not set: use the terminal alert sink instead of Slack');
  const logger = boltLogger(deps.log);
  const common: AppOptions = {
    // With OAuth, each request's workspace brings its own token (from the installation store).
    ...(botToken && { token: botToken }),
    logger,
    clientOptions: { slackApiUrl: apiUrl, ...clientOptions(deps.retryConfig) },
  };
  const customRoutes = deps.customRoutes ?? [];
  if (appToken) {
    // The Socket Mode client opens its connection through its own Web API client, which must
    // reach the same Slack (SLACK_API_URL: a proxy, GovSlack, the tests' fake) as the bot's.
    const installerOptions = { clientOptions: { slackApiUrl: apiUrl } };
    return { ...common, customRoutes, socketMode: true, appToken, port: config.port, installerOptions };
  }
  if (!signingSecret) throw new Error('SLACK_SIGNING_SECRET is required in HTTP mode (no SLACK_APP_TOKEN)');
  // The receiver is built here rather than by Bolt so that it hands each request's signature to
  // the replay guard; signatures are still verified by Bolt.
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: EVENTS_PATH,
    ...(oauth && deps.installationStore && installOptions(oauth, apiUrl, deps.installationStore)),
    port: config.port,
    customRoutes,
    logger,
    // Acknowledge first, work after: Slack's 3 s limit holds however slow a listener is.
    processBeforeResponse: false,
    customPropertiesExtractor: (request) => guard.extract(request),
    processEventErrorHandler: (args) => guard.onError(args),
  });
  return { ...common, receiver };
}

/**
 * Bolt's OAuth flow: /slack/install links to Slack's consent page with a signed state (also set
 * as a cookie), and /slack/oauth_redirect verifies both, exchanges the code (oauth.v2.access)
 * and keeps the installation.
 */
function installOptions(
  oauth: NonNullable<Config['slack']['oauth']>,
  apiUrl: string,
  installationStore: InstallationStore,
) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: [...BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      stateVerification: true,
      // The consent page beside the Web API in use (GovSlack, a proxy, the tests' fake).
      authorizationUrl: new URL('../oauth/v2/authorize', apiUrl).toString(),
      clientOptions: { slackApiUrl: apiUrl },
    },
  };
}

export function createSlackBot(config: Config, deps: SlackAppDeps): SlackBot {
  const guard = createReplayGuard();
  const many = config.slack.oauth !== null;
  const installationStore = many ? createInstallationStore(deps.store, deps.log) : undefined;
  const app = new App({
    ...appOptions(config, { ...deps, ...(installationStore && { installationStore }) }, guard),
    deferInitialization: true,
  });
  app.use(guard.middleware);
  app.use(dedupeEvents());
  // Bolt logs every listener error at error level and rethrows it so the receiver can answer; a
  // refused replay is logged by the guard, at warn.
  app.error(async (error) => {
    if (!(error instanceof ReplayedRequestError)) deps.log.error({ err: error }, 'a Slack listener failed');
    throw error;
  });
  const lookup = createEstimateLookup(deps);
  const chart = storeCharts(deps.store, deps.renderChart);
  const postIntervalMs = deps.postIntervalMs ?? POST_INTERVAL_MS;
  const targets = many ? MANY_WORKSPACES : SINGLE_WORKSPACE;
  const workspaces = many
    ? createWorkspaceSinks({
        store: deps.store,
        log: deps.log,
        apiUrl: config.slack.apiUrl,
        postIntervalMs,
        clientOptions: clientOptions(deps.retryConfig),
        chart,
      })
    : null;
  const alerts =
    workspaces ??
    createSlackAlertSink({
      client: app.client,
      pace: createChannelPacer(postIntervalMs),
      log: deps.log,
      chart,
    });
  // Each workspace's Home lists its own channels, published with its own token.
  const home = createHome(
    workspaces ? workspaces.clientFor : () => app.client,
    deps.store,
    deps.log,
    targets,
  );
  registerListeners(app, { store: deps.store, lookup, log: deps.log, home, targets });

  return {
    app,
    alerts,
    refreshHome: () => home.refresh(),
    async start() {
      // Initialised here rather than in the constructor, so a refused token is an error this
      // call throws (naming the setting), not an unhandled rejection after "started".
      await app.init().catch((error: unknown) => {
        if (many) throw error;
        throw refusedToken('SLACK_BOT_TOKEN', error);
      });
      const server: unknown = await app.start(config.port).catch((error: unknown) => {
        throw config.slack.appToken ? refusedToken('SLACK_APP_TOKEN', error) : error;
      });
      // HTTPReceiver resolves with its http.Server; the Socket Mode receiver does not.
      const address = server instanceof Server ? server.address() : null;
      return { port: address && typeof address === 'object' ? address.port : null };
    },
    async stop() {
      await app.stop();
    },
  };
}

/** Slack's answer that a token is no good, as an error naming the setting that holds it. */
function refusedToken(setting: string, error: unknown): unknown {
  const code = slackErrorCode(error);
  return code !== undefined && TOKEN_ERRORS.has(code)
    ? new ConfigError(setting, `Slack refused it (${code})`)
    : error;
}

const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);
