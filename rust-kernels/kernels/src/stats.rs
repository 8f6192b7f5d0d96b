//! Summary statistics for the streaming detectors: batch mean/variance, a
//! Welford running state updated a batch at a time, sliding-window statistics.
//!
//! Variances are population variances (divide by n). `mean_variance` is two
//! passes in f32 lanes (sum, then squared deviations), which keeps the
//! cancellation of `E[x²] - E[x]²` out; the running state is f64 so a device
//! can stream for years without drift.

use crate::dot::lanes8;

/// Mean and population variance of `xs`; `(0, 0)` for an empty slice.
pub fn mean_variance(xs: &[f32]) -> (f32, f32) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        mean_variance_simd(xs)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        mean_variance_scalar(xs)
    }
}

/// Scalar path: eight f32 lanes per pass.
pub fn mean_variance_scalar(xs: &[f32]) -> (f32, f32) {
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f32;
    let chunks = xs.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().sum();
    let mut acc = [0.0f32; 8];
    for x in chunks {
        for l in 0..8 {
            acc[l] += x[l];
        }
    }
    let mean = (lanes8(acc) + tail) / n;
    let chunks = xs.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().map(|x| (x - mean) * (x - mean)).sum();
    let mut acc = [0.0f32; 8];
    for x in chunks {
        for l in 0..8 {
            let d = x[l] - mean;
            acc[l] += d * d;
        }
    }
    (mean, (lanes8(acc) + tail) / n)
}

/// f32x4 path: two accumulators of four lanes per pass.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn mean_variance_simd(xs: &[f32]) -> (f32, f32) {
    use core::arch::wasm32::*;
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let n = xs.len() as f32;
    let load = |c: &[f32], i: usize| {
        // SAFETY: callers pass 8-float chunks and i < 2.
        unsafe { v128_load(c.as_ptr().cast::<v128>().add(i)) }
    };
    let chunks = xs.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().sum();
    let (mut s0, mut s1) = (f32x4_splat(0.0), f32x4_splat(0.0));
    for c in chunks {
        s0 = f32x4_add(s0, load(c, 0));
        s1 = f32x4_add(s1, load(c, 1));
    }
    let mean = (crate::hsum(f32x4_add(s0, s1)) + tail) / n;
    let m = f32x4_splat(mean);
    let chunks = xs.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().map(|x| (x - mean) * (x - mean)).sum();
    let (mut q0, mut q1) = (f32x4_splat(0.0), f32x4_splat(0.0));
    for c in chunks {
        let (d0, d1) = (f32x4_sub(load(c, 0), m), f32x4_sub(load(c, 1), m));
        q0 = f32x4_add(q0, f32x4_mul(d0, d0));
        q1 = f32x4_add(q1, f32x4_mul(d1, d1));
    }
    (mean, (crate::hsum(f32x4_add(q0, q1)) + tail) / n)
}

/// Welford running state: count, mean and sum of squared deviations (`m2`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RunningStats {
    /// Samples seen.
    pub count: u64,
    /// Mean of the samples seen.
    pub mean: f64,
    /// Sum of squared deviations from `mean`; variance is `m2 / count`.
    pub m2: f64,
}

/// Folds a batch into `state` (Chan et al. parallel merge of the batch's own
/// mean/variance) — one vectorised pass instead of a per-sample dependency chain.
pub fn welford_update(state: RunningStats, xs: &[f32]) -> RunningStats {
    if xs.is_empty() {
        return state;
    }
    let (bmean, bvar) = mean_variance(xs);
    let nb = xs.len() as f64;
    let (bmean, bm2) = (f64::from(bmean), f64::from(bvar) * nb);
    let na = state.count as f64;
    let count = state.count + xs.len() as u64;
    let n = count as f64;
    let delta = bmean - state.mean;
    RunningStats { count, mean: state.mean + delta * nb / n, m2: state.m2 + bm2 + delta * delta * na * nb / n }
}

/// Mean and variance of every window of `window` consecutive samples.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WindowStats {
    /// `means[i]` is the mean of `xs[i..i + window]`.
    pub means: Vec<f32>,
    /// Population variance of the same window.
    pub variances: Vec<f32>,
}

/// Sliding-window stats over `xs`: `len - window + 1` windows, none when
/// `window` is 0 or longer than `xs`. Each window costs O(1) whatever its
/// length (differences of f64 prefix sums of x and x²).
pub fn window_stats(xs: &[f32], window: usize) -> WindowStats {
    if window == 0 || window > xs.len() {
        return WindowStats::default();
    }
    let count = xs.len() - window + 1;
    let mut out = WindowStats { means: vec![0.0; count], variances: vec![0.0; count] };
    window_stats_into(xs, window, &mut out.means, &mut out.variances);
    out
}

/// Windows per prefix-sum chunk (at least the window itself, so the chunk
/// overhead stays below 2×): small enough to stay in L1/L2, unlike prefix
/// arrays over the whole series, and it keeps the sums small.
const CHUNK: usize = 4096;

/// Sliding-window stats into `means`/`variances` (each `len - window + 1`, `window` ≥ 1).
/// The prefix sums restart at every chunk, identically for both paths, so the
/// scalar and SIMD results are bit-identical.
pub fn window_stats_into(xs: &[f32], window: usize, means: &mut [f32], variances: &mut [f32]) {
    let count = (xs.len() + 1).saturating_sub(window).min(means.len()).min(variances.len());
    let chunk = CHUNK.max(window);
    let (mut s, mut q) = (Vec::with_capacity(chunk + window), Vec::with_capacity(chunk + window));
    let mut start = 0;
    while start < count {
        let c = chunk.min(count - start);
        prefix_sums_into(&xs[start..start + c + window - 1], &mut s, &mut q);
        let (m, v) = (&mut means[start..start + c], &mut variances[start..start + c]);
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        window_from_prefix_simd(&s, &q, window, m, v);
        #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
        window_from_prefix_scalar(&s, &q, window, m, v);
        start += c;
    }
}

/// Prefix sums `s[i] = Σ xs[..i]`, `q[i] = Σ xs[..i]²` in f64 (length len + 1), into reused buffers.
pub fn prefix_sums_into(xs: &[f32], s: &mut Vec<f64>, q: &mut Vec<f64>) {
    s.resize(xs.len() + 1, 0.0);
    q.resize(xs.len() + 1, 0.0);
    let (mut rs, mut rq) = (0.0f64, 0.0f64);
    s[0] = 0.0;
    q[0] = 0.0;
    for ((&x, so), qo) in xs.iter().zip(&mut s[1..]).zip(&mut q[1..]) {
        let x = f64::from(x);
        rs += x;
        rq += x * x;
        *so = rs;
        *qo = rq;
    }
}

/// Scalar path: window i from the prefix differences, variance clamped at 0.
pub fn window_from_prefix_scalar(s: &[f64], q: &[f64], window: usize, means: &mut [f32], variances: &mut [f32]) {
    let inv = 1.0 / window as f64;
    let iter = means.iter_mut().zip(variances.iter_mut()).enumerate();
    for (i, (mean_out, var_out)) in iter {
        let mean = (s[i + window] - s[i]) * inv;
        let var = (q[i + window] - q[i]) * inv - mean * mean;
        *mean_out = mean as f32;
        *var_out = var.max(0.0) as f32;
    }
}

/// f64x2 path: two windows per step, same arithmetic as the scalar path
/// (so bit-identical), each pair stored as one 8-byte lane store.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn window_from_prefix_simd(s: &[f64], q: &[f64], window: usize, means: &mut [f32], variances: &mut [f32]) {
    use core::arch::wasm32::*;
    let count = means.len().min(variances.len());
    assert!(s.len() >= count + window && q.len() >= count + window);
    let inv = f64x2_splat(1.0 / window as f64);
    let zero = f64x2_splat(0.0);
    let (sp, qp) = (s.as_ptr(), q.as_ptr());
    let (mp, vp) = (means.as_mut_ptr(), variances.as_mut_ptr());
    for i in (0..count & !1).step_by(2) {
        // SAFETY: i + 1 < count, so i + 1 + window < s.len() = q.len() (assert above),
        // and means/variances hold count floats; all loads/stores are unaligned-safe.
        unsafe {
            let (s0, s1) = (v128_load(sp.add(i).cast::<v128>()), v128_load(sp.add(i + window).cast::<v128>()));
            let (q0, q1) = (v128_load(qp.add(i).cast::<v128>()), v128_load(qp.add(i + window).cast::<v128>()));
            let mean = f64x2_mul(f64x2_sub(s1, s0), inv);
            let var = f64x2_max(f64x2_sub(f64x2_mul(f64x2_sub(q1, q0), inv), f64x2_mul(mean, mean)), zero);
            v128_store64_lane::<0>(f32x4_demote_f64x2_zero(mean), mp.add(i).cast::<u64>());
            v128_store64_lane::<0>(f32x4_demote_f64x2_zero(var), vp.add(i).cast::<u64>());
        }
    }
    if count % 2 == 1 {
        let i = count - 1;
        window_from_prefix_scalar(&s[i..], &q[i..], window, &mut means[i..], &mut variances[i..]);
    }
}
