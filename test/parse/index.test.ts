import { readFileSync } from 'node:fs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parseAnnouncement } from '../../src/parse/index.js';

// The sample announcement (06680, preliminary estimation for 2022), trimmed to what the parser
// reads; independent of the fixture corpus so the sample's figures are pinned here too.
const SAMPLE = `JL MAG RARE-EARTH CO., LTD.

江西金力永磁科技股份有限公司

(A joint stock limited company incorporated in the People's Republic of China with limited liability)

(Stock Code: 06680)

PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022

I. PRELIMINARY RESULTS FOR THE CURRENT PERIOD

1. Period for the estimated results: January 1, 2022 to December 31, 2022
2. Estimated results: Increase over the same period last year
3. Table of estimated results:

Item\tCurrent reporting period\tSame period last year
Net profit attributable to the shareholders of the listed company\tProfit: RMB702,265,000 to RMB838,187,300 Increased by 55% to 85% as compared with the same period last year\tProfit: RMB453,074,200

Item\tCurrent reporting period\tSame period last year
Net profit attributable to the shareholders of the listed company after deducting non-recurring gains or loss\tProfit: RMB684,084,000 to RMB820,006,100 Increased by 61.61% to 93.72% as compared with the same period last year\tProfit: RMB423,301,400

III. EXPLANATION FOR THE CHANGES IN RESULTS

1. In 2022, revenue grew.
2. Research and development expenses increased by approximately 110%.

IV. OTHER RELEVANT EXPLANATION
`;

describe('parseAnnouncement', () => {
  it('reads the sample’s figures, period, kind and checks', () => {
    const estimate = parseAnnouncement(SAMPLE);
    expect(estimate).toMatchObject({
      stockCodes: ['06680'],
      company: { en: 'JL MAG RARE-EARTH CO., LTD.', zh: '江西金力永磁科技股份有限公司' },
      title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
      kind: 'results_estimate',
      period: { start: '2022-01-01', end: '2022-12-31', type: 'annual' },
      currency: 'CNY',
      drivers: [
        'In 2022, revenue grew.',
        'Research and development expenses increased by approximately 110%.',
      ],
    });
    expect(
      estimate.metrics.map(({ name, current, prior, changePct }) => ({ name, current, prior, changePct })),
    ).toEqual([
      {
        name: 'net_profit_attributable',
        current: { low: '702265000', high: '838187300' },
        prior: '453074200',
        changePct: { low: '55', high: '85' },
      },
      {
        name: 'net_profit_attributable_recurring',
        current: { low: '684084000', high: '820006100' },
        prior: '423301400',
        changePct: { low: '61.61', high: '93.72' },
      },
    ]);
    expect(estimate.checks.map((c) => [c.stated, c.computed, c.ok])).toEqual([
      ['55', '55.00', true],
      ['85', '85.00', true],
      ['61.61', '61.61', true],
      ['93.72', '93.72', true],
    ]);
  });

  it('reads nothing but the headline of a document that is not an estimate', () => {
    const estimate = parseAnnouncement(
      '(Stock Code: 1623)\n\nRECOMMENDATION OF FINAL DIVIDEND\n\nprofit attributable to owners of the Company of HK$80 million, up 40%. The increase was mainly due to higher sales.',
    );
    expect(estimate).toMatchObject({
      kind: null,
      metrics: [],
      drivers: [],
      checks: [],
      stockCodes: ['01623'],
    });
  });

  it('gives an empty estimate for empty text', () => {
    expect(parseAnnouncement('')).toEqual({
      stockCodes: [],
      company: { en: null, zh: null },
      title: '',
      language: 'en',
      kind: null,
      direction: null,
      period: { start: null, end: null, type: 'other' },
      currency: null,
      audited: false,
      metrics: [],
      drivers: [],
      checks: [],
    });
  });

  it('reads the start of an enormous document and survives degenerate ones', () => {
    const huge = parseAnnouncement(SAMPLE.repeat(400));
    expect(huge.kind).toBe('results_estimate');
    expect(huge.metrics).toHaveLength(2);
    for (const text of [
      '\t'.repeat(100_000),
      '('.repeat(100_000),
      '1,'.repeat(100_000),
      'net profit\n'.repeat(20_000),
    ]) {
      expect(parseAnnouncement(text)).toMatchObject({ kind: null, metrics: [] });
    }
  });
});

test.prop([fc.string({ maxLength: 2000 })])('never throws on arbitrary text', (text) => {
  expect(() => parseAnnouncement(text)).not.toThrow();
});

test.prop([fc.uint8Array({ maxLength: 4000 })])('never throws on binary junk', (bytes) => {
  expect(() => parseAnnouncement(Buffer.from(bytes).toString('utf8'))).not.toThrow();
});

describe('the sample typeset as flowing text', () => {
  // The table's cells run together into one wrapped paragraph, as a plain PDF of it reads: the
  // figures must come out as from the table, never one end of a range taken for the whole.
  const read = (name: string) =>
    parseAnnouncement(readFileSync(`test/fixtures/announcements/${name}.txt`, 'utf8')).metrics.map(
      ({ name, current, prior, changePct, confidence }) => ({ name, current, prior, changePct, confidence }),
    );
  it('reads the same figures as the table', () => {
    const flowing = read('en-06680-2022-flowing-table');
    expect(flowing).toEqual(read('en-06680-2022-preliminary-estimate'));
    expect(flowing[0]).toMatchObject({
      current: { low: '702265000', high: '838187300' },
      prior: '453074200',
      confidence: { level: 'confirmed' },
    });
  });
});
