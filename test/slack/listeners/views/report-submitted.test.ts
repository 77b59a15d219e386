import type { ViewResponseAction } from '@slack/bolt';
import { expect, it } from 'vitest';
import { reportSubmitted } from '../../../../src/slack/listeners/views/report-submitted.js';
import { listenerDeps, recorder } from '../../listener-deps.js';
import { JL_MAG, JL_MAG_RECORD } from '../../samples.js';

const ALERT = { channel: 'C1', ts: '1700000000.000001' };

const stateOf = (field: string, value: string, note = '') => ({
  values: {
    report_field: { field: { selected_option: { value: field } } },
    report_value: { value: { value } },
    report_note: { note: { value: note } },
  },
});

async function submit(view: { private_metadata: string; state: ReturnType<typeof stateOf> }, alerted = true) {
  const setup = listenerDeps([], JL_MAG);
  setup.store.put({ ...JL_MAG_RECORD, alerts: alerted ? [ALERT] : [] });
  const acks: (ViewResponseAction | undefined)[] = [];
  const posted = recorder<Record<string, unknown>>();
  const ephemeral = recorder<Record<string, unknown>>();
  await reportSubmitted(setup.deps)({
    ack: async (response) => void acks.push(response),
    body: { user: { id: 'U0REPORTER' } },
    view,
    client: {
      chat: {
        postMessage: (async (a: Record<string, unknown>) => posted.fn(a)) as never,
        postEphemeral: (async (a: Record<string, unknown>) => ephemeral.fn(a)) as never,
      },
    },
  });
  return { acks, posted: posted.sent, ephemeral: ephemeral.sent, store: setup.store };
}

const origin = JSON.stringify({ filingId: JL_MAG_RECORD.filing.id, channel: 'C1' });

it('stores the report, posts it in the filing’s thread, and later replies mark the figure disputed', async () => {
  const { acks, posted, store } = await submit({
    private_metadata: origin,
    state: stateOf('net_profit_attributable.prior', 'RMB453,074,300', 'see table 1'),
  });
  expect(acks).toEqual([undefined]);
  expect(store.reports()).toEqual([
    expect.objectContaining({
      filingId: JL_MAG_RECORD.filing.id,
      field: 'net_profit_attributable.prior',
      value: 'RMB453,074,300',
      note: 'see table 1',
      user: 'U0REPORTER',
    }),
  ]);
  expect(posted).toEqual([
    expect.objectContaining({
      channel: 'C1',
      thread_ts: ALERT.ts,
      text: '<@U0REPORTER> reports: Net profit attributable to the shareholders of the listed company, same period last year should be RMB453,074,300 (see table 1)',
    }),
  ]);
});

it('asks again for a missing value instead of storing an empty report', async () => {
  const { acks, posted, store } = await submit({ private_metadata: origin, state: stateOf('period', '  ') });
  expect(acks).toEqual([
    { response_action: 'errors', errors: { report_value: 'Say what the right value is.' } },
  ]);
  expect(store.reports()).toEqual([]);
  expect(posted).toEqual([]);
});

it('confirms privately when the filing has no thread to post in', async () => {
  const { posted, ephemeral } = await submit(
    { private_metadata: origin, state: stateOf('other', '<!channel> 5') },
    false,
  );
  expect(posted).toEqual([]);
  expect(ephemeral[0]).toMatchObject({ channel: 'C1', user: 'U0REPORTER' });
  // What the user typed stays text.
  expect(String(ephemeral[0]?.text)).toContain('&lt;!channel&gt; 5');
});

it('refuses a tampered origin', async () => {
  const { acks } = await submit({ private_metadata: '{"filingId":"<x>"}', state: stateOf('period', '2022') });
  expect(acks[0]).toMatchObject({ response_action: 'errors' });
});
