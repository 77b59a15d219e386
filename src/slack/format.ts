import { Decimal } from 'decimal.js';
import type { Estimate, EstimateKind, Range } from '../estimate.js';
import { hktWallClock } from '../hkex/time.js';

// Compact, exact text for Slack: money and percentages from the Estimate's decimal strings,
// dates in Hong Kong time. Nothing here escapes: callers escape what came from a filing.

const PREFIX: Record<string, string> = { CNY: 'RMB', HKD: 'HK$', USD: 'US$', EUR: '€', GBP: '£', JPY: '¥' };

/** Each kind of estimate in words, one and many: "profit warning", "profit warnings". */
const KIND_NAMES: Record<EstimateKind, readonly [one: string, many: string]> = {
  profit_warning: ['profit warning', 'profit warnings'],
  positive_profit_alert: ['positive profit alert', 'positive profit alerts'],
  profit_alert: ['profit alert', 'profit alerts'],
  results_estimate: ['results estimate', 'results estimates'],
};

/** "profit warning" for one, "profit warnings" for any other count. */
export function kindName(kind: EstimateKind, count = 1): string {
  return KIND_NAMES[kind][count === 1 ? 0 : 1];
}

/** "Profit warning", as a label; "Announcement" for a document of no estimate kind. */
export function kindLabel(kind: EstimateKind | null): string {
  const name = kind ? kindName(kind) : 'announcement';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export function currencyPrefix(currency: string | null): string {
  if (currency === null) return '';
  return PREFIX[currency] ?? `${currency} `;
}

const SCALES = [
  { at: new Decimal('1e9'), suffix: 'bn', dp: 2 },
  { at: new Decimal('1e6'), suffix: 'm', dp: 1 },
] as const;

/** 702265000 → "702.3m", 6936123100 → "6.94bn", 0.52 → "0.52": magnitude only, no sign. */
function compactMagnitude(abs: Decimal): string {
  const scale = SCALES.find((s) => abs.gte(s.at));
  if (!scale) return group(abs.toFixed());
  const scaled = abs.div(scale.at).toDecimalPlaces(scale.dp, Decimal.ROUND_HALF_UP);
  // "35m" reads better than "35.0m"; Decimal#toString drops the trailing zeros.
  return `${group(scaled.toString())}${scale.suffix}`;
}

function group(plain: string): string {
  const [int = '', frac] = plain.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** "RMB702,265,000", "-RMB45,000,000": every digit the document gave. */
export function exactMoney(amount: string, currency: string | null): string {
  const d = new Decimal(amount);
  return `${d.isNeg() ? '-' : ''}${currencyPrefix(currency)}${group(d.abs().toFixed())}`;
}

/** "RMB702.3m", or "loss of RMB12m" for a negative figure. */
export function compactMoney(amount: string, currency: string | null): string {
  const d = new Decimal(amount);
  const text = `${currencyPrefix(currency)}${compactMagnitude(d.abs())}`;
  return d.isNeg() ? `loss of ${text}` : text;
}

/**
 * A range of amounts, compact: "RMB702.3m–838.2m", "loss of RMB35m–45m", "at least RMB500m".
 * A bound alone reads as what it means for the figure, whichever its sign.
 */
export function compactRange(range: Range, currency: string | null): string {
  const { low, high } = range;
  if (low === null && high === null) return 'not stated';
  if (low === null || high === null) {
    const bound = (low ?? high) as string;
    const negative = new Decimal(bound).isNeg();
    // value ≥ low: a floor on profit, or a cap on a loss; value ≤ high: the reverse.
    const word = (low !== null) !== negative ? 'at least' : 'at most';
    const money = `${currencyPrefix(currency)}${compactMagnitude(new Decimal(bound).abs())}`;
    return negative ? `loss of ${word} ${money}` : `${word} ${money}`;
  }
  const lo = new Decimal(low);
  const hi = new Decimal(high);
  if (lo.eq(hi)) return compactMoney(low, currency);
  if (lo.isNeg() !== hi.isNeg())
    return `${compactMoney(low, currency)} to profit of ${compactMoney(high, currency)}`;
  // For a loss the smaller loss reads first: "loss of RMB35m–45m".
  const [a, b] = lo.isNeg() ? [hi.abs(), lo.abs()] : [lo, hi];
  const text = `${currencyPrefix(currency)}${compactMagnitude(a)}–${compactMagnitude(b)}`;
  return lo.isNeg() ? `loss of ${text}` : text;
}

/**
 * A range as people say it: "RMB702.3m to RMB838.2m", "loss of HK$30m to HK$40m", "at least
 * RMB500m". The smaller loss reads first, whichever end is low.
 */
export function readableRange(range: Range, currency: string | null): string {
  const { low, high } = range;
  if (low === null || high === null || low === high) return compactRange(range, currency);
  const lo = new Decimal(low);
  const hi = new Decimal(high);
  // Only a span on one side of zero reads differently here: both ends in full.
  if (lo.isNeg() !== hi.isNeg()) return compactRange(range, currency);
  const money = (d: Decimal) => `${currencyPrefix(currency)}${compactMagnitude(d.abs())}`;
  if (lo.isNeg()) return `loss of ${money(hi)} to ${money(lo)}`;
  return `${money(lo)} to ${money(hi)}`;
}

/** The range in full figures: "RMB702,265,000 to RMB838,187,300", "not less than RMB500,000,000". */
export function exactRange(range: Range, currency: string | null): string {
  const { low, high } = range;
  if (low !== null && high !== null)
    return low === high
      ? exactMoney(low, currency)
      : `${exactMoney(low, currency)} to ${exactMoney(high, currency)}`;
  if (low !== null) return `not less than ${exactMoney(low, currency)}`;
  if (high !== null) return `not more than ${exactMoney(high, currency)}`;
  return 'not stated';
}

function signedPct(value: string): string {
  const d = new Decimal(value);
  return `${d.isNeg() ? '-' : '+'}${d.abs().toString()}%`;
}

/** "+55% to +85%", "-40% to -30%", "+50% or more", "up to +20%". */
export function percentRange(range: Range): string {
  const { low, high } = range;
  if (low !== null && high !== null)
    return low === high ? signedPct(low) : `${signedPct(low)} to ${signedPct(high)}`;
  // A floor on an increase or a ceiling on a decrease is "or more" of that change.
  if (low !== null) return new Decimal(low).isNeg() ? `up to ${signedPct(low)}` : `${signedPct(low)} or more`;
  if (high !== null)
    return new Decimal(high).isNeg() ? `${signedPct(high)} or more` : `up to ${signedPct(high)}`;
  return 'not stated';
}

/** A signed difference between two amounts: "+RMB97.7m", "-RMB12m". */
export function moneyChange(from: string, to: string, currency: string | null): string {
  const diff = new Decimal(to).minus(from);
  return `${diff.isNeg() ? '-' : '+'}${currencyPrefix(currency)}${compactMagnitude(diff.abs())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2022-12-31" → "31 Dec 2022". */
export function isoDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** An ISO instant's Hong Kong calendar day: "30 Jan 2023". */
export function hktDate(instant: string): string {
  const t = hktWallClock(new Date(instant));
  return Number.isNaN(t.getTime()) ? instant : isoDate(t.toISOString().slice(0, 10));
}

/** An ISO instant as Hong Kong time: "30 Jan 2023 19:02 HKT". */
export function hktTime(instant: string): string {
  const t = hktWallClock(new Date(instant));
  if (Number.isNaN(t.getTime())) return instant;
  return `${hktDate(instant)} ${t.toISOString().slice(11, 16)} HKT`;
}

const PERIOD_LEAD: Record<Estimate['period']['type'], string | null> = {
  annual: 'Year ended',
  interim: 'Six months ended',
  quarter: 'Three months ended',
  nine_months: 'Nine months ended',
  other: null,
};

/** "Year ended 31 Dec 2022", or the dates themselves for an unusual period. */
export function periodText(period: Estimate['period']): string {
  const lead = PERIOD_LEAD[period.type];
  if (period.end === null) return 'Period not stated';
  if (lead) return `${lead} ${isoDate(period.end)}`;
  return period.start
    ? `${isoDate(period.start)} to ${isoDate(period.end)}`
    : `Period ended ${isoDate(period.end)}`;
}

const LEGAL_SUFFIX =
  /[\s,]*(?:CO\.?,?\s*LTD\.?|COMPANY LIMITED|CORPORATION LIMITED|HOLDINGS? LIMITED|LIMITED|LTD\.?|INC\.?|PLC)\s*$/i;

/** "JL MAG RARE-EARTH CO., LTD." → "JL MAG Rare-Earth": short words stay upper case, as acronyms. */
export function shortCompanyName(name: string): string {
  const bare = name.trim().replace(LEGAL_SUFFIX, '') || name.trim();
  if (bare !== bare.toUpperCase()) return bare;
  return bare.replace(/[A-Z]{4,}/g, (w) => w[0] + w.slice(1).toLowerCase());
}
