import type { ChannelFilter } from '../channel-filter.js';
import { errorClass } from '../errors.js';
import type { StoreMeta } from '../store/types.js';
import { type HistoryItem, historyLine } from './blocks.js';
import { filterText } from './filter-text.js';
import { hktTime } from './format.js';
import type { Block } from './limits.js';

// The App Home tab: the latest estimates (with how they landed once results were out), every
// channel's watchlist and filter, and the bot's health. Published on app_home_opened and again
// after each alert.

export interface HomeData {
  latest: HistoryItem[];
  channels: { channel: string; codes: string[]; filter: ChannelFilter | null }[];
  meta: StoreMeta;
}

/** Slack allows 100 blocks in a view; the sections below stay well within it. */
const LATEST = 15;

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const header = (text: string): Block => ({ type: 'header', text: { type: 'plain_text', text } });
const divider: Block = { type: 'divider' };

function healthLine(meta: StoreMeta): string {
  const poll = meta.lastPollAt ? `Last poll ${hktTime(meta.lastPollAt)}` : 'Not polled yet';
  // The class only: the message names hosts and paths, which stay in the log.
  const error = meta.lastPollError ? ` · last error: \`${errorClass(meta.lastPollError)}\`` : ' · no errors';
  return `${poll}${error}`;
}

export function homeView(data: HomeData): { type: 'home'; blocks: Block[] } {
  const latest = data.latest.slice(0, LATEST);
  const channels = data.channels.map(({ channel, codes, filter }) => {
    const watched = codes.length > 0 ? `watches ${codes.join(', ')}` : 'watches no stock';
    return `• <#${channel}> ${watched}. ${filterText(filter)}`;
  });
  return {
    type: 'home',
    blocks: [
      header('Latest estimates'),
      // A section each: one holds 3,000 characters, and a line with its verdict runs to a few hundred.
      ...(latest.length > 0
        ? latest.map((item) => section(historyLine(item)))
        : [section('No estimate has been alerted yet.')]),
      divider,
      header('Channels'),
      section(
        channels.length > 0
          ? channels.join('\n')
          : 'No channel has a watchlist or a filter yet: `/estimate watch CODE`, `/estimate filter`.',
      ),
      divider,
      header('Health'),
      section(healthLine(data.meta)),
    ],
  };
}
