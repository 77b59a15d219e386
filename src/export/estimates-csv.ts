import { stringify } from 'csv-stringify/sync';
import type { Estimate } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import { type Landing, settledLandings } from '../settle/landing.js';
import type { Store } from '../store/types.js';

// The estimates of a date range as CSV, one row per metric (the headline's first), for
// `/estimate export` and `cli export`. Quoting is csv-stringify's (RFC 4180): commas, quotes,
// line breaks and Chinese in a label or a company name come through intact.

export interface ExportedEstimate {
  filing: Filing;
  estimate: Estimate;
  /** How each metric landed, once results settled the estimate. */
  landings: readonly Landing[];
}

const COLUMNS = [
  'code',
  'company',
  'kind',
  'period_start',
  'period_end',
  'metric',
  'label',
  'currency',
  'low',
  'high',
  'prior',
  'change_low_pct',
  'change_high_pct',
  'actual',
  'verdict',
  'released_at',
  'pdf_en',
  'pdf_zh',
] as const;

export function estimatesCsv(items: readonly ExportedEstimate[]): string {
  const rows = items.flatMap(({ filing, estimate, landings }) =>
    estimate.metrics.map((m) => {
      const landing = landings.find((l) => l.metric === m.name);
      return [
        filing.stockCodes.join(' '),
        estimate.company.en ?? estimate.company.zh ?? filing.stockNames.join(' '),
        estimate.kind ?? '',
        estimate.period.start ?? '',
        estimate.period.end ?? '',
        m.name,
        m.label,
        estimate.currency ?? '',
        m.current.low ?? '',
        m.current.high ?? '',
        m.prior ?? '',
        m.changePct?.low ?? '',
        m.changePct?.high ?? '',
        landing?.actual ?? '',
        landing?.position ?? '',
        filing.releasedAt,
        filing.pdfUrl,
        filing.pdfUrlZh ?? '',
      ];
    }),
  );
  return stringify(rows, { header: true, columns: [...COLUMNS] });
}

/** "2025-01-01": a real calendar date, as export ranges are given ("2025-02-30" is not one). */
export function isCalendarDay(text: string | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The estimates released on the days from `from` to `to` (Hong Kong dates, both included). */
export function releasedBetween(from: string, to: string): (filing: Filing) => boolean {
  // Hong Kong is UTC+8 all year: its day starts at 16:00 UTC the day before.
  const start = Date.parse(`${from}T00:00:00+08:00`);
  const end = Date.parse(`${to}T00:00:00+08:00`) + 86_400_000;
  return (filing) => {
    const at = Date.parse(filing.releasedAt);
    return at >= start && at < end;
  };
}

/** The store's estimates released in the range, oldest first, with how each landed. */
export function exportedEstimates(
  store: Pick<Store, 'inState' | 'byStock'>,
  from: string,
  to: string,
): ExportedEstimate[] {
  const inRange = releasedBetween(from, to);
  const all = store.inState('seen', 'parsed', 'posting', 'posted', 'failed');
  return all.flatMap((r) => {
    if (!r.isEstimate || !r.estimate || !inRange(r.filing)) return [];
    return [{ filing: r.filing, estimate: r.estimate, landings: settledLandings(r, store.byStock) ?? [] }];
  });
}
