import { describe, expect, it } from 'vitest';
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
