// Numeric kernels as seen from TypeScript: the contract (`Kernels`) and a pure-TS
// reference implementation used for parity tests and where no wasm is linked.

/** The kernel set a component scores with. Bulk data crosses as Float32Array. */
export interface Kernels {
  /** Dot product over the shorter of the two lengths. */
  dot(a: Float32Array, b: Float32Array): number;
}

/** Reference implementation in plain TS; f32 accumulation to match the Rust kernel. */
export const referenceKernels: Kernels = {
  dot(a, b) {
    const n = Math.min(a.length, b.length);
    let sum = 0;
    for (let i = 0; i < n; i++) sum = Math.fround(sum + Math.fround(a[i]! * b[i]!));
    return sum;
  },
};
