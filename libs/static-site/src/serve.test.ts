import { describe, expect, it } from 'vitest';
import { contentTypeFor } from './content-type.ts';
import { cacheControlFor, etagMatches, IMMUTABLE, REVALIDATE } from './caching.ts';
import { serveStatic, type AssetTable } from './serve.ts';

const assets: AssetTable = {
  '/index.html': { body: '<!doctype html><title>x</title>', contentType: 'text/html; charset=utf-8', etag: '"sha256-page"' },
  '/assets/app-ABCDEFGH.js': { body: 'console.log(1)', contentType: 'text/javascript; charset=utf-8', etag: '"sha256-js"' },
  '/icon.png': { body: btoa('\x89PNG'), base64: true, contentType: 'image/png', etag: '"sha256-png"' },
};
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  serveStatic(new Request(`http://host${path}`, { method, headers }), assets, { headers: { 'content-security-policy': "default-src 'self'" } });

describe('serveStatic', () => {
  it('serves_hashed_assets_immutable_with_type_and_etag', async () => {
    const response = get('/assets/app-ABCDEFGH.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('etag')).toBe('"sha256-js"');
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves_the_page_for_client_routes_with_no_cache_and_extra_headers', async () => {
    const response = get('/devices/d1');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe(REVALIDATE);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(await response.text()).toContain('<!doctype html>');
  });

  it('answers_304_without_body_when_if_none_match_matches', async () => {
    const response = get('/', { 'if-none-match': 'W/"other", "sha256-page"' });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"sha256-page"');
    expect(await response.text()).toBe('');
    expect(get('/', { 'if-none-match': '"stale"' }).status).toBe(200);
  });

  it('decodes_base64_binary_assets', async () => {
    const bytes = new Uint8Array(await get('/icon.png').arrayBuffer());
    expect([...bytes]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('answers_head_with_headers_only', async () => {
    const response = get('/assets/app-ABCDEFGH.js', {}, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"sha256-js"');
    expect(await response.text()).toBe('');
  });

  it('answers_unknown_api_paths_with_a_404_problem_never_the_page', async () => {
    const response = get('/api/v1/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('/api/v1/nope');
  });

  it('refuses_traversal_with_a_400_problem', async () => {
    const response = get('/assets/..%2f..%2fetc/passwd');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/encoded "\/".*\.\.%2f/);
  });

  it('checks_the_raw_path_the_host_passes_not_the_resolved_url', () => {
    const request = new Request('http://host/etc/passwd');
    expect(serveStatic(request, assets, { rawPath: '/assets/../../etc/passwd' }).status).toBe(400);
    expect(serveStatic(request, assets, { rawPath: '/assets/app-ABCDEFGH.js' }).status).toBe(200);
  });

  it('answers_405_with_allow_for_writes', () => {
    const response = get('/', {}, 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers_404_not_405_for_writes_to_unknown_api_paths', () => {
    expect(get('/api/v1/nope', {}, 'POST').status).toBe(404);
  });

  it('answers_404_problem_for_unknown_files', () => {
    expect(get('/assets/app-OLDHASH1.js').status).toBe(404);
  });
});

describe('content types and caching helpers', () => {
  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/a/app-X.JS', 'text/javascript; charset=utf-8'],
    ['/s.css', 'text/css; charset=utf-8'],
    ['/i.svg', 'image/svg+xml'],
    ['/noext', 'application/octet-stream'],
    ['/.hidden', 'application/octet-stream'],
    ['/x.unknown', 'application/octet-stream'],
  ])('types_%s_as_%s', (path, type) => expect(contentTypeFor(path)).toBe(type));

  it('marks_only_hashed_names_immutable', () => {
    expect(cacheControlFor('/assets/app-5FQ2KXJ7.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/index.html')).toBe(REVALIDATE);
    expect(cacheControlFor('/assets/my-app.js')).toBe(REVALIDATE);
  });

  it('compares_etags_weakly_and_accepts_star', () => {
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "c"', '"a"')).toBe(false);
    expect(etagMatches(null, '"a"')).toBe(false);
  });
});
