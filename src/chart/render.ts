import { createRequire } from 'node:module';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './spec.js';

// A vega-lite spec to SVG (vega, headless: no canvas, no browser) and to PNG (resvg, a prebuilt
// binary per platform, no native build). Only the shipped font is used, never the system's, so
// a chart comes out the same on every machine. vega and resvg are loaded on the first chart, not
// at start: they take a fifth of a second the bot need not wait for before answering /healthz.

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) =>
  createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${f}`),
);

export async function renderSvg(spec: Record<string, unknown>): Promise<string> {
  const [vega, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const { spec: compiled } = compile(spec as unknown as TopLevelSpec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes at twice the chart's size, for screens that have the pixels. */
export async function rasterize(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
    background: 'white',
  }).render();
  return png.asPng();
}

export async function renderPng(spec: Record<string, unknown>): Promise<{ svg: string; png: Uint8Array }> {
  const svg = await renderSvg(spec);
  return { svg, png: await rasterize(svg) };
}
