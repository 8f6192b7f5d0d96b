// A per-series lease so that one instance at a time scores a series. Spin's
// key-value has no compare-and-set, so the claim is Fischer's timed mutual
// exclusion: write a random owner only when no live lease is there, wait longer
// than a write takes, and read it back — the instance that still finds its own
// owner holds the lease. A waiter polls until the holder releases (or its lease
// expires), so a nudge that arrives mid-run is served right after, not dropped.
import type { KeyValueStore } from '@edgewatch/spin-key-value';

export interface LeaseOptions {
  nowMs: () => number;
  sleep: (ms: number) => Promise<void>;
  /** A lease older than this is dead (its holder crashed). */
  ttlMs?: number;
  /** How long to wait for the current holder before giving up. */
  waitMs?: number;
}

interface Lease {
  owner: string;
  until: number;
}

const CLAIM_SETTLE_MS = 20;
const POLL_MS = 25;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function read(store: KeyValueStore, key: string): Lease | undefined {
  const bytes = store.get(key);
  return bytes ? (JSON.parse(decoder.decode(bytes)) as Lease) : undefined;
}

/** Run `fn` holding the lease `key`; undefined when the lease could not be had within `waitMs`. */
export async function withSeriesLease<T>(store: KeyValueStore, key: string, fn: () => Promise<T>, options: LeaseOptions): Promise<T | undefined> {
  const owner = crypto.randomUUID();
  const ttl = options.ttlMs ?? 30_000;
  const giveUpAt = options.nowMs() + (options.waitMs ?? 5_000);
  for (;;) {
    const current = read(store, key);
    if (!current || current.until < options.nowMs()) {
      store.set(key, encoder.encode(JSON.stringify({ owner, until: options.nowMs() + ttl } satisfies Lease)));
      await options.sleep(CLAIM_SETTLE_MS);
      if (read(store, key)?.owner === owner) break;
    }
    if (options.nowMs() >= giveUpAt) return undefined;
    await options.sleep(POLL_MS);
  }
  try {
    return await fn();
  } finally {
    if (read(store, key)?.owner === owner) store.delete(key);
  }
}
