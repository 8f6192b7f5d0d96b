// The operations a key-value backend offers; every backend (SQLite, memory, Redis)
// implements them with Spin's semantics: get of a missing key is undefined,
// delete of a missing key succeeds.

export interface KeyValueBackend {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  exists(key: string): boolean;
  getKeys(): string[];
}

export type KeyValueOp =
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: Uint8Array }
  | { op: 'delete'; key: string }
  | { op: 'exists'; key: string }
  | { op: 'get-keys' };

/** Spin's SQLite key-value table: the same layout `spin up` uses, so data moves both ways. */
export const SPIN_KV_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS spin_key_value (store TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (store, key))';
