import { describe, expect, it } from 'vitest';
import type { Estimate } from '../src/estimate.js';
import { filingReader, type ParseFiling, pdfEstimator } from '../src/estimator.js';
import type { PdfExtractor } from '../src/pdf/extract.js';
import { estimate, filing } from './pipeline/fakes.js';

// The estimator hands the parser what the listing says of a filing, for documents whose own
// headline names no estimate.
const extractorOf = (text: string): PdfExtractor => ({
  extract: async () => text,
  renderChart: async () => ({ png: new Uint8Array(), svg: '' }),
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
      renderChart: async () => ({ png: new Uint8Array(), svg: '' }),
      close: async () => {},
    };
    const listed = filing('13', '2025-01-20T10:00:00Z');
    await expect(pdfEstimator(failing)(pdf, listed)).rejects.toThrow(
      `filing 13 (${listed.pdfUrl}): encrypted PDF (needs a password)`,
    );
  });
});

describe('filingReader', () => {
  const filingWithTwin = filing('21', '2025-01-20T10:00:00Z', {
    pdfUrl: 'https://h/en.pdf',
    pdfUrlZh: 'https://h/zh.pdf',
  });
  const download =
    (failing: string[] = []) =>
    async (url: string) => {
      if (failing.includes(url)) throw new Error('HTTP 404');
      return new TextEncoder().encode(url);
    };
  const parseByUrl =
    (byUrl: Record<string, Estimate>): ParseFiling =>
    async (_pdf, f) => {
      const found = byUrl[f.pdfUrl];
      if (!found) throw new Error(`nothing at ${f.pdfUrl}`);
      return found;
    };
  const en = estimate({ language: 'en' });
  const zh = estimate({ language: 'zh' });

  it('reads both versions and cross-checks them', async () => {
    const read = await filingReader(
      download(),
      parseByUrl({ 'https://h/en.pdf': en, 'https://h/zh.pdf': zh }),
    )(filingWithTwin);
    expect(read.twin?.verdict).toBe('nothing_to_compare');
    expect(read.estimate.language).toBe('en');
    expect(read.other).toBe(zh);
  });

  it('shows the readable version and says which one failed', async () => {
    const read = await filingReader(
      download(['https://h/zh.pdf']),
      parseByUrl({ 'https://h/en.pdf': en }),
    )(filingWithTwin);
    expect(read.estimate).toBe(en);
    expect(read.twin).toEqual({
      verdict: 'other_unreadable',
      other: 'zh',
      differences: [],
      error: 'could not download https://h/zh.pdf: HTTP 404',
    });
    const chineseOnly = await filingReader(
      download(['https://h/en.pdf']),
      parseByUrl({ 'https://h/zh.pdf': zh }),
    )(filingWithTwin);
    expect(chineseOnly.estimate).toBe(zh);
    expect(chineseOnly.twin?.other).toBe('en');
  });

  it('fails with the English version’s error when neither can be read', async () => {
    await expect(
      filingReader(download(['https://h/en.pdf', 'https://h/zh.pdf']), parseByUrl({}))(filingWithTwin),
    ).rejects.toThrow('could not download https://h/en.pdf: HTTP 404');
  });

  it('reads a filing in one language once, with no cross-check', async () => {
    const single = { ...filingWithTwin, pdfUrlZh: null };
    const read = await filingReader(download(), parseByUrl({ 'https://h/en.pdf': en }))(single);
    expect(read).toEqual({ estimate: en, other: null, twin: null });
  });
});
