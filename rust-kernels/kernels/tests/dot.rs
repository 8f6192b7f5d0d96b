//! Dot product: exact on integer data, close to an f64 reference otherwise.
mod common;
use kernels::dot::dot_scalar;

#[test]
fn basic_35() {
    assert_eq!(dot_scalar(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 4.0, 3.0, 2.0, 1.0]), 35.0);
}

#[test]
fn empty_is_zero() {
    assert_eq!(dot_scalar(&[], &[]), 0.0);
    assert_eq!(dot_scalar(&[1.0, 2.0], &[]), 0.0);
}

#[test]
fn odd_lengths_around_the_lane_width() {
    for n in [1usize, 3, 5, 7, 8, 9, 13, 15, 16, 17, 31, 33] {
        let a: Vec<f32> = (1..=n).map(|i| i as f32).collect();
        // Σ i² is exact in f32 for these sizes, whatever the summation order.
        let want = (n * (n + 1) * (2 * n + 1) / 6) as f32;
        assert_eq!(dot_scalar(&a, &a), want, "n={n}");
    }
}

#[test]
fn unequal_lengths_use_shorter() {
    let (a, b) = ([1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 100.0, 100.0]);
    assert_eq!(dot_scalar(&a, &b), 32.0);
    assert_eq!(dot_scalar(&b, &a), 32.0);
}

#[test]
fn random_data_matches_f64_reference() {
    for n in [100usize, 1001, 65_537] {
        let (a, b) = (common::floats(1, n), common::floats(2, n));
        let want: f64 = a.iter().zip(&b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
        common::close(f64::from(dot_scalar(&a, &b)), want, 1e-6 * n as f64, &format!("n={n}"));
    }
}
