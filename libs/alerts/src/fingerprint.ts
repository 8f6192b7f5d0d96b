// Alert identity: a 64-bit FNV-1a hash of the sorted label set as 16 hex
// digits, the same shape as Alertmanager's fingerprints. Equal labels give the
// same fingerprint in every instance, which is what makes writes idempotent.
import type { Labels } from './matchers.ts';

const encoder = new TextEncoder();
const hex4 = (limb: number) => limb.toString(16).padStart(4, '0');

/**
 * 16-hex FNV-1a 64 of a string. Computed on four 16-bit limbs rather than
 * BigInt: the guest's JS is interpreted, where a BigInt multiply per byte made
 * fingerprints a visible share of an evaluation; the limbs stay exact (every
 * product fits a double). fingerprint.test.ts checks it against BigInt.
 */
export function fnv64(text: string): string {
  // Offset basis 0xcbf29ce484222325, lowest limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    // × prime 0x100000001b3 = × 0x1b3 plus × 2^40 (limb 0 into limb 2 shifted by 8 bits, limb 1 into limb 3).
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    h0 = t0 & 0xffff;
    t2 += t1 >>> 16;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
}

/** Fingerprint of a label set: independent of key order. */
export function fingerprint(labels: Labels): string {
  // JSON of sorted pairs: unambiguous whatever characters labels contain.
  return fnv64(JSON.stringify(Object.keys(labels).sort().map((k) => [k, labels[k]])));
}
