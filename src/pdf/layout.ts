// Turns positioned text runs into plain text that keeps a page's rows and table columns.
//
// pdf.js reports text as runs with a baseline position; it folds ordinary word spaces into a run
// but ends the run at a wide gap. pdf-parse's own getText() loses those gaps (pdf.js fills them
// with a whitespace run, so its cell separator never fires) and every paragraph break, so rows,
// cells and blank lines are rebuilt here from the geometry instead. The output format is the
// contract with the parser:
//   - one line per text row, rows top to bottom, runs on a row left to right;
//   - a blank line where the gap between two rows is wider than BLANK_LINE_EM (a paragraph
//     break), never two in a row; the rows between blank lines form a block;
//   - runs more than TAB_GAP_EM apart on a row are cells, joined by TABs. Within a block, the
//     cells of rows with two or more cells make the columns (cells whose horizontal extents
//     overlap share a column, so right-aligned figures do too), and a cell gets one TAB per
//     column before it: an empty cell (a row continuing only the second column, or a gap
//     mid-row) keeps its TAB;
//   - each page ends with a form feed on a line of its own (an empty page too, so the parser can
//     number pages for its evidence); page footers ("– 1 –") are kept.
//
// The time this takes grows a little faster than a page's runs (sorting, and a binary search for
// each cell's column), and the text it writes can grow with rows times columns: a page with more
// than MAX_RUNS_PER_PAGE runs is refused. The PDF reader process (worker.mjs) runs this module under
// the reader's time and memory caps, so it stays pure: no I/O, no state, nothing but errors.ts.

import { PdfError } from './errors.js';

/** One run of text in PDF user space: x, y is the left end of its baseline, y grows upwards. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size, the unit every threshold below is measured in. */
  height: number;
}

/** A filing has a few thousand runs on its densest page; a page with more is refused. */
export const MAX_RUNS_PER_PAGE = 20_000;

/** A horizontal gap wider than this many font sizes separates table cells. */
const TAB_GAP_EM = 1;
/** Cells this close to overlapping (in font sizes) are in the same column. */
const COLUMN_SLACK_EM = 0.5;
/** Runs this close vertically (in font sizes) sit on the same row: absorbs super/subscripts. */
const SAME_ROW_EM = 0.5;
/** Baselines further apart than this many font sizes have a paragraph break between them. */
const BLANK_LINE_EM = 1.7;
/** pdf.js already puts spaces inside runs; a smaller gap between runs is a font change, not a space. */
const SPACE_GAP_EM = 0.1;

interface Row {
  y: number;
  height: number;
  runs: TextRun[];
}

interface Cell {
  x: number;
  end: number;
  em: number;
  text: string;
}

/** A column's horizontal extent; a block's columns are in order of x and do not overlap. */
interface Column {
  x: number;
  end: number;
}

/** The text of a whole document, pages in order; a PdfError if a page has too many runs. */
export function layoutDocument(pages: readonly (readonly TextRun[])[]): string {
  pages.forEach((runs, i) => {
    if (runs.length > MAX_RUNS_PER_PAGE) throw tooManyRuns(i + 1);
  });
  return pages.map((page) => `${layoutPage(page)}\n\f`).join('\n');
}

/** The refusal of page `page` (from 1) for having more than MAX_RUNS_PER_PAGE runs. */
export function tooManyRuns(page: number): PdfError {
  return new PdfError(
    'too_large',
    `page ${page} has more than ${MAX_RUNS_PER_PAGE.toLocaleString('en-US')} text runs`,
  );
}

/** The text of one page; empty when the page has no visible text. */
export function layoutPage(runs: readonly TextRun[]): string {
  return splitBlocks(groupRows(runs)).map(blockText).join('\n\n');
}

function groupRows(runs: readonly TextRun[]): Row[] {
  const visible = runs.filter((r) => r.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const run of visible) {
    const row = rows.at(-1);
    if (row && row.y - run.y <= SAME_ROW_EM * Math.max(row.height, run.height)) {
      row.runs.push(run);
      row.height = Math.max(row.height, run.height);
    } else {
      rows.push({ y: run.y, height: run.height, runs: [run] });
    }
  }
  for (const row of rows) row.runs.sort((a, b) => a.x - b.x);
  return rows;
}

function splitBlocks(rows: readonly Row[]): Row[][] {
  const blocks: Row[][] = [];
  let above: Row | undefined;
  for (const row of rows) {
    const block = blocks.at(-1);
    if (block && above && above.y - row.y <= BLANK_LINE_EM * Math.max(above.height, row.height))
      block.push(row);
    else blocks.push([row]);
    above = row;
  }
  return blocks;
}

function blockText(rows: readonly Row[]): string {
  const cellRows = rows.map((row) => cells(row.runs));
  const columns = columnStarts(cellRows.filter((row) => row.length > 1).flat());
  return cellRows.map((row) => placeCells(row, columns)).join('\n');
}

function cells(runs: readonly TextRun[]): Cell[] {
  const out: Cell[] = [];
  let previous: TextRun | undefined;
  for (const run of runs) {
    const cell = out.at(-1);
    const end = run.x + run.width;
    const gap = previous ? run.x - (previous.x + previous.width) : 0;
    const em = Math.max(run.height, previous?.height ?? 0);
    if (!cell || gap > TAB_GAP_EM * em) {
      out.push({ x: run.x, end, em: run.height, text: run.text.trim() });
    } else {
      // Spaces at a run's ends count only when the runs touch (a font change mid-sentence).
      cell.text =
        gap > SPACE_GAP_EM * em ? `${cell.text.trimEnd()} ${run.text.trim()}` : (cell.text + run.text).trim();
      cell.end = end;
    }
    previous = run;
  }
  return out;
}

function columnStarts(tableCells: readonly Cell[]): Column[] {
  const columns: Column[] = [];
  for (const cell of [...tableCells].sort((a, b) => a.x - b.x)) {
    const last = columns.at(-1);
    if (last && cell.x <= last.end + COLUMN_SLACK_EM * cell.em) last.end = Math.max(last.end, cell.end);
    else columns.push({ x: cell.x, end: cell.end });
  }
  return columns;
}

function placeCells(row: readonly Cell[], columns: readonly Column[]): string {
  let text = '';
  let column = 0;
  row.forEach((cell, i) => {
    const at = columnsStartingBy(columns, cell.x + COLUMN_SLACK_EM * cell.em) - 1;
    const target = Math.max(at, i === 0 ? 0 : column + 1);
    text += '\t'.repeat(target - column) + cell.text;
    column = target;
  });
  return text;
}

/** How many of the columns (in order of x) start at or left of x: a binary search. */
function columnsStartingBy(columns: readonly Column[], x: number): number {
  let low = 0;
  let high = columns.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((columns[mid] as Column).x <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}
