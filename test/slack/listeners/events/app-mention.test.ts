import type { SayArguments } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { appMention, mentionWord } from '../../../../src/slack/listeners/events/app-mention.js';
import { listenerDeps, recorder } from '../../listener-deps.js';
import { filingFor, JL_MAG, JL_MAG_RECORD, recordFor } from '../../samples.js';

const ALERT = { channel: 'C1', ts: '1700000000.000001' };

async function mention(text: string, threadTs: string | null = ALERT.ts) {
  const setup = listenerDeps([], JL_MAG);
  setup.store.put({ ...JL_MAG_RECORD, alerts: [ALERT] });
  const said = recorder<SayArguments>();
  const event = { text, channel: 'C1', ts: '1700000000.000009', thread_ts: threadTs ?? undefined };
  await appMention(setup.deps)({ event, say: said.fn });
  const [reply] = said.sent;
  return { reply, text: JSON.stringify(reply) };
}

it('reads the word after the mention', () => {
  expect(mentionWord('<@UBOT> Figures please')).toBe('figures');
  expect(mentionWord('<@UBOT|bot>   pdf')).toBe('pdf');
  expect(mentionWord('<@UBOT>')).toBe('');
});

describe('in an alert thread', () => {
  it('answers figures in the thread', async () => {
    const { reply, text } = await mention('<@UBOT> figures');
    expect(reply).toMatchObject({ thread_ts: ALERT.ts, unfurl_links: false });
    expect(text).toContain('RMB702,265,000 to RMB838,187,300');
  });
  it('answers drivers, history and pdf', async () => {
    expect((await mention('<@UBOT> drivers')).text).toContain('1. In 2022');
    expect((await mention('<@UBOT> history')).text).toContain('Estimates for JL MAG Rare-Earth (06680)');
    expect((await mention('<@UBOT> pdf')).text).toContain('2023013001234_c.pdf');
  });
  it('answers evidence (or source) with the line each figure was read from', async () => {
    for (const word of ['evidence', 'source']) {
      const { text } = await mention(`<@UBOT> ${word}`);
      expect(text).toContain('Where each figure was read');
      expect(text).toContain(
        '> Net profit attributable to the shareholders of the listed company | Profit: RMB702,265,000',
      );
    }
  });
  it('answers anything else with help', async () => {
    expect((await mention('<@UBOT> hello')).text).toContain(
      '*figures*, *evidence*, *drivers*, *history* or *pdf*',
    );
  });
});

it('outside an alert thread, answers with help in a thread of the mention', async () => {
  const { reply, text } = await mention('<@UBOT> figures', null);
  expect(reply?.thread_ts).toBe('1700000000.000009');
  expect(text).toContain('In the thread of one of my alerts');
  expect((await mention('<@UBOT> figures', '1.2')).text).toContain('In the thread of one of my alerts');
});

it('answers about the newest revision posted in the thread', async () => {
  const setup = listenerDeps([], JL_MAG);
  setup.store.put({ ...JL_MAG_RECORD, alerts: [ALERT] });
  const revised = {
    ...JL_MAG,
    metrics: [
      { ...(JL_MAG.metrics[0] as (typeof JL_MAG.metrics)[number]), current: { low: '1', high: '2' } },
    ],
  };
  setup.store.put(
    recordFor(revised, filingFor(JL_MAG, { id: 'rev', releasedAt: '2023-02-20T09:00:00Z' }), {
      revisionOf: JL_MAG_RECORD.filing.id,
      alerts: [{ channel: 'C1', ts: '1700000000.000005' }],
    }),
  );
  const said = recorder<SayArguments>();
  await appMention(setup.deps)({
    event: { text: '<@UBOT> figures', channel: 'C1', ts: '9', thread_ts: ALERT.ts },
    say: said.fn,
  });
  expect(JSON.stringify(said.sent[0])).toContain('This period: RMB1 to RMB2');
});
