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

  describe("a button whose URL is over Slack's limit", () => {
    const longUrl = `https://www1.hkexnews.hk/listedco/listconews/sehk/${'a'.repeat(LIMITS.url)}.pdf`;
    const pdfButton = (url: string) => ({
      type: 'button' as const,
      action_id: 'open_pdf_en',
      text: { type: 'plain_text' as const, text: 'English PDF' },
      url,
    });
    const report = {
      type: 'button' as const,
      action_id: 'report',
      text: { type: 'plain_text' as const, text: 'Report a wrong figure' },
      value: '11234567',
    };
    const header: Block = { type: 'header', text: { type: 'plain_text', text: 'Title' } };

    it('takes its actions block with it when it was the only element', () => {
      const fitted = fitMessage({
        text: 't',
        blocks: [header, section('body'), { type: 'actions', elements: [pdfButton(longUrl)] }],
      });
      expectWithinLimits(fitted);
      expect(fitted.blocks).toEqual([header, section('body')]);
    });

    it('leaves the other buttons, and no link too long for a text object', () => {
      const fitted = fitMessage({
        text: 't',
        blocks: [header, { type: 'actions', elements: [pdfButton(longUrl), report] }],
      });
      expect(fitted.blocks).toEqual([header, { type: 'actions', elements: [report] }]);
      expect(JSON.stringify(fitted)).not.toContain('listconews');
    });

    it('is dropped the same way from a message shortened to fit', () => {
      const blocks: Block[] = [
        header,
        ...Array.from({ length: 80 }, (_, i) => section(`part ${i} ${'y'.repeat(500)}`)),
        { type: 'actions', elements: [pdfButton(longUrl)] },
      ];
      const fitted = fitMessage({ text: 't', blocks });
      expectWithinLimits(fitted);
      expect(fitted.blocks.some((b) => b.type === 'actions')).toBe(false);
      expect(JSON.stringify(fitted.blocks.at(-1))).toContain('Shortened to fit');
    });
  });

  it('never emits an actions or context block without elements', () => {
    const fitted = fitMessage({
      text: 't',
      blocks: [
        section('a'),
        { type: 'actions', elements: [] },
        { type: 'context', elements: [] },
        section('b'),
      ],
    });
    expect(fitted.blocks).toEqual([section('a'), section('b')]);
  });

  it('keeps a message of exactly 50 small blocks whole', () => {
    const blocks = Array.from({ length: LIMITS.blocks }, (_, i) => section(`b${i}`));
    expect(fitMessage({ text: 't', blocks }).blocks).toEqual(blocks);
  });
});
