// Request path → what the static site should do with it. Pure and guest-safe:
// the same rules run in the component and in the unit tests.
//
// Rules (documented in libs/static-site/README.md):
//   - `/api` and `/api/...` never get the SPA fallback: an unknown API path is a
//     404 problem, so a client never parses index.html as JSON;
//   - traversal and ambiguous spellings (`..`, `.`, `\`, NUL, encoded `/`,
//     bad percent-encoding) are refused with 400 before any lookup;
//   - a path whose last segment has a file extension names a file: 404 if unknown
//     (a stale hashed asset must not come back as HTML);
//   - anything else is a client-side route: index.html (the SPA fallback).

/** The outcome of resolving a request path against an asset table. */
export type StaticRoute =
  | { kind: 'asset'; path: string }
  | { kind: 'fallback'; path: string }
  | { kind: 'not-found'; reason: 'api' | 'file'; path: string }
  | { kind: 'refused'; detail: string };

export interface ResolveOptions {
  /** The page served for client-side routes (default `/index.html`). */
  fallback?: string;
  /** Path prefixes that never fall back to the page (default `['/api']`). */
  noFallbackPrefixes?: readonly string[];
}

const hasExtension = (path: string) => /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));

/** True when `path` is `prefix` itself or lies below it (`/api`, `/api/x`, not `/apiary`). */
export function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}

/**
 * Decode and check a URL pathname; answers the decoded path or why it is refused.
 * Use before any lookup: a refused path never reaches the table.
 */
export function normalizeRequestPath(rawPathname: string): { path: string } | { refused: string } {
  if (!rawPathname.startsWith('/')) return { refused: 'the path must start with "/"' };
  // An encoded slash or backslash would let one segment spell two.
  if (/%2f|%5c/i.test(rawPathname)) return { refused: 'encoded "/" or "\\" is not allowed in a path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return { refused: 'the path is not valid percent-encoding' };
  }
  if (decoded.includes('\0')) return { refused: 'NUL is not allowed in a path' };
  if (decoded.includes('\\')) return { refused: '"\\" is not allowed in a path' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return { refused: '"." and ".." segments are not allowed (path traversal)' };
  // `//x` would be an empty segment: refuse rather than guess which file was meant.
  if (segments.slice(0, -1).some((s) => s === '')) return { refused: 'empty path segments ("//") are not allowed' };
  return { path: decoded };
}

/** Decide how to answer `rawPathname` given the set of known asset paths. */
export function resolveStaticPath(rawPathname: string, has: (path: string) => boolean, options: ResolveOptions = {}): StaticRoute {
  const fallback = options.fallback ?? '/index.html';
  const noFallback = options.noFallbackPrefixes ?? ['/api'];
  const normalized = normalizeRequestPath(rawPathname);
  if ('refused' in normalized) return { kind: 'refused', detail: normalized.refused };
  const { path } = normalized;
  if (noFallback.some((prefix) => isUnder(path, prefix))) return { kind: 'not-found', reason: 'api', path };
  if (path === '/') return has(fallback) ? { kind: 'fallback', path: fallback } : { kind: 'not-found', reason: 'file', path };
  if (has(path)) return { kind: 'asset', path };
  // `/dir/` → `/dir/index.html` when that file exists (plain static directories).
  if (path.endsWith('/') && has(`${path}index.html`)) return { kind: 'asset', path: `${path}index.html` };
  if (hasExtension(path)) return { kind: 'not-found', reason: 'file', path };
  return has(fallback) ? { kind: 'fallback', path: fallback } : { kind: 'not-found', reason: 'file', path };
}
