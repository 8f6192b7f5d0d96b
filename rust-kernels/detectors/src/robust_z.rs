//! Baseline 2 (libs/detectors/src/robust-z.ts): |value − median| in units of
//! 1.4826·MAD over the trailing 256 rows, floored by the running mean |deviation|
//! so a mostly flat series does not score every change as infinite.

use crate::math::{js_max, js_min, z_to_score};
use crate::sorted_window::SortedWindow;
use crate::state::{StateReader, StateWriter};
use crate::{DetectorError, StreamingDetector};

/// Registry name.
pub const NAME: &str = "robust-z";
/// Trailing window (≈ a day of 5-minute data).
const WINDOW: usize = 256;
/// MAD × 1.4826 estimates σ for Gaussian data.
const MAD_TO_SIGMA: f64 = 1.4826;

/// Robust z-score baseline.
#[derive(Debug, Clone)]
pub struct RobustZ {
    window: SortedWindow,
    mean_abs_dev: f64,
}

impl Default for RobustZ {
    fn default() -> Self {
        Self { window: SortedWindow::new(WINDOW), mean_abs_dev: 0.0 }
    }
}

impl RobustZ {
    /// Restore from [`StreamingDetector::state`] bytes.
    pub fn restore(bytes: &[u8]) -> Result<Self, DetectorError> {
        let mut d = Self::default();
        let mut r = StateReader::new(bytes, NAME)?;
        d.mean_abs_dev = r.f64()?;
        d.window.read(&mut r)?;
        r.end()?;
        Ok(d)
    }
}

impl StreamingDetector for RobustZ {
    fn update(&mut self, value: f64, _timestamp_ms: f64) -> f64 {
        let mut score = 0.0;
        let n = self.window.len();
        if n >= 16 {
            let median = self.window.median();
            let scale = MAD_TO_SIGMA * self.window.mad(median);
            let dev = (value - median).abs();
            // Math.max(scale, meanAbsDev, 1e-9·|median|, Number.MIN_VALUE), folded left like JS.
            let unit = js_max(js_max(js_max(scale, self.mean_abs_dev), 1e-9 * median.abs()), f64::from_bits(1));
            score = z_to_score(dev / unit);
            self.mean_abs_dev += (dev - self.mean_abs_dev) / n.min(WINDOW) as f64;
        }
        self.window.push(value);
        js_min(1.0, score)
    }

    fn state(&self) -> Vec<u8> {
        let mut w = StateWriter::new(NAME);
        w.f64(self.mean_abs_dev);
        self.window.write(&mut w);
        w.finish()
    }
}
