import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from '../errors.js';
import type { Log } from '../log.js';
import type { SeenEntry } from './compact.js';
import { CorruptStoreError } from './errors.js';
import { DurableFile, type StoreFs, syncDirectory } from './file.js';
import { filingsSchema } from './schema.js';
import type { FilingRecord } from './types.js';

// The filings on disk, one segment per month of release, in a directory beside the store file,
// so that a poll writes what changed and not the whole store (HKEXnews publishes over 100k
// documents a year, 1 in 50 of them an estimate):
//   - filings-YYYY-MM.json: that month's records kept in full, rewritten (atomically, see
//     file.ts) when one of them changes: recent months change, old ones are never written again;
//   - seen-YYYY-MM.jsonl: that month's compact entries, one JSON line each, only ever appended
//     to; a crash mid-append leaves a torn last line, which is cut off on the next load.
// A filing may be in both (made compact after its month's records were written, or the other
// way round): the full record wins. Pruning deletes whole months; entries of the month pruning
// has reached stay on disk until the month is, and are pruned again after a load.

export type MonthKey = string;

/** The UTC month a release instant falls in: "2026-11". */
export function monthOf(releasedAt: string): MonthKey {
  return releasedAt.slice(0, 7);
}

const SEGMENT = /^(filings|seen)-(\d{4}-\d{2})\.(json|jsonl)$/;
/** Lines parsed between yields, so that loading a large store never holds the event loop long. */
const LINES_PER_SLICE = 20_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SegmentData {
  filings: Record<string, FilingRecord>;
  seen: Map<string, SeenEntry>;
}

export class Segments {
  readonly #dir: string;
  readonly #fs: StoreFs;
  readonly #log: Log;
  readonly #recordFiles = new Map<MonthKey, DurableFile<Record<string, FilingRecord>>>();

  constructor(dir: string, log: Log, fs: StoreFs = fsp) {
    this.#dir = dir;
    this.#log = log;
    this.#fs = fs;
  }

  get dir(): string {
    return this.#dir;
  }

  /** Every segment's filings, oldest month first; a damaged records segment is moved aside. */
  async load(): Promise<SegmentData> {
    const data: SegmentData = { filings: {}, seen: new Map() };
    let names: string[];
    try {
      names = (await fsp.readdir(this.#dir)).filter((n) => SEGMENT.test(n)).sort(byMonth);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return data;
      throw e;
    }
    for (const name of names) {
      const [, kind, month] = SEGMENT.exec(name) as RegExpExecArray;
      if (kind === 'seen') await this.#loadSeen(name, data.seen);
      else Object.assign(data.filings, await this.#loadRecords(month as MonthKey, name));
      await yieldToLoop();
    }
    for (const id of Object.keys(data.filings)) data.seen.delete(id);
    return data;
  }

  /** Replaces a month's records (an empty month's file is deleted). */
  async writeRecords(month: MonthKey, records: Record<string, FilingRecord>): Promise<void> {
    await this.#ensureDir();
    if (Object.keys(records).length === 0) {
      await this.#unlink(`filings-${month}.json`);
      return;
    }
    await this.#recordFile(month).write(records);
  }

  /** Appends compact entries to their months' logs and syncs them. */
  async appendSeen(entries: readonly SeenEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#ensureDir();
    const byMonthKey = new Map<MonthKey, string[]>();
    for (const entry of entries) {
      const month = monthOf(entry[1]);
      const lines = byMonthKey.get(month) ?? [];
      lines.push(JSON.stringify(entry));
      byMonthKey.set(month, lines);
    }
    let created = false;
    for (const [month, lines] of byMonthKey) {
      const path = join(this.#dir, `seen-${month}.jsonl`);
      const file = await this.#fs.open(path, 'a');
      try {
        created ||= (await file.stat()).size === 0;
        await file.writeFile(`${lines.join('\n')}\n`, 'utf8');
        await file.sync();
      } finally {
        await file.close();
      }
    }
    // A new file's name is in the directory only once the directory is synced.
    if (created) await syncDirectory(this.#fs, this.#dir);
  }

  /** Replaces every month's compact entries: a migration's one-off write. */
  async replaceSeen(entries: Iterable<SeenEntry>): Promise<void> {
    await this.#ensureDir();
    const byMonthKey = new Map<MonthKey, SeenEntry[]>();
    for (const entry of entries) {
      const month = monthOf(entry[1]);
      byMonthKey.set(month, [...(byMonthKey.get(month) ?? []), entry]);
    }
    for (const [month, list] of byMonthKey) {
      const file = new DurableFile<SeenEntry[]>(join(this.#dir, `seen-${month}.jsonl`), seenCodec, this.#fs);
      await file.write(list);
    }
  }

  /** Deletes the segments of months before `month`. */
  async dropBefore(month: MonthKey): Promise<void> {
    let names: string[];
    try {
      names = await fsp.readdir(this.#dir);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return;
      throw e;
    }
    const old = names.filter((n) => {
      const m = SEGMENT.exec(n);
      return m !== null && (m[2] as string) < month;
    });
    for (const name of old) await this.#unlink(name);
    for (const old of [...this.#recordFiles.keys()].filter((m) => m < month)) this.#recordFiles.delete(old);
  }

  async #loadSeen(name: string, seen: Map<string, SeenEntry>): Promise<void> {
    const path = join(this.#dir, name);
    const text = await this.#fs.readFile(path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      // An append cut short by a crash: its entries are appended again by the next poll.
      this.#log.warn({ path }, 'store segment ends with a torn line; cutting it off');
      await fsp.truncate(path, Buffer.byteLength(text.slice(0, end)));
    }
    const lines = text.slice(0, end).split('\n');
    lines.pop();
    for (let from = 0; from < lines.length; from += LINES_PER_SLICE) {
      const slice = lines.slice(from, from + LINES_PER_SLICE);
      let entries: unknown;
      try {
        entries = JSON.parse(`[${slice.join(',')}]`);
      } catch {
        entries = slice.flatMap((line) => parsedLine(line, path, this.#log));
      }
      for (const entry of entries as SeenEntry[]) if (isSeenEntry(entry)) seen.set(entry[0], entry);
      if (from + LINES_PER_SLICE < lines.length) await yieldToLoop();
    }
  }

  async #loadRecords(month: MonthKey, name: string): Promise<Record<string, FilingRecord>> {
    try {
      return (await this.#recordFile(month).read()) ?? {};
    } catch (e) {
      if (!(e instanceof CorruptStoreError)) throw e;
      const path = join(this.#dir, name);
      const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await this.#fs.rename(path, aside);
      this.#log.error(
        { path, movedTo: aside, reason: e.message },
        "store segment is damaged: moved aside; that month's estimates are forgotten",
      );
      return {};
    }
  }

  #recordFile(month: MonthKey): DurableFile<Record<string, FilingRecord>> {
    let file = this.#recordFiles.get(month);
    if (!file) {
      file = new DurableFile(join(this.#dir, `filings-${month}.json`), recordsCodec, this.#fs);
      this.#recordFiles.set(month, file);
    }
    return file;
  }

  async #ensureDir(): Promise<void> {
    await fsp.mkdir(this.#dir, { recursive: true });
  }

  async #unlink(name: string): Promise<void> {
    await this.#fs.unlink(join(this.#dir, name)).catch((e: unknown) => {
      if (errorCode(e) !== 'ENOENT') throw e;
    });
  }
}

function byMonth(a: string, b: string): number {
  // Month first, then records before compact entries of the same month.
  const ma = SEGMENT.exec(a) as RegExpExecArray;
  const mb = SEGMENT.exec(b) as RegExpExecArray;
  return (ma[2] as string).localeCompare(mb[2] as string) || (ma[1] as string).localeCompare(mb[1] as string);
}

function isSeenEntry(value: unknown): value is SeenEntry {
  return (
    Array.isArray(value) &&
    (value.length === 2 || value.length === 3) &&
    value.every((v) => typeof v === 'string' && v !== '') &&
    !Number.isNaN(Date.parse(value[1] as string))
  );
}

function parsedLine(line: string, path: string, log: Log): unknown[] {
  try {
    return [JSON.parse(line)];
  } catch {
    log.warn({ path, line: line.slice(0, 80) }, 'store segment has an unreadable line; skipping it');
    return [];
  }
}

const recordsCodec = {
  parse(text: string): Record<string, FilingRecord> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new CorruptStoreError(`not valid JSON (${(e as Error).message})`);
    }
    const checked = filingsSchema.safeParse(raw);
    if (!checked.success)
      throw new CorruptStoreError(`unexpected shape: ${checked.error.issues[0]?.message}`);
    // The check covers only what the bot relies on; the records themselves are kept whole.
    return raw as Record<string, FilingRecord>;
  },
  stringify: (records: Record<string, FilingRecord>) => JSON.stringify(records),
};

const seenCodec = {
  parse: (text: string) => text.split('\n').flatMap((l) => (l ? [JSON.parse(l) as SeenEntry] : [])),
  stringify: (entries: SeenEntry[]) => entries.map((e) => `${JSON.stringify(e)}\n`).join(''),
};
