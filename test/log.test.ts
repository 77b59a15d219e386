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

  it('redacts what Bolt logs through the adapter', () => {
    const { lines, log } = capture();
    boltLogger(log).error('An API error occurred', { token: SECRETS[0] }, SECRETS[1]);
    const out = lines.join('\n');
    expect(out).not.toContain(SECRETS[0]);
    expect(out).not.toContain(SECRETS[1]);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ component: 'bolt', level: 'error' });
  });
});
