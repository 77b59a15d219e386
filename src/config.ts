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

function deepFreeze<T extends object>(o: T): Readonly<T> {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}
