import type { IncomingHttpHeaders } from 'node:http';

// Conditional requests: when a response carried an ETag or Last-Modified, the next request for
// that URL sends them back, and a 304 replays the body kept from last time. Replaying (rather than
// reporting "nothing new") means a poll whose filings were never recorded still sees them.

interface Entry {
  etag: string | null;
  lastModified: string | null;
  body: string;
}

export class ConditionalCache {
  readonly #entries = new Map<string, Entry>();

  /** If-None-Match / If-Modified-Since for the URL, when its last response had validators. */
  requestHeaders(url: string): Record<string, string> {
    const entry = this.#entries.get(url);
    const headers: Record<string, string> = {};
    if (entry?.etag) headers['if-none-match'] = entry.etag;
    if (entry?.lastModified) headers['if-modified-since'] = entry.lastModified;
    return headers;
  }

  /** Keeps a body that was read successfully, when the response carried validators. */
  remember(url: string, headers: IncomingHttpHeaders, body: string): void {
    const etag = single(headers.etag);
    const lastModified = single(headers['last-modified']);
    if (etag || lastModified) this.#entries.set(url, { etag, lastModified, body });
    else this.#entries.delete(url);
  }

  /** The body a 304 stands for, if one was kept. */
  replay(url: string): string | undefined {
    return this.#entries.get(url)?.body;
  }
}

function single(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
