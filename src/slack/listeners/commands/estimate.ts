import type { RespondArguments, SlashCommand, webApi } from '@slack/bolt';
import { NO_FILTER } from '../../../channel-filter.js';
import { estimatesCsv, exportedEstimates } from '../../../export/estimates-csv.js';
import { estimateReply, historyMessage, textMessage } from '../../blocks.js';
import { type EstimateCommand, parseEstimateCommand, USAGE } from '../../estimate-args.js';
import { LookupError } from '../../estimate-lookup.js';
import { filterText } from '../../filter-text.js';
import type { SlackMessage } from '../../limits.js';
import { SINGLE_WORKSPACE } from '../../targets.js';
import { createUserLimit } from '../../user-limit.js';
import type { ListenerDeps } from '../deps.js';

// `/estimate`: acknowledged at once (Slack allows 3 s), answered through respond() after.

export interface EstimateCommandArgs {
  command: Pick<SlashCommand, 'text' | 'channel_id' | 'user_id'> & { team_id?: string };
  ack: () => Promise<void>;
  respond: (message: RespondArguments) => Promise<unknown>;
  /** Uploads an export's CSV to the channel (Bolt passes its WebClient). */
  client?: Pick<webApi.WebClient, 'filesUploadV2'>;
}

const ephemeral = (message: SlackMessage, replace = false): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: replace,
  ...message,
});

/** Lookups that may reach HKEXnews, per user per minute. */
const LOOKUPS_PER_MINUTE = 6;

export function estimateCommand({ store, lookup, log, targets = SINGLE_WORKSPACE }: ListenerDeps) {
  const limit = createUserLimit(LOOKUPS_PER_MINUTE, 60_000);
  const nothingFound = (code: string) =>
    textMessage(`No profit estimate found for ${code} in the last 12 months.`);

  const answer = async (
    cmd: EstimateCommand,
    channel: string,
    user: string,
    progress: (text: string) => Promise<void>,
    client: EstimateCommandArgs['client'],
  ): Promise<SlackMessage> => {
    if ((cmd.kind === 'latest' || cmd.kind === 'history') && !limit.take(user)) {
      return textMessage(
        `You have asked for ${LOOKUPS_PER_MINUTE} lookups in the last minute; please wait a moment and try again.`,
      );
    }
    switch (cmd.kind) {
      case 'latest': {
        const stored = lookup.stored(cmd.code);
        if (stored) return estimateReply(stored);
        await progress(`Searching HKEXnews for ${cmd.code}…`);
        const found = await lookup.search(cmd.code);
        return found ? estimateReply(found) : nothingFound(cmd.code);
      }
      case 'history': {
        const items = await lookup.history(cmd.code);
        return items.length > 0 ? historyMessage(cmd.code, items) : nothingFound(cmd.code);
      }
      case 'watch':
        store.watch(channel, cmd.code);
        await store.flush();
        return textMessage(`Watching ${cmd.code}: its new estimates will be posted in this channel.`);
      case 'unwatch': {
        const removed = store.unwatch(channel, cmd.code);
        await store.flush();
        return textMessage(
          removed
            ? `Stopped watching ${cmd.code} in this channel.`
            : `${cmd.code} is not on this channel's watchlist.`,
        );
      }
      case 'subscribe': {
        const added = store.subscribe(channel);
        await store.flush();
        return textMessage(
          added
            ? 'Subscribed: every new profit estimate will be posted in this channel (see `/estimate filter` to narrow it).'
            : 'This channel is already subscribed.',
        );
      }
      case 'unsubscribe': {
        const removed = store.unsubscribe(channel);
        await store.flush();
        return textMessage(
          removed
            ? 'Unsubscribed: only the stocks on its watchlist are posted here now.'
            : 'This channel is not subscribed.',
        );
      }
      case 'watchlist': {
        const codes = store.watchlist(channel);
        return textMessage(
          codes.length > 0
            ? `This channel watches ${codes.join(', ')}.`
            : 'This channel watches no stocks yet.',
        );
      }
      case 'filter': {
        if (cmd.clear) store.setFilter(channel, null);
        else if (cmd.set) store.setFilter(channel, { ...(store.filter(channel) ?? NO_FILTER), ...cmd.set });
        if (cmd.clear || cmd.set) await store.flush();
        return textMessage(filterText(store.filter(channel)));
      }
      case 'export': {
        const items = exportedEstimates(store, cmd.from, cmd.to);
        if (items.length === 0) return textMessage(`No estimates were filed from ${cmd.from} to ${cmd.to}.`);
        if (!client)
          return textMessage('Exports are uploaded in Slack only; use `npm run -s cli -- export` here.');
        await client.filesUploadV2({
          channel_id: targets.channel(channel),
          filename: `estimates-${cmd.from}-to-${cmd.to}.csv`,
          title: `Estimates filed from ${cmd.from} to ${cmd.to}`,
          content: estimatesCsv(items),
          initial_comment: `${items.length} estimate(s) filed from ${cmd.from} to ${cmd.to}, one row per figure.`,
        });
        return textMessage(`Uploaded ${items.length} estimate(s) to this channel as CSV.`);
      }
      case 'help':
        return textMessage(USAGE);
      case 'usage':
        return textMessage(`Try one of these:\n${USAGE}`);
    }
  };

  return async ({ command, ack, respond, client }: EstimateCommandArgs): Promise<void> => {
    await ack();
    const cmd = parseEstimateCommand(command.text);
    let replace = false;
    const progress = async (text: string) => {
      await respond(ephemeral(textMessage(text)));
      replace = true;
    };
    try {
      await respond(
        ephemeral(
          await answer(
            cmd,
            targets.of(command.team_id, command.channel_id),
            command.user_id,
            progress,
            client,
          ),
          replace,
        ),
      );
    } catch (err) {
      const context = { text: command.text, channel: command.channel_id };
      if (err instanceof LookupError && err.unknownStock) {
        // A mistyped code is the asker's input, not a fault worth an error line.
        log.info({ ...context, code: err.code }, '/estimate asked for a stock HKEXnews does not list');
        await respond(ephemeral(textMessage(`HKEXnews lists no stock ${err.code}.`), replace));
        return;
      }
      log.error({ err, ...context }, '/estimate failed');
      const what = err instanceof LookupError ? `${err.step} for ${err.code}` : 'answering that';
      await respond(
        ephemeral(textMessage(`Sorry, ${what} failed. Please try again in a few minutes.`), replace),
      );
    }
  };
}
