//! Seeded inputs shared with the JS side (tools/bench/src/kernels/inputs.ts):
//! xorshift32, so both languages produce the same floats and bytes bit for bit.

/// xorshift32 generator (Marsaglia 13/17/5); seed 0 is replaced by 1.
#[derive(Debug, Clone)]
pub struct Rng(u32);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u32) -> Self {
        Rng(if seed == 0 { 1 } else { seed })
    }

    /// Next raw 32-bit value.
    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    /// A float in [-1, 1) with 24 random bits (exact in f32 and f64).
    pub fn next_f32(&mut self) -> f32 {
        ((self.next_u32() >> 8) as f32) / 16_777_216.0 * 2.0 - 1.0
    }
}

/// `n` floats from `seed`.
pub fn floats(seed: u32, n: usize) -> Vec<f32> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| r.next_f32()).collect()
}

/// `n` bytes from `seed` (the top byte of each draw).
pub fn bytes(seed: u32, n: usize) -> Vec<u8> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| (r.next_u32() >> 24) as u8).collect()
}
