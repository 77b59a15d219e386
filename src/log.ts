import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.js';

// Redaction is by construction: keys that can hold credentials are censored wherever they sit
// (pino's redact paths), and any string that looks like a Slack token or signature is masked
// before a line is written, whatever key or message carries it.

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

// xoxb-/xoxp-/xapp-… tokens, Slack request signatures and bearer credentials.
const SECRET_PATTERN = /\b(xox[abposr]|xapp)-[\w-]+|\bv0=[0-9a-f]{16,}|\b(Bearer|Basic)\s+[\w.~+/=-]+/gi;

export const CENSOR = '[redacted]';

export function scrub(text: string): string {
  return text.replace(SECRET_PATTERN, CENSOR);
}

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrub(value.message), stack: value.stack && scrub(value.stack) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, depth + 1)]));
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
