import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { quietLog } from '../pipeline/fakes.js';
import { JL_MAG_RECORD } from '../slack/samples.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'estimate-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exportCsv = (dbPath: string, ...args: string[]) =>
  runCli(['export', ...args], { PATH: process.env.PATH, DB_PATH: dbPath });

it('prints the estimates filed in the range as CSV, reading the store beside a running bot', async () => {
  const path = join(dir, 'store.json');
  // Held open, as by the running bot: the export reads without the lock and writes nothing.
  const store = await openStore(path, quietLog());
  store.put(JL_MAG_RECORD);
  await store.flush();

  const { code, stdout } = await exportCsv(path, '--from', '2023-01-30', '--to', '2023-01-30');
  expect(code).toBe(0);
  const [header, ...rows] = stdout.trim().split('\n');
  expect(header?.startsWith('code,company,kind,period_start,period_end,metric,label')).toBe(true);
  expect(rows[0]).toContain('06680,"JL MAG RARE-EARTH CO., LTD.",results_estimate');
  expect(rows[0]).toContain('702265000,838187300,453074200');
  expect(
    (await exportCsv(path, '--from', '2023-02-01', '--to', '2023-02-28')).stdout.trim().split('\n'),
  ).toHaveLength(1);
  await store.close();
});

it('refuses a range that is not one, with exit code 2', async () => {
  const result = await exportCsv(join(dir, 'none.json'), '--from', '2023-02-30', '--to', '2023-03-01');
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('export needs --from and --to dates');
});
