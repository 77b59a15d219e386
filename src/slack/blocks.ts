import { Decimal } from 'decimal.js';
import type {
  Direction,
  Estimate,
  EstimateKind,
  Evidence,
  Metric,
  MetricFigures,
  MetricName,
} from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import { headlineMetric } from '../parse/headline-metric.js';
import { kindOfTitle } from '../parse/kind.js';
import { languageName } from '../parse/twins.js';
import { guidanceRecord, type Landing } from '../settle/landing.js';
import {
  compactMoney,
  compactRange,
  exactMoney,
  exactRange,
  hktDate,
  hktTime,
  kindLabel,
  moneyChange,
  percentRange,
  periodText,
  readableRange,
  shortCompanyName,
} from './format.js';
import { guidanceText, landingSentence } from './landing.js';
import { type Block, fitMessage, LIMITS, type SlackMessage } from './limits.js';
import { escapeText, link } from './mrkdwn.js';
import { doubts, type FiledEstimate, isConfirmed, mention, twinDifference } from './verdicts.js';

// Pure renderers: an estimate in, a Slack message out. Everything from a filing is escaped here,
// and every message leaves through `fitMessage`.

export type { FiledEstimate } from './verdicts.js';

/** A row of a stock's history: an estimate, or a filing whose figures were not read. */
export interface HistoryItem {
  filing: Filing;
  estimate: Estimate | null;
  /** How its headline landed, once results settled it. */
  landing: Landing | null;
}

export const SHARE_ACTION = 'share_estimate';
export const REPORT_ACTION = 'report_figure';
export const PDF_ACTION = /^open_pdf_/;

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

/** A check names its metric by schema name; people read the short label. */
function checkLabel(name: string): string {
  return Object.hasOwn(METRIC_LABEL, name)
    ? METRIC_LABEL[name as keyof typeof METRIC_LABEL]
    : escapeText(name);
}

function metricLabel(metric: Metric): string {
  return metric.name === 'other' ? escapeText(metric.label) : METRIC_LABEL[metric.name];
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
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] };
}

/** "RMB702.3m–838.2m vs RMB453.1m, +55% to +85%" */
function headlineFigures(metric: MetricFigures, currency: string | null): string {
  const parts = [`*${compactRange(metric.current, currency)}*`];
  if (metric.prior !== null) parts.push(`vs ${compactMoney(metric.prior, currency)}`);
  const change = metric.changePct ? `, ${percentRange(metric.changePct)}` : '';
  return `${parts.join(' ')}${change}`;
}

const DIRECTION_TEXT: Record<Direction, string> = {
  increase: 'expected to increase',
  decrease: 'expected to decrease',
  turnaround_profit: 'expected to turn to a profit',
  turnaround_loss: 'expected to turn to a loss',
};

/**
 * The alert's headline figure. An unconfirmed one is never shown as a bare fact: the line says so
 * with the reasons, and where the two language versions disagree it names both readings.
 */
function headlineText(item: FiledEstimate): string {
  const { estimate } = item;
  const metric = headlineMetric(estimate.metrics);
  if (!metric) {
    const which = estimate.direction ? `Results ${DIRECTION_TEXT[estimate.direction]}; n` : 'N';
    return `${which}o figures could be read from the announcement; see the PDF.`;
  }
  const reasons = doubts(item, metric);
  if (reasons.length === 0) return `${metricLabel(metric)}: ${headlineFigures(metric, estimate.currency)}`;
  const lines = [
    `${metricLabel(metric)}: :warning: *figures unconfirmed, see the PDF* (${reasons.join('; ')})`,
  ];
  const twin = twinDifference(item, metric);
  if (twin && item.twin) {
    const other = languageName(item.twin.other);
    lines.push(
      `Read: ${headlineFigures(twin.shown, estimate.currency)}; the ${other} version: ${headlineFigures(twin.other, estimate.currency)}`,
    );
  }
  return lines.join('\n');
}

function failedChecks(estimate: Estimate): Block[] {
  const failed = estimate.checks.filter((c) => !c.ok);
  if (failed.length === 0) return [];
  const list = failed
    .map((c) => `${checkLabel(c.metric)} stated ${c.stated}%, figures give ${c.computed}%`)
    .join('; ');
  return [context(`:warning: The stated change does not match the figures: ${list}.`)];
}

/** One short line on the other language version: they agree, they differ, or it was unreadable. */
function twinLine(item: FiledEstimate): Block[] {
  const twin = item.twin;
  if (!twin) return [];
  const other = languageName(twin.other);
  switch (twin.verdict) {
    case 'match':
      return [context(`:white_check_mark: Figures match the ${other} version.`)];
    case 'mismatch': {
      const labels = twin.differences.map((d) => {
        const metric = item.estimate.metrics.find((m) => m.name === d.metric);
        return metric ? metricLabel(metric).toLowerCase() : escapeText(d.label);
      });
      const which = labels.length > 0 ? `: ${labels.join(', ')}` : ' (the period)';
      return [
        context(
          `:warning: The ${other} version reads some figures differently${which}; they are unconfirmed.`,
        ),
      ];
    }
    case 'nothing_to_compare':
      return [context(`The ${other} version states none of these figures; they are not cross-checked.`)];
    case 'other_unreadable':
      return [
        context(
          `:warning: The ${other} version could not be read (${escapeText(twin.error ?? 'unknown reason')}); figures not cross-checked.`,
        ),
      ];
  }
}

function pdfButtons(filing: Filing, report = true): Block {
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
      ...(report ? [reportButton(filing)] : []),
    ],
  };
}

function reportButton(filing: Filing) {
  return {
    type: 'button' as const,
    action_id: REPORT_ACTION,
    text: { type: 'plain_text' as const, text: 'Report a wrong figure' },
    value: filing.id,
  };
}

function releaseLine(filing: Filing): Block {
  return context(`Released ${hktTime(filing.releasedAt)} · ${escapeText(filing.title)}`);
}

function fallbackText(item: FiledEstimate): string {
  const { filing, estimate } = item;
  const metric = headlineMetric(estimate.metrics);
  const figures = !metric
    ? ''
    : isConfirmed(item, metric)
      ? `: ${metricLabel(metric).toLowerCase()} ${headlineFigures(metric, estimate.currency).replace(/\*/g, '')}`
      : `: ${metricLabel(metric).toLowerCase()} unconfirmed, see the PDF`;
  return `${kindLabel(estimate.kind)} · ${companyLabel(filing, estimate)}${figures} (${periodText(estimate.period)})`;
}

function alertBlocks(item: FiledEstimate): Block[] {
  const { filing, estimate } = item;
  return [
    header(estimate.kind, filing, estimate),
    section(`*${periodText(estimate.period)}*\n${headlineText(item)}`),
    ...failedChecks(estimate),
    ...twinLine(item),
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
  const after = headlineMetric(item.estimate.metrics);
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

type Detail = 'readable' | 'exact';

/**
 * A metric's figures for the thread: losses as people say them ("loss of HK$30m to HK$40m") or,
 * asked for the figures, every digit; unconfirmed figures say why; with `quotes`, each figure's
 * line of the announcement follows it.
 */
function metricSection(item: FiledEstimate, metric: Metric, detail: Detail, quotes: boolean): Block {
  const { currency } = item.estimate;
  const range = detail === 'exact' ? exactRange : readableRange;
  const money = detail === 'exact' ? exactMoney : compactMoney;
  const reasons = doubts(item, metric);
  const head = `*${escapeText(metric.label)}*${reasons.length > 0 ? ` · :warning: unconfirmed: ${reasons.join('; ')}` : ''}`;
  const lines = [head, `This period: ${range(metric.current, currency)}`];
  const twin = twinDifference(item, metric);
  if (twin && item.twin)
    lines.push(`The ${languageName(item.twin.other)} version: ${range(twin.other.current, currency)}`);
  lines.push(
    `Same period last year: ${metric.prior === null ? 'not stated' : money(metric.prior, currency)}`,
  );
  lines.push(`Stated change: ${metric.changePct ? percentRange(metric.changePct) : 'not stated'}`);
  if (quotes) lines.push(...evidenceLines(metric));
  return section(lines.join('\n'));
}

/** Each distinct line the metric's figures were read from, quoted, with its page. */
function evidenceLines(metric: Metric): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const quote of [metric.evidence.current, metric.evidence.prior, metric.evidence.changePct]) {
    if (quote === null || seen.has(quote.line)) continue;
    seen.add(quote.line);
    out.push(quoteLine(quote));
  }
  return out;
}

const quoteLine = ({ page, line }: Evidence): string =>
  `> ${escapeText(line)}${page === null ? '' : ` _(p. ${page})_`}`;

const NO_FIGURES = 'No figures could be read from the announcement.';

function figureBlocks(
  item: FiledEstimate,
  detail: Detail,
  quotes: (m: Metric) => boolean,
  title = '*Figures*',
): Block[] {
  const { estimate } = item;
  if (estimate.metrics.length === 0) return [section(NO_FIGURES)];
  return [
    section(`${title} · ${periodText(estimate.period)}`),
    ...estimate.metrics.map((m) => metricSection(item, m, detail, quotes(m))),
  ];
}

function driverBlocks({ estimate }: Pick<FiledEstimate, 'estimate'>): Block[] {
  if (estimate.drivers.length === 0) return [section('The announcement states no reasons for the change.')];
  return packedSections(
    '*Reasons given*',
    estimate.drivers.map((d, i) => `${i + 1}. ${escapeText(d)}`),
  );
}

function checkBlocks({ estimate }: Pick<FiledEstimate, 'estimate'>): Block[] {
  if (estimate.checks.length === 0) return [];
  return packedSections(
    '*Checks* (stated change against the figures)',
    estimate.checks.map(
      (c) =>
        `${c.ok ? ':white_check_mark:' : ':warning:'} ${checkLabel(c.metric)}: stated ${c.stated}%, computed ${c.computed}%`,
    ),
  );
}

function auditLine({ estimate }: Pick<FiledEstimate, 'estimate'>): Block {
  return context(estimate.audited ? 'Audited figures.' : 'Unaudited: figures as stated in the announcement.');
}

/**
 * The details posted in the alert's thread: every figure read, the lines the headline figure and
 * any unconfirmed one were read from, the reasons and the checks.
 */
export function threadMessage(item: FiledEstimate): SlackMessage {
  const lead = headlineMetric(item.estimate.metrics);
  const quoted = (m: Metric) => m === lead || !isConfirmed(item, m);
  return fitMessage({
    text: `Details: ${fallbackText(item)}`,
    blocks: [
      ...figureBlocks(item, 'readable', quoted),
      ...twinLine(item),
      ...driverBlocks(item),
      ...checkBlocks(item),
      auditLine(item),
    ],
  });
}

/** Every figure in full, as the `figures` mention asks. */
export function figuresMessage(item: FiledEstimate): SlackMessage {
  return fitMessage({
    text: `Figures: ${fallbackText(item)}`,
    blocks: [...figureBlocks(item, 'exact', () => false), auditLine(item)],
  });
}

/** Where every figure was read, as the `evidence` (or `source`) mention asks. */
export function evidenceMessage(item: FiledEstimate): SlackMessage {
  if (item.estimate.metrics.length === 0) return textMessage(NO_FIGURES);
  return fitMessage({
    text: `Evidence: ${fallbackText(item)}`,
    blocks: figureBlocks(item, 'readable', () => true, '*Where each figure was read*'),
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
      pdfButtons(filing, false),
    ],
  });
}

/** How a settled estimate landed, for showing with it. */
function landingBlocks(item: FiledEstimate): Block[] {
  const [lead] = item.landings ?? [];
  if (!lead) return [];
  return [
    section(`*Results are out.* ${landingSentence(lead, item.estimate.currency, item.estimate.period)}`),
  ];
}

/** The ephemeral answer to `/estimate CODE`, with a button to share it; a settled one says how it landed. */
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
  return fitMessage({
    text: fallbackText(item),
    blocks: [...alertBlocks(item), ...landingBlocks(item), share],
  });
}

/** The estimate as shared in a channel by a user. */
export function sharedMessage(item: FiledEstimate, userId: string): SlackMessage {
  const sharer = mention(userId);
  return fitMessage({
    text: fallbackText(item),
    blocks: [...alertBlocks(item), context(`Shared by ${sharer}`)],
  });
}

/** One estimate on a line: its date, kind, period, headline figure, PDF and, once settled, how it landed. */
export function historyLine({ filing, estimate, landing }: HistoryItem): string {
  const released = hktDate(filing.releasedAt);
  const what = estimate
    ? `${kindLabel(estimate.kind)} · ${periodText(estimate.period)} · ${headlineText({ filing, estimate }).split('\n')[0]}`
    : escapeText(filing.title);
  const verdict =
    estimate && landing ? `\n    ↳ ${landingSentence(landing, estimate.currency, estimate.period)}` : '';
  return `• ${released} · ${what} · ${link(filing.pdfUrl, 'PDF')}${verdict}`;
}

/** A stock's estimates over time, newest first, each with how it landed, and the company's record. */
export function historyMessage(code: string, items: HistoryItem[]): SlackMessage {
  const first = items[0];
  const title = first
    ? `*Estimates for ${companyLabel(first.filing, first.estimate)}*`
    : `*Estimates for ${code}*`;
  const record = guidanceRecord(items.flatMap((i) => i.landing ?? []));
  const summary = items.some((i) => i.estimate !== null) ? [context(guidanceText(record))] : [];
  return fitMessage({
    text: `${items.length} estimate announcement(s) for ${code}`,
    blocks: [...packedSections(title, items.map(historyLine)), ...summary],
  });
}

/** A short text-only reply. */
export function textMessage(text: string): SlackMessage {
  return fitMessage({ text, blocks: [section(text)] });
}
