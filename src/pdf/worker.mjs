// The process that reads PDFs: pdf.js, then layout.ts, one document at a time, so that neither a
// slow nor a hostile PDF can block the bot's event loop or take its memory. reader-pool.ts starts
// it with node:child_process (fork) and kills it when a document overruns the time cap.
//
// A process rather than a worker thread, for memory: a thread's resourceLimits cap only its V8
// heap, but pdf.js decodes streams into typed arrays that live outside the heap, growing one
// buffer by doubling for as long as the data lasts (a 0.5 MB PDF holding 500 MB of compressed
// zeros took the bot's process to 1.1 GB on a reader thread; 1.5 MB of them, past 2 GB). pdf.js
// has no option that bounds this: getDocument's maxImageSize caps images, not other streams. So
// a watchdog thread here checks the process's resident memory every few milliseconds and kills
// the process (SIGKILL) past the cap, killing it mid-copy if need be (measured: it dies within
// 2 MB of the cap); the parent reads an unexpected SIGKILL as "too large". The watchdog also
// ends the process if the parent is gone, should a read outlive it.
//
// The layout runs here too, under the same caps: its cost grows faster than the page's runs.
// layout.ts is the one copy of that code: the build's layout.js when this runs from dist/. From
// src/ (tests, tsx), Node 20 cannot load TypeScript (type stripping came in 22), and starting the
// whole process under tsx's loader makes loading pdf.js several times slower, so tsx's tsImport()
// loads just layout.ts (and errors.ts): once per process, after pdf.js, at about 0.2 s. Plain
// JavaScript for the rest, for the same reason.
//
// pdf.js's worker half is loaded with one change that skips reading font programs only rendering
// needs (text-only-pdfjs.mjs says which and why).
//
// It also renders charts (chart/render.ts) for the bot, so that vega and resvg's memory is this
// process's, given back when it ends: { chart: spec } is answered { chart: { png, svg } }.
//
// Protocol, one document at a time over the IPC channel: receives { data: Uint8Array, maxPages?:
// number } (only the first pages are read when given); answers
// { text } (see layout.ts) or { error: { name, message, code? } } with the name pdf.js gave the
// failure, or name 'PdfError' and its code for a refusal of ours. argv[2]: the memory cap in MB.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { importTextOnlyWorker, PatchError } from './text-only-pdfjs.mjs';

const MEMORY_CAP_MB = Number(process.argv[2]);
const WATCH_EVERY_MS = 5;

// Started first: loading pdf.js takes memory too. Unref'd, so the process ends with its channel.
const watchdog = new Worker(
  `
  const { workerData } = require('node:worker_threads');
  const { capBytes, everyMs, parentPid } = workerData;
  setInterval(() => {
    let orphaned = false;
    try {
      process.kill(parentPid, 0);
    } catch (error) {
      orphaned = error.code === 'ESRCH';
    }
    if (orphaned || process.memoryUsage.rss() > capBytes) process.kill(process.pid, 'SIGKILL');
  }, everyMs);
  `,
  {
    eval: true,
    workerData: { capBytes: MEMORY_CAP_MB * 1024 * 1024, everyMs: WATCH_EVERY_MS, parentPid: process.ppid },
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  },
);
watchdog.unref();

// pdf.js's legacy build brings core-js, which replaces Array.prototype.push with a much slower
// polyfill on Node 20 (its spec-edge check fails there). This process only runs pdf.js and
// layout, so the native push is put back once pdf.js and its in-process worker half are loaded;
// the worker half is loaded here, not on the first document, so the polyfill cannot come back.
const nativePush = Array.prototype.push;
const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
globalThis.pdfjsWorker = await importTextOnlyWorker().catch((error) => {
  if (!(error instanceof PatchError)) throw error;
  return import('pdfjs-dist/legacy/build/pdf.worker.mjs');
});
Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true });

const { layoutDocument, MAX_RUNS_PER_PAGE, tooManyRuns } = await importOwn('pdf/layout');
/** chart/render, loaded with the first chart (vega and resvg), and gone with this process. */
let charts;

process.on('disconnect', () => process.exit(0));
process.on('message', async ({ data, maxPages, chart }) => {
  let reply;
  try {
    if (chart) {
      charts ??= await importOwn('chart/render');
      reply = { chart: await charts.renderPng(chart) };
    } else {
      // The channel gives a Buffer back as a Buffer, which pdf.js refuses: a plain view of it.
      reply = {
        text: layoutDocument(
          await readRuns(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), maxPages),
        ),
      };
    }
  } catch (error) {
    const { name = 'Error', message = String(error), code } = error instanceof Error ? error : {};
    reply = { error: { name, message, code } };
  }
  process.send?.(reply);
});

/**
 * A module of the bot's by its path under src/ ("pdf/layout"): the built .js in dist/, else the
 * .ts through tsx (tests, tsx runs).
 */
async function importOwn(path) {
  const built = new URL(`../${path}.js`, import.meta.url);
  if (existsSync(built)) return import(built.href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(`../${path}.ts`, import.meta.url);
}

async function readRuns(data, maxPages = Number.POSITIVE_INFINITY) {
  // Warnings would go to stdout, which is the CLI's output; eval is off since nothing needs it.
  const task = getDocument({ data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
      const page = await doc.getPage(n);
      pages.push(await pageRuns(page, n));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/** The page's visible runs, given up as soon as there are too many to lay out. */
async function pageRuns(page, n) {
  const runs = [];
  const reader = page.streamTextContent().getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    for (const item of chunk.value.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      if (runs.length === MAX_RUNS_PER_PAGE) {
        const refusal = tooManyRuns(n);
        await reader.cancel(refusal);
        throw refusal;
      }
      runs.push(toRun(item));
    }
  }
  return runs;
}

function toRun(item) {
  return {
    text: item.str,
    x: item.transform[4],
    y: item.transform[5],
    width: item.width,
    height: item.height,
  };
}
