// In-memory KeyValueStore for unit tests of handler logic (integration tests
// use the real host through the runner).
import type { KeyValueStore } from './store.ts';
import { checkCounterDelta, decodeCounter, encodeCounter } from './counter.ts';

/** A fresh, empty store that copies values in and out like a real host would; `increment` stores counters as Spin does. */
export function createMemoryStore(label = 'default'): KeyValueStore & { size(): number; increment(key: string, delta: number): number } {
  const data = new Map<string, Uint8Array>();
  return {
    label,
    get: (key) => {
      const value = data.get(key);
      return value ? value.slice() : undefined;
    },
    set: (key, value) => void data.set(key, value.slice()),
    delete: (key) => void data.delete(key),
    exists: (key) => data.has(key),
    getKeys: () => [...data.keys()],
    increment: (key, delta) => {
      checkCounterDelta(key, delta);
      const value = decodeCounter(key, data.get(key)) + delta;
      data.set(key, encodeCounter(value));
      return value;
    },
    size: () => data.size,
  };
}
