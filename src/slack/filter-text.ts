import type { ChannelFilter } from '../channel-filter.js';
import { kindName } from './format.js';

// A channel's filter in words, for `/estimate filter` and the App Home.

/** The channel's filter in words. */
export function filterText(filter: ChannelFilter | null): string {
  if (!filter || (filter.kinds === null && filter.minChangePct === null && filter.boards === null))
    return 'This channel gets every estimate (no filter). Its watched stocks always come through.';
  const parts = [
    filter.kinds ? filter.kinds.map((k) => kindName(k, 2)).join(', ') : 'every kind',
    filter.minChangePct === null ? null : `a stated change of at least ${filter.minChangePct}% either way`,
    filter.boards ? (filter.boards[0] === 'gem' ? 'GEM only' : 'Main Board only') : null,
  ].filter(Boolean);
  return `This channel gets ${parts.join('; ')}. Its watched stocks always come through.`;
}
