import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, startBotProcess } from './support/bot-process.js';
import { estimateFiling, jlMagResults, ordinaryFilings, webPathOf } from './support/exchange.js';
import { ALERT_CHANNEL, postsAbout, SECRETS, startWorld, type World } from './support/setup.js';
import { sendInteraction, sendSlashCommand } from './support/slash-command.js';
import { waitFor } from './support/wait.js';

// One bot's life as its users see it: a first start that stays quiet, an estimate that becomes
// one alert with its thread, a slash command, a restart that repeats nothing, a clean shutdown,
// and logs that never show a secret.

const JL_MAG = estimateFiling('jlMag', 11_195_033);
const STARTUP_SILENT = estimateFiling('tidewell', 11_190_001);
const BASELINE = [...ordinaryFilings(11_180_001, 6), STARTUP_SILENT];
const GEM_BASELINE = ordinaryFilings(11_170_001, 2, 'gem');

let world: World;
let bot: BotProcess;
/** Every process's output, kept for the secrets check after they exit. */
const outputs: string[] = [];
const signatures: string[] = [];

const start = async () => {
  bot = await startBotProcess(world.settings);
  return bot;
};
const stop = async () => {
  const exit = await bot.stop();
  outputs.push(bot.output());
  return exit;
};
const waitForLog = (what: string, probe: () => boolean) =>
  waitFor(what, () => (probe() ? true : undefined), { context: () => bot.output() });

beforeAll(async () => {
  world = await startWorld();
  world.exchange.publish(...BASELINE, ...GEM_BASELINE);
  await start();
});

afterAll(async () => {
  await bot?.kill();
  await world?.close();
});

describe('the running bot, end to end', () => {
  it('records the feed silently on its first start, and says so on /healthz', async () => {
    const first = await bot.nextPoll();
    expect(first.filingsSeen).toBe(BASELINE.length + GEM_BASELINE.length);
    // Another cycle: nothing was merely late.
    await bot.nextPoll();
    const { status, body } = await bot.health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, alertsPosted: 0, lastError: null });
    expect(world.slack.callsTo('chat.postMessage')).toEqual([]);
    // The silent estimate was still downloaded: it is known, not skipped.
    expect(world.hkex.requestsTo(`/listedco/listconews/sehk/e2e/${STARTUP_SILENT.newsId}.pdf`)).not.toEqual(
      [],
    );
  });

  it('turns a new estimate into exactly one alert with its thread reply', async () => {
    world.exchange.publish(JL_MAG);
    const id = String(JL_MAG.newsId);
    await waitFor(
      'the alert and its thread',
      () => (postsAbout(world.slack, id).length >= 2 ? true : undefined),
      {
        context: () => bot.output(),
      },
    );
    await bot.nextPoll();
    await bot.nextPoll();

    const [alert, reply, ...more] = postsAbout(world.slack, id);
    expect(more).toEqual([]);
    expect(world.slack.messages).toHaveLength(2);
    expect(alert).toMatchObject({ channel: ALERT_CHANNEL, metadata: { event_payload: { filing_id: id } } });
    expect(alert?.thread_ts).toBeUndefined();
    expect(JSON.stringify(alert?.blocks)).toContain('06680');
    expect(String(alert?.text)).toContain('JL MAG');
    expect(reply).toMatchObject({ channel: ALERT_CHANNEL, thread_ts: alert?.ts });
    // Both language versions were fetched: the Chinese twin was paired, not alerted apart, and
    // read: its figures agree with the English ones, and the alert says so.
    expect(JSON.stringify(alert)).toContain(`${JL_MAG.newsId}_c.pdf`);
    expect(world.hkex.requestsTo(`/listedco/listconews/sehk/e2e/${JL_MAG.newsId}_c.pdf`)).not.toEqual([]);
    expect(JSON.stringify(alert?.blocks)).toContain('Figures match the Chinese version.');
    expect(JSON.stringify(alert?.blocks)).toContain('report_figure');
    expect((await bot.health()).body).toMatchObject({ ok: true, alertsPosted: 1 });
  });

  it("uploads the estimate's chart into the alert's thread", async () => {
    const [alert] = postsAbout(world.slack, String(JL_MAG.newsId));
    const [complete] = await waitFor('the chart upload', async () => {
      const calls = world.slack.callsTo('files.completeUploadExternal');
      return calls.length > 0 ? calls : undefined;
    });
    expect(complete?.body).toMatchObject({ channel_id: ALERT_CHANNEL, thread_ts: alert?.ts });
    expect(world.slack.callsTo('file_upload')).toHaveLength(1);
  });

  it('answers `/estimate 06680` through response_url within 3 s of a signed request', async () => {
    const sentAt = performance.now();
    const { status, signature } = await sendSlashCommand({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      text: '06680',
      responseUrl: world.slack.responseUrl('jlmag'),
    });
    signatures.push(signature);
    expect(status).toBe(200);
    const answer = await waitFor('the response_url answer', () =>
      world.slack.callsTo('response_url').find((c) => c.body.response_id === 'jlmag'),
    );
    expect(performance.now() - sentAt).toBeLessThan(3_000);
    expect(answer.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer.body)).toContain('RMB702.3m–838.2m');
    // The same verdict as the alert's: both versions read and cross-checked.
    expect(JSON.stringify(answer.body)).toContain('Figures match the Chinese version.');
  });

  it('takes a report of a wrong figure from the modal into the store and the alert’s thread', async () => {
    const id = String(JL_MAG.newsId);
    const [alert] = postsAbout(world.slack, id);
    const { status, signature } = await sendInteraction({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      payload: {
        type: 'view_submission',
        team: { id: 'T0001' },
        user: { id: 'U0E2E' },
        api_app_id: 'A0E2E',
        view: {
          id: 'V0E2E',
          type: 'modal',
          callback_id: 'report_figure_view',
          private_metadata: JSON.stringify({ filingId: id, channel: ALERT_CHANNEL }),
          state: {
            values: {
              report_field: {
                field: { type: 'static_select', selected_option: { value: 'net_profit_attributable.prior' } },
              },
              report_value: { value: { type: 'plain_text_input', value: 'RMB453,074,300' } },
              report_note: { note: { type: 'plain_text_input', value: null } },
            },
          },
        },
      },
    });
    signatures.push(signature);
    expect(status).toBe(200);
    const said = await waitFor('the report in the thread', () =>
      world.slack
        .callsTo('chat.postMessage')
        .find((c) => c.body.thread_ts === alert?.ts && String(c.body.text).includes('reports:')),
    );
    expect(said.body.text).toBe(
      '<@U0E2E> reports: Net profit attributable to the shareholders of the listed company, same period last year should be RMB453,074,300',
    );
    const stored = JSON.parse(readFileSync(world.dbPath, 'utf8'));
    expect(stored.reports).toEqual([
      expect.objectContaining({ filingId: id, field: 'net_profit_attributable.prior', user: 'U0E2E' }),
    ]);
  });

  it('answers `/estimate 09999` that HKEXnews lists no such stock, without logging an error', async () => {
    const { signature } = await sendSlashCommand({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      text: '09999',
      responseUrl: world.slack.responseUrl('unknown'),
    });
    signatures.push(signature);
    const answer = await waitFor('the response_url answer', () =>
      world.slack
        .callsTo('response_url')
        .find((c) => c.body.response_id === 'unknown' && c.body.replace_original === true),
    );
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: 'HKEXnews lists no stock 09999.' });
    // The answer rests on the fake's prefix search, which lists no 09999.
    expect(world.hkex.requestsTo('/search/prefix.do').some((r) => r.path.includes('name=09999'))).toBe(true);
    const lines = bot
      .output()
      .split('\n')
      .filter(isJson)
      .map((l) => JSON.parse(l));
    const about = lines.filter((l) => l.text === '09999');
    expect(about.map((l) => l.level)).not.toContain('error');
    expect(about).toContainEqual(expect.objectContaining({ level: 'info', code: '09999' }));
  });

  it('repeats nothing after a restart on the same store', async () => {
    const before = world.slack.calls.length;
    const exit = await stop();
    expect(exit).toMatchObject({ code: 0, signal: null });

    await start();
    const afterRestart = await bot.nextPoll();
    await bot.nextPoll();
    expect(afterRestart.filingsSeen).toBe(0);
    expect(world.slack.calls.slice(before).filter((c) => c.method !== 'auth.test')).toEqual([]);
    expect(postsAbout(world.slack, String(JL_MAG.newsId))).toHaveLength(2);
  });

  it('still answers from the store it reopened', async () => {
    await sendSlashCommand({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      text: '06680',
      responseUrl: world.slack.responseUrl('after-restart'),
    }).then(({ signature }) => signatures.push(signature));
    const answer = await waitFor('the response_url answer', () =>
      world.slack.callsTo('response_url').find((c) => c.body.response_id === 'after-restart'),
    );
    // The figure reported earlier is disputed now, and the report outlived the restart.
    expect(JSON.stringify(answer.body)).toContain(
      '*figures unconfirmed, see the PDF* (disputed by <@U0E2E>)',
    );
    expect(JSON.stringify(answer.body)).toContain('Figures match the Chinese version.');
  });

  it("replies in the estimate's thread when its results come out, and keeps the record", async () => {
    const results = jlMagResults(11_240_001);
    world.exchange.publish(results);
    const id = String(results.newsId);
    const reply = await waitFor('the results reply', () => postsAbout(world.slack, id)[0], {
      context: () => bot.output(),
    });
    const [alert] = postsAbout(world.slack, String(JL_MAG.newsId));
    expect(reply).toMatchObject({ channel: ALERT_CHANNEL, thread_ts: alert?.ts, reply_broadcast: false });
    expect(JSON.stringify(reply)).toContain(
      'Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m (73% of the way up), +76.8% vs 2021',
    );
    // Only the English version is read: the results' figures are near the start of the first pages.
    expect(world.hkex.requestsTo(webPathOf(results.newsId, 'zh'))).toEqual([]);

    await sendSlashCommand({
      port: bot.port,
      signingSecret: SECRETS.signingSecret,
      text: '06680 history',
      responseUrl: world.slack.responseUrl('history'),
    }).then(({ signature }) => signatures.push(signature));
    const history = await waitFor('the history answer', () =>
      world.slack.callsTo('response_url').find((c) => c.body.response_id === 'history'),
    );
    expect(JSON.stringify(history.body)).toContain('1 of 1 estimate landed inside the range');
  });

  it('exits with code 0 promptly on SIGTERM, after saying it stopped', async () => {
    const exit = await stop();
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(5_000);
    await waitForLog('the stop line', () => bot.output().includes('estimate-bot stopped'));
  });

  it("writes its log as JSON lines, node-cron's and Bolt's included", () => {
    const lines = outputs.join('\n').split('\n').filter(Boolean);
    expect(lines.filter((line) => !isJson(line))).toEqual([]);
  });

  it('never writes a secret to its logs', () => {
    const logs = outputs.join('\n');
    // Debug logs were on: the check reads a real log, not an empty one.
    expect(logs).toContain('"level":"debug"');
    expect(signatures).toHaveLength(5);
    // A signature's hex digest, whether or not its "v0=" survived.
    for (const secret of [SECRETS.botToken, SECRETS.signingSecret, ...signatures.map((s) => s.slice(3))]) {
      expect(logs).not.toContain(secret);
    }
  });
});

function isJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
