// Spin's `allowed_outbound_hosts` patterns: `scheme://host[:port]`, with `*` for
// any scheme, host or port, `*.domain` for subdomains, `*.spin.internal` and
// `<component>.spin.internal` for service chaining, and `self` for the app itself.
// Deny by default: a URL is allowed only when some pattern matches all three parts.

export interface AllowRule {
  scheme: string;
  host: string;
  /** A port number, or '*'. */
  port: number | '*';
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };
const PATTERN = /^([a-z*][a-z0-9+.*-]*):\/\/([^/:\s]+|\[[^\]]+\])(?::(\*|\d{1,5}))?\/?$/i;

/** Parse one entry; throws a message that says what a valid entry looks like. */
export function parseAllowedHost(entry: string): AllowRule[] {
  const match = PATTERN.exec(entry.trim());
  if (!match) {
    throw new Error(`"${entry}" is not scheme://host[:port] (e.g. "https://api.example.com", "http://localhost:3000", "http://*.spin.internal")`);
  }
  const scheme = match[1]!.toLowerCase();
  const host = match[2]!.toLowerCase();
  if (host.includes('*') && host !== '*' && !/^\*\.[^*]+$/.test(host)) {
    throw new Error(`"${entry}": a host wildcard must be "*" or lead as "*.domain"`);
  }
  if (match[3] !== undefined) {
    const port = match[3] === '*' ? '*' : Number(match[3]);
    if (port !== '*' && (port < 1 || port > 65535)) throw new Error(`"${entry}": port ${port} is out of range`);
    return [{ scheme, host, port }];
  }
  if (scheme === '*') return Object.entries(DEFAULT_PORTS).map(([s, port]) => ({ scheme: s, host, port }));
  const port = DEFAULT_PORTS[scheme];
  if (port === undefined) throw new Error(`"${entry}": scheme "${scheme}" has no default port; add one (e.g. ${scheme}://${host}:1234)`);
  return [{ scheme, host, port }];
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** Whether `url` is allowed by `rules`. */
export function isAllowed(rules: AllowRule[], url: URL): boolean {
  const scheme = url.protocol.replace(/:$/, '');
  const host = url.hostname.toLowerCase();
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[scheme];
  return rules.some(
    (rule) => (rule.scheme === '*' || rule.scheme === scheme) && hostMatches(rule.host, host) && (rule.port === '*' || rule.port === port),
  );
}

/** The component a service-chaining host names (`inference.spin.internal` -> `inference`), if it is one. */
export function chainingTarget(host: string): string | undefined {
  const match = /^([a-z0-9-]+)\.spin\.internal$/.exec(host.toLowerCase());
  return match?.[1];
}
