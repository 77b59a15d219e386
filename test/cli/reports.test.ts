import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import type { FigureReport } from '../../src/estimate.js';
import { openStore } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'estimate-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function reports(dbPath: string) {
  // A clean environment: only what the command needs, so no .env or token leaks in.
  const env = { PATH: process.env.PATH, DB_PATH: dbPath };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'reports'], {
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

it('prints every report in the store as one JSON line, oldest first', async () => {
  const path = join(dir, 'store.json');
  const store = await openStore(path, quietLog());
  const made: FigureReport[] = [
    {
      filingId: '1',
      field: 'net_profit_attributable.prior',
      value: 'RMB453,074,300',
      note: '',
      user: 'U1',
      at: '2023-01-31T02:00:00.000Z',
    },
    {
      filingId: '2',
      field: 'period',
      value: 'year ended 31 March 2024',
      note: 'see heading',
      user: 'U2',
      at: '2023-02-01T02:00:00.000Z',
    },
  ];
  for (const r of made) store.addReport(r);
  await store.flush();
  const { code, stdout, stderr } = await reports(path);
  expect(code).toBe(0);
  expect(stderr).toBe('');
  expect(
    stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l)),
  ).toEqual(made);
});

it('says plainly when there is no store yet', async () => {
  const { code, stdout, stderr } = await reports(join(dir, 'missing.json'));
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(/^estimate-bot: .*missing\.json: no store file/);
});
