import { expect, it } from 'vitest';
import { createUserLimit } from '../../src/slack/user-limit.js';

it('lets each user look up a few times a minute, and again once the minute has passed', () => {
  let clock = 0;
  const limit = createUserLimit(3, 60_000, () => clock);
  expect([1, 2, 3, 4].map(() => limit.take('U1'))).toEqual([true, true, true, false]);
  expect(limit.take('U2')).toBe(true);
  clock = 60_000;
  expect(limit.take('U1')).toBe(true);
});
