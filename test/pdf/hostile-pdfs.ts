// Hostile PDFs for the reader's limits, generated with pdfkit (a devDependency) when a test needs
// them: they are too large, or too slow to read, to commit as fixtures.

import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import PDFDocument from 'pdfkit';

const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

function newDocument(): PDFKit.PDFDocument {
  return new PDFDocument({ size: 'A4', compress: true, info: { CreationDate: FIXED_DATE } });
}

function bytesOf(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = once(doc, 'end');
  doc.end();
  return done.then(() => new Uint8Array(Buffer.concat(chunks)));
}

/**
 * One page of `runs` tiny text runs placed so that each is a table cell of its own column: rows a
 * font size apart (one block), every run on a row far from its neighbours (a cell), and no two
 * runs of the whole page overlapping horizontally (a column each). The worst case for layout.
 */
export function manyRunsPdf(runs: number): Promise<Uint8Array> {
  const rows = Math.ceil(Math.sqrt(runs));
  const size = 0.01;
  const step = 1.2 * size; // a digit is 0.56 font sizes wide; columns merge within half a size
  const doc = newDocument().font('Helvetica').fontSize(size);
  for (let i = 0; i < runs; i++) {
    const row = i % rows;
    const column = Math.floor(i / rows);
    doc.text(String(i % 10), 20 + (column * rows + row) * step, 100 + row * size, { lineBreak: false });
  }
  return bytesOf(doc);
}

/**
 * One page whose content stream is `decodedMb` MB of NULs (whitespace to a PDF) behind FlateDecode,
 * followed by a line of real text: the file is about a thousandth of what it decodes to.
 */
export async function deflateBombPdf(decodedMb: number): Promise<Uint8Array> {
  const doc = newDocument();
  doc.font('Helvetica').fontSize(12).text('A line of text after the padding.', 72, 72);
  // Written as given: pdfkit compresses only a stream that names no filter.
  const bomb = doc.ref({ Filter: 'FlateDecode' });
  bomb.end(await deflatedZeros(decodedMb * 1024 * 1024));
  // The padding comes first, so a reader has to decode it all to reach the text.
  const page: Record<string, unknown> = doc.page.dictionary.data;
  page.Contents = [bomb, page.Contents];
  return bytesOf(doc);
}

/** `bytes` zeros compressed, without ever holding them all in memory. */
async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= zeros.length) {
    if (!deflate.write(left >= zeros.length ? zeros : zeros.subarray(0, left))) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return Buffer.concat(chunks);
}
