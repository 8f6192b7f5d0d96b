// The store contract components code against. Mirrors `fermyon:spin/key-value`
// so the Spin implementation is a thin adapter; errors throw `KeyValueError`.

/** A key-value store opened by label; methods throw `KeyValueError` on host errors. */
export interface KeyValueStore {
  readonly label: string;
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  exists(key: string): boolean;
  getKeys(): string[];
  /**
   * Add `delta` to the key's counter atomically and return the new value; an absent key counts
   * as 0. The value is stored as Spin's SQLite backend stores it (i64 little-endian, 8 bytes).
   * Optional: `fermyon:spin/key-value` has no atomic operation, so only stores that also reach
   * `wasi:keyvalue/atomics` have it (see `@edgewatch/spin-kv-atomics`); callers without it fall back.
   */
  increment?(key: string, delta: number): number;
}
