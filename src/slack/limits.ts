import type { types } from '@slack/bolt';

// The one place that keeps a message inside Block Kit's limits. Renderers build what they mean
// to say; `fitMessage` trims it so Slack never refuses it (`invalid_blocks`, `msg_blocks_too_long`).

export type Block =
  | types.HeaderBlock
  | types.SectionBlock
  | types.ContextBlock
  | types.ActionsBlock
  | types.DividerBlock;

export interface SlackMessage {
  /** Notification fallback, mrkdwn. */
  text: string;
  blocks: Block[];
}

export const LIMITS = {
  blocks: 50,
  header: 150,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  contextElements: 10,
  buttonText: 75,
  url: 3000,
  actionsElements: 25,
  /** Slack refuses messages near 12–13k characters of block text; this stays under it. */
  messageText: 12_000,
  /** Slack advises keeping the top-level text under 4,000 characters. */
  fallbackText: 4000,
} as const;

const ELLIPSIS = '…';

/** Cuts to at most `max` characters without splitting an escape like `&amp;` or a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - ELLIPSIS.length);
  cut = cut.replace(/&[a-z]{0,4}$/, '').replace(/[\uD800-\uDBFF]$/, '');
  // A cut inside the bot's own `<url|label>` markup would leave a broken link.
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut + ELLIPSIS;
}

type TextObject = types.PlainTextElement | types.MrkdwnElement;

function fitText<T extends TextObject>(t: T, max: number): T {
  return { ...t, text: truncate(t.text, max) };
}

function fitBlock(block: Block): Block {
  switch (block.type) {
    case 'header':
      return { ...block, text: fitText(block.text, LIMITS.header) };
    case 'section':
      return {
        ...block,
        ...(block.text && { text: fitText(block.text, LIMITS.sectionText) }),
        ...(block.fields && {
          fields: block.fields.slice(0, LIMITS.fields).map((f) => fitText(f, LIMITS.field)),
        }),
      };
    case 'context':
      return {
        ...block,
        elements: block.elements
          .slice(0, LIMITS.contextElements)
          .map((e) => (e.type === 'image' ? e : fitText(e, LIMITS.sectionText))),
      };
    case 'actions':
      return {
        ...block,
        elements: block.elements
          .filter((e) => e.type !== 'button' || !e.url || e.url.length <= LIMITS.url)
          .slice(0, LIMITS.actionsElements)
          .map((e) => (e.type === 'button' ? { ...e, text: fitText(e.text, LIMITS.buttonText) } : e)),
      };
    case 'divider':
      return block;
  }
}

/** Characters of text a block carries, as Slack counts them towards the message's size. */
export function blockTextLength(block: Block): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return block.elements.reduce((n, e) => n + ('text' in e ? e.text.length : 0), 0);
    case 'actions':
      return block.elements.reduce((n, e) => n + JSON.stringify(e).length, 0);
    case 'divider':
      return 0;
  }
}

// Slack refuses an actions or context block without elements (`invalid_blocks`), so one left empty,
// by a renderer or by a button dropped for its URL, goes. Such a URL is not offered as a
// `<url|label>` link instead: over the 3000 characters of a button URL, the link could not fit in
// the 3000 characters of a text object either.
function hasElements(block: Block): boolean {
  return !('elements' in block) || block.elements.length > 0;
}

const TRUNCATED_NOTE: Block = {
  type: 'context',
  elements: [{ type: 'mrkdwn', text: '_Shortened to fit in one Slack message; the PDF has the rest._' }],
};

/**
 * Trims every block to its limits, then drops body blocks from the end until the message fits,
 * keeping the header and the buttons, and says so.
 */
export function fitMessage(message: SlackMessage): SlackMessage {
  const blocks = message.blocks.map(fitBlock).filter(hasElements);
  const size = (bs: Block[]) => bs.reduce((n, b) => n + blockTextLength(b), 0);
  const fits = (bs: Block[], room: number) =>
    bs.length <= LIMITS.blocks - room &&
    size(bs) <= LIMITS.messageText - room * blockTextLength(TRUNCATED_NOTE);
  if (!fits(blocks, 0)) {
    const kept = (b: Block) => b.type === 'header' || b.type === 'actions';
    // Room for the note saying the message was shortened.
    while (!fits(blocks, 1)) {
      const i = blocks.findLastIndex((b) => !kept(b));
      if (i < 0) break;
      blocks.splice(i, 1);
    }
    blocks.splice(
      blocks.findLastIndex((b) => !kept(b)) + 1 || (blocks[0]?.type === 'header' ? 1 : 0),
      0,
      TRUNCATED_NOTE,
    );
  }
  return { text: truncate(message.text, LIMITS.fallbackText), blocks };
}
