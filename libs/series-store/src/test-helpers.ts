// Helpers shared by this lib's tests: resolved records and a store that
// records which keys were read and written.
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import type { ResolvedRecord } from '@edgewatch/senml';

/** A numeric record of series `n` at time `t`. */
export const rec = (n: string, t: number, v: number, u?: string): ResolvedRecord => ({ n, t, value: { kind: 'v', value: v }, ...(u ? { u } : {}) });

/** A memory store that logs every get and set, in order. */
export function tracingStore() {
  const inner = createMemoryStore();
  const log: { op: 'get' | 'set' | 'delete'; key: string }[] = [];
  const store: KeyValueStore = {
    label: inner.label,
    get: (key) => (log.push({ op: 'get', key }), inner.get(key)),
    set: (key, value) => (log.push({ op: 'set', key }), inner.set(key, value)),
    delete: (key) => (log.push({ op: 'delete', key }), inner.delete(key)),
    exists: (key) => inner.exists(key),
    getKeys: () => inner.getKeys(),
  };
  return { store, log, inner };
}
