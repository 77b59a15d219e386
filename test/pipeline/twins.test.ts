import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/estimate.js';
import type { Filing } from '../../src/hkex/filing.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { createMemoryStore } from '../../src/store/index.js';
import { estimate, FakeHkex, FakeSlack, filing, isProfitEstimate, metric, quietLog } from './fakes.js';

// A filing with an English and a Chinese PDF: both are read and cross-checked, and the record
// keeps both readings and the verdict for the alert, its thread and /estimate.

const NOW = new Date('2023-01-30T12:00:00Z');
const EN = 'https://www1.hkexnews.hk/listedco/en.pdf';
const ZH = 'https://www1.hkexnews.hk/listedco/zh.pdf';

const profit = (prior: string) =>
  metric({
    name: 'net_profit_attributable',
    label: 'net profit attributable',
    current: { low: '702265000', high: '838187300' },
    prior,
  });

/** Downloads fail for the URLs listed; parsing is by URL. */
class TwinHkex extends FakeHkex {
  unreadable = new Set<string>();
  override async downloadPdf(url: string): Promise<Uint8Array> {
    if (this.unreadable.has(url)) throw new Error('HTTP 404');
    return super.downloadPdf(url);
  }
}

async function runWith(versions: { en: Estimate; zh: Estimate }, unreadable: string[] = []) {
  const store = createMemoryStore();
  const hkex = new TwinHkex();
  hkex.unreadable = new Set(unreadable);
  const slack = new FakeSlack();
  const byUrl = new Map([
    [EN, versions.en],
    [ZH, versions.zh],
  ]);
  const parse = async (_pdf: Uint8Array, f: Filing) => byUrl.get(f.pdfUrl) as Estimate;
  const pipeline = createPipeline({
    store,
    hkex,
    alerts: slack,
    parse,
    isProfitEstimate,
    config: { alertChannels: ['CALERTS'], backfillHours: 0 },
    log: quietLog(),
    now: () => NOW,
  });
  // Not a first start, so the new filing is alerted.
  hkex.publish(filing('100', '2023-01-28T00:00:00Z', { title: 'MONTHLY RETURN' }));
  await pipeline.runCycle();
  hkex.publish(filing('1', '2023-01-30T11:00:00Z', { pdfUrl: EN, pdfUrlZh: ZH }));
  await pipeline.runCycle();
  return { record: store.get('1'), hkex, slack };
}

describe('a filing in two languages', () => {
  it('reads both, and records that they agree', async () => {
    const en = estimate({ language: 'en', metrics: [profit('453074200')] });
    const zh = estimate({ language: 'zh', metrics: [profit('453074200')] });
    const { record, hkex, slack } = await runWith({ en, zh });
    expect(hkex.downloads).toEqual(expect.arrayContaining([EN, ZH]));
    expect(record?.twin).toEqual({ verdict: 'match', other: 'zh', differences: [], error: null });
    expect(record?.otherEstimate).toEqual(zh);
    expect(record?.state).toBe('posted');
    expect(slack.alerts('1')).toHaveLength(1);
  });

  it('records a disagreement and marks the metric unsure', async () => {
    const en = estimate({ language: 'en', metrics: [profit('453074200')] });
    const zh = estimate({ language: 'zh', metrics: [profit('45307420')] });
    const { record } = await runWith({ en, zh });
    expect(record?.twin?.verdict).toBe('mismatch');
    expect(record?.twin?.differences[0]?.fields).toEqual(['prior']);
    expect(record?.estimate?.metrics[0]?.confidence.level).toBe('unsure');
  });

  it('alerts from the readable version and records which one could not be read', async () => {
    const en = estimate({ language: 'en', metrics: [profit('453074200')] });
    const zh = estimate({ language: 'zh', metrics: [profit('453074200')] });
    const { record, slack } = await runWith({ en, zh }, [ZH]);
    expect(record?.estimate).toEqual(en);
    expect(record?.twin).toMatchObject({ verdict: 'other_unreadable', other: 'zh' });
    expect(record?.twin?.error).toContain('HTTP 404');
    expect(slack.alerts('1')).toHaveLength(1);
  });
});
