import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './spec.js';

// A vega-lite spec to SVG (vega, headless: no canvas, no browser) and to PNG (resvg, a prebuilt
// binary per platform, no native build). Only the shipped font is used, never the system's, so
// a chart comes out the same on every machine.

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${f}`),
);

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const { spec: compiled } = compile(spec as unknown as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes at twice the chart's size, for screens that have the pixels. */
export function rasterize(svg: string): Uint8Array {
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: 'white',
  }).render();
  return png.asPng();
}

export async function renderPng(spec: Record<string, unknown>): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderSvg(spec);
  return { svg, png: rasterize(svg) };
}
