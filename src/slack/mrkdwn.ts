// Slack parses &, < and > in message text as control characters: `<!channel>` notifies a whole
// channel and `<http://x|y>` makes a link. Every piece of text that came from a filing (or a
// user) goes through `escapeText` so a hostile title stays text; only the bot's own markup is
// built here. Sections carrying such text are also `verbatim`, so Slack does not turn bare URLs
// and channel names in it into links.

// *bold*, _italic_, ~strike~ and `code` in a filing's text would format the bot's message; their
// look-alikes read the same and format nothing.
const FORMATTING: Readonly<Record<string, string>> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };
// C0/C1 controls but tab and newline, and the bidirectional overrides and isolates, which can make
// a title read backwards on screen.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/g;

export function escapeText(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]/g, (ch) => FORMATTING[ch] ?? ch);
}

/** A link whose label may come from a filing; a URL Slack would misparse is left out. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url)) return escapeText(label);
  return `<${url}|${escapeText(label)}>`;
}
