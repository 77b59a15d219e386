import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openStore, StoreIoError, StoreVersionError } from '../../src/store/index.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { quietLog } from '../pipeline/fakes.js';
import { rec } from './records.js';
import { useTempDir } from './tempDir.js';

const tmp = useTempDir();

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (s: string) => lines.push(JSON.parse(s)) });
  return { lines, log };
}

async function validFile(): Promise<string> {
  const store = await openStore(tmp.path, quietLog());
  store.put(rec('1', '2023-01-01T00:00:00Z', { state: 'posted' }));
  await store.flush();
  return readFile(tmp.path, 'utf8');
}

const withBadState = (text: string) => text.replace('"state":"posted"', '"state":"sent"');
const withSeen = (text: string, entries: string) => text.replace('"seen":[]', `"seen":[${entries}]`);
const seen7 = '["7","2023-01-01T00:00:00Z","7007"]';

describe('a damaged store file', () => {
  const cases: [string, (valid: string) => string][] = [
    ['invalid JSON', () => '{"version":2,'],
    ['truncated', (valid) => valid.slice(0, valid.length / 2)],
    ['empty', () => ''],
    ['blank', () => '\n  \n'],
    ['null', () => 'null'],
    ['an array', () => '[]'],
    ['without a version', () => '{"filings":{}}'],
    ['missing parts', () => '{"version":2,"filings":{}}'],
    ['a record of unknown state', withBadState],
    ['a record under another id', (valid) => valid.replace('"filings":{"1":', '"filings":{"9":')],
    ['an unknown old version', () => '{"version":0}'],
    ['a compact filing without its release', (valid) => withSeen(valid, '["7"]')],
    ['a compact filing kept twice', (valid) => withSeen(valid, `${seen7},${seen7}`)],
    ['a filing kept in full and compactly', (valid) => withSeen(valid, '["1","2023-01-01T00:00:00Z"]')],
  ];

  it.each(cases)('(%s) is moved aside, logged, and the bot starts afresh', async (_name, damage) => {
    const text = damage(await validFile());
    await writeFile(tmp.path, text);
    const { lines, log } = capturingLog();

    const store = await openStore(tmp.path, log);

    expect(store.isEmpty()).toBe(true);
    const aside = (await readdir(tmp.dir)).filter((f) => f.startsWith('store.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(tmp.dir, aside[0] ?? ''), 'utf8')).toBe(text);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'error', path: tmp.path, movedTo: join(tmp.dir, aside[0] ?? '') }),
    ]);

    store.setMeta({ lastPollError: 'x' });
    await store.flush();
    expect(JSON.parse(await readFile(tmp.path, 'utf8'))).toMatchObject({
      version: SCHEMA_VERSION,
      filings: {},
      seen: [],
    });
  });

  it('names the damage in the log', async () => {
    await writeFile(tmp.path, withBadState(await validFile()));
    const { lines, log } = capturingLog();
    await openStore(tmp.path, log);
    expect(lines[0]?.reason).toMatch(/^unexpected shape: filings\.1\.state/);
  });

  it('names a filing kept twice', async () => {
    await writeFile(tmp.path, withSeen(await validFile(), `${seen7},${seen7}`));
    const { lines, log } = capturingLog();
    await openStore(tmp.path, log);
    expect(lines[0]?.reason).toBe('unexpected shape: seen: filing 7 is kept twice');
  });
});

describe('a store file the bot must not touch', () => {
  it('of a newer schema version is refused and left in place', async () => {
    const newer = SCHEMA_VERSION + 1;
    await writeFile(tmp.path, JSON.stringify({ version: newer, whatever: true }));
    const opening = openStore(tmp.path, quietLog());
    await expect(opening).rejects.toBeInstanceOf(StoreVersionError);
    await expect(opening).rejects.toThrow(`store file ${tmp.path} has schema version ${newer}`);
    expect(await readdir(tmp.dir)).toEqual(['store.json']);
  });

  it('that cannot be read is an error naming the path', async () => {
    await mkdir(tmp.path);
    const opening = openStore(tmp.path, quietLog());
    await expect(opening).rejects.toBeInstanceOf(StoreIoError);
    await expect(opening).rejects.toThrow(`could not read store file ${tmp.path}: EISDIR`);
  });
});

describe('a failed write', () => {
  it('names the path and keeps the changes for the next flush', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z'));
    const temp = join(tmp.dir, '.store.json.tmp');
    await mkdir(temp);

    await expect(store.flush()).rejects.toThrow(`could not write store file ${tmp.path}`);

    await rm(temp, { recursive: true });
    await store.flush();
    expect((await openStore(tmp.path, quietLog())).has('1')).toBe(true);
  });

  it('fails a flush that found nothing new while an earlier write of its changes fails', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z'));
    await mkdir(join(tmp.dir, '.store.json.tmp'));

    const first = store.flush();
    const second = store.flush();

    await expect(first).rejects.toThrow(StoreIoError);
    await expect(second).rejects.toThrow(StoreIoError);
  });
});
