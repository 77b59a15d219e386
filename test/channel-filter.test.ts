import { describe, expect, it } from 'vitest';
import { type ChannelFilter, NO_FILTER, passesFilter } from '../src/channel-filter.js';
import { estimate, filing, metric } from './pipeline/fakes.js';

const withChange = (
  low: string | null,
  high: string | null,
  direction: 'increase' | 'turnaround_profit' = 'increase',
) =>
  estimate({
    kind: 'positive_profit_alert',
    metrics: [
      metric({
        name: 'net_profit_attributable',
        label: 'profit',
        current: { low: '1', high: '2' },
        direction,
        changePct: low === null && high === null ? null : { low, high },
      }),
    ],
  });
const main = filing('1', '2024-01-01T00:00:00Z', { board: 'sehk' });
const gem = filing('2', '2024-01-01T00:00:00Z', { board: 'gem' });
const f = (over: Partial<ChannelFilter>): ChannelFilter => ({ ...NO_FILTER, ...over });

describe('passesFilter', () => {
  it('lets everything through without a filter', () => {
    expect(passesFilter(null, main, withChange('5', '5'))).toBe(true);
  });

  it('keeps the kinds asked for', () => {
    expect(passesFilter(f({ kinds: ['profit_warning'] }), main, withChange('50', '60'))).toBe(false);
    expect(passesFilter(f({ kinds: ['positive_profit_alert'] }), main, withChange('50', '60'))).toBe(true);
  });

  it('asks for a stated change of at least the minimum, either way', () => {
    const min30 = f({ minChangePct: '30' });
    expect(passesFilter(min30, main, withChange('20', '35'))).toBe(true);
    expect(passesFilter(min30, main, withChange('-45', '-40'))).toBe(true);
    expect(passesFilter(min30, main, withChange('10', '20'))).toBe(false);
    expect(passesFilter(min30, main, withChange(null, null))).toBe(false);
    // A turnaround is the largest change there is.
    expect(passesFilter(min30, main, withChange(null, null, 'turnaround_profit'))).toBe(true);
  });

  it('keeps one board', () => {
    expect(passesFilter(f({ boards: ['gem'] }), main, withChange('50', '60'))).toBe(false);
    expect(passesFilter(f({ boards: ['gem'] }), gem, withChange('50', '60'))).toBe(true);
  });
});
