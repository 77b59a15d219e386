import { ReleaseOrder } from './releaseOrder.js';
import type { FilingRecord, FilingState } from './types.js';

// In-memory indexes over the filings, built on load and kept up to date by every put, so that
// lookups by stock, by state and of unfinished work never scan the store. Not persisted.
// Every filing is in `all` and (by its Chinese id) in the twin index; only those kept in full,
// with their codes and states, are in the others.

/** An estimate (or results settling one) whose alerting is unfinished: to parse, or (unless silent) to post. */
export function isUnfinished(r: FilingRecord): boolean {
  if (!r.isEstimate && !r.isResults) return false;
  return r.state === 'seen' || (!r.silent && (r.state === 'parsed' || r.state === 'posting'));
}

const releaseMs = (r: FilingRecord) => Date.parse(r.filing.releasedAt);

export class FilingIndexes {
  /** Every filing, kept in full or compactly. */
  readonly all = new ReleaseOrder();
  /** Chinese newsId → the filing's id. */
  #twins = new Map<string, string>();
  #byStock = new Map<string, ReleaseOrder>();
  #byState = new Map<FilingState, Set<string>>();
  #stateOf = new Map<string, FilingState>();
  #unfinished = new Set<string>();

  /** Indexes a filing not known before, however it is kept. */
  addFiling(id: string, releasedAtMs: number, idZh: string | null | undefined): void {
    this.all.insert(id, releasedAtMs);
    if (idZh) this.#twins.set(idZh, id);
  }

  /** Forgets a pruned filing's Chinese id; `all` is left to the caller, which removes in bulk. */
  forgetTwin(idZh: string | null | undefined): void {
    if (idZh) this.#twins.delete(idZh);
  }

  isChineseId(id: string): boolean {
    return this.#twins.has(id);
  }

  /** Indexes the codes and state of a record now kept in full. */
  add(r: FilingRecord): void {
    const { id, stockCodes } = r.filing;
    const at = releaseMs(r);
    for (const code of new Set(stockCodes)) {
      const order = this.#byStock.get(code) ?? new ReleaseOrder();
      order.insert(id, at);
      this.#byStock.set(code, order);
    }
    this.update(r);
  }

  /** Re-indexes a record's state; its filing (codes, release) never changes. */
  update(r: FilingRecord): void {
    const { id } = r.filing;
    const before = this.#stateOf.get(id);
    if (before !== r.state) {
      if (before) this.#byState.get(before)?.delete(id);
      this.#stateSet(r.state).add(id);
      this.#stateOf.set(id, r.state);
    }
    if (isUnfinished(r)) this.#unfinished.add(id);
    else this.#unfinished.delete(id);
  }

  /** Forgets a record's codes and state: pruned, or now kept compactly. */
  remove(r: FilingRecord): void {
    const { id, stockCodes } = r.filing;
    const at = releaseMs(r);
    for (const code of new Set(stockCodes)) {
      const order = this.#byStock.get(code);
      order?.remove(id, at);
      if (order?.size === 0) this.#byStock.delete(code);
    }
    const state = this.#stateOf.get(id);
    if (state) this.#byState.get(state)?.delete(id);
    this.#stateOf.delete(id);
    this.#unfinished.delete(id);
  }

  byStock(code: string): string[] {
    return this.#byStock.get(code)?.newestFirst() ?? [];
  }

  inState(states: readonly FilingState[]): string[] {
    return states.flatMap((s) => [...(this.#byState.get(s) ?? [])]);
  }

  unfinished(): string[] {
    return [...this.#unfinished];
  }

  #stateSet(state: FilingState): Set<string> {
    let set = this.#byState.get(state);
    if (!set) {
      set = new Set();
      this.#byState.set(state, set);
    }
    return set;
  }
}
