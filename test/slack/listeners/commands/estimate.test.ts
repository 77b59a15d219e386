import type { RespondArguments } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { HkexError, UnknownStockError } from '../../../../src/hkex/errors.js';
import { estimateCommand } from '../../../../src/slack/listeners/commands/estimate.js';
import { MANY_WORKSPACES } from '../../../../src/slack/targets.js';
import { listenerDeps, recorder } from '../../listener-deps.js';
import { filingFor, JL_MAG, JL_MAG_RECORD } from '../../samples.js';

const hkexFiling = filingFor(JL_MAG, { id: '555', releasedAt: '2023-01-30T11:02:00Z' });

async function run(text: string, setup = listenerDeps([], JL_MAG), team?: string) {
  const order: string[] = [];
  const responses = recorder<RespondArguments>();
  await estimateCommand(setup.deps)({
    command: { text, channel_id: 'C1', user_id: 'U1', ...(team && { team_id: team }) },
    ack: async () => void order.push('ack'),
    respond: async (m) => {
      order.push('respond');
      await responses.fn(m);
    },
  });
  const texts = responses.sent.map((r) => JSON.stringify(r));
  return { ...setup, order, responses: responses.sent, texts };
}

describe('/estimate CODE', () => {
  it('answers from the store, ephemeral, with a share button, after acknowledging', async () => {
    const setup = listenerDeps([], JL_MAG);
    setup.store.put(JL_MAG_RECORD);
    const { order, responses, texts, hkex } = await run('6680', setup);
    expect(order).toEqual(['ack', 'respond']);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts[0]).toContain('RMB702.3m–838.2m');
    expect(texts[0]).toContain('share_estimate');
    expect(hkex.requests).toEqual([]);
  });

  it('looks it up on HKEXnews when the store has none, showing progress first', async () => {
    const { responses, texts } = await run('6680', listenerDeps([hkexFiling], JL_MAG));
    expect(texts[0]).toContain('Searching HKEXnews for 06680');
    expect(responses[1]).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(texts[1]).toContain('"value":"555"');
  });

  it('says so, naming the code, when nothing is found', async () => {
    const { texts } = await run('700');
    expect(texts.at(-1)).toContain('No profit estimate found for 00700');
  });

  it('apologises without a stack trace when HKEXnews fails, and logs the detail', async () => {
    const setup = listenerDeps([], JL_MAG, new Error('connect ECONNREFUSED 127.0.0.1:9'));
    const { texts, logLines } = await run('700', setup);
    expect(texts.at(-1)).toContain('Sorry, searching HKEXnews for 00700 failed');
    expect(texts.at(-1)).not.toContain('ECONNREFUSED');
    expect(JSON.stringify(logLines())).toContain('ECONNREFUSED');
  });

  it('says HKEXnews lists no such stock, rather than asking to try again, and logs no error', async () => {
    const unknown = new UnknownStockError('09999', 'http://127.0.0.1:9/search/prefix.do');
    const { responses, texts, logLines } = await run('9999', listenerDeps([], JL_MAG, unknown));
    expect(texts[0]).toContain('Searching HKEXnews for 09999');
    expect(responses.at(-1)).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: 'HKEXnews lists no stock 09999.',
    });
    expect(texts.at(-1)).not.toContain('try again');
    expect(logLines().map((l) => l.level)).not.toContain('error');
    expect(logLines()).toContainEqual(expect.objectContaining({ level: 'info', code: '09999' }));
  });

  it('still asks to try again when HKEXnews answers with something unreadable', async () => {
    const url = 'http://127.0.0.1:9/search/prefix.do';
    const broken = new HkexError(`HKEXnews sent unreadable JSON from ${url}`, url);
    const { texts } = await run('9999', listenerDeps([], JL_MAG, broken));
    expect(texts.at(-1)).toContain(
      'Sorry, searching HKEXnews for 09999 failed. Please try again in a few minutes.',
    );
    expect(texts.at(-1)).not.toContain('lists no stock');
  });
});

describe('other forms', () => {
  it('history says HKEXnews lists no such stock, and still asks to try again on a real failure', async () => {
    const unknown = new UnknownStockError('09999', 'http://127.0.0.1:9/search/prefix.do');
    const missing = await run('9999 history', listenerDeps([], JL_MAG, unknown));
    expect(missing.responses).toHaveLength(1);
    expect(missing.responses[0]).toMatchObject({
      response_type: 'ephemeral',
      text: 'HKEXnews lists no stock 09999.',
    });
    const failed = await run('9999 history', listenerDeps([], JL_MAG, new Error('HTTP 500')));
    expect(failed.texts.at(-1)).toContain('Sorry, searching HKEXnews for 09999 failed. Please try again');
  });

  it('history lists the stock’s estimates', async () => {
    const setup = listenerDeps([], JL_MAG);
    setup.store.put(JL_MAG_RECORD);
    expect((await run('06680 history', setup)).texts[0]).toContain('Estimates for JL MAG Rare-Earth (06680)');
  });

  it('watch, watchlist and unwatch keep a channel’s own list', async () => {
    const setup = listenerDeps([], JL_MAG);
    expect((await run('watch 700', setup)).texts[0]).toContain('Watching 00700');
    expect(setup.store.watchlist('C1')).toEqual(['00700']);
    expect((await run('watchlist', setup)).texts[0]).toContain('This channel watches 00700.');
    expect((await run('unwatch 700', setup)).texts[0]).toContain('Stopped watching 00700');
    expect((await run('unwatch 700', setup)).texts[0]).toContain('00700 is not on this channel');
    expect((await run('watchlist', setup)).texts[0]).toContain('watches no stocks yet');
  });

  it('subscribe and unsubscribe a channel to every estimate, saying when nothing changed', async () => {
    const setup = listenerDeps([], JL_MAG);
    expect((await run('subscribe', setup)).texts[0]).toContain('Subscribed');
    expect((await run('subscribe', setup)).texts[0]).toContain('already subscribed');
    expect(setup.store.subscriptions()).toEqual(['C1']);
    expect((await run('unsubscribe', setup)).texts[0]).toContain('Unsubscribed');
    expect((await run('unsubscribe', setup)).texts[0]).toContain('not subscribed');
    expect(setup.store.subscriptions()).toEqual([]);
  });

  it('keeps channels apart by workspace when installed to many', async () => {
    const setup = listenerDeps([], JL_MAG);
    setup.deps.targets = MANY_WORKSPACES;
    await run('subscribe', setup, 'T1');
    await run('watch 700', setup, 'T2');
    expect(setup.store.subscriptions()).toEqual(['T1:C1']);
    expect(setup.store.watchlist('T2:C1')).toEqual(['00700']);
    expect((await run('watchlist', setup, 'T1')).texts[0]).toContain('watches no stocks yet');
  });

  it('help and anything else answer with usage', async () => {
    expect((await run('help')).texts[0]).toContain('/estimate CODE history');
    expect((await run('what is this')).texts[0]).toContain('Try one of these');
  });
});

it('slows down one user who asks too often, without slowing others', async () => {
  const setup = listenerDeps([hkexFiling], JL_MAG);
  const command = estimateCommand(setup.deps);
  const ask = async (user: string) => {
    const responses = recorder<RespondArguments>();
    await command({
      command: { text: '6680', channel_id: 'C1', user_id: user },
      ack: async () => {},
      respond: responses.fn,
    });
    return JSON.stringify(responses.sent.at(-1));
  };
  for (let i = 0; i < 6; i++) expect(await ask('U1')).toContain('RMB702.3m');
  expect(await ask('U1')).toContain('please wait a moment');
  expect(await ask('U2')).toContain('RMB702.3m');
});

describe('/estimate filter', () => {
  it("shows, sets and clears the channel's filter, and keeps it in the store", async () => {
    const setup = listenerDeps([], JL_MAG);
    expect((await run('filter', setup)).texts[0]).toContain('This channel gets every estimate (no filter)');
    const set = await run('filter kinds=warnings,positive change=30 board=gem', setup);
    expect(set.texts[0]).toContain(
      'This channel gets profit warnings, positive profit alerts; a stated change of at least 30% either way; GEM only.',
    );
    expect(setup.store.filter('C1')).toEqual({
      kinds: ['profit_warning', 'positive_profit_alert'],
      minChangePct: '30',
      boards: ['gem'],
    });
    await run('filter board=all', setup);
    expect(setup.store.filter('C1')?.boards).toBeNull();
    expect((await run('filter clear', setup)).texts[0]).toContain('no filter');
    expect(setup.store.filter('C1')).toBeNull();
  });

  it('explains the syntax for a filter it cannot read', async () => {
    expect((await run('filter kinds=rumours')).texts[0]).toContain('Try one of these');
  });
});

describe('/estimate export', () => {
  it('uploads a CSV of the range to the channel, quoting what needs it', async () => {
    const setup = listenerDeps([], JL_MAG);
    const tricky = {
      ...JL_MAG,
      company: { en: 'ACME "Best", Holdings', zh: '江西金力永磁' },
      metrics: JL_MAG.metrics.map((m) => ({ ...m, label: '本公司擁有人應佔溢利, net' })),
    };
    setup.store.put({ ...JL_MAG_RECORD, estimate: tricky });
    const uploads: Record<string, unknown>[] = [];
    const responses = recorder<RespondArguments>();
    await estimateCommand(setup.deps)({
      command: { text: 'export 2023-01-30 2023-01-31', channel_id: 'C1', user_id: 'U1' },
      ack: async () => {},
      respond: responses.fn,
      client: { filesUploadV2: async (args: Record<string, unknown>) => void uploads.push(args) } as never,
    });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      channel_id: 'C1',
      filename: 'estimates-2023-01-30-to-2023-01-31.csv',
    });
    const csv = String(uploads[0]?.content);
    expect(csv.split('\n')[0]).toBe(
      'code,company,kind,period_start,period_end,metric,label,currency,low,high,prior,change_low_pct,change_high_pct,actual,verdict,released_at,pdf_en,pdf_zh',
    );
    expect(csv).toContain('06680,"ACME ""Best"", Holdings",results_estimate,2022-01-01,2022-12-31');
    expect(csv).toContain('"本公司擁有人應佔溢利, net",CNY,702265000,838187300,453074200,55,85');
    expect(JSON.stringify(responses.sent)).toContain('Uploaded 1 estimate(s) to this channel as CSV.');
  });

  it('says when nothing was filed in the range, and refuses a range that is not one', async () => {
    expect((await run('export 2020-01-01 2020-01-31')).texts[0]).toContain('No estimates were filed');
    expect((await run('export 2020-02-30 2020-03-01')).texts[0]).toContain('Try one of these');
    expect((await run('export 2020-03-01 2020-02-01')).texts[0]).toContain('Try one of these');
  });
});
