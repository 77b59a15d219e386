import { Decimal } from 'decimal.js';
import type { MetricName } from '../estimate.js';
import { readColumnUnits } from './amounts.js';
import { chineseNumeral } from './numerals.js';
import { METRIC_LABEL, metricNameOf, wordsSource } from './words/lexicon.js';

// Reads the actual figures of a results announcement from its tables: the consolidated
// statement of profit or loss (or a 業績快報's table of main figures), one row per line, cells
// joined by TABs (pdf/layout.ts). A row is a label, perhaps a note reference ("4", "5(a)"), then
// this period's figure and the comparative one; the header above gives their unit ("RMB'000",
// "單位：萬元") and their order (the years), and says when the comparative is restated.
//
// The statement is read first and its rows win; rows elsewhere (the highlights) add only what the
// statement does not state (an adjusted profit, or everything when there is no statement).
// Under "Profit for the year attributable to:" the owners' row is the attributable profit; under
// "Earnings per share" the basic row is the per-share figure, in cents when its label says so.

export type Span = readonly [start: number, end: number];

export interface StatementRow {
  name: MetricName;
  /** The label's pieces in the text: two when it wraps onto the row's line. */
  label: readonly Span[];
  current: Figure | null;
  prior: Figure | null;
  priorRestated: boolean;
}

export interface Figure {
  value: string;
  /** The cell in the text. */
  at: Span;
}

export interface StatementRead {
  rows: StatementRow[];
  /** The currency of the statement's (or first table's) unit. */
  currency: string | null;
}

const re = (source: string, flags = 'i') => new RegExp(source, flags);
/** A heading starts its line, perhaps after a section number ("二、", "I."). */
const heading = (key: 'statementHeadings' | 'keyFiguresHeadings') =>
  re(String.raw`^\s*(?:[一二三四五六七八九十]{1,2}、|[IVX]{1,4}\.|\d{1,2}\.)?\s*(?:${wordsSource(key)})`);
const STATEMENT = heading('statementHeadings');
const KEY_FIGURES = heading('keyFiguresHeadings');
/** A heading on a line of its own: "NOTES", "CONSOLIDATED STATEMENT OF FINANCIAL POSITION (EXTRACT)". */
const END = re(String.raw`^(?:${wordsSource('statementEnds')})(?:\s*[(（][^)）]*[)）])?\s*$`);
const OWNERS_ROW = re(String.raw`^(?:${wordsSource('owners')})\s*$`);
const ATTRIBUTABLE = re(String.raw`(?:${wordsSource('attributableTo')})\s*[:：]?\s*$`);
const COMPREHENSIVE = /comprehensive|全面收益/i;
const PER_SHARE = re(wordsSource('perShareHeadings'));
const BASIC = re(String.raw`^[-–—•\s]*(?:${wordsSource('basic')})`);
const CENTS = re(wordsSource('cents'));
const RESTATED = re(wordsSource('restated'));
// Non-global: the shared METRIC_LABEL's lastIndex would carry into other readers' matchAll().
const LABEL = re(METRIC_LABEL.source);
/** "10,234", "(1,234)", "-386,415,207.18", "26.59", "RMB12.82 cents"; a dash alone is nil. */
const AMOUNT =
  /^(?<open>\()?(?:RMB|HK\$|US\$)?(?<minus>[-–−])?\s?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s?cents?)?(?<close>\))?$/;
const NIL = /^(?:[-–—]|n\/a|不適用|—)$/i;
/** A note reference: "4", "5(a)", "12". */
const NOTE = /^\d{1,2}(?:\([a-z]{1,3}\))?$/;
const YEAR = /(?<![\d])((?:19|20)\d\d)(?![\d])|([零〇一二三四五六七八九]{4})年/;
/** A label wraps over three lines at most. */
const MAX_WRAP = 2;
/** A statement runs to a few dozen rows; reading stops this far after its heading at the latest. */
const STATEMENT_LINES = 150;

interface Line {
  text: string;
  at: number;
  cells: Cell[];
}

interface Cell {
  text: string;
  at: number;
}

function linesOf(norm: string): Line[] {
  const out: Line[] = [];
  let at = 0;
  for (const text of norm.split('\n')) {
    const cells: Cell[] = [];
    let cellAt = at;
    for (const cell of text.split('\t')) {
      const lead = cell.length - cell.trimStart().length;
      cells.push({ text: cell.trim(), at: cellAt + lead });
      cellAt += cell.length + 1;
    }
    out.push({ text, at, cells });
    at += text.length + 1;
  }
  return out;
}

/** The row's label cell and its figure cells, without a note reference; null for a non-row. */
function rowOf(line: Line): { label: Cell; figures: Cell[] } | null {
  const [label, ...rest] = line.cells;
  if (!label) return null;
  const figures = rest.filter((c) => c.text !== '');
  // A note reference stands before two figures at least; alone it follows a heading ("Earnings per share\t10").
  if (
    figures.length >= 1 &&
    NOTE.test(figures[0]?.text ?? '') &&
    (figures.length >= 3 || figures.length === 1)
  )
    figures.shift();
  if (figures.some((c) => !AMOUNT.test(c.text) && !NIL.test(c.text) && !/%$/.test(c.text))) return null;
  return { label, figures };
}

function figureOf(cell: Cell | undefined, scale: Decimal): Figure | null {
  if (!cell) return null;
  const g = AMOUNT.exec(cell.text)?.groups;
  if (!g?.num) return null;
  const negative = (g.open !== undefined && g.close !== undefined) || g.minus !== undefined;
  const value = new Decimal(g.num.replaceAll(',', '')).times(scale);
  return { value: (negative ? value.neg() : value).toString(), at: [cell.at, cell.at + cell.text.length] };
}

/** The years of a header line, in column order. */
function yearsOf(line: Line): number[] {
  return line.cells.flatMap((c) => {
    const m = YEAR.exec(c.text);
    if (!m) return [];
    return [Number(m[1] ?? chineseNumeral(m[2] ?? '') ?? Number.NaN)];
  });
}

interface Header {
  /** The comparative column comes first (its year is the earlier). */
  priorFirst: boolean;
  restated: boolean;
}

/** A table's header reaches back this far at most: a statement runs to a few dozen rows. */
const TABLE_LINES = 80;

/**
 * The header of the table holding line `index`: the nearest line above naming two years, with
 * the lines around it (a restated mark may sit on its own line below the years).
 */
function headerAbove(lines: Line[], index: number): Header {
  for (let i = index - 1; i >= Math.max(0, index - TABLE_LINES); i--) {
    const line = lines[i] as Line;
    const years = yearsOf(line);
    if (years.length < 2 || line.cells.some((c) => /\d,\d{3}/.test(c.text))) continue;
    const near = lines.slice(Math.max(0, i - 1), Math.min(index, i + 4));
    return {
      priorFirst: (years[0] as number) < (years[1] as number),
      restated: near.some((l) => RESTATED.test(l.text) && (l.cells.length > 1 || l.text.trim().length <= 40)),
    };
  }
  return { priorFirst: false, restated: false };
}

/**
 * Where the statement is: from its heading to the next statement; failing a statement, a
 * 業績快報's table of main figures (a results announcement's highlights may be headed alike).
 */
function statementSpan(lines: Line[]): readonly [number, number] | null {
  const at = (pattern: RegExp) => lines.findIndex((l) => l.text.length <= 120 && pattern.test(l.text));
  const statement = at(STATEMENT);
  const start = statement >= 0 ? statement : at(KEY_FIGURES);
  if (start < 0) return null;
  let end = Math.min(lines.length, start + STATEMENT_LINES);
  for (let i = start + 1; i < end; i++) if (END.test((lines[i] as Line).text.trim())) end = i;
  return [start, end];
}

/**
 * The metrics the document's tables state. `norm` is the normalised text (normalize.ts); offsets
 * point into it and into the document alike.
 */
export function readStatement(norm: string): StatementRead {
  const lines = linesOf(norm);
  const units = readColumnUnits(norm);
  const unitAt = (at: number) => units.filter((u) => u.at < at).at(-1) ?? null;
  const span = statementSpan(lines);
  const found = new Map<MetricName, StatementRow>();
  const read = (from: number, to: number) => {
    let attributable = false;
    let perShare = false;
    /** Label-only lines just above: the start of a label wrapped onto the row's line. */
    let pending: Line[] = [];
    for (let i = from; i < to; i++) {
      const line = lines[i] as Line;
      const row = rowOf(line);
      if (!row || row.figures.length === 0) {
        // A heading's note reference ("Earnings per share\t10") is no part of it.
        const text = (row?.label.text ?? line.text).trim();
        if (text === '') {
          pending = [];
          continue;
        }
        attributable = ATTRIBUTABLE.test(text) && !COMPREHENSIVE.test(text);
        // A heading wrapped over lines ("EARNINGS PER SHARE ATTRIBUTABLE TO ..." / "HOLDERS OF THE PARENT") stays one.
        perShare = PER_SHARE.test(text) || (perShare && pending.length > 0);
        pending = row ? [...pending, line].slice(-MAX_WRAP) : [];
        continue;
      }
      const label = row.label;
      const labelSpan: Span = [label.at, label.at + label.text.length];
      // The longest wrap that names a metric: "Net profit attributable to shareholders of the" / "listed company".
      const wrap = pending
        .map((_, i) => pending.slice(i))
        .find(
          (lines) => metricOf([...lines.map((l) => l.text.trim()), label.text].reduce(joinLabel)) !== null,
        );
      const name =
        (wrap ? metricOf([...wrap.map((l) => l.text.trim()), label.text].reduce(joinLabel)) : null) ??
        metricOf(label.text) ??
        (attributable && OWNERS_ROW.test(label.text) ? 'net_profit_attributable' : null) ??
        (perShare && BASIC.test(label.text) ? 'eps_basic' : null);
      const pieces: Span[] = [
        ...(wrap ?? []).map((l): Span => [l.at, l.at + l.text.trimEnd().length]),
        labelSpan,
      ];
      pending = [];
      if (name === null || name === 'other' || found.has(name)) continue;
      const header = headerAbove(lines, i);
      const [first, second] = row.figures;
      const [current, prior] = header.priorFirst ? [second, first] : [first, second];
      const scale = scaleOf(name, `${label.text} ${current?.text ?? ''}`, unitAt(line.at)?.power ?? 0);
      found.set(name, {
        name,
        label: pieces,
        current: figureOf(current, scale),
        prior: figureOf(prior, scale),
        priorRestated: header.restated,
      });
    }
  };
  if (span) read(span[0] + 1, span[1]);
  const inStatement = found.size;
  read(0, lines.length);
  const rows = [...found.values()];
  // Statement rows first, in its order; then what only the rest of the document states.
  const ordered = [...rows.slice(0, inStatement), ...rows.slice(inStatement)];
  const firstRow = ordered[0];
  const currency = firstRow ? (unitAt(firstRow.label[0]?.[0] ?? 0)?.currency ?? null) : null;
  return { rows: ordered, currency };
}

/** The metric a whole label names (a label that merely contains a metric's words names none). */
function metricOf(label: string): MetricName | null {
  const text = label.replace(/[\s:：]+$/, '');
  const m = LABEL.exec(text);
  if (m?.index !== 0) return null;
  // What follows the words may only qualify them: "(Note)", "(RMB)", "（元）", "from operations".
  const rest = text.slice(m[0].length).trim();
  if (rest !== '' && !/^[(（]/.test(rest) && rest.length > 24) return null;
  return metricNameOf(m);
}

/** A label wrapped over two lines: Chinese joins without a space, English with one. */
export function joinLabel(first: string, second: string): string {
  return /[\u3400-\u9fff]$/.test(first) && /^[\u3400-\u9fff]/.test(second)
    ? `${first}${second}`
    : `${first} ${second}`;
}

/** Per-share figures are not in the table's unit: in currency units, or cents when labelled so. */
function scaleOf(name: MetricName, label: string, power: number): Decimal {
  if (name === 'eps_basic') return new Decimal(CENTS.test(label) ? '0.01' : '1');
  return new Decimal(10).pow(power);
}
