import { setTimeout as sleep } from 'node:timers/promises';

// Tests wait on conditions, never for fixed times: the probe runs every 50 ms until it returns
// something other than undefined, or the deadline passes.

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Added to the timeout error, e.g. the bot's log, to show why the condition never came. */
  context?: () => string;
}

const CONTEXT_CHARS = 4_000;

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 10_000, intervalMs = 50, context }: WaitOptions = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > deadline) {
      const tail = context ? `\n--- last output ---\n${context().slice(-CONTEXT_CHARS)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${tail}`);
    }
    await sleep(intervalMs);
  }
}
