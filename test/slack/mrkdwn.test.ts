import { describe, expect, it } from 'vitest';
import { escapeText, link } from '../../src/slack/mrkdwn.js';

describe('escapeText', () => {
  it('keeps Slack’s control characters as text', () => {
    expect(escapeText('<!channel> & <http://x|y>')).toBe('&lt;!channel&gt; &amp; &lt;http://x|y&gt;');
  });

  it('neutralises formatting a filing’s text would otherwise apply', () => {
    expect(escapeText('*PROFIT* _WARNING_ `code` ~gone~')).toBe('∗PROFIT∗ ˍWARNINGˍ ˋcodeˋ ∼gone∼');
  });

  it('drops control and bidirectional-override characters, keeping tabs and line breaks', () => {
    expect(escapeText('ABC\u202eFDP\u0007 Holdings\u200f\tLtd\n')).toBe('ABCFDP Holdings\tLtd\n');
  });
});

describe('link', () => {
  it('escapes the label and leaves a URL Slack would misparse out', () => {
    expect(link('https://www1.hkexnews.hk/a.pdf', '*PDF*')).toBe('<https://www1.hkexnews.hk/a.pdf|∗PDF∗>');
    expect(link('https://x/a|b.pdf', 'PDF')).toBe('PDF');
  });
});
