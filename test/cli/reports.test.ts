import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { FigureReport } from '../../src/estimate.js';
import { openStore } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'estimate-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A clean environment: only what the command needs, so no .env or token leaks in.
const reports = (dbPath: string) => runCli(['reports'], { PATH: process.env.PATH, DB_PATH: dbPath });

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
