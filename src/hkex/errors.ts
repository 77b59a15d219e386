// Every failure this adapter reports names the URL it was reading, so a log line is enough to
// find the request again.

export class HkexError extends Error {
  override readonly name = 'HkexError';

  constructor(
    message: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
