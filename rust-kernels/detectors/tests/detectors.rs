//! The streaming contract of every registered detector (libs/detectors' detectors.test.ts,
//! natively): scores in [0, 1] and never NaN, causal, bit-identical across state round
//! trips, state ≤ 16 KiB, and batches refused whole with the TS engine's messages.
mod common;
use common::{reference_series, score};
use detectors::{DETECTOR_NAMES, DetectorError, score_batch};

fn chunked(name: &str, values: &[f64], timestamps: &[f64], chunks: usize) -> Vec<f64> {
    let size = values.len().div_ceil(chunks);
    let (mut out, mut state) = (Vec::new(), None::<Vec<u8>>);
    for from in (0..values.len()).step_by(size) {
        let to = (from + size).min(values.len());
        let scored = score_batch(name, state.as_deref(), &values[from..to], &timestamps[from..to]).unwrap();
        out.extend(scored.scores);
        state = Some(scored.state);
    }
    out
}

#[test]
fn scores_every_point_in_0_1_and_flags_the_spike() {
    let (values, timestamps) = reference_series();
    for name in DETECTOR_NAMES {
        let s = score(name, &values, &timestamps);
        assert!(s.iter().all(|x| (0.0..=1.0).contains(x)), "{name}");
        let before = s[1000..1700].iter().copied().fold(0.0, f64::max);
        assert!(s[1700] > before, "{name}: spike {} vs earlier max {before}", s[1700]);
    }
}

#[test]
fn is_causal_appending_points_does_not_change_earlier_scores() {
    let (values, timestamps) = reference_series();
    for name in DETECTOR_NAMES {
        let full = score(name, &values, &timestamps);
        assert_eq!(score(name, &values[..1300], &timestamps[..1300]), full[..1300], "{name}");
    }
}

#[test]
fn continues_bit_for_bit_across_50_state_round_trips_within_16_kib() {
    let (values, timestamps) = reference_series();
    for name in DETECTOR_NAMES {
        assert_eq!(chunked(name, &values, &timestamps, 50), score(name, &values, &timestamps), "{name}");
        let state = score_batch(name, None, &values, &timestamps).unwrap().state;
        assert!(state.len() <= 16 * 1024, "{name}: {} bytes", state.len());
    }
}

#[test]
fn never_returns_nan_on_flat_huge_tiny_or_jumping_series() {
    let makers: [fn(usize) -> f64; 5] = [|_| 5.0, |i| 1e12 + (i % 7) as f64, |i| 1e-12 * (i % 3) as f64, |i| if i == 900 { 1.0 } else { 0.0 }, |i| if i % 2 == 0 { 1e300 } else { -1e300 }];
    let timestamps: Vec<f64> = (0..1200).map(|i| i as f64).collect();
    for make in makers {
        let values: Vec<f64> = (0..1200).map(make).collect();
        for name in DETECTOR_NAMES {
            assert!(score(name, &values, &timestamps).iter().all(|x| (0.0..=1.0).contains(x)), "{name}");
        }
    }
}

#[test]
fn accepts_duplicate_and_backward_timestamps() {
    let (values, mut timestamps) = reference_series();
    let full = score("ensemble", &values, &timestamps);
    timestamps[1000] = timestamps[999];
    timestamps[1500] = timestamps[1400];
    let odd = score("ensemble", &values, &timestamps);
    assert_eq!(odd[..1000], full[..1000]);
    assert!(odd.iter().all(|x| (0.0..=1.0).contains(x)));
}

#[test]
fn refuses_a_bad_batch_whole_with_the_ts_messages() {
    let err = |name: &str, v: &[f64], t: &[f64]| score_batch(name, None, v, t).unwrap_err().to_string();
    assert_eq!(err("ensemble", &[1.0, 2.0, f64::NAN], &[0.0, 1.0, 2.0]), "value NaN at row 2 is not a finite number");
    assert_eq!(err("robust-z", &[1.0], &[f64::NEG_INFINITY]), "timestamp -Infinity at row 0 is not a finite epoch-ms number");
    assert_eq!(err("ensemble", &[1.0], &[]), "1 values but 0 timestamps");
    assert_eq!(err("nope", &[], &[]), "unknown detector \"nope\" (use one of: windowed-gaussian, robust-z, ensemble)");
}

#[test]
fn rejects_state_from_another_detector_truncated_or_padded() {
    let state = |name| score_batch(name, None, &[1.0, 2.0], &[0.0, 1.0]).unwrap().state;
    for name in DETECTOR_NAMES {
        let other = DETECTOR_NAMES.iter().find(|n| **n != name).unwrap();
        let own = state(name);
        let e = score_batch(name, Some(&state(other)), &[], &[]).unwrap_err();
        assert!(e.to_string().contains("cannot restore as"), "{name}: {e}");
        assert!(matches!(score_batch(name, Some(&own[..own.len() - 3]), &[], &[]), Err(DetectorError::State(_))), "{name}");
        let padded = [own.as_slice(), &[0]].concat();
        assert_eq!(score_batch(name, Some(&padded), &[], &[]).unwrap_err().to_string(), "detector state: trailing bytes");
        assert!(score_batch(name, Some(b"EWW1 not ours"), &[], &[]).unwrap_err().to_string().contains("not an edgewatch state blob"));
    }
}

#[test]
fn rejects_a_knn_state_whose_history_does_not_match_its_count() {
    let (values, timestamps) = reference_series();
    let mut state = score_batch("ensemble", None, &values[..700], &timestamps[..700]).unwrap().state;
    // After magic and name ("ensemble"): the kNN point count (u64); claim fewer points than stored.
    let at = 4 + 4 + "ensemble".len();
    state[at..at + 8].copy_from_slice(&10u64.to_le_bytes());
    let e = score_batch("ensemble", Some(&state), &values[700..], &timestamps[700..]).unwrap_err();
    assert!(e.to_string().contains("knn history"), "{e}");
}
