import { mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertSink } from '../../src/alerts.js';
import type { Estimate } from '../../src/estimate.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { openStore, segmentsDir } from '../../src/store/index.js';
import type { PipelineStore } from '../../src/store/types.js';
import { useTempDir } from '../store/tempDir.js';
import {
  estimate,
  FakeHkex,
  FakeSlack,
  filing,
  isProfitEstimate,
  quietLog,
  type SlackMessage,
  tableParse,
} from './fakes.js';

// A kill can come between any two steps. What survives it is the store file as last flushed and
// the messages Slack received; so each test snapshots both at one step boundary, restarts from
// that snapshot (a fresh store opened from the file, reconcile, a cycle) and checks that every
// estimate ends up alerted exactly once in each of its channels.

const NOW = new Date('2023-01-30T12:00:00Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();

const tmp = useTempDir();

const estimates = new Map<string, Estimate>([
  ['201', estimate()],
  ['203', estimate({ stockCodes: ['00700'] })],
  ['204', estimate()], // revises 201
]);

function feed(): FakeHkex {
  const hkex = new FakeHkex();
  hkex.publish(
    filing('204', at(1), { title: 'UPDATE ON PROFIT WARNING' }),
    filing('203', at(2), { stockCodes: ['00700'], title: 'POSITIVE PROFIT ALERT' }),
    filing('202', at(3), { title: 'NEXT DAY DISCLOSURE RETURN' }),
    filing('201', at(4)),
    filing('100', at(600), { title: 'MONTHLY RETURN' }),
  );
  return hkex;
}

const EXPECTED = [
  ['201', 'CALERTS'],
  ['203', 'CALERTS'],
  ['203', 'CWATCH'],
  ['204', 'CALERTS'],
];

function pipelineOver(store: PipelineStore, hkex: FakeHkex, alerts: AlertSink) {
  return createPipeline({
    store,
    hkex,
    alerts,
    parse: tableParse(estimates).parse,
    isProfitEstimate,
    config: { alertChannels: ['CALERTS'], backfillHours: 0 },
    log: quietLog(),
    now: () => NOW,
  });
}

/** A store that has run before (not a first start), with CWATCH watching 00700. */
async function seeded(): Promise<void> {
  const store = await openStore(tmp.path, quietLog());
  const hkex = new FakeHkex();
  hkex.publish(filing('100', at(600), { title: 'MONTHLY RETURN' }));
  await pipelineOver(store, hkex, new FakeSlack()).runCycle();
  store.watch('CWATCH', '00700');
  await store.flush();
}

interface Snapshot {
  files: DiskState;
  messages: SlackMessage[];
}

/** The store's files (its file and segments) by path, as a crash would leave them. */
type DiskState = Map<string, string>;

async function diskState(): Promise<DiskState> {
  const dir = segmentsDir(tmp.path);
  const names = await readdir(dir).catch(() => []);
  const paths = [tmp.path, ...names.map((n) => join(dir, n))];
  return new Map(await Promise.all(paths.map(async (p) => [p, await readFile(p, 'utf8')] as const)));
}

async function restoreDisk(files: DiskState): Promise<void> {
  await rm(segmentsDir(tmp.path), { recursive: true, force: true });
  await mkdir(segmentsDir(tmp.path));
  for (const [path, text] of files) await writeFile(path, text);
}

/** The record of a filing as its month's segment holds it: its last line. */
async function recordOnDisk(id: string, releasedAt: string): Promise<unknown> {
  const path = join(segmentsDir(tmp.path), `${releasedAt.slice(0, 7)}.jsonl`);
  const text = await readFile(path, 'utf8').catch(() => '');
  const lines = text.split('\n').flatMap((l) => (l ? [JSON.parse(l)] : []));
  return lines.findLast((line) => !Array.isArray(line) && line.filing.id === id);
}

/** Runs one cycle, snapshotting disk and Slack at boundary number `killAt`; returns the boundary count. */
async function cycleKilledAt(
  killAt: number,
  slack: FakeSlack,
): Promise<{ boundaries: number; snapshot?: Snapshot }> {
  let boundaries = 0;
  let snapshot: Snapshot | undefined;
  const boundary = async () => {
    if (boundaries++ === killAt) snapshot = { files: await diskState(), messages: [...slack.messages] };
  };
  const after =
    <A extends unknown[], R>(step: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      const result = await step(...args);
      await boundary();
      return result;
    };
  const store = await openStore(tmp.path, quietLog());
  const hkex = feed();
  const alerts: AlertSink = {
    postAlert: after(slack.postAlert.bind(slack)),
    postFailure: after(slack.postFailure.bind(slack)),
    findAlert: after(slack.findAlert.bind(slack)),
  };
  const pipeline = createPipeline({
    store: { ...store, flush: after(store.flush) },
    hkex: { newFilings: after(hkex.newFilings.bind(hkex)), downloadPdf: after(hkex.downloadPdf.bind(hkex)) },
    alerts,
    parse: after(tableParse(estimates).parse),
    isProfitEstimate,
    config: { alertChannels: ['CALERTS'], backfillHours: 0 },
    log: quietLog(),
    now: () => NOW,
  });
  await pipeline.runCycle();
  return { boundaries, snapshot };
}

async function restart(slack: FakeSlack): Promise<PipelineStore> {
  const store = await openStore(tmp.path, quietLog());
  const pipeline = pipelineOver(store, feed(), slack);
  await pipeline.reconcile();
  await pipeline.runCycle();
  return store;
}

const alertsSent = (slack: FakeSlack) => slack.alerts().map((m) => [m.filingId, m.channel]);

describe('a kill at any step boundary', () => {
  it('leaves every estimate alerted exactly once after a restart', async () => {
    await seeded();
    const pristine = await diskState();
    const { boundaries } = await cycleKilledAt(-1, new FakeSlack());
    expect(boundaries).toBeGreaterThan(10);

    for (let killAt = 0; killAt < boundaries; killAt++) {
      await restoreDisk(pristine);
      const slack = new FakeSlack();
      const { snapshot } = await cycleKilledAt(killAt, slack);
      if (!snapshot) throw new Error(`no snapshot at boundary ${killAt}`);
      await restoreDisk(snapshot.files);
      slack.messages = snapshot.messages;

      const store = await restart(slack);

      expect(alertsSent(slack).sort(), `killed at boundary ${killAt}`).toEqual(EXPECTED);
      expect(store.inState('posted').map((r) => r.filing.id)).toEqual(['201', '203', '204']);
      const thread = slack.alerts('204')[0]?.threadTs;
      expect(thread, `revision threaded, killed at ${killAt}`).toBe(slack.alerts('201')[0]?.ts);
    }
  });
});

describe('a store that cannot be written', () => {
  it('sends nothing when the write before sending fails, and everything once when it works again', async () => {
    await seeded();
    const slack = new FakeSlack();
    const store = await openStore(tmp.path, quietLog());
    const pipeline = pipelineOver(store, feed(), slack);
    // A directory where the atomic write puts its temporary file: the write fails like a full disk.
    // A directory where the month's log should be: appending to it fails like a full disk.
    const temp = join(segmentsDir(tmp.path), `${at(1).slice(0, 7)}.jsonl`);
    await rm(temp, { force: true });
    await mkdir(temp, { recursive: true });

    const failed = pipeline.runCycle();
    await expect(failed).rejects.toThrow(`could not write store file ${tmp.path}`);
    expect(slack.messages).toEqual([]);
    expect(store.meta().lastPollError).toContain(tmp.path);

    await rm(temp, { recursive: true });
    await pipeline.runCycle();
    expect(alertsSent(slack).sort()).toEqual(EXPECTED);

    const reopened = await openStore(tmp.path, quietLog());
    expect(reopened.inState('posted').map((r) => r.filing.id)).toEqual(['201', '203', '204']);
  });

  it('records nothing as posted that was not, when the final write fails', async () => {
    await seeded();
    const slack = new FakeSlack();
    const store = await openStore(tmp.path, quietLog());
    // The write after the alerts went out (the cycle's last) fails.
    const failingFinal: PipelineStore = {
      ...store,
      flush: async () => {
        if (slack.messages.length > 0) throw new Error(`could not write store file ${tmp.path}: ENOSPC`);
        await store.flush();
      },
    };

    await expect(pipelineOver(failingFinal, feed(), slack).runCycle()).rejects.toThrow('ENOSPC');
    const onDisk = await openStore(tmp.path, quietLog());
    expect(onDisk.inState('posted')).toEqual([]);
    expect(onDisk.inState('posting').map((r) => r.filing.id)).toEqual(['201', '203', '204']);

    await restart(slack);
    expect(alertsSent(slack).sort()).toEqual(EXPECTED);
  });
});

describe('faults around reading and sending', () => {
  it('has the attempt on disk while a PDF is read, so a read that kills the bot counts', async () => {
    await seeded();
    const store = await openStore(tmp.path, quietLog());
    let onDiskDuringRead: unknown;
    const parse = async (_pdf: Uint8Array, f: { id: string; releasedAt: string }) => {
      onDiskDuringRead = await recordOnDisk(f.id, f.releasedAt);
      return estimate();
    };
    const hkex = new FakeHkex();
    hkex.publish(filing('301', at(1)));
    await createPipeline({
      store,
      hkex,
      alerts: new FakeSlack(),
      parse,
      isProfitEstimate,
      config: { alertChannels: ['CALERTS'], backfillHours: 0 },
      log: quietLog(),
      now: () => NOW,
    }).runCycle();
    expect(onDiskDuringRead).toMatchObject({
      state: 'seen',
      attempts: 1,
      error: 'the bot stopped while reading this filing',
    });
    expect(store.get('301')).toMatchObject({ state: 'posted', attempts: 0, error: null });
  });

  it('gives up on a filing whose reading stopped the bot too often, without reading it again', async () => {
    await seeded();
    const store = await openStore(tmp.path, quietLog());
    const slack = new FakeSlack();
    const hkex = new FakeHkex();
    const pipeline = pipelineOver(store, hkex, slack);
    hkex.publish(filing('302', at(1)));
    // Four starts died while reading it: the record says so on disk.
    const stuck = {
      filing: filing('302', at(1)),
      isEstimate: true,
      state: 'seen' as const,
      attempts: 4,
      error: 'the bot stopped while reading this filing',
      retryAfter: null,
      estimate: null,
      targets: [],
      alerts: [],
      revisionOf: null,
      seenAt: at(1),
    };
    store.put(stuck);
    await pipeline.runCycle();
    expect(hkex.downloads).toEqual([]);
    expect(store.get('302')).toMatchObject({ state: 'failed', attempts: 5 });
    expect(slack.messages.map((m) => [m.filingId, m.kind])).toEqual([['302', 'failure']]);
  });

  it('sends nothing on a later cycle while the write before sending still fails', async () => {
    await seeded();
    const slack = new FakeSlack();
    const store = await openStore(tmp.path, quietLog());
    let failing = true;
    // The disk refuses every write once records say `posting`, until it recovers.
    const flaky: PipelineStore = {
      ...store,
      flush: async () => {
        if (failing && store.inState('posting').length > 0)
          throw new Error(`could not write store file ${tmp.path}: ENOSPC`);
        await store.flush();
      },
    };
    const pipeline = pipelineOver(flaky, feed(), slack);
    await expect(pipeline.runCycle()).rejects.toThrow('ENOSPC');
    // The next cycle finds the records `posting` in memory only: still nothing may go out.
    await expect(pipeline.runCycle()).rejects.toThrow('ENOSPC');
    expect(slack.messages).toEqual([]);
    failing = false;
    await pipeline.runCycle();
    expect(alertsSent(slack).sort()).toEqual(EXPECTED);
  });
});

describe('a damaged store moved aside', () => {
  it('alerts what was released since the damaged file was last written, even with no backfill', async () => {
    // The bot last wrote its store 2 hours ago, then the file was damaged while it was down.
    await writeFile(tmp.path, '{"version":4,"filings":');
    const twoHoursAgo = new Date(NOW.getTime() - 120 * 60_000);
    await utimes(tmp.path, twoHoursAgo, twoHoursAgo);
    const store = await openStore(tmp.path, quietLog());
    const slack = new FakeSlack();
    const hkex = new FakeHkex();
    hkex.publish(
      filing('401', at(60)), // released during the downtime: never alerted
      filing('400', at(180)), // released before: alerted before the damage, or too old
    );
    const estimates401 = new Map<string, Estimate>([
      ['400', estimate()],
      ['401', estimate()],
    ]);
    await createPipeline({
      store,
      hkex,
      alerts: slack,
      parse: tableParse(estimates401).parse,
      isProfitEstimate,
      config: { alertChannels: ['CALERTS'], backfillHours: 0 },
      log: quietLog(),
      now: () => NOW,
    }).runCycle();
    expect(slack.alerts().map((m) => m.filingId)).toEqual(['401']);
    // It asked Slack first, as for any backfill.
    expect(slack.findCalls).toBeGreaterThan(0);
    expect(store.get('400')).toMatchObject({ silent: true });
  });
});
