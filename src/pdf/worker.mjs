// The worker thread that runs pdf.js. pdf.js does all its parsing on the calling thread in Node,
// so it runs here: a slow or hostile PDF then cannot block the bot's event loop, and the time cap
// can stop it (terminate) even in a tight loop. Plain JavaScript on purpose: it starts without a
// TypeScript loader, which would make loading pdf.js about eight times slower.
//
// Protocol, one document at a time: receives { data: Uint8Array }; answers { pages: TextRun[][] }
// (see layout.ts) or { error: { name, message } } with the name pdf.js gave the failure.
import { parentPort } from 'node:worker_threads';

// pdf.js's legacy build brings core-js, which replaces Array.prototype.push with a much slower
// polyfill on Node 20 (its spec-edge check fails there). This thread only runs pdf.js, so the
// native push is put back once pdf.js and its in-thread worker half are loaded; the worker half
// is loaded here, not on the first document, so the polyfill cannot come back later.
const nativePush = Array.prototype.push;
const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
globalThis.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true });

parentPort?.on('message', async ({ data }) => {
  try {
    parentPort?.postMessage({ pages: await readRuns(data) });
  } catch (error) {
    const { name = 'Error', message = String(error) } = error instanceof Error ? error : {};
    parentPort?.postMessage({ error: { name, message } });
  }
});

async function readRuns(data) {
  // Warnings would go to stdout, which is the CLI's output; eval is off since nothing needs it.
  const task = getDocument({ data, verbosity: VerbosityLevel.ERRORS, isEvalSupported: false });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.filter((item) => 'str' in item && item.str.trim() !== '').map(toRun));
      page.cleanup();
    }
    return pages;
  } finally {
    await task.destroy();
  }
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
