import type { RespondArguments, webApi } from '@slack/bolt';
import { ephemeralText } from '../../ephemeral.js';
import { reportModal } from '../../report-modal.js';
import type { ListenerDeps } from '../deps.js';

// The "Report a wrong figure" button on an alert or an /estimate answer: opens the report modal
// for that filing. The modal must open within the trigger's 3 seconds, so nothing slow runs first.

export interface ReportFigureArgs {
  ack: () => Promise<void>;
  action: { value?: string };
  body: { trigger_id: string; user: { id: string }; channel?: { id: string } };
  client: { views: Pick<webApi.WebClient['views'], 'open'> };
  respond: (message: RespondArguments) => Promise<unknown>;
}

export function reportFigure({ lookup, log }: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ReportFigureArgs): Promise<void> => {
    await ack();
    const item = action.value ? lookup.find(action.value) : undefined;
    if (!item) {
      await respond(
        ephemeralText('That estimate is no longer at hand; run `/estimate CODE` again to report on it.'),
      );
      return;
    }
    const origin = { filingId: item.filing.id, channel: body.channel?.id ?? null };
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: reportModal(item, origin) });
    } catch (err) {
      log.error({ err, filingId: item.filing.id, user: body.user.id }, 'opening the report form failed');
      await respond(ephemeralText('Sorry, I could not open the report form. Please try again.'));
    }
  };
}
