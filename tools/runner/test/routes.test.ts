// Spin's route matching and request headers at unit level (trigger-http/routes.ts
// and spin-headers.ts), checked against what Spin's router and headers.rs compute.
import { describe, expect, it } from 'vitest';
import { RouteTable, compileRoute } from '../src/trigger-http/routes.ts';
import { spinHeaders } from '../src/trigger-http/spin-headers.ts';

const table = (routes: Record<string, string>) => new RouteTable(Object.entries(routes).map(([route, component]) => compileRoute(component, route)));

describe('route matching', () => {
  const routes = table({
    '/...': 'catch-all',
    '/one': 'one-exact',
    '/one/...': 'one-wildcard',
    '/one/two/...': 'one-two-wildcard',
    '/one/two/three/...': 'one-two-three-wildcard',
    '/users/:id': 'user',
    '/users/me': 'me',
    '/users/:id/posts/:post_id': 'post',
    '/files/:bucket/...': 'files',
  });
  const component = (path: string) => routes.match(path)?.route.component;

  it.each([
    ['/one', 'one-exact'],
    ['/one/x', 'one-wildcard'],
    ['/one/two', 'one-two-wildcard'],
    ['/one/two/three/four', 'one-two-three-wildcard'],
    ['/one/twox', 'one-wildcard'],
    ['/users/42', 'user'],
    ['/users/me', 'me'],
    ['/users/42/posts/7', 'post'],
    ['/users/42/posts', 'catch-all'],
    ['/files/b/a/b', 'files'],
    ['/files/b', 'files'],
    ['/', 'catch-all'],
    ['/nothing/here', 'catch-all'],
  ])('routes %s to %s', (path, expected) => {
    expect(component(path)).toBe(expected);
  });

  it('exact_beats_wildcard_regardless_of_order', () => {
    const reversed = table({ '/one/...': 'wild', '/one': 'exact' });
    expect(reversed.match('/one')?.route.component).toBe('exact');
    expect(reversed.match('/one/')?.route.component).toBe('exact');
  });

  it('longest_prefix_wins_regardless_of_order', () => {
    const shuffled = table({ '/a/b/...': 'ab', '/...': 'root', '/a/...': 'a', '/a/b/c/...': 'abc' });
    expect(shuffled.match('/a/b/c/d')?.route.component).toBe('abc');
    expect(shuffled.match('/a/b/x')?.route.component).toBe('ab');
    expect(shuffled.match('/a')?.route.component).toBe('a');
    expect(shuffled.match('/b')?.route.component).toBe('root');
  });

  it('returns_nothing_when_no_route_matches', () => {
    const narrow = table({ '/api/...': 'api', '/exact': 'exact' });
    expect(narrow.match('/other')).toBeUndefined();
    expect(narrow.match('/exact/more')).toBeUndefined();
    expect(narrow.match('/')).toBeUndefined();
  });

  // Spin keeps trailing slashes in path info (crates/http routes.rs trailing_wildcard).
  it.each([
    ['/foo/...', '/foo', ''],
    ['/foo/...', '/foo/', '/'],
    ['/foo/...', '/foo/bar', '/bar'],
    ['/foo/...', '/foo/bar/', '/bar/'],
    ['/foo/...', '/foo/bar/baz', '/bar/baz'],
    ['/...', '/', '/'],
    ['/...', '/a/b', '/a/b'],
    ['/foo', '/foo', ''],
  ])('route %s on %s has path info %j', (route, path, pathInfo) => {
    expect(table({ [route]: 'c' }).match(path)?.pathInfo).toBe(pathInfo);
  });

  it('captures_parameters_raw_as_spin_does', () => {
    const match = routes.match('/users/a%20b/posts/%zz');
    expect(match?.params).toEqual({ id: 'a%20b', post_id: '%zz' });
  });

  it('does_not_match_an_empty_parameter_segment', () => {
    expect(component('/users//posts/7')).toBe('catch-all');
  });

  it.each(['/a/.../b', '/a/*/b', '/:', '/a/:b-c'])('refuses_malformed_route %s', (route) => {
    expect(() => compileRoute('c', route)).toThrow(route);
  });
});

describe('spin request headers', () => {
  const facts = { scheme: 'http', host: 'example.test:3000', pathWithQuery: '/foo/42/bar?key1=value1', clientAddr: '127.0.0.1:8777' };
  const headersFor = (route: string, path: string, f = facts) => Object.fromEntries(spinHeaders(table({ [route]: 'c' }).match(path)!, f));

  it('matches_spin_for_a_wildcard_route', () => {
    expect(headersFor('/foo/...', '/foo/bar', { ...facts, pathWithQuery: '/foo/bar?key1=value1' })).toEqual({
      'spin-full-url': 'http://example.test:3000/foo/bar?key1=value1',
      'spin-path-info': '/bar',
      'spin-matched-route': '/foo/...',
      'spin-base-path': '/',
      'spin-raw-component-route': '/foo/...',
      'spin-component-route': '/foo',
      'spin-client-addr': '127.0.0.1:8777',
    });
  });

  it('adds_one_path_match_header_per_parameter_with_underscores_as_dashes', () => {
    const headers = headersFor('/foo/:user_id/...', '/foo/42/bar');
    expect(headers['spin-path-match-user-id']).toBe('42');
    expect(headers['spin-component-route']).toBe('/foo/:user_id');
    expect(headers['spin-path-info']).toBe('/bar');
    expect(Object.keys(headers).filter((h) => h.startsWith('spin-path-match-'))).toEqual(['spin-path-match-user-id']);
  });

  it('gives_an_exact_route_empty_path_info', () => {
    const headers = headersFor('/exact', '/exact');
    expect(headers['spin-path-info']).toBe('');
    expect(headers['spin-component-route']).toBe('/exact');
    expect(headers['spin-matched-route']).toBe('/exact');
  });
});
