//! SHA-256 (FIPS 180-4) of one message.
//!
//! The 64 rounds are a serial dependency chain and wasm has no SHA
//! instructions, so SIMD can only help the message schedule: the SIMD path
//! byte-swaps the block and computes W[16..64] four words at a time in u32x4
//! (σ1 of the two newest words needs the first half of the same group, hence
//! two half-steps), adding the round constants in the same pass.

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

const H0: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-256 digest of `data`, using the best path compiled in.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        digest(data, schedule_simd)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        digest(data, schedule_scalar)
    }
}

/// Scalar path (the reference).
pub fn sha256_scalar(data: &[u8]) -> [u8; 32] {
    digest(data, schedule_scalar)
}

/// SIMD message-schedule path.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn sha256_simd(data: &[u8]) -> [u8; 32] {
    digest(data, schedule_simd)
}

/// Merkle–Damgård driver: full blocks straight from `data`, then the padded tail.
#[inline(always)]
fn digest(data: &[u8], schedule: fn(&[u8; 64], &mut [u32; 64])) -> [u8; 32] {
    let mut h = H0;
    let mut wk = [0u32; 64];
    let blocks = data.chunks_exact(64);
    let rest = blocks.remainder();
    for block in blocks {
        schedule(block.try_into().expect("64-byte chunk"), &mut wk);
        rounds(&mut h, &wk);
    }
    // Padding: 0x80, zeros, then the bit length as u64 big-endian (1 or 2 blocks).
    let mut tail = [0u8; 128];
    tail[..rest.len()].copy_from_slice(rest);
    tail[rest.len()] = 0x80;
    let tail_len = if rest.len() < 56 { 64 } else { 128 };
    tail[tail_len - 8..tail_len].copy_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in tail[..tail_len].chunks_exact(64) {
        schedule(block.try_into().expect("64-byte chunk"), &mut wk);
        rounds(&mut h, &wk);
    }
    let mut out = [0u8; 32];
    for (o, v) in out.chunks_exact_mut(4).zip(h) {
        o.copy_from_slice(&v.to_be_bytes());
    }
    out
}

/// The 64 compression rounds over `wk[t] = W[t] + K[t]`.
#[inline(always)]
fn rounds(h: &mut [u32; 8], wk: &[u32; 64]) {
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = *h;
    for &w in wk {
        let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
        let ch = (e & f) ^ (!e & g);
        let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(w);
        let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
        let maj = (a & b) ^ (a & c) ^ (b & c);
        let t2 = s0.wrapping_add(maj);
        hh = g;
        g = f;
        f = e;
        e = d.wrapping_add(t1);
        d = c;
        c = b;
        b = a;
        a = t1.wrapping_add(t2);
    }
    for (x, v) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
        *x = x.wrapping_add(v);
    }
}

/// W[t] + K[t] for one block, one word at a time.
fn schedule_scalar(block: &[u8; 64], wk: &mut [u32; 64]) {
    let mut w = [0u32; 64];
    for (t, word) in block.chunks_exact(4).enumerate() {
        w[t] = u32::from_be_bytes(word.try_into().expect("4 bytes"));
    }
    for t in 16..64 {
        let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
        let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16].wrapping_add(s0).wrapping_add(w[t - 7]).wrapping_add(s1);
    }
    for t in 0..64 {
        wk[t] = w[t].wrapping_add(K[t]);
    }
}

/// W[t] + K[t] for one block, four words per step in u32x4.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn schedule_simd(block: &[u8; 64], wk: &mut [u32; 64]) {
    use core::arch::wasm32::*;
    #[inline(always)]
    fn rotr<const R: u32, const L: u32>(x: v128) -> v128 {
        v128_or(u32x4_shr(x, R), u32x4_shl(x, L))
    }
    // Word t+1..t+4 from two vectors holding words t..t+8: a 4-byte funnel shift.
    #[inline(always)]
    fn shift1(lo: v128, hi: v128) -> v128 {
        i32x4_shuffle::<1, 2, 3, 4>(lo, hi)
    }
    let mut w = [u32x4_splat(0); 16];
    // SAFETY: the block is 64 bytes = four v128; unaligned loads are fine.
    let src = block.as_ptr().cast::<v128>();
    for (i, slot) in w.iter_mut().take(4).enumerate() {
        // Big-endian words: reverse the bytes within each 32-bit lane.
        let v = unsafe { v128_load(src.add(i)) };
        *slot = i8x16_swizzle(v, i8x16(3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12));
    }
    for g in 4..16 {
        // Words t = 4g .. 4g+3 need W[t-16], W[t-15], W[t-7], W[t-2].
        let (w16, w12, w8, w4) = (w[g - 4], w[g - 3], w[g - 2], w[g - 1]);
        let w15 = shift1(w16, w12); // W[t-15 .. t-12]
        let w7 = i32x4_shuffle::<1, 2, 3, 4>(w8, w4); // W[t-7 .. t-4]
        let s0 = v128_xor(v128_xor(rotr::<7, 25>(w15), rotr::<18, 14>(w15)), u32x4_shr(w15, 3));
        let base = i32x4_add(i32x4_add(w16, s0), w7);
        // σ1 of W[t-2], W[t-1] (lanes 2, 3 of w4) gives lanes 0, 1.
        let sigma1 = |x: v128| v128_xor(v128_xor(rotr::<17, 15>(x), rotr::<19, 13>(x)), u32x4_shr(x, 10));
        let lo = i32x4_add(base, sigma1(i32x4_shuffle::<2, 3, 6, 7>(w4, u32x4_splat(0))));
        // Lanes 2, 3 use the fresh lanes 0, 1.
        let hi = i32x4_add(base, sigma1(i32x4_shuffle::<4, 5, 0, 1>(lo, lo)));
        w[g] = i32x4_shuffle::<0, 1, 6, 7>(lo, hi);
    }
    let dst = wk.as_mut_ptr().cast::<v128>();
    for (g, v) in w.iter().enumerate() {
        // SAFETY: g < 16 and wk holds 64 u32 = 16 v128; K likewise.
        unsafe {
            let k = v128_load(K.as_ptr().cast::<v128>().add(g));
            v128_store(dst.add(g), i32x4_add(*v, k));
        }
    }
}
