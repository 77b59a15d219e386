// Writes test/fixtures/pdf/<name>.pdf for every test/fixtures/announcements/<name>.txt, the
// same in test/fixtures/pdf/results/ for the results announcements in test/fixtures/results/,
// and the bad inputs in test/fixtures/pdf/bad/. Run: npx tsx scripts/make-fixture-pdfs.ts
//
// The PDFs are committed; regenerating them needs Debian's fonts-noto-cjk. Output is
// deterministic (fixed dates and ids) so a rerun leaves git clean.
//
// How text is drawn, so that extracting the PDF gives back the .txt's lines (see src/pdf/layout.ts):
//   - every .txt line is one row and is never wrapped: wrapping would add line breaks the .txt does
//     not have. The fixtures are already wrapped where a filing would wrap; a longer line is
//     squeezed horizontally to fit (text past the page edge is clipped by every extractor). The
//     font size, and so the row's height that extraction measures gaps by, stays the same;
//   - a blank line is an empty row, which extraction reads back as a paragraph break;
//   - a block aligned with runs of spaces (a table typed in a monospace font) is turned into a TAB
//     table first: extraction can only give TABs for it, since a PDF keeps positions, not spaces;
//   - a block of lines holding TABs is a table: each cell is drawn at its column's x, columns
//     spaced by the widest cell above them plus a gap (the table squeezed as a whole if needed),
//     so empty cells keep their place;
//   - A4 pages with a centred footer "– N –". A page breaks only between paragraphs, or where the
//     .txt itself has a footer line (it then ends that page as its footer).

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

const PDF_DIR = 'test/fixtures/pdf';
/** Each folder of .txt fixtures and the folder its PDFs go to. */
const SOURCES: readonly (readonly [txt: string, pdf: string])[] = [
  ['test/fixtures/announcements', PDF_DIR],
  ['test/fixtures/results', join(PDF_DIR, 'results')],
];
const CJK_FONT = {
  file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  name: 'NotoSansCJKtc-Regular',
};
const LATIN_FONT = 'Helvetica';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const TEXT_WIDTH = PAGE.width - 2 * MARGIN;
const FONT_SIZE = 9;
const LEADING = 12; // one row; two rows read as a paragraph break (BLANK_LINE_EM in layout.ts)
const COLUMN_GAP = 3 * FONT_SIZE; // well above TAB_GAP_EM
const MIN_SQUEEZE = 0.8;
const FOOTER_Y = PAGE.height - 40;
const BOTTOM = FOOTER_Y - 2 * LEADING;
const FIXED_DATE = new Date('2024-01-01T00:00:00Z');

const FOOTER_LINE = /^\s*[–-]\s*\d+\s*[–-]\s*$/;
// Helvetica's WinAnsi set covers these; anything else needs the CJK font.
const LATIN = /^[\x20-\x7e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026]*$/;

type Doc = PDFKit.PDFDocument;

/** A run of lines with no blank line inside; `footer` ends the page after it. */
interface Block {
  lines: string[];
  footer?: string;
}

async function main(): Promise<void> {
  mkdirSync(join(PDF_DIR, 'bad'), { recursive: true });
  for (const [txtDir, pdfDir] of SOURCES) {
    mkdirSync(pdfDir, { recursive: true });
    for (const file of readdirSync(txtDir).filter((f) => f.endsWith('.txt'))) {
      const name = file.slice(0, -'.txt'.length);
      const text = readFileSync(join(txtDir, file), 'utf8');
      writeFileSync(join(pdfDir, `${name}.pdf`), await renderAnnouncement(name, blocksOf(text)));
    }
  }
  await writeBadInputs(join(PDF_DIR, 'bad'));
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [{ lines: [] }];
  for (const line of text.replace(/\r/g, '').split('\n')) {
    const block = blocks.at(-1) as Block;
    if (FOOTER_LINE.test(line)) blocks.push({ lines: [], footer: line.trim() });
    else if (line.trim() === '') blocks.push({ lines: [] });
    else block.lines.push(line);
  }
  // A footer line closes the page of the block before it.
  return blocks.flatMap((b, i) => {
    const next = blocks[i + 1];
    const block = next?.footer ? { lines: b.lines, footer: next.footer } : { lines: b.lines };
    return block.lines.length > 0 || block.footer ? [block] : [];
  });
}

/** How a row is drawn: the font size, and a horizontal squeeze (1 = none). */
interface Fit {
  size: number;
  scale: number;
}

/** A cell of a space-aligned line: its text and the character columns it spans. */
interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Rewrites a block aligned with runs of two or more spaces as TAB-separated cells. Columns are the
 * character ranges that cells of different lines overlap (so right-aligned figures share one), and
 * a cell gets one TAB per column before it, as src/pdf/layout.ts reads a drawn table back.
 */
function spacedToTabs(lines: readonly string[]): string[] {
  if (lines.some((l) => l.includes('\t')) || !lines.some((l) => /\S {2,}\S/.test(l))) return [...lines];
  const rows = lines.map((line) =>
    [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
      text: m[0],
      start: m.index,
      end: m.index + m[0].length,
    })),
  );
  const columns: Span[] = [];
  for (const span of rows
    .filter((r) => r.length > 1)
    .flat()
    .sort((a, b) => a.start - b.start)) {
    const last = columns.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else columns.push({ ...span });
  }
  return rows.map((row) => {
    let text = '';
    let column = 0;
    row.forEach((span, i) => {
      const at = columns.filter((c) => c.start <= span.start).length - 1;
      const target = Math.max(at, i === 0 ? 0 : column + 1);
      text += '\t'.repeat(target - column) + span.text;
      column = target;
    });
    return text;
  });
}

interface Table extends Fit {
  columns: number[];
}

function renderAnnouncement(title: string, blocks: readonly Block[]): Promise<Buffer> {
  const doc = newDocument(title);
  let page = 0;
  let y = MARGIN;
  let above: Fit | undefined; // the row drawn last on this page
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    page += 1;
    y = MARGIN;
    above = undefined;
  };
  const endPage = (footer = `– ${page} –`) =>
    draw(doc, footer, (PAGE.width - measure(doc, footer)) / 2, FOOTER_Y);
  // Baselines step by LEADING at full size, two steps over a paragraph break; scaled with the
  // font so that extraction, which measures gaps in font sizes, reads the same breaks.
  const step = (fit: Fit, rows: number) =>
    (rows * LEADING * Math.max(fit.size, above?.size ?? 0)) / FONT_SIZE;
  newPage();
  for (const block of blocks) {
    const lines = spacedToTabs(block.lines);
    const table = lines.some((l) => l.includes('\t')) ? tableLayout(doc, lines) : undefined;
    const fits = lines.map((line) => table ?? fitting(measure(doc, line), TEXT_WIDTH));
    const height = fits.reduce((sum, fit) => sum + step(fit, 1), LEADING);
    if (above && y + height > BOTTOM) {
      endPage();
      newPage();
    }
    lines.forEach((line, i) => {
      const fit = fits[i] as Fit;
      if (above && y + step(fit, 2) > BOTTOM) {
        endPage();
        newPage();
      }
      if (above) y += step(fit, i === 0 ? 2 : 1);
      if (table) drawCells(doc, line, table, y);
      else draw(doc, line, MARGIN, y, fit);
      above = fit;
    });
    if (block.footer) {
      endPage(block.footer);
      if (block !== blocks.at(-1)) newPage();
    }
  }
  if (!blocks.at(-1)?.footer) endPage();
  return finish(doc);
}

function tableLayout(doc: Doc, lines: readonly string[]): Table {
  const widths: number[] = [];
  for (const line of lines.filter((l) => l.includes('\t'))) {
    line.split('\t').forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, measure(doc, cell));
    });
  }
  const gaps = COLUMN_GAP * Math.max(0, widths.length - 1);
  const fit = fitting(
    widths.reduce((a, b) => a + b, 0),
    TEXT_WIDTH - gaps,
  );
  const shrink = (fit.size / FONT_SIZE) * fit.scale;
  const columns = [MARGIN];
  for (const width of widths.slice(0, -1))
    columns.push((columns.at(-1) as number) + width * shrink + COLUMN_GAP);
  return { ...fit, columns };
}

function drawCells(doc: Doc, line: string, table: Table, y: number): void {
  line.split('\t').forEach((cell, i) => {
    if (cell.trim() !== '') draw(doc, cell, table.columns[i] ?? MARGIN, y, table);
  });
}

/**
 * Fits text `width` wide at full size into `room`: squeezed first, down to MIN_SQUEEZE (beyond
 * that, word spaces get too narrow for extraction to see), then a smaller font.
 */
function fitting(width: number, room: number): Fit {
  const shrink = Math.min(1, room / width);
  const scale = Math.max(shrink, MIN_SQUEEZE);
  return { size: (FONT_SIZE * shrink) / scale, scale };
}

function draw(doc: Doc, text: string, x: number, y: number, fit: Fit = { size: FONT_SIZE, scale: 1 }): void {
  // pdfkit supports horizontalScaling; @types/pdfkit does not list it yet, hence the separate object.
  const options = { lineBreak: false, baseline: 'alphabetic' as const, horizontalScaling: fit.scale * 100 };
  useFontFor(doc, text).fontSize(fit.size).text(text, x, y, options);
}

function measure(doc: Doc, text: string): number {
  return useFontFor(doc, text).widthOfString(text);
}

function useFontFor(doc: Doc, text: string): Doc {
  return doc.font(LATIN.test(text) ? LATIN_FONT : 'cjk').fontSize(FONT_SIZE);
}

function newDocument(title: string, options: PDFKit.PDFDocumentOptions = {}): Doc {
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: {
      Title: title,
      Producer: 'estimate-bot fixtures',
      Creator: 'scripts/make-fixture-pdfs.ts',
      CreationDate: FIXED_DATE,
    },
    ...options,
  });
  doc.registerFont('cjk', CJK_FONT.file, CJK_FONT.name);
  return doc;
}

function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

async function writeBadInputs(dir: string): Promise<void> {
  const real = readFileSync(join(PDF_DIR, 'en-06680-2022-preliminary-estimate.pdf'));
  const files: Record<string, Uint8Array | string> = {
    'empty.pdf': new Uint8Array(0),
    'junk.pdf': pseudoRandomBytes(4096, 0x5eed),
    'truncated.pdf': real.subarray(0, Math.floor(real.length / 2)),
    'encrypted.pdf': await encryptedPdf(),
    'scanned.pdf': await scannedPdf(),
    'not-a-pdf.pdf':
      '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n' +
      '<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>\n',
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
}

function encryptedPdf(): Promise<Buffer> {
  // The default PDF version uses RC4 keyed by the (fixed) document id: deterministic.
  const doc = newDocument('encrypted', { userPassword: 'secret', ownerPassword: 'secret' });
  doc.addPage({ size: 'A4', margin: 0 });
  draw(doc, 'PROFIT WARNING', MARGIN, MARGIN);
  return finish(doc);
}

/** A page as a scanner makes it: marks where the text would be, and no text layer. */
function scannedPdf(): Promise<Buffer> {
  const doc = newDocument('scanned');
  doc.addPage({ size: 'A4', margin: 0 });
  for (let row = 0; row < 30; row++) {
    doc.rect(MARGIN, MARGIN + row * LEADING * 2, 300 + ((row * 37) % 180), FONT_SIZE).fill('#333333');
  }
  return finish(doc);
}

function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    // xorshift32: a fixed sequence, so the file never changes between runs.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

await main();
