import type { PreviousAlert } from '../alerts.js';
import type { FigureReport } from '../estimate.js';
import type { Landing } from '../settle/landing.js';
import type { FilingRecord } from '../store/types.js';
import { alertMessage, type FiledEstimate, revisionMessage, threadMessage } from './blocks.js';
import { landingMessage, missed } from './landing.js';
import type { SlackMessage } from './limits.js';

// What one alert says, whichever sink carries it: the message and the details for its thread;
// for results, the reply in the settled estimate's thread.

export interface AlertContent {
  alert: SlackMessage;
  /** The details posted under the alert; none for a results reply. */
  thread: SlackMessage | null;
  /** A reply in an earlier alert's thread is also sent to the channel: a revision, a missed estimate. */
  broadcast: boolean;
}

/**
 * A record as messages render it, with the cross-check, any users' reports on its figures and,
 * once results settled it, how it landed.
 */
export function filedEstimate(
  record: FilingRecord,
  reports: readonly FigureReport[] = [],
  landings?: readonly Landing[],
): FiledEstimate {
  if (!record.estimate) throw new Error(`filing ${record.filing.id} has no parsed estimate to alert on`);
  return {
    filing: record.filing,
    estimate: record.estimate,
    twin: record.twin ?? null,
    reports,
    ...(landings && { landings }),
  };
}

export function alertContent(record: FilingRecord, previous?: PreviousAlert): AlertContent {
  if (record.results) {
    const settled = previous?.record.estimate;
    if (!settled || !previous)
      throw new Error(`results ${record.filing.id} have no alerted estimate to reply to`);
    const all = record.landings ?? [];
    return {
      alert: landingMessage(
        { filing: record.filing, results: record.results },
        { filing: previous.record.filing, estimate: settled },
        all,
      ),
      thread: null,
      broadcast: missed(all[0]),
    };
  }
  const item = filedEstimate(record);
  return {
    alert: previous ? revisionMessage(item, filedEstimate(previous.record)) : alertMessage(item),
    thread: threadMessage(item),
    broadcast: previous !== undefined,
  };
}
