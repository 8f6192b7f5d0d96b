// Notification receivers: where an alert group goes, how it is grouped and
// retried. URLs must fall inside the operator's allow-list (the same origin
// pattern Spin enforces through allowed_outbound_hosts), checked at creation so
// a receiver that could never be reached is refused up front.
import { parseDuration, type Duration } from './durations.ts';
import { parseMatchers, type Matcher } from './matchers.ts';

/** `alertmanager-webhook`: Alertmanager's webhook JSON (version 4); `json-webhook`: edgewatch JSON with an HMAC-SHA256 signature. */
export type ReceiverType = 'alertmanager-webhook' | 'json-webhook';

/** A receiver as stored (durations as written). */
export interface Receiver {
  name: string;
  type: ReceiverType;
  url: string;
  /** HMAC key of json-webhook signatures (required for that type). */
  secret?: string;
  /** Route: the receiver gets only alerts matching these (empty: every alert). */
  matchers: Matcher[];
  groupBy: string[];
  groupWait: Duration;
  groupInterval: Duration;
  repeatInterval: Duration;
  sendResolved: boolean;
  /** Attempts before a notification goes to the dead-letter list. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt (with jitter) up to maxBackoff. */
  initialBackoff: Duration;
  maxBackoff: Duration;
}

/** Defaults: notify at once (IoT alerts are urgent), batch updates per minute, remind every 4 h. */
export const RECEIVER_DEFAULTS = {
  groupBy: ['alertname', 'device'],
  groupWait: '0s',
  groupInterval: '1m',
  repeatInterval: '4h',
  sendResolved: true,
  maxAttempts: 8,
  initialBackoff: '10s',
  maxBackoff: '10m',
} as const;

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** Whether `url` falls inside an allowed_outbound_hosts-style origin pattern (`scheme://host[:port]`, `*` wildcards). */
export function urlAllowed(allowed: string, url: URL): boolean {
  const match = /^([a-z*][a-z0-9+.*-]*):\/\/([^/:\s]+|\[[^\]]+\])(?::(\*|\d{1,5}))?\/?$/i.exec(allowed.trim());
  if (!match) return false;
  const [, scheme, host, port] = match;
  if (scheme !== '*' && `${scheme!.toLowerCase()}:` !== url.protocol) return false;
  const hostname = url.hostname.toLowerCase();
  const pattern = host!.toLowerCase();
  const hostOk = pattern === '*' || pattern === hostname || (pattern.startsWith('*.') && hostname.endsWith(pattern.slice(1)));
  const actualPort = url.port || DEFAULT_PORTS[url.protocol];
  const portOk = port === '*' || (port ?? DEFAULT_PORTS[url.protocol]) === actualPort;
  return hostOk && portOk;
}

/** Validate a receiver; `allowedHost` is the webhook_allowed_host variable. Errors name the field. */
export function parseReceiver(input: unknown, allowedHost: string): Receiver {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a receiver must be a JSON object { name, type, url }');
  const raw = input as Record<string, unknown>;
  if (typeof raw.name !== 'string' || !NAME.test(raw.name)) throw new Error('name must be 1-63 characters of a-z, 0-9, "_" or "-"');
  if (raw.type !== 'alertmanager-webhook' && raw.type !== 'json-webhook') throw new Error('type must be "alertmanager-webhook" or "json-webhook"');
  let url: URL;
  try {
    url = new URL(String(raw.url));
  } catch {
    throw new Error('url must be an absolute http(s) URL, e.g. "https://hooks.example.com/alerts"');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('url must use http or https');
  if (!allowedHost || !urlAllowed(allowedHost, url)) {
    throw new Error(`url ${url.origin} is outside the allowed webhook origin "${allowedHost || '(none)'}": set the webhook_allowed_host variable (SPIN_VARIABLE_WEBHOOK_ALLOWED_HOST) to allow it`);
  }
  if (raw.type === 'json-webhook' && (typeof raw.secret !== 'string' || raw.secret.length < 16)) throw new Error('json-webhook receivers need a secret of at least 16 characters to sign with');
  if (raw.secret !== undefined && typeof raw.secret !== 'string') throw new Error('secret must be a string');
  if (raw.groupBy !== undefined && (!Array.isArray(raw.groupBy) || raw.groupBy.some((l) => typeof l !== 'string'))) throw new Error('groupBy must be an array of label names');
  if (raw.sendResolved !== undefined && typeof raw.sendResolved !== 'boolean') throw new Error('sendResolved must be a boolean');
  const maxAttempts = raw.maxAttempts ?? RECEIVER_DEFAULTS.maxAttempts;
  if (!Number.isInteger(maxAttempts) || (maxAttempts as number) < 1 || (maxAttempts as number) > 100) throw new Error('maxAttempts must be an integer from 1 to 100');
  const durations = {} as Record<'groupWait' | 'groupInterval' | 'repeatInterval' | 'initialBackoff' | 'maxBackoff', Duration>;
  for (const field of ['groupWait', 'groupInterval', 'repeatInterval', 'initialBackoff', 'maxBackoff'] as const) {
    const value = (raw[field] ?? RECEIVER_DEFAULTS[field]) as Duration;
    try {
      parseDuration(value);
    } catch (error) {
      throw new Error(`${field}: ${(error as Error).message}`);
    }
    durations[field] = value;
  }
  return {
    name: raw.name,
    type: raw.type,
    url: url.href,
    ...(typeof raw.secret === 'string' ? { secret: raw.secret } : {}),
    matchers: parseMatchers(raw.matchers, 'matchers'),
    groupBy: (raw.groupBy as string[] | undefined) ?? [...RECEIVER_DEFAULTS.groupBy],
    ...durations,
    sendResolved: (raw.sendResolved as boolean | undefined) ?? RECEIVER_DEFAULTS.sendResolved,
    maxAttempts: maxAttempts as number,
  };
}

/** The receiver as the API shows it: the signing secret is never echoed. */
export function publicReceiver(receiver: Receiver): Omit<Receiver, 'secret'> & { hasSecret: boolean } {
  const { secret, ...rest } = receiver;
  return { ...rest, hasSecret: secret !== undefined };
}
