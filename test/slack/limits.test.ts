import { describe, expect, it } from 'vitest';
import { type Block, fitMessage, LIMITS, truncate } from '../../src/slack/limits.js';
import { expectWithinLimits } from './blocks-check.js';

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('truncate', () => {
  it('leaves short text alone and marks a cut', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
  });
  it('never splits an escape, a surrogate pair or a link', () => {
    expect(truncate('ab &amp; cd', 6)).toBe('ab …');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('see <https://x.example/a.pdf|PDF> now', 20)).toBe('see …');
  });
});

describe('fitMessage', () => {
  it('trims header, section text, fields and button text', () => {
    const fitted = fitMessage({
      text: 'x'.repeat(5000),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(300) } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 's'.repeat(4000) },
          fields: Array.from({ length: 12 }, () => ({ type: 'mrkdwn' as const, text: 'f'.repeat(2500) })),
        },
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'b'.repeat(100) } }],
        },
      ],
    });
    expectWithinLimits(fitted);
  });

  it('drops body blocks from the end, keeps header and buttons, and says so', () => {
    const buttons: Block = {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'pdf',
          text: { type: 'plain_text', text: 'PDF' },
          url: 'https://x.example',
        },
      ],
    };
    const blocks: Block[] = [
      { type: 'header', text: { type: 'plain_text', text: 'Title' } },
      ...Array.from({ length: 80 }, (_, i) => section(`part ${i} ${'y'.repeat(500)}`)),
      buttons,
    ];
    const fitted = fitMessage({ text: 't', blocks });
    expectWithinLimits(fitted);
    expect(fitted.blocks[0]?.type).toBe('header');
    expect(fitted.blocks.at(-1)).toEqual(buttons);
    expect(JSON.stringify(fitted.blocks.at(-2))).toContain('Shortened to fit');
    expect(JSON.stringify(fitted.blocks[1])).toContain('part 0 ');
  });

  it('keeps a message of exactly 50 small blocks whole', () => {
    const blocks = Array.from({ length: LIMITS.blocks }, (_, i) => section(`b${i}`));
    expect(fitMessage({ text: 't', blocks }).blocks).toEqual(blocks);
  });
});
