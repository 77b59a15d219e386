import { Decimal } from 'decimal.js';
import type { Estimate, Evidence, Metric } from '../../../src/estimate.js';
import { readAmounts } from '../../../src/parse/amounts.js';
import { normalize } from '../../../src/parse/normalize.js';

// Shared by the corpus tests: evidence pages depend on where a PDF breaks its pages, which plain
// text does not have, so comparisons across the two forms leave pages out.

export function withoutPages(estimate: Estimate): Estimate {
  const unpaged = (e: Evidence | null): Evidence | null => (e === null ? null : { ...e, page: null });
  return {
    ...estimate,
    metrics: estimate.metrics.map((m) => ({
      ...m,
      evidence: {
        current: unpaged(m.evidence.current),
        prior: unpaged(m.evidence.prior),
        changePct: unpaged(m.evidence.changePct),
      },
    })),
  };
}

/** A figure's significant digits, whatever its scale: 702265000 and 70,226.5萬 both give "702265". */
const digitsOf = (value: Decimal): string =>
  value.abs().toFixed().replace('.', '').replace(/^0+/, '').replace(/0+$/, '');

/** The amounts a quoted line states, as significant digits. */
function amountsIn(line: string): Set<string> {
  const norm = normalize(line.replace(/…/g, ' '));
  const out = new Set<string>();
  // A table row's bare figures count too: any unit makes them money.
  for (const a of readAmounts(norm, 0, norm.length, { currency: null, power: 0 })) {
    out.add(digitsOf(a.low));
    out.add(digitsOf(a.high));
  }
  return out;
}

/** Why a metric's evidence does not state its figures, or null when it does. */
export function evidenceProblem(metric: Metric): string | null {
  const { current, prior, changePct, evidence } = metric;
  const money: [string, string | null, Evidence | null][] = [
    ['current.low', current.low, evidence.current],
    ['current.high', current.high, evidence.current],
    ['prior', prior, evidence.prior],
  ];
  for (const [what, value, quote] of money) {
    if (value === null) continue;
    if (quote === null) return `${what} ${value} has no evidence`;
    if (!amountsIn(quote.line).has(digitsOf(new Decimal(value))))
      return `${what} ${value} is not in "${quote.line}"`;
  }
  if (changePct !== null) {
    const quote = evidence.changePct;
    if (quote === null) return 'changePct has no evidence';
    const stated = [changePct.low, changePct.high].filter((v): v is string => v !== null);
    const line = normalize(quote.line);
    for (const value of stated) {
      const abs = value.replace(/^-/, '');
      // "16 times", "26-fold", "double", "一倍": a multiple stated as a word, not a percentage.
      const multiple = new Decimal(abs).div(100).toFixed();
      const asMultiple = new RegExp(
        `(?:${multiple}|[一二兩三四五六七八九十]+)\\s?(?:-?\\s?fold|times|倍)|doubl`,
        'i',
      );
      if (!line.includes(abs) && !asMultiple.test(line))
        return `changePct ${value} is not in "${quote.line}"`;
    }
  }
  return null;
}
