import { expect, it } from 'vitest';
import { createMemo } from '../../src/slack/memo.js';

it('answers callers of one key from one call while it runs, then from memory until it expires', async () => {
  let clock = 0;
  let calls = 0;
  const memo = createMemo<number>(1000, 10, () => clock);
  const load = async () => {
    calls++;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return calls;
  };
  expect(await Promise.all(Array.from({ length: 20 }, () => memo.get('06680', load)))).toEqual(
    Array(20).fill(1),
  );
  expect(await memo.get('06680', load)).toBe(1);
  clock = 1000;
  expect(await memo.get('06680', load)).toBe(2);
  expect(calls).toBe(2);
});

it('does not remember a failure, and forgets the oldest key beyond its capacity', async () => {
  const memo = createMemo<string>(60_000, 2);
  await expect(memo.get('a', () => Promise.reject(new Error('HTTP 503')))).rejects.toThrow('HTTP 503');
  expect(await memo.get('a', async () => 'second try')).toBe('second try');
  await memo.get('b', async () => 'b');
  await memo.get('c', async () => 'c');
  expect(await memo.get('a', async () => 'loaded again')).toBe('loaded again');
});
