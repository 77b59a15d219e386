import { readdir, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import type { V1Data } from '../../src/store/migrations.js';
import { estimate, quietLog } from '../pipeline/fakes.js';
import { useTempDir } from './tempDir.js';

const tmp = useTempDir();

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
    expect(store.get('11234571')).toMatchObject({ isEstimate: false, state: 'parsed' });
    expect(store.unfinished()).toEqual([]);
    expect(store.watchers('00700')).toEqual(['C0WATCH']);
    expect(store.meta()).toEqual({ lastPollAt: '2023-01-30T12:31:00.000Z', lastPollError: null });

    store.setMeta({ lastPollError: null });
    await store.flush();
    const written = JSON.parse(await readFile(tmp.path, 'utf8'));
    expect(written.version).toBe(2);
    expect(Object.keys(written.filings)).toEqual(['11234567', '11234570', '11234571']);
    expect((await openStore(tmp.path, quietLog())).get('11234567')).toEqual(store.get('11234567'));
  });

  it('of the wrong shape is treated as damaged', async () => {
    await writeFile(tmp.path, JSON.stringify({ ...v1, filings: [{ newsId: 1 }] }));
    const store = await openStore(tmp.path, quietLog());
    expect(store.isEmpty()).toBe(true);
    expect((await readdir(tmp.dir)).some((f) => f.startsWith('store.json.corrupt-'))).toBe(true);
  });
});
