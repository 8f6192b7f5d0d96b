//! The two f64 hot loops of libs/detectors (`slidingSqDistances`,
//! `advanceLagDistances` in libs/detectors/src/kernels.ts): the distance of a
//! query to every sliding window of a series, and the O(1)-per-lag update of
//! lagged window distances. Both vectorise across output elements, never
//! across the terms of one sum, and neither fuses mul+add, so every path
//! reproduces the TS reference bit for bit.

/// `out[j] = Σ_k (series[j+k] − query[k])²` for j < count, summed in k order.
pub fn sliding_sq_distances(series: &[f64], query: &[f64], count: usize) -> Result<Vec<f64>, crate::ShapeError> {
    let need = if count == 0 { 0 } else { count + query.len().max(1) - 1 };
    if series.len() < need {
        return Err(crate::ShapeError { arg: "series", expected: need, got: series.len() });
    }
    let mut out = vec![0.0; count];
    sliding_sq_distances_into(series, query, &mut out);
    Ok(out)
}

/// Into `out` with the best path compiled in (`series` must hold out.len() + query.len() − 1 values).
#[inline]
pub fn sliding_sq_distances_into(series: &[f64], query: &[f64], out: &mut [f64]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    sliding_sq_distances_simd(series, query, out);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    sliding_sq_distances_scalar(series, query, out);
}

/// Scalar path (`series` must hold out.len() + query.len() − 1 values): four
/// neighbouring outputs per step, each summed in k order, so the four
/// independent chains hide add latency and LLVM can vectorise them natively.
pub fn sliding_sq_distances_scalar(series: &[f64], query: &[f64], out: &mut [f64]) {
    let m = query.len();
    let quads = out.len() / 4;
    for (g, o4) in out.chunks_exact_mut(4).enumerate() {
        let w = &series[4 * g..4 * g + m + 3];
        let mut acc = [0.0f64; 4];
        for (k, &q) in query.iter().enumerate() {
            for l in 0..4 {
                let d = w[k + l] - q;
                acc[l] += d * d;
            }
        }
        o4.copy_from_slice(&acc);
    }
    for j in 4 * quads..out.len() {
        let mut sum = 0.0;
        for (x, q) in series[j..j + m].iter().zip(query) {
            let d = x - q;
            sum += d * d;
        }
        out[j] = sum;
    }
}

/// f64x2 path: four neighbouring outputs per step in two f64x2 accumulators,
/// each lane summing in k order.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn sliding_sq_distances_simd(series: &[f64], query: &[f64], out: &mut [f64]) {
    use core::arch::wasm32::*;
    let (m, quads) = (query.len(), out.len() / 4);
    if quads > 0 {
        // The last quad reads series[4·quads − 4 + k .. +4] for k < m.
        assert!(series.len() + 1 >= 4 * quads + m);
    }
    let sp = series.as_ptr();
    for g in 0..quads {
        let j = 4 * g;
        let (mut lo, mut hi) = (f64x2_splat(0.0), f64x2_splat(0.0));
        for (k, &q) in query.iter().enumerate() {
            let qv = f64x2_splat(q);
            // SAFETY: j + k + 3 ≤ 4·quads + m − 2 < series.len() (asserted); unaligned loads.
            let (a, b) = unsafe { (v128_load(sp.add(j + k).cast::<v128>()), v128_load(sp.add(j + k + 2).cast::<v128>())) };
            let (da, db) = (f64x2_sub(a, qv), f64x2_sub(b, qv));
            lo = f64x2_add(lo, f64x2_mul(da, da));
            hi = f64x2_add(hi, f64x2_mul(db, db));
        }
        // SAFETY: j + 3 < out.len().
        unsafe {
            v128_store(out.as_mut_ptr().add(j).cast::<v128>(), lo);
            v128_store(out.as_mut_ptr().add(j + 2).cast::<v128>(), hi);
        }
    }
    let j = 4 * quads;
    if j < out.len() {
        sliding_sq_distances_scalar(&series[j..], query, &mut out[j..]);
    }
}

/// `d[i] += (s[t] − s[t−lag])² − (s[t−m] − s[t−m−lag])²` with lag = first_lag + i.
pub fn advance_lag_distances(s: &[f64], t: usize, m: usize, first_lag: usize, d: &mut [f64]) -> Result<(), crate::ShapeError> {
    // The deepest read is s[t − m − first_lag − (len − 1)]; the newest s[t].
    let reach = m + first_lag + d.len().saturating_sub(1);
    if t >= s.len() || (!d.is_empty() && reach > t) {
        return Err(crate::ShapeError { arg: "t", expected: reach.max(s.len().saturating_sub(1)), got: t });
    }
    if d.is_empty() {
        return Ok(());
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    advance_lag_simd(s, t, m, first_lag, d);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    advance_lag_scalar(s, t, m, first_lag, d);
    Ok(())
}

/// Scalar path (bounds checked by the caller).
pub fn advance_lag_scalar(s: &[f64], t: usize, m: usize, first_lag: usize, d: &mut [f64]) {
    let (x_new, x_old) = (s[t], s[t - m]);
    for (i, di) in d.iter_mut().enumerate() {
        let lag = first_lag + i;
        let a = x_new - s[t - lag];
        let b = x_old - s[t - m - lag];
        *di = *di + a * a - b * b;
    }
}

/// f64x2 path: lags i, i+1 read s at descending indices, so each pair is loaded
/// from the lower address and its lanes swapped.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn advance_lag_simd(s: &[f64], t: usize, m: usize, first_lag: usize, d: &mut [f64]) {
    use core::arch::wasm32::*;
    let (x_new, x_old) = (f64x2_splat(s[t]), f64x2_splat(s[t - m]));
    let pairs = d.len() / 2;
    let (sp, dp) = (s.as_ptr(), d.as_mut_ptr());
    for p in 0..pairs {
        let i = 2 * p;
        // Lag i reads s[t − first_lag − i], lag i+1 the element before it.
        let (near, far) = (t - first_lag - i - 1, t - m - first_lag - i - 1);
        // SAFETY: the caller checked m + first_lag + len − 1 ≤ t < s.len(), so near, far,
        // near + 1 and far + 1 are in bounds; i + 1 < d.len(). Unaligned loads/stores.
        unsafe {
            let sn = i64x2_shuffle::<1, 0>(v128_load(sp.add(near).cast::<v128>()), f64x2_splat(0.0));
            let sf = i64x2_shuffle::<1, 0>(v128_load(sp.add(far).cast::<v128>()), f64x2_splat(0.0));
            let (a, b) = (f64x2_sub(x_new, sn), f64x2_sub(x_old, sf));
            let di = v128_load(dp.add(i).cast::<v128>());
            let v = f64x2_sub(f64x2_add(di, f64x2_mul(a, a)), f64x2_mul(b, b));
            v128_store(dp.add(i).cast::<v128>(), v);
        }
    }
    if d.len() % 2 == 1 {
        let i = d.len() - 1;
        advance_lag_scalar(s, t, m, first_lag + i, &mut d[i..]);
    }
}
