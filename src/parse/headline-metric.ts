import type { Metric, MetricName } from '../estimate.js';

// The figure readers look for first when an announcement states several: the profit attributable
// to owners before any other profit, any profit before revenue. The Estimate's direction is this
// metric's, and alerts lead with it.
export const HEADLINE_ORDER: readonly MetricName[] = [
  'net_profit_attributable',
  'net_profit_attributable_recurring',
  'net_profit',
  'revenue',
  'profit_before_tax',
  'operating_profit',
  'adjusted_net_profit',
  'eps_basic',
];

export function headlineMetric<M extends Pick<Metric, 'name'>>(metrics: readonly M[]): M | undefined {
  const rank = (m: M) => {
    const i = HEADLINE_ORDER.indexOf(m.name);
    return i < 0 ? HEADLINE_ORDER.length : i;
  };
  return [...metrics].sort((a, b) => rank(a) - rank(b))[0];
}
