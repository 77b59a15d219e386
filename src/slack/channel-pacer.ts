import { setTimeout as sleep } from 'node:timers/promises';

// Slack allows about one message per second per channel. Posts to one channel run one after
// another, spaced by `intervalMs`; channels do not wait for each other. A failed post rejects
// its own caller only: the posts queued behind it still run, so nothing is dropped.

export type Pacer = <T>(channel: string, post: () => Promise<T>) => Promise<T>;

export function createChannelPacer(intervalMs: number, now: () => number = Date.now): Pacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  return (channel, post) => {
    const run = async () => {
      const wait = (lastStart.get(channel) ?? Number.NEGATIVE_INFINITY) + intervalMs - now();
      if (wait > 0) await sleep(wait);
      lastStart.set(channel, now());
      return post();
    };
    const result = (tails.get(channel) ?? Promise.resolve()).then(run);
    tails.set(
      channel,
      result.catch(() => {}),
    );
    return result;
  };
}
