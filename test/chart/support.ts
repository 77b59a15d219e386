import { estimate, metric } from '../pipeline/fakes.js';

/** JL MAG's 2022 estimate, its 2021 one, and the 2021 actual: the chart's fixture. */
export function jlMagPeriods() {
  const m = (low: string, high: string, prior: string) =>
    metric({
      name: 'net_profit_attributable',
      label: 'Net profit attributable',
      current: { low, high },
      prior,
    });
  const y2021 = estimate({
    period: { start: '2021-01-01', end: '2021-12-31', type: 'annual' },
    metrics: [m('400000000', '480000000', '200000000')],
  });
  const y2022 = estimate({ metrics: [m('702265000', '838187300', '453074200')] });
  return { y2021, y2022 };
}
