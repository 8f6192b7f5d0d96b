// The detector kernels in plain JS: Float32Array in, f64 arithmetic (what JS
// numbers are; fround on every step would only slow it down). Same contracts
// as the WIT `anomaly` interface, compared with a tolerance.

/** Dot product over the shorter length. */
export function dotJs(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let i = 0;
  // Four chains: the adds of one loop iteration do not wait on each other.
  for (; i + 4 <= n; i += 4) {
    s0 += a[i]! * b[i]!;
    s1 += a[i + 1]! * b[i + 1]!;
    s2 += a[i + 2]! * b[i + 2]!;
    s3 += a[i + 3]! * b[i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * b[i]!;
  return s0 + s1 + (s2 + s3);
}

/** Mean and population variance, two passes; zeros when empty. */
export function meanVarianceJs(xs: Float32Array): { mean: number; variance: number } {
  const n = xs.length;
  if (n === 0) return { mean: 0, variance: 0 };
  let s = 0;
  for (let i = 0; i < n; i++) s += xs[i]!;
  const mean = s / n;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    q += d * d;
  }
  return { mean, variance: q / n };
}

/** Welford running state; variance = m2 / count. */
export interface RunningStatsJs {
  count: number;
  mean: number;
  m2: number;
}

/** Per-sample Welford update (the textbook recurrence). */
export function welfordUpdateJs(state: RunningStatsJs, xs: Float32Array): RunningStatsJs {
  let { count, mean, m2 } = state;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    count++;
    const d = x - mean;
    mean += d / count;
    m2 += d * (x - mean);
  }
  return { count, mean, m2 };
}

/** Sliding-window mean/variance via running sums of x and x² (O(1) per window). */
export function windowStatsJs(xs: Float32Array, window: number): { means: Float32Array; variances: Float32Array } {
  const count = window === 0 || window > xs.length ? 0 : xs.length - window + 1;
  const means = new Float32Array(count);
  const variances = new Float32Array(count);
  if (count === 0) return { means, variances };
  let s = 0, q = 0;
  for (let i = 0; i < window; i++) {
    s += xs[i]!;
    q += xs[i]! * xs[i]!;
  }
  for (let i = 0; ; i++) {
    const mean = s / window;
    means[i] = mean;
    variances[i] = Math.max(0, q / window - mean * mean);
    if (i + 1 >= count) break;
    const out = xs[i]!, inn = xs[i + window]!;
    s += inn - out;
    q += inn * inn - out * out;
  }
  return { means, variances };
}

/** Squared distance from `query` to each row of `points` (rows of query.length). */
export function sqDistancesJs(query: Float32Array, points: Float32Array): Float32Array {
  const dim = query.length;
  const rows = dim === 0 ? 0 : points.length / dim;
  const out = new Float32Array(rows);
  for (let r = 0, off = 0; r < rows; r++, off += dim) {
    let s = 0;
    for (let i = 0; i < dim; i++) {
      const d = points[off + i]! - query[i]!;
      s += d * d;
    }
    out[r] = s;
  }
  return out;
}

/** `act(W·x + b)`, W row-major bias.length × x.length. */
export function denseJs(x: Float32Array, w: Float32Array, bias: Float32Array, relu: boolean): Float32Array {
  const ins = x.length;
  const out = new Float32Array(bias.length);
  for (let o = 0; o < bias.length; o++) {
    let s = bias[o]!;
    const off = o * ins;
    for (let i = 0; i < ins; i++) s += w[off + i]! * x[i]!;
    out[o] = relu && s < 0 ? 0 : s;
  }
  return out;
}
