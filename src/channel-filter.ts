import { Decimal } from 'decimal.js';
import type { Estimate, EstimateKind } from './estimate.js';
import type { Board, Filing } from './hkex/filing.js';
import { headlineMetric } from './parse/headline-metric.js';

// What an alert channel gets beyond its watchlist (`/estimate filter`): some kinds of estimate
// only, a minimum stated change, one board. Stored with the watchlists; a channel without one
// gets every estimate. A watched stock's estimates always reach the channel watching it.

export interface ChannelFilter {
  /** null: every kind. */
  kinds: EstimateKind[] | null;
  /** The headline's stated change must reach this, either way (percent, a decimal string). */
  minChangePct: string | null;
  /** null: both boards. */
  boards: Board[] | null;
}

export const NO_FILTER: ChannelFilter = { kinds: null, minChangePct: null, boards: null };

/** Whether an estimate passes a channel's filter. A turnaround passes any minimum change. */
export function passesFilter(
  filter: ChannelFilter | null,
  filing: Pick<Filing, 'board'>,
  estimate: Estimate | null,
): boolean {
  if (!filter) return true;
  if (filter.boards && !filter.boards.includes(filing.board)) return false;
  if (filter.kinds && (!estimate?.kind || !filter.kinds.includes(estimate.kind))) return false;
  if (filter.minChangePct !== null) {
    const lead = estimate ? headlineMetric(estimate.metrics) : undefined;
    if (lead?.direction === 'turnaround_profit' || lead?.direction === 'turnaround_loss') return true;
    const stated = [lead?.changePct?.low, lead?.changePct?.high].flatMap((v) =>
      v == null ? [] : [new Decimal(v).abs()],
    );
    if (!stated.some((v) => v.gte(filter.minChangePct as string))) return false;
  }
  return true;
}
