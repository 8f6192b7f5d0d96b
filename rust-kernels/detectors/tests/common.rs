//! Series and helpers shared by the detector tests.
#![allow(dead_code)]

/// FNV-1a over the little-endian bytes of every value (same as ts-reference.gen.ts).
pub fn fnv1a(values: impl IntoIterator<Item = f64>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for v in values {
        for b in v.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The reference series of ts-reference.gen.ts: 5-minute triangle days, integer noise,
/// a spike at 1700 and a level shift from 1850 (only + − × ÷, so bit-identical to the TS).
pub fn reference_series() -> (Vec<f64>, Vec<f64>) {
    (0..2000u64)
        .map(|i| {
            let k = i % 288;
            let tri = (if k < 144 { k } else { 288 - k }) as f64 / 14.4;
            let noise = ((i * 7919 + 13) % 101) as f64 / 50.0 - 1.0;
            let v = 50.0 + tri + noise + if i == 1700 { 60.0 } else { 0.0 } + if i >= 1850 { 25.0 } else { 0.0 };
            (v, 1_704_067_200_000.0 + i as f64 * 300_000.0)
        })
        .unzip()
}

/// Score a whole series from scratch.
pub fn score(name: &str, values: &[f64], timestamps: &[f64]) -> Vec<f64> {
    detectors::score_batch(name, None, values, timestamps).unwrap().scores
}
