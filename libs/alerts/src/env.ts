// What the alerting logic needs from its host, injected so tests control time,
// randomness and the network: the same code runs in the wasm guest and in vitest.
import type { KeyValueStore } from '@edgewatch/spin-key-value';

/** Host capabilities and settings of one alerting request. */
export interface AlertsEnv {
  store: KeyValueStore;
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Wait; used for the claim settle delay and delivery timeouts. */
  sleep(ms: number): Promise<void>;
  /** Uniform [0, 1): backoff jitter and claim nonces. */
  random(): number;
  /** Outbound HTTP (Spin maps `fetch` to wasi:http; the host enforces allowed_outbound_hosts). */
  fetch(input: string, init: RequestInit): Promise<Response>;
  /** How long a claimant waits before verifying its write-once claim when the store has no `increment` (see claim.ts). */
  claimSettleMs: number;
  /** Base URL of this deployment, for Alertmanager's externalURL and generatorURL. */
  externalUrl: string;
}

/** A random hex id (16 hex digits) from the env's random source. */
export function randomId(env: Pick<AlertsEnv, 'random'>): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += Math.floor(env.random() * 0x10000).toString(16).padStart(4, '0');
  return out;
}

/** ISO-8601 of epoch milliseconds. */
export const iso = (ms: number): string => new Date(ms).toISOString();
