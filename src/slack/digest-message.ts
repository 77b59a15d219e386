import type { DayDigest, DigestItem } from '../digest/daily.js';
import type { EstimateKind } from '../estimate.js';
import { kindName, shortCompanyName } from './format.js';
import { type Block, fitMessage, type SlackMessage } from './limits.js';
import { escapeText, link } from './mrkdwn.js';

// The evening digest as a message: how many estimates of each kind the day brought, the largest
// stated changes up and down, and a link to every alert's thread.

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });

/** A link to an alert's thread: Slack's archive URL opens it in the workspace the reader is in. */
export function threadLink(channel: string, ts: string, text: string): string {
  return link(`https://slack.com/archives/${channel}/p${ts.replace('.', '')}`, text);
}

function name(item: DigestItem): string {
  const { record } = item;
  const company =
    record.estimate?.company.en ?? record.estimate?.company.zh ?? record.filing.stockNames[0] ?? '';
  return `${escapeText(shortCompanyName(company))} (${record.filing.stockCodes.join(', ')})`;
}

function line(item: DigestItem): string {
  const change = item.change === null ? '' : ` · ${item.change.isNeg() ? '' : '+'}${item.change.toString()}%`;
  return `• ${name(item)}${change} · ${threadLink(item.alert.channel, item.alert.ts, 'thread')}`;
}

export function digestMessage(digest: DayDigest): SlackMessage {
  const counts = (Object.entries(digest.counts) as [EstimateKind, number][])
    .map(([kind, n]) => `${n} ${kindName(kind, n)}`)
    .join(', ');
  const blocks = [section(`*The day's estimates* (${digest.day}): ${counts}`)];
  if (digest.largestUp.length > 0)
    blocks.push(section(`*Largest expected increases*\n${digest.largestUp.map(line).join('\n')}`));
  if (digest.largestDown.length > 0)
    blocks.push(section(`*Largest expected decreases*\n${digest.largestDown.map(line).join('\n')}`));
  blocks.push(section(`*Every alert*\n${digest.items.map(line).join('\n')}`));
  return fitMessage({ text: `The day's estimates (${digest.day}): ${counts}`, blocks });
}
