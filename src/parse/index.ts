import type { Estimate } from '../estimate.js';
import { firstCurrency } from './amounts.js';
import { checkChanges } from './checks.js';
import { cleanup } from './cleanup.js';
import { readDrivers } from './drivers.js';
import { readHeadline } from './headline.js';
import { readMetrics } from './metrics.js';
import { normalize } from './normalize.js';
import { readPeriod } from './period.js';

// The parser's one entry point: text in, Estimate out. Pure, and total: any string (empty,
// binary, enormous) gives an Estimate, because every reader tolerates text it cannot read.

/** Announcements run to a few pages; beyond this the text is not an announcement body. */
const MAX_CHARS = 200_000;

export function parseAnnouncement(text: string): Estimate {
  const doc = cleanup(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const norm = normalize(doc);
  const headline = readHeadline(doc, norm);
  const isEstimate = headline.kind !== null;
  const { metrics, currency } = readMetrics(doc, norm);
  const kept = isEstimate ? metrics : [];
  return {
    stockCodes: headline.stockCodes,
    company: headline.company,
    title: headline.title,
    language: headline.language,
    kind: headline.kind,
    period: readPeriod(norm),
    currency: currency ?? firstCurrency(norm),
    // Estimates are unaudited by nature; the corpus keeps false for other documents too.
    audited: false,
    metrics: kept,
    drivers: isEstimate ? readDrivers(doc, norm) : [],
    checks: checkChanges(kept),
  };
}
