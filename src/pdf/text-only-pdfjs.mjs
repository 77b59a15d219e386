// pdf.js's worker half, changed to skip what only rendering needs. For text, pdf.js needs each
// font's ToUnicode map and widths, which the PDF's dictionaries give; yet it also parses every
// embedded font program and converts it into an OpenType font for a canvas (61% of its time on
// the fixtures, and most of its garbage). One change to the `Font` constructor returns early,
// before the font program is read, when nothing in it can change the text: the font has its own
// ToUnicode map, or is composite with an identity one. Other fonts (a Type 1 font whose built-in
// encoding names its glyphs, say) are read in full as before.
//
// Measured over the 199 fixture PDFs and 24 others (Type 1 TeX fonts without ToUnicode, TrueType
// and CID fonts re-rendered by cairo): the same runs, to 0.01 of a point, as unchanged pdf.js;
// 5.8 ms per PDF against 31 ms (BENCHMARKS.md). pdfjs-dist is pinned to the exact version this
// was written against; a version without the line changed is refused (PatchError), and the
// reader falls back to pdf.js unchanged.
//
// Plain JavaScript: it runs in the PDF reader process (worker.mjs), which loads no TypeScript.

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const AT = '    if (!file || file.isEmpty) {\n';
const TEXT_ONLY =
  '    if (file && !file.isEmpty && (properties.hasIncludedToUnicodeMap ||' +
  ' properties.composite && properties.toUnicode instanceof IdentityToUnicodeMap)) {\n' +
  '      amendFallbackToUnicode(properties);\n' +
  '      return;\n' +
  '    }\n';

export class PatchError extends Error {}

/** The worker half's source with the change; a PatchError if the line is not there exactly once. */
export function textOnlySource(source) {
  const found = source.split(AT).length - 1;
  if (found !== 1)
    throw new PatchError(`pdf.worker.mjs: the Font constructor's font-file check found ${found} times`);
  return source.replace(AT, TEXT_ONLY + AT);
}

/**
 * The changed worker half as a module. Written to a directory of this process's own (a shared,
 * predictable name in /tmp could be planted by another user) and removed once imported.
 */
export async function importTextOnlyWorker() {
  const path = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const source = textOnlySource(readFileSync(path, 'utf8'));
  const dir = await mkdtemp(join(tmpdir(), 'estimate-bot-pdfjs-'));
  try {
    const file = join(dir, 'pdf.worker.text-only.mjs');
    await writeFile(file, source, { mode: 0o600 });
    return await import(pathToFileURL(file).href);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
