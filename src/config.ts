import { existsSync } from 'node:fs';
import cron from 'node-cron';
import { z } from 'zod';

// Every setting is read and checked here, once, at start-up; the rest of the bot gets the frozen
// Config and never reads the environment itself.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  slack: {
    botToken: string | null;
    signingSecret: string | null;
    appToken: string | null;
    alertChannels: string[];
    apiUrl: string;
    /**
     * Installation to many workspaces (Bolt's OAuth flow, HTTP mode): each workspace's token comes
     * from its installation, and its channels subscribe with `/estimate subscribe`. Null: one
     * workspace, with SLACK_BOT_TOKEN.
     */
    oauth: { clientId: string; clientSecret: string; stateSecret: string } | null;
  };
  port: number;
  hkexBaseUrl: string;
  pollCron: string;
  /** When each alert channel gets the day's digest, in Hong Kong time; null: never. */
  digestCron: string | null;
  dbPath: string;
  /** PostgreSQL instead of the file at dbPath (postgres://user:password@host/db); null: the file. */
  databaseUrl: string | null;
  backfillHours: number;
  logLevel: LogLevel;
  /** JSON lines for log collectors; pretty for a person at a terminal (null: pretty on a TTY). */
  logFormat: 'json' | 'pretty' | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expects: string,
  ) {
    super(`${variable}: ${expects}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULTS = {
  SLACK_API_URL: 'https://slack.com/api/',
  PORT: '3000',
  HKEX_BASE_URL: 'https://www1.hkexnews.hk',
  POLL_CRON: '0 * * * * *',
  DIGEST_CRON: '30 18 * * 1-5',
  DB_PATH: './data/estimate-bot.json',
  BACKFILL_HOURS: '0',
  LOG_LEVEL: 'info',
} as const;

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expects an http(s) URL, ${what}` });

const wholeNumber = (max: number, expects: string) =>
  z
    .string()
    .regex(/^\d+$/, expects)
    .transform(Number)
    .refine((n) => n <= max, expects);

const channelId = /^[CGD][A-Z0-9]{2,}$/;

// Each entry: the variable, and what it expects (the message a user sees when it is wrong).
const fields = {
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[\w-]+$/, 'expects a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, 'expects the app signing secret (hexadecimal)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-[\w-]+$/, 'expects an app-level token starting with xapp-')
    .optional(),
  SLACK_ALERT_CHANNEL: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((c) => channelId.test(c)), {
      error: 'expects comma-separated channel ids such as C0123ABCD',
    })
    .optional(),
  SLACK_CLIENT_ID: z
    .string()
    .regex(/^\d+\.\d+$/, "expects the app's client id, digits with one dot (Basic Information)")
    .optional(),
  SLACK_CLIENT_SECRET: z
    .string()
    .regex(/^[0-9a-f]{16,}$/i, "expects the app's client secret (hexadecimal)")
    .optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'expects a random secret of at least 16 characters').optional(),
  SLACK_API_URL: httpUrl('e.g. https://slack.com/api/').default(DEFAULTS.SLACK_API_URL),
  PORT: wholeNumber(65535, 'expects a port number from 0 to 65535').default(Number(DEFAULTS.PORT)),
  HKEX_BASE_URL: httpUrl('e.g. https://www1.hkexnews.hk').default(DEFAULTS.HKEX_BASE_URL),
  POLL_CRON: z
    .string()
    .refine(
      (s) => cron.validate(s),
      'expects a cron expression such as "0 * * * * *" (seconds field optional)',
    )
    .default(DEFAULTS.POLL_CRON),
  DIGEST_CRON: z
    .string()
    .refine(
      (s) => s === 'off' || cron.validate(s),
      'expects a cron expression such as "30 18 * * 1-5" (Hong Kong time), or off',
    )
    .default(DEFAULTS.DIGEST_CRON),
  DB_PATH: z.string().min(1, 'expects a file path').default(DEFAULTS.DB_PATH),
  DATABASE_URL: z
    .url({
      protocol: /^postgres(?:ql)?$/,
      error: 'expects a PostgreSQL URL such as postgres://user:password@host:5432/db',
    })
    .optional(),
  BACKFILL_HOURS: wholeNumber(168, 'expects a whole number of hours from 0 to 168').default(
    Number(DEFAULTS.BACKFILL_HOURS),
  ),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error'], 'expects one of debug, info, warn, error')
    .default(DEFAULTS.LOG_LEVEL),
  LOG_FORMAT: z.enum(['json', 'pretty'], 'expects json or pretty').optional(),
};

const schema = z.object(fields);

/** Loads `.env` from the working directory when present; variables already set win. */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Validates the environment into a frozen Config, or throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  // An empty value means unset, as in most .env conventions.
  const given = Object.fromEntries(
    Object.keys(fields).flatMap((k) => {
      const v = env[k]?.trim();
      return v ? [[k, v]] : [];
    }),
  );
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const v = parsed.data;
  const oauth = oauthSettings(v);
  if (v.SLACK_BOT_TOKEN) {
    if (!v.SLACK_ALERT_CHANNEL)
      throw new ConfigError(
        'SLACK_ALERT_CHANNEL',
        'is required with SLACK_BOT_TOKEN: channel id(s) for alerts',
      );
    if (!v.SLACK_APP_TOKEN && !v.SLACK_SIGNING_SECRET)
      throw new ConfigError(
        'SLACK_SIGNING_SECRET',
        'is required in HTTP mode (no SLACK_APP_TOKEN): the app signing secret',
      );
  }
  const apiUrl = v.SLACK_API_URL.endsWith('/') ? v.SLACK_API_URL : `${v.SLACK_API_URL}/`;
  const config: Config = {
    slack: {
      botToken: v.SLACK_BOT_TOKEN ?? null,
      signingSecret: v.SLACK_SIGNING_SECRET ?? null,
      appToken: v.SLACK_APP_TOKEN ?? null,
      alertChannels: v.SLACK_ALERT_CHANNEL ?? [],
      apiUrl,
      oauth,
    },
    port: v.PORT,
    hkexBaseUrl: new URL(v.HKEX_BASE_URL).origin,
    pollCron: v.POLL_CRON,
    digestCron: v.DIGEST_CRON === 'off' ? null : v.DIGEST_CRON,
    dbPath: v.DB_PATH,
    databaseUrl: v.DATABASE_URL ?? null,
    backfillHours: v.BACKFILL_HOURS,
    logLevel: v.LOG_LEVEL,
    logFormat: v.LOG_FORMAT ?? null,
  };
  return deepFreeze(config);
}

const OAUTH = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** The three OAuth settings together, in HTTP mode, instead of one workspace's token; or none. */
function oauthSettings(v: Partial<Record<string, unknown>>): Config['slack']['oauth'] {
  const given = OAUTH.filter((k) => v[k] !== undefined);
  if (given.length === 0) return null;
  const missing = OAUTH.find((k) => v[k] === undefined);
  if (missing)
    throw new ConfigError(missing, `is required with ${given.join(' and ')}: OAuth needs all three`);
  if (v.SLACK_BOT_TOKEN)
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      'must be unset with SLACK_CLIENT_ID: each workspace installs with OAuth',
    );
  if (v.SLACK_APP_TOKEN)
    throw new ConfigError('SLACK_APP_TOKEN', 'must be unset with SLACK_CLIENT_ID: OAuth installs over HTTP');
  if (v.SLACK_ALERT_CHANNEL)
    throw new ConfigError(
      'SLACK_ALERT_CHANNEL',
      'must be unset with SLACK_CLIENT_ID: each workspace subscribes its channels with /estimate subscribe',
    );
  if (!v.SLACK_SIGNING_SECRET)
    throw new ConfigError('SLACK_SIGNING_SECRET', 'is required with SLACK_CLIENT_ID: the app signing secret');
  return {
    clientId: String(v.SLACK_CLIENT_ID),
    clientSecret: String(v.SLACK_CLIENT_SECRET),
    stateSecret: String(v.SLACK_STATE_SECRET),
  };
}

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
