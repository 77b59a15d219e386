// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json) and copies what tsc does
// not emit (the PDF reader process's script). Plain JavaScript so that it runs before any build.
// bin/run.mjs calls `buildIfStale` so that `npm start` and `npm run demo` work on a fresh clone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
/** Written last by tsc, so its time is the build's. */
const STAMP = join(DIST, '.tsbuildinfo');
const COPIED = ['pdf/worker.mjs', 'pdf/text-only-pdfjs.mjs'];

/** The newest modification time under a directory, in ms. */
function newest(dir) {
  let most = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    most = Math.max(most, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return most;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** True when dist/ is missing or older than a source file or the compiler settings. */
export function isStale() {
  const built = mtime(STAMP);
  if (built < 0) return true;
  const sources = Math.max(
    newest(join(ROOT, 'src')),
    mtime(join(ROOT, 'tsconfig.json')),
    mtime(join(ROOT, 'tsconfig.build.json')),
  );
  return sources > built;
}

export function build() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error(
      'the build needs TypeScript: run `npm ci` (dev dependencies included), then `npm run build`',
    );
  }
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`the build failed (tsc exit code ${result.status})`);
  for (const file of COPIED) copyFileSync(join(ROOT, 'src', file), join(DIST, file));
}

export function buildIfStale() {
  if (!isStale()) return false;
  build();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (error) {
    process.stderr.write(`estimate-bot: ${error.message}\n`);
    process.exit(1);
  }
}
