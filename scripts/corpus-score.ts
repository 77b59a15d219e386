// Scores the parser against the fixture corpus field by field, and shows what differs: the tool
// for working on the parser (the corpus test only says pass or fail per fixture).
// Run: npx tsx scripts/corpus-score.ts [NAME-PREFIX...] [--diff]
//
// A field counts as right when it equals the expected value exactly; metrics are compared one by
// one in order (name, label, current, prior, changePct, direction). Fields the expected file does
// not have are not scored, so a fixture written before a field existed still scores the rest.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAnnouncement } from '../src/parse/index.js';

const DIR = 'test/fixtures/announcements';
const args = process.argv.slice(2);
const showDiff = args.includes('--diff');
const prefixes = args.filter((a) => !a.startsWith('--'));

const TOP = [
  'stockCodes',
  'company',
  'title',
  'language',
  'kind',
  'direction',
  'period',
  'currency',
  'drivers',
  'checks',
];
const PER_METRIC = ['name', 'label', 'current', 'prior', 'changePct', 'direction'];

const right = new Map<string, number>();
const total = new Map<string, number>();
const count = (field: string, ok: boolean): void => {
  total.set(field, (total.get(field) ?? 0) + 1);
  if (ok) right.set(field, (right.get(field) ?? 0) + 1);
};

let perfect = 0;
let fixtures = 0;
for (const file of readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()) {
  const name = file.slice(0, -'.expected.json'.length);
  if (prefixes.length > 0 && !prefixes.some((p) => name.startsWith(p))) continue;
  fixtures++;
  const expected = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  const actual = parseAnnouncement(readFileSync(join(DIR, `${name}.txt`), 'utf8')) as unknown as Record<
    string,
    unknown
  >;
  const diffs: string[] = [];
  for (const field of TOP) {
    if (!(field in expected)) continue;
    const ok = isDeepStrictEqual(actual[field], expected[field]);
    count(field, ok);
    if (!ok)
      diffs.push(
        `${field}: got ${JSON.stringify(actual[field])}\n      want ${JSON.stringify(expected[field])}`,
      );
  }
  const got = actual.metrics as Record<string, unknown>[];
  const want = expected.metrics as Record<string, unknown>[];
  count('metrics.count', got.length === want.length);
  if (got.length !== want.length)
    diffs.push(
      `metrics: got ${got.length} (${got.map((m) => m.name).join(', ')}), want ${want.length} (${want.map((m) => m.name).join(', ')})`,
    );
  want.forEach((w, i) => {
    const g = got[i] ?? {};
    for (const field of PER_METRIC) {
      if (!(field in w)) continue;
      const ok = isDeepStrictEqual(g[field], w[field]);
      count(`metric.${field}`, ok);
      if (!ok)
        diffs.push(
          `metrics[${i}].${field}: got ${JSON.stringify(g[field])}\n      want ${JSON.stringify(w[field])}`,
        );
    }
  });
  if (diffs.length === 0) perfect++;
  else if (showDiff) console.log(`\n## ${name}\n  ${diffs.join('\n  ')}`);
}

let allRight = 0;
let all = 0;
console.log(`\n${fixtures} fixtures, ${perfect} entirely right\n`);
for (const [field, n] of total) {
  const r = right.get(field) ?? 0;
  allRight += r;
  all += n;
  console.log(
    `${field.padEnd(18)} ${String(r).padStart(4)}/${String(n).padEnd(4)} ${((100 * r) / n).toFixed(1)}%`,
  );
}
console.log(
  `${'all fields'.padEnd(18)} ${String(allRight).padStart(4)}/${String(all).padEnd(4)} ${((100 * allRight) / all).toFixed(1)}%`,
);
