// Test support (not exported from index.ts): an AlertsEnv over the memory store
// with a hand-moved clock, seeded randomness and an in-process webhook receiver
// that records what it got and can be told to fail.
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import type { AlertsEnv } from './env.ts';
import { parseReceiver, type Receiver } from './receivers.ts';
import { saveCollection } from './config-store.ts';

/** A request the fake receiver got. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown> & { alerts: { status: string; labels: Record<string, string>; fingerprint: string }[]; status: string };
}

/** How the env's store claims keys (claim.ts): `counter` has `increment`, `fischer` has not. */
export type ClaimMode = 'counter' | 'fischer';

/** The mode suites run with unless a test picks one: `ALERTS_CLAIMS=fischer vitest run` runs every suite without `increment`. */
export const defaultClaimMode: ClaimMode = process.env.ALERTS_CLAIMS === 'fischer' ? 'fischer' : 'counter';

/** A memory store with or without `increment`. */
export function testStore(mode: ClaimMode = defaultClaimMode): KeyValueStore {
  const store = createMemoryStore();
  if (mode === 'counter') return store;
  const { increment: _, ...withoutIncrement } = store;
  return withoutIncrement;
}

/** A controllable env: `clock.t` is epoch ms; `hook.failNext` makes the next calls answer 503. */
export function testEnv(start = Date.UTC(2025, 0, 1), mode: ClaimMode = defaultClaimMode) {
  const clock = { t: start };
  let seed = 42;
  const received: Received[] = [];
  const hook = { failNext: 0, status: 503, refuse: false };
  const env: AlertsEnv = {
    store: testStore(mode),
    now: () => clock.t,
    // Yield to other tasks, so concurrent passes interleave at every claim.
    sleep: () => new Promise((resolve) => setTimeout(resolve, 0)),
    random: () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    },
    fetch: async (url, init) => {
      if (hook.refuse) throw new TypeError('connection refused');
      if (hook.failNext > 0) {
        hook.failNext--;
        return new Response('down', { status: hook.status });
      }
      const body = String(init.body);
      received.push({ url, headers: Object.fromEntries(new Headers(init.headers).entries()), body, json: JSON.parse(body) });
      return new Response(null, { status: 200 });
    },
    claimSettleMs: 0,
    externalUrl: 'http://edgewatch.test',
  };
  const advance = (ms: number) => void (clock.t += ms);
  return { env, clock, received, hook, advance };
}

/** Store receivers (validated against an allow-all origin). */
export function useReceivers(env: AlertsEnv, ...specs: Record<string, unknown>[]): Receiver[] {
  const receivers = specs.map((spec) => parseReceiver({ type: 'alertmanager-webhook', url: 'http://hooks.test/h', ...spec }, 'http://hooks.test'));
  saveCollection(env, 'receivers', receivers);
  return receivers;
}

/** A reading at the env's clock (epoch seconds). */
export const reading = (env: AlertsEnv, device: string, name: string, v: number, extra: Record<string, unknown> = {}) => ({ device, name, v, t: env.now() / 1000, ...extra });
