import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/estimate.js';
import { openStore, segmentsDir } from '../../src/store/index.js';
import type { V1Data } from '../../src/store/migrations.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { estimate, quietLog } from '../pipeline/fakes.js';
import { rec } from './records.js';
import { useTempDir } from './tempDir.js';

const tmp = useTempDir();

/** What the store has on disk: its file (the head) and what its segments hold. */
async function onDisk() {
  const head = JSON.parse(await readFile(tmp.path, 'utf8'));
  const dir = segmentsDir(tmp.path);
  const names = (await readdir(dir)).sort();
  const filings: Record<string, unknown> = {};
  const seen: unknown[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    for (const line of text.trim().split('\n')) {
      const value = JSON.parse(line);
      if (Array.isArray(value)) seen.push(value);
      else filings[value.filing.id] = value;
    }
  }
  return { head, filings, seen, names };
}

const v1: V1Data = {
  version: 1,
  filings: [
    {
      newsId: 11234567,
      stockCode: '06680',
      title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
      releasedAt: '2023-01-30T11:02:00.000Z',
      url: 'https://www1.hkexnews.hk/listedco/listconews/sehk/2023/0130/2023013001234.pdf',
      status: 'alerted',
      estimate: estimate({ kind: 'results_estimate' }),
      alert: { channel: 'C0ALERTS', ts: '1675076520.000100' },
    },
    {
      newsId: '11234570',
      stockCode: '08001',
      title: 'PROFIT WARNING',
      releasedAt: '2023-01-30T12:00:00.000Z',
      url: 'https://www1.hkexnews.hk/listedco/listconews/gem/2023/0130/2023013001300.pdf',
      status: 'error',
      estimate: null,
      alert: null,
      error: 'could not read PDF',
    },
    {
      newsId: '11234571',
      stockCode: '00700',
      title: 'PROFIT ALERT',
      releasedAt: '2023-01-30T12:30:00.000Z',
      url: 'https://www1.hkexnews.hk/listedco/listconews/sehk/2023/0130/2023013001400.pdf',
      status: 'new',
      estimate: estimate({ kind: null }),
      alert: null,
    },
  ],
  watchlists: { C0WATCH: ['00700'] },
  lastPollAt: '2023-01-30T12:31:00.000Z',
};

describe('a version 1 store file', () => {
  it('is migrated to the current schema on open and written back as such', async () => {
    await writeFile(tmp.path, JSON.stringify(v1));
    const store = await openStore(tmp.path, quietLog());

    expect(store.get('11234567')).toMatchObject({
      filing: { id: '11234567', board: 'sehk', stockCodes: ['06680'], pdfUrl: v1.filings[0]?.url },
      isEstimate: true,
      state: 'posted',
      targets: ['C0ALERTS'],
      alerts: [{ channel: 'C0ALERTS', ts: '1675076520.000100' }],
      estimate: { kind: 'results_estimate' },
    });
    expect(store.get('11234570')).toMatchObject({
      filing: { board: 'gem' },
      isEstimate: true,
      state: 'failed',
      error: 'could not read PDF',
    });
    // Parsed as no estimate after all: kept compactly.
    expect(store.has('11234571')).toBe(true);
    expect(store.get('11234571')).toBeUndefined();
    expect(store.unfinished()).toEqual([]);
    expect(store.watchers('00700')).toEqual(['C0WATCH']);
    expect(store.meta()).toEqual({ lastPollAt: '2023-01-30T12:31:00.000Z', lastPollError: null });

    // Written back at once, the filings moved to segments.
    const written = await onDisk();
    expect(written.head.version).toBe(SCHEMA_VERSION);
    expect(Object.keys(written.filings)).toEqual(['11234567', '11234570']);
    expect(written.seen).toEqual([['11234571', '2023-01-30T12:30:00.000Z']]);
    await store.close();
    expect((await openStore(tmp.path, quietLog())).get('11234567')).toEqual(store.get('11234567'));
  });

  it('of the wrong shape is treated as damaged', async () => {
    await writeFile(tmp.path, JSON.stringify({ ...v1, filings: [{ newsId: 1 }] }));
    const store = await openStore(tmp.path, quietLog());
    expect(store.isEmpty()).toBe(true);
    expect((await readdir(tmp.dir)).some((f) => f.startsWith('store.json.corrupt-'))).toBe(true);
  });
});

describe('a version 2 store file', () => {
  const at = (h: number) => `2023-01-30T${String(h).padStart(2, '0')}:00:00.000Z`;
  const v2 = {
    version: 2,
    filings: Object.fromEntries(
      [
        rec('1', at(1), { state: 'posted', estimate: estimate(), alerts: [{ channel: 'C1', ts: '1.1' }] }),
        rec('2', at(2), { isEstimate: false, idZh: '2002' }),
        rec('3', at(3), { isEstimate: false, state: 'parsed', estimate: estimate({ kind: null }) }),
        rec('4', at(4)),
        // Alerted under version 1 before its kind was known: its thread must stay findable.
        rec('5', at(5), { isEstimate: false, state: 'posted', alerts: [{ channel: 'C1', ts: '5.1' }] }),
      ].map((r) => [r.filing.id, r]),
    ),
    watchlists: { C1: ['06680'] },
    meta: { lastPollAt: at(6), lastPollError: null },
  };

  it('keeps the finished non-estimates compactly, and everything else as it was', async () => {
    await writeFile(tmp.path, JSON.stringify(v2));
    const store = await openStore(tmp.path, quietLog());

    for (const id of ['1', '2', '3', '4', '5', '2002']) expect(store.has(id)).toBe(true);
    expect(store.get('2')).toBeUndefined();
    expect(store.get('3')).toBeUndefined();
    expect(store.get('1')).toEqual(v2.filings['1']);
    expect(store.get('5')).toEqual(v2.filings['5']);
    expect(store.byStock('06680').map((r) => r.filing.id)).toEqual(['5', '4', '1']);
    expect(store.unfinished().map((r) => r.filing.id)).toEqual(['4']);

    const written = await onDisk();
    expect(written.head).toEqual({
      version: SCHEMA_VERSION,
      watchlists: v2.watchlists,
      reports: [],
      filters: {},
      meta: v2.meta,
    });
    expect(Object.keys(written.filings)).toEqual(['1', '4', '5']);
    expect(written.seen).toEqual([
      ['2', at(2), '2002'],
      ['3', at(3)],
    ]);
  });

  it('with a damaged record is treated as damaged', async () => {
    await writeFile(tmp.path, JSON.stringify({ ...v2, filings: { 2: { filing: { id: '2' } } } }));
    const store = await openStore(tmp.path, quietLog());
    expect(store.isEmpty()).toBe(true);
    expect((await readdir(tmp.dir)).some((f) => f.startsWith('store.json.corrupt-'))).toBe(true);
  });
});

describe('a version 3 store file', () => {
  const oldMetric = {
    name: 'net_profit_attributable',
    label: 'profit attributable to owners of the Company',
    current: { low: '80000000', high: null },
    prior: '50200000',
    changePct: null,
  };
  const v3 = {
    version: 3,
    filings: {
      '1': rec('1', '2024-07-30T01:00:00.000Z', {
        state: 'posted',
        alerts: [{ channel: 'C1', ts: '1.1' }],
        // As version 3 stored it: no direction, evidence or confidence.
        estimate: { ...estimate(), direction: undefined, metrics: [oldMetric] } as unknown as Estimate,
      }),
      '2': rec('2', '2024-07-30T02:00:00.000Z'),
    },
    seen: [],
    watchlists: {},
    meta: { lastPollAt: null, lastPollError: null },
  };

  it('marks the figures an earlier parser read as unsure, with no evidence, and keeps the rest', async () => {
    await writeFile(tmp.path, JSON.stringify(v3));
    const store = await openStore(tmp.path, quietLog());
    expect(store.get('1')?.estimate).toEqual({
      ...estimate(),
      direction: null,
      metrics: [
        {
          ...oldMetric,
          direction: null,
          evidence: { current: null, prior: null, changePct: null },
          confidence: {
            level: 'unsure',
            reasons: ['read by an earlier version of the parser, without evidence'],
          },
        },
      ],
    });
    expect(store.get('2')?.estimate).toBeNull();
    expect(store.get('1')?.alerts).toEqual([{ channel: 'C1', ts: '1.1' }]);
  });
});

describe('a version 4 store file', () => {
  const at = (d: string) => `2024-${d}T01:00:00.000Z`;
  const v4 = {
    version: 4,
    filings: {
      '1': rec('1', at('11-29'), { state: 'posted', alerts: [{ channel: 'C1', ts: '1.1' }] }),
      '2': rec('2', at('12-02')),
    },
    seen: [
      ['3', at('11-30')],
      ['4', at('12-01'), '4004'],
    ],
    watchlists: { C1: ['06680'] },
    reports: [],
    meta: { lastPollAt: at('12-02'), lastPollError: null },
  };

  it('moves its filings into monthly segments and keeps the rest in the file', async () => {
    await writeFile(tmp.path, JSON.stringify(v4));
    const store = await openStore(tmp.path, quietLog());

    const written = await onDisk();
    expect(written.names).toEqual(['2024-11.jsonl', '2024-12.jsonl']);
    expect(written.head).toEqual({
      version: SCHEMA_VERSION,
      watchlists: v4.watchlists,
      reports: [],
      filters: {},
      meta: v4.meta,
    });
    expect(written.filings).toEqual(v4.filings);
    expect(written.seen).toEqual(v4.seen);
    await store.close();
    const reopened = await openStore(tmp.path, quietLog());
    for (const id of ['1', '2', '3', '4', '4004']) expect(reopened.has(id)).toBe(true);
    expect(reopened.get('1')).toEqual(v4.filings['1']);
  });

  it('is moved again, without duplicates, when a crash came before the file was rewritten', async () => {
    await writeFile(tmp.path, JSON.stringify(v4));
    await (await openStore(tmp.path, quietLog())).close();
    // As if the process had died after writing the segments, before replacing the file.
    await writeFile(tmp.path, JSON.stringify(v4));

    await (await openStore(tmp.path, quietLog())).close();

    expect((await onDisk()).seen).toEqual(v4.seen);
    expect((await openStore(tmp.path, quietLog())).byStock('06680').map((r) => r.filing.id)).toEqual([
      '2',
      '1',
    ]);
  });
});
