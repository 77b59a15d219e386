// Filing ids ordered by release instant, oldest first. New filings are the newest, so inserts
// land at the end and pruning takes from the front: both cheap whatever the size.

interface Entry {
  id: string;
  at: number;
}

export class ReleaseOrder {
  #entries: Entry[] = [];

  get size(): number {
    return this.#entries.length;
  }

  insert(id: string, at: number): void {
    this.#entries.splice(this.#firstAfter(at), 0, { id, at });
  }

  remove(id: string, at: number): void {
    for (let i = this.#firstAtOrAfter(at); i < this.#entries.length && this.#entries[i]?.at === at; i++) {
      if (this.#entries[i]?.id === id) {
        this.#entries.splice(i, 1);
        return;
      }
    }
  }

  newestFirst(): string[] {
    return this.#entries.map((e) => e.id).reverse();
  }

  /** Removes and returns the ids released before `at`. */
  takeBefore(at: number): string[] {
    return this.#entries.splice(0, this.#firstAtOrAfter(at)).map((e) => e.id);
  }

  #firstAtOrAfter(at: number): number {
    return this.#search((e) => e.at >= at);
  }

  #firstAfter(at: number): number {
    return this.#search((e) => e.at > at);
  }

  /** First index whose entry satisfies `past` (monotone over the order), or the length. */
  #search(past: (e: Entry) => boolean): number {
    let lo = 0;
    let hi = this.#entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(this.#entries[mid] as Entry)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
