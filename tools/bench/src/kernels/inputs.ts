// Seeded inputs, bit-identical to rust-kernels/kernel-bench/src/rng.rs, so JS,
// wasm and native runs (and the parity test) all see the same data.

/** xorshift32 (Marsaglia 13/17/5) stream; seed 0 behaves as 1, like the Rust side. */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** `n` floats in [-1, 1) with 24 random bits each (exact in f32). */
export function floats(seed: number, n: number): Float32Array {
  const next = xorshift32(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = ((next() >>> 8) / 16_777_216) * 2 - 1;
  return out;
}

/** `n` bytes, the top byte of each draw. */
export function bytes(seed: number, n: number): Uint8Array {
  const next = xorshift32(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = next() >>> 24;
  return out;
}

/** Lower-case hex of a byte array (digests). */
export function hex(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}
