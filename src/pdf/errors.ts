// Why a PDF gave no text, as a code a caller can branch on and a one-line reason a user can read.
// The reason names no file or filing: the caller knows which one it was and adds that.

export type PdfFailure = 'empty' | 'too_large' | 'not_pdf' | 'corrupt' | 'encrypted' | 'no_text' | 'timeout';

export class PdfError extends Error {
  constructor(
    readonly code: PdfFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

/** The failure pdf.js reported, by the error name it gives each kind. */
export function pdfjsFailure(name: string, message: string): PdfError {
  if (name === 'PasswordException') return new PdfError('encrypted', 'encrypted PDF (needs a password)');
  return new PdfError('corrupt', `corrupt or truncated PDF (${oneLine(message)})`);
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
