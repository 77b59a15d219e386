import type { RespondArguments, webApi } from '@slack/bolt';
import { sharedMessage } from '../../blocks.js';
import { ephemeralText } from '../../ephemeral.js';
import type { ListenerDeps } from '../deps.js';

// The "Share in channel" button under an ephemeral /estimate answer: posts the estimate for
// everyone, then removes the private copy.

export interface ShareEstimateArgs {
  ack: () => Promise<void>;
  action: { value?: string };
  body: { user: { id: string }; channel?: { id: string } };
  client: { chat: Pick<webApi.WebClient['chat'], 'postMessage'> };
  respond: (message: RespondArguments) => Promise<unknown>;
}

export function shareEstimate({ lookup, log }: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ShareEstimateArgs): Promise<void> => {
    await ack();
    const item = action.value ? lookup.find(action.value) : undefined;
    const channel = body.channel?.id;
    if (!item || !channel) {
      await respond(
        ephemeralText('That estimate is no longer at hand; run `/estimate CODE` again to share it.'),
      );
      return;
    }
    try {
      await client.chat.postMessage({
        channel,
        ...sharedMessage(item, body.user.id),
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      log.error({ err, channel, filingId: item.filing.id }, 'sharing an estimate failed');
      await respond(
        ephemeralText('Sorry, I could not post in this channel. Invite me with `/invite` and try again.'),
      );
      return;
    }
    await respond({ delete_original: true });
  };
}
