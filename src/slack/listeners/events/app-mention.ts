import type { SayArguments, types } from '@slack/bolt';
import { filedEstimate } from '../../alert-content.js';
import {
  driversMessage,
  evidenceMessage,
  figuresMessage,
  historyMessage,
  pdfMessage,
  textMessage,
} from '../../blocks.js';
import type { SlackMessage } from '../../limits.js';
import { SINGLE_WORKSPACE } from '../../targets.js';
import { threadFiling } from '../../thread-filing.js';
import type { ListenerDeps } from '../deps.js';

// A mention in an alert's thread asks about that filing: figures, evidence, drivers, history or pdf.

export interface AppMentionArgs {
  event: Pick<types.AppMentionEvent, 'text' | 'channel' | 'ts' | 'thread_ts'>;
  say: (message: SayArguments) => Promise<unknown>;
  /** The workspace the mention came from (the event's envelope). */
  body?: { team_id?: string };
}

export const MENTION_HELP =
  'In the thread of one of my alerts, mention me with *figures*, *evidence*, *drivers*, *history* or *pdf*. ' +
  'Anywhere, `/estimate CODE` gives the latest estimate for a stock.';

/** The first word after the mention(s), lower-cased. */
export function mentionWord(text: string): string {
  return (
    text
      .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
      .trim()
      .split(/\s+/)[0]
      ?.toLowerCase() ?? ''
  );
}

export function appMention({ store, lookup, log, targets = SINGLE_WORKSPACE }: ListenerDeps) {
  const reply = async (event: AppMentionArgs['event'], team: string | undefined): Promise<SlackMessage> => {
    const channel = targets.of(team, event.channel);
    const record = event.thread_ts ? threadFiling(store, channel, event.thread_ts) : undefined;
    if (!record) return textMessage(MENTION_HELP);
    const item = record.estimate ? filedEstimate(record, store.reports(record.filing.id)) : null;
    const code = record.filing.stockCodes[0];
    switch (mentionWord(event.text)) {
      case 'figures':
        return item ? figuresMessage(item) : textMessage('The figures in this filing could not be read.');
      case 'evidence':
      case 'source':
        return item ? evidenceMessage(item) : textMessage('The figures in this filing could not be read.');
      case 'drivers':
        return item ? driversMessage(item) : textMessage('The reasons in this filing could not be read.');
      case 'history':
        return code
          ? historyMessage(code, await lookup.history(code))
          : textMessage('This filing names no stock.');
      case 'pdf':
        return pdfMessage(record.filing);
      default:
        return textMessage(MENTION_HELP);
    }
  };

  return async ({ event, say, body }: AppMentionArgs): Promise<void> => {
    const thread_ts = event.thread_ts ?? event.ts;
    let message: SlackMessage;
    try {
      message = await reply(event, body?.team_id);
    } catch (err) {
      log.error({ err, channel: event.channel, threadTs: event.thread_ts }, 'answering a mention failed');
      message = textMessage('Sorry, I could not look that up just now. Please try again in a few minutes.');
    }
    await say({ ...message, thread_ts, unfurl_links: false, unfurl_media: false });
  };
}
