// The detectors' two f64 loops in plain JS, written as libs/detectors'
// reference does (fixed k order, no fused ops), so the Rust paths must equal
// them bit for bit.

/** out[j] = Σ_k (series[j+k] − query[k])² for j < count. */
export function slidingSqDistancesJs(series: Float64Array, query: Float64Array, count: number): Float64Array {
  const m = query.length;
  const out = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    let sum = 0;
    for (let k = 0; k < m; k++) {
      const d = series[j + k]! - query[k]!;
      sum += d * d;
    }
    out[j] = sum;
  }
  return out;
}

/** Returns d advanced one step: d[i] + (s[t] − s[t−lag])² − (s[t−m] − s[t−m−lag])², lag = firstLag + i. */
export function advanceLagDistancesJs(s: Float64Array, t: number, m: number, firstLag: number, d: Float64Array): Float64Array {
  const out = d.slice();
  for (let i = 0; i < out.length; i++) {
    const lag = firstLag + i;
    const a = s[t]! - s[t - lag]!;
    const b = s[t - m]! - s[t - m - lag]!;
    out[i] = out[i]! + a * a - b * b;
  }
  return out;
}
