import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALERT_EVENT_TYPE } from '../../../src/alerts.js';
import { FakeHkex } from '../../fakes/hkex.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from '../../fakes/slack.js';
import type { BotSettings } from './bot-process.js';
import { FakeExchange } from './exchange.js';

// The world around a bot process: fake HKEXnews, fake Slack, a store directory, and the settings
// that point the bot at them. Shared by the end-to-end tests and the latency benchmark.

export const SECRETS = {
  botToken: 'xoxb-test-e2e-7c1f0a9d3b',
  signingSecret: '8f2e4d6c0b1a39577a5c3e1f0d2b4a69',
} as const;

export const ALERT_CHANNEL = 'C0ALERTS';

export interface World {
  hkex: FakeHkex;
  exchange: FakeExchange;
  slack: FakeSlack;
  /** The bot's store; it survives restarts within one world. */
  dbPath: string;
  /** Settings for a bot polling every second against this world. */
  settings: BotSettings;
  close(): Promise<void>;
}

export async function startWorld(logLevel = 'debug'): Promise<World> {
  const [hkex, slack, dir] = await Promise.all([
    FakeHkex.start(),
    startFakeSlack(),
    mkdtemp(join(tmpdir(), 'estimate-bot-e2e-')),
  ]);
  const dbPath = join(dir, 'store.json');
  return {
    hkex,
    exchange: new FakeExchange(hkex),
    slack,
    dbPath,
    settings: {
      HKEX_BASE_URL: hkex.url,
      SLACK_API_URL: slack.url,
      SLACK_BOT_TOKEN: SECRETS.botToken,
      SLACK_SIGNING_SECRET: SECRETS.signingSecret,
      SLACK_ALERT_CHANNEL: ALERT_CHANNEL,
      POLL_CRON: '* * * * * *',
      DB_PATH: dbPath,
      LOG_LEVEL: logLevel,
    },
    async close() {
      await Promise.allSettled([hkex.close(), slack.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The filing an alert or thread reply names in its metadata. */
export function filingOf(message: Pick<PostedMessage, 'metadata'>): string | undefined {
  const metadata = message.metadata as
    | { event_type?: string; event_payload?: { filing_id?: string } }
    | undefined;
  return metadata?.event_type === ALERT_EVENT_TYPE ? metadata.event_payload?.filing_id : undefined;
}

/** Messages posted about one filing, oldest first. */
export const postsAbout = (slack: FakeSlack, filingId: string) =>
  slack.messages.filter((m) => filingOf(m) === filingId);
