// `parse FILE...`: one JSON line per readable file on stdout (the file, then the Estimate), one
// "estimate-bot: FILE: reason" line per unreadable one on stderr. Files are read a few at a time
// but reported in the order given.

import type { Estimate } from '../estimate.js';
import { FileError } from './read-announcement.js';

export interface ParseDeps {
  read(path: string): Promise<string>;
  parse(text: string): Estimate;
  out(line: string): void;
  err(line: string): void;
  /** Files in flight at once. */
  concurrency: number;
}

type Outcome = { file: string; estimate: Estimate } | { file: string; reason: string };

/** Returns the exit code: 1 if any file could not be read, else 0. */
export async function parseFiles(files: readonly string[], deps: ParseDeps): Promise<number> {
  let failed = false;
  for await (const outcome of inOrder(files, deps.concurrency, (file) => parseOne(file, deps))) {
    if ('estimate' in outcome) {
      deps.out(JSON.stringify({ file: outcome.file, ...outcome.estimate }));
    } else {
      failed = true;
      deps.err(`estimate-bot: ${outcome.file}: ${outcome.reason}`);
    }
  }
  return failed ? 1 : 0;
}

async function parseOne(file: string, deps: ParseDeps): Promise<Outcome> {
  try {
    return { file, estimate: deps.parse(await deps.read(file)) };
  } catch (error) {
    // Anything but a FileError is a bug: still one line, but say so rather than blame the file.
    const reason = error instanceof FileError ? error.message : `internal error: ${String(error)}`;
    return { file, reason };
  }
}

/** fn over items with at most `limit` running, yielding results in input order. fn must not reject. */
async function* inOrder<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && running.length < Math.max(1, limit)) running.push(fn(items[next++] as T));
  };
  fill();
  for (let head = running.shift(); head; head = running.shift()) {
    const result = await head;
    fill();
    yield result;
  }
}
