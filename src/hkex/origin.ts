// Requests only ever go to HKEX_BASE_URL's origin: a link from a feed or a caller is resolved
// against it and refused when it lands anywhere else.

/** `link` (absolute, or a path such as a feed's webPath) as a URL on `base`'s origin, or null when it points elsewhere. */
export function onOrigin(base: string, link: string): URL | null {
  let url: URL;
  try {
    url = new URL(link, base);
  } catch {
    return null;
  }
  return url.origin === new URL(base).origin ? url : null;
}
