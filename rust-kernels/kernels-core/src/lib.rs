//! The kernels as a plain core wasm module, no component model: the host
//! allocates with `ek_alloc`, writes inputs into linear memory, calls a kernel
//! with pointers and lengths, reads the output. Benchmarks use it to time the
//! kernels without the canonical ABI's list copies (the component is timed
//! separately for its call overhead). Inputs are trusted: there is no shape
//! checking beyond what the kernels assert, and a bad pointer traps or
//! corrupts this instance only.
#![allow(clippy::missing_safety_doc)]

use core::slice::{from_raw_parts as view, from_raw_parts_mut as view_mut};
use std::alloc::{Layout, alloc_zeroed, dealloc};

/// Alignment of every `ek_alloc` block (one v128).
const ALIGN: usize = 16;

/// Allocates `bytes` zeroed bytes (16-aligned); null if `bytes` is 0 or too large.
#[unsafe(no_mangle)]
pub extern "C" fn ek_alloc(bytes: usize) -> *mut u8 {
    match Layout::from_size_align(bytes, ALIGN) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if bytes > 0 => unsafe { alloc_zeroed(layout) },
        _ => core::ptr::null_mut(),
    }
}

/// Frees a block from `ek_alloc` with the same `bytes`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_free(ptr: *mut u8, bytes: usize) {
    if let (false, Ok(layout)) = (ptr.is_null(), Layout::from_size_align(bytes, ALIGN)) {
        // SAFETY: the caller passes a pointer and size from ek_alloc.
        unsafe { dealloc(ptr, layout) }
    }
}

/// 1 when this module was built with the simd128 paths, else 0.
#[unsafe(no_mangle)]
pub extern "C" fn ek_simd() -> u32 {
    u32::from(kernels::SIMD)
}

/// Dot product of `n` floats at `a` and `b`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_dot(a: *const f32, b: *const f32, n: usize) -> f32 {
    // SAFETY: the caller passes buffers of the stated sizes from ek_alloc (so for every export below).
    unsafe { kernels::dot(view(a, n), view(b, n)) }
}

/// `c` (m×n) = `a` (m×k) · `b` (k×n).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_matmul(a: *const f32, b: *const f32, c: *mut f32, m: usize, k: usize, n: usize) {
    // SAFETY: see ek_dot.
    unsafe { kernels::matmul_into(view(a, m * k), view(b, k * n), view_mut(c, m * n), m, k, n) }
}

/// SHA-256 of `len` bytes at `data` into the 32 bytes at `out`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_sha256(data: *const u8, len: usize, out: *mut u8) {
    // SAFETY: see ek_dot.
    unsafe { view_mut(out, 32).copy_from_slice(&kernels::sha256(view(data, len))) }
}

/// Bilinear RGBA8 resize of `src` (sw×sh) into `dst` (dw×dh); all sizes non-zero.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_resize(src: *const u8, sw: usize, sh: usize, dst: *mut u8, dw: usize, dh: usize) {
    // SAFETY: see ek_dot.
    unsafe { kernels::resize_into(view(src, sw * sh * 4), sw, sh, view_mut(dst, dw * dh * 4), dw, dh) }
}

/// Mean and variance of `n` floats at `xs` into `out[0]`, `out[1]`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_mean_variance(xs: *const f32, n: usize, out: *mut f32) {
    // SAFETY: see ek_dot.
    let (mean, var) = unsafe { kernels::mean_variance(view(xs, n)) };
    // SAFETY: out holds two floats.
    unsafe { view_mut(out, 2).copy_from_slice(&[mean, var]) }
}

/// Welford update of the state `[count, mean, m2]` (f64s at `state`, in place) with `n` floats.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_welford_update(state: *mut f64, xs: *const f32, n: usize) {
    // SAFETY: see ek_dot; state holds three f64.
    let st = unsafe { view_mut(state, 3) };
    let s = kernels::RunningStats { count: st[0] as u64, mean: st[1], m2: st[2] };
    // SAFETY: see ek_dot.
    let s = kernels::welford_update(s, unsafe { view(xs, n) });
    st.copy_from_slice(&[s.count as f64, s.mean, s.m2]);
}

/// Sliding-window stats of `n` floats into `means`/`variances` (n - window + 1 each; 1 ≤ window ≤ n).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_window_stats(xs: *const f32, n: usize, window: usize, means: *mut f32, variances: *mut f32) {
    let count = n + 1 - window;
    // SAFETY: see ek_dot.
    unsafe { kernels::window_stats_into(view(xs, n), window, view_mut(means, count), view_mut(variances, count)) }
}

/// Squared distances from `query` (dim floats) to `rows` points into `out`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_sq_distances(query: *const f32, dim: usize, points: *const f32, rows: usize, out: *mut f32) {
    // SAFETY: see ek_dot.
    unsafe { kernels::sq_distances_into(view(query, dim), view(points, dim * rows), view_mut(out, rows)) }
}

/// Dense layer: `out` (outs) = act(`w` (outs×ins) · `x` (ins) + `bias`); relu when `relu` ≠ 0.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_dense(x: *const f32, ins: usize, w: *const f32, bias: *const f32, outs: usize, relu: u32, out: *mut f32) {
    let act = if relu != 0 { kernels::Activation::Relu } else { kernels::Activation::Linear };
    // SAFETY: see ek_dot.
    unsafe { kernels::dense_into(view(x, ins), view(w, outs * ins), view(bias, outs), act, view_mut(out, outs)) }
}

/// Sliding squared distances: `out` (count f64) from `series` (count + m − 1 f64) and `query` (m f64).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_sliding_sq_distances(series: *const f64, query: *const f64, m: usize, count: usize, out: *mut f64) {
    let n = if count == 0 { 0 } else { count + m.max(1) - 1 };
    // SAFETY: see ek_dot.
    unsafe { kernels::sliding::sliding_sq_distances_into(view(series, n), view(query, m), view_mut(out, count)) }
}

/// Advances `lags` lag distances at `d` in place over the series `s` (n f64); returns 0, or 1 on bad indices.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ek_advance_lag_distances(s: *const f64, n: usize, t: usize, m: usize, first_lag: usize, d: *mut f64, lags: usize) -> u32 {
    // SAFETY: see ek_dot.
    let (s, d) = unsafe { (view(s, n), view_mut(d, lags)) };
    u32::from(kernels::advance_lag_distances(s, t, m, first_lag, d).is_err())
}
