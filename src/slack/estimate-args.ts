// What `/estimate …` asks for. Parsing is separate from answering so every form is testable
// without Slack.

export type EstimateCommand =
  | { kind: 'latest'; code: string }
  | { kind: 'history'; code: string }
  | { kind: 'watch'; code: string }
  | { kind: 'unwatch'; code: string }
  | { kind: 'watchlist' }
  | { kind: 'help' }
  | { kind: 'usage' };

/** "6680" → "06680": HKEX codes are five digits, users type them without the leading zeros. */
export function stockCode(text: string): string | null {
  return /^\d{1,5}$/.test(text) ? text.padStart(5, '0') : null;
}

export function parseEstimateCommand(text: string): EstimateCommand {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [first = '', second, ...rest] = words;
  if (rest.length > 0) return { kind: 'usage' };
  if (words.length === 1 && (first === 'help' || first === 'watchlist')) return { kind: first };
  if ((first === 'watch' || first === 'unwatch') && second !== undefined) {
    const code = stockCode(second);
    return code ? { kind: first, code } : { kind: 'usage' };
  }
  const code = stockCode(first);
  if (code && second === undefined) return { kind: 'latest', code };
  if (code && second === 'history') return { kind: 'history', code };
  return { kind: 'usage' };
}

export const USAGE = [
  '*/estimate CODE*: the latest profit estimate for a stock (e.g. `/estimate 6680`)',
  '*/estimate CODE history*: its estimates over time',
  "*/estimate watch CODE* · *unwatch CODE* · *watchlist*: this channel's own watchlist",
  '*/estimate help*: this help',
].join('\n');
