import type { AlertSink } from '../alerts.js';
import { alertContent } from './alert-content.js';
import { failureMessage } from './blocks.js';
import { plainText } from './plain.js';

// Without a bot token the alerts go to the terminal, as the same content in plain text.

export interface TextOut {
  write(text: string): unknown;
}

export function createTerminalAlertSink(out: TextOut = process.stdout): AlertSink {
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
      return print(channel, thread ? `${body}\n${indent(plainText(thread))}` : body);
    },
    async postFailure(channel, record) {
      return print(channel, plainText(failureMessage(record.filing)));
    },
    async findAlert() {
      return null;
    },
  };
}
