// A few lookups a minute per user: each one that misses the cache searches HKEXnews and may
// download and read PDFs, which alerts need too. A sliding window per user, forgotten when idle.

export interface UserLimit {
  /** True, and counted, when the user may look up now. */
  take(user: string): boolean;
}

export function createUserLimit(max: number, windowMs: number, now: () => number = Date.now): UserLimit {
  const recent = new Map<string, number[]>();
  return {
    take(user) {
      const t = now();
      const times = (recent.get(user) ?? []).filter((at) => t - at < windowMs);
      if (times.length >= max) {
        recent.set(user, times);
        return false;
      }
      times.push(t);
      recent.set(user, times);
      // Users who have not asked within the window are forgotten, so the map stays small.
      if (recent.size > 1000)
        for (const [u, ts] of recent) if (ts.every((at) => t - at >= windowMs)) recent.delete(u);
      return true;
    },
  };
}
