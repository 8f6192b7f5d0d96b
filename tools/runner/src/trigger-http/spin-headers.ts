// The headers Spin adds to every request it hands a component (crates/trigger-http
// headers.rs): the full URL, the route that matched, path info after a wildcard,
// the client address and one `spin-path-match-<name>` per `:name` parameter.
import type { RouteMatch } from './routes.ts';

export interface RequestFacts {
  scheme: string;
  host: string;
  pathWithQuery: string;
  clientAddr: string;
}

/** Headers to add for `match`; the caller removes client-sent `spin-*` headers first. */
export function spinHeaders(match: RouteMatch, facts: RequestFacts): [string, string][] {
  const raw = match.route.raw;
  const headers: [string, string][] = [
    ['spin-full-url', `${facts.scheme}://${facts.host}${facts.pathWithQuery}`],
    ['spin-path-info', match.pathInfo],
    ['spin-matched-route', raw],
    ['spin-base-path', '/'],
    ['spin-raw-component-route', raw],
    ['spin-component-route', raw.endsWith('/...') ? raw.slice(0, -4) : raw],
    ['spin-client-addr', facts.clientAddr],
  ];
  // Spin builds SPIN_PATH_MATCH_<NAME> and turns every `_` into `-`: `:user_id` -> spin-path-match-user-id.
  for (const [name, value] of Object.entries(match.params)) headers.push([`spin-path-match-${name.toLowerCase().replaceAll('_', '-')}`, value]);
  return headers;
}
