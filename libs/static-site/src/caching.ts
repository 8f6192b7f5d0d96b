// HTTP caching of static assets: content-hashed file names are immutable for a
// year; everything else (index.html above all, which names the hashed files)
// must be revalidated on every use, which the ETag makes a cheap 304.

/** Cache-Control of a content-hashed asset: the name changes whenever the bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Cache-Control of everything else: cache, but revalidate with If-None-Match each time. */
export const REVALIDATE = 'no-cache';

/** True for names esbuild hashed, e.g. `app-5FQ2KXJ7.js` (8+ chars of [A-Z0-9] before the extension). */
export function isHashedName(path: string): boolean {
  return /-[A-Z0-9]{8,}\.[a-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
}

/** Cache-Control for a path. */
export function cacheControlFor(path: string): string {
  return isHashedName(path) ? IMMUTABLE : REVALIDATE;
}

/**
 * RFC 9110 §13.1.2 If-None-Match: weak comparison against a list of entity tags,
 * or `*`. Use to decide between 200 and 304 for GET/HEAD.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const header = ifNoneMatch.trim();
  if (header === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const mine = opaque(etag);
  return header.split(',').some((tag) => opaque(tag) === mine);
}
