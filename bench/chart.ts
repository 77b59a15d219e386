import { readFileSync } from 'node:fs';
import { renderPng } from '../src/chart/render.js';
import { chartSpec } from '../src/chart/spec.js';
import { parseAnnouncement } from '../src/parse/index.js';
import type { Row } from './row.js';

// A chart from spec to PNG, as posted in an alert's thread (target: under 300 ms): JL MAG's
// 2022 estimate beside three earlier periods.

const RUNS = 15;

export async function benchChart(): Promise<Row[]> {
  const estimate = parseAnnouncement(
    readFileSync('test/fixtures/announcements/en-06680-2022-preliminary-estimate.txt', 'utf8'),
  );
  const earlier = [2019, 2020, 2021].map((year) => ({
    estimate: {
      ...estimate,
      period: { start: `${year}-01-01`, end: `${year}-12-31`, type: 'annual' as const },
    },
    landing: null,
  }));
  const spec = chartSpec({
    company: 'JL MAG Rare-Earth',
    subtitle: 'Year ended 31 Dec 2022',
    periods: [...earlier, { estimate, landing: null }],
  });
  const first = performance.now();
  await renderPng(spec);
  const cold = performance.now() - first;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await renderPng(spec);
    times.push(performance.now() - t0);
  }
  const median = times.toSorted((a, b) => a - b)[Math.floor(RUNS / 2)] ?? Number.NaN;
  return [
    { name: 'chart, spec to PNG, median (4 periods)', value: median.toFixed(0), unit: 'ms' },
    { name: 'chart, first in a process (loads vega and resvg)', value: cold.toFixed(0), unit: 'ms' },
  ];
}
