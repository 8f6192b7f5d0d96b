// Whole-call wrappers over a CoreModule (copy in, run, copy out, free) with
// the same shapes as the JS baselines; the parity test compares them.
import type { CoreModule } from './core-module.ts';

/** Dot product of the first min(len) elements. */
export function coreDot(m: CoreModule, a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  const [pa, pb] = [m.put(a.subarray(0, n)), m.put(b.subarray(0, n))];
  const r = m.x.ek_dot(pa.ptr, pb.ptr, n);
  m.free(pa, pb);
  return r;
}

/** `C = A·B`. */
export function coreMatmul(m: CoreModule, a: Float32Array, b: Float32Array, rows: number, k: number, n: number): Float32Array {
  const [pa, pb, pc] = [m.put(a), m.put(b), m.alloc(rows * n * 4)];
  m.x.ek_matmul(pa.ptr, pb.ptr, pc.ptr, rows, k, n);
  const c = m.f32(pc, rows * n).slice();
  m.free(pa, pb, pc);
  return c;
}

/** SHA-256 digest. */
export function coreSha256(m: CoreModule, data: Uint8Array): Uint8Array {
  const [pd, po] = [m.put(data), m.alloc(32)];
  m.x.ek_sha256(pd.ptr, data.length, po.ptr);
  const out = m.u8(po, 32).slice();
  m.free(pd, po);
  return out;
}

/** Bilinear RGBA8 resize (all sizes non-zero). */
export function coreResize(m: CoreModule, src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  const [ps, pd] = [m.put(src), m.alloc(dw * dh * 4)];
  m.x.ek_resize(ps.ptr, sw, sh, pd.ptr, dw, dh);
  const out = m.u8(pd, dw * dh * 4).slice();
  m.free(ps, pd);
  return out;
}

/** Mean and population variance. */
export function coreMeanVariance(m: CoreModule, xs: Float32Array): { mean: number; variance: number } {
  const [px, po] = [m.put(xs), m.alloc(8)];
  m.x.ek_mean_variance(px.ptr, xs.length, po.ptr);
  const [mean, variance] = m.f32(po, 2);
  m.free(px, po);
  return { mean: mean!, variance: variance! };
}

/** Folds `xs` into a Welford state. */
export function coreWelford(m: CoreModule, state: { count: number; mean: number; m2: number }, xs: Float32Array) {
  const [ps, px] = [m.put(Float64Array.of(state.count, state.mean, state.m2)), m.put(xs)];
  m.x.ek_welford_update(ps.ptr, px.ptr, xs.length);
  const [count, mean, m2] = m.f64(ps, 3);
  m.free(ps, px);
  return { count: count!, mean: mean!, m2: m2! };
}

/** Sliding-window means/variances (1 ≤ window ≤ len). */
export function coreWindowStats(m: CoreModule, xs: Float32Array, window: number) {
  const count = xs.length - window + 1;
  const [px, pm, pv] = [m.put(xs), m.alloc(count * 4), m.alloc(count * 4)];
  m.x.ek_window_stats(px.ptr, xs.length, window, pm.ptr, pv.ptr);
  const out = { means: m.f32(pm, count).slice(), variances: m.f32(pv, count).slice() };
  m.free(px, pm, pv);
  return out;
}

/** Squared distances from `query` to each row of `points`. */
export function coreSqDistances(m: CoreModule, query: Float32Array, points: Float32Array): Float32Array {
  const rows = points.length / query.length;
  const [pq, pp, po] = [m.put(query), m.put(points), m.alloc(rows * 4)];
  m.x.ek_sq_distances(pq.ptr, query.length, pp.ptr, rows, po.ptr);
  const out = m.f32(po, rows).slice();
  m.free(pq, pp, po);
  return out;
}

/** Dense layer `act(W·x + b)`. */
export function coreDense(m: CoreModule, x: Float32Array, w: Float32Array, bias: Float32Array, relu: boolean): Float32Array {
  const [px, pw, pb, po] = [m.put(x), m.put(w), m.put(bias), m.alloc(bias.length * 4)];
  m.x.ek_dense(px.ptr, x.length, pw.ptr, pb.ptr, bias.length, relu ? 1 : 0, po.ptr);
  const out = m.f32(po, bias.length).slice();
  m.free(px, pw, pb, po);
  return out;
}

/** Sliding squared distances (series holds count + m − 1 values). */
export function coreSlidingSqDistances(m: CoreModule, series: Float64Array, query: Float64Array, count: number): Float64Array {
  const [ps, pq, po] = [m.put(series), m.put(query), m.alloc(count * 8)];
  m.x.ek_sliding_sq_distances(ps.ptr, pq.ptr, query.length, count, po.ptr);
  const out = m.f64(po, count).slice();
  m.free(ps, pq, po);
  return out;
}

/** Advanced lag distances (a copy of d); throws when the lags reach before s[0]. */
export function coreAdvanceLag(m: CoreModule, s: Float64Array, t: number, w: number, firstLag: number, d: Float64Array): Float64Array {
  const [ps, pd] = [m.put(s), m.put(d)];
  const bad = m.x.ek_advance_lag_distances(ps.ptr, s.length, t, w, firstLag, pd.ptr, d.length);
  const out = m.f64(pd, d.length).slice();
  m.free(ps, pd);
  if (bad) throw new RangeError('advance-lag-distances: lags reach before the series start');
  return out;
}
