//! Dot product: a scalar path and a wasm `simd128` path side by side.
//!
//! Unequal lengths: only the first `min(a.len(), b.len())` elements are used
//! (the tail of the longer slice is ignored, never an error). Empty -> 0.0.
//! Both paths sum in independent lanes (8 scalar, 16 SIMD), so the result can
//! differ from a sequential loop, and from each other, in the last bits.

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

/// Reference path: eight independent f32 accumulators (LLVM vectorises this
/// natively; a sequential sum could not be, float addition not being associative).
pub fn dot_scalar(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let mut tail = 0.0f32;
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        tail += x * y;
    }
    let mut acc = [0.0f32; 8];
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    lanes8(acc) + tail
}

/// Sum of eight lanes in a fixed tree order (shared by the scalar kernels).
#[inline(always)]
pub(crate) fn lanes8(v: [f32; 8]) -> f32 {
    ((v[0] + v[4]) + (v[1] + v[5])) + ((v[2] + v[6]) + (v[3] + v[7]))
}

/// f32x4 path: four accumulators of four lanes (16 elements per step, enough
/// independent adds to hide latency), then the 0..=15 element tail scalar.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn dot_simd(a: &[f32], b: &[f32]) -> f32 {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load};

    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
    let mut tail = 0.0f32;
    for (x, y) in ca.remainder().iter().zip(cb.remainder()) {
        tail += x * y;
    }
    let mut acc = [f32x4_splat(0.0); 4];
    for (x, y) in ca.zip(cb) {
        let (px, py) = (x.as_ptr().cast::<v128>(), y.as_ptr().cast::<v128>());
        for (l, slot) in acc.iter_mut().enumerate() {
            // SAFETY: each chunk holds 16 f32 = 4 v128; l < 4 stays inside it, and
            // v128_load has no alignment requirement.
            let (vx, vy) = unsafe { (v128_load(px.add(l)), v128_load(py.add(l))) };
            *slot = f32x4_add(*slot, f32x4_mul(vx, vy));
        }
    }
    let sum = f32x4_add(f32x4_add(acc[0], acc[1]), f32x4_add(acc[2], acc[3]));
    crate::hsum(sum) + tail
}
