import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { storeCharts } from '../../src/slack/chart.js';
import { createTerminalAlertSink } from '../../src/slack/terminal-sink.js';
import { createMemoryStore } from '../../src/store/index.js';
import { filingFor, JL_MAG, JL_MAG_RECORD, recordFor } from './samples.js';

it('prints the alert and its thread as plain text, with the same content as Slack', async () => {
  let printed = '';
  const sink = createTerminalAlertSink({ write: (t) => (printed += t) });
  const first = await sink.postAlert('C1', JL_MAG_RECORD);
  const second = await sink.postFailure(
    'C1',
    recordFor(null, filingFor(JL_MAG, { id: '9', title: 'PROFIT WARNING & <!here>' })),
  );
  expect(first.ts).not.toBe(second.ts);
  expect(printed).toContain('[C1]\nResults estimate · JL MAG Rare-Earth (06680)');
  expect(printed).toContain('Net profit attributable: RMB702.3m–838.2m vs RMB453.1m, +55% to +85%');
  expect(printed).toContain('  │ This period: RMB702.3m to RMB838.2m');
  expect(printed).toContain('English PDF: https://www1.hkexnews.hk/');
  expect(printed).toContain('PROFIT WARNING & <!here>');
  expect(await sink.findAlert('C1', JL_MAG_RECORD.filing.id)).toBeNull();
});

it("writes each alert's chart beside the store and prints its path", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'estimate-bot-charts-'));
  try {
    let printed = '';
    const sink = createTerminalAlertSink(
      { write: (t) => (printed += t) },
      { dir, make: storeCharts(createMemoryStore()) },
    );
    await sink.postAlert('C1', JL_MAG_RECORD);
    const path = join(dir, `estimate-${JL_MAG_RECORD.filing.id}.png`);
    expect(printed).toContain(`  │ Chart: ${path}`);
    // A PNG: its signature.
    expect((await readFile(path)).subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it('says so when a chart cannot be written, and still counts the alert as posted', async () => {
  let printed = '';
  const sink = createTerminalAlertSink(
    { write: (t) => (printed += t) },
    { dir: '/dev/null/charts', make: storeCharts(createMemoryStore()) },
  );
  const ref = await sink.postAlert('C1', JL_MAG_RECORD);
  expect(ref.channel).toBe('C1');
  expect(printed).toContain('Chart not written:');
});
