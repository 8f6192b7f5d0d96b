//! edgewatch numeric kernels, plain Rust with no bindings.
//!
//! Every kernel has a `*_scalar` path and, on wasm with `simd128`, a `*_simd`
//! path built on `core::arch::wasm32`; the unsuffixed function picks one at
//! build time (wasm cannot detect features at run time: a module with v128
//! code simply does not validate on a host without SIMD). Native builds run
//! the scalar path, written in fixed-width lanes so LLVM can auto-vectorise
//! it: that is the honest native baseline the benchmarks compare against.

pub mod dense;
pub mod distance;
pub mod dot;
pub mod matmul;
pub mod resize;
pub mod sha256;
pub mod sliding;
pub mod stats;

pub use dense::{Activation, dense, dense_into};
pub use distance::{sq_distances, sq_distances_into};
pub use dot::dot;
pub use matmul::{matmul, matmul_into};
pub use resize::{resize_bilinear, resize_into};
pub use sha256::sha256;
pub use sliding::{advance_lag_distances, sliding_sq_distances};
pub use stats::{RunningStats, WindowStats, mean_variance, welford_update, window_stats, window_stats_into};

/// Whether the unsuffixed kernels run their wasm `simd128` path in this build.
pub const SIMD: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// Horizontal sum of an f32x4, lanes added as (0+1)+(2+3) like the scalar paths.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
pub(crate) fn hsum(v: core::arch::wasm32::v128) -> f32 {
    use core::arch::wasm32::f32x4_extract_lane as lane;
    (lane::<0>(v) + lane::<1>(v)) + (lane::<2>(v) + lane::<3>(v))
}

/// A buffer whose length does not match the shape it was passed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError {
    /// The argument's name as the WIT spells it.
    pub arg: &'static str,
    /// Length the other arguments imply.
    pub expected: usize,
    /// Length received.
    pub got: usize,
}

impl core::fmt::Display for ShapeError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}: expected {} elements, got {}", self.arg, self.expected, self.got)
    }
}

impl std::error::Error for ShapeError {}

/// `Ok` when `got` equals the product of `dims`, else a [`ShapeError`] naming
/// `arg` (an overflowing product, possible on wasm32, reports `usize::MAX`).
pub(crate) fn expect_len(arg: &'static str, got: usize, dims: &[usize]) -> Result<(), ShapeError> {
    let expected = dims.iter().try_fold(1usize, |acc, &d| acc.checked_mul(d)).unwrap_or(usize::MAX);
    if got == expected { Ok(()) } else { Err(ShapeError { arg, expected, got }) }
}
