use anomaly::kernels::{SIMD, dot, dot_scalar};

#[test]
fn basic_35() {
    assert_eq!(
        dot_scalar(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 4.0, 3.0, 2.0, 1.0]),
        35.0
    );
}

#[test]
fn empty_is_zero() {
    assert_eq!(dot_scalar(&[], &[]), 0.0);
    assert_eq!(dot_scalar(&[1.0, 2.0], &[]), 0.0);
}

#[test]
fn odd_lengths() {
    for n in [1usize, 3, 5, 7, 9, 13] {
        let a: Vec<f32> = (1..=n).map(|i| i as f32).collect();
        // sum of i^2 for i in 1..=n, exact in f32 for these sizes.
        let want = (n * (n + 1) * (2 * n + 1) / 6) as f32;
        assert_eq!(dot_scalar(&a, &a), want, "n={n}");
    }
}

#[test]
fn unequal_lengths_use_shorter() {
    let a = [1.0, 2.0, 3.0];
    let b = [4.0, 5.0, 6.0, 100.0, 100.0];
    assert_eq!(dot_scalar(&a, &b), 32.0);
    assert_eq!(dot_scalar(&b, &a), 32.0);
}

#[test]
fn native_dispatch_is_scalar() {
    const { assert!(!SIMD) };
    assert_eq!(dot(&[2.0, 3.0], &[4.0, 5.0]), 23.0);
}
