// Numeric kernels as seen from TypeScript: the contracts (`Kernels`,
// `VectorKernels`) and pure-TS reference implementations used for parity tests
// and where no wasm is linked. The wasm versions are the `edgewatch:kernels`
// component's `anomaly` interface (rust-kernels/wit/kernels.wit); its `detectors`
// interface becomes a DetectorEngine through `witDetectorEngine`.

export { witDetectorEngine, type WitScoreBatch } from './detector-engine.ts';

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

/** Mean and population variance of a batch. */
export interface Moments {
  mean: number;
  variance: number;
}

/** Welford running state; variance = m2 / count. Start from all zeros. */
export interface RunningStats {
  count: number;
  mean: number;
  m2: number;
}

/** Per-window statistics: entry i covers xs[i .. i + window). */
export interface WindowSummary {
  means: Float32Array;
  variances: Float32Array;
}

/**
 * The batch kernels of the WIT `anomaly` interface besides `dot`: one call per
 * batch, never per sample. Float results match the Rust kernels within f32
 * rounding (they sum in other orders); shape errors throw a RangeError whose
 * message starts with the argument's WIT name, like the component's errors.
 */
export interface VectorKernels {
  /** Mean and population variance; zeros when empty. */
  meanVariance(xs: Float32Array): Moments;
  /** Folds a batch into a running state. */
  welfordUpdate(state: RunningStats, xs: Float32Array): RunningStats;
  /** Sliding-window mean/variance; no windows if `window` is 0 or longer than `xs`. */
  windowStats(xs: Float32Array, window: number): WindowSummary;
  /** Squared distance from `query` to each row of `points` (rows of query.length). */
  sqDistances(query: Float32Array, points: Float32Array): Float32Array;
  /** `activation(W·x + b)`, W row-major bias.length × x.length. */
  dense(x: Float32Array, weights: Float32Array, bias: Float32Array, activation: 'linear' | 'relu'): Float32Array;
}

/** Plain-TS reference for `VectorKernels` (f64 arithmetic, results stored as f32). */
export const referenceVectorKernels: VectorKernels = {
  meanVariance(xs) {
    const n = xs.length;
    if (n === 0) return { mean: 0, variance: 0 };
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[i]!;
    const mean = s / n;
    let q = 0;
    for (let i = 0; i < n; i++) q += (xs[i]! - mean) ** 2;
    return { mean: Math.fround(mean), variance: Math.fround(q / n) };
  },
  welfordUpdate(state, xs) {
    let { count, mean, m2 } = state;
    for (let i = 0; i < xs.length; i++) {
      count++;
      const d = xs[i]! - mean;
      mean += d / count;
      m2 += d * (xs[i]! - mean);
    }
    return { count, mean, m2 };
  },
  windowStats(xs, window) {
    const count = window === 0 || window > xs.length ? 0 : xs.length - window + 1;
    const out = { means: new Float32Array(count), variances: new Float32Array(count) };
    for (let i = 0; i < count; i++) {
      let s = 0, q = 0;
      for (let k = i; k < i + window; k++) (s += xs[k]!), (q += xs[k]! * xs[k]!);
      const mean = s / window;
      out.means[i] = mean;
      out.variances[i] = Math.max(0, q / window - mean * mean);
    }
    return out;
  },
  sqDistances(query, points) {
    const dim = query.length;
    if (dim === 0 ? points.length !== 0 : points.length % dim !== 0) {
      throw new RangeError(`points: length ${points.length} is not a multiple of the query length ${dim}`);
    }
    const out = new Float32Array(dim === 0 ? 0 : points.length / dim);
    for (let r = 0; r < out.length; r++) {
      let s = 0;
      for (let i = 0; i < dim; i++) s += (points[r * dim + i]! - query[i]!) ** 2;
      out[r] = s;
    }
    return out;
  },
  dense(x, weights, bias, activation) {
    if (weights.length !== bias.length * x.length) {
      throw new RangeError(`weights: expected ${bias.length * x.length} elements, got ${weights.length}`);
    }
    const out = new Float32Array(bias.length);
    for (let o = 0; o < bias.length; o++) {
      let s = bias[o]!;
      for (let i = 0; i < x.length; i++) s += weights[o * x.length + i]! * x[i]!;
      out[o] = activation === 'relu' && s < 0 ? 0 : s;
    }
    return out;
  },
};
