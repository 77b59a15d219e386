import { Writable } from 'node:stream';
import { createLogger, type Log } from '../../src/log.js';

/** A logger whose lines the test can read back. */
export function capturedLog(): { log: Log; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { log: createLogger('debug', stream), lines: () => out.map((l) => JSON.parse(l)) };
}
