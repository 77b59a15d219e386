import { describe, expect, it } from 'vitest';
import { scheduleRuns } from '../../src/app/scheduler.js';
import { createLogger } from '../../src/log.js';

const log = createLogger('error');
// Never due during a test: only runNow() starts cycles.
const YEARLY = '0 0 1 1 *';

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('scheduleRuns', () => {
  it.each([
    ['*/30 * * * * *', 30_000],
    ['0 * * * * *', 60_000],
    ['*/5 * * * *', 300_000],
  ])('derives the interval of %s', async (expression, interval) => {
    const schedule = scheduleRuns(expression, async () => {}, log);
    expect(schedule.intervalMs).toBe(interval);
    await schedule.stop(0);
  });

  it('waits for a running cycle when stopped, within the grace period', async () => {
    const gate = deferred();
    let finished = false;
    const schedule = scheduleRuns(YEARLY, () => gate.promise.then(() => (finished = true)), log);
    void schedule.runNow();
    const stopping = schedule.stop(5_000);
    gate.resolve();
    expect(await stopping).toBe(true);
    expect(finished).toBe(true);
  });

  it('joins a cycle already running instead of starting a second', async () => {
    const gate = deferred();
    let started = 0;
    const schedule = scheduleRuns(
      YEARLY,
      () => {
        started++;
        return gate.promise;
      },
      log,
    );
    const first = schedule.runNow();
    expect(schedule.runNow()).toBe(first);
    const stopping = schedule.stop(5_000);
    gate.resolve();
    expect(await stopping).toBe(true);
    expect(started).toBe(1);
  });

  it('gives up waiting after the grace period', async () => {
    const gate = deferred();
    const schedule = scheduleRuns(YEARLY, () => gate.promise, log);
    void schedule.runNow();
    expect(await schedule.stop(10)).toBe(false);
    gate.resolve();
  });

  it('stops at once when idle', async () => {
    const schedule = scheduleRuns(YEARLY, async () => {}, log);
    await schedule.runNow();
    expect(await schedule.stop(10_000)).toBe(true);
  });
});
