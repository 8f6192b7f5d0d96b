// The component's handler over the real generated asset table (scripts/build-web.ts
// runs before the tests): what a browser gets for the page, the bundle and bad paths.
import { describe, expect, it } from 'vitest';
import { IMMUTABLE } from '@edgewatch/static-site';
import { CONTENT_SECURITY_POLICY, createDashboardHandler } from '../src/app.ts';
import { WEB_ASSETS } from '../src/web-assets.generated.ts';

const handle = createDashboardHandler(WEB_ASSETS);
const get = (path: string, headers: Record<string, string> = {}) => handle(new Request(`http://localhost:3000${path}`, { headers }));

describe('dashboard component', () => {
  it('serves_the_page_naming_hashed_bundles_that_it_also_serves', async () => {
    const page = get('/');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await page.text();
    const js = /src="(\/assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const css = /href="(\/assets\/app-[A-Z0-9]+\.css)"/.exec(html)?.[1];
    expect(js).toBeDefined();
    expect(css).toBeDefined();
    const script = get(js!);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe(IMMUTABLE);
    expect((await script.text()).length).toBeGreaterThan(10_000);
    expect(get(css!).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('revalidates_with_the_etag', () => {
    const etag = get('/').headers.get('etag')!;
    expect(etag).toMatch(/^"sha256-/);
    expect(get('/devices/d1', { 'if-none-match': etag }).status).toBe(304);
  });

  it('falls_back_to_the_page_for_client_routes_but_not_under_api', async () => {
    expect(await get('/alerts').text()).toContain('<!doctype html>');
    const api = get('/api/v1/unknown');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses_traversal_in_the_raw_path_spin_passes', () => {
    const response = handle(new Request('http://localhost:3000/etc/passwd', { headers: { 'spin-path-info': '/assets/../../etc/passwd' } }));
    expect(response.status).toBe(400);
  });
});
