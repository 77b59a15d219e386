import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseResults } from '../../src/parse/results.js';
import { createPdfExtractor } from '../../src/pdf/extract.js';
import { withoutEvidence } from '../parse/support/results.js';
import { fixturesWithPdf } from './fixture-pairs.js';

// Every results fixture also exists as a PDF (scripts/make-fixture-pdfs.ts): reading the PDF
// must give the same figures as reading the text, with evidence naming a page.
const TXT_DIR = 'test/fixtures/results';
const PDF_DIR = 'test/fixtures/pdf/results';
const names = fixturesWithPdf(TXT_DIR, PDF_DIR);

const extractor = createPdfExtractor({ threads: 2 });
afterAll(() => extractor.close());

describe('results: PDF and text give the same figures', () => {
  it('has fixtures to compare', () => {
    expect(names.length).toBeGreaterThanOrEqual(16);
  });

  it.each(names)('%s', async (name) => {
    const fromPdf = parseResults(await extractor.extract(readFileSync(`${PDF_DIR}/${name}.pdf`)));
    expect(withoutEvidence(fromPdf)).toEqual(
      withoutEvidence(parseResults(readFileSync(`${TXT_DIR}/${name}.txt`, 'utf8'))),
    );
    for (const metric of fromPdf.metrics) {
      expect(metric.evidence.current?.page, metric.name).toBeGreaterThanOrEqual(1);
    }
  });
});
