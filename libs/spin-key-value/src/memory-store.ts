// In-memory KeyValueStore for unit tests of handler logic (integration tests
// use the real host through the runner).
import type { KeyValueStore } from './store.ts';

/** A fresh, empty store that copies values in and out like a real host would. */
export function createMemoryStore(label = 'default'): KeyValueStore & { size(): number } {
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
    size: () => data.size,
  };
}
