import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../../src/alerts.js';
import type { Estimate } from '../../src/estimate.js';
import type { Filing } from '../../src/hkex/filing.js';
import { parseAnnouncement } from '../../src/parse/index.js';
import { parseResults } from '../../src/parse/results.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import type { Results } from '../../src/results.js';
import { alertContent } from '../../src/slack/alert-content.js';
import { plainText } from '../../src/slack/plain.js';
import { createMemoryStore } from '../../src/store/index.js';
import type { PipelineStore } from '../../src/store/types.js';
import { actual, jlMagEstimate, results } from '../settle/support.js';
import { FakeHkex, filing, isProfitEstimate, quietLog } from './fakes.js';

// An estimate, then the results that settle it: the reply goes in the estimate's thread, and to
// the channel as well when the actual missed the range.

interface Posted {
  channel: string;
  ts: string;
  filingId: string;
  thread: string | null;
  broadcast: boolean;
  text: string;
}

/** Posts what the Slack sink would, as text, recording where each went. */
class RenderingSlack implements AlertSink {
  posted: Posted[] = [];
  #seq = 0;

  async postAlert(
    channel: string,
    record: Parameters<AlertSink['postAlert']>[1],
    previous?: Parameters<AlertSink['postAlert']>[2],
  ) {
    const { alert, broadcast } = alertContent(record, previous);
    const ts = `${1700000000 + ++this.#seq}.000100`;
    this.posted.push({
      channel,
      ts,
      filingId: record.filing.id,
      thread: previous?.alert.ts ?? null,
      broadcast,
      text: plainText(alert),
    });
    return { channel, ts };
  }

  async postFailure(channel: string) {
    return { channel, ts: String(++this.#seq) };
  }

  async findAlert() {
    return null;
  }
}

const RESULTS_TITLE = 'ANNUAL RESULTS ANNOUNCEMENT FOR THE YEAR ENDED 31 DECEMBER 2022';
const isResults = (f: Filing) => /RESULTS ANNOUNCEMENT/.test(f.title);

function world(estimates: Map<string, Estimate>, readings: Map<string, Results>) {
  const store: PipelineStore = createMemoryStore();
  const hkex = new FakeHkex();
  const slack = new RenderingSlack();
  let now = new Date('2023-01-30T12:00:00Z');
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: slack,
    parse: async (_pdf, f) => {
      const e = estimates.get(f.id);
      if (!e) throw new Error(`no estimate in ${f.id}`);
      return e;
    },
    isProfitEstimate,
    results: {
      isResults,
      parse: async (_pdf, f) => {
        const r = readings.get(f.id);
        if (!r) throw new Error(`no results in ${f.id}`);
        return r;
      },
    },
    config: { alertChannels: ['CALERTS'], backfillHours: 0 },
    log: quietLog(),
    now: () => now,
  });
  return {
    store,
    hkex,
    slack,
    pipeline,
    later(iso: string) {
      now = new Date(iso);
    },
  };
}

async function settle(estimate: Estimate, reading: Results) {
  const w = world(new Map([['100', estimate]]), new Map([['200', reading]]));
  w.hkex.publish(filing('1', '2023-01-29T09:00:00Z', { title: 'MONTHLY RETURN' }));
  await w.pipeline.runCycle(); // a first start records what is there
  w.hkex.publish(filing('100', '2023-01-30T11:00:00Z', { title: 'PRELIMINARY ESTIMATION OF 2022 RESULTS' }));
  await w.pipeline.runCycle();
  w.later('2023-03-20T12:00:00Z');
  w.hkex.publish(filing('200', '2023-03-20T11:00:00Z', { title: RESULTS_TITLE }));
  const cycle = await w.pipeline.runCycle();
  const [alert, reply] = w.slack.posted;
  return { ...w, cycle, alert, reply };
}

describe('results settling an estimate', () => {
  it('reply in the thread when the actual is inside the range', async () => {
    const { alert, reply, cycle, store } = await settle(
      jlMagEstimate(),
      results([actual('net_profit_attributable', '801200000', '453074200')]),
    );
    expect(cycle.settled).toBe(1);
    expect(reply).toMatchObject({ filingId: '200', channel: 'CALERTS', thread: alert?.ts, broadcast: false });
    expect(reply?.text).toContain(
      'inside the estimated RMB702.3m–838.2m (73% of the way up), +76.8% vs 2021',
    );
    expect(store.get('200')).toMatchObject({ state: 'posted', settles: '100', isResults: true });
  });

  it('also send the reply to the channel when the actual is below the range', async () => {
    const { reply } = await settle(
      jlMagEstimate(),
      results([actual('net_profit_attributable', '678900000', null)]),
    );
    expect(reply).toMatchObject({ broadcast: true });
    expect(reply?.text).toContain('below the estimated RMB702.3m–838.2m by RMB23.4m (3.3%)');
  });

  it('and above it', async () => {
    const { reply } = await settle(
      jlMagEstimate(),
      results([actual('net_profit_attributable', '900000000', null)]),
    );
    expect(reply).toMatchObject({ broadcast: true });
    expect(reply?.text).toContain('above the estimated');
  });

  it('judge a one-sided estimate by its bound', async () => {
    const { reply } = await settle(
      jlMagEstimate({ current: { low: '500000000', high: null } }),
      results([actual('net_profit_attributable', '612000000', null)]),
    );
    expect(reply).toMatchObject({ broadcast: false });
    expect(reply?.text).toContain('meeting the estimate of at least RMB500m');
  });
});

describe('results that settle nothing', () => {
  it('of another period are recorded and ignored', async () => {
    const interim = results([actual('net_profit_attributable', '1', null)], {
      kind: 'interim_results',
      period: { start: '2022-01-01', end: '2022-06-30', type: 'interim' },
    });
    const { reply, cycle, store } = await settle(jlMagEstimate(), interim);
    expect(reply).toBeUndefined();
    expect(cycle.settled).toBe(0);
    expect(store.has('200')).toBe(true);
    expect(store.get('200')).toBeUndefined();
  });

  it('of a stock without an estimate are not even read', async () => {
    const w = world(new Map(), new Map());
    w.hkex.publish(filing('1', '2023-01-29T09:00:00Z', { title: 'MONTHLY RETURN' }));
    await w.pipeline.runCycle();
    w.hkex.publish(filing('200', '2023-03-20T11:00:00Z', { title: RESULTS_TITLE, stockCodes: ['00700'] }));
    await w.pipeline.runCycle();
    expect(w.hkex.downloads).toEqual([]);
    expect(w.store.get('200')).toBeUndefined();
  });
});

describe('JL MAG: its estimate, then its results, read by the real parsers', () => {
  const fixture = (dir: string, name: string) =>
    readFileSync(join(import.meta.dirname, '..', 'fixtures', dir, `${name}.txt`), 'utf8');

  it.each(['en', 'zh'] as const)('settle the %s estimate inside its range', async (lang) => {
    const estimate = parseAnnouncement(fixture('announcements', `${lang}-06680-2022-preliminary-estimate`));
    const reading = parseResults(fixture('results', `res-${lang}-06680-2022-annual-results`));
    const { reply, alert } = await settle(estimate, reading);
    expect(reply).toMatchObject({ thread: alert?.ts, broadcast: false });
    expect(reply?.text).toContain(
      'Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m (73% of the way up), +76.8% vs 2021',
    );
    // The results' prior (RMB453,074 thousand) is the estimate's, rounded: no restatement.
    expect(reply?.text).not.toContain('restated');
  });
});
