import type { PreviousAlert } from '../alerts.js';
import type { FigureReport } from '../estimate.js';
import type { FilingRecord } from '../store/types.js';
import { alertMessage, type FiledEstimate, revisionMessage, threadMessage } from './blocks.js';
import type { SlackMessage } from './limits.js';

// What one alert says, whichever sink carries it: the message and the details for its thread.

export interface AlertContent {
  alert: SlackMessage;
  thread: SlackMessage;
}

/** A record as messages render it, with the cross-check and any users' reports on its figures. */
export function filedEstimate(record: FilingRecord, reports: readonly FigureReport[] = []): FiledEstimate {
  if (!record.estimate) throw new Error(`filing ${record.filing.id} has no parsed estimate to alert on`);
  return { filing: record.filing, estimate: record.estimate, twin: record.twin ?? null, reports };
}

export function alertContent(record: FilingRecord, previous?: PreviousAlert): AlertContent {
  const item = filedEstimate(record);
  return {
    alert: previous ? revisionMessage(item, filedEstimate(previous.record)) : alertMessage(item),
    thread: threadMessage(item),
  };
}
