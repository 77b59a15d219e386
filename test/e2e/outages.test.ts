import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedPath } from '../fakes/hkex.js';
import { type BotProcess, startBotProcess } from './support/bot-process.js';
import { estimateFiling, ordinaryFilings, webPathOf } from './support/exchange.js';
import { postsAbout, startWorld, type World } from './support/setup.js';
import { waitFor } from './support/wait.js';

// When HKEXnews or Slack has a bad moment, an estimate filed meanwhile is alerted once they
// recover: not lost, not doubled.

let world: World;
let bot: BotProcess;

beforeAll(async () => {
  world = await startWorld('info');
  world.exchange.publish(...ordinaryFilings(12_000_001, 3), ...ordinaryFilings(12_100_001, 2, 'gem'));
  bot = await startBotProcess(world.settings);
  await bot.nextPoll();
});

afterAll(async () => {
  await bot?.kill();
  await world?.close();
});

/** Waits until the filing's alert and thread are out, then for two more polls, and returns its posts. */
async function settledPosts(filingId: string) {
  await waitFor(
    'the alert and its thread',
    () => (postsAbout(world.slack, filingId).length >= 2 ? true : undefined),
    {
      timeoutMs: 20_000,
      context: () => bot.output(),
    },
  );
  await bot.nextPoll();
  await bot.nextPoll();
  return postsAbout(world.slack, filingId);
}

describe('outages lose nothing', () => {
  it('alerts an estimate filed during an HKEXnews outage once the feeds answer again', async () => {
    // Enough 503s that whole cycles fail (the client retries 3 times), then a flaky PDF.
    const latestEnglish = (board: 'sehk' | 'gem') => feedPath({ board, lang: 'de', window: 1 }, 1);
    const outage = { kind: 'status', status: 503, html: true } as const;
    for (const board of ['sehk', 'gem'] as const)
      world.hkex.misbehave(latestEnglish(board), ...Array(6).fill(outage));
    const estimate = estimateFiling('tidewell', 12_500_001);
    world.hkex.misbehave(webPathOf(estimate.newsId), outage, outage);
    world.exchange.publish(estimate);

    const [alert, reply, ...more] = await settledPosts(String(estimate.newsId));
    expect(more).toEqual([]);
    expect(reply?.thread_ts).toBe(alert?.ts);
    expect(world.hkex.pendingMisbehaviours(latestEnglish('sehk'))).toBe(0);
    expect(world.hkex.pendingMisbehaviours(webPathOf(estimate.newsId))).toBe(0);
    // The outage was seen (a whole cycle failed) and is over.
    const { status, body } = await bot.health();
    expect(status).toBe(200);
    // The class of the failure only: hosts and paths stay in the log.
    expect(body.lastError).toBe('hkex_unreachable');
    // A failed poll is an ordinary day: said once per cycle, at warn, without a stack.
    const lines = bot
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = lines.filter((l) => String(l.msg).startsWith('poll cycle failed'));
    expect(failed.length).toBeGreaterThan(0);
    for (const line of failed) {
      expect(line.level).toBe('warn');
      expect(JSON.stringify(line)).not.toContain('stack');
    }
    expect(lines.filter((l) => String(l.msg).startsWith('could not read the HKEXnews feed'))).toEqual([]);
    expect(body.ok).toBe(true);
  });

  it('waits out a Slack 429 (Retry-After) and posts the alert once', async () => {
    const before = world.slack.callsTo('chat.postMessage').length;
    world.slack.failNext(1, { status: 429, retryAfter: 1 });
    const estimate = estimateFiling('jlMag', 12_600_001);
    world.exchange.publish(estimate);

    const id = String(estimate.newsId);
    const [alert, reply, ...more] = await settledPosts(id);
    expect(more).toEqual([]);
    expect(reply?.thread_ts).toBe(alert?.ts);
    // Three calls: the refused alert, the alert again, its thread.
    const calls = world.slack.callsTo('chat.postMessage').slice(before);
    expect(calls.map((c) => c.body.thread_ts ?? 'alert')).toEqual(['alert', 'alert', alert?.ts]);
    expect((await bot.health()).body.alertsPosted).toBe(2);
  });

  it('exits with code 0 after the outages', async () => {
    expect(await bot.stop()).toMatchObject({ code: 0, signal: null });
  });
});
