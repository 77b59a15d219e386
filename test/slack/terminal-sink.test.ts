import { expect, it } from 'vitest';
import { createTerminalAlertSink } from '../../src/slack/terminal-sink.js';
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
