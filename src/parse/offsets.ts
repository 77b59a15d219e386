// Where the marks of one kind (line breaks, sentence ends) sit in a text, found once and then
// searched by bisection, so a reader visiting many positions stays linear in the text's length.

export class Offsets {
  /** `at` must be ascending; `length` is what from() answers when no mark follows. */
  constructor(
    private readonly at: readonly number[],
    private readonly length: number,
  ) {}

  /** Where `pattern` (global) matches in `text`. */
  static of(text: string, pattern: RegExp): Offsets {
    return new Offsets(
      [...text.matchAll(pattern)].map((m) => m.index),
      text.length,
    );
  }

  /** The last mark strictly before `pos`, or -1. */
  before(pos: number): number {
    const i = this.firstIndexFrom(pos) - 1;
    return i >= 0 ? (this.at[i] as number) : -1;
  }

  /** The first mark at or after `pos`, or the text's length. */
  from(pos: number): number {
    return this.at[this.firstIndexFrom(pos)] ?? this.length;
  }

  private firstIndexFrom(pos: number): number {
    let lo = 0;
    let hi = this.at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.at[mid] as number) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
