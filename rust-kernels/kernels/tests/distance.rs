//! Squared distances and the dense layer against naive f64 loops.
mod common;
use common::{close, floats};
use kernels::{Activation, dense, sq_distances};

#[test]
fn distances_match_naive_for_odd_dimensions() {
    for dim in [1usize, 3, 4, 5, 8, 13, 32] {
        let (q, pts) = (floats(1, dim), floats(2, dim * 57));
        let got = sq_distances(&q, &pts).unwrap();
        assert_eq!(got.len(), 57);
        for (row, g) in pts.chunks(dim).zip(&got) {
            let want: f64 = row.iter().zip(&q).map(|(x, y)| (f64::from(*x) - f64::from(*y)).powi(2)).sum();
            close(f64::from(*g), want, 1e-6, &format!("dim={dim}"));
        }
    }
}

#[test]
fn distance_to_itself_is_zero_and_shapes_are_checked() {
    let q = floats(3, 6);
    assert_eq!(sq_distances(&q, &q).unwrap(), vec![0.0]);
    assert_eq!(sq_distances(&q, &q[..5]).unwrap_err().arg, "points");
    assert!(sq_distances(&[], &[]).unwrap().is_empty());
}

#[test]
fn dense_matches_naive_and_relu_clamps() {
    let (ins, outs) = (13, 9);
    let (x, w, b) = (floats(4, ins), floats(5, ins * outs), floats(6, outs));
    let lin = dense(&x, &w, &b, Activation::Linear).unwrap();
    let relu = dense(&x, &w, &b, Activation::Relu).unwrap();
    for o in 0..outs {
        let want: f64 = f64::from(b[o]) + (0..ins).map(|i| f64::from(w[o * ins + i]) * f64::from(x[i])).sum::<f64>();
        close(f64::from(lin[o]), want, 1e-6, &format!("out {o}"));
        assert_eq!(relu[o], lin[o].max(0.0));
    }
    assert!(lin.iter().any(|&v| v < 0.0), "seeded data should exercise the clamp");
    assert_eq!(dense(&x, &w[1..], &b, Activation::Linear).unwrap_err().arg, "weights");
    assert_eq!(dense(&[], &[], &b, Activation::Linear).unwrap(), b);
}
