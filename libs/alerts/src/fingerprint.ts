// Alert identity: a 64-bit FNV-1a hash of the sorted label set as 16 hex
// digits, the same shape as Alertmanager's fingerprints. Equal labels give the
// same fingerprint in every instance, which is what makes writes idempotent.
import type { Labels } from './matchers.ts';

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

/** 16-hex FNV-1a 64 of a string. */
export function fnv64(text: string): string {
  let hash = OFFSET;
  for (const byte of encoder.encode(text)) hash = ((hash ^ BigInt(byte)) * PRIME) & MASK;
  return hash.toString(16).padStart(16, '0');
}

/** Fingerprint of a label set: independent of key order. */
export function fingerprint(labels: Labels): string {
  // JSON of sorted pairs: unambiguous whatever characters labels contain.
  return fnv64(JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]])));
}
