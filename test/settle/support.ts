import type { Metric, Range } from '../../src/estimate.js';
import type { ResultMetric, Results } from '../../src/results.js';
import { estimate, metric } from '../pipeline/fakes.js';

// JL MAG's 2022 estimate (the reference announcement) and results to settle it with.

export const JL_MAG_RANGE: Range = { low: '702265000', high: '838187300' };

export function jlMagEstimate(over: Partial<Metric> = {}) {
  return estimate({
    kind: 'results_estimate',
    metrics: [
      metric({
        name: 'net_profit_attributable',
        label: 'net profit attributable to shareholders of the listed company',
        current: JL_MAG_RANGE,
        prior: '453074200',
        changePct: { low: '55', high: '85' },
        ...over,
      }),
    ],
  });
}

export function actual(
  name: ResultMetric['name'],
  current: string,
  prior: string | null,
  over: Partial<ResultMetric> = {},
): ResultMetric {
  return {
    name,
    label: name,
    current,
    prior,
    priorRestated: false,
    evidence: { current: null, prior: null },
    ...over,
  };
}

export function results(metrics: ResultMetric[], over: Partial<Results> = {}): Results {
  return {
    stockCodes: ['06680'],
    company: { en: 'JL MAG RARE-EARTH CO., LTD.', zh: null },
    title: 'ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2022',
    language: 'en',
    kind: 'annual_results',
    period: { start: '2022-01-01', end: '2022-12-31', type: 'annual' },
    currency: 'CNY',
    audited: true,
    metrics,
    ...over,
  };
}
