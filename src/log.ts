import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

// Redaction is by construction: keys that can hold credentials are censored wherever they sit
// (pino's redact paths, and scrubDeep past their depth), and any string that looks like a Slack
// token, webhook URL or signature is masked before a line is written, whatever key or message
// carries it.

export type Log = Logger;

const SECRET_KEYS = [
  'token',
  'botToken',
  'appToken',
  'signingSecret',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'cookie',
  'x-slack-signature',
  'X-Slack-Signature',
];

const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const at = (prefix: string) => (key.startsWith('[') ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, at('*'), at('*.*'), at('*.*.*')];
});

// pino's paths stop at a fixed depth; scrubDeep censors the same keys at any depth.
const SECRET_KEY_SET = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

// Slack tokens of every kind (xoxb-, xoxp-, xapp-, and the rotated forms xoxe.xoxp-…, xoxe-…),
// incoming-webhook URLs (the URL is the credential, also when percent-encoded inside another
// URL), Slack request signatures and bearer credentials.
const SLACK_TOKEN = String.raw`\b(?:xoxe\.)?(?:xox[a-z]|xapp|xwfp)-[\w-]+`;
const WEBHOOK_URL = String.raw`(?:\bhttps?(?::\/\/|%3A%2F%2F))?hooks\.slack(?:-gov)?\.com(?:\/|%2F)[\w/%-]*`;
const SIGNATURE = String.raw`\bv0=[0-9a-f]{16,}`;
const AUTH_HEADER = String.raw`\b(?:Bearer|Basic)\s+[\w.~+/=-]+`;
const SECRET_PATTERN = new RegExp([WEBHOOK_URL, SLACK_TOKEN, SIGNATURE, AUTH_HEADER].join('|'), 'gi');

export const CENSOR = '[redacted]';

export function scrub(text: string): string {
  return text.replace(SECRET_PATTERN, CENSOR);
}

const CIRCULAR = '[circular]';

// No depth limit: a token can sit anywhere in what a library hands us. `ancestors` holds the
// objects on the path to this value, so a cycle ends there while an object met twice elsewhere
// is still written out both times.
function scrubDeep(value: unknown, ancestors = new Set<object>()): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return CIRCULAR;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return value.map((v) => scrubDeep(v, ancestors));
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretKey(k) ? CENSOR : scrubDeep(v, ancestors)]),
    );
  } finally {
    ancestors.delete(value);
  }
}

function isSecretKey(key: string): boolean {
  return SECRET_KEY_SET.has(key.toLowerCase());
}

export function createLogger(level: LogLevel, destination?: DestinationStream): Log {
  return pino(
    {
      level,
      base: { name: 'estimate-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // Errors are already turned into plain, scrubbed objects by the hook below.
      serializers: { err: (e: unknown) => e },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubDeep(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // pino's convention: an Error given first is logged under `err`.
          const [first, ...rest] = args;
          const lead = first instanceof Error ? { err: first } : first;
          method.apply(this, [lead, ...rest].map((a) => scrubDeep(a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

/** Bolt's logger interface over our pino logger, so Bolt's own lines are redacted too. */
export function boltLogger(log: Log): BoltLogger {
  const child = log.child({ component: 'bolt' });
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(join(msg)),
    info: (...msg) => child.info(join(msg)),
    warn: (...msg) => child.warn(join(msg)),
    error: (...msg) => child.error(join(msg)),
    setLevel: () => {},
    getLevel: () => child.level as BoltLogLevel,
    setName: () => {},
  };
}
