//! Fingerprints of the TS reference's scores (printed by ts-reference.gen.ts) on a
//! series both sides build bit for bit: a native tripwire for parity that needs no
//! wasm build. The full per-point parity of the built component against the TS engine
//! is tools/nab-cli/src/engine-parity.test.ts.
mod common;
use common::{fnv1a, reference_series, score};

/// (detector, FNV-1a of all scores, non-zero scores, max score, score of the spike at 1700).
const TS_REFERENCE: [(&str, u64, usize, f64, f64); 3] = [
    ("windowed-gaussian", 0x7775_0695_9e61_2bc6, 1998, 1.0, 1.0),
    ("robust-z", 0x2931_8d1a_eaf7_4f44, 1984, 0.8085902608185723, 0.8085902608185723),
    ("ensemble", 0xc79f_e186_b329_4959, 23, 0.99, 0.99),
];

#[test]
fn every_detector_reproduces_the_ts_reference_bit_for_bit() {
    let (values, timestamps) = reference_series();
    for (name, hash, nonzero, max, spike) in TS_REFERENCE {
        let s = score(name, &values, &timestamps);
        // Summaries first: they say how far off a mismatch is before the hash says that it is.
        assert_eq!(s.iter().filter(|&&x| x > 0.0).count(), nonzero, "{name}: non-zero scores");
        assert_eq!(s.iter().copied().fold(0.0, f64::max), max, "{name}: max score");
        assert_eq!(s[1700], spike, "{name}: spike score");
        assert_eq!(fnv1a(s), hash, "{name}: fingerprint of all 2000 scores");
    }
}
