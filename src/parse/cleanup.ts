import { LIST_MARKER } from './markers.js';
import { normalize } from './normalize.js';
import { CURRENCIES, METRIC_LABEL } from './words/lexicon.js';

// Undoes what PDF text extraction does to a document before any reader sees it: page footers
// and running headers between lines, words hyphenated at line ends, figures and prose wrapped
// over lines, and table cells wrapped over several physical lines. The result is plain text in
// the document's own script, one paragraph or table row per line.

const PAGE_FOOTER =
  /^(?:[-–—]\s*\d{1,3}\s*[-–—]|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|第\s*\d{1,3}\s*頁(?:\s*共\s*\d{1,3}\s*頁)?|\d{1,3}\s*\/\s*\d{1,3})$/i;
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
// Whole-word prefixes whose hyphen stays when a line break falls right after it: "non-\nrecurring".
const KEPT_HYPHEN =
  /(?:^|[^A-Za-z])(?:non|self|well|year|mid|semi|cross|anti|multi|quasi|one|two|three|four|six|nine|twelve|\d+)-$/i;
const CONNECTOR = /^(?:and|or|及|或|以及)$/i;
const INLINE_ITEM = /^[(（](?:[ivx]{1,4}|[a-h]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]/i;
const MID_LINE_ITEM = /[^\s(（][(（](?:[ivx]{1,4}|[a-h]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]/i;
const INLINE_ITEM_AFTER_CONNECTOR = /^(?:and|or|及|或|以及)\s*[(（](?:[ivx]{1,4}|[a-h]|\d{1,2})[)）]/i;
const FIGURE_START = new RegExp(
  `^(?:[-–(]?\\d|${CURRENCIES.source}|盈利|虧損|約|approximately|profit|loss)`,
  'i',
);
// A line ending in a currency word or mid-figure ("RMB", "702,265,") continues on the next.
const SPLIT_FIGURE = new RegExp(`(?:${CURRENCIES.source}|\\d,)$`);
// A line ending like this closes its paragraph; a bracket closes the "(Stock Code: ...)" lines.
const SENTENCE_END = /[.。:：;；!！?？)）」]$/;
// Cells are separated by tabs, or by the wide runs of spaces a layout-preserving extractor emits.
const CELL_GAP = /\t| {3,}/;
// Non-global, so testing it keeps no lastIndex that later matchAll() copies would start from.
const LEADING_LABEL = new RegExp(`^(?:${METRIC_LABEL.source})`, 'i');
// A form feed is a page break; it becomes a footer line so running headers around it go too.
const PAGE_BREAK = '\n- 0 -\n';

/** The document's text with extraction artefacts removed; see the module comment. */
export function cleanup(text: string): string {
  return joinWrapped(rebuildTables(joinLabelsAboveRows(pageLines(text)))).join('\n');
}

/**
 * Only the page furniture removed, lines otherwise as extracted: for the statement reader, which
 * joins a wrapped label to its row itself and must not take a heading after a page break for the
 * rest of the row above it.
 */
export function withoutPageFurniture(text: string): string {
  return pageLines(text).join('\n');
}

function pageLines(text: string): string[] {
  return dropPageFurniture(text.replace(/\r\n?/g, '\n').replace(/\f/g, PAGE_BREAK).split('\n'));
}

/** A wrapped label is a few short lines at most. */
const LABEL_LINE_MAX = 40;
const ROW_HEAD_MAX = 16;

/**
 * A Chinese row label wrapped over lines above its row: "本公司擁有人應佔（虧損）／" then
 * "溢利\t(27,860)\t9,582", or a mainland label over three lines with the figures on the last. The
 * pieces are put in front of the row's first cell when together they end in a metric label.
 */
function joinLabelsAboveRows(lines: string[]): string[] {
  const out = [...lines];
  for (let i = out.length - 2; i >= 0; i--) {
    const line = out[i] as string;
    const piece = line.trim();
    const row = out[i + 1] as string;
    if (piece === '' || piece.length > LABEL_LINE_MAX || !CJK.test(piece) || SENTENCE_END.test(piece))
      continue;
    // A cell's continuation is indented or holds figures; a label piece starts the line and has none.
    if (isTableLine(line) || /^\s|\d/.test(line)) continue;
    if (!isTableLine(row) || /^\s/.test(row)) continue;
    const head = (row.split(CELL_GAP)[0] ?? '').trim();
    if (head === '' || head.length > ROW_HEAD_MAX || !endsWithLabel(normalize(piece + head))) continue;
    out[i + 1] = piece + row;
    out.splice(i, 1);
  }
  return out;
}

/** Lines a running header or footer takes beside a page footer: one above, two below. */
const furnitureReach = (step: -1 | 1): number => (step < 0 ? 1 : 2);

/** Footers, and any line next to one that repeats an earlier line (a running header). */
function dropPageFurniture(lines: string[]): string[] {
  // A running header repeats a line seen before it (the masthead's name); a masthead right after
  // an early break repeats only later lines (the signature), and stays.
  const firstSeen = new Map<string, number>();
  lines.forEach((line, i) => {
    const key = line.trim();
    if (key !== '' && !firstSeen.has(key)) firstSeen.set(key, i);
  });
  const drop = new Set<number>();
  lines.forEach((line, i) => {
    if (!PAGE_FOOTER.test(line.trim())) return;
    drop.add(i);
    for (const step of [-1, 1] as const) {
      for (let j = i + step, seen = 0; j >= 0 && j < lines.length && seen < furnitureReach(step); j += step) {
        const key = (lines[j] as string).trim();
        if (key === '') continue;
        seen++;
        if ((firstSeen.get(key) ?? j) < j) drop.add(j);
      }
    }
  });
  // The blank lines around a page break go too, so a paragraph broken by the page rejoins.
  for (const i of [...drop]) {
    for (let j = i - 1; j >= 0 && (lines[j] as string).trim() === ''; j--) drop.add(j);
    for (let j = i + 1; j < lines.length && (lines[j] as string).trim() === ''; j++) drop.add(j);
  }
  return lines.filter((_, i) => !drop.has(i));
}

const isTableLine = (line: string): boolean => CELL_GAP.test(line.trim()) || line.startsWith('\t');

/**
 * Joins the physical lines of each table row: a row's cells may wrap, leaving continuation lines
 * whose first cell is empty or carries the rest of the label. The row comes out as one line,
 * cells separated by tabs.
 */
function rebuildTables(lines: string[]): string[] {
  const out: string[] = [];
  let row: string[][] | null = null;
  const flush = (): void => {
    if (row !== null) out.push(row.map(joinPieces).join('\t'));
    row = null;
  };
  lines.forEach((line, i) => {
    if (row !== null && isLabelTail(line) && !wrapsIntoNextRow(line, lines[i + 1])) {
      (row[0] as string[]).push(line.trim());
      return;
    }
    // A line indented into a later column continues that column's cell ("    period last year").
    const continuesCell = row !== null && /^(?: {3,}|\t)\S/.test(line);
    if (!isTableLine(line) && !continuesCell && !(row !== null && wrapsIntoNextRow(line, lines[i + 1]))) {
      flush();
      out.push(line);
      return;
    }
    const cells = line
      .trimEnd()
      .split(CELL_GAP)
      .map((c) => c.trim());
    if (row === null || startsRow(row, cells)) {
      flush();
      row = cells.map((c) => [c]);
      return;
    }
    const open = row;
    cells.forEach((cell, col) => {
      if (cell === '') return;
      const pieces = open[col];
      if (pieces === undefined) open[col] = [cell];
      else pieces.push(cell);
    });
  });
  flush();
  return out;
}

/**
 * The rest of a row's label on a line of its own: "  of the Company", "(RMB cents)". A text file
 * laid out with spaces indents it slightly; PDF text starts it at the label column, so the
 * indent is optional and the lower-case or bracketed start right under a row decides.
 */
const isLabelTail = (line: string): boolean =>
  /^ {0,3}[a-z(（]/.test(line) &&
  line.trim().length <= 60 &&
  !CELL_GAP.test(line.trim()) &&
  !LIST_MARKER.test(normalize(line));

/**
 * A label alone on its line whose row goes on in the next table line: the label was too long for
 * its cell and its rest opens that line, or the row's figures are set below the label, under
 * their columns with the first cell left empty ("歸屬於上市公司股東的淨利潤" / "\t盈利：…\t盈利：…").
 */
function wrapsIntoNextRow(line: string, next: string | undefined): boolean {
  const text = line.trim();
  if (text === '' || text.length > 80 || next === undefined || !isTableLine(next)) return false;
  return /^\s*[a-z]/.test(next) || (/^\s/.test(next) && LEADING_LABEL.test(normalize(text)));
}

/** A label wraps over a few lines at most; only its last pieces decide whether it is complete. */
const LABEL_PIECES = 6;

/**
 * A line starts a new row when it has a label of its own and either brings money figures of its
 * own or follows a row that is complete. A lower-case label is the rest of the one above.
 */
function startsRow(row: string[][], cells: string[]): boolean {
  const head = cells[0] ?? '';
  if (head === '' || /^[a-z]/.test(head)) return false;
  const label = row[0] ?? [];
  // A header row ("2023  2022", "HK$'000") has no label; the first labelled line ends it.
  if (label.every((piece) => piece === '') || cells.slice(1).some(hasMoney)) return true;
  const hasFigures = row.slice(1).some((cell) => cell.some((c) => /\d/.test(normalize(c))));
  return !hasFigures || endsWithLabel(normalize(joinPieces(label.slice(-LABEL_PIECES))));
}

/** A figure that is not a percentage: "盈利：1.1億元", "212.7", not "比上年同期增長：59.57%". */
const hasMoney = (cell: string): boolean => /\d/.test(normalize(cell).replace(/[\d.,]+\s?%/g, ''));

function endsWithLabel(label: string): boolean {
  for (const m of label.matchAll(METRIC_LABEL)) if (m.index + m[0].length === label.length) return true;
  return false;
}

/**
 * Joins the pieces of wrapped text: no space between Chinese characters or inside a figure
 * ("702,265," + "000"), one between words, and a word hyphenated at the break made whole.
 */
function joinPieces(pieces: readonly string[]): string {
  const out: string[] = [];
  let last = '';
  for (const raw of pieces) {
    const piece = raw.trim();
    if (piece === '') continue;
    if (last !== '') {
      if (/[A-Za-z]-$/.test(last) && /^[a-z]/.test(piece) && !KEPT_HYPHEN.test(last)) {
        out[out.length - 1] = last.slice(0, -1);
      } else {
        const tight =
          (/\d,$/.test(last) && /^\d{3}/.test(piece)) ||
          CJK.test(last.slice(-1)) ||
          CJK.test(piece[0] as string);
        out.push(tight || last.endsWith('-') ? '' : ' ');
      }
    }
    out.push(piece);
    last = piece;
  }
  return out.join('');
}

/** Joins prose lines that wrapped mid-paragraph, so a sentence or label is on one line. */
function joinWrapped(lines: string[]): string[] {
  const paragraphs: string[][] = [];
  let previous: string | undefined;
  for (const line of lines) {
    const current = paragraphs[paragraphs.length - 1];
    if (previous !== undefined && current !== undefined && continues(previous, line)) current.push(line);
    else paragraphs.push([line]);
    previous = line;
  }
  return paragraphs.map((p) => (p.length === 1 ? (p[0] as string) : joinPieces(p)));
}

function continues(prev: string, line: string): boolean {
  const a = prev.trim();
  const b = line.trim();
  if (a === '' || b === '' || a.includes('\t') || b.includes('\t')) return false;
  // A connector left alone on a line ("and" after a list item's ";") belongs to the item above, as
  // does the next item of an inline enumeration ("and (iii) ...") that a page break pushed down.
  if (CONNECTOR.test(b) || INLINE_ITEM_AFTER_CONNECTOR.test(b)) return true;
  // "主要由於：(i)…；" then "(ii)…": an enumeration inside a paragraph, wrapped before an item.
  if (LIST_MARKER.test(normalize(b))) return INLINE_ITEM.test(b) && MID_LINE_ITEM.test(normalize(a));
  if (SPLIT_FIGURE.test(a) || /[A-Za-z]-$/.test(a)) return true;
  // An aside left open ("(2024:") and a label whose figure is on the next line ("淨利潤：") go on.
  if (/[(（][^()（）]*$/.test(a) || (/[:：]$/.test(a) && FIGURE_START.test(normalize(b)))) return true;
  // A line going on in lower case continues the one above, however short that one was (the last
  // line before a page break).
  if (/^[a-z]/.test(b) && !SENTENCE_END.test(a)) return true;
  // An upper-case line is a name or a heading, complete on its own.
  if (SENTENCE_END.test(a) || (/[A-Z]{3}/.test(a) && !CJK.test(a) && a === a.toUpperCase())) return false;
  // A short line is a heading, a name or a signature line, not wrapped prose.
  return a.length >= (CJK.test(a) ? 20 : 50);
}
