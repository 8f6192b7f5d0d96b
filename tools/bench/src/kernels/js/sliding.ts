// The detectors' two f64 loops as plain JS: libs/detectors' own reference
// implementation (fixed k order, no fused ops), which the Rust paths must equal
// bit for bit — the JS row of the benchmark and the parity tests' expectation.
import { referenceDetectorKernels } from '@edgewatch/detectors';

/** out[j] = Σ_k (series[j+k] − query[k])² for j < count. */
export function slidingSqDistancesJs(series: Float64Array, query: Float64Array, count: number): Float64Array {
  const out = new Float64Array(count);
  referenceDetectorKernels.slidingSqDistances(series, query, count, out);
  return out;
}

/** Returns d advanced one step: d[i] + (s[t] − s[t−lag])² − (s[t−m] − s[t−m−lag])², lag = firstLag + i. */
export function advanceLagDistancesJs(s: Float64Array, t: number, m: number, firstLag: number, d: Float64Array): Float64Array {
  const out = d.slice();
  referenceDetectorKernels.advanceLagDistances(s, t, m, firstLag, out);
  return out;
}
