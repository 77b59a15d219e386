import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from '../errors.js';
import type { Log } from '../log.js';
import type { SeenEntry } from './compact.js';
import { DurableFile, type StoreFs, syncDirectory } from './file.js';
import { filingsSchema } from './schema.js';
import type { FilingRecord } from './types.js';

// The filings on disk: a log per month of release, in a directory beside the store file, so that
// a poll writes what changed and not the whole store (HKEXnews publishes over 100k documents a
// year). Each line of `YYYY-MM.jsonl` is a filing as it was when written: a full record (an
// object) or a compact entry (an array, see compact.ts). Lines are only ever appended, so a
// later line for a filing replaces earlier ones; a crash mid-append leaves a torn last line,
// which the next load cuts off (the next poll writes it again). A month whose log holds more
// replaced lines than current ones is rewritten on load, which bounds the logs' growth. Pruning
// deletes whole months; filings of the month pruning has reached stay on disk until the whole
// month goes, and are pruned again after a load.

export type MonthKey = string;

/** A filing as a line of its month's log. */
export type SegmentLine = FilingRecord | SeenEntry;

/** The UTC month a release instant falls in: "2026-11". */
export function monthOf(releasedAt: string): MonthKey {
  return releasedAt.slice(0, 7);
}

const LOG = /^(\d{4}-\d{2})\.jsonl$/;
/** Lines parsed or encoded between yields, so that a large store never holds the event loop long. */
const LINES_PER_SLICE = 5_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SegmentData {
  filings: Record<string, FilingRecord>;
  seen: Map<string, SeenEntry>;
}

const releaseOf = (line: SegmentLine): string => (Array.isArray(line) ? line[1] : line.filing.releasedAt);
/** Lines grouped by the month of their release. */
function byMonth(lines: readonly SegmentLine[]): Map<MonthKey, SegmentLine[]> {
  const months = new Map<MonthKey, SegmentLine[]>();
  for (const line of lines) {
    const month = monthOf(releaseOf(line));
    const monthLines = months.get(month) ?? [];
    monthLines.push(line);
    months.set(month, monthLines);
  }
  return months;
}

const idOf = (line: SegmentLine): string => (Array.isArray(line) ? line[0] : line.filing.id);

export class Segments {
  readonly dir: string;
  readonly #fs: StoreFs;
  readonly #log: Log;

  constructor(dir: string, log: Log, fs: StoreFs = fsp) {
    this.dir = dir;
    this.#log = log;
    this.#fs = fs;
  }

  /**
   * Every month's filings as last written; a month's damaged lines are skipped and logged.
   * `readOnly`: nothing is repaired or rewritten (a reader beside the running bot).
   */
  async load({ readOnly = false } = {}): Promise<SegmentData> {
    const data: SegmentData = { filings: {}, seen: new Map() };
    for (const month of await this.#months()) {
      const { live, lines } = await this.#loadMonth(month, readOnly);
      for (const line of live.values()) {
        if (Array.isArray(line)) data.seen.set(line[0], line);
        else data.filings[line.filing.id] = line;
      }
      if (!readOnly && lines > 2 * live.size) await this.replace(month, [...live.values()]);
      await yieldToLoop();
    }
    return data;
  }

  /** Appends lines to their months' logs and syncs them. */
  async append(lines: readonly SegmentLine[]): Promise<void> {
    if (lines.length === 0) return;
    await fsp.mkdir(this.dir, { recursive: true });
    let created = false;
    for (const [month, monthLines] of byMonth(lines)) {
      const text = await encodeLines(monthLines);
      const file = await this.#fs.open(this.#path(month), 'a');
      try {
        created ||= (await file.stat()).size === 0;
        await file.writeFile(text, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
    }
    // A new file's name is on disk only once its directory is synced.
    if (created) await syncDirectory(this.#fs, this.dir);
  }

  /** Replaces the logs of the lines' months with them, each atomically (a migration). */
  async replaceAll(lines: readonly SegmentLine[]): Promise<void> {
    for (const [month, monthLines] of byMonth(lines)) await this.replace(month, monthLines);
  }

  /** Replaces a month's log with these lines, atomically (a migration, or a log compacted). */
  async replace(month: MonthKey, lines: readonly SegmentLine[]): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true });
    const text = await encodeLines(lines);
    await new DurableFile<string>(this.#path(month), { parse: String, stringify: String }, this.#fs).write(
      text,
    );
  }

  /** Deletes the logs of months before `month`. */
  async dropBefore(month: MonthKey): Promise<void> {
    for (const old of (await this.#months()).filter((m) => m < month)) {
      await this.#fs.unlink(this.#path(old)).catch((e: unknown) => {
        if (errorCode(e) !== 'ENOENT') throw e;
      });
    }
  }

  #path(month: MonthKey): string {
    return join(this.dir, `${month}.jsonl`);
  }

  async #months(): Promise<MonthKey[]> {
    try {
      return (await fsp.readdir(this.dir)).flatMap((name) => LOG.exec(name)?.[1] ?? []).sort();
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return [];
      throw e;
    }
  }

  /** The month's filings, each as its last line says, and how many lines the log has. */
  async #loadMonth(
    month: MonthKey,
    readOnly: boolean,
  ): Promise<{ live: Map<string, SegmentLine>; lines: number }> {
    const path = this.#path(month);
    const text = await this.#fs.readFile(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length && !readOnly) {
      this.#log.warn({ path }, 'store segment ends with a line torn by a crash; cutting it off');
      await fsp.truncate(path, Buffer.byteLength(text.slice(0, end)));
    }
    const lines = text.slice(0, end).split('\n');
    lines.pop();
    const live = new Map<string, SegmentLine>();
    for (let from = 0; from < lines.length; from += LINES_PER_SLICE) {
      const slice = lines.slice(from, from + LINES_PER_SLICE);
      let parsed: unknown[];
      try {
        // One parse for the slice; a damaged line makes it fail, and then each line is parsed alone.
        parsed = JSON.parse(`[${slice.join(',')}]`);
      } catch {
        parsed = slice.map(parseLine);
      }
      for (const [i, value] of parsed.entries()) {
        const text = slice[i] ?? '';
        const line = checkedLine(value);
        if (line) {
          const id = idOf(line);
          // Re-inserted, so the map keeps the filings in the order of their last lines.
          live.delete(id);
          live.set(id, line);
        } else {
          this.#log.error(
            { path, line: from + i + 1, text: text.slice(0, 120) },
            'store segment has a damaged line; skipping it',
          );
        }
      }
      await yieldToLoop();
    }
    return { live, lines: lines.length };
  }
}

async function encodeLines(lines: readonly SegmentLine[]): Promise<string> {
  const parts: string[] = [];
  for (let from = 0; from < lines.length; from += LINES_PER_SLICE) {
    if (from > 0) await yieldToLoop();
    for (const line of lines.slice(from, from + LINES_PER_SLICE)) parts.push(`${JSON.stringify(line)}\n`);
  }
  return parts.join('');
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** An ISO instant as the store writes them (Date.parse on a million entries costs a second). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** The line as a filing, or null when it is neither a compact entry nor a record the bot can use. */
function checkedLine(value: unknown): SegmentLine | null {
  if (Array.isArray(value)) {
    const ok =
      (value.length === 2 || value.length === 3) &&
      value.every((v) => typeof v === 'string' && v !== '') &&
      INSTANT.test(value[1] as string);
    return ok ? (value as SeenEntry) : null;
  }
  const id = (value as { filing?: { id?: unknown } } | undefined)?.filing?.id;
  if (typeof id !== 'string') return null;
  // The check covers only what the bot relies on; the record itself is kept whole.
  return filingsSchema.safeParse({ [id]: value }).success ? (value as FilingRecord) : null;
}
