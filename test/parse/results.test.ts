import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResults, resultsKindOf } from '../../src/parse/results.js';
import { withoutEvidence } from './support/results.js';

// Every results fixture with a sibling expected.json is read and compared whole (its evidence
// apart: each quoted line must state the figure it is quoted for).
const DIR = join(import.meta.dirname, '..', 'fixtures', 'results');
const cases = readdirSync(DIR)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => name.slice(0, -'.txt'.length))
  .filter((base) => readdirSync(DIR).includes(`${base}.expected.json`));
const read = (base: string): string => readFileSync(join(DIR, `${base}.txt`), 'utf8');

/** The figure as a table prints it: 2846375000 in RMB'000 is "2,846,375"; losses in brackets or signed. */
const digitsOf = (line: string) => line.replace(/[^\d]/g, '');

describe('results corpus', () => {
  it('has fixtures to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(16);
  });

  it.each(cases)('%s', (base) => {
    const expected: unknown = JSON.parse(readFileSync(join(DIR, `${base}.expected.json`), 'utf8'));
    expect(withoutEvidence(parseResults(read(base)))).toEqual(expected);
  });

  it.each(cases)('%s: every figure quotes the row that states it', (base) => {
    for (const metric of parseResults(read(base)).metrics) {
      const { current, prior } = metric.evidence;
      // The row's line ends the label (a wrapped label's first pieces are on the lines above).
      expect(current?.line.replace(/\s+/g, ''), metric.name).toContain(
        metric.label.replace(/\s+/g, '').slice(-3),
      );
      // The row holds both figures' digits (scaled figures lose their trailing zeros, not their digits).
      for (const [quote, value] of [
        [current, metric.current],
        [prior, metric.prior],
      ] as const) {
        if (value === null) continue;
        const significant = value.replace(/^-/, '').replace(/\./, '').replace(/^0+/, '').replace(/0+$/, '');
        expect(digitsOf(quote?.line ?? ''), `${metric.name}: ${value}`).toContain(significant);
      }
    }
  });

  it.each(cases)('%s survives CRLF and trailing spaces', (base) => {
    const text = read(base);
    const results = withoutEvidence(parseResults(text));
    expect(withoutEvidence(parseResults(text.replace(/\n/g, '\r\n')))).toEqual(results);
    expect(withoutEvidence(parseResults(text.replace(/\n/g, '  \n')))).toEqual(results);
  });
});

describe('resultsKindOf', () => {
  it.each([
    ['ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2024', 'annual_results'],
    ['FINAL RESULTS FOR THE YEAR ENDED 31 MARCH 2025', 'annual_results'],
    ['INTERIM RESULTS ANNOUNCEMENT FOR THE SIX MONTHS ENDED 30 JUNE 2025', 'interim_results'],
    ['截至二零二四年十二月三十一日止年度之全年業績公告', 'annual_results'],
    ['截至2025年6月30日止六個月之中期業績公告', 'interim_results'],
    ['2024年度业绩快报', 'preliminary_results'],
    ['2024 ANNUAL RESULTS EXPRESS', 'preliminary_results'],
    ['PROFIT WARNING', null],
    ['POSITIVE PROFIT ALERT', null],
    ['2024年度業績預告', null],
    ['MONTHLY RETURN OF EQUITY ISSUER', null],
  ] as const)('%s is %s', (title, kind) => {
    expect(resultsKindOf(title)).toBe(kind);
  });
});

describe('parseResults on what is not a results announcement', () => {
  it('reads no figures from a profit warning', () => {
    const text = readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'announcements', 'en-06680-2022-preliminary-estimate.txt'),
      'utf8',
    );
    const results = parseResults(text);
    expect(results.kind).toBeNull();
    expect(results.metrics).toEqual([]);
  });

  it.each(['', '\u0000\u0001binary', 'x'.repeat(1_000_000), 'Revenue\t1,000\t2,000\n'.repeat(10_000)])(
    'is total on odd input (%#)',
    (text) => {
      expect(() => parseResults(text)).not.toThrow();
    },
  );

  it('reads a figure in brackets as a loss and a dash as nil', () => {
    const text = [
      '(Stock Code: 1234)',
      '',
      'ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2024',
      '',
      'CONSOLIDATED STATEMENT OF PROFIT OR LOSS',
      '\t2024\t2023',
      "\tHK$'000\tHK$'000",
      'Revenue\t1,200\t–',
      'Loss for the year\t(3,456)\t(1,000)',
    ].join('\n');
    expect(withoutEvidence(parseResults(text)).metrics).toEqual([
      { name: 'revenue', label: 'Revenue', current: '1200000', prior: null, priorRestated: false },
      {
        name: 'net_profit',
        label: 'Loss for the year',
        current: '-3456000',
        prior: '-1000000',
        priorRestated: false,
      },
    ]);
  });

  it('takes the later year as this period when the comparative column comes first', () => {
    const text = [
      'FINAL RESULTS FOR THE YEAR ENDED 31 DECEMBER 2024',
      '',
      'CONSOLIDATED STATEMENT OF PROFIT OR LOSS',
      '\t2023\t2024',
      "\tRMB'000\tRMB'000",
      'Revenue\t900\t1,100',
    ].join('\n');
    const [revenue] = parseResults(text).metrics;
    expect([revenue?.current, revenue?.prior]).toEqual(['1100000', '900000']);
  });
});
