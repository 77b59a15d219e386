// Timings for reading announcements: PDF extraction and parsing on the fixture PDFs, and the
// whole `parse` command (built, as `npm run cli` runs it) over 200 PDFs of each font family
// against poppler's `pdftotext -layout` run once per file, the way people use it. The English
// fixtures set their text in a Latin font (Helvetica), the Chinese ones in an embedded CJK font
// (Noto Sans CJK, CID-keyed CFF).

import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { buildIfStale } from '../scripts/build.mjs';
import { parseAnnouncement } from '../src/parse/index.js';
import { createPdfExtractor } from '../src/pdf/extract.js';
import type { Row } from './row.js';

const PDF_DIR = 'test/fixtures/pdf';
/** The fixtures written in English: `en-…`, `r3-en-…`, `ho-en-…`. */
const LATIN = /^([a-z0-9]+-)?en-/;
const CLI_FILES = 200;
const run = promisify(execFile);

export async function benchParse(): Promise<Row[]> {
  const paths = readdirSync(PDF_DIR)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => `${PDF_DIR}/${f}`);
  const { extractMs, texts } = await timeExtraction(paths);
  buildIfStale();
  const families: [string, string[]][] = [
    ['Latin-font', paths.filter((p) => LATIN.test(basename(p)))],
    ['CJK-font', paths.filter((p) => !LATIN.test(basename(p)))],
  ];
  const cliRows: Row[] = [];
  for (const [family, members] of families) {
    const many = Array.from({ length: CLI_FILES }, (_, i) => members[i % members.length] as string);
    const cliMs = await timeWall(() =>
      run(process.execPath, ['dist/cli.js', 'parse', ...many], { maxBuffer: 1 << 28 }),
    );
    const popplerMs = hasPdftotext() ? await timeWall(() => pdftotextEach(many)) : undefined;
    cliRows.push(
      {
        name: `parse CLI over ${CLI_FILES} ${family} PDFs (one process)`,
        value: (cliMs / CLI_FILES).toFixed(2),
        unit: 'ms/PDF',
      },
      {
        name: `reference: pdftotext -layout over the same (one process each)`,
        value: popplerMs === undefined ? 'not installed' : (popplerMs / CLI_FILES).toFixed(2),
        unit: popplerMs === undefined ? '' : 'ms/PDF',
      },
      {
        name: `parse CLI / pdftotext, ${family}`,
        value: popplerMs === undefined ? '-' : (cliMs / popplerMs).toFixed(2),
        unit: popplerMs === undefined ? '' : 'x',
      },
    );
  }
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
    ...cliRows,
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
  for (const path of paths) await run('pdftotext', ['-layout', path, '-']);
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
