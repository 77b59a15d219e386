// Remembers what an async function gave for a key for a while, and lets every caller asking for
// the same key while the first call is under way wait for that call instead of starting another.
// A failure is not remembered: the next caller tries again.

export interface Memo<T> {
  get(key: string, load: () => Promise<T>): Promise<T>;
}

export function createMemo<T>(ttlMs: number, capacity: number, now: () => number = Date.now): Memo<T> {
  const done = new Map<string, { at: number; value: T }>();
  const running = new Map<string, Promise<T>>();
  return {
    get(key, load) {
      const hit = done.get(key);
      if (hit !== undefined && now() - hit.at < ttlMs) return Promise.resolve(hit.value);
      const pending = running.get(key);
      if (pending !== undefined) return pending;
      const call = load()
        .then((value) => {
          done.delete(key);
          done.set(key, { at: now(), value });
          // Map keeps insertion order: the first key is the oldest.
          if (done.size > capacity) done.delete(done.keys().next().value as string);
          return value;
        })
        .finally(() => running.delete(key));
      running.set(key, call);
      return call;
    },
  };
}
