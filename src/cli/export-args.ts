import { isCalendarDay as isDay } from '../export/estimates-csv.js';

// `export --from YYYY-MM-DD --to YYYY-MM-DD`: the range, or null when it is not one.

export function parseExportArgs(args: readonly string[]): { from: string; to: string } | null {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const [from, to] = [value('--from'), value('--to')];
  if (args.length !== 4 || !isDay(from) || !isDay(to) || from > to) return null;
  return { from, to };
}
