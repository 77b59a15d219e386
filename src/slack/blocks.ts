import { Decimal } from 'decimal.js';
import type { Estimate, EstimateKind, Metric, MetricName } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import { headlineMetric as headlineOf } from '../parse/headline-metric.js';
import { kindOfTitle } from '../parse/kind.js';
import {
  compactMoney,
  compactRange,
  exactMoney,
  exactRange,
  hktDate,
  hktTime,
  moneyChange,
  percentRange,
  periodText,
  shortCompanyName,
} from './format.js';
import { type Block, fitMessage, LIMITS, type SlackMessage } from './limits.js';
import { escapeText, link } from './mrkdwn.js';

// Pure renderers: an estimate in, a Slack message out. Everything from a filing is escaped here,
// and every message leaves through `fitMessage`.

export interface FiledEstimate {
  filing: Filing;
  estimate: Estimate;
}

/** A row of a stock's history: an estimate, or a filing whose figures were not read. */
export interface HistoryItem {
  filing: Filing;
  estimate: Estimate | null;
}

export const SHARE_ACTION = 'share_estimate';
export const PDF_ACTION = /^open_pdf_/;

const KIND_LABEL: Record<EstimateKind, string> = {
  profit_warning: 'Profit warning',
  positive_profit_alert: 'Positive profit alert',
  profit_alert: 'Profit alert',
  results_estimate: 'Results estimate',
};

const METRIC_LABEL: Record<Exclude<MetricName, 'other'>, string> = {
  net_profit_attributable: 'Net profit attributable',
  net_profit_attributable_recurring: 'Recurring net profit attributable',
  net_profit: 'Net profit',
  revenue: 'Revenue',
  profit_before_tax: 'Profit before tax',
  operating_profit: 'Operating profit',
  adjusted_net_profit: 'Adjusted net profit',
  eps_basic: 'Basic EPS',
};

function kindLabel(kind: EstimateKind | null): string {
  return kind ? KIND_LABEL[kind] : 'Announcement';
}

/** A check names its metric by schema name; people read the short label. */
function checkLabel(name: string): string {
  return Object.hasOwn(METRIC_LABEL, name)
    ? METRIC_LABEL[name as keyof typeof METRIC_LABEL]
    : escapeText(name);
}

function metricLabel(metric: Metric): string {
  return metric.name === 'other' ? escapeText(metric.label) : METRIC_LABEL[metric.name];
}

export function headlineMetric(estimate: Estimate): Metric | undefined {
  return headlineOf(estimate.metrics);
}

function companyLabel(filing: Filing, estimate: Estimate | null): string {
  const name = estimate?.company.en ?? filing.stockNames[0] ?? estimate?.company.zh ?? 'Unknown company';
  const codes = filing.stockCodes.length > 0 ? filing.stockCodes : (estimate?.stockCodes ?? []);
  return escapeText(
    codes.length > 0 ? `${shortCompanyName(name)} (${codes.join(', ')})` : shortCompanyName(name),
  );
}

function header(kind: EstimateKind | null, filing: Filing, estimate: Estimate | null): Block {
  return {
    type: 'header',
    text: {
      type: 'plain_text',
      text: `${kindLabel(kind)} · ${companyLabel(filing, estimate)}`,
      emoji: false,
    },
  };
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** "RMB702.3m–838.2m vs RMB453.1m, +55% to +85%" */
function headlineFigures(metric: Metric, currency: string | null): string {
  const parts = [`*${compactRange(metric.current, currency)}*`];
  if (metric.prior !== null) parts.push(`vs ${compactMoney(metric.prior, currency)}`);
  const change = metric.changePct ? `, ${percentRange(metric.changePct)}` : '';
  return `${parts.join(' ')}${change}`;
}

function headlineText(estimate: Estimate): string {
  const metric = headlineMetric(estimate);
  if (!metric) return 'No figures could be read from the announcement; see the PDF.';
  return `${metricLabel(metric)}: ${headlineFigures(metric, estimate.currency)}`;
}

function failedChecks(estimate: Estimate): Block[] {
  const failed = estimate.checks.filter((c) => !c.ok);
  if (failed.length === 0) return [];
  const list = failed
    .map((c) => `${checkLabel(c.metric)} stated ${c.stated}%, figures give ${c.computed}%`)
    .join('; ');
  return [context(`:warning: The stated change does not match the figures: ${list}.`)];
}

function pdfButtons(filing: Filing): Block {
  const button = (id: string, label: string, url: string) => ({
    type: 'button' as const,
    action_id: `open_pdf_${id}`,
    text: { type: 'plain_text' as const, text: label },
    url,
  });
  return {
    type: 'actions',
    elements: [
      button('en', 'English PDF', filing.pdfUrl),
      ...(filing.pdfUrlZh ? [button('zh', '中文 PDF', filing.pdfUrlZh)] : []),
    ],
  };
}

function releaseLine(filing: Filing): Block {
  return context(`Released ${hktTime(filing.releasedAt)} · ${escapeText(filing.title)}`);
}

function fallbackText({ filing, estimate }: FiledEstimate): string {
  const metric = headlineMetric(estimate);
  const figures = metric
    ? `: ${metricLabel(metric).toLowerCase()} ${headlineFigures(metric, estimate.currency).replace(/\*/g, '')}`
    : '';
  return `${kindLabel(estimate.kind)} · ${companyLabel(filing, estimate)}${figures} (${periodText(estimate.period)})`;
}

function alertBlocks({ filing, estimate }: FiledEstimate): Block[] {
  return [
    header(estimate.kind, filing, estimate),
    section(`*${periodText(estimate.period)}*\n${headlineText(estimate)}`),
    ...failedChecks(estimate),
    releaseLine(filing),
    pdfButtons(filing),
  ];
}

/** The alert posted to a channel for a new estimate. */
export function alertMessage(item: FiledEstimate): SlackMessage {
  return fitMessage({ text: fallbackText(item), blocks: alertBlocks(item) });
}

type RangeMove = 'raised' | 'lowered' | 'narrowed' | 'widened' | 'unchanged' | 'changed';

function rangeMove(before: Metric, after: Metric): RangeMove {
  const cmp = (a: string | null, b: string | null) =>
    a === null || b === null ? null : new Decimal(b).cmp(a);
  const low = cmp(before.current.low, after.current.low);
  const high = cmp(before.current.high, after.current.high);
  if (low === null || high === null) return 'changed';
  if (low === 0 && high === 0) return 'unchanged';
  if (low >= 0 && high >= 0) return 'raised';
  if (low <= 0 && high <= 0) return 'lowered';
  return low > 0 ? 'narrowed' : 'widened';
}

function revisionText(item: FiledEstimate, previous: FiledEstimate): string {
  const since = `the estimate of ${hktTime(previous.filing.releasedAt)}`;
  const after = headlineMetric(item.estimate);
  const before = after && previous.estimate.metrics.find((m) => m.name === after.name);
  if (!after || !before) return `:arrows_counterclockwise: *Revised estimate*, replacing ${since}.`;
  const currency = item.estimate.currency;
  const moves = (['low', 'high'] as const).flatMap((bound) => {
    const [a, b] = [before.current[bound], after.current[bound]];
    return a !== null && b !== null && a !== b ? [`${bound} ${moneyChange(a, b, currency)}`] : [];
  });
  const detail = moves.length > 0 ? ` (${moves.join(', ')})` : '';
  return (
    `:arrows_counterclockwise: *Revised estimate*: ${metricLabel(after).toLowerCase()} ${rangeMove(before, after)} ` +
    `from ${compactRange(before.current, previous.estimate.currency)} to ${compactRange(after.current, currency)}${detail}, ` +
    `against ${since}.`
  );
}

/** A revision, posted in the earlier alert's thread and broadcast to the channel. */
export function revisionMessage(item: FiledEstimate, previous: FiledEstimate): SlackMessage {
  const [head, ...rest] = alertBlocks(item);
  const note = revisionText(item, previous);
  return fitMessage({
    text: `Revised: ${fallbackText(item)}`,
    blocks: [...(head ? [head] : []), section(note), ...rest],
  });
}

/** Lines packed into as few sections as fit, so a long list costs few of the 50 blocks. */
function packedSections(title: string, lines: string[]): Block[] {
  const texts: string[] = [];
  let current = title;
  for (const line of lines) {
    if (current.length + 1 + line.length > LIMITS.sectionText && current !== title) {
      texts.push(current);
      current = line;
    } else current = `${current}\n${line}`;
  }
  texts.push(current);
  return texts.map(section);
}

function metricSection(metric: Metric, currency: string | null): Block {
  const lines = [
    `*${escapeText(metric.label)}*`,
    `This period: ${exactRange(metric.current, currency)}`,
    `Same period last year: ${metric.prior === null ? 'not stated' : exactMoney(metric.prior, currency)}`,
    `Stated change: ${metric.changePct ? percentRange(metric.changePct) : 'not stated'}`,
  ];
  return section(lines.join('\n'));
}

function figureBlocks({ estimate }: FiledEstimate): Block[] {
  if (estimate.metrics.length === 0) return [section('No figures could be read from the announcement.')];
  return [
    section(`*Figures* · ${periodText(estimate.period)}`),
    ...estimate.metrics.map((m) => metricSection(m, estimate.currency)),
  ];
}

function driverBlocks({ estimate }: FiledEstimate): Block[] {
  if (estimate.drivers.length === 0) return [section('The announcement states no reasons for the change.')];
  return packedSections(
    '*Reasons given*',
    estimate.drivers.map((d, i) => `${i + 1}. ${escapeText(d)}`),
  );
}

function checkBlocks({ estimate }: FiledEstimate): Block[] {
  if (estimate.checks.length === 0) return [];
  return packedSections(
    '*Checks* (stated change against the figures)',
    estimate.checks.map(
      (c) =>
        `${c.ok ? ':white_check_mark:' : ':warning:'} ${checkLabel(c.metric)}: stated ${c.stated}%, computed ${c.computed}%`,
    ),
  );
}

function auditLine({ estimate }: FiledEstimate): Block {
  return context(estimate.audited ? 'Audited figures.' : 'Unaudited: figures as stated in the announcement.');
}

/** The details posted in the alert's thread. */
export function threadMessage(item: FiledEstimate): SlackMessage {
  return fitMessage({
    text: `Details: ${fallbackText(item)}`,
    blocks: [...figureBlocks(item), ...driverBlocks(item), ...checkBlocks(item), auditLine(item)],
  });
}

export function figuresMessage(item: FiledEstimate): SlackMessage {
  return fitMessage({
    text: `Figures: ${fallbackText(item)}`,
    blocks: [...figureBlocks(item), auditLine(item)],
  });
}

export function driversMessage(item: FiledEstimate): SlackMessage {
  return fitMessage({ text: `Reasons: ${fallbackText(item)}`, blocks: driverBlocks(item) });
}

export function pdfMessage(filing: Filing): SlackMessage {
  return fitMessage({
    text: `PDF: ${escapeText(filing.title)} ${filing.pdfUrl}`,
    blocks: [releaseLine(filing), pdfButtons(filing)],
  });
}

/** Posted once a filing is given up on, so nobody misses it. */
export function failureMessage(filing: Filing): SlackMessage {
  const note = 'Could not read the figures in this announcement; the PDFs are below.';
  return fitMessage({
    text: `${kindLabel(kindOfTitle(filing.title))} · ${companyLabel(filing, null)}: ${note}`,
    blocks: [
      header(kindOfTitle(filing.title), filing, null),
      section(`:warning: ${note}`),
      releaseLine(filing),
      pdfButtons(filing),
    ],
  });
}

/** The ephemeral answer to `/estimate CODE`, with a button to share it. */
export function estimateReply(item: FiledEstimate): SlackMessage {
  const share: Block = {
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION,
        text: { type: 'plain_text', text: 'Share in channel' },
        value: item.filing.id,
      },
    ],
  };
  return fitMessage({ text: fallbackText(item), blocks: [...alertBlocks(item), share] });
}

/** The estimate as shared in a channel by a user. */
export function sharedMessage(item: FiledEstimate, userId: string): SlackMessage {
  const sharer = /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : 'someone';
  return fitMessage({
    text: fallbackText(item),
    blocks: [...alertBlocks(item), context(`Shared by ${sharer}`)],
  });
}

function historyLine({ filing, estimate }: HistoryItem): string {
  const released = hktDate(filing.releasedAt);
  const what = estimate
    ? `${kindLabel(estimate.kind)} · ${periodText(estimate.period)} · ${headlineText(estimate)}`
    : escapeText(filing.title);
  return `• ${released} · ${what} · ${link(filing.pdfUrl, 'PDF')}`;
}

/** A stock's estimates over time, newest first. */
export function historyMessage(code: string, items: HistoryItem[]): SlackMessage {
  const first = items[0];
  const title = first
    ? `*Estimates for ${companyLabel(first.filing, first.estimate)}*`
    : `*Estimates for ${code}*`;
  return fitMessage({
    text: `${items.length} estimate announcement(s) for ${code}`,
    blocks: packedSections(title, items.map(historyLine)),
  });
}

/** A short text-only reply. */
export function textMessage(text: string): SlackMessage {
  return fitMessage({ text, blocks: [section(text)] });
}
