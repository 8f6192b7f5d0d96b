//! Blocked matrix multiply `C = A·B`, row-major f32, scalar and wasm SIMD.
//!
//! GotoBLAS-style loop nest: a `KC`-deep slab of B is packed into `NR`-wide
//! column panels (contiguous, zero-padded), then each `MR×NR` tile of C is
//! computed in registers over the slab. `MC` rows of A per pass keep the A
//! block in L2 while the 8 KiB panel stays in L1. Both paths add the products
//! of one slab in the same order and neither fuses mul+add, so scalar, SIMD and
//! native results are bit-identical.

/// Rows of C per register tile.
pub const MR: usize = 4;
/// Columns of C per register tile (two f32x4).
pub const NR: usize = 8;
/// Depth of one packed slab of B (8 KiB per panel).
const KC: usize = 256;
/// Rows of A per pass over the panels.
const MC: usize = 64;

/// `C = A·B` for `a` m×k and `b` k×n (row-major), using the best path compiled in.
pub fn matmul(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Result<Vec<f32>, crate::ShapeError> {
    crate::expect_len("a", a.len(), &[m, k])?;
    crate::expect_len("b", b.len(), &[k, n])?;
    let mut c = vec![0.0f32; m * n];
    matmul_into(a, b, &mut c, m, k, n);
    Ok(c)
}

/// `C = A·B` into `c` (m×n, overwritten) with the best path compiled in. Panics if a slice is too short.
#[inline]
pub fn matmul_into(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    matmul_simd(a, b, c, m, k, n);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    matmul_scalar(a, b, c, m, k, n);
}

/// Scalar path into `c` (m×n, overwritten). Panics if a slice is too short.
pub fn matmul_scalar(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize) {
    blocked(a, b, c, m, k, n, |rows, a, panel, kc, c, cols, first| match rows {
        4 => tile_scalar::<4>(a, k, panel, kc, c, n, cols, first),
        3 => tile_scalar::<3>(a, k, panel, kc, c, n, cols, first),
        2 => tile_scalar::<2>(a, k, panel, kc, c, n, cols, first),
        _ => tile_scalar::<1>(a, k, panel, kc, c, n, cols, first),
    });
}

/// wasm f32x4 path into `c` (m×n, overwritten). Panics if a slice is too short.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn matmul_simd(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize) {
    blocked(a, b, c, m, k, n, |rows, a, panel, kc, c, cols, first| match rows {
        4 => tile_simd::<4>(a, k, panel, kc, c, n, cols, first),
        3 => tile_simd::<3>(a, k, panel, kc, c, n, cols, first),
        2 => tile_simd::<2>(a, k, panel, kc, c, n, cols, first),
        _ => tile_simd::<1>(a, k, panel, kc, c, n, cols, first),
    });
}

/// The loop nest shared by both paths. `tile(rows, a, panel, kc, c, cols, first)`
/// gets A from the tile's first row and slab column, C from the tile's corner,
/// and must overwrite C when `first` (first slab) and add to it otherwise.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn blocked<F>(a: &[f32], b: &[f32], c: &mut [f32], m: usize, k: usize, n: usize, mut tile: F)
where
    F: FnMut(usize, &[f32], &[f32], usize, &mut [f32], usize, bool),
{
    assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n, "matmul: slice shorter than its shape");
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        c[..m * n].fill(0.0);
        return;
    }
    let panels = n.div_ceil(NR);
    let mut packed = vec![0.0f32; KC.min(k) * panels * NR];
    for kb in (0..k).step_by(KC) {
        let kc = KC.min(k - kb);
        pack_slab(b, n, kb, kc, &mut packed[..panels * kc * NR]);
        for ib in (0..m).step_by(MC) {
            let ie = m.min(ib + MC);
            for jp in 0..panels {
                let j = jp * NR;
                let cols = NR.min(n - j);
                let panel = &packed[jp * kc * NR..(jp + 1) * kc * NR];
                for i in (ib..ie).step_by(MR) {
                    let rows = MR.min(ie - i);
                    let a_tile = &a[i * k + kb..(i + rows - 1) * k + kb + kc];
                    let c_tile = &mut c[i * n + j..(i + rows - 1) * n + j + cols];
                    tile(rows, a_tile, panel, kc, c_tile, cols, kb == 0);
                }
            }
        }
    }
}

/// Copies B[kb..kb+kc, :] into NR-wide panels: panel p, row r at `(p*kc + r)*NR`
/// (`packed` is exactly panels·kc·NR long).
fn pack_slab(b: &[f32], n: usize, kb: usize, kc: usize, packed: &mut [f32]) {
    for (p, panel) in packed.chunks_exact_mut(kc * NR).enumerate() {
        let j = p * NR;
        let cols = NR.min(n - j);
        for (r, dst) in panel.chunks_exact_mut(NR).enumerate() {
            let src = &b[(kb + r) * n + j..][..cols];
            dst[..cols].copy_from_slice(src);
            dst[cols..].fill(0.0);
        }
    }
}

/// R×NR register tile in plain f32; the `[f32; NR]` rows vectorise natively.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_scalar<const R: usize>(
    a: &[f32], lda: usize, panel: &[f32], kc: usize, c: &mut [f32], ldc: usize, cols: usize, first: bool,
) {
    let rows: [&[f32]; R] = core::array::from_fn(|r| &a[r * lda..r * lda + kc]);
    let mut acc = [[0.0f32; NR]; R];
    for (p, brow) in panel.chunks_exact(NR).take(kc).enumerate() {
        for r in 0..R {
            let av = rows[r][p];
            for j in 0..NR {
                acc[r][j] += av * brow[j];
            }
        }
    }
    for (r, acc_row) in acc.iter().enumerate() {
        let out = &mut c[r * ldc..r * ldc + cols];
        for (o, v) in out.iter_mut().zip(acc_row) {
            *o = if first { *v } else { *o + *v };
        }
    }
}

/// R×NR register tile as 2·R f32x4 accumulators; A values are splat loads.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_simd<const R: usize>(
    a: &[f32], lda: usize, panel: &[f32], kc: usize, c: &mut [f32], ldc: usize, cols: usize, first: bool,
) {
    use core::arch::wasm32::*;
    // Checked once here so the hot loop can use raw pointers.
    assert!(panel.len() >= kc * NR && a.len() >= (R - 1) * lda + kc && c.len() >= (R - 1) * ldc + cols);
    let (ap, bp) = (a.as_ptr(), panel.as_ptr());
    let mut acc = [[f32x4_splat(0.0); 2]; R];
    for p in 0..kc {
        // SAFETY: p < kc and the panel holds kc rows of NR = 8 floats (asserted above).
        let (b0, b1) = unsafe {
            let row = bp.add(p * NR).cast::<v128>();
            (v128_load(row), v128_load(row.add(1)))
        };
        for (r, acc_row) in acc.iter_mut().enumerate() {
            // SAFETY: r < R and p < kc, inside a by the assert above.
            let av = unsafe { v128_load32_splat(ap.add(r * lda + p).cast::<u32>()) };
            acc_row[0] = f32x4_add(acc_row[0], f32x4_mul(av, b0));
            acc_row[1] = f32x4_add(acc_row[1], f32x4_mul(av, b1));
        }
    }
    for (r, acc_row) in acc.iter().enumerate() {
        let out = &mut c[r * ldc..r * ldc + cols];
        if cols == NR {
            let op = out.as_mut_ptr().cast::<v128>();
            // SAFETY: `out` is exactly NR = 8 floats = two v128; loads/stores are unaligned-safe.
            unsafe {
                let (mut v0, mut v1) = (acc_row[0], acc_row[1]);
                if !first {
                    v0 = f32x4_add(v128_load(op), v0);
                    v1 = f32x4_add(v128_load(op.add(1)), v1);
                }
                v128_store(op, v0);
                v128_store(op.add(1), v1);
            }
        } else {
            let mut lanes = [0.0f32; NR];
            // SAFETY: `lanes` is 8 floats = two v128.
            unsafe {
                v128_store(lanes.as_mut_ptr().cast::<v128>(), acc_row[0]);
                v128_store(lanes.as_mut_ptr().cast::<v128>().add(1), acc_row[1]);
            }
            for (o, v) in out.iter_mut().zip(lanes) {
                *o = if first { v } else { *o + v };
            }
        }
    }
}
