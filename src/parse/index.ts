import type { Direction, Estimate, Metric } from '../estimate.js';
import { firstCurrency } from './amounts.js';
import { checkChanges } from './checks.js';
import { cleanup } from './cleanup.js';
import { confidenceOf } from './confidence.js';
import { metricDirection, statedDirection } from './direction.js';
import { readDrivers } from './drivers.js';
import { evidenceReader } from './evidence.js';
import { mastheadOf, readHeadline } from './headline.js';
import { headlineMetric } from './headline-metric.js';
import { inferredKind, type ListingHints } from './inferred-kind.js';
import { readMetrics } from './metrics.js';
import { normalize } from './normalize.js';
import { readPeriod } from './period.js';

// The parser's one entry point: text in, Estimate out. Pure, and total: any string (empty,
// binary, enormous) gives an Estimate, because every reader tolerates text it cannot read.

/** Announcements run to a few pages; beyond this the text is not an announcement body. */
const MAX_CHARS = 200_000;

export type { ListingHints } from './inferred-kind.js';

export function parseAnnouncement(text: string, hints: ListingHints = {}): Estimate {
  const raw = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  const doc = cleanup(raw);
  const norm = normalize(doc);
  const headline = readHeadline(doc, norm);
  const period = readPeriod(norm);
  const { metrics: read, currency } = readMetrics(doc, norm, { periodType: period.type });
  const checks = checkChanges(read);
  const evidence = evidenceReader(raw, doc);
  const metrics: Metric[] = read.map((m) => ({
    name: m.name,
    label: m.label,
    direction: metricDirection(m, norm.slice(m.context[0], m.context[1])),
    current: m.current,
    prior: m.prior,
    changePct: m.changePct,
    evidence: {
      current: m.at.current === null ? null : evidence.at(m.at.current),
      prior: m.at.prior === null ? null : evidence.at(m.at.prior),
      changePct: m.at.changePct === null ? null : evidence.at(m.at.changePct),
    },
    confidence: confidenceOf(m, checks),
  }));
  const lead = headlineMetric(metrics);
  const direction = lead === undefined ? statedDirection(norm) : lead.direction;
  // The headline decides; one that says nothing either way ("INSIDE INFORMATION", none at all) defers.
  const kind =
    headline.verdict !== null ? headline.kind : inferredKind(hints, norm, improves(direction, lead));
  const isEstimate = kind !== null;
  return {
    ...mastheadOf(headline),
    kind,
    direction: isEstimate ? direction : null,
    period,
    currency: currency ?? firstCurrency(norm),
    // Estimates are unaudited by nature; the corpus keeps false for other documents too.
    audited: false,
    metrics: isEstimate ? metrics : [],
    drivers: isEstimate ? readDrivers(doc, norm) : [],
    checks: isEstimate ? checks : [],
  };
}

/** Whether the results get better: a smaller loss is better, as is a larger profit. */
function improves(direction: Direction | null, headline: Metric | undefined): boolean | null {
  if (direction === 'turnaround_profit') return true;
  if (direction === 'turnaround_loss') return false;
  if (direction === null) return null;
  const figure = headline?.current.low ?? headline?.current.high ?? null;
  const loss = figure?.startsWith('-') ?? false;
  return (direction === 'increase') !== loss;
}
