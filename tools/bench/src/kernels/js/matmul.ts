// The best plain-JS matmul we could write: Float32Array, loop order i-k-j
// (the inner loop streams a row of B and a row of C, no strided access), and
// k-blocking so the active slab of B stays in L2 across rows of A. No SIMD
// exists in JS, so this is what a TypeScript component would do without wasm.

/** Rows of B per slab: 64 × 1024 floats = 256 KiB, an L2's worth. */
const KC = 64;

/** `C = A·B`, row-major, `a` m×k, `b` k×n; returns C (m×n). */
export function matmulJs(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let kb = 0; kb < k; kb += KC) {
    const ke = Math.min(k, kb + KC);
    for (let i = 0; i < m; i++) {
      const ci = i * n;
      const ai = i * k;
      for (let p = kb; p < ke; p++) {
        const aip = a[ai + p]!;
        const bp = p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += aip * b[bp + j]!;
      }
    }
  }
  return c;
}

/** Naive i-j-k matmul: the textbook loop, kept to show what blocking/ordering buys. */
export function matmulNaiveJs(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p]! * b[p * n + j]!;
      c[i * n + j] = s;
    }
  }
  return c;
}
