import type { EstimateKind } from '../estimate.js';
import { normalize } from './normalize.js';

// The one table of headline words that make an announcement a profit estimate, or plainly not one.
// The HKEX classifier reads filing titles with it and the parser reads document headlines with it.
// Order matters: the first matching row wins, so narrower phrases come before wider ones.

/** What a headline says: an estimate of a kind, plainly something else, or nothing either way. */
export type TitleVerdict = EstimateKind | 'not_estimate' | null;

interface KindRow {
  pattern: RegExp;
  verdict: EstimateKind | 'not_estimate';
}

const KIND_TABLE: readonly KindRow[] = [
  // Hong Kong usage: a "preliminary announcement of (final/annual/interim) results" reports actual
  // results, as do results announcements. An A-share 業績快報 reports unaudited actual results
  // too, so it is no estimate either, though it often follows one.
  { pattern: /\bPRELIMINARY\s+(?:RESULTS\s+)?ANNOUNCEMENT\b/, verdict: 'not_estimate' },
  { pattern: /(?:全年|年度|中期|末期|季度)業績(?:公告|報告)|業績快報/, verdict: 'not_estimate' },
  {
    pattern: /\bPOSITIVE\s+PROFIT\s+(?:ALERT|WARNING)\b|正面盈利(?:預告|預警)|盈利預喜/,
    verdict: 'positive_profit_alert',
  },
  { pattern: /\bPROFIT\s+WARNING\b|盈利(?:警告|預警)|虧損(?:警告|預告)/, verdict: 'profit_warning' },
  { pattern: /\bPROFIT\s+(?:ALERT|UPDATE)\b|盈利預告/, verdict: 'profit_alert' },
  {
    pattern:
      /\bPRELIMINARY\s+(?:ESTIMAT(?:ION|E|ED)|FORECAST)\b|\bRESULTS?\s+(?:PREVIEW|FORECAST|ESTIMATE)\b|\bESTIMATED\s+(?:ANNUAL|INTERIM|QUARTERLY)?\s*(?:RESULTS|PROFIT)\b|\bLOSS\s+ESTIMATE\b|\bPROFITS\s+FORECAST\b|\bADVANCE\s+NOTICE\b|業績預(?:告|增|減|盈|虧)|預虧|預盈/,
    verdict: 'results_estimate',
  },
  {
    pattern:
      /\b(?:ANNUAL|INTERIM|FINAL|QUARTERLY|THIRD\s+QUARTER|FIRST\s+QUARTER)\s+RESULTS\b|\bPROFIT\s+GUARANTEE\b|\bDIVIDEND\b|\bBOARD\s+MEETING\b|\bMONTHLY\s+RETURN\b|業績公告|溢利保證|利潤保證|股息|董事會會議|月報表/,
    verdict: 'not_estimate',
  },
];

/** The verdict of a headline or filing title; see TitleVerdict. */
export function classifyTitle(title: string): TitleVerdict {
  const text = normalize(title).toUpperCase().replace(/\s+/g, ' ');
  for (const row of KIND_TABLE) if (row.pattern.test(text)) return row.verdict;
  return null;
}

/** The estimate kind a headline or filing title announces, or null when it announces none. */
export function kindOfTitle(title: string): EstimateKind | null {
  const verdict = classifyTitle(title);
  return verdict === 'not_estimate' ? null : verdict;
}
