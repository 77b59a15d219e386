// Timings for reading announcements: PDF extraction and parsing on the fixture PDFs, and the
// whole `parse` command over 200 PDFs against poppler's pdftotext run once per file.

import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parseAnnouncement } from '../src/parse/index.js';
import { createPdfExtractor } from '../src/pdf/extract.js';
import type { Row } from './row.js';

const PDF_DIR = 'test/fixtures/pdf';
const CLI_FILES = 200;
const run = promisify(execFile);

export async function benchParse(): Promise<Row[]> {
  const paths = readdirSync(PDF_DIR)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `${PDF_DIR}/${f}`);
  const many = Array.from({ length: CLI_FILES }, (_, i) => paths[i % paths.length] as string);
  const { extractMs, texts } = await timeExtraction(paths);
  const cliMs = await timeWall(() =>
    run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'parse', ...many], { maxBuffer: 1 << 28 }),
  );
  const popplerMs = hasPdftotext() ? await timeWall(() => pdftotextEach(many)) : undefined;
  return [
    {
      name: `PDF extraction, median of ${paths.length} fixture PDFs`,
      value: extractMs.toFixed(2),
      unit: 'ms/PDF',
    },
    {
      name: 'text to Estimate, median per fixture',
      value: median(texts.map(timeParse)).toFixed(3),
      unit: 'ms',
    },
    {
      name: `parse CLI over ${CLI_FILES} PDFs (one process)`,
      value: (cliMs / CLI_FILES).toFixed(2),
      unit: 'ms/PDF',
    },
    {
      name: `pdftotext over the same ${CLI_FILES} PDFs (one process each)`,
      value: popplerMs === undefined ? 'not installed' : (popplerMs / CLI_FILES).toFixed(2),
      unit: popplerMs === undefined ? '' : 'ms/PDF',
    },
  ];
}

async function timeExtraction(paths: readonly string[]): Promise<{ extractMs: number; texts: string[] }> {
  const extractor = createPdfExtractor();
  try {
    const data = paths.map((p) => readFileSync(p));
    // The first round warms pdf.js up; a long-running bot only ever sees warm reads.
    const texts = await Promise.all(data.map((d) => extractor.extract(d)));
    const times: number[] = [];
    for (const d of data) times.push(await timeWall(() => extractor.extract(d)));
    return { extractMs: median(times), texts };
  } finally {
    await extractor.close();
  }
}

function timeParse(text: string): number {
  const rounds = 50;
  parseAnnouncement(text);
  const start = performance.now();
  for (let i = 0; i < rounds; i++) parseAnnouncement(text);
  return (performance.now() - start) / rounds;
}

async function pdftotextEach(paths: readonly string[]): Promise<void> {
  for (const path of paths) await run('pdftotext', [path, '-']);
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v']).error === undefined;
}

async function timeWall(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
