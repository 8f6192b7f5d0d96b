// Byte encoding of stored values. JSON keeps the store inspectable with any
// Spin key-value tool; chunk sizes are capped well below Spin's value limits.
import type { KeyValueStore } from '@edgewatch/spin-key-value';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Largest value the store writes (bytes): far under the 1 MiB budget per key. */
export const MAX_VALUE_BYTES = 256 * 1024;

/** Encode a value as JSON bytes. */
export const encodeValue = (value: unknown): Uint8Array => encoder.encode(JSON.stringify(value));

/** Read and decode a JSON value; undefined when the key is absent. */
export function readValue<T>(store: KeyValueStore, key: string): T | undefined {
  const bytes = store.get(key);
  return bytes === undefined ? undefined : (JSON.parse(decoder.decode(bytes)) as T);
}
