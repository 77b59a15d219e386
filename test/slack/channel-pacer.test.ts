import { expect, it } from 'vitest';
import { createChannelPacer } from '../../src/slack/channel-pacer.js';

it('spaces posts to one channel and runs them in order', async () => {
  const pace = createChannelPacer(20);
  const starts: number[] = [];
  const post = (n: number) => async () => {
    starts.push(performance.now());
    return n;
  };
  const results = await Promise.all([pace('C1', post(1)), pace('C1', post(2)), pace('C1', post(3))]);
  expect(results).toEqual([1, 2, 3]);
  for (let i = 1; i < starts.length; i++)
    expect((starts[i] as number) - (starts[i - 1] as number)).toBeGreaterThanOrEqual(19);
});

it('does not make one channel wait for another', async () => {
  let clock = 0;
  const pace = createChannelPacer(60_000, () => clock);
  await pace('C1', async () => 'first');
  clock = 1;
  // Another channel starts at once even though C1 must wait a minute.
  await expect(pace('C2', async () => 'other')).resolves.toBe('other');
});

it('rejects only the failed post and keeps the queue going', async () => {
  const pace = createChannelPacer(0);
  const failed = pace('C1', async () => {
    throw new Error('boom');
  });
  const next = pace('C1', async () => 'next');
  await expect(failed).rejects.toThrow('boom');
  await expect(next).resolves.toBe('next');
});
