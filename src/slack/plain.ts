import type { Block, SlackMessage } from './limits.js';

// The terminal reads the same rendered messages as Slack, turned into plain text here, so the
// two sinks never drift apart.

function unmark(mrkdwn: string): string {
  return mrkdwn
    .replace(/<(https?:[^|>]+)\|([^>]*)>/g, '$2 ($1)')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$)/g, '$1$2')
    .replace(/:white_check_mark:/g, '✓')
    .replace(/:warning:/g, '⚠')
    .replace(/:arrows_counterclockwise:/g, '↻')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function blockLines(block: Block): string[] {
  switch (block.type) {
    case 'header':
      return [unmark(block.text.text)];
    case 'section':
      return [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text)].filter(Boolean).map(unmark);
    case 'context':
      return block.elements.flatMap((e) => ('text' in e ? [unmark(e.text)] : []));
    case 'actions':
      return block.elements.flatMap((e) =>
        e.type === 'button' && e.url ? [`${e.text.text}: ${e.url}`] : [],
      );
    case 'divider':
      return ['---'];
  }
}

export function plainText(message: SlackMessage): string {
  return message.blocks.flatMap(blockLines).join('\n');
}
