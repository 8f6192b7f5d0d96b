// The operations a key-value backend offers; every backend (SQLite, memory, Redis)
// implements them with Spin's semantics: get of a missing key is undefined,
// delete of a missing key succeeds. `increment` and `casSwap` serve
// wasi:keyvalue/atomics@0.2.0-draft2 with Spin 3's semantics.

export interface KeyValueBackend {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  exists(key: string): boolean;
  getKeys(): string[];
  /** Add `delta` to the key's counter atomically (absent = 0) and return the new value. */
  increment(key: string, delta: bigint): bigint;
  /**
   * Set `value` if the key still holds `expected`; true when it did. `expected` undefined
   * (absent, or never read) upserts unconditionally on SQLite and memory, as Spin's SQLite
   * provider does; Redis succeeds only while the key is still absent.
   */
  casSwap(key: string, expected: Uint8Array | undefined, value: Uint8Array): boolean;
}

export type KeyValueOp =
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: Uint8Array }
  | { op: 'delete'; key: string }
  | { op: 'exists'; key: string }
  | { op: 'get-keys' }
  | { op: 'increment'; key: string; delta: bigint }
  | { op: 'cas-swap'; key: string; expected: Uint8Array | undefined; value: Uint8Array };

/** The counter format of Spin's SQLite provider: the i64 as 8 little-endian bytes. */
export function encodeCounter(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return bytes;
}

/** Read a counter written by encodeCounter; absent is 0; anything but 8 bytes is an error. */
export function decodeCounter(bytes: Uint8Array | undefined): bigint {
  if (bytes === undefined) return 0n;
  if (bytes.length !== 8) throw new Error(`increment: value is ${bytes.length} bytes, not an 8-byte little-endian integer`);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true);
}

/** `a + b` wrapped to i64, like the backends' 64-bit arithmetic. */
export const addI64 = (a: bigint, b: bigint): bigint => BigInt.asIntN(64, a + b);

/** Whether two values hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Spin's SQLite key-value table: the same layout `spin up` uses, so data moves both ways. */
export const SPIN_KV_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS spin_key_value (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key))';
