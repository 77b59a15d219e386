import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlertSink } from '../alerts.js';
import type { DigestSink } from '../digest/run.js';
import { errorMessage } from '../errors.js';
import type { FilingRecord } from '../store/types.js';
import { alertContent } from './alert-content.js';
import { failureMessage } from './blocks.js';
import type { AlertChart } from './chart.js';
import { digestMessage } from './digest-message.js';
import { plainText } from './plain.js';

// Without a bot token the alerts go to the terminal, as the same content in plain text.

export interface TextOut {
  write(text: string): unknown;
}

export interface TerminalCharts {
  /** Where the PNGs go (beside the store). */
  dir: string;
  make(record: FilingRecord): Promise<AlertChart | null>;
}

/** `charts`: each alert's chart is written as a PNG and its path printed. */
export function createTerminalAlertSink(
  out: TextOut = process.stdout,
  charts?: TerminalCharts,
): AlertSink & DigestSink {
  let count = 0;
  const print = (channel: string, body: string) => {
    count += 1;
    out.write(`\n[${channel}]\n${body}\n`);
    // A terminal has no message ids; a counter stands in for Slack's ts.
    return { channel, ts: String(count) };
  };
  const indent = (text: string) => text.replace(/^/gm, '  │ ');

  return {
    async postAlert(channel, record, previous) {
      const { alert, thread } = alertContent(record, previous);
      const body = plainText(alert);
      const ref = print(channel, thread ? `${body}\n${indent(plainText(thread))}` : body);
      if (thread && charts) {
        // The alert is out: a chart that cannot be made or written is said, not retried.
        try {
          const made = await charts.make(record);
          if (made) {
            await mkdir(charts.dir, { recursive: true });
            const path = join(charts.dir, made.filename);
            await writeFile(path, made.png);
            out.write(`${indent(`Chart: ${path}`)}\n`);
          }
        } catch (error) {
          out.write(`${indent(`Chart not written: ${errorMessage(error)}`)}\n`);
        }
      }
      return ref;
    },
    async postDigest(channel, digest) {
      return print(channel, plainText(digestMessage(digest)));
    },
    async postFailure(channel, record) {
      return print(channel, plainText(failureMessage(record.filing)));
    },
    async findAlert() {
      return null;
    },
  };
}
