import { hktIsoDay } from '../hkex/time.js';
import type { Log } from '../log.js';
import type { AlertRef, PipelineStore } from '../store/types.js';
import { type DayDigest, dayDigest } from './daily.js';

// Sends each alert channel its digest of the estimates since its last one, once a day: the time
// is recorded in the store before the message goes out, so a restart (or a second tick) the
// same Hong Kong day sends nothing again; a crash between the two loses that digest rather than
// repeating it. A channel's first digest covers the last 24 hours.

/** Where digests go, rendered there: Slack, or the terminal. */
export interface DigestSink {
  postDigest(channel: string, digest: DayDigest): Promise<AlertRef>;
}

export interface DigestDeps {
  store: PipelineStore;
  alerts: DigestSink;
  /** The alert channels: configured, plus those subscribed (read at each run). */
  channels: readonly string[];
  log: Log;
  now?: () => Date;
}

const DAY_MS = 86_400_000;

export function digestRunner({ store, alerts, channels, log, now = () => new Date() }: DigestDeps) {
  return async (): Promise<number> => {
    const until = now();
    const day = hktIsoDay(until);
    let sent = 0;
    const posted = store.inState('posted');
    for (const channel of new Set([...channels, ...store.subscriptions()])) {
      const done = store.meta().digests ?? {};
      const last = done[channel];
      if (last !== undefined && hktIsoDay(new Date(last)) === day) continue;
      const since = last === undefined ? new Date(until.getTime() - DAY_MS) : new Date(last);
      const digest = dayDigest(posted, channel, since, until);
      store.setMeta({ digests: { ...done, [channel]: until.toISOString() } });
      await store.flush();
      if (!digest) continue;
      try {
        await alerts.postDigest(channel, digest);
        sent++;
        log.info({ channel, day, estimates: digest.items.length }, 'digest sent');
      } catch (err) {
        log.error({ err, channel, day }, 'digest could not be sent');
      }
    }
    return sent;
  };
}
