import { describe, expect, it } from 'vitest';
import { normalizeRequestPath, resolveStaticPath } from './path.ts';

const files = new Set(['/index.html', '/assets/app-ABCDEFGH.js', '/docs/index.html', '/favicon.svg']);
const has = (p: string) => files.has(p);

describe('resolveStaticPath', () => {
  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/assets/..%2fsecret',
    '/assets/%5c..%5csecret',
    '/a\\..\\b',
    '/./index.html',
    '/assets/%00.js',
    '//etc/passwd',
    '/%E0%A4%A',
  ])('refuses_traversal_and_ambiguous_path_%s', (raw) => {
    expect(resolveStaticPath(raw, has).kind).toBe('refused');
  });

  it('serves_known_files_by_exact_path', () => {
    expect(resolveStaticPath('/assets/app-ABCDEFGH.js', has)).toEqual({ kind: 'asset', path: '/assets/app-ABCDEFGH.js' });
    expect(resolveStaticPath('/favicon.svg', has)).toEqual({ kind: 'asset', path: '/favicon.svg' });
  });

  it('serves_the_page_at_the_root_and_for_client_routes', () => {
    expect(resolveStaticPath('/', has)).toEqual({ kind: 'fallback', path: '/index.html' });
    expect(resolveStaticPath('/devices/machine-1', has)).toEqual({ kind: 'fallback', path: '/index.html' });
    expect(resolveStaticPath('/alerts', has)).toEqual({ kind: 'fallback', path: '/index.html' });
  });

  it('decodes_percent_encoded_client_routes', () => {
    expect(resolveStaticPath('/devices/lab%20one', has)).toEqual({ kind: 'fallback', path: '/index.html' });
  });

  it('answers_404_for_unknown_files_with_an_extension_never_the_page', () => {
    expect(resolveStaticPath('/assets/app-OLDHASH1.js', has)).toEqual({ kind: 'not-found', reason: 'file', path: '/assets/app-OLDHASH1.js' });
    expect(resolveStaticPath('/robots.txt', has).kind).toBe('not-found');
  });

  it.each(['/api', '/api/', '/api/v1/nothing', '/api/v1/devices.json', '/API/v1/x'.toLowerCase()])('never_falls_back_under_api_%s', (raw) => {
    expect(resolveStaticPath(raw, has)).toMatchObject({ kind: 'not-found', reason: 'api' });
  });

  it('does_not_treat_paths_that_merely_start_with_api_as_api', () => {
    expect(resolveStaticPath('/apiary', has)).toEqual({ kind: 'fallback', path: '/index.html' });
  });

  it('serves_directory_index_files', () => {
    expect(resolveStaticPath('/docs/', has)).toEqual({ kind: 'asset', path: '/docs/index.html' });
  });

  it('answers_404_everywhere_when_there_is_no_page_to_fall_back_to', () => {
    expect(resolveStaticPath('/devices/x', () => false)).toMatchObject({ kind: 'not-found', reason: 'file' });
    expect(resolveStaticPath('/', () => false)).toMatchObject({ kind: 'not-found' });
  });

  it('honours_custom_no_fallback_prefixes', () => {
    expect(resolveStaticPath('/internal/x', has, { noFallbackPrefixes: ['/internal'] })).toMatchObject({ kind: 'not-found', reason: 'api' });
  });
});

describe('normalizeRequestPath', () => {
  it('keeps_a_trailing_slash_but_refuses_inner_empty_segments', () => {
    expect(normalizeRequestPath('/docs/')).toEqual({ path: '/docs/' });
    expect(normalizeRequestPath('/a//b')).toHaveProperty('refused');
  });
  it('refuses_relative_paths', () => {
    expect(normalizeRequestPath('index.html')).toHaveProperty('refused');
  });
});
