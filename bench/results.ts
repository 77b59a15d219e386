import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { RESULTS_PAGES } from '../src/estimator.js';
import { parseResults } from '../src/parse/results.js';
import { createPdfExtractor } from '../src/pdf/extract.js';
import type { Row } from './row.js';

// Reading the actual figures from a long results announcement: JL MAG's composed results
// (English) on its first pages, then notes to the financial statements up to 60 pages, as annual
// results run. The reader stops after RESULTS_PAGES pages; reading all 60 is timed beside it.

const PAGES = 60;
const RUNS = 7;
const FIXTURE = 'test/fixtures/results/res-en-06680-2022-annual-results.txt';

/** A 60-page PDF: the fixture's lines, then filler notes, 60 lines a page. */
function longResultsPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.font('Helvetica').fontSize(9);
  // The fixture's Latin lines only (the masthead's Chinese name needs a CJK font, and is not read here).
  const lines = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((l) => /^[\x20-\x7e\t]*$/.test(l));
  const page = (rows: string[]) => {
    rows.forEach((row, i) => {
      row.split('\t').forEach((cell, c) => {
        doc.text(cell, 56 + c * 150, 56 + i * 12, { lineBreak: false });
      });
    });
  };
  for (let from = 0; from < lines.length; from += 60) {
    if (from > 0) doc.addPage();
    page(lines.slice(from, from + 60));
  }
  for (let n = doc.bufferedPageRange().count; n < PAGES; n++) {
    doc.addPage();
    page(
      Array.from({ length: 60 }, (_, i) =>
        i % 6 === 0
          ? `${n}.${i} NOTES TO THE CONSOLIDATED FINANCIAL STATEMENTS (CONTINUED)`
          : `Trade receivables aged ${i} to ${i + 30} days\t${(n * 1000 + i).toLocaleString('en')}\t${(n * 900 + i).toLocaleString('en')}`,
      ),
    );
  }
  doc.end();
  return done;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export async function benchResults(): Promise<Row[]> {
  const pdf = await longResultsPdf();
  const extractor = createPdfExtractor();
  try {
    const time = async (maxPages?: number) => {
      const times: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const results = parseResults(await extractor.extract(pdf, 'alert', maxPages));
        times.push(performance.now() - t0);
        found = results.metrics.length;
      }
      if (found === 0) throw new Error('the benchmark PDF gave no figures');
      return median(times);
    };
    await time(RESULTS_PAGES); // starts the reader process and warms pdf.js
    const firstPages = await time(RESULTS_PAGES);
    const all = await time();
    return [
      {
        name: `actual figures from a ${PAGES}-page results PDF (first ${RESULTS_PAGES} pages read)`,
        value: firstPages.toFixed(0),
        unit: 'ms',
      },
      { name: `the same, every page read (reference)`, value: all.toFixed(0), unit: 'ms' },
    ];
  } finally {
    await extractor.close();
  }
}
