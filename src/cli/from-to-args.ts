import { isCalendarDay } from '../export/estimates-csv.js';

// Commands that take `--from X --to Y` (export, migrate-store): the two values, or null when the
// arguments are not exactly those two flags with a value each.

export function fromToArgs(args: readonly string[]): { from: string; to: string } | null {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const [from, to] = [value('--from'), value('--to')];
  return args.length === 4 && from && to ? { from, to } : null;
}

/** `export --from YYYY-MM-DD --to YYYY-MM-DD`: the range, or null when it is not one. */
export function parseExportArgs(args: readonly string[]): { from: string; to: string } | null {
  const range = fromToArgs(args);
  if (!range || !isCalendarDay(range.from) || !isCalendarDay(range.to) || range.from > range.to) return null;
  return range;
}
