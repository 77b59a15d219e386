// Every failure this adapter reports names the URL it was reading, so a log line is enough to
// find the request again.

export class HkexError extends Error {
  override readonly name: string = 'HkexError';

  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

// A code HKEXnews does not list is the asker's mistake, not an outage: callers tell it apart so
// they can say so instead of asking to try again.
export class UnknownStockError extends HkexError {
  override readonly name: string = 'UnknownStockError';

  constructor(
    /** The five-digit code that was looked up. */
    readonly code: string,
    url: string,
  ) {
    super(`HKEXnews knows no stock ${code}`, url);
  }
}
