import { Decimal } from 'decimal.js';
import type { Estimate } from '../estimate.js';
import type { Filing } from '../hkex/filing.js';
import type { Results } from '../results.js';
import { changePosition, type GuidanceRecord, type Landing } from '../settle/landing.js';
import { compactMoney, compactRange, percentRange, periodText, shortCompanyName } from './format.js';
import { type Block, fitMessage, type SlackMessage } from './limits.js';
import { escapeText, link } from './mrkdwn.js';

// How an estimate landed, in words that are true for its kind: a range (profit or loss), a bound
// ("not less than"), a turnaround, or a change alone. "Below" a loss range is a deeper loss, so
// loss ranges are worded as losses. Everything from a filing is escaped here.

const isLoss = (range: Landing['estimated']) =>
  [range.low, range.high].some((b) => b !== null && new Decimal(b).isNeg()) &&
  (range.high === null || new Decimal(range.high).lte(0));

function signedPct(value: string): string {
  return `${new Decimal(value).isNeg() ? '' : '+'}${value}%`;
}

/** "vs 2021", "vs 1H 2021": the prior period, named from the estimate's period end. */
function priorName(period: Estimate['period']): string {
  const year = period.end ? Number(period.end.slice(0, 4)) - 1 : null;
  if (year === null) return 'vs the prior period';
  return period.type === 'interim'
    ? `vs 1H ${year}`
    : period.type === 'annual'
      ? `vs ${year}`
      : 'vs a year earlier';
}

/** How the actual moved on the prior year: "+76.8% vs 2021", "turning a loss of RMB20m into a profit". */
function changeText(l: Landing, currency: string | null, period: Estimate['period']): string | null {
  if (l.prior === null) return null;
  const prior = new Decimal(l.prior);
  const actual = new Decimal(l.actual);
  if (prior.isNeg() && actual.gt(0)) return `turning a ${compactMoney(l.prior, currency)} into a profit`;
  if (prior.gt(0) && actual.isNeg()) return `down from a profit of ${compactMoney(l.prior, currency)}`;
  if (l.changePct !== null) return `${signedPct(l.changePct)} ${priorName(period)}`;
  return null;
}

/** Where the actual fell against the estimate, worded for the estimate's kind. */
function placeText(l: Landing, currency: string | null): string {
  const estimated = compactRange(l.estimated, currency);
  const by =
    l.missBy === null
      ? ''
      : ` by ${compactMoney(l.missBy, currency)}${l.missPct === null ? '' : ` (${l.missPct}%)`}`;
  const loss = isLoss(l.estimated);
  switch (l.position) {
    case 'inside':
      return l.rangePct === null
        ? `as estimated (${estimated})`
        : `inside the estimated ${estimated} (${Number(l.rangePct).toFixed(0)}% of the way up)`;
    case 'below':
      return loss
        ? `a deeper loss than the estimated ${estimated}${by}`
        : `below the estimated ${estimated}${by}`;
    case 'above':
      if (loss && new Decimal(l.actual).gt(0)) return `a profit, against the estimated ${estimated}`;
      return loss
        ? `a smaller loss than the estimated ${estimated}${by}`
        : `above the estimated ${estimated}${by}`;
    case 'met':
      return `meeting the estimate of ${estimated}`;
    case 'missed':
      return `short of the estimate of ${estimated}${by}`;
    case 'change_only': {
      const stated = l.estimatedChange ? percentRange(l.estimatedChange) : 'a change';
      const where =
        l.changePct !== null && l.estimatedChange ? changePosition(l.changePct, l.estimatedChange) : null;
      return where === null
        ? `against an estimated change of ${stated}`
        : `${where === 'inside' ? 'within' : where} the estimated change of ${stated}`;
    }
  }
}

/** "Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m (73% of the way up), +76.8% vs 2021". */
export function landingSentence(l: Landing, currency: string | null, period: Estimate['period']): string {
  const change = changeText(l, currency, period);
  const place = placeText(l, currency);
  const parts = [`Actual: ${compactMoney(l.actual, currency)}`];
  // A change-only estimate is judged by the change, so it comes first there.
  if (l.position === 'change_only') parts.push(...(change ? [change] : []), place);
  else parts.push(place, ...(change ? [change] : []));
  return parts.join(', ');
}

/** The prior year restated in the results: it differs from the figure the estimate was made on. */
function restatedText(l: Landing, currency: string | null): string | null {
  if (l.estimatePrior === null || l.prior === null) return null;
  return `The results state the prior year at ${compactMoney(l.prior, currency)}; the estimate used ${compactMoney(l.estimatePrior, currency)} (restated).`;
}

/** Whether the headline missed: such a reply is also sent to the channel. */
export function missed(l: Landing | undefined): boolean {
  if (!l) return false;
  if (l.position === 'change_only')
    return (
      l.changePct !== null &&
      l.estimatedChange !== null &&
      changePosition(l.changePct, l.estimatedChange) !== 'inside'
    );
  return l.position === 'below' || l.position === 'above' || l.position === 'missed';
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

export interface SettledEstimate {
  filing: Filing;
  estimate: Estimate;
}

/** The reply in the estimate's thread: how the headline and each other metric landed. */
export function landingMessage(
  results: { filing: Filing; results: Results },
  settled: SettledEstimate,
  all: readonly Landing[],
): SlackMessage {
  const { estimate } = settled;
  const currency = estimate.currency ?? results.results.currency;
  const [lead, ...rest] = all;
  const name = shortCompanyName(
    estimate.company.en ?? results.results.company.en ?? estimate.company.zh ?? '',
  );
  const title = `*Results are out*: ${escapeText(name)} · ${periodText(estimate.period)}`;
  const lines = lead
    ? [`*${escapeText(lead.label)}*: ${landingSentence(lead, currency, estimate.period)}`]
    : ['The results state none of the figures the estimate gave.'];
  for (const l of rest)
    lines.push(`• ${escapeText(l.label)}: ${landingSentence(l, currency, estimate.period)}`);
  const restated = all.flatMap((l) => restatedText(l, currency) ?? []);
  const text =
    `${name}: results are out. ${lead ? landingSentence(lead, currency, estimate.period) : ''}`.trim();
  return fitMessage({
    text,
    blocks: [
      section(title),
      section(lines.join('\n')),
      ...restated.map((r) => section(r)),
      context(
        `${results.results.audited ? 'Audited' : 'Unaudited'} · ${link(results.filing.pdfUrl, 'results PDF')}`,
      ),
    ],
  });
}

/** "3 of 4 estimates landed inside the range; actuals at 62% of the range on average". */
export function guidanceText(record: GuidanceRecord): string {
  if (record.settled === 0) return 'No estimate has been settled by results yet.';
  const held = `${record.held} of ${record.settled} estimate${record.settled === 1 ? '' : 's'} landed inside the range`;
  const mean =
    record.meanRangePct === null ? '' : `; actuals at ${record.meanRangePct}% of the range on average`;
  return `${held}${mean}.`;
}
