import { Decimal } from 'decimal.js';
import type { Check, Confidence, Range } from '../estimate.js';

// Whether a metric's figures can be shown as fact. The parser never guesses silently: a stated
// change that the figures contradict, a range whose ends disagree in sign, or a second figure
// stated for the same label makes the metric unsure, with the reasons in words.

interface Read {
  name: string;
  current: Range;
  changePct: Range | null;
  rivals: readonly string[];
}

export function confidenceOf(metric: Read, checks: readonly Check[]): Confidence {
  const reasons: string[] = [];
  for (const check of checks) {
    if (check.metric === metric.name && !check.ok && !withinBound(check, metric.changePct)) {
      reasons.push(
        `stated change ${check.stated}% does not match ${check.computed}% computed from the figures`,
      );
    }
  }
  const { low, high } = metric.current;
  if (low !== null && high !== null && new Decimal(low).isNegative() !== new Decimal(high).isNegative()) {
    reasons.push(`the range's ends disagree in sign (${low} to ${high})`);
  }
  if (metric.rivals.length > 0) {
    reasons.push(`another figure is stated for the same label (${metric.rivals.join(', ')})`);
  }
  return { level: reasons.length > 0 ? 'unsure' : 'confirmed', reasons };
}

/**
 * "an increase of not less than 80%" is borne out by a computed 87.50%: a one-sided change only
 * contradicts the figures when they fall on the wrong side of it.
 */
function withinBound(check: Check, change: Range | null): boolean {
  if (change === null || (change.low !== null && change.high !== null)) return false;
  const computed = new Decimal(check.computed);
  return change.high === null ? computed.gte(check.stated) : computed.lte(check.stated);
}
