import { Decimal } from 'decimal.js';
import type { Estimate, Metric, MetricFigures, Range, TwinCheck, TwinDifference } from '../estimate.js';

// The English and Chinese versions of one filing state the same figures; reading both and
// comparing them metric by metric catches what one reading got wrong. Pure: two Estimates in,
// the one to show (each metric from the version whose checks pass) and the verdict out.

const LANGUAGE_NAME = { en: 'English', zh: 'Chinese' } as const;

export const languageName = (language: 'en' | 'zh'): string => LANGUAGE_NAME[language];

export interface TwinResult {
  estimate: Estimate;
  check: TwinCheck;
  /** The version the shown estimate is based on. */
  base: 'en' | 'zh';
}

/**
 * `first` is the filing's English (or only) version, `second` its Chinese one. The shown estimate
 * is the one with more confirmed figures (the English on a tie); a metric both state and that
 * disagrees is shown from the version whose own checks pass, and marked unsure either way.
 */
export function crossCheck(first: Estimate, second: Estimate): TwinResult {
  const [base, other] = confirmedCount(second) > confirmedCount(first) ? [second, first] : [first, second];
  const otherLanguage = other === second ? 'zh' : 'en';
  const differences: TwinDifference[] = [];
  let compared = 0;
  const metrics = base.metrics.map((mine) => {
    const theirs = other.metrics.find((m) => m.name === mine.name);
    if (theirs === undefined) return mine;
    compared++;
    const fields = differingFields(mine, theirs);
    if (fields.length === 0) return mine;
    // Show the reading whose own checks pass; the other is named beside it.
    const [shown, named] = isSure(mine) || !isSure(theirs) ? [mine, theirs] : [theirs, mine];
    differences.push({
      metric: mine.name,
      label: mine.label,
      fields,
      shown: figures(shown),
      other: figures(named),
    });
    const reason = `the ${languageName(otherLanguage)} version reads the ${fields.join(', ')} differently`;
    return {
      ...shown,
      label: mine.label,
      confidence: { level: 'unsure' as const, reasons: [...shown.confidence.reasons, reason] },
    };
  });
  const periodDiffers =
    base.period.end !== null && other.period.end !== null && base.period.end !== other.period.end;
  const verdict =
    differences.length > 0 || periodDiffers ? 'mismatch' : compared > 0 ? 'match' : 'nothing_to_compare';
  return {
    estimate: { ...base, metrics },
    check: { verdict, other: otherLanguage, differences, error: null },
    base: otherLanguage === 'zh' ? 'en' : 'zh',
  };
}

/** One version could not be read: the other is shown as it is, and the alert says which failed. */
export function unreadableTwin(language: 'en' | 'zh', error: string): TwinCheck {
  return { verdict: 'other_unreadable', other: language, differences: [], error };
}

const confirmedCount = (estimate: Estimate): number => estimate.metrics.filter(isSure).length;

const isSure = (metric: Metric): boolean => metric.confidence.level === 'confirmed';

const figures = ({ current, prior, changePct }: Metric): MetricFigures => ({ current, prior, changePct });

function differingFields(a: Metric, b: Metric): TwinDifference['fields'] {
  const out: TwinDifference['fields'] = [];
  if (!sameRange(a.current, b.current)) out.push('current');
  if (!sameValue(a.prior, b.prior)) out.push('prior');
  if (!sameRange(a.changePct, b.changePct)) out.push('changePct');
  return out;
}

/** Decimal equality, so "55" and "55.00" or "0.5" and "0.50" agree; null only with null. */
function sameValue(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  return new Decimal(a).equals(b);
}

function sameRange(a: Range | null, b: Range | null): boolean {
  if (a === null || b === null) return a === b;
  return sameValue(a.low, b.low) && sameValue(a.high, b.high);
}
