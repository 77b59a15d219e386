import type { Estimate } from '../../src/estimate.js';
import type { Filing } from '../../src/hkex/filing.js';
import { createEstimateLookup } from '../../src/slack/estimate-lookup.js';
import type { ListenerDeps } from '../../src/slack/listeners/deps.js';
import { createMemoryStore } from '../../src/store/index.js';
import { fakeHkex, fakeParse } from './fake-hkex.js';
import { capturedLog } from './log-capture.js';

/** Listener deps over a memory store and a fake HKEXnews holding `filings`. */
export function listenerDeps(filings: Filing[], parsed: Estimate, hkexError?: Error) {
  const store = createMemoryStore();
  const hkex = fakeHkex(filings, hkexError);
  const { log, lines } = capturedLog();
  const deps: ListenerDeps = {
    store,
    log,
    lookup: createEstimateLookup({ store, hkex: hkex.source, parse: fakeParse(parsed).parse }),
  };
  return { deps, store, hkex, logLines: lines };
}

/** Records what a listener sent through respond() or say(). */
export function recorder<T>() {
  const sent: T[] = [];
  return { sent, fn: async (m: T) => void sent.push(m) };
}
