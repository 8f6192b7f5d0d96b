// Bilinear RGBA8 resize in plain JS with the exact fixed-point arithmetic of
// rust-kernels/kernels/src/resize.rs (1/256-pixel positions, 8-bit weights),
// so its output bytes equal the wasm and native ones.

/** Per-axis sample index (left/top) and weight of the next sample, as in `axis()` in Rust. */
export function axis(src: number, dst: number): { index: Uint32Array; weight: Uint16Array } {
  const index = new Uint32Array(dst);
  const weight = new Uint16Array(dst);
  for (let d = 0; d < dst; d++) {
    // Exact: (2d+1)·src·256 < 2^53 for any real image.
    const pos = Math.floor(((2 * d + 1) * src * 256) / (2 * dst)) - 128;
    let i = pos <= 0 ? 0 : pos >> 8;
    let w = pos <= 0 ? 0 : pos & 255;
    if (i + 1 >= src) [i, w] = src >= 2 ? [src - 2, 256] : [0, 0];
    index[d] = i;
    weight[d] = w;
  }
  return { index, weight };
}

/** Resizes `src` (sw×sh RGBA8) to dw×dh; sizes must be non-zero. */
export function resizeBilinearJs(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  const dst = new Uint8Array(dw * dh * 4);
  const xs = axis(sw, dw);
  const ys = axis(sh, dh);
  const next = sw > 1 ? 4 : 0;
  // Byte offsets and weight pairs per column, hoisted out of the row loop.
  const xo = new Int32Array(dw);
  const wx1 = new Int32Array(dw);
  for (let x = 0; x < dw; x++) {
    xo[x] = xs.index[x]! * 4;
    wx1[x] = xs.weight[x]!;
  }
  let o = 0;
  for (let y = 0; y < dh; y++) {
    const y0 = ys.index[y]!;
    const r0 = y0 * sw * 4;
    const r1 = Math.min(y0 + 1, sh - 1) * sw * 4;
    const wy = ys.weight[y]!;
    const wy0 = 256 - wy;
    for (let x = 0; x < dw; x++) {
      const p = xo[x]!;
      const w1 = wx1[x]!;
      const w0 = 256 - w1;
      for (let c = 0; c < 4; c++) {
        const h0 = src[r0 + p + c]! * w0 + src[r0 + p + next + c]! * w1;
        const h1 = src[r1 + p + c]! * w0 + src[r1 + p + next + c]! * w1;
        dst[o++] = (h0 * wy0 + h1 * wy + 32768) >>> 16;
      }
    }
  }
  return dst;
}
