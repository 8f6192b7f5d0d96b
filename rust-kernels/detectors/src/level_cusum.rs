//! Level CUSUM (libs/detectors/src/level-cusum.ts): a two-sided Gaussian CUSUM of
//! the value in units of its running scale, with a slack of 2 scales, so a sustained
//! shift of the level builds up to a record while noise drains away.

use crate::DetectorError;
use crate::math::{js_max, js_min};
use crate::state::{StateReader, StateWriter};

/// Memory of the running mean and scale, in points (the calibrator's horizon).
const HORIZON: f64 = 8000.0;
/// Deviation, in scales, one point may show without adding to the sums.
const SLACK: f64 = 2.0;
/// Points before the sums start.
const WARMUP: f64 = 16.0;

/// Streaming max(upper, lower) CUSUM of standardised values.
#[derive(Debug, Clone, Default)]
pub struct LevelCusum {
    n: f64,
    mean: f64,
    abs_dev: f64,
    upper: f64,
    lower: f64,
}

impl LevelCusum {
    /// Add a value; the larger of the two sums, or −1 during the first points.
    pub fn next(&mut self, value: f64) -> f64 {
        let warm = self.n >= WARMUP;
        if warm {
            let scale = js_max(js_max(self.abs_dev * 1.2533, 1e-9 * self.mean.abs()), 1e-12);
            let z = (value - self.mean) / scale;
            self.upper = js_max(0.0, self.upper + z - SLACK);
            self.lower = js_max(0.0, self.lower - z - SLACK);
        }
        let rate = 1.0 / js_min(self.n + 1.0, HORIZON);
        let dev = if self.n > 0.0 { (value - self.mean).abs() } else { 0.0 };
        self.mean += rate * (value - self.mean);
        self.abs_dev += rate * (dev - self.abs_dev);
        self.n += 1.0;
        if warm { js_max(self.upper, self.lower) } else { -1.0 }
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        w.f64(self.n).f64(self.mean).f64(self.abs_dev).f64(self.upper).f64(self.lower);
    }

    /// Restore state written by [`LevelCusum::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.n = r.f64()?;
        self.mean = r.f64()?;
        self.abs_dev = r.f64()?;
        self.upper = r.f64()?;
        self.lower = r.f64()?;
        Ok(())
    }
}
