import { describe, expect, it } from 'vitest';
import { pdfEstimator } from '../src/estimator.js';
import type { PdfExtractor } from '../src/pdf/extract.js';
import { filing } from './pipeline/fakes.js';

// The estimator hands the parser what the listing says of a filing, for documents whose own
// headline names no estimate.
const extractorOf = (text: string): PdfExtractor => ({
  extract: async () => text,
  close: async () => {},
});

const GENERIC = `SUNNY HARBOUR HOLDINGS LIMITED
(Stock Code: 1234)

INSIDE INFORMATION

The Board informs shareholders that the Group expects to record a net loss of approximately HK$42 million for the year ended 31 December 2024, as compared with a net profit of approximately HK$15 million for the year ended 31 December 2023.
`;

describe('pdfEstimator', () => {
  const pdf = new Uint8Array([1]);

  it('takes the kind from the listing title when the headline names none', async () => {
    const parse = pdfEstimator(extractorOf(GENERIC));
    const estimate = await parse(pdf, filing('11', '2025-01-20T10:00:00Z', { title: 'PROFIT WARNING' }));
    expect(estimate.kind).toBe('profit_warning');
    expect(estimate.title).toBe('INSIDE INFORMATION');
  });

  it('reads a [Profit Warning] filing with a generic title by which way the results go', async () => {
    const parse = pdfEstimator(extractorOf(GENERIC));
    const listed = filing('12', '2025-01-20T10:00:00Z', { title: 'INSIDE INFORMATION' });
    expect(listed.category).toContain('[Profit Warning]');
    expect((await parse(pdf, listed)).kind).toBe('profit_warning');
    const elsewhere = { ...listed, category: 'Announcements and Notices - [Inside Information]' };
    expect((await parse(pdf, elsewhere)).kind).toBe('results_estimate');
  });

  it('names the filing and its URL when the PDF cannot be read', async () => {
    const failing: PdfExtractor = {
      extract: async () => {
        throw new Error('encrypted PDF (needs a password)');
      },
      close: async () => {},
    };
    const listed = filing('13', '2025-01-20T10:00:00Z');
    await expect(pdfEstimator(failing)(pdf, listed)).rejects.toThrow(
      `filing 13 (${listed.pdfUrl}): encrypted PDF (needs a password)`,
    );
  });
});
