import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PdfError, type PdfFailure } from '../../src/pdf/errors.js';
import { createPdfExtractor } from '../../src/pdf/extract.js';

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

  it('fails extractions after close', async () => {
    const closed = createPdfExtractor();
    await closed.close();
    await expect(closed.extract(fixture('en-ppa-not-less-than-50pct.pdf'))).rejects.toThrow(/closed/);
  });
});
