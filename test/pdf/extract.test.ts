import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfError, type PdfFailure } from '../../src/pdf/errors.js';
import { createPdfExtractor } from '../../src/pdf/extract.js';
import { deflateBombPdf, manyRunsPdf } from './hostile-pdfs.js';

const fixture = (path: string) => new Uint8Array(readFileSync(`test/fixtures/pdf/${path}`));
const extractor = createPdfExtractor();
afterAll(() => extractor.close());

async function failure(promise: Promise<unknown>): Promise<PdfError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof PdfError)) throw new Error(`expected a PdfError, got ${String(error)}`);
  return error;
}

describe('extract', () => {
  it('keeps rows, paragraph breaks and table cells of a generated filing', async () => {
    const text = await extractor.extract(fixture('zh-ah-annual-2022-tab.pdf'));
    expect(text).toContain('項目\t本報告期\t上年同期\n');
    expect(text).toContain('\n\t比上年同期增長：52%–74%\n');
    expect(text).toContain('（股份代號：06693）\n\n2022年度業績預告\n\n');
    expect(text).not.toMatch(/\n\n\n/);
  });

  it('ends every page with its footer and a form feed', async () => {
    const text = await extractor.extract(fixture('en-inside-info-pw-interim-rmb-page-break.pdf'));
    expect(text).toContain(
      'impairment of trade receivables of approximately\n\n– 1 –\n\f\nJINGHU ENVIRONMENTAL',
    );
    expect(text.endsWith('\n\n– 2 –\n\f')).toBe(true);
  });

  const bad: [string, PdfFailure, RegExp][] = [
    ['empty.pdf', 'empty', /^empty file$/],
    ['junk.pdf', 'not_pdf', /^not a PDF/],
    ['not-a-pdf.pdf', 'not_pdf', /^not a PDF/],
    ['truncated.pdf', 'corrupt', /^truncated PDF/],
    ['encrypted.pdf', 'encrypted', /^encrypted PDF/],
    ['scanned.pdf', 'no_text', /^no text layer/],
  ];
  it.each(bad)('refuses bad/%s as %s with a one-line reason', async (file, code, reason) => {
    const error = await failure(extractor.extract(fixture(`bad/${file}`)));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('\n');
  });

  it('reports a PDF whose structure pdf.js cannot read as corrupt', async () => {
    const broken = new TextEncoder().encode(
      '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n%%EOF\n',
    );
    const error = await failure(extractor.extract(broken));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(/^corrupt or truncated PDF \(.+\)$/);
  });

  it('leaves the caller’s bytes intact', async () => {
    const data = fixture('en-ppa-not-less-than-50pct.pdf');
    const copy = data.slice();
    await extractor.extract(data);
    expect(data).toEqual(copy);
  });
});

describe('limits', () => {
  it('refuses a file over the size cap before reading it', async () => {
    const small = createPdfExtractor({ maxBytes: 1000 });
    const error = await failure(small.extract(fixture('en-ppa-not-less-than-50pct.pdf')));
    await small.close();
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/^file too large \(\d+\.\d MB; the limit is 0\.0 MB\)$/);
  });

  it('caps at 20 MB by default', async () => {
    const huge = new Uint8Array(20 * 1024 * 1024 + 1);
    const error = await failure(extractor.extract(huge));
    expect(error.message).toBe('file too large (20.0 MB; the limit is 20.0 MB)');
  });

  it('gives up on a document that overruns the time cap, then reads the next one', async () => {
    // 1 ms is shorter than any read: starting the thread alone takes longer.
    const hasty = createPdfExtractor({ timeoutMs: 1 });
    const error = await failure(hasty.extract(fixture('en-ppa-not-less-than-50pct.pdf')));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('gave up reading the PDF after 0.001 s');
    await hasty.close();

    const patient = createPdfExtractor({ timeoutMs: 10_000 });
    await expect(patient.extract(fixture('en-ppa-not-less-than-50pct.pdf'))).resolves.toContain(
      'POSITIVE PROFIT ALERT',
    );
    await patient.close();
  });

  it('fails an extraction in progress when closed', async () => {
    const closing = createPdfExtractor();
    const reading = closing.extract(fixture('en-ppa-not-less-than-50pct.pdf'));
    await closing.close();
    await expect(reading).rejects.toThrow('the PDF reader was closed');
  });

  it('fails extractions after close', async () => {
    const closed = createPdfExtractor();
    await closed.close();
    await expect(closed.extract(fixture('en-ppa-not-less-than-50pct.pdf'))).rejects.toThrow(/closed/);
  });
});

/** The longest the event loop went without running a 10 ms interval while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = () => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  };
  const timer = setInterval(tick, 10);
  try {
    const result = await work();
    // A stall at the very end shows in the next tick.
    await new Promise((resolve) => setTimeout(resolve, 30));
    tick();
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

/** Linux: the peak resident memory (MB) of this process's children, sampled until stop(). */
function watchChildrenPeakMb(): { stop(): number } {
  const peaks = new Map<string, number>();
  const sample = () => {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid !== process.pid) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        if (hwm) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, Number(hwm[1]) / 1024));
      } catch {
        // The process ended between listing and reading.
      }
    }
  };
  const timer = setInterval(sample, 2);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(0, ...peaks.values());
    },
  };
}

describe('hostile PDFs (issue 12)', () => {
  it('refuses a page of 40,000 text runs within the time cap, the event loop free meanwhile', async () => {
    const data = await manyRunsPdf(40_000);
    const capped = createPdfExtractor({ timeoutMs: 10_000 });
    try {
      const started = performance.now();
      const { result: error, stallMs } = await longestStall(() => failure(capped.extract(data)));
      expect(error.code).toBe('too_large');
      expect(error.message).toBe('page 1 has more than 20,000 text runs');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(stallMs).toBeLessThan(200);
      // The reader is still good for the next document.
      await expect(capped.extract(fixture('en-ppa-not-less-than-50pct.pdf'))).resolves.toContain(
        'POSITIVE PROFIT ALERT',
      );
    } finally {
      await capped.close();
    }
  });

  it('refuses a small PDF that decodes to 500 MB without taking the memory, then reads the next one', {
    timeout: 60_000,
  }, async () => {
    const data = await deflateBombPdf(500);
    expect(data.length).toBeLessThan(1024 * 1024);
    const reader = createPdfExtractor();
    try {
      const before = process.memoryUsage.rss();
      let selfPeak = before;
      const selfTimer = setInterval(() => {
        selfPeak = Math.max(selfPeak, process.memoryUsage.rss());
      }, 2);
      const children = existsSync('/proc/self/status') ? watchChildrenPeakMb() : undefined;
      const error = await failure(reader.extract(data));
      clearInterval(selfTimer);
      const childPeakMb = children?.stop() ?? 0;

      expect(error.code).toBe('too_large');
      expect(error.message).toBe('too large to read (it needs more than 384 MB of memory)');
      // This process took next to none of it, and the reader process (where /proc shows it) was
      // killed at its cap: reading it cost well under 600 MB in all (pdf.js and the document's
      // 500 MB in the reader thread of this process took 1.1 GB before).
      const selfGrowthMb = (selfPeak - before) / 1024 / 1024;
      expect(selfGrowthMb).toBeLessThan(100);
      if (children) expect(childPeakMb).toBeGreaterThan(300); // it did see the reader fill up
      expect(childPeakMb).toBeLessThan(450);
      expect(selfGrowthMb + childPeakMb).toBeLessThan(600);

      await expect(reader.extract(fixture('en-ppa-not-less-than-50pct.pdf'))).resolves.toContain(
        'POSITIVE PROFIT ALERT',
      );
    } finally {
      await reader.close();
    }
  });
});
