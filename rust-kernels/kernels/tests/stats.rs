//! Mean/variance, batched Welford and sliding windows against f64 references.
mod common;
use common::{close, floats};
use kernels::{RunningStats, mean_variance, welford_update, window_stats};

fn reference(xs: &[f32]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().map(|&x| f64::from(x)).sum::<f64>() / n;
    (mean, xs.iter().map(|&x| (f64::from(x) - mean).powi(2)).sum::<f64>() / n)
}

#[test]
fn mean_variance_matches_f64_on_odd_lengths() {
    for n in [1usize, 3, 7, 8, 9, 17, 1001, 100_003] {
        let xs: Vec<f32> = floats(5, n).iter().map(|x| 20.0 + x).collect();
        let (mean, var) = mean_variance(&xs);
        let (want_mean, want_var) = reference(&xs);
        close(f64::from(mean), want_mean, 1e-6, &format!("mean n={n}"));
        close(f64::from(var), want_var, 1e-4, &format!("var n={n}"));
    }
    assert_eq!(mean_variance(&[]), (0.0, 0.0));
}

#[test]
fn welford_in_batches_equals_the_whole_series() {
    let xs: Vec<f32> = floats(6, 10_007).iter().map(|x| 3.0 * x - 1.0).collect();
    let mut s = RunningStats::default();
    for batch in xs.chunks(333) {
        s = welford_update(s, batch);
    }
    let (mean, var) = reference(&xs);
    assert_eq!(s.count, 10_007);
    close(s.mean, mean, 1e-6, "mean");
    close(s.m2 / s.count as f64, var, 1e-5, "variance");
    assert_eq!(welford_update(s, &[]), s);
}

#[test]
fn windows_match_direct_computation() {
    let xs = floats(7, 203);
    for w in [1usize, 2, 7, 64, 203] {
        let got = window_stats(&xs, w);
        assert_eq!(got.means.len(), 203 - w + 1);
        assert_eq!(got.variances.len(), got.means.len());
        for i in 0..got.means.len() {
            let (mean, var) = reference(&xs[i..i + w]);
            close(f64::from(got.means[i]), mean, 1e-6, &format!("mean w={w} i={i}"));
            close(f64::from(got.variances[i]), var, 1e-5, &format!("var w={w} i={i}"));
        }
    }
}

#[test]
fn no_windows_when_window_is_zero_or_too_long() {
    assert!(window_stats(&[1.0, 2.0], 0).means.is_empty());
    assert!(window_stats(&[1.0, 2.0], 3).variances.is_empty());
}

#[test]
fn windows_across_prefix_chunk_borders_match_direct_computation() {
    // 4096 windows per chunk: check around the borders, and a window longer than a chunk.
    let xs: Vec<f32> = floats(8, 10_000).iter().map(|x| 50.0 + x).collect();
    for (w, at) in [(5usize, [0usize, 4095, 4096, 4097, 8191, 8192, 9995]), (5000, [0, 1, 2500, 4095, 4096, 4999, 5000])] {
        let got = window_stats(&xs, w);
        assert_eq!(got.means.len(), 10_000 - w + 1);
        for i in at {
            let (mean, var) = reference(&xs[i..i + w]);
            close(f64::from(got.means[i]), mean, 1e-6, &format!("mean w={w} i={i}"));
            close(f64::from(got.variances[i]), var, 1e-4, &format!("var w={w} i={i}"));
        }
    }
}
