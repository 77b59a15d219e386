import { expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { prettyDestination, prettyLine } from '../src/log-pretty.js';

it('prints a log line a person can read, redacted as the JSON one is', () => {
  const lines: string[] = [];
  const log = createLogger(
    'info',
    prettyDestination((t) => lines.push(t)),
  );
  log.warn(
    { error: 'GET https://www1.hkexnews.hk/x failed: 503', token: 'xoxb-1-secret' },
    'poll cycle failed',
  );
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^\d\d:\d\d:\d\d {2}WARN {3}poll cycle failed {2}error=GET https:\/\/www1\.hkexnews\.hk\/x failed: 503/,
  );
  expect(lines[0]).not.toContain('xoxb-1-secret');
});

it('passes a line through that is not JSON', () => {
  expect(prettyLine('plain text\n')).toBe('plain text');
});
