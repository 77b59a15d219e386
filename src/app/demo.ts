import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestRunner } from '../digest/run.js';
import { pdfEstimator } from '../estimator.js';
import { createHkexClient, isProfitEstimate } from '../hkex/index.js';
import { createLogger } from '../log.js';
import { createPdfExtractor } from '../pdf/extract.js';
import { createPipeline } from '../pipeline/pipeline.js';
import { storeCharts } from '../slack/chart.js';
import { createEstimateLookup } from '../slack/estimate-lookup.js';
import type { SlackMessage } from '../slack/limits.js';
import { estimateCommand } from '../slack/listeners/commands/estimate.js';
import { plainText } from '../slack/plain.js';
import { createTerminalAlertSink } from '../slack/terminal-sink.js';
import { openStore } from '../store/index.js';
import { TERMINAL_CHANNEL } from './bot.js';
import { startReplayServer } from './demo/replay-server.js';

// `npm run demo`: the whole pipeline offline. A loopback server replays a recorded HKEXnews
// feed: first as the bot finds it on its first start (recorded silently), then a minute later
// with JL MAG's preliminary estimate on top, which the bot downloads, parses and posts; the
// alert and its thread print as they would read in Slack. Then `/estimate 06680` is answered.

const REPLAY = fileURLToPath(new URL('../../demo/replay', import.meta.url));
const CHARTS = join(tmpdir(), 'estimate-bot-demo-charts');
const say = (text: string) => process.stdout.write(`${text}\n`);

const log = createLogger('warn');
let clock = new Date('2023-01-30T11:01:00Z');
const dir = await mkdtemp(join(tmpdir(), 'estimate-bot-demo-'));
const replay = await startReplayServer(REPLAY, 'step1');
const hkex = createHkexClient({ baseUrl: replay.url, log });
const extractor = createPdfExtractor();
const parse = pdfEstimator(extractor);

try {
  const store = await openStore(join(dir, 'store.json'), log);
  // The charts outlive the demo's store, for the reader to open.
  const alerts = createTerminalAlertSink(process.stdout, {
    dir: CHARTS,
    make: storeCharts(store, extractor.renderChart),
  });
  const pipeline = createPipeline({
    store,
    hkex,
    alerts,
    parse,
    isProfitEstimate,
    config: { alertChannels: [TERMINAL_CHANNEL], backfillHours: 0 },
    log,
    // The replay's own clock: its filings are from January 2023.
    now: () => clock,
  });

  say(`estimate-bot demo: replaying HKEXnews from ${replay.url} (no network, no Slack)\n`);
  const first = await pipeline.runCycle();
  say(`First poll (empty store): ${first.seen} filings recorded silently, nothing posted.`);

  replay.setStep('step2');
  clock = new Date('2023-01-30T11:03:00Z');
  say('\nNext poll: a new filing is on the feed…');
  const second = await pipeline.runCycle();
  say(
    `\nSecond poll: ${second.seen} new filing(s), ${second.estimates} estimate(s) parsed, ${second.posted} alert(s) posted.`,
  );

  clock = new Date('2023-01-31T10:30:00Z');
  say('\nThe next evening at 18:30 HKT, the digest of the estimates since the last one:');
  await digestRunner({ store, alerts, channels: [TERMINAL_CHANNEL], log, now: () => clock })();

  say('\n/estimate 06680 (as the ephemeral reply reads):');
  const lookup = createEstimateLookup({ store, hkex, parse });
  await estimateCommand({ store, lookup, log })({
    command: { text: '06680', channel_id: 'C0DEMO', user_id: 'U0DEMO' },
    ack: async () => {},
    respond: async (message) => say(plainText(message as SlackMessage)),
  });
} finally {
  await Promise.allSettled([hkex.close(), extractor.close(), replay.close()]);
  await rm(dir, { recursive: true, force: true });
}
