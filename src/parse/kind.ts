import type { EstimateKind } from '../estimate.js';
import { normalize } from './normalize.js';

// The one table of headline words that make an announcement a profit estimate. The HKEX
// classifier reads filing titles with it and the parser reads document headlines with it.
// Order matters: the first matching row wins, so narrower phrases come before wider ones.

interface KindRow {
  pattern: RegExp;
  kind: EstimateKind | null;
}

const KIND_TABLE: readonly KindRow[] = [
  // Hong Kong usage: a "preliminary announcement of (final/annual/interim) results" reports actual
  // results, as do results announcements; none of them is an estimate.
  { pattern: /\bPRELIMINARY\s+(?:RESULTS\s+)?ANNOUNCEMENT\b/, kind: null },
  { pattern: /(?:全年|年度|中期|末期)業績公告|業績快報/, kind: null },
  { pattern: /\bPOSITIVE\s+PROFIT\s+ALERT\b|正面盈利預告/, kind: 'positive_profit_alert' },
  { pattern: /\bPROFIT\s+WARNING\b|盈利警告|虧損警告/, kind: 'profit_warning' },
  { pattern: /\bPROFIT\s+ALERT\b|盈利預告/, kind: 'profit_alert' },
  {
    pattern:
      /\bPRELIMINARY\s+(?:ESTIMAT(?:ION|E|ED)|FORECAST)\b|\bRESULTS?\s+(?:PREVIEW|FORECAST|ESTIMATE)\b|\bESTIMATED\s+(?:ANNUAL|INTERIM|QUARTERLY)?\s*RESULTS\b|業績預(?:告|增|減|盈|虧)|預虧|預盈/,
    kind: 'results_estimate',
  },
];

/** The estimate kind a headline or filing title announces, or null when it announces none. */
export function kindOfTitle(title: string): EstimateKind | null {
  const text = normalize(title).toUpperCase().replace(/\s+/g, ' ');
  for (const row of KIND_TABLE) if (row.pattern.test(text)) return row.kind;
  return null;
}
