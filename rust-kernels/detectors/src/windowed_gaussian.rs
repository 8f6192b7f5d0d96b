//! Baseline 1 (libs/detectors/src/windowed-gaussian.ts): NAB's windowed
//! Gaussian — the two-sided tail of the value under a Gaussian fitted to the
//! trailing 1024 rows, with the sums carried (and stored) rather than recomputed.

use crate::math::{erf, js_max, js_min};
use crate::ring::Ring;
use crate::state::{StateReader, StateWriter};
use crate::{DetectorError, StreamingDetector};

/// Registry name.
pub const NAME: &str = "windowed-gaussian";
/// Trailing window length (NAB uses 6400; 1024 keeps state at 8 KiB).
const WINDOW: usize = 1024;

/// Windowed Gaussian baseline.
#[derive(Debug, Clone)]
pub struct WindowedGaussian {
    window: Ring,
    sum: f64,
    sum_sq: f64,
}

impl Default for WindowedGaussian {
    fn default() -> Self {
        Self { window: Ring::new(WINDOW), sum: 0.0, sum_sq: 0.0 }
    }
}

impl WindowedGaussian {
    /// Restore from [`StreamingDetector::state`] bytes.
    pub fn restore(bytes: &[u8]) -> Result<Self, DetectorError> {
        let mut d = Self::default();
        let mut r = StateReader::new(bytes, NAME)?;
        d.sum = r.f64()?;
        d.sum_sq = r.f64()?;
        d.window.read(&mut r)?;
        r.end()?;
        Ok(d)
    }
}

impl StreamingDetector for WindowedGaussian {
    fn update(&mut self, value: f64, _timestamp_ms: f64) -> f64 {
        let mut score = 0.0;
        let n = self.window.len();
        if n >= 2 {
            let mean = self.sum / n as f64;
            let variance = js_max(self.sum_sq / n as f64 - mean * mean, 0.0);
            let std = variance.sqrt();
            // A flat window has no spread: any change is maximally surprising, no change is not.
            if std > 1e-12 * js_max(1.0, mean.abs()) {
                score = erf((value - mean).abs() / std / std::f64::consts::SQRT_2);
            } else {
                score = if value == mean { 0.0 } else { 1.0 };
            }
        }
        let old = self.window.push(value).unwrap_or(0.0);
        self.sum += value - old;
        self.sum_sq += value * value - old * old;
        js_min(1.0, js_max(0.0, score))
    }

    fn state(&self) -> Vec<u8> {
        let mut w = StateWriter::new(NAME);
        w.f64(self.sum).f64(self.sum_sq);
        self.window.write(&mut w);
        w.finish()
    }
}
