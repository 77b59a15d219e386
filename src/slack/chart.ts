import { renderPng } from '../chart/render.js';
import { type ChartPeriod, chartSpec } from '../chart/spec.js';
import { settledLandings } from '../settle/landing.js';
import type { FilingRecord, Store } from '../store/types.js';
import { periodText, shortCompanyName } from './format.js';

// The chart posted in an alert's thread: the estimate beside the company's earlier estimates of
// recent periods (each the latest revision for its period) and their actuals, once known.

/** Earlier periods shown beside the estimate's own. */
const EARLIER_PERIODS = 4;

export interface AlertChart {
  png: Uint8Array;
  svg: string;
  filename: string;
  title: string;
}

/** `history`: the stock's records, newest first (Store#byStock), results included. */
export function chartPeriods(record: FilingRecord, history: readonly FilingRecord[]): ChartPeriod[] {
  const landingOf = (r: FilingRecord) => settledLandings(r, () => history)?.[0] ?? null;
  const own = record.estimate?.period.end;
  const byPeriod = new Map<string, FilingRecord>();
  for (const r of history) {
    const end = r.estimate?.period.end;
    if (!r.isEstimate || !r.estimate?.kind || !end || !own || end >= own || byPeriod.has(end)) continue;
    if (r.estimate.period.type !== record.estimate?.period.type) continue;
    byPeriod.set(end, r);
  }
  const earlier = [...byPeriod.values()].slice(0, EARLIER_PERIODS).reverse();
  return [...earlier, record].flatMap((r) =>
    r.estimate ? [{ estimate: r.estimate, landing: landingOf(r) }] : [],
  );
}

/** Turns a chart spec into SVG and PNG: in this process, or in a PDF reader process. */
export type ChartRenderer = (spec: Record<string, unknown>) => Promise<{ png: Uint8Array; svg: string }>;

/** The PNG for an estimate's alert, or null when it states no figure to chart. */
export async function alertChart(
  record: FilingRecord,
  history: readonly FilingRecord[],
  render: ChartRenderer = renderPng,
): Promise<AlertChart | null> {
  const estimate = record.estimate;
  if (!estimate?.metrics.some((m) => m.current.low !== null || m.current.high !== null)) return null;
  const company = shortCompanyName(
    estimate.company.en ?? estimate.company.zh ?? record.filing.stockNames[0] ?? '',
  );
  const spec = chartSpec({
    company,
    subtitle: periodText(estimate.period),
    periods: chartPeriods(record, history),
  });
  const { png, svg } = await render(spec);
  return {
    png,
    svg,
    filename: `estimate-${record.filing.id}.png`,
    title: `${company} · ${periodText(estimate.period)}`,
  };
}

/** Charts from the store: each estimate with its stock's history. */
export function storeCharts(
  store: Pick<Store, 'byStock'>,
  render?: ChartRenderer,
): (record: FilingRecord) => Promise<AlertChart | null> {
  return (record) => {
    const seen = new Set<string>();
    const history = record.filing.stockCodes
      .flatMap((code) => store.byStock(code))
      .filter((r) => !seen.has(r.filing.id) && seen.add(r.filing.id));
    return alertChart(record, history, render);
  };
}
