//! Helpers shared by the kernel tests: seeded inputs and a tolerance check.
#![allow(dead_code)]

/// `n` floats in [-1, 1) from a xorshift32 seeded with `seed`.
pub fn floats(seed: u32, n: usize) -> Vec<f32> {
    let mut x = seed.max(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            ((x >> 8) as f32) / 16_777_216.0 * 2.0 - 1.0
        })
        .collect()
}

/// Asserts |got - want| ≤ tol · max(1, |want|).
pub fn close(got: f64, want: f64, tol: f64, what: &str) {
    assert!((got - want).abs() <= tol * want.abs().max(1.0), "{what}: got {got}, want {want}");
}
