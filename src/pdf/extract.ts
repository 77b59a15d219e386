// Text out of a PDF, or a PdfError with the reason there is none. Create one extractor per process
// and reuse it: it starts pdf.js once (in reader processes, see worker.mjs) rather than once per
// document. The text format is described in layout.ts.

import { PdfError } from './errors.js';
import { createReaderPool, type Priority, type RenderedChart } from './reader-pool.js';

export interface ExtractorOptions {
  /** Larger files are refused unread. Default 20 MB. */
  maxBytes?: number;
  /** A document that takes longer is abandoned. Default 30 s. */
  timeoutMs?: number;
  /**
   * A document whose reading takes more memory is abandoned: the cap is on all the resident
   * memory of the process reading it, about 110 MB of which is pdf.js itself. Default 384 MB.
   */
  maxMemoryMb?: number;
  /** Documents read at the same time, each in its own process. Default 1. */
  threads?: number;
}

export interface PdfExtractor {
  /**
   * A lookup's document waits behind any alert's. `maxPages`: only the first pages are read (a
   * results announcement's figures are near its start; the rest of a 60-page PDF is not).
   */
  extract(data: Uint8Array, priority?: Priority, maxPages?: number): Promise<string>;
  /**
   * Renders a chart (chart/render.ts) in a reader process, whose memory (vega, resvg) is given
   * back when it ends, rather than kept by the bot.
   */
  renderChart(spec: Record<string, unknown>): Promise<RenderedChart>;
  /** Stops the threads; extractions still waiting fail. */
  close(): Promise<void>;
}

const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_MEMORY_MB = 384;

// The header may follow a little junk, and the end marker a little padding; readers allow 1 KB.
const SLACK_BYTES = 1024;

export function createPdfExtractor(options: ExtractorOptions = {}): PdfExtractor {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const pool = createReaderPool(options.threads ?? 1, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    memoryMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  });
  return {
    async extract(data, priority, maxPages) {
      checkPdfBytes(data, maxBytes);
      const text = await pool.read(data, priority, maxPages);
      if (text.replace(/\f/g, '').trim() === '')
        throw new PdfError('no_text', 'no text layer (a scanned image?)');
      return text;
    },
    renderChart: (spec) => pool.renderChart(spec),
    close: () => pool.close(),
  };
}

/** Refuses, before any parsing, what cannot be a complete PDF within the size cap. */
function checkPdfBytes(data: Uint8Array, maxBytes: number): void {
  if (data.length === 0) throw new PdfError('empty', 'empty file');
  if (data.length > maxBytes) {
    throw new PdfError(
      'too_large',
      `file too large (${megabytes(data.length)}; the limit is ${megabytes(maxBytes)})`,
    );
  }
  if (!latin1(data.subarray(0, SLACK_BYTES)).includes('%PDF-')) {
    throw new PdfError('not_pdf', 'not a PDF (no %PDF- header)');
  }
  // pdf.js rebuilds a file cut short and reads what is left: a partial announcement is worse than none.
  if (!latin1(data.subarray(-SLACK_BYTES)).includes('%%EOF')) {
    throw new PdfError('corrupt', 'truncated PDF (no %%EOF end marker)');
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
