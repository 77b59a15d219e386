/** The message of anything thrown, for errors that name what failed and why. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The system error code of anything thrown ('ENOENT', 'EEXIST'), if it has one. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** What kind of failure a stored error message records, for /healthz and the App Home. */
export type ErrorClass =
  | 'hkex_unreachable'
  | 'hkex_bad_response'
  | 'store_write_failed'
  | 'slack_failed'
  | 'error';

// Matched against the wording of the messages the adapters throw (hkex/http.ts, hkex/validate.ts,
// store/errors.ts, slack/slack-sink.ts, @slack/web-api), anchored at the start so that a URL or
// path inside a message cannot change its class; anything unrecognised is just 'error'.
const ERROR_CLASSES: [RegExp, ErrorClass][] = [
  [/^could not write store file /, 'store_write_failed'],
  [/^GET \S+ (failed: |took longer than )/, 'hkex_unreachable'],
  [/^HKEXnews |^GET \S+ redirected to |^\S+ is larger than the \d+-byte cap$/, 'hkex_bad_response'],
  [
    /^(posting filing \S+ to \S+|reading \S+ history for filing \S+) failed|^An API error occurred: /,
    'slack_failed',
  ],
];

/** The class of a stored error message, without its details. */
export function errorClass(message: string): ErrorClass {
  return ERROR_CLASSES.find(([pattern]) => pattern.test(message))?.[1] ?? 'error';
}
