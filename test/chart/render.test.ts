import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderPng, renderSvg } from '../../src/chart/render.js';
import { CHART_FONT, chartSpec } from '../../src/chart/spec.js';
import { createPdfExtractor } from '../../src/pdf/extract.js';
import type { Landing } from '../../src/settle/landing.js';
import { jlMagPeriods } from './support.js';

// The chart of an estimate: what the SVG draws (bars, points, labels), the PNG's size, and a
// comparison with a golden image. UPDATE_GOLDEN=1 rewrites the golden image after a wanted change.

const GOLDEN = new URL('../fixtures/charts/jl-mag-2022.png', import.meta.url);
const { y2021, y2022 } = jlMagPeriods();
const landing2021 = { actual: '455000000' } as Landing;
const spec = chartSpec({
  company: 'JL MAG Rare-Earth',
  subtitle: 'Year ended 31 Dec 2022',
  periods: [
    { estimate: y2021, landing: landing2021 },
    { estimate: y2022, landing: null },
  ],
});

describe('chartSpec', () => {
  it('draws each range as a bar from low to high in the axis unit, priors and actuals as points', () => {
    const values = (spec.data as { values: Record<string, unknown>[] }).values;
    expect(values).toEqual([
      { period: 'FY2021', series: 'Estimated range', low: 400, high: 480 },
      { period: 'FY2021', series: 'Prior year', value: 200 },
      { period: 'FY2021', series: 'Actual', value: 455 },
      { period: 'FY2022', series: 'Estimated range', low: 702.27, high: 838.19 },
      { period: 'FY2022', series: 'Prior year', value: 453.07 },
    ]);
  });

  it('keeps losses below the zero line', () => {
    const loss = jlMagPeriods().y2022;
    loss.metrics = loss.metrics.map((m) => ({ ...m, current: { low: '-45000000', high: '-35000000' } }));
    const lossSpec = chartSpec({ company: 'X', subtitle: '', periods: [{ estimate: loss, landing: null }] });
    const [range] = (lossSpec.data as { values: Record<string, number>[] }).values;
    expect(range).toMatchObject({ low: -45, high: -35 });
    expect(JSON.stringify(lossSpec.layer)).toContain('"datum":0');
  });
});

describe('the rendered chart', () => {
  it('has the title, the period, the axis unit and a bar per range in its SVG', async () => {
    const svg = await renderSvg(spec);
    expect(svg).toContain('JL MAG Rare-Earth: Net profit attributable');
    expect(svg).toContain('Year ended 31 Dec 2022');
    expect(svg).toContain('RMB million');
    for (const label of ['FY2021', 'FY2022', 'Estimated range', 'Prior year', 'Actual'])
      expect(svg).toContain(label);
    // vega labels each mark with its data: a bar per range, a point per prior and actual.
    expect(svg).toContain(
      'aria-label="period: FY2021; RMB million: 400; high: 480; series: Estimated range"',
    );
    expect(svg).toContain(
      'aria-label="period: FY2022; RMB million: 702.27; high: 838.19; series: Estimated range"',
    );
    expect(svg).toContain('aria-label="period: FY2021; RMB million: 455; series: Actual"');
    expect(svg).toContain('aria-label="period: FY2022; RMB million: 453.07; series: Prior year"');
    expect(svg).toContain(`font-family="${CHART_FONT}"`);
  });

  it('is a PNG at twice the chart size, close to the golden image', async () => {
    const { png } = await renderPng(spec);
    const image = PNG.sync.read(Buffer.from(png));
    expect(image.width).toBeGreaterThan(1000);
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, png);
    const golden = PNG.sync.read(readFileSync(GOLDEN));
    expect([image.width, image.height]).toEqual([golden.width, golden.height]);
    let differing = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const delta = Math.max(
        Math.abs((image.data[i] ?? 0) - (golden.data[i] ?? 0)),
        Math.abs((image.data[i + 1] ?? 0) - (golden.data[i + 1] ?? 0)),
        Math.abs((image.data[i + 2] ?? 0) - (golden.data[i + 2] ?? 0)),
      );
      if (delta > 32) differing++;
    }
    // Anti-aliasing may differ a little between builds of the rasteriser; the drawing may not.
    expect(differing / (image.width * image.height)).toBeLessThan(0.005);
  });
});

describe('a chart rendered in a PDF reader process', () => {
  it('is the same drawing as one rendered here', async () => {
    const extractor = createPdfExtractor();
    try {
      const there = await extractor.renderChart(spec);
      const here = await renderPng(spec);
      expect(there.svg).toBe(here.svg);
      expect(Buffer.from(there.png).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } finally {
      await extractor.close();
    }
  });
});
