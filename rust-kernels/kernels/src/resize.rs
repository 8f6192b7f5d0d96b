//! Bilinear resize of an RGBA8 image (e.g. camera frames 4K → 1080p).
//!
//! Fixed-point on purpose: source coordinates use half-pixel centres,
//! `sx = (dx + ½)·sw/dw − ½`, in 1/256 pixel (exact integer arithmetic, the
//! same in Rust and JS), and each output channel is
//! `(h0·(256−wy) + h1·wy + 2¹⁵) >> 16` with `h = p0·(256−wx) + p1·wx`.
//! Every path — scalar, SIMD, native, JS — therefore gives the same bytes.
//! Edges clamp; a 2× downscale is exactly a rounded 2×2 box average.

/// One axis' sample positions: the first source index and the weight of the next one (0..=256).
#[derive(Debug, Clone)]
pub struct Axis {
    /// Index of the left/top source sample, with `index + 1` still inside the image when src > 1.
    pub index: Vec<u32>,
    /// Weight of sample `index + 1`, in 1/256.
    pub weight: Vec<u16>,
}

/// Sample positions for `dst` outputs over `src` inputs (both > 0).
pub fn axis(src: usize, dst: usize) -> Axis {
    let mut a = Axis { index: Vec::with_capacity(dst), weight: Vec::with_capacity(dst) };
    for d in 0..dst {
        // ((2d+1)·src·256) / (2·dst) − 128, in 1/256 pixel; u64 avoids overflow.
        let pos = ((2 * d as u64 + 1) * src as u64 * 256 / (2 * dst as u64)) as i64 - 128;
        let (mut i, mut w) = if pos <= 0 { (0, 0) } else { ((pos >> 8) as usize, (pos & 255) as u16) };
        if i + 1 >= src {
            // Past the last centre: all weight on the last sample, kept as the "next" one
            // so the pair (i, i + 1) stays in bounds for 8-byte loads.
            (i, w) = if src >= 2 { (src - 2, 256) } else { (0, 0) };
        }
        a.index.push(i as u32);
        a.weight.push(w);
    }
    a
}

/// Resizes `src` (sw×sh RGBA8) to dw×dh, using the best path compiled in.
pub fn resize_bilinear(src: &[u8], sw: usize, sh: usize, dw: usize, dh: usize) -> Result<Vec<u8>, crate::ShapeError> {
    crate::expect_len("src", src.len(), &[sw, sh, 4])?;
    let out_len = [dw, dh, 4].iter().try_fold(1usize, |acc, &d| acc.checked_mul(d));
    let out_len = out_len.ok_or(crate::ShapeError { arg: "dst-width", expected: usize::MAX, got: dw })?;
    let mut dst = vec![0u8; out_len];
    if out_len == 0 {
        return Ok(dst);
    }
    if sw == 0 || sh == 0 {
        // Nothing to sample from but something to fill.
        return Err(crate::ShapeError { arg: "src", expected: 4, got: 0 });
    }
    resize_into(src, sw, sh, &mut dst, dw, dh);
    Ok(dst)
}

/// Resize into `dst` (dw×dh×4) with the best path compiled in; sizes must be non-zero.
#[inline]
pub fn resize_into(src: &[u8], sw: usize, sh: usize, dst: &mut [u8], dw: usize, dh: usize) {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    resize_simd(src, sw, sh, dst, dw, dh);
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    resize_scalar(src, sw, sh, dst, dw, dh);
}

/// Scalar path into `dst` (dw×dh×4). Panics if a slice is too short.
pub fn resize_scalar(src: &[u8], sw: usize, sh: usize, dst: &mut [u8], dw: usize, dh: usize) {
    let (xs, ys) = (axis(sw, dw), axis(sh, dh));
    let next = usize::from(sw > 1) * 4;
    for (dy, row_out) in dst.chunks_exact_mut(dw * 4).enumerate().take(dh) {
        let y0 = ys.index[dy] as usize;
        let y1 = (y0 + 1).min(sh - 1);
        let wy = u32::from(ys.weight[dy]);
        let (r0, r1) = (&src[y0 * sw * 4..][..sw * 4], &src[y1 * sw * 4..][..sw * 4]);
        for (px, (&x0, &wx)) in row_out.chunks_exact_mut(4).zip(xs.index.iter().zip(&xs.weight)) {
            let (x0, wx) = (x0 as usize * 4, u32::from(wx));
            for ch in 0..4 {
                let h0 = u32::from(r0[x0 + ch]) * (256 - wx) + u32::from(r0[x0 + next + ch]) * wx;
                let h1 = u32::from(r1[x0 + ch]) * (256 - wx) + u32::from(r1[x0 + next + ch]) * wx;
                px[ch] = ((h0 * (256 - wy) + h1 * wy + (1 << 15)) >> 16) as u8;
            }
        }
    }
}

/// i16x8 path: per output pixel, the 8 bytes of the two neighbours are widened
/// and interleaved channel-wise so one `i32x4_dot_i16x8` does the horizontal
/// blend of all four channels; four pixels are narrowed and stored at once.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn resize_simd(src: &[u8], sw: usize, sh: usize, dst: &mut [u8], dw: usize, dh: usize) {
    use core::arch::wasm32::*;
    if sw < 2 {
        return resize_scalar(src, sw, sh, dst, dw, dh);
    }
    let (xs, ys) = (axis(sw, dw), axis(sh, dh));
    assert!(src.len() >= sw * sh * 4 && dst.len() >= dw * dh * 4);
    // Per column: the pair's byte offset and weights [256−wx, wx] × 4 channels.
    let cols: Vec<(usize, v128)> = xs
        .index
        .iter()
        .zip(&xs.weight)
        .map(|(&i, &w)| (i as usize * 4, i32x4_splat(i32::from(256 - w) | (i32::from(w) << 16))))
        .collect();
    // Bytes [r0 g0 b0 a0 r1 g1 b1 a1] -> u16 lanes [r0 r1 g0 g1 b0 b1 a0 a1].
    let zero = u8x16_splat(0);
    let interleave = |v: v128| u8x16_shuffle::<0, 16, 4, 16, 1, 16, 5, 16, 2, 16, 6, 16, 3, 16, 7, 16>(v, zero);
    let round = i32x4_splat(1 << 15);
    let sp = src.as_ptr();
    for dy in 0..dh {
        let y0 = ys.index[dy] as usize;
        let y1 = (y0 + 1).min(sh - 1);
        let wy = i32::from(ys.weight[dy]);
        let (wy0, wy1) = (i32x4_splat(256 - wy), i32x4_splat(wy));
        let (row0, row1) = (y0 * sw * 4, y1 * sw * 4);
        let out = &mut dst[dy * dw * 4..(dy + 1) * dw * 4];
        let pixel = |&(x, wv): &(usize, v128)| {
            // SAFETY: axis() keeps x/4 + 1 < sw, so 8 bytes from x stay inside each row.
            let (p0, p1) = unsafe {
                (v128_load64_zero(sp.add(row0 + x).cast::<u64>()), v128_load64_zero(sp.add(row1 + x).cast::<u64>()))
            };
            let (h0, h1) = (i32x4_dot_i16x8(interleave(p0), wv), i32x4_dot_i16x8(interleave(p1), wv));
            let v = i32x4_add(i32x4_add(i32x4_mul(h0, wy0), i32x4_mul(h1, wy1)), round);
            u32x4_shr(v, 16)
        };
        let quads = cols.chunks_exact(4);
        let rest = quads.remainder();
        for (q, out4) in quads.zip(out.chunks_exact_mut(16)) {
            let (a, b, c, d) = (pixel(&q[0]), pixel(&q[1]), pixel(&q[2]), pixel(&q[3]));
            let bytes = u8x16_narrow_i16x8(i16x8_narrow_i32x4(a, b), i16x8_narrow_i32x4(c, d));
            // SAFETY: out4 is exactly 16 bytes.
            unsafe { v128_store(out4.as_mut_ptr().cast::<v128>(), bytes) };
        }
        let done = (dw - rest.len()) * 4;
        for (col, px) in rest.iter().zip(out[done..].chunks_exact_mut(4)) {
            let v = pixel(col);
            let bytes = u8x16_narrow_i16x8(i16x8_narrow_i32x4(v, v), zero);
            px.copy_from_slice(&u32x4_extract_lane::<0>(bytes).to_le_bytes());
        }
    }
}
