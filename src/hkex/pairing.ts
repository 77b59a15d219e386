import type { Filing } from './filing.js';
import type { Listing } from './listing.js';

// The English and Chinese versions of an announcement share the file name but for "_c" before
// the extension; they become one Filing so that one announcement never becomes two alerts. The
// English listing decides which announcements exist: a Chinese listing only adds its id, title and URL.

/** The path both language versions share: the document's path without the Chinese "_c". */
export function pairKey(url: string): string {
  return new URL(url).pathname.replace(/_c(\.[^./]+)$/i, '$1');
}

/** One Filing per English listing, in the English order, with its Chinese twin's details when listed. */
export function pairListings(english: readonly Listing[], chinese: readonly Listing[]): Filing[] {
  const twins = new Map(chinese.map((zh) => [pairKey(zh.url), zh]));
  return english.map((en) => {
    const zh = twins.get(pairKey(en.url));
    const { url, ...rest } = en;
    return {
      ...rest,
      idZh: zh && zh.id !== en.id ? zh.id : null,
      titleZh: zh?.title ?? null,
      pdfUrl: url,
      pdfUrlZh: zh?.url ?? null,
    };
  });
}

/** True when the store knows either language's id. */
export function isKnownFiling(filing: Filing, isKnown: (id: string) => boolean): boolean {
  return isKnown(filing.id) || (filing.idZh != null && isKnown(filing.idZh));
}
