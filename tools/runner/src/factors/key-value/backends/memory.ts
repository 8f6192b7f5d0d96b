// In-memory key-value backend for tests: lives on the main thread (workers reach
// it through the sync bridge) so every worker sees the same data.
import { addI64, decodeCounter, encodeCounter, sameBytes, type KeyValueBackend } from './backend.ts';

export function createMemoryBackend(): KeyValueBackend {
  const data = new Map<string, Uint8Array>();
  return {
    get: (key) => data.get(key),
    set: (key, value) => void data.set(key, new Uint8Array(value)),
    delete: (key) => void data.delete(key),
    exists: (key) => data.has(key),
    getKeys: () => [...data.keys()],
    // One main thread serves every worker, so a synchronous read-modify-write is atomic.
    increment: (key, delta) => {
      const next = addI64(decodeCounter(data.get(key)), delta);
      data.set(key, encodeCounter(next));
      return next;
    },
    casSwap: (key, expected, value) => {
      const current = data.get(key);
      // expected undefined upserts, mirroring Spin's SQLite provider (see backend.ts).
      if (expected !== undefined && (current === undefined || !sameBytes(current, expected))) return false;
      data.set(key, new Uint8Array(value));
      return true;
    },
  };
}
