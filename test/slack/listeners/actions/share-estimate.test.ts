import type { RespondArguments } from '@slack/bolt';
import { expect, it } from 'vitest';
import { openPdf } from '../../../../src/slack/listeners/actions/open-pdf.js';
import { shareEstimate } from '../../../../src/slack/listeners/actions/share-estimate.js';
import { listenerDeps, recorder } from '../../listener-deps.js';
import { JL_MAG, JL_MAG_RECORD } from '../../samples.js';

async function share(value: string, postFails = false) {
  const setup = listenerDeps([], JL_MAG);
  setup.store.put(JL_MAG_RECORD);
  const posted = recorder<Record<string, unknown>>();
  const responses = recorder<RespondArguments>();
  let acked = false;
  await shareEstimate(setup.deps)({
    ack: async () => {
      acked = true;
    },
    action: { value },
    body: { user: { id: 'U42' }, channel: { id: 'C7' } },
    client: {
      chat: {
        postMessage: (async (args: Record<string, unknown>) => {
          if (postFails) throw new Error('not_in_channel');
          await posted.fn(args);
          return { ok: true };
        }) as never,
      },
    },
    respond: responses.fn,
  });
  return { acked, posted: posted.sent, responses: responses.sent, logLines: setup.logLines };
}

it('posts the estimate in the channel and removes the private copy', async () => {
  const { acked, posted, responses } = await share(JL_MAG_RECORD.filing.id);
  expect(acked).toBe(true);
  expect(posted[0]).toMatchObject({ channel: 'C7', unfurl_links: false });
  expect(JSON.stringify(posted[0])).toContain('Shared by <@U42>');
  expect(responses).toEqual([{ delete_original: true }]);
});

it('says so when the estimate is no longer at hand', async () => {
  const { posted, responses } = await share('unknown');
  expect(posted).toEqual([]);
  expect(responses[0]?.text).toContain('no longer at hand');
});

it('apologises when the bot cannot post in the channel', async () => {
  const { responses, logLines } = await share(JL_MAG_RECORD.filing.id, true);
  expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
  expect(responses[0]?.text).toContain('could not post in this channel');
  expect(JSON.stringify(logLines())).toContain('not_in_channel');
});

it('acknowledges a PDF link click', async () => {
  let acked = false;
  await openPdf({
    ack: async () => {
      acked = true;
    },
  });
  expect(acked).toBe(true);
});
