// Slack parses &, < and > in message text as control characters: `<!channel>` notifies a whole
// channel and `<http://x|y>` makes a link. Every piece of text that came from a filing goes
// through `escapeText` so a hostile title stays text; only the bot's own markup is built here.

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link whose label may come from a filing; a URL Slack would misparse is left out. */
export function link(url: string, label: string): string {
  if (!/^https?:\/\/[^\s<>|]+$/.test(url)) return escapeText(label);
  return `<${url}|${escapeText(label)}>`;
}
