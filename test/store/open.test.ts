import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { openStore, StoreIoError, StoreVersionError, segmentsDir } from '../../src/store/index.js';
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

/** A valid version-4 file: the last to keep the filings inside it. */
async function validFile(): Promise<string> {
  return JSON.stringify({
    version: 4,
    filings: { 1: rec('1', '2023-01-01T00:00:00Z', { state: 'posted' }) },
    seen: [],
    watchlists: {},
    reports: [],
    meta: { lastPollAt: null, lastPollError: null },
  });
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
    ['a head missing parts', () => `{"version":${SCHEMA_VERSION},"watchlists":{}}`],
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
    const head = JSON.parse(await readFile(tmp.path, 'utf8'));
    expect(head).toMatchObject({ version: SCHEMA_VERSION, watchlists: {}, reports: [] });
    expect(head).not.toHaveProperty('filings');
  });

  it('keeps the filings of its segments', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z', { state: 'posted' }));
    store.watch('C1', '00001');
    await store.close();
    await writeFile(tmp.path, '{"version":');

    const reopened = await openStore(tmp.path, quietLog());

    expect(reopened.get('1')?.state).toBe('posted');
    expect(reopened.watchlist('C1')).toEqual([]);
  });
});

describe('a damaged segment', () => {
  it('loses its damaged lines only, which are logged', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z', { state: 'posted' }));
    store.put(rec('2', '2023-01-02T00:00:00Z', { state: 'posted' }));
    await store.close();
    const january = join(segmentsDir(tmp.path), '2023-01.jsonl');
    const [first, second] = (await readFile(january, 'utf8')).split('\n');
    await writeFile(january, `${withBadState(first ?? '')}\n${second}\n`);
    const { lines, log } = capturingLog();

    const reopened = await openStore(tmp.path, log);

    expect(reopened.has('1')).toBe(false);
    expect(reopened.get('2')?.state).toBe('posted');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', path: january, line: 1 })]);
  });

  it('with a line torn by a crash mid-append loses that line only', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z', { isEstimate: false }));
    await store.close();
    const seen = join(segmentsDir(tmp.path), '2023-01.jsonl');
    await writeFile(seen, `${await readFile(seen, 'utf8')}["2","2023-01`);

    const reopened = await openStore(tmp.path, quietLog());

    expect(reopened.has('1')).toBe(true);
    expect(reopened.has('2')).toBe(false);
    reopened.put(rec('3', '2023-01-02T00:00:00Z', { isEstimate: false }));
    await reopened.close();
    const again = await openStore(tmp.path, quietLog());
    expect(['1', '2', '3'].map((id) => again.has(id))).toEqual([true, false, true]);
  });

  it('holding more replaced lines than current ones is rewritten on load', async () => {
    const store = await openStore(tmp.path, quietLog());
    for (const state of ['seen', 'parsed', 'posting', 'posted'] as const) {
      store.put(rec('1', '2023-01-01T00:00:00Z', { state }));
      await store.flush();
    }
    await store.close();
    const january = join(segmentsDir(tmp.path), '2023-01.jsonl');
    expect((await readFile(january, 'utf8')).trim().split('\n')).toHaveLength(4);

    const reopened = await openStore(tmp.path, quietLog());

    expect((await readFile(january, 'utf8')).trim().split('\n')).toHaveLength(1);
    expect(reopened.get('1')?.state).toBe('posted');
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
    // A directory where the month's log should be: appending to it fails like a full disk.
    await mkdir(join(segmentsDir(tmp.path), '2023-01.jsonl'), { recursive: true });

    await expect(store.flush()).rejects.toThrow(`could not write store file ${tmp.path}`);

    await rm(join(segmentsDir(tmp.path), '2023-01.jsonl'), { recursive: true });
    await store.flush();
    expect((await openStore(tmp.path, quietLog())).has('1')).toBe(true);
  });

  it('fails a flush that found nothing new while an earlier write of its changes fails', async () => {
    const store = await openStore(tmp.path, quietLog());
    store.put(rec('1', '2023-01-01T00:00:00Z'));
    await mkdir(join(segmentsDir(tmp.path), '2023-01.jsonl'), { recursive: true });

    const first = store.flush();
    const second = store.flush();

    await expect(first).rejects.toThrow(StoreIoError);
    await expect(second).rejects.toThrow(StoreIoError);
  });
});
