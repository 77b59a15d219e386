import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Estimate } from '../../src/estimate.js';
import type { Filing } from '../../src/hkex/filing.js';
import type { FilingRecord } from '../../src/store/types.js';

// Test data for the Slack renderers: the parser's expected outputs in test/fixtures/announcements,
// JL MAG's 2022 preliminary estimation (shared/samples) first among them.

const FIXTURES = join(import.meta.dirname, '../fixtures/announcements');

const readEstimate = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Estimate;

export const JL_MAG: Estimate = readEstimate('en-06680-2022-preliminary-estimate.expected.json');

export function filingFor(estimate: Estimate, over: Partial<Filing> = {}): Filing {
  return {
    id: '11234567',
    board: 'sehk',
    stockCodes: estimate.stockCodes.length > 0 ? estimate.stockCodes : ['00001'],
    stockNames: ['JL MAG'],
    title: estimate.title,
    titleZh: null,
    releasedAt: '2023-01-30T11:02:00.000Z',
    category: 'Announcements and Notices - [Inside Information]',
    t1Code: '10000',
    t2Code: '13300',
    pdfUrl: 'https://www1.hkexnews.hk/listedco/listconews/sehk/2023/0130/2023013001234.pdf',
    pdfUrlZh: 'https://www1.hkexnews.hk/listedco/listconews/sehk/2023/0130/2023013001234_c.pdf',
    ...over,
  };
}

export function recordFor(
  estimate: Estimate | null,
  filing: Filing,
  over: Partial<FilingRecord> = {},
): FilingRecord {
  return {
    filing,
    isEstimate: true,
    state: 'posted',
    attempts: 1,
    error: null,
    retryAfter: null,
    estimate,
    targets: [],
    alerts: [],
    revisionOf: null,
    seenAt: filing.releasedAt,
    ...over,
  };
}

export const JL_MAG_RECORD = recordFor(JL_MAG, filingFor(JL_MAG));

/** Every parser fixture's expected Estimate, by file name. */
export function fixtureEstimates(): { name: string; estimate: Estimate }[] {
  return readdirSync(FIXTURES)
    .filter((n) => n.endsWith('.expected.json'))
    .map((name) => ({ name, estimate: readEstimate(name) }));
}
