//! Blocked matmul against a naive triple loop, odd shapes and several slabs.
mod common;
use kernels::{ShapeError, matmul};

/// Naive C = A·B, summing over k in order from 0 (the order the kernel uses within one slab).
fn naive(a: &[f32], b: &[f32], m: usize, k: usize, n: usize) -> Vec<f32> {
    let mut c = vec![0.0f32; m * n];
    for i in 0..m {
        for j in 0..n {
            let mut s = 0.0f32;
            for p in 0..k {
                s += a[i * k + p] * b[p * n + j];
            }
            c[i * n + j] = s;
        }
    }
    c
}

#[test]
fn bit_identical_to_naive_within_one_slab() {
    // m, n not multiples of the 4×8 tile; k ≤ 256 is a single slab.
    for (m, k, n) in [(1, 1, 1), (3, 5, 7), (4, 8, 8), (17, 33, 9), (37, 29, 41), (70, 256, 13)] {
        let (a, b) = (common::floats(1, m * k), common::floats(2, k * n));
        assert_eq!(matmul(&a, &b, m, k, n).unwrap(), naive(&a, &b, m, k, n), "{m}x{k}x{n}");
    }
}

#[test]
fn close_to_naive_across_slabs() {
    // The last slab is shorter than the first (700 = 256 + 256 + 188; 300 = 256 + 44).
    for (m, k, n) in [(9, 700, 11), (64, 300, 70)] {
        let (a, b) = (common::floats(3, m * k), common::floats(4, k * n));
        let (got, want) = (matmul(&a, &b, m, k, n).unwrap(), naive(&a, &b, m, k, n));
        for (g, w) in got.iter().zip(&want) {
            common::close(f64::from(*g), f64::from(*w), 1e-4, &format!("{m}x{k}x{n}"));
        }
    }
}

#[test]
fn zero_depth_gives_zeros_and_empty_gives_empty() {
    assert_eq!(matmul(&[], &[], 2, 0, 3).unwrap(), vec![0.0; 6]);
    assert!(matmul(&[], &[], 0, 0, 0).unwrap().is_empty());
}

#[test]
fn rejects_a_buffer_of_the_wrong_shape() {
    let err = matmul(&[1.0; 5], &[1.0; 6], 2, 3, 2).unwrap_err();
    assert_eq!(err, ShapeError { arg: "a", expected: 6, got: 5 });
    assert_eq!(err.to_string(), "a: expected 6 elements, got 5");
    assert_eq!(matmul(&[1.0; 6], &[1.0; 7], 2, 3, 2).unwrap_err().arg, "b");
}
