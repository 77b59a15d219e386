import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/postgres-server.js';
import { type BotProcess, type HealthBody, startBotProcess } from './support/bot-process.js';
import { estimateFiling, ordinaryFilings } from './support/exchange.js';
import { ALERT_CHANNEL, postsAbout, SECRETS, startWorld, type World } from './support/setup.js';
import { sendSlashCommand } from './support/slash-command.js';
import { waitFor } from './support/wait.js';

// The bot on PostgreSQL (DATABASE_URL) instead of its store file: the same alert, once, across a
// restart; and replicas on one database, the leader killed while it is sending an alert.

/**
 * The health after a poll by this replica as the leader. A replica counts its reads of the
 * database as successes while it follows, so a plain nextPoll can return before it has polled.
 */
async function polledAsLeader(replica: BotProcess): Promise<HealthBody> {
  await waitFor(
    'the replica to lead',
    async () => ((await replica.health()).body.role === 'leader' ? true : undefined),
    {
      timeoutMs: 20_000,
      context: () => replica.output(),
    },
  );
  return replica.nextPoll(20_000);
}

let world: World;
let database: TestDatabase;
let url: string;
let bot: BotProcess;

beforeAll(async () => {
  [world, database] = await Promise.all([startWorld('info'), startTestDatabase()]);
  url = await database.createDatabase();
  world.exchange.publish(...ordinaryFilings(13_000_001, 3));
  bot = await startBotProcess({ ...world.settings, DATABASE_URL: url });
  await polledAsLeader(bot);
}, 120_000);

afterAll(async () => {
  await bot?.kill();
  await Promise.all([world?.close(), database?.stop()]);
});

describe('the bot on PostgreSQL', () => {
  it('alerts a new estimate once, and repeats nothing after a restart', async () => {
    const estimate = estimateFiling('tidewell', 13_100_001);
    world.exchange.publish(estimate);
    const id = String(estimate.newsId);
    await waitFor(
      'the alert and its thread',
      () => (postsAbout(world.slack, id).length >= 2 ? true : undefined),
      {
        timeoutMs: 20_000,
        context: () => bot.output(),
      },
    );
    expect(await bot.stop()).toMatchObject({ code: 0 });

    bot = await startBotProcess({ ...world.settings, DATABASE_URL: url });
    const after = await polledAsLeader(bot);
    await bot.nextPoll();
    expect(after.filingsSeen).toBe(0);
    expect(postsAbout(world.slack, id)).toHaveLength(2);
  });

  it('two replicas: with the leader killed mid-delivery, each alert is posted exactly once', async () => {
    await bot.stop();
    const replicaUrl = await database.createDatabase();
    const settings = { ...world.settings, DATABASE_URL: replicaUrl };
    const leader = await startBotProcess(settings);
    let follower: BotProcess | null = null;
    try {
      await polledAsLeader(leader);

      // The leader's first post is carried out by Slack but never answered: it dies waiting.
      world.slack.holdNext('chat.postMessage', 1);
      const [first, second] = [estimateFiling('tidewell', 13_200_001), estimateFiling('jlMag', 13_200_003)];
      world.exchange.publish(first, second);
      const ids = [String(first.newsId), String(second.newsId)];
      await waitFor(
        'the leader to send its first alert',
        () => (ids.some((id) => postsAbout(world.slack, id).length > 0) ? true : undefined),
        {
          timeoutMs: 20_000,
          context: () => leader.output(),
        },
      );

      follower = await startBotProcess(settings);
      expect((await follower.health()).body.role).toBe('follower');
      await leader.kill();

      const replica = follower;
      await waitFor(
        'the follower to lead and finish both alerts',
        async () => {
          const { body } = await replica.health();
          return body.role === 'leader' && ids.every((id) => postsAbout(world.slack, id).length >= 2)
            ? true
            : undefined;
        },
        { timeoutMs: 30_000, context: () => replica.output() },
      );
      await replica.nextPoll();
      await replica.nextPoll();
      for (const id of ids) {
        const posts = postsAbout(world.slack, id);
        // One alert in the channel and one details reply in its thread: nothing repeated.
        expect(posts.filter((m) => !m.thread_ts)).toHaveLength(1);
        expect(posts.filter((m) => m.thread_ts)).toHaveLength(1);
      }
      expect(replica.output()).toMatch(/"verified":true/);
    } finally {
      await Promise.all([leader.kill(), follower?.kill()]);
    }
  }, 90_000);

  it("serves commands on a follower: its watchlist reaches the leader's poll", async () => {
    const settings = { ...world.settings, DATABASE_URL: await database.createDatabase() };
    const leader = await startBotProcess(settings);
    let follower: BotProcess | null = null;
    try {
      await polledAsLeader(leader);
      follower = await startBotProcess(settings);
      expect((await follower.health()).body.role).toBe('follower');
      const watched = await sendSlashCommand({
        port: follower.port,
        signingSecret: SECRETS.signingSecret,
        text: 'watch 3329',
        responseUrl: world.slack.responseUrl('follower-watch'),
        channel: 'C0WATCH',
      });
      expect(watched.status).toBe(200);
      await waitFor('the follower to answer', () =>
        world.slack.callsTo('response_url').some((c) => c.body.response_id === 'follower-watch')
          ? true
          : undefined,
      );
      const estimate = estimateFiling('tidewell', 13_300_001);
      world.exchange.publish(estimate);
      const id = String(estimate.newsId);
      await waitFor(
        'alerts in the alert channel and the watching one',
        () => (new Set(postsAbout(world.slack, id).map((m) => m.channel)).size === 2 ? true : undefined),
        { timeoutMs: 20_000, context: () => leader.output() },
      );
      expect(new Set(postsAbout(world.slack, id).map((m) => m.channel))).toEqual(
        new Set([ALERT_CHANNEL, 'C0WATCH']),
      );
    } finally {
      await Promise.all([leader.kill(), follower?.kill()]);
    }
  }, 60_000);
});
