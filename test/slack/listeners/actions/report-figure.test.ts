import type { RespondArguments } from '@slack/bolt';
import { expect, it } from 'vitest';
import { reportFigure } from '../../../../src/slack/listeners/actions/report-figure.js';
import { REPORT_VIEW } from '../../../../src/slack/report-modal.js';
import { listenerDeps, recorder } from '../../listener-deps.js';
import { JL_MAG, JL_MAG_RECORD } from '../../samples.js';

async function click(value: string, openFails = false) {
  const setup = listenerDeps([], JL_MAG);
  setup.store.put(JL_MAG_RECORD);
  const opened = recorder<Record<string, unknown>>();
  const responses = recorder<RespondArguments>();
  let acked = false;
  await reportFigure(setup.deps)({
    ack: async () => {
      acked = true;
    },
    action: { value },
    body: { trigger_id: 'T.123', user: { id: 'U42' }, channel: { id: 'C7' } },
    client: {
      views: {
        open: (async (args: Record<string, unknown>) => {
          if (openFails) throw new Error('expired_trigger_id');
          await opened.fn(args);
          return { ok: true };
        }) as never,
      },
    },
    respond: responses.fn,
  });
  return { acked, opened: opened.sent, responses: responses.sent };
}

it('opens the report modal for the filing, remembering where it was opened', async () => {
  const { acked, opened, responses } = await click(JL_MAG_RECORD.filing.id);
  expect(acked).toBe(true);
  expect(opened[0]).toMatchObject({ trigger_id: 'T.123', view: { type: 'modal', callback_id: REPORT_VIEW } });
  const view = opened[0]?.view as { private_metadata: string; blocks: unknown[] };
  expect(JSON.parse(view.private_metadata)).toEqual({ filingId: JL_MAG_RECORD.filing.id, channel: 'C7' });
  expect(JSON.stringify(view.blocks)).toContain('net_profit_attributable.prior');
  expect(responses).toEqual([]);
});

it('says so when the filing is no longer at hand or the modal cannot open', async () => {
  expect(JSON.stringify((await click('999')).responses)).toContain('no longer at hand');
  expect(JSON.stringify((await click(JL_MAG_RECORD.filing.id, true)).responses)).toContain(
    'could not open the report form',
  );
});
