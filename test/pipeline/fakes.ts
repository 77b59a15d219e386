import type { AlertSink, PreviousAlert } from '../../src/alerts.js';
import type { Estimate, Metric } from '../../src/estimate.js';
import type { FeedCursor, Filing, HkexSource } from '../../src/hkex/filing.js';
import { createLogger, type Log } from '../../src/log.js';
import type { AlertRef, FilingRecord } from '../../src/store/types.js';

// Small in-memory stand-ins for HKEXnews and Slack, so pipeline tests need no network.

export const quietLog = (): Log => createLogger('error', { write: () => {} });

export function filing(id: string, releasedAt: string, over: Partial<Filing> = {}): Filing {
  return {
    id,
    board: 'sehk',
    stockCodes: ['06680'],
    stockNames: ['JL MAG'],
    title: 'PROFIT WARNING',
    titleZh: null,
    releasedAt,
    category: 'Announcements and Notices - [Profit Warning]',
    t1Code: '10000',
    t2Code: '13300',
    pdfUrl: `https://www1.hkexnews.hk/listedco/${id}.pdf`,
    pdfUrlZh: null,
    ...over,
  };
}

/** A metric as the parser gives it, with no evidence and nothing unsure unless stated. */
export function metric(over: Partial<Metric> & Pick<Metric, 'name' | 'label' | 'current'>): Metric {
  return {
    direction: null,
    prior: null,
    changePct: null,
    evidence: { current: null, prior: null, changePct: null },
    confidence: { level: 'confirmed', reasons: [] },
    ...over,
  };
}

export function estimate(over: Partial<Estimate> = {}): Estimate {
  return {
    stockCodes: ['06680'],
    company: { en: 'JL MAG', zh: null },
    title: 'PROFIT WARNING',
    language: 'en',
    kind: 'profit_warning',
    direction: null,
    period: { start: '2022-01-01', end: '2022-12-31', type: 'annual' },
    currency: 'CNY',
    audited: false,
    metrics: [],
    drivers: [],
    checks: [],
    ...over,
  };
}

/** Title-only classifier for tests: the real one lives in src/hkex/classify.ts. */
export const isProfitEstimate = (f: Filing) => /WARNING|ALERT|ESTIMAT/.test(f.title);

/** A latest-filings feed (newest first) and PDFs whose bytes are their URL. */
export class FakeHkex implements Pick<HkexSource, 'newFilings' | 'downloadPdf'> {
  feed: Filing[] = [];
  cursors: FeedCursor[] = [];
  downloads: string[] = [];
  /** Called while newFilings is pending, to let a test act mid-cycle. */
  onPoll: () => Promise<void> = async () => {};

  async newFilings(cursor: FeedCursor): Promise<Filing[]> {
    this.cursors.push(cursor);
    await this.onPoll();
    return this.feed.filter((f) => !cursor.isKnown(f.id));
  }

  async downloadPdf(url: string): Promise<Uint8Array> {
    this.downloads.push(url);
    return new TextEncoder().encode(url);
  }

  /** Publishes filings on top of the feed (give them newest first). */
  publish(...filings: Filing[]): void {
    this.feed = [...filings, ...this.feed];
  }
}

/** Parses by filing id from a table; an id missing from it fails to parse. */
export function tableParse(table: Map<string, Estimate>) {
  const calls: string[] = [];
  const parse = async (_pdf: Uint8Array, f: Filing): Promise<Estimate> => {
    calls.push(f.id);
    const e = table.get(f.id);
    if (!e) throw new Error(`no estimate found in ${f.id}`);
    return e;
  };
  return { parse, calls };
}

export interface SlackMessage {
  channel: string;
  ts: string;
  filingId: string;
  kind: 'alert' | 'failure';
  /** ts of the thread it was posted in, for a revision. */
  threadTs: string | null;
}

/** A Slack workspace's messages; `failures` makes the next calls throw, before or after sending. */
export class FakeSlack implements AlertSink {
  messages: SlackMessage[] = [];
  /** Channels whose posts are refused. */
  refused = new Set<string>();
  /** The next n posts are delivered but the call then throws (a lost response). */
  throwAfterSend = 0;
  findCalls = 0;
  #seq = 0;

  alerts(filingId?: string): SlackMessage[] {
    return this.messages.filter(
      (m) => m.kind === 'alert' && (filingId === undefined || m.filingId === filingId),
    );
  }

  async postAlert(channel: string, record: FilingRecord, previous?: PreviousAlert): Promise<AlertRef> {
    return this.#send(channel, record, 'alert', previous?.alert.ts ?? null);
  }

  async postFailure(channel: string, record: FilingRecord): Promise<AlertRef> {
    return this.#send(channel, record, 'failure', null);
  }

  async findAlert(channel: string, filingId: string): Promise<string | null> {
    this.findCalls++;
    return this.messages.find((m) => m.channel === channel && m.filingId === filingId)?.ts ?? null;
  }

  #send(
    channel: string,
    record: FilingRecord,
    kind: SlackMessage['kind'],
    threadTs: string | null,
  ): AlertRef {
    if (this.refused.has(channel)) throw new Error('not_in_channel');
    const ts = `${1700000000 + ++this.#seq}.000100`;
    this.messages.push({ channel, ts, filingId: record.filing.id, kind, threadTs });
    if (this.throwAfterSend > 0) {
      this.throwAfterSend--;
      throw new Error('socket hang up');
    }
    return { channel, ts };
  }
}
