//! Squared Euclidean distance of one query to N stored points, for
//! nearest-neighbour anomaly scores: one call per query, not per point.
//!
//! `points` is N rows of `query.len()` floats, row-major. Distances are
//! squared (no sqrt): ranking is the same and the caller takes the root of
//! the few it keeps.

/// `out[i] = |points[i] - query|²` for each of the `points.len() / dim` rows.
pub fn sq_distances(query: &[f32], points: &[f32]) -> Result<Vec<f32>, crate::ShapeError> {
    let dim = query.len();
    if dim == 0 {
        return crate::expect_len("points", points.len(), &[0]).map(|()| Vec::new());
    }
    if !points.len().is_multiple_of(dim) {
        let expected = points.len() / dim * dim;
        return Err(crate::ShapeError { arg: "points", expected, got: points.len() });
    }
    let mut out = vec![0.0f32; points.len() / dim];
    sq_distances_into(query, points, &mut out);
    Ok(out)
}

/// Distances into `out` (one per row of `points`) with the best path compiled in; `query` non-empty.
#[inline]
pub fn sq_distances_into(query: &[f32], points: &[f32], out: &mut [f32]) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    sq_distances_simd(query, points, out);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    sq_distances_scalar(query, points, out);
}

/// Scalar path: per row, four f32 lanes then the tail, like the SIMD path.
pub fn sq_distances_scalar(query: &[f32], points: &[f32], out: &mut [f32]) {
    let dim = query.len();
    let q4 = query.chunks_exact(4);
    for (row, o) in points.chunks_exact(dim).zip(out.iter_mut()) {
        let r4 = row.chunks_exact(4);
        let mut tail = 0.0f32;
        for (x, q) in r4.remainder().iter().zip(q4.remainder()) {
            tail += (x - q) * (x - q);
        }
        let mut acc = [0.0f32; 4];
        for (x, q) in r4.zip(q4.clone()) {
            for l in 0..4 {
                let d = x[l] - q[l];
                acc[l] += d * d;
            }
        }
        *o = (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail;
    }
}

/// f32x4 path over raw pointers (no iterator adaptors in the hot loop: V8
/// does not unroll them away as LLVM does natively). Same lane order and sums
/// as the scalar path, so the results are bit-identical.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn sq_distances_simd(query: &[f32], points: &[f32], out: &mut [f32]) {
    use core::arch::wasm32::*;
    let dim = query.len();
    let full = dim & !3;
    assert!(points.len() >= out.len() * dim);
    let (qp, pp) = (query.as_ptr(), points.as_ptr());
    for (r, o) in out.iter_mut().enumerate() {
        let row = &points[r * dim..(r + 1) * dim];
        let mut tail = 0.0f32;
        for (x, q) in row[full..].iter().zip(&query[full..]) {
            tail += (x - q) * (x - q);
        }
        let mut acc = f32x4_splat(0.0);
        let mut j = 0;
        while j < full {
            // SAFETY: j + 4 <= full <= dim, inside the query and inside row r (assert above).
            let d = unsafe { f32x4_sub(v128_load(pp.add(r * dim + j).cast::<v128>()), v128_load(qp.add(j).cast::<v128>())) };
            acc = f32x4_add(acc, f32x4_mul(d, d));
            j += 4;
        }
        *o = crate::hsum(acc) + tail;
    }
}
