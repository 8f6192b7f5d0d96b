// In-memory key-value backend for tests: lives on the main thread (workers reach
// it through the sync bridge) so every worker sees the same data.
import type { KeyValueBackend } from './backend.ts';

export function createMemoryBackend(): KeyValueBackend {
  const data = new Map<string, Uint8Array>();
  return {
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, new Uint8Array(value)),
    delete: (key) => void data.delete(key),
    exists: (key) => data.has(key),
    getKeys: () => [...data.keys()],
  };
}
