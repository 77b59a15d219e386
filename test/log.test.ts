import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLogger, createLogger } from '../src/log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, log: createLogger('debug', stream) };
}

const SECRETS = [
  'xoxb-111-222-abcdef',
  'xapp-1-A123-456-zzz',
  'xoxp-9-8-7',
  'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
];

describe('logger redaction', () => {
  it('censors credential keys at any depth', () => {
    const { lines, log } = capture();
    log.info(
      {
        token: 'plain-looking',
        config: { slack: { botToken: 'abc', signingSecret: 'def', appToken: 'ghi' } },
        req: { headers: { 'x-slack-signature': 'sig', authorization: 'auth' } },
      },
      'starting',
    );
    const line = lines.join('\n');
    for (const value of ['plain-looking', '"abc"', '"def"', '"ghi"', '"sig"', '"auth"'])
      expect(line).not.toContain(value);
    expect(line).toContain('[redacted]');
  });

  it('masks token-shaped strings in messages, values, arrays and errors', () => {
    const { lines, log } = capture();
    log.info(`posting with ${SECRETS[0]}`);
    log.warn({ note: `retry ${SECRETS[1]}`, list: [SECRETS[2]] }, 'sig %s', SECRETS[3]);
    log.error(new Error(`auth failed for ${SECRETS[0]}`), 'boom');
    log.info({ err: new Error(`Bearer ${SECRETS[2]}`) }, 'nested');
    const out = lines.join('\n');
    for (const secret of SECRETS) expect(out).not.toContain(secret);
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[2] as string).err).toMatchObject({
      type: 'Error',
      message: 'auth failed for [redacted]',
    });
  });

  it('keeps ordinary text intact and writes one JSON line per event', () => {
    const { lines, log } = capture();
    log.info({ filing: '11234567', url: 'https://www1.hkexnews.hk/x.pdf' }, 'parsed filing');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      level: 'info',
      filing: '11234567',
      url: 'https://www1.hkexnews.hk/x.pdf',
      msg: 'parsed filing',
    });
  });

  it('honours the level', () => {
    const { lines, log } = capture();
    log.level = 'warn';
    log.info('hidden');
    log.warn('shown');
    expect(lines).toHaveLength(1);
  });

  it('masks secrets nested deeper than any fixed limit, by key and by shape', () => {
    const { lines, log } = capture();
    const nest = (depth: number, leaf: unknown): unknown =>
      depth === 0 ? leaf : { level: depth, inner: nest(depth - 1, leaf) };
    log.info({ deep: nest(12, { token: 'plain-looking', note: `uses ${SECRETS[0]}` }) }, 'deep');
    log.info({ list: nest(9, [[[{ headers: { authorization: 'auth-value' } }, SECRETS[2]]]]) }, 'deep list');
    const out = lines.join('\n');
    for (const value of ['plain-looking', SECRETS[0], SECRETS[2], 'auth-value'])
      expect(out).not.toContain(value);
    expect(lines).toHaveLength(2);
    expect(out.match(/\[redacted\]/g)).toHaveLength(4);
  });

  it('writes cyclic objects once, marking the cycle, with their secrets masked', () => {
    const { lines, log } = capture();
    const shared = { note: `shared ${SECRETS[1]}` };
    const a: Record<string, unknown> = { name: 'a', shared, again: shared };
    a.self = a;
    a.child = { parent: a, list: [a, SECRETS[0]] };
    log.warn({ a }, 'cycle');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.a.self).toBe('[circular]');
    expect(entry.a.child).toEqual({ parent: '[circular]', list: ['[circular]', '[redacted]'] });
    // An object met twice but not inside itself is written both times.
    expect(entry.a.again).toEqual({ note: 'shared [redacted]' });
    expect(lines[0]).not.toContain(SECRETS[1]);
  });

  const ROTATED = [
    'xoxe.xoxp-1-Mi0yLTEyMzQ1Njc4OTA',
    'xoxe.xoxb-1-Mi0yLTk4NzY1NDMyMTA',
    'xoxe-1-My0xLTEyMzQ1Njc4OTA',
  ];
  const WEBHOOK = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/aBcDeFgHiJkLmNoPqRsTuVwX';

  it.each([...ROTATED, WEBHOOK])('masks %s wherever it appears', (secret) => {
    const { lines, log } = capture();
    log.info(`rotated to ${secret}`);
    log.info({ nested: { deeper: { value: `got ${secret}.` } }, list: [[secret]] }, 'fmt %s', secret);
    log.error(new Error(`refresh failed for ${secret}`), 'boom');
    log.info({ err: new Error(`posting to ${secret} failed`) }, 'nested error');
    boltLogger(log).warn('Bolt said', { url: secret }, secret);
    const out = lines.join('\n');
    expect(lines).toHaveLength(5);
    // Masked whole: no prefix (xoxe.) or workspace and channel ids left behind.
    for (const piece of ['xoxe', 'hooks.slack.com', 'T0123ABCD', secret.slice(-10)])
      expect(out).not.toContain(piece);
    expect(JSON.parse(lines[0] as string).msg).toBe('rotated to [redacted]');
    expect(JSON.parse(lines[1] as string).nested.deeper.value).toBe('got [redacted].');
  });

  it('masks a webhook URL carried percent-encoded inside another URL', () => {
    const { lines, log } = capture();
    log.info({ url: `https://example.com/cb?next=${encodeURIComponent(WEBHOOK)}&x=1` }, 'redirect');
    expect(lines[0]).not.toContain('T0123ABCD');
    expect(JSON.parse(lines[0] as string).url).toBe('https://example.com/cb?next=[redacted]&x=1');
  });

  it('redacts what Bolt logs through the adapter', () => {
    const { lines, log } = capture();
    boltLogger(log).error('An API error occurred', { token: SECRETS[0] }, SECRETS[1]);
    const out = lines.join('\n');
    expect(out).not.toContain(SECRETS[0]);
    expect(out).not.toContain(SECRETS[1]);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ component: 'bolt', level: 'error' });
  });
});
