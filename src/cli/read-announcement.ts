// An announcement file's text: a PDF through the extractor, anything else as UTF-8 text. Every way
// a file can fail becomes a FileError with a one-line reason, ready to show next to the file name.

import { readFile } from 'node:fs/promises';
import { PdfError } from '../pdf/errors.js';
import type { PdfExtractor } from '../pdf/extract.js';

export class FileError extends Error {
  override name = 'FileError';
}

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readAnnouncement(path: string, pdf: PdfExtractor): Promise<string> {
  const data = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new FileError(FS_REASONS[error.code ?? ''] ?? `cannot read (${error.code ?? error.message})`);
  });
  if (isPdf(path, data)) {
    return pdf.extract(data).catch((error: unknown) => {
      throw error instanceof PdfError ? new FileError(error.message) : error;
    });
  }
  const text = decodeText(data);
  if (text.trim() === '') throw new FileError('empty file');
  return text;
}

// A .pdf that is not one should say so, and a PDF saved under another name should still be read.
function isPdf(path: string, data: Uint8Array): boolean {
  return (
    path.toLowerCase().endsWith('.pdf') || Buffer.from(data.subarray(0, 5)).toString('latin1') === '%PDF-'
  );
}

function decodeText(data: Uint8Array): string {
  try {
    return utf8.decode(data);
  } catch {
    throw new FileError('not UTF-8 text');
  }
}
