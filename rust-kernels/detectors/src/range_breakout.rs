//! Range breakout (libs/detectors/src/range-breakout.ts, Numenta's "spatial
//! anomaly"): a value beyond the all-time range by more than 2 % of it scores
//! 0.9–0.99 whatever the calibrated members say.

use crate::DetectorError;
use crate::math::{js_max, js_min};
use crate::state::{StateReader, StateWriter};

/// How far past the range, as a fraction of it, a value must go.
const TOLERANCE: f64 = 0.02;
/// Points before the range is trusted.
const WARMUP: f64 = 150.0;
/// Score of a breakout that just clears the tolerance (grows by up to 0.09).
const SCORE: f64 = 0.9;

/// Streaming all-time min/max with a breakout score.
#[derive(Debug, Clone)]
pub struct RangeBreakout {
    lo: f64,
    hi: f64,
    seen: f64,
}

impl Default for RangeBreakout {
    fn default() -> Self {
        Self { lo: f64::INFINITY, hi: f64::NEG_INFINITY, seen: 0.0 }
    }
}

impl RangeBreakout {
    /// Score `value` against the range before it (0 inside), then widen the range.
    pub fn next(&mut self, value: f64) -> f64 {
        let mut out = 0.0;
        let range = self.hi - self.lo;
        if self.seen >= WARMUP && range > 0.0 {
            let excess = js_max(value - (self.hi + TOLERANCE * range), self.lo - TOLERANCE * range - value);
            // Grows with the excess so NAB's one corpus threshold ranks far breakouts above near ones.
            if excess > 0.0 {
                out = SCORE + 0.09 * js_min(1.0, excess / range);
            }
        }
        if value < self.lo {
            self.lo = value;
        }
        if value > self.hi {
            self.hi = value;
        }
        self.seen += 1.0;
        out
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        w.f64(self.lo).f64(self.hi).f64(self.seen);
    }

    /// Restore state written by [`RangeBreakout::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.lo = r.f64()?;
        self.hi = r.f64()?;
        self.seen = r.f64()?;
        Ok(())
    }
}
