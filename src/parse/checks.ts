import { Decimal } from 'decimal.js';
import type { Check, Metric } from '../estimate.js';

// Recomputes each stated change from the figures, exactly: (current / prior - 1) x 100, to two
// decimals. A stated change matches when it equals the computed one at the precision the
// document states it with (55% matches 55.00; 61.61% must match 61.61).

const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

export function checkChanges(
  metrics: readonly Pick<Metric, 'name' | 'current' | 'prior' | 'changePct'>[],
): Check[] {
  return metrics.flatMap((metric) => {
    const { changePct, current, prior } = metric;
    if (changePct === null || prior === null) return [];
    // A single stated change ("approximately 35%") is one statement, checked once.
    const ends = changePct.low === changePct.high ? (['low'] as const) : (['low', 'high'] as const);
    return ends.flatMap((end) => {
      const stated = changePct[end];
      const value = current[end];
      if (stated === null || value === null) return [];
      return checkOne(metric.name, stated, value, prior);
    });
  });
}

function checkOne(metric: string, stated: string, current: string, prior: string): Check[] {
  const now = new Exact(current);
  const before = new Exact(prior);
  if (!now.isPositive() || !before.isPositive() || now.isZero() || before.isZero()) return [];
  const change = now.div(before).minus(1).times(100);
  const places = stated.split('.')[1]?.length ?? 0;
  const ok = change.toDecimalPlaces(places).equals(new Exact(stated));
  return [{ metric, stated, computed: change.toFixed(2), ok }];
}
