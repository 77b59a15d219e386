// Runs an entry point of the built bot with plain node: `node bin/run.mjs main|demo|cli [args]`.
// Builds first when dist/ is missing or older than src/ (a fresh clone, a pull), so the
// quick start stays `npm ci && npm run demo`; an up-to-date build costs a few ms to check.
import { buildIfStale } from '../scripts/build.mjs';

/** Each entry point's module under dist/. */
const ENTRIES = new Map([
  ['main', 'app/main.js'],
  ['demo', 'app/demo.js'],
  ['cli', 'cli.js'],
]);
const [entry] = process.argv.splice(2, 1);
if (!entry || !ENTRIES.has(entry)) {
  process.stderr.write(`usage: node bin/run.mjs ${[...ENTRIES.keys()].join('|')} [arguments]\n`);
  process.exit(2);
}
try {
  if (buildIfStale()) process.stderr.write('estimate-bot: built dist/ from src/\n');
} catch (error) {
  process.stderr.write(`estimate-bot: ${error.message}\n`);
  process.exit(1);
}
await import(`../dist/${ENTRIES.get(entry)}`);
