import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PatchError, textOnlySource } from '../../src/pdf/text-only-pdfjs.mjs';

// The change to pdf.js's worker half must find its line in the pinned version; whether it keeps
// the text unchanged is what the corpus tests check, as every fixture PDF is read through it.

const installed = readFileSync(
  createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  'utf8',
);

describe('textOnlySource', () => {
  it('adds the early return before the font-file check of the installed pdf.js, once', () => {
    const changed = textOnlySource(installed);
    expect(changed.length).toBeGreaterThan(installed.length);
    expect(changed.split('amendFallbackToUnicode(properties);\n      return;').length).toBe(2);
  });

  it('refuses a pdf.js without the line it changes', () => {
    expect(() => textOnlySource('export class Font {}')).toThrow(PatchError);
  });

  it('refuses a pdf.js with the line twice, where it cannot tell which', () => {
    const twice = '    if (!file || file.isEmpty) {\n'.repeat(2);
    expect(() => textOnlySource(twice)).toThrow(/found 2 times/);
  });
});
