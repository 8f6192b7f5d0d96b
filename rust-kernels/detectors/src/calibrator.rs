//! Turns a raw, series-specific measure into standard units (libs/detectors/src/calibrator.ts,
//! mode `peak`, the only mode the registered ensemble uses): 4·(raw − mean)/(peak − mean + scale)
//! against running EW statistics and the decayed peak of earlier raws.

use crate::DetectorError;
use crate::math::{js_max, js_min};
use crate::state::{StateReader, StateWriter};

/// Memory of the running statistics, in points.
const HORIZON: f64 = 8000.0;
/// Points before any z is reported.
const WARMUP: f64 = 150.0;
/// Learning clips raw at mean + CLIP·scale so one anomaly does not mask the next.
const CLIP: f64 = 6.0;
/// `peakGain`: a raw equal to the recent peak maps to z ≈ 4 (score 0.5).
const PEAK_GAIN: f64 = 4.0;

/// Streaming mean / mean |deviation| / decayed peak of a raw measure.
#[derive(Debug, Clone, Default)]
pub struct Calibrator {
    // f64 like the TS (n is compared and divided as a double there).
    n: f64,
    mean: f64,
    abs_dev: f64,
    peak: f64,
}

impl Calibrator {
    /// z of `raw` against the history so far, then learn from it (causal).
    pub fn next(&mut self, raw: f64) -> f64 {
        // Scale floor: a series that never varied must not turn rounding noise into 1e9 σ.
        let scale = js_max(js_max(self.abs_dev * 1.2533, 1e-9 * self.mean.abs()), 1e-12);
        let warm = self.n >= WARMUP;
        let peak = js_max(self.peak, scale);
        let z = if warm { PEAK_GAIN * (raw - self.mean) / (peak - self.mean + scale) } else { 0.0 };
        self.peak = js_max(raw, self.mean + (self.peak - self.mean) * (1.0 - 1.0 / HORIZON));
        let rate = 1.0 / js_min(self.n + 1.0, HORIZON);
        let learned = if warm { js_min(raw, self.mean + CLIP * scale) } else { raw };
        let delta = learned - self.mean;
        self.mean += rate * delta;
        self.abs_dev += rate * (delta.abs() - self.abs_dev);
        self.n += 1.0;
        z
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        w.f64(self.n).f64(self.mean).f64(self.abs_dev).f64(self.peak);
    }

    /// Restore state written by [`Calibrator::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.n = r.f64()?;
        self.mean = r.f64()?;
        self.abs_dev = r.f64()?;
        self.peak = r.f64()?;
        Ok(())
    }
}
