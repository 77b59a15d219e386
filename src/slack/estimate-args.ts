import type { ChannelFilter } from '../channel-filter.js';
import type { EstimateKind } from '../estimate.js';
import { isCalendarDay } from '../export/estimates-csv.js';
import type { Board } from '../hkex/filing.js';

// What `/estimate …` asks for. Parsing is separate from answering so every form is testable
// without Slack.

export type EstimateCommand =
  | { kind: 'latest'; code: string }
  /** Show the channel's filter (`set` null), clear it, or change some of its parts. */
  | { kind: 'filter'; set: Partial<ChannelFilter> | null; clear: boolean }
  | { kind: 'export'; from: string; to: string }
  | { kind: 'history'; code: string }
  | { kind: 'watch'; code: string }
  | { kind: 'unwatch'; code: string }
  | { kind: 'watchlist' }
  /** Every estimate (the channel's filter passing) in this channel, or no longer. */
  | { kind: 'subscribe' }
  | { kind: 'unsubscribe' }
  | { kind: 'help' }
  | { kind: 'usage' };

/** "6680" → "06680": HKEX codes are five digits, users type them without the leading zeros. */
export function stockCode(text: string): string | null {
  return /^\d{1,5}$/.test(text) ? text.padStart(5, '0') : null;
}

const KIND_WORDS: Record<string, EstimateKind> = {
  warning: 'profit_warning',
  warnings: 'profit_warning',
  positive: 'positive_profit_alert',
  alert: 'profit_alert',
  alerts: 'profit_alert',
  results: 'results_estimate',
  preliminary: 'results_estimate',
};
const BOARD_WORDS: Record<string, Board> = { main: 'sehk', sehk: 'sehk', gem: 'gem' };

/** "kinds=warnings,positive change=30 board=main", "clear", or nothing (show). */
function parseFilter(args: string[]): EstimateCommand {
  if (args.length === 0) return { kind: 'filter', set: null, clear: false };
  if (args.length === 1 && args[0] === 'clear') return { kind: 'filter', set: null, clear: true };
  const set: Partial<ChannelFilter> = {};
  for (const arg of args) {
    const [key, value = ''] = arg.split('=', 2);
    if (key === 'kinds' || key === 'kind') {
      if (value === 'all') set.kinds = null;
      else {
        const kinds = value.split(',').map((w) => KIND_WORDS[w]);
        if (kinds.length === 0 || kinds.some((k) => k === undefined)) return { kind: 'usage' };
        set.kinds = [...new Set(kinds as EstimateKind[])];
      }
    } else if (key === 'change') {
      const pct = /^(?:>=?)?(\d{1,4}(?:\.\d+)?)%?$/.exec(value)?.[1];
      if (value === 'any' || pct === '0') set.minChangePct = null;
      else if (pct) set.minChangePct = String(Number(pct));
      else return { kind: 'usage' };
    } else if (key === 'board') {
      if (value === 'all') set.boards = null;
      else {
        const board = BOARD_WORDS[value];
        if (!board) return { kind: 'usage' };
        set.boards = [board];
      }
    } else return { kind: 'usage' };
  }
  return { kind: 'filter', set, clear: false };
}

export function parseEstimateCommand(text: string): EstimateCommand {
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const [first = '', second, ...rest] = words;
  if (first === 'filter') return parseFilter(words.slice(1));
  if (first === 'export') {
    const [from, to] = [second, rest[0]];
    return isCalendarDay(from) && isCalendarDay(to) && from <= to && rest.length === 1
      ? { kind: 'export', from, to }
      : { kind: 'usage' };
  }
  if (rest.length > 0) return { kind: 'usage' };
  if (
    words.length === 1 &&
    (first === 'help' || first === 'watchlist' || first === 'subscribe' || first === 'unsubscribe')
  )
    return { kind: first };
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
  '*/estimate subscribe* · *unsubscribe*: every new estimate in this channel (its filter applies), or no longer',
  '*/estimate filter*: what this channel gets beyond its watchlist; set it with `kinds=warnings,positive,alerts,results`, `change=30` (a stated change of at least 30% either way) and `board=main` or `gem`, or `/estimate filter clear`',
  '*/estimate export 2025-01-01 2025-03-31*: a CSV of the estimates filed on those days, uploaded here',
  '*/estimate help*: this help',
].join('\n');
