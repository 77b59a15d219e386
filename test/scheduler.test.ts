import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { schedulePolls } from '../src/scheduler.js';

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

describe('schedulePolls', () => {
  it.each([
    ['*/30 * * * * *', 30_000],
    ['0 * * * * *', 60_000],
    ['*/5 * * * *', 300_000],
  ])('derives the interval of %s', async (expression, interval) => {
    const schedule = schedulePolls(expression, async () => {}, log);
    expect(schedule.intervalMs).toBe(interval);
    await schedule.stop(0);
  });

  it('waits for a running cycle when stopped, within the grace period', async () => {
    const gate = deferred();
    let finished = false;
    const schedule = schedulePolls(YEARLY, () => gate.promise.then(() => (finished = true)), log);
    void schedule.runNow();
    const stopping = schedule.stop(5_000);
    gate.resolve();
    expect(await stopping).toBe(true);
    expect(finished).toBe(true);
  });

  it('gives up waiting after the grace period', async () => {
    const gate = deferred();
    const schedule = schedulePolls(YEARLY, () => gate.promise, log);
    void schedule.runNow();
    expect(await schedule.stop(10)).toBe(false);
    gate.resolve();
  });

  it('stops at once when idle', async () => {
    const schedule = schedulePolls(YEARLY, async () => {}, log);
    await schedule.runNow();
    expect(await schedule.stop(10_000)).toBe(true);
  });
});
