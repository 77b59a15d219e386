import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../store/postgres-server.js';
import { type BotProcess, startBotProcess } from './support/bot-process.js';
import { estimateFiling, ordinaryFilings } from './support/exchange.js';
import { postsAbout, startWorld, type World } from './support/setup.js';
import { waitFor } from './support/wait.js';

// The bot on PostgreSQL (DATABASE_URL) instead of its store file: the same alert, once, across a
// restart; a second bot on the same database is refused, as on the same file.

let world: World;
let database: TestDatabase;
let url: string;
let bot: BotProcess;

beforeAll(async () => {
  [world, database] = await Promise.all([startWorld('info'), startTestDatabase()]);
  url = await database.createDatabase();
  world.exchange.publish(...ordinaryFilings(13_000_001, 3));
  bot = await startBotProcess({ ...world.settings, DATABASE_URL: url });
  await bot.nextPoll();
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
    const after = await bot.nextPoll();
    await bot.nextPoll();
    expect(after.filingsSeen).toBe(0);
    expect(postsAbout(world.slack, id)).toHaveLength(2);
  });

  it('refuses a second bot on the same database, with one line and exit code 2', async () => {
    const second = startBotProcess({ ...world.settings, DATABASE_URL: url });
    await expect(second).rejects.toThrow(/in use by another bot/);
    await expect(second).rejects.not.toThrow(database.password);
  });
});
