import { cpus, totalmem } from 'node:os';
import { benchChart } from './chart.js';
import { benchLatency } from './latency.js';
import { benchParse } from './parse.js';
import { benchPipeline } from './pipeline.js';
import { benchResults } from './results.js';
import type { Row } from './row.js';
import { benchScale } from './scale.js';
import { benchStartup } from './startup.js';

// `npm run bench`: every figure the issues ask for, as one table, with the machine it ran on.
// BENCHMARKS.md records the latest run. Sections run one after another so they do not compete
// for the two cores.

// `npm run bench -- parse` (or results, chart, pipeline, start, bot, scale) runs one section only.
const sections: [string, string, () => Promise<Row[]>][] = [
  ['parse', 'Parser (fixture PDFs)', benchParse],
  ['results', 'Results announcements', benchResults],
  ['chart', 'Charts', benchChart],
  ['pipeline', 'Store and pipeline', benchPipeline],
  ['start', 'Start-up (npm start to /healthz, terminal mode)', benchStartup],
  ['bot', 'Running bot (child process against the loopback fakes, 1 s poll)', benchLatency],
  ['scale', 'Beyond one machine (PostgreSQL, many workspaces)', benchScale],
];
const chosen = process.argv.slice(2);

function table(rows: Row[]): string {
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows.map((r) => `  ${r.name.padEnd(width)}  ${r.value} ${r.unit}`.trimEnd()).join('\n');
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `estimate-bot benchmarks · Node ${process.version} · ${cpus().length} × ${cpu} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`,
);
for (const [key, title, run] of sections) {
  if (chosen.length > 0 && !chosen.includes(key)) continue;
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(`${table(await run())}\n`);
}
