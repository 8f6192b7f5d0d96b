//! JavaScript number semantics the detectors rely on for bit parity.
mod common;
use detectors::math::{erf, exp, js_max, js_min, z_to_score};

#[test]
fn js_max_and_min_propagate_nan_and_order_signed_zeros_like_math_max() {
    assert!(js_max(f64::NAN, 1.0).is_nan() && js_max(1.0, f64::NAN).is_nan());
    assert!(js_min(f64::NAN, 1.0).is_nan() && js_min(1.0, f64::NAN).is_nan());
    assert!(js_max(-0.0, 0.0).is_sign_positive() && js_max(0.0, -0.0).is_sign_positive());
    assert!(js_min(-0.0, 0.0).is_sign_negative() && js_min(0.0, -0.0).is_sign_negative());
    assert_eq!(js_max(2.0, 3.0), 3.0);
    assert_eq!(js_min(2.0, 3.0), 2.0);
    assert_eq!(js_max(f64::NEG_INFINITY, -1e308), -1e308);
}

/// `Math.exp(x)` bits printed by Node 24 (V8's fdlibm port).
const V8_EXP: [(f64, u64); 20] = [
    (-745.2, 0x0000000000000000),
    (-700.5, 0x00c4ff475c68ca02),
    (-30.25, 0x3d34835bd010a41b),
    (-5.5, 0x3f70bd4a5aca7728),
    (-1.0, 0x3fd78b56362cef38),
    (-std::f64::consts::LN_2, 0x3fe0000000000000),
    (-0.34, 0x3fe6c6d28e50ebb6),
    (-0.2, 0x3fea330ad6166159),
    (-1e-9, 0x3fefffffff768fa1),
    (0.0, 0x3ff0000000000000),
    (1e-10, 0x3ff000000006df38),
    (0.1, 0x3ff1aec7b35a00d4),
    (0.3465, 0x3ff6a03146cf6ead),
    (0.5, 0x3ffa61298e1e069c),
    (1.0, 0x4005bf0a8b145769),
    (1.0397, 0x4006a07f99728ef9),
    (2.5, 0x40285d6fd931e0bb),
    (10.0, 0x40d5829dcf950560),
    (100.125, 0x48f5daaf24221d5e),
    (709.7, 0x7fed75ae7a50ee14),
];

#[test]
fn exp_returns_v8s_bits() {
    for (x, bits) in V8_EXP {
        assert_eq!(exp(x).to_bits(), bits, "exp({x})");
    }
    assert_eq!(exp(f64::INFINITY), f64::INFINITY);
    assert_eq!(exp(f64::NEG_INFINITY), 0.0);
    assert!(exp(f64::NAN).is_nan());
    assert_eq!(exp(710.0), f64::INFINITY);
}

#[test]
fn exp_matches_v8_over_a_sweep_of_20000_arguments() {
    // Node: FNV-1a over Math.exp((i − 15000)·0.00731) for i < 20000.
    let got = common::fnv1a((0..20000).map(|i| exp(f64::from(i - 15000) * 0.00731)));
    assert_eq!(got, 0x78b8_a6f2_eea6_cec9);
}

#[test]
fn erf_and_the_score_map_behave_at_the_edges() {
    assert!(erf(0.0).abs() < 1.5e-7, "A&S 7.1.26 error bound");
    assert!((erf(1.0) - 0.8427007929).abs() < 2e-7);
    assert_eq!(erf(-1.0), -erf(1.0));
    assert_eq!(erf(f64::INFINITY), 1.0);
    assert_eq!(z_to_score(4.0), 0.5);
    assert_eq!(z_to_score(f64::INFINITY), 1.0);
    assert_eq!(z_to_score(f64::NAN), 0.0);
    assert_eq!(z_to_score(-3.0), 0.0);
}
