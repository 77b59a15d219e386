import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scheduleRuns } from '../../src/app/scheduler.js';
import { dayDigest } from '../../src/digest/daily.js';
import { type DigestSink, digestRunner } from '../../src/digest/run.js';
import { hktIsoDay } from '../../src/hkex/time.js';
import { digestMessage } from '../../src/slack/digest-message.js';
import { plainText } from '../../src/slack/plain.js';
import { createMemoryStore, openStore } from '../../src/store/index.js';
import type { FilingRecord } from '../../src/store/types.js';
import { estimate, metric, quietLog } from '../pipeline/fakes.js';
import { rec } from '../store/records.js';

const dir = mkdtempSync(join(tmpdir(), 'estimate-digest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An estimate alerted in CALERTS, released at `at`, with a stated change. */
function alerted(
  id: string,
  at: string,
  kind: 'profit_warning' | 'positive_profit_alert',
  low: string,
  high: string,
) {
  return rec(id, at, {
    state: 'posted',
    codes: [`0${id.padStart(4, '0')}`],
    alerts: [{ channel: 'CALERTS', ts: `17000000${id}.000100` }],
    estimate: estimate({
      kind,
      company: { en: `COMPANY ${id} LIMITED`, zh: null },
      metrics: [
        metric({
          name: 'net_profit',
          label: 'profit',
          current: { low: '1', high: '2' },
          changePct: { low, high },
        }),
      ],
    }),
  });
}

const EVENING = new Date('2024-03-01T10:30:00Z'); // 18:30 in Hong Kong
const day = [
  alerted('1', '2024-03-01T01:00:00Z', 'profit_warning', '-60', '-50'),
  alerted('2', '2024-03-01T02:00:00Z', 'positive_profit_alert', '80', '120'),
  alerted('3', '2024-03-01T03:00:00Z', 'positive_profit_alert', '20', '30'),
  alerted('4', '2024-03-01T04:00:00Z', 'profit_warning', '-10', '-5'),
  // The evening before the last digest: already in it.
  alerted('5', '2024-02-28T12:00:00Z', 'profit_warning', '-99', '-90'),
];

describe('dayDigest', () => {
  it('counts by kind and names the largest stated changes each way', () => {
    const d = dayDigest(day, 'CALERTS', new Date('2024-02-29T10:30:00Z'), EVENING);
    expect(d?.counts).toEqual({ profit_warning: 2, positive_profit_alert: 2 });
    expect(d?.largestUp.map((i) => i.record.filing.id)).toEqual(['2', '3']);
    expect(d?.largestDown.map((i) => i.record.filing.id)).toEqual(['1', '4']);
    const text = plainText(digestMessage(d as NonNullable<typeof d>));
    expect(text).toContain("The day's estimates (2024-03-01): 2 profit warnings, 2 positive profit alerts");
    expect(text).toContain(
      'Company 2 (00002) · +120% · thread (https://slack.com/archives/CALERTS/p17000000',
    );
  });

  it('is null for a channel without estimates in the window', () => {
    expect(dayDigest(day, 'COTHER', new Date('2024-02-29T10:30:00Z'), EVENING)).toBeNull();
    expect(dayDigest(day, 'CALERTS', EVENING, new Date('2024-03-01T11:00:00Z'))).toBeNull();
  });

  it('dates the digest by the Hong Kong day', () => {
    expect(hktIsoDay(new Date('2024-03-01T16:30:00Z'))).toBe('2024-03-02');
  });
});

class RecordingSink implements DigestSink {
  sent: { channel: string; ids: string[] }[] = [];
  async postDigest(channel: string, digest: NonNullable<ReturnType<typeof dayDigest>>) {
    this.sent.push({ channel, ids: digest.items.map((i) => i.record.filing.id) });
    return { channel, ts: String(this.sent.length) };
  }
}

describe('the digest runner', () => {
  it('sends once a day per channel, across a restart, covering what came since the last one', async () => {
    const path = join(dir, 'store.json');
    const sink = new RecordingSink();
    let now = EVENING;
    const run = async (records: FilingRecord[] = []) => {
      const store = await openStore(path, quietLog());
      for (const r of records) store.put(r);
      await digestRunner({ store, alerts: sink, channels: ['CALERTS'], log: quietLog(), now: () => now })();
      await store.close();
    };
    await run(day.slice(0, 4));
    await run(); // restarted the same evening: nothing again
    now = new Date('2024-03-01T15:00:00Z'); // 23:00 the same Hong Kong day: still nothing
    await run([alerted('6', '2024-03-01T14:00:00Z', 'profit_warning', '-40', '-30')]);
    now = new Date('2024-03-04T10:30:00Z'); // the next working day's digest brings the late one
    await run();
    expect(sink.sent).toEqual([
      { channel: 'CALERTS', ids: ['1', '2', '3', '4'] },
      { channel: 'CALERTS', ids: ['6'] },
    ]);
  });

  it('sends nothing on a day without estimates', async () => {
    const sink = new RecordingSink();
    const store = createMemoryStore();
    expect(
      await digestRunner({
        store,
        alerts: sink,
        channels: ['CALERTS'],
        log: quietLog(),
        now: () => EVENING,
      })(),
    ).toBe(0);
    expect(sink.sent).toEqual([]);
  });

  it('is scheduled in Hong Kong time whatever the machine zone', async () => {
    const schedule = scheduleRuns('30 18 * * 1-5', async () => {}, quietLog(), {
      name: 'digest',
      timezone: 'Asia/Hong_Kong',
    });
    try {
      // 18:30 in Hong Kong is 10:30 UTC, on a weekday.
      const next = schedule.nextRun();
      expect([next?.getUTCHours(), next?.getUTCMinutes()]).toEqual([10, 30]);
      expect([0, 6]).not.toContain(new Date((next?.getTime() ?? 0) + 8 * 3_600_000).getUTCDay());
    } finally {
      await schedule.stop(0);
    }
  });
});
