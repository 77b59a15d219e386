// Why a PDF gave no text, as a code a caller can branch on and a one-line reason a user can read.
// The reason names no file or filing: the caller knows which one it was and adds that.

const FAILURES = ['empty', 'too_large', 'not_pdf', 'corrupt', 'encrypted', 'no_text', 'timeout'] as const;
export type PdfFailure = (typeof FAILURES)[number];

export class PdfError extends Error {
  constructor(
    readonly code: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

/**
 * The failure the reader process reported: a PdfError of ours by its code, else what pdf.js
 * reported, by the error name it gives each kind.
 */
export function pdfjsFailure(name: string, message: string, code?: unknown): PdfError {
  if (name === 'PdfError' && FAILURES.includes(code as PdfFailure))
    return new PdfError(code as PdfFailure, message);
  if (name === 'PasswordException') return new PdfError('encrypted', 'encrypted PDF (needs a password)');
  return new PdfError('corrupt', `corrupt or truncated PDF (${oneLine(message)})`);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
