import cron from 'node-cron';
import type { Log } from '../log.js';

// Runs a task (the poll cycle, the daily digest) on a cron schedule, never two at once:
// node-cron's noOverlap skips a tick while a run is still going, and logs that skip. Its lines
// go through our logger: its default one writes coloured plain text to stdout, amid the JSON lines.

export interface Schedule {
  /** Milliseconds between two scheduled runs, for health. */
  intervalMs: number;
  /** When the next scheduled run is due. */
  nextRun(): Date | null;
  /** Runs a cycle now (the first one, at start), tracked like a scheduled one. */
  runNow(): Promise<unknown>;
  /** Stops the schedule and waits for a running cycle, at most `graceMs`; true when it finished. */
  stop(graceMs: number): Promise<boolean>;
}

export interface ScheduleOptions {
  /** Names the task in node-cron's log lines. */
  name?: string;
  /** The time zone the expression is read in (IANA); the machine's by default. */
  timezone?: string;
}

export function scheduleRuns(
  expression: string,
  cycle: () => Promise<unknown>,
  log: Log,
  { name = 'poll', timezone }: ScheduleOptions = {},
): Schedule {
  let running: Promise<unknown> | null = null;
  // One guard for both ways a cycle starts: a tick during the first (runNow) cycle joins it
  // rather than replacing the promise that `stop` waits for.
  const run = () => {
    running ??= cycle().finally(() => {
      running = null;
    });
    return running;
  };
  const task = cron.schedule(expression, run, {
    name,
    noOverlap: true,
    logger: cronLogger(log),
    ...(timezone && { timezone }),
  });
  const [first, second] = task.getNextRuns(2);
  const intervalMs = first && second ? second.getTime() - first.getTime() : 60_000;
  return {
    intervalMs,
    nextRun: () => task.getNextRun(),
    runNow: run,
    async stop(graceMs) {
      await task.stop();
      await task.destroy();
      if (!running) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      });
      const finished = await Promise.race([
        running.then(
          () => true as const,
          () => true as const,
        ),
        timeout,
      ]);
      clearTimeout(timer);
      return finished;
    },
  };
}

/** node-cron's logger interface over ours. */
function cronLogger(log: Log) {
  const child = log.child({ component: 'node-cron' });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string | Error, err?: Error): void =>
      message instanceof Error
        ? child[level]({ err: message }, message.message)
        : child[level]({ err }, message);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
