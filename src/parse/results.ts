import type { ResultMetric, Results, ResultsKind } from '../results.js';
import { firstCurrency } from './amounts.js';
import { cleanup, withoutPageFurniture } from './cleanup.js';
import { evidenceReader } from './evidence.js';
import { mastheadOf, readHeadline } from './headline.js';
import { kindOfTitle } from './kind.js';
import { normalize } from './normalize.js';
import { readPeriod } from './period.js';
import { joinLabel, readStatement } from './statement.js';
import { EN } from './words/en.js';
import { wordsSource } from './words/lexicon.js';
import { ZH } from './words/zh.js';

// The results reader's entry point: a results announcement's text in, its actual figures out
// (see results.ts). Pure and total like parseAnnouncement, with which it shares the masthead,
// period and amount readers and the word tables.

/** The figures are in the first pages; a long annual report's text is cut here. */
const MAX_CHARS = 400_000;

// Each kind's words in both languages, narrowest kind first (the tables' order).
const KINDS = EN.resultsKinds.map(([word, kind]) => {
  const zh = ZH.resultsKinds.find(([, k]) => k === kind)?.[0];
  return [new RegExp(zh === undefined ? word : `${word}|${zh}`, 'i'), kind] as const;
});
const UNAUDITED = new RegExp(wordsSource('unaudited'), 'i');
/** An audited statement says so near its start; a 業績快報 never is. */
const AUDIT_WINDOW = 6_000;

/**
 * The kind of results a headline or filing title announces, or null for anything else: an
 * estimate of results ("PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS", 年度業績預告) is none.
 */
export function resultsKindOf(title: string): ResultsKind | null {
  if (kindOfTitle(title) !== null) return null;
  const text = normalize(title).replace(/\s+/g, ' ');
  return KINDS.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

export function parseResults(text: string): Results {
  const raw = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const doc = cleanup(raw);
  const norm = normalize(doc);
  const headline = readHeadline(doc, norm, (line) => resultsKindOf(line) !== null);
  const kind = resultsKindOf(headline.title);
  // The tables are read from lines as extracted: cleanup() rebuilds rows its own way.
  const lines = withoutPageFurniture(raw);
  const statement = readStatement(normalize(lines));
  const evidence = evidenceReader(raw, lines);
  const metrics: ResultMetric[] = statement.rows.map((row) => ({
    name: row.name,
    label: row.label.map(([start, end]) => lines.slice(start, end).trim()).reduce(joinLabel),
    current: row.current?.value ?? null,
    prior: row.prior?.value ?? null,
    priorRestated: row.priorRestated,
    evidence: {
      current: row.current ? evidence.at(row.current.at) : null,
      prior: row.prior ? evidence.at(row.prior.at) : null,
    },
  }));
  return {
    ...mastheadOf(headline),
    kind,
    period: readPeriod(norm),
    currency: statement.currency ?? firstCurrency(norm),
    audited: kind !== null && kind !== 'preliminary_results' && !UNAUDITED.test(norm.slice(0, AUDIT_WINDOW)),
    metrics: kind === null ? [] : metrics,
  };
}
