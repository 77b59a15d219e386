import type { PreviousAlert } from '../alerts.js';
import type { FilingRecord } from '../store/types.js';
import { alertMessage, type FiledEstimate, revisionMessage, threadMessage } from './blocks.js';
import type { SlackMessage } from './limits.js';

// What one alert says, whichever sink carries it: the message and the details for its thread.

export interface AlertContent {
  alert: SlackMessage;
  thread: SlackMessage;
}

export function filedEstimate(record: FilingRecord): FiledEstimate {
  if (!record.estimate) throw new Error(`filing ${record.filing.id} has no parsed estimate to alert on`);
  return { filing: record.filing, estimate: record.estimate };
}

export function alertContent(record: FilingRecord, previous?: PreviousAlert): AlertContent {
  const item = filedEstimate(record);
  return {
    alert: previous ? revisionMessage(item, filedEstimate(previous.record)) : alertMessage(item),
    thread: threadMessage(item),
  };
}
