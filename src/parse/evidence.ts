import type { Evidence } from '../estimate.js';

// Where a figure was read, for a reader to check it at a glance: the sentence or table row that
// states it, as the document prints it (compacted to one short line), and its page. The parser
// reads cleaned text, whose offsets no longer match the pages, so the page is found by looking
// for the figure as printed in each page's text.

/** A quote longer than this is cut to a window around the figure. */
const MAX_QUOTE = 200;
const AROUND = 90;
// A sentence ends at a full stop (not "per cent."), a Chinese full stop or semicolon.
const SENTENCE_END = /[。；;]|(?<!per\s?cent)\.(?=\s)/g;

export type Span = readonly [start: number, end: number];

export interface EvidenceReader {
  at(span: Span): Evidence;
}

/**
 * `raw` is the text as extracted, with a form feed between pages (and after the last) when it
 * came from a PDF; `doc` is the cleaned text the spans point into.
 */
export function evidenceReader(raw: string, doc: string): EvidenceReader {
  const pages = raw.includes('\f') ? raw.split('\f').map(squeeze) : null;
  return {
    at([start, end]) {
      // A range in a wrapped table cell is not contiguous on the page; its first figure is.
      const written = doc.slice(start, end);
      const figures = [squeeze(written), ...(written.match(/\S*\d\S*/) ?? [])];
      const index = pages?.findIndex((page) => figures.some((f) => page.includes(f))) ?? -1;
      return { page: pages === null ? null : index >= 0 ? index + 1 : null, line: quote(doc, start, end) };
    },
  };
}

const squeeze = (text: string): string => text.replace(/\s+/g, '');

/** The sentence or table row around [start, end), on one line, cut to a window when long. */
function quote(doc: string, start: number, end: number): string {
  const lineStart = doc.lastIndexOf('\n', start - 1) + 1;
  const lineEndAt = doc.indexOf('\n', end);
  const line = doc.slice(lineStart, lineEndAt < 0 ? doc.length : lineEndAt);
  const isRow = line.includes('\t');
  let from = 0;
  let to = line.length;
  if (!isRow) {
    for (const m of line.matchAll(SENTENCE_END)) {
      const after = m.index + m[0].length;
      if (after <= start - lineStart) from = after;
      else if (m.index >= end - lineStart) {
        to = after;
        break;
      }
    }
  }
  let text = line.slice(from, to);
  let figureAt = start - lineStart - from;
  const lead = text.length - text.trimStart().length;
  text = text.trim();
  figureAt -= lead;
  if (text.length > MAX_QUOTE) {
    const cutFrom = wordStart(text, Math.max(0, figureAt - AROUND));
    const cutTo = wordEnd(text, Math.min(text.length, figureAt + (end - start) + AROUND));
    text = `${cutFrom > 0 ? '…' : ''}${text.slice(cutFrom, cutTo).trim()}${cutTo < text.length ? '…' : ''}`;
  }
  return text.replace(/\t+/g, ' | ').replace(/\s+/g, ' ');
}

// A cut falls between words where the text has spaces; Chinese text is cut anywhere.
function wordStart(text: string, at: number): number {
  if (at === 0 || !/\w/.test(text[at - 1] ?? '')) return at;
  const space = text.indexOf(' ', at);
  return space < 0 || space - at > 20 ? at : space + 1;
}

function wordEnd(text: string, at: number): number {
  if (at >= text.length || !/\w/.test(text[at] ?? '')) return at;
  const space = text.lastIndexOf(' ', at);
  return space < 0 || at - space > 20 ? at : space;
}
