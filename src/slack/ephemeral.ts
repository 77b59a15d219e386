import type { RespondArguments } from '@slack/bolt';
import { textMessage } from './blocks.js';

/** A short private answer to the person who clicked, leaving the message they clicked on alone. */
export const ephemeralText = (text: string): RespondArguments => ({
  response_type: 'ephemeral',
  replace_original: false,
  ...textMessage(text),
});
