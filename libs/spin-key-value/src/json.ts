// JSON values on a byte store: the encoding every edgewatch key uses unless a
// layout says otherwise.
import type { KeyValueStore } from './store.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Read and parse a JSON value; undefined when the key is absent. */
export function getJson<T>(store: KeyValueStore, key: string): T | undefined {
  const bytes = store.get(key);
  return bytes === undefined ? undefined : (JSON.parse(decoder.decode(bytes)) as T);
}

/** Serialise and write a JSON value. */
export function setJson(store: KeyValueStore, key: string, value: unknown): void {
  store.set(key, encoder.encode(JSON.stringify(value)));
}
