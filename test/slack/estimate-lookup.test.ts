import { describe, expect, it } from 'vitest';
import { HkexError, UnknownStockError } from '../../src/hkex/errors.js';
import { landings } from '../../src/settle/landing.js';
import { createEstimateLookup, LookupError } from '../../src/slack/estimate-lookup.js';
import { createMemoryStore } from '../../src/store/index.js';
import { actual, results } from '../settle/support.js';
import { fakeHkex, fakeParse } from './fake-hkex.js';
import { filingFor, JL_MAG, JL_MAG_RECORD, recordFor } from './samples.js';

const NOW = new Date('2023-06-01T00:00:00Z');
const older = filingFor(JL_MAG, {
  id: '1',
  title: 'POSITIVE PROFIT ALERT',
  releasedAt: '2023-01-10T09:00:00Z',
  pdfUrl: 'https://h/old.pdf',
});
const newer = filingFor(JL_MAG, {
  id: '2',
  title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS',
  releasedAt: '2023-01-30T11:02:00Z',
  pdfUrl: 'https://h/new.pdf',
});
const noise = filingFor(JL_MAG, {
  id: '3',
  title: 'PROFIT DISTRIBUTION PLAN',
  releasedAt: '2023-05-01T09:00:00Z',
  pdfUrl: 'https://h/noise.pdf',
});

describe('search', () => {
  it('parses the newest estimate-titled filing of the last 12 months, both versions cross-checked', async () => {
    const hkex = fakeHkex([older, noise, newer]);
    const parser = fakeParse(JL_MAG);
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: hkex.source,
      parse: parser.parse,
      now: () => NOW,
    });
    const found = await lookup.search('06680');
    expect(found?.filing.id).toBe('2');
    const zh = newer.pdfUrlZh as string;
    expect(hkex.requests).toEqual([
      'search 06680 2022-06-01 2023-06-01',
      'pdf https://h/new.pdf',
      `pdf ${zh}`,
    ]);
    expect(parser.read).toEqual(['https://h/new.pdf', zh]);
    expect(found?.twin).toEqual({ verdict: 'match', other: 'zh', differences: [], error: null });
    expect(lookup.find('2')?.estimate).toEqual(JL_MAG);
  });

  it('finds nothing when no title announces an estimate', async () => {
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: fakeHkex([noise]).source,
      parse: fakeParse(JL_MAG).parse,
    });
    expect(await lookup.search('06680')).toBeNull();
  });

  it('names the failed step', async () => {
    const hkex = fakeHkex([], new Error('HTTP 503 from https://h/search'));
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: hkex.source,
      parse: fakeParse(JL_MAG).parse,
    });
    const err = await lookup.search('06680').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LookupError);
    expect(err).toMatchObject({ step: 'searching HKEXnews', code: '06680' });
    expect((err as Error).message).toContain('HTTP 503 from https://h/search');
    expect(err).toMatchObject({ unknownStock: false });
  });

  it.each(['search', 'history'] as const)('marks a stock HKEXnews does not list (%s)', async (method) => {
    const hkex = fakeHkex([], new UnknownStockError('09999', 'https://h/search/prefix.do'));
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: hkex.source,
      parse: fakeParse(JL_MAG).parse,
    });
    const err = await lookup[method]('09999').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LookupError);
    expect(err).toMatchObject({ step: 'searching HKEXnews', code: '09999', unknownStock: true });
  });

  it('does not mark other HKEXnews errors as an unknown stock', async () => {
    const hkex = fakeHkex([], new HkexError('HKEXnews sent unreadable JSON', 'https://h/search/prefix.do'));
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: hkex.source,
      parse: fakeParse(JL_MAG).parse,
    });
    expect(await lookup.search('00700').catch((e: unknown) => e)).toMatchObject({ unknownStock: false });
  });
});

describe('stored and history', () => {
  it('prefers the store, newest first, and lists history from it', async () => {
    const store = createMemoryStore();
    store.put(recordFor(JL_MAG, older));
    store.put(JL_MAG_RECORD);
    store.put(recordFor(null, noise, { isEstimate: false }));
    const hkex = fakeHkex([]);
    const lookup = createEstimateLookup({ store, hkex: hkex.source, parse: fakeParse(JL_MAG).parse });
    expect(lookup.stored('06680')?.filing.id).toBe(JL_MAG_RECORD.filing.id);
    expect(lookup.stored('00700')).toBeNull();
    expect((await lookup.history('06680')).map((i) => i.filing.id)).toEqual([JL_MAG_RECORD.filing.id, '1']);
    expect(hkex.requests).toEqual([]);
  });

  it('falls back to HKEXnews titles for history', async () => {
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: fakeHkex([older, noise, newer]).source,
      parse: fakeParse(JL_MAG).parse,
    });
    expect(await lookup.history('06680')).toEqual([
      { filing: newer, estimate: null, landing: null },
      { filing: older, estimate: null, landing: null },
    ]);
  });
});

describe('many people asking at once', () => {
  it('costs one search and one reading of each version, however many ask', async () => {
    const hkex = fakeHkex([newer]);
    const parser = fakeParse(JL_MAG);
    const lookup = createEstimateLookup({
      store: createMemoryStore(),
      hkex: hkex.source,
      parse: parser.parse,
      now: () => NOW,
    });
    const answers = await Promise.all(Array.from({ length: 20 }, () => lookup.search('06680')));
    expect(answers.every((a) => a?.filing.id === '2')).toBe(true);
    expect(hkex.requests.filter((r) => r.startsWith('search'))).toHaveLength(1);
    expect(parser.read).toHaveLength(2);
    // And a while later, still from memory.
    await lookup.search('06680');
    await lookup.history('06680');
    expect(hkex.requests.filter((r) => r.startsWith('search'))).toHaveLength(1);
  });
});

describe('an estimate settled by results', () => {
  const store = createMemoryStore();
  store.put(JL_MAG_RECORD);
  const settled = landings(JL_MAG, results([actual('net_profit_attributable', '801200000', '453074200')]));
  const resultsFiling = filingFor(JL_MAG, {
    id: '77',
    title: 'ANNUAL RESULTS ANNOUNCEMENT',
    releasedAt: '2023-03-20T11:00:00Z',
  });
  store.put(
    recordFor(null, resultsFiling, {
      isEstimate: false,
      isResults: true,
      settles: JL_MAG_RECORD.filing.id,
      landings: settled,
    }),
  );
  const lookup = createEstimateLookup({ store, hkex: fakeHkex([]).source, parse: fakeParse(JL_MAG).parse });

  it('is shown with how it landed', () => {
    expect(lookup.stored('06680')?.landings).toEqual(settled);
  });

  it("lists its headline's landing in the history, and no results as an estimate", async () => {
    expect(await lookup.history('06680')).toEqual([
      { filing: JL_MAG_RECORD.filing, estimate: JL_MAG, landing: settled[0] },
    ]);
  });
});
