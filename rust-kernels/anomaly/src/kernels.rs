//! Dot product: a scalar path and a wasm `simd128` path side by side.
//!
//! Unequal lengths: only the first `min(a.len(), b.len())` elements are used
//! (the tail of the longer slice is ignored, never an error). Empty -> 0.0.
//!
//! Which path `dot` uses is fixed at build time by
//! `cfg(target_feature = "simd128")` (RUSTFLAGS `-C target-feature=+simd128`);
//! there is no runtime detection in wasm, a module either validates with
//! SIMD or it doesn't.

/// Dot product using the best path compiled in.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        dot_simd(a, b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        dot_scalar(a, b)
    }
}

/// Whether `dot` runs the SIMD path in this build.
pub const SIMD: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// Reference path: sequential f32 accumulation.
pub fn dot_scalar(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// f32x4 path. Sums four lanes in parallel, then the 0..=3 element tail
/// scalar. Summation order differs from `dot_scalar`, so results may differ
/// in the last bits (compare with a tolerance).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn dot_simd(a: &[f32], b: &[f32]) -> f32 {
    use core::arch::wasm32::{
        f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat, v128, v128_load,
    };

    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail = dot_scalar(ca.remainder(), cb.remainder());

    let mut acc = f32x4_splat(0.0);
    for (x, y) in ca.zip(cb) {
        // SAFETY: each chunk is exactly 4 f32 = 16 readable bytes, and
        // v128_load is a 1-aligned load, so no alignment requirement.
        let (vx, vy) = unsafe {
            (
                v128_load(x.as_ptr().cast::<v128>()),
                v128_load(y.as_ptr().cast::<v128>()),
            )
        };
        acc = f32x4_add(acc, f32x4_mul(vx, vy));
    }
    f32x4_extract_lane::<0>(acc)
        + f32x4_extract_lane::<1>(acc)
        + f32x4_extract_lane::<2>(acc)
        + f32x4_extract_lane::<3>(acc)
        + tail
}
