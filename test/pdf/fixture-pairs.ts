import { existsSync, readdirSync } from 'node:fs';

/** The fixtures of `txtDir` that also exist as a PDF in `pdfDir`, by name (no extension). */
export function fixturesWithPdf(txtDir: string, pdfDir: string): string[] {
  return readdirSync(txtDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -'.txt'.length))
    .filter((name) => existsSync(`${pdfDir}/${name}.pdf`));
}
