// How often a failed step is retried: doubling delays from a minute, then given up.

export const MAX_ATTEMPTS = 5;
const BASE_DELAY_MS = 60_000;

/** Delay before the next try after `attempts` failures: 1, 2, 4, 8 minutes. */
export function retryDelayMs(attempts: number): number {
  return BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1);
}
