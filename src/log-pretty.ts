import type { DestinationStream } from 'pino';

// Readable log lines for a person at a terminal: "14:03:07 WARN  poll cycle failed  error=…".
// The JSON line pino writes (already redacted) is reformatted, so nothing is logged that the
// JSON form would not log.

const LEVEL_WIDTH = 5;
const SKIPPED = new Set(['level', 'time', 'msg', 'name']);

export function prettyDestination(
  write: (text: string) => void = (t) => process.stdout.write(t),
): DestinationStream {
  return {
    write(line: string) {
      write(`${prettyLine(line)}\n`);
    },
  };
}

export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = String(entry.level ?? '')
    .toUpperCase()
    .padEnd(LEVEL_WIDTH);
  const fields = Object.entries(entry)
    .filter(([key]) => !SKIPPED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return [time, level, String(entry.msg ?? ''), ...fields].filter((part) => part !== '').join('  ');
}
