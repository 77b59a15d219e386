import { Decimal } from 'decimal.js';
import type { Estimate, Metric } from '../estimate.js';
import { headlineMetric } from '../parse/headline-metric.js';
import type { Landing } from '../settle/landing.js';

// The chart of an estimate as a declarative vega-lite spec (pure: data in, spec out): for each
// period, the estimated range as a bar from low to high, the prior year and the actual as
// points; losses fall below a zero line. The current estimate comes last, after the company's
// earlier ones; the axis names the currency and the unit the figures are scaled to.

/** One period of the chart: an estimate and, once known, its actual. */
export interface ChartPeriod {
  estimate: Estimate;
  landing: Landing | null;
}

export interface ChartInput {
  /** The company's name, in the title. */
  company: string;
  /** Under the title: the period, as the caller words periods. */
  subtitle: string;
  /** Oldest first; the last is the estimate the chart is for. */
  periods: readonly ChartPeriod[];
}

/** The font shipped with the bot (dejavu-fonts-ttf): the same output on every machine. */
export const CHART_FONT = 'DejaVu Sans';
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 300;

const UNITS = [
  { at: new Decimal('1e9'), name: 'billion' },
  { at: new Decimal('1e6'), name: 'million' },
  { at: new Decimal('1e3'), name: 'thousand' },
] as const;

const CURRENCY_WORD: Record<string, string> = { CNY: 'RMB', HKD: 'HK$', USD: 'US$' };

function periodLabel(e: Estimate): string {
  const year = e.period.end?.slice(0, 4) ?? '?';
  if (e.period.type === 'interim') return `1H ${year}`;
  if (e.period.type === 'annual') return `FY${year}`;
  return e.period.end ?? '?';
}

interface Row {
  period: string;
  series: 'Estimated range' | 'Prior year' | 'Actual';
  low?: number;
  high?: number;
  value?: number;
}

/** The metric charted: the latest estimate's headline, when each period states it. */
function chartedMetric(periods: readonly ChartPeriod[]): Metric['name'] | null {
  const last = periods.at(-1);
  return last ? (headlineMetric(last.estimate.metrics)?.name ?? null) : null;
}

export function chartSpec(input: ChartInput): Record<string, unknown> {
  const name = chartedMetric(input.periods);
  const rows: { period: string; series: Row['series']; value: Decimal; end?: Decimal }[] = [];
  let label = '';
  for (const { estimate, landing } of input.periods) {
    const metric = estimate.metrics.find((m) => m.name === name);
    if (!metric) continue;
    label ||= metric.label;
    const period = periodLabel(estimate);
    const { low, high } = metric.current;
    if (low !== null || high !== null) {
      const lo = new Decimal(low ?? (high as string));
      rows.push({ period, series: 'Estimated range', value: lo, end: new Decimal(high ?? (low as string)) });
    }
    if (metric.prior !== null) rows.push({ period, series: 'Prior year', value: new Decimal(metric.prior) });
    if (landing) rows.push({ period, series: 'Actual', value: new Decimal(landing.actual) });
  }
  const largest = rows.reduce((max, r) => Decimal.max(max, r.value.abs(), r.end?.abs() ?? 0), new Decimal(0));
  const unit = UNITS.find((u) => largest.gte(u.at)) ?? { at: new Decimal(1), name: '' };
  const scaled = (d: Decimal) => d.div(unit.at).toDecimalPlaces(2).toNumber();
  const values: Row[] = rows.map((r) =>
    r.end === undefined
      ? { period: r.period, series: r.series, value: scaled(r.value) }
      : { period: r.period, series: r.series, low: scaled(r.value), high: scaled(r.end) },
  );
  const last = input.periods.at(-1)?.estimate;
  const currency = last?.currency ? (CURRENCY_WORD[last.currency] ?? last.currency) : '';
  const axis = [currency, unit.name].filter(Boolean).join(' ') || 'amount';
  const order = [...new Set(rows.map((r) => r.period))];
  const colors = {
    domain: ['Estimated range', 'Prior year', 'Actual'],
    range: ['#7aa6d6', '#9a9a9a', '#d1495b'],
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: 'white',
    title: {
      text: `${input.company}: ${label}`,
      subtitle: input.subtitle,
    },
    config: { font: CHART_FONT, view: { stroke: null }, legend: { orient: 'bottom' } },
    data: { values },
    encoding: { x: { field: 'period', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0 } } },
    layer: [
      { mark: { type: 'rule', color: '#333' }, encoding: { y: { datum: 0 } } },
      {
        transform: [{ filter: "datum.series === 'Estimated range'" }],
        mark: { type: 'bar', size: 28, opacity: 0.8 },
        encoding: {
          y: { field: 'low', type: 'quantitative', title: axis },
          y2: { field: 'high' },
          color: { field: 'series', type: 'nominal', scale: colors, title: null },
        },
      },
      {
        transform: [{ filter: "datum.series !== 'Estimated range'" }],
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          y: { field: 'value', type: 'quantitative', title: axis },
          color: { field: 'series', type: 'nominal', scale: colors, title: null },
          shape: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: colors.domain, range: ['square', 'square', 'circle'] },
          },
        },
      },
    ],
  };
}
