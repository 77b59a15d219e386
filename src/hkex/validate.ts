import type { z } from 'zod';
import { HkexError } from './errors.js';

// HKEXnews has no documented API, so every response is checked before use; a surprise becomes an
// HkexError that says which URL and which field, instead of a TypeError somewhere downstream.

/** Parses JSON text, naming the URL when it is not JSON (a truncated body, an HTML error page). */
export function parseJson(text: string, url: string): unknown {
  // Error pages come with status 200 too.
  if (/^\s*</.test(text)) throw new HkexError(`HKEXnews sent an HTML page instead of JSON from ${url}`, url);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HkexError(`HKEXnews sent unreadable JSON from ${url}: ${(err as Error).message}`, url, {
      cause: err,
    });
  }
}

/** The first problem zod found, as "field.path: message". */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`;
}

/** The value in the schema's shape, or an HkexError naming the URL and the offending field. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  url: string,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HkexError(
    `HKEXnews ${what} at ${url} has an unexpected shape: ${describeIssue(parsed.error)}`,
    url,
  );
}
