import { HkexError } from './errors.js';
import { type Http, readCapped } from './http.js';

// Downloading a filing's PDF: streamed under a size cap and a time cap, and checked to be a PDF,
// since HKEXnews (or a proxy before it) can answer 200 with an HTML error page.

export interface PdfLimits {
  maxBytes: number;
  /** For the whole download, from request to last byte. */
  timeoutMs: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 60_000 };

// The PDF header must appear within the first 1024 bytes (ISO 32000-1, 7.5.2).
const MAGIC = Buffer.from('%PDF-');
const MAGIC_WINDOW = 1024;

export async function downloadPdf(
  http: Http,
  url: string,
  limits: PdfLimits,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  // The time cap is the request's deadline: past it, the request or the body read fails with an
  // HkexError naming the URL and the cap. `signal`: the poll cycle's own deadline.
  const res = await http.open(url, { accept: 'application/pdf', deadlineMs: limits.timeoutMs, signal });
  const type = String(res.headers['content-type'] ?? '');
  if (/^\s*text\//i.test(type)) {
    await res.body.dump();
    throw new HkexError(`${url} served ${type.split(';')[0]} (HTTP ${res.statusCode}) instead of a PDF`, url);
  }
  const declared = Number(res.headers['content-length']);
  if (declared > limits.maxBytes) {
    // dump() drops a body declared longer than its limit without reading it.
    await res.body.dump({ limit: limits.maxBytes });
    throw new HkexError(`${url} is ${declared} bytes, over the ${limits.maxBytes}-byte cap`, url);
  }
  const bytes = await readCapped(res.body, limits.maxBytes, url);
  if (Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAGIC_WINDOW)).indexOf(MAGIC) < 0) {
    throw new HkexError(`${url} is not a PDF (no %PDF- header)`, url);
  }
  return bytes;
}
