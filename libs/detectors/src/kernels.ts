// The bulk numeric operations detectors spend their time in, behind an interface so the
// component can back them with the Rust wasm SIMD kernels; the TS reference lives here.
//
// Parity: every operation is element-wise over an output index, and each element's sum runs
// in a fixed order in f64. A SIMD kernel that vectorises across output elements (not across
// the terms of one sum) therefore reproduces the reference bit for bit.

/** Hot-loop operations of the detectors. */
export interface DetectorKernels {
  /** Dot product over the shorter length (same contract as @edgewatch/kernels `dot`). */
  dot(a: Float32Array, b: Float32Array): number;
  /**
   * out[j] = Σ_{k<m} (series[j+k] − query[k])² for j < count, summed in k order: the squared
   * distance of `query` (length m) to each sliding window of `series`.
   */
  slidingSqDistances(series: Float64Array, query: Float64Array, count: number, out: Float64Array): void;
  /**
   * Advance lag distances by one step: for i < d.length, with lag = firstLag + i,
   * d[i] += (s[t] − s[t−lag])² − (s[t−m] − s[t−m−lag])² — the window of length m ending at t
   * against the one ending `lag` earlier, updated from the previous step in O(1) per lag.
   */
  advanceLagDistances(s: Float64Array, t: number, m: number, firstLag: number, d: Float64Array): void;
}

/** Pure-TS reference kernels (f64, fixed summation order). */
export const referenceDetectorKernels: DetectorKernels = {
  dot(a, b) {
    const n = Math.min(a.length, b.length);
    let sum = 0;
    for (let i = 0; i < n; i++) sum = Math.fround(sum + Math.fround(a[i]! * b[i]!));
    return sum;
  },
  slidingSqDistances(series, query, count, out) {
    const m = query.length;
    if (series.length < count + m - 1) throw new RangeError('slidingSqDistances: series shorter than count + query − 1');
    for (let j = 0; j < count; j++) {
      let sum = 0;
      for (let k = 0; k < m; k++) {
        const d = series[j + k]! - query[k]!;
        sum += d * d;
      }
      out[j] = sum;
    }
  },
  advanceLagDistances(s, t, m, firstLag, d) {
    if (t - m - firstLag - d.length + 1 < 0) throw new RangeError('advanceLagDistances: lags reach before the series start');
    const xNew = s[t]!;
    const xOld = s[t - m]!;
    for (let i = 0; i < d.length; i++) {
      const lag = firstLag + i;
      const a = xNew - s[t - lag]!;
      const b = xOld - s[t - m - lag]!;
      d[i] = d[i]! + a * a - b * b;
    }
  },
};
