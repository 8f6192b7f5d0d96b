// Counter values as Spin's SQLite key-value backend stores them for
// `wasi:keyvalue/atomics.increment`: a signed 64-bit integer, little-endian, 8 bytes.
// The KeyValueStore contract speaks JS numbers, so every `increment` checks its
// delta and result against the safe-integer range with the helpers below.
import { KeyValueError } from './errors.ts';

/** Refuse a delta that is not a safe integer (before anything is sent or stored). */
export function checkCounterDelta(key: string, delta: number): void {
  if (!Number.isSafeInteger(delta)) throw new RangeError(`increment of ${key}: delta ${delta} is not a safe integer`);
}

/** A counter as a JS number; throws `KeyValueError` past the safe-integer range. */
export function safeCounter(key: string, value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new KeyValueError('other', `${key}: counter ${value} is past a safe JS integer`);
  return Number(value);
}

/** Encode a counter value the way Spin stores it; use for stores that emulate `increment`. */
export function encodeCounter(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, BigInt(value), true);
  return bytes;
}

/** Decode a stored counter (undefined: absent, counts as 0); throws `KeyValueError` for a value that is not one. */
export function decodeCounter(key: string, bytes: Uint8Array | undefined): number {
  if (bytes === undefined) return 0;
  if (bytes.byteLength !== 8) throw new KeyValueError('other', `${key} holds ${bytes.byteLength} bytes, not a counter (i64, 8 bytes)`);
  return safeCounter(key, new DataView(bytes.buffer, bytes.byteOffset, 8).getBigInt64(0, true));
}
