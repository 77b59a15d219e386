import type { ViewResponseAction, webApi } from '@slack/bolt';
import type { FigureReport } from '../../../estimate.js';
import { readSubmission, reportLine } from '../../report-modal.js';
import { SINGLE_WORKSPACE } from '../../targets.js';
import type { ListenerDeps } from '../deps.js';

// A submitted report: kept in the store (so later replies mark the figure disputed and the CLI
// can list it), then said in the filing's alert threads for everyone reading them.

type Values = Parameters<typeof readSubmission>[0]['state']['values'];

export interface ReportSubmittedArgs {
  ack: (response?: ViewResponseAction) => Promise<void>;
  body: { user: { id: string; team_id?: string }; team?: { id: string } | null };
  view: { private_metadata?: string; state: { values: Values } };
  client: { chat: Pick<webApi.WebClient['chat'], 'postMessage' | 'postEphemeral'> };
}

export function reportSubmitted({ store, lookup, log, targets = SINGLE_WORKSPACE }: ListenerDeps) {
  return async ({ ack, body, view, client }: ReportSubmittedArgs): Promise<void> => {
    const submission = readSubmission(view);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    await ack();
    const { origin, field, value, note } = submission;
    const report: FigureReport = {
      filingId: origin.filingId,
      field,
      value,
      note,
      user: body.user.id,
      at: new Date().toISOString(),
    };
    store.addReport(report);
    try {
      await store.flush();
    } catch (err) {
      // Kept in memory and written with the next flush; the thread still hears of it now.
      log.error({ err, filingId: origin.filingId }, 'could not write a report to the store yet');
    }
    log.info({ filingId: origin.filingId, field, user: report.user }, 'figure reported');
    const line = reportLine(report, lookup.find(origin.filingId)?.estimate.metrics ?? []);
    // Only this workspace's threads: the client speaks for this workspace alone.
    const team = body.team?.id ?? body.user.team_id;
    const threads = (store.get(origin.filingId)?.alerts ?? []).filter((a) => targets.inTeam(a.channel, team));
    for (const alert of threads) {
      try {
        await client.chat.postMessage({
          channel: targets.channel(alert.channel),
          thread_ts: alert.ts,
          text: line,
          unfurl_links: false,
          unfurl_media: false,
        });
      } catch (err) {
        log.error(
          { err, filingId: origin.filingId, channel: alert.channel },
          'could not post a report in its thread',
        );
      }
    }
    if (threads.length === 0 && origin.channel !== null) {
      // Looked up with /estimate and never alerted: no thread to say it in, so tell the reporter.
      await client.chat
        .postEphemeral({ channel: origin.channel, user: report.user, text: `Thanks, recorded. ${line}` })
        .catch((err: unknown) => log.warn({ err, channel: origin.channel }, 'could not confirm a report'));
    }
  };
}
