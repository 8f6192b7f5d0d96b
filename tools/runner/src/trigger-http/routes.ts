// Spin's HTTP route matching: exact segments, `:name` parameters and a trailing
// `/...` wildcard. Exact routes beat wildcards and the longest prefix wins, as in
// Spin's router (routefinder ranks segment by segment: exact > parameter > wildcard).

type Segment = { kind: 'exact'; text: string } | { kind: 'param'; name: string };

export interface CompiledRoute {
  component: string;
  /** The route as written in spin.toml, e.g. `/api/v1/ingest/...`. */
  raw: string;
  segments: Segment[];
  wildcard: boolean;
}

export interface RouteMatch {
  route: CompiledRoute;
  params: Record<string, string>;
  /** The part of the path matched by a trailing wildcard (`spin-path-info`). */
  pathInfo: string;
}

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)$/;

function splitPath(path: string): string[] {
  const parts = path.split('/').slice(1);
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Parse one route; throws with the reason when it is malformed. */
export function compileRoute(component: string, raw: string): CompiledRoute {
  const route = raw.startsWith('/') ? raw : `/${raw}`;
  const wildcard = route === '/...' || route.endsWith('/...');
  const prefix = wildcard ? route.slice(0, -4) : route;
  const segments: Segment[] = splitPath(prefix === '' ? '/' : prefix).map((part) => {
    if (part === '...' || part.includes('*')) throw new Error(`"${raw}": a wildcard may only end a route, as "/..."`);
    const param = PARAM.exec(part);
    if (part.startsWith(':') && !param) throw new Error(`"${raw}": parameter "${part}" needs a name of letters, digits or _`);
    return param ? { kind: 'param', name: param[1]! } : { kind: 'exact', text: part };
  });
  return { component, raw, segments, wildcard };
}

/** A normalised key that two routes share exactly when Spin would treat them as duplicates. */
export function routeKey(route: CompiledRoute): string {
  const body = route.segments.map((s) => (s.kind === 'exact' ? s.text : ':')).join('/');
  return `/${body}${route.wildcard ? '/...' : ''}`;
}

// Rank of a segment for best-match ordering; higher is more specific.
const RANK = { exact: 3, param: 2, end: 1, wildcard: 0 } as const;

function rankOf(route: CompiledRoute, index: number): number {
  const segment = route.segments[index];
  if (segment) return RANK[segment.kind];
  return route.wildcard ? RANK.wildcard : RANK.end;
}

function compareSpecificity(a: CompiledRoute, b: CompiledRoute): number {
  const length = Math.max(a.segments.length, b.segments.length) + 1;
  for (let i = 0; i < length; i++) {
    const diff = rankOf(b, i) - rankOf(a, i);
    if (diff !== 0) return diff;
  }
  return 0;
}

function tryMatch(route: CompiledRoute, parts: string[], trailingSlash: boolean): RouteMatch | undefined {
  if (parts.length < route.segments.length) return undefined;
  if (!route.wildcard && parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    const part = parts[i]!;
    if (segment.kind === 'exact' ? segment.text !== part : part === '') return undefined;
    // Raw, as Spin's routefinder captures it: no percent-decoding (which could also throw on `%zz`).
    if (segment.kind === 'param') params[segment.name] = part;
  }
  const rest = parts.slice(route.segments.length);
  // Spin keeps a trailing slash in path info: /foo/... on /foo/bar/ gives /bar/.
  const pathInfo = route.wildcard
    ? rest.length === 0
      ? trailingSlash ? '/' : ''
      : `/${rest.join('/')}${trailingSlash ? '/' : ''}`
    : '';
  return { route, params, pathInfo };
}

/** The routing table of one application. */
export class RouteTable {
  readonly routes: CompiledRoute[];

  constructor(routes: CompiledRoute[]) {
    // Sorted once, most specific first, so matching is a first-hit scan.
    this.routes = [...routes].sort(compareSpecificity);
  }

  /** Find the component for a request path (no query string); undefined is a 404. */
  match(path: string): RouteMatch | undefined {
    const parts = splitPath(path);
    // "/" counts too: Spin gives `/...` on "/" the path info "/" (empty capture + trailing slash).
    const trailingSlash = path.endsWith('/');
    for (const route of this.routes) {
      const found = tryMatch(route, parts, trailingSlash);
      if (found) return found;
    }
    return undefined;
  }
}
