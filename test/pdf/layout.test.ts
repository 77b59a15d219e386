import { describe, expect, it } from 'vitest';
import { PdfError } from '../../src/pdf/errors.js';
import { layoutDocument, layoutPage, type TextRun } from '../../src/pdf/layout.js';

// Runs at 10 pt; rows 14 pt apart; `row` counts down the page from y = 800.
const run = (text: string, x: number, row: number, width = text.length * 5): TextRun => ({
  text,
  x,
  y: 800 - row * 14,
  width,
  height: 10,
});

describe('layoutPage', () => {
  it('puts runs in rows top to bottom and left to right, whatever order pdf.js gave them', () => {
    expect(layoutPage([run('second', 50, 1), run('world', 90, 0), run('hello ', 50, 0)])).toBe(
      'hello world\nsecond',
    );
  });

  it('joins runs that touch without a space (a font change mid-word), and near ones with one', () => {
    expect(layoutPage([run('bold', 50, 0, 20), run('face', 70, 0, 20), run('next', 92, 0)])).toBe(
      'boldface next',
    );
  });

  it('separates runs more than a font size apart with a TAB', () => {
    expect(layoutPage([run('Item', 50, 0, 20), run('2023', 200, 0, 20), run('2022', 300, 0, 20)])).toBe(
      'Item\t2023\t2022',
    );
  });

  it('keeps a raised footnote marker on its row', () => {
    const marker = { ...run('1', 101, 0, 4), y: 803, height: 6 };
    expect(layoutPage([run('Revenue', 50, 0, 50), marker])).toBe('Revenue1');
  });

  it('writes a blank line where rows are a paragraph apart, and only one', () => {
    expect(layoutPage([run('one', 50, 0), run('two', 50, 1), run('three', 50, 3), run('four', 50, 8)])).toBe(
      'one\ntwo\n\nthree\n\nfour',
    );
  });

  // [what, runs as [text, x, row, width], expected]
  const tables: [string, [string, number, number, number][], string][] = [
    [
      'keeps the TAB of an empty first cell when a row continues a later column',
      [
        ['Net profit', 50, 0, 50],
        ['RMB1 to', 200, 0, 35],
        ['RMB2', 300, 0, 20],
        ['up 5%', 200, 1, 25],
      ],
      'Net profit\tRMB1 to\tRMB2\n\tup 5%',
    ],
    [
      'keeps the TABs of empty cells mid-row',
      [
        ['Revenue', 50, 0, 35],
        ['4', 150, 0, 5],
        ['100', 200, 0, 15],
        ['Cost', 50, 1, 20],
        ['90', 200, 1, 10],
      ],
      'Revenue\t4\t100\nCost\t\t90',
    ],
    [
      'puts right-aligned figures of different widths in one column',
      [
        ['Revenue', 50, 0, 35],
        ['1,234,567', 200, 0, 45],
        ['Tax', 50, 1, 15],
        ['(89)', 225, 1, 20],
      ],
      'Revenue\t1,234,567\nTax\t(89)',
    ],
  ];
  it.each(tables)('%s', (_what, runs, expected) => {
    expect(layoutPage(runs.map(([text, x, row, width]) => run(text, x, row, width)))).toBe(expected);
  });

  it('starts columns afresh after a paragraph break', () => {
    const page = [run('a', 50, 0), run('b', 300, 0), run('centred title', 250, 2)];
    expect(layoutPage(page)).toBe('a\tb\n\ncentred title');
  });

  it('gives an empty string for a page of whitespace', () => {
    expect(layoutPage([run('   ', 50, 0)])).toBe('');
  });
});

describe('layoutDocument', () => {
  it('ends every page, an empty one too, with a form feed line', () => {
    expect(layoutDocument([[run('page one', 50, 0)], [], [run('– 3 –', 280, 50)]])).toBe(
      'page one\n\f\n\n\f\n– 3 –\n\f',
    );
  });
});

describe('limits', () => {
  const MAX_RUNS = 20_000;
  /** `n` one-digit runs at 0.01 pt, rows a font size apart, no two runs in the same column. */
  const ownColumns = (n: number): TextRun[] => {
    const rows = Math.ceil(Math.sqrt(n));
    return Array.from({ length: n }, (_, i) => ({
      text: String(i % 10),
      x: 20 + (Math.floor(i / rows) * rows + (i % rows)) * 0.012,
      y: 100 - (i % rows) * 0.01,
      width: 0.0056,
      height: 0.01,
    }));
  };

  it('lays out a page of as many runs as allowed, each its own column, in well under a second', () => {
    const runs = ownColumns(MAX_RUNS);
    const started = performance.now();
    const text = layoutPage(runs);
    // A linear scan of the columns for each cell took seconds here; a binary search takes ms.
    expect(performance.now() - started).toBeLessThan(1000);
    const lines = text.split('\n');
    expect(lines).toHaveLength(Math.ceil(Math.sqrt(MAX_RUNS)));
    // The first row's cells sit in every 142nd column; the second row's one column later.
    expect(lines[0]?.startsWith(`0${'\t'.repeat(142)}2`)).toBe(true);
    expect(lines[1]?.startsWith(`\t1${'\t'.repeat(142)}3`)).toBe(true);
  });

  it('refuses a page with more runs than that, naming the page', () => {
    const refusal = (() => {
      try {
        layoutDocument([[], ownColumns(MAX_RUNS + 1)]);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(PdfError);
    expect(refusal).toMatchObject({ code: 'too_large', message: 'page 2 has more than 20,000 text runs' });
  });
});
