//! The level CUSUM (libs/detectors' ensemble-members.test.ts, natively).
use detectors::level_cusum::LevelCusum;
use detectors::state::{StateReader, StateWriter};

/// ±1 around 10 (scale ≈ 1.25, every point within 1 scale), then `shifted` points 3 higher.
fn noise_then_shift(quiet: usize, shifted: usize) -> Vec<f64> {
    (0..quiet + shifted).map(|i| 10.0 + if i % 2 == 0 { 1.0 } else { -1.0 } + if i >= quiet { 3.0 } else { 0.0 }).collect()
}

#[test]
fn waits_16_points_then_stays_at_zero_on_noise_within_the_slack() {
    let mut c = LevelCusum::default();
    let out: Vec<f64> = noise_then_shift(500, 0).into_iter().map(|v| c.next(v)).collect();
    assert!(out[..16].iter().all(|&x| x == -1.0));
    assert!(out[16..].iter().all(|&x| x == 0.0));
}

#[test]
fn builds_up_on_a_shift_that_no_single_point_makes_remarkable() {
    let mut c = LevelCusum::default();
    let out: Vec<f64> = noise_then_shift(500, 20).into_iter().map(|v| c.next(v)).collect();
    let shifted = &out[500..];
    // 1.6 and 3.2 scales out in turn, +0.8 past the slack per pair: one is unremarkable, twenty add up.
    assert!(shifted[0] < 1.5);
    assert!(shifted.windows(3).all(|w| w[2] > w[0]));
    assert!(shifted[shifted.len() - 1] > 5.0);
}

#[test]
fn restores_to_identical_behaviour() {
    let values = noise_then_shift(300, 30);
    let mut a = LevelCusum::default();
    for &v in &values[..310] {
        a.next(v);
    }
    let mut w = StateWriter::new("t");
    a.write(&mut w);
    let bytes = w.finish();
    let mut b = LevelCusum::default();
    let mut r = StateReader::new(&bytes, "t").unwrap();
    b.read(&mut r).unwrap();
    for &v in &values[310..] {
        assert_eq!(b.next(v).to_bits(), a.next(v).to_bits());
    }
}
