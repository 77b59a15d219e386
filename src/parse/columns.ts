import { wordsSource } from './words/lexicon.js';

// What a table's header row says each column holds, when it says so: this period's figure, the
// prior period's, a superseded estimate (an update's "前次預計", a correction's "更正前"), or a
// percentage ("%", "Change (%)", "增減(%)"). Rows without such a header are read by position.

export type ColumnRole = 'current' | 'prior' | 'superseded' | 'percent';

export interface ColumnRoles {
  /** Where the header row starts. */
  at: number;
  /** By cell index; the label cell is 0. */
  roles: ReadonlyMap<number, ColumnRole>;
}

// Checked in this order, so "本次更新後預計" is current before "預計" could say anything else.
const ROLE_WORDS: readonly (readonly [ColumnRole, RegExp])[] = [
  [
    'percent',
    /^(?:%|[(（]%[)）]|[^\t]{0,16}[(（]%[)）]|(?:change|變動|增減|變化|同比)(?:\s?(?:幅度|比例|率))?\s?%)$/i,
  ],
  [
    'superseded',
    /更正前|修正前|前次|原預計|上次預計|previous(?:ly)?\s+(?:estimate|announced)|before\s+(?:the\s+)?(?:correction|revision|update)|original\s+estimate/i,
  ],
  [
    'current',
    /更正後|修正後|更新後|本次預計|本報告期|updated\s+estimate|after\s+(?:the\s+)?(?:correction|revision|update)|current\s+(?:reporting\s+)?period/i,
  ],
  ['prior', new RegExp(wordsSource('prior'), 'i')],
];

/** Every table header row that names a column's role, in order. */
export function readColumnRoles(text: string): ColumnRoles[] {
  const out: ColumnRoles[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.includes('\t') && !holdsFigures(line)) {
      const roles = new Map<number, ColumnRole>();
      line.split('\t').forEach((cell, i) => {
        const role = i === 0 ? undefined : ROLE_WORDS.find(([, words]) => words.test(cell.trim()))?.[0];
        if (role !== undefined) roles.set(i, role);
      });
      // A header says which column is which only beside another named column or a percentage.
      if (roles.size > 1 || [...roles.values()].some((r) => r === 'percent' || r === 'superseded')) {
        out.push({ at, roles });
      }
    }
    at += line.length + 1;
  }
  return out;
}

/**
 * A row of figures is no header, though its cells may say "比上年同期增長": it states percentages or
 * money. A header's own numbers are years and dates ("Three months ended 31 March 2025").
 */
const holdsFigures = (line: string): boolean => FIGURE.test(line);
const FIGURE = /\d\s?%|\d\s?(?:萬|億|千|百萬)?(?:元|港元)|(?:RMB|HK\$|US\$|人民幣)\s?-?\d/i;
