import type { ChannelFilter } from '../channel-filter.js';

// A channel's filter in words, for `/estimate filter` and the App Home.

const KIND_NAMES = {
  profit_warning: 'profit warnings',
  positive_profit_alert: 'positive profit alerts',
  profit_alert: 'profit alerts',
  results_estimate: 'results estimates',
} as const;

/** The channel's filter in words. */
export function filterText(filter: ChannelFilter | null): string {
  if (!filter || (filter.kinds === null && filter.minChangePct === null && filter.boards === null))
    return 'This channel gets every estimate (no filter). Its watched stocks always come through.';
  const parts = [
    filter.kinds ? filter.kinds.map((k) => KIND_NAMES[k]).join(', ') : 'every kind',
    filter.minChangePct === null ? null : `a stated change of at least ${filter.minChangePct}% either way`,
    filter.boards ? (filter.boards[0] === 'gem' ? 'GEM only' : 'Main Board only') : null,
  ].filter(Boolean);
  return `This channel gets ${parts.join('; ')}. Its watched stocks always come through.`;
}
