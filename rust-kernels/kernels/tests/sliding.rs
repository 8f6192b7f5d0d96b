//! The detectors' f64 loops against the TS reference semantics
//! (libs/detectors/src/kernels.ts), which they must match bit for bit.
use kernels::{advance_lag_distances, sliding_sq_distances};

fn series(n: usize) -> Vec<f64> {
    (0..n).map(|i| (i as f64 * 0.37).sin() * 10.0 + (i % 7) as f64).collect()
}

#[test]
fn sliding_distances_equal_the_sequential_sum() {
    let s = series(300);
    for (m, count) in [(1usize, 1usize), (3, 10), (64, 237), (7, 294)] {
        let q: Vec<f64> = s[5..5 + m].iter().map(|x| x + 0.5).collect();
        let got = sliding_sq_distances(&s, &q, count).unwrap();
        for (j, g) in got.iter().enumerate() {
            let mut want = 0.0;
            for k in 0..m {
                let d = s[j + k] - q[k];
                want += d * d;
            }
            assert_eq!(*g, want, "m={m} j={j}");
        }
    }
    assert_eq!(sliding_sq_distances(&s, &s[..10], 292).unwrap_err().arg, "series");
}

#[test]
fn advancing_lags_equals_recomputing_the_windows() {
    let s = series(200);
    let (m, first_lag, lags) = (8usize, 3usize, 11usize);
    let dist = |t: usize, lag: usize| -> f64 { (0..m).map(|k| (s[t - k] - s[t - lag - k]).powi(2)).sum() };
    let t0 = m + first_lag + lags + 5;
    let mut d: Vec<f64> = (0..lags).map(|i| dist(t0, first_lag + i)).collect();
    for t in t0 + 1..t0 + 40 {
        advance_lag_distances(&s, t, m, first_lag, &mut d).unwrap();
        for (i, di) in d.iter().enumerate() {
            let want = dist(t, first_lag + i);
            assert!((di - want).abs() <= 1e-9 * want.max(1.0), "t={t} lag={} got {di} want {want}", first_lag + i);
        }
    }
    assert_eq!(advance_lag_distances(&s, m + first_lag + lags - 2, m, first_lag, &mut d).unwrap_err().arg, "t");
    assert_eq!(advance_lag_distances(&s, 500, m, first_lag, &mut d).unwrap_err().arg, "t");
}
