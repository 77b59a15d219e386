import { expect } from 'vitest';
import { type Block, blockTextLength, LIMITS, type SlackMessage } from '../../src/slack/limits.js';

// Assertions shared by the renderer tests: a message Slack would accept, with no markup from a filing.

export function expectWithinLimits(message: SlackMessage): void {
  expect(message.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
  expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
  expect(message.blocks.reduce((n, b) => n + blockTextLength(b), 0)).toBeLessThanOrEqual(LIMITS.messageText);
  for (const block of message.blocks) expectBlockWithinLimits(block);
}

function expectBlockWithinLimits(block: Block): void {
  if (block.type === 'header') {
    expect(block.text.type).toBe('plain_text');
    expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.header);
  }
  if (block.type === 'section') {
    expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
    expect(block.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
  }
  if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(LIMITS.contextElements);
  if (block.type === 'actions')
    for (const e of block.elements)
      if (e.type === 'button') expect(e.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
}

/** Every `<…>` in the message is the bot's own link markup: no mention, no foreign link. */
export function expectNoInjectedMarkup(message: SlackMessage): void {
  const json = JSON.stringify(message);
  const markup = json.match(/<[^>]*>/g) ?? [];
  for (const m of markup)
    expect(m).toMatch(/^<https:\/\/www1\.hkexnews\.hk\/[^|>]+\|[^>]*>$|^<@U[A-Z0-9]+>$/);
  expect(json).not.toMatch(/<!(channel|here|everyone)/);
}
