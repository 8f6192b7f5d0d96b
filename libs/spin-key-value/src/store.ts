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
}
