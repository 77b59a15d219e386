import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAnnouncement } from '../../src/parse/index.js';
import { createPdfExtractor } from '../../src/pdf/extract.js';
import { withoutPages } from '../parse/support/evidence.js';
import { fixturesWithPdf } from './fixture-pairs.js';

// Every fixture announcement also exists as a PDF (scripts/make-fixture-pdfs.ts): reading the PDF
// must give the same Estimate as reading the text.
const TXT_DIR = 'test/fixtures/announcements';
const PDF_DIR = 'test/fixtures/pdf';
const names = fixturesWithPdf(TXT_DIR, PDF_DIR);

const extractor = createPdfExtractor({ threads: 2 });
afterAll(() => extractor.close());

describe('PDF and text give the same Estimate', () => {
  it('has fixtures to compare', () => {
    expect(names.length).toBeGreaterThan(10);
  });

  it.each(names)('%s', async (name) => {
    const fromPdf = parseAnnouncement(await extractor.extract(readFileSync(`${PDF_DIR}/${name}.pdf`)));
    expect(withoutPages(fromPdf)).toEqual(parseAnnouncement(readFileSync(`${TXT_DIR}/${name}.txt`, 'utf8')));
    // From a PDF every figure's evidence names the page it is printed on.
    for (const metric of fromPdf.metrics) {
      for (const quote of Object.values(metric.evidence)) {
        if (quote !== null) expect(quote.page, `${metric.name}: ${quote.line}`).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
