// `reports`: every figure report users have made, as JSON Lines, oldest first, ready to become
// parser fixtures. Reads the store file without opening it for writing, so it is safe beside a
// running bot and never moves a damaged file aside.

import { readFile } from 'node:fs/promises';
import { errorCode } from '../errors.js';
import type { FigureReport } from '../estimate.js';
import { decodeStore } from '../store/codec.js';

export interface ReportsDeps {
  out(line: string): void;
  err(line: string): void;
}

/** Returns the exit code: 1 when the store cannot be read, else 0 (no reports is no error). */
export async function printReports(path: string, deps: ReportsDeps): Promise<number> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    deps.err(
      `estimate-bot: ${path}: ${code === 'ENOENT' ? 'no store file (has the bot run yet? set DB_PATH)' : `cannot read (${code})`}`,
    );
    return 1;
  }
  let reports: FigureReport[];
  try {
    const file = decodeStore(text, path);
    reports = ('head' in file ? file.head : file.whole).reports;
  } catch (error) {
    deps.err(`estimate-bot: ${path}: ${(error as Error).message}`);
    return 1;
  }
  for (const report of reports) deps.out(JSON.stringify(report));
  return 0;
}
