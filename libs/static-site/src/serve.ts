// Answer a request from an in-memory asset table (paths → bodies built into the
// component): method check, path resolution, conditional GET, headers.
import { problemResponse } from '@edgewatch/http';
import { cacheControlFor, etagMatches } from './caching.ts';
import { resolveStaticPath, type ResolveOptions } from './path.ts';

/** One file of the site, as the build embedded it. */
export interface StaticAsset {
  /** UTF-8 text, or base64 when `base64` is true (binary files). */
  body: string;
  base64?: boolean;
  contentType: string;
  /** Strong entity tag, quoted (e.g. `"sha256-…"`), computed from the bytes at build time. */
  etag: string;
}

/** Path (starting with `/`) → asset. */
export type AssetTable = Readonly<Record<string, StaticAsset>>;

export interface ServeOptions extends ResolveOptions {
  /** Extra headers on every asset response (e.g. a Content-Security-Policy for the page). */
  headers?: Record<string, string>;
  /**
   * The raw request path when the host passes it apart from the URL (Spin's
   * `spin-path-info`); `new Request()` already resolves `..`, a raw path may not.
   */
  rawPath?: string | null;
}

const decodeBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Serve `request` from `assets`; never throws, every refusal is a problem+json. */
export function serveStatic(request: Request, assets: AssetTable, options: ServeOptions = {}): Response {
  const rawPath = options.rawPath || new URL(request.url).pathname;
  const route = resolveStaticPath(rawPath, (p) => Object.hasOwn(assets, p), options);
  if (route.kind === 'refused') {
    return problemResponse({ status: 400, type: 'invalid-path', title: 'Invalid path', detail: `${route.detail}: ${rawPath}` });
  }
  // After the API check: an unknown API path is a 404 for every method, as the API's own routers answer.
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !(route.kind === 'not-found' && route.reason === 'api')) {
    return problemResponse({
      status: 405,
      type: 'method-not-allowed',
      title: 'Method not allowed',
      detail: `The dashboard's files are read-only: use GET or HEAD, not ${method}.`,
      headers: { allow: 'GET, HEAD' },
    });
  }
  if (route.kind === 'not-found') {
    const detail =
      route.reason === 'api'
        ? `No API endpoint answers ${route.path}; the endpoints are listed at /api/v1/openapi.json.`
        : `No file ${route.path} in the dashboard; reload the page to get the current file names.`;
    return problemResponse({ status: 404, type: 'not-found', title: 'Not found', detail });
  }
  const asset = assets[route.path]!;
  const headers: Record<string, string> = {
    etag: asset.etag,
    'cache-control': cacheControlFor(route.path),
    'x-content-type-options': 'nosniff',
    ...options.headers,
  };
  if (etagMatches(request.headers.get('if-none-match'), asset.etag)) return new Response(null, { status: 304, headers });
  headers['content-type'] = asset.contentType;
  const body = asset.base64 ? decodeBase64(asset.body) : asset.body;
  return new Response(method === 'HEAD' ? null : body, { status: 200, headers });
}
