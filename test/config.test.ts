import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const BOT = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_ALERT_CHANNEL: 'C0123ABCD',
  SLACK_SIGNING_SECRET: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
};

const without = (env: Record<string, string>, key: string) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k !== key));

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig defaults', () => {
  it('gives every documented default with no settings', () => {
    expect(loadConfig({})).toEqual({
      slack: {
        botToken: null,
        signingSecret: null,
        appToken: null,
        alertChannels: [],
        apiUrl: 'https://slack.com/api/',
        oauth: null,
      },
      port: 3000,
      hkexBaseUrl: 'https://www1.hkexnews.hk',
      pollCron: '0 * * * * *',
      digestCron: '30 18 * * 1-5',
      dbPath: './data/estimate-bot.json',
      databaseUrl: null,
      backfillHours: 0,
      logLevel: 'info',
      logFormat: null,
    });
  });

  it('installs to many workspaces with all three OAuth settings, in HTTP mode only', () => {
    const oauth = {
      SLACK_CLIENT_ID: '1234567890.987654321',
      SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
      SLACK_SIGNING_SECRET: '8f2e4d6c0b1a39577a5c3e1f0d2b4a69',
    };
    expect(loadConfig(oauth).slack.oauth).toEqual({
      clientId: oauth.SLACK_CLIENT_ID,
      clientSecret: oauth.SLACK_CLIENT_SECRET,
      stateSecret: oauth.SLACK_STATE_SECRET,
    });
    expect(failure(without(oauth, 'SLACK_STATE_SECRET')).message).toBe(
      'SLACK_STATE_SECRET: is required with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET: OAuth needs all three',
    );
    expect(failure({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1-2' }).message).toMatch(
      /^SLACK_BOT_TOKEN: must be unset/,
    );
    expect(failure({ ...oauth, SLACK_APP_TOKEN: 'xapp-1-2' }).message).toMatch(
      /^SLACK_APP_TOKEN: must be unset/,
    );
    expect(failure({ ...oauth, SLACK_ALERT_CHANNEL: 'C0123ABCD' }).message).toMatch(/subscribe/);
    expect(failure(without(oauth, 'SLACK_SIGNING_SECRET')).message).toMatch(
      /^SLACK_SIGNING_SECRET: is required/,
    );
    expect(failure({ ...oauth, SLACK_CLIENT_ID: 'abc' }).message).toMatch(/^SLACK_CLIENT_ID: expects/);
  });

  it('reads LOG_FORMAT, and names it when it is neither json nor pretty', () => {
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(failure({ LOG_FORMAT: 'yaml' }).message).toBe('LOG_FORMAT: expects json or pretty');
  });

  it('treats empty values as unset, as a copied .env.example has them', () => {
    expect(loadConfig({ PORT: '', LOG_LEVEL: '  ', SLACK_BOT_TOKEN: '' }).port).toBe(3000);
  });

  it('returns a frozen object, nested parts too', () => {
    const config = loadConfig(BOT);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(Object.isFrozen(config.slack.alertChannels)).toBe(true);
  });
});

describe('loadConfig reads each variable', () => {
  it.each([
    ['SLACK_BOT_TOKEN', { ...BOT }, (c: ReturnType<typeof loadConfig>) => c.slack.botToken, 'xoxb-1-2-abc'],
    [
      'SLACK_SIGNING_SECRET',
      { ...BOT },
      (c: ReturnType<typeof loadConfig>) => c.slack.signingSecret,
      BOT.SLACK_SIGNING_SECRET,
    ],
    [
      'SLACK_APP_TOKEN',
      { ...BOT, SLACK_APP_TOKEN: 'xapp-1-A0-9' },
      (c: ReturnType<typeof loadConfig>) => c.slack.appToken,
      'xapp-1-A0-9',
    ],
    [
      'SLACK_ALERT_CHANNEL',
      { ...BOT, SLACK_ALERT_CHANNEL: 'C0123ABCD, G0456EFGH' },
      (c: ReturnType<typeof loadConfig>) => c.slack.alertChannels,
      ['C0123ABCD', 'G0456EFGH'],
    ],
    [
      'SLACK_API_URL',
      { SLACK_API_URL: 'http://127.0.0.1:9999/api' },
      (c: ReturnType<typeof loadConfig>) => c.slack.apiUrl,
      'http://127.0.0.1:9999/api/',
    ],
    ['PORT', { PORT: '0' }, (c: ReturnType<typeof loadConfig>) => c.port, 0],
    [
      'HKEX_BASE_URL',
      { HKEX_BASE_URL: 'http://127.0.0.1:8080/' },
      (c: ReturnType<typeof loadConfig>) => c.hkexBaseUrl,
      'http://127.0.0.1:8080',
    ],
    [
      'POLL_CRON',
      { POLL_CRON: '*/30 * * * * *' },
      (c: ReturnType<typeof loadConfig>) => c.pollCron,
      '*/30 * * * * *',
    ],
    ['DB_PATH', { DB_PATH: '/tmp/x.json' }, (c: ReturnType<typeof loadConfig>) => c.dbPath, '/tmp/x.json'],
    ['BACKFILL_HOURS', { BACKFILL_HOURS: '24' }, (c: ReturnType<typeof loadConfig>) => c.backfillHours, 24],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, (c: ReturnType<typeof loadConfig>) => c.logLevel, 'debug'],
  ])('%s', (_name, env, read, expected) => {
    expect(read(loadConfig(env))).toEqual(expected);
  });
});

describe('loadConfig rejects malformed and missing settings, naming the variable', () => {
  it.each([
    ['SLACK_BOT_TOKEN', { ...BOT, SLACK_BOT_TOKEN: 'xoxp-user-token' }, /xoxb-/],
    ['SLACK_SIGNING_SECRET', { ...BOT, SLACK_SIGNING_SECRET: 'not hex!' }, /signing secret/],
    ['SLACK_APP_TOKEN', { ...BOT, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, /xapp-/],
    ['SLACK_ALERT_CHANNEL', { ...BOT, SLACK_ALERT_CHANNEL: '#general' }, /channel ids/],
    ['SLACK_API_URL', { SLACK_API_URL: 'slack.com/api' }, /URL/],
    ['PORT', { PORT: '70000' }, /port/],
    ['PORT', { PORT: 'eighty' }, /port/],
    ['HKEX_BASE_URL', { HKEX_BASE_URL: 'ftp://www1.hkexnews.hk' }, /http/],
    ['POLL_CRON', { POLL_CRON: 'every minute' }, /cron/],
    ['POLL_CRON', { POLL_CRON: '61 * * * *' }, /cron/],
    ['DB_PATH', { DB_PATH: '' }, null],
    ['BACKFILL_HOURS', { BACKFILL_HOURS: '-1' }, /hours/],
    ['BACKFILL_HOURS', { BACKFILL_HOURS: '500' }, /hours/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /debug, info, warn, error/],
  ])('%s = %j', (variable, env, expects) => {
    if (expects === null) {
      // An empty DB_PATH is unset, so the default applies.
      expect(loadConfig(env).dbPath).toBe('./data/estimate-bot.json');
      return;
    }
    const error = failure(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^${variable}: `));
    expect(error.message).toMatch(expects);
  });

  it('requires SLACK_ALERT_CHANNEL with a bot token', () => {
    const { SLACK_ALERT_CHANNEL: _, ...env } = BOT;
    expect(failure(env).variable).toBe('SLACK_ALERT_CHANNEL');
  });

  it('requires SLACK_SIGNING_SECRET in HTTP mode only', () => {
    const { SLACK_SIGNING_SECRET: _, ...env } = BOT;
    expect(failure(env).variable).toBe('SLACK_SIGNING_SECRET');
    expect(loadConfig({ ...env, SLACK_APP_TOKEN: 'xapp-1-A' }).slack.signingSecret).toBeNull();
  });

  it('never echoes a secret value in its message', () => {
    const error = failure({ ...BOT, SLACK_BOT_TOKEN: 'xoxa-secret-value' });
    expect(error.message).not.toContain('secret-value');
  });
});

describe('DIGEST_CRON', () => {
  it('defaults to 18:30 on weekdays, turns off with off, and refuses what is not a cron expression', () => {
    expect(loadConfig({}).digestCron).toBe('30 18 * * 1-5');
    expect(loadConfig({ DIGEST_CRON: '0 19 * * *' }).digestCron).toBe('0 19 * * *');
    expect(loadConfig({ DIGEST_CRON: 'off' }).digestCron).toBeNull();
    expect(() => loadConfig({ DIGEST_CRON: 'at dusk' })).toThrow(/DIGEST_CRON: expects a cron expression/);
  });
});

describe('DATABASE_URL', () => {
  it('takes a PostgreSQL URL, and names the variable without echoing a wrong one', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://bot:secret@db:5432/estimates' }).databaseUrl).toBe(
      'postgres://bot:secret@db:5432/estimates',
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:secret@db/estimates' })).toThrow(
      /^DATABASE_URL: expects a PostgreSQL URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'mysql://bot:secret@db/estimates' })).not.toThrow(/secret/);
  });
});
