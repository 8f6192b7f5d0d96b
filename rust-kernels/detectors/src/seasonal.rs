//! Seasonal-naive residual (libs/detectors/src/seasonal-residual.ts): the
//! current wall-clock hour's running mean against the same hour one season
//! earlier, |difference| averaged with the last few completed hours'. Keyed on
//! UTC epoch hours, so any sampling step works and a point that steps back in
//! time updates that earlier hour's slot.

use crate::DetectorError;
use crate::state::{StateReader, StateWriter};

const HOUR_MS: f64 = 3_600_000.0;

/// Streaming |level − level one season earlier|, averaged over the last `span` hours.
#[derive(Debug, Clone)]
pub struct SeasonalResidual {
    /// Hourly means of the last season by hour-of-season; NaN where no data fell.
    table: Vec<f64>,
    /// |residual| of the last completed hours, newest last (NaN: none).
    recent: Vec<f64>,
    hour: f64,
    /// Running mean (not a sum, so huge values cannot overflow) and count of the current hour.
    mean: f64,
    count: f64,
}

impl SeasonalResidual {
    /// A comparison over a season of `hours`, smoothing over `span` completed hours.
    pub fn new(hours: usize, span: usize) -> Self {
        Self { table: vec![f64::NAN; hours], recent: vec![f64::NAN; span], hour: f64::NAN, mean: 0.0, count: 0.0 }
    }

    /// Add a value; returns the smoothed |residual|, or −1 until a season-ago hour is known.
    pub fn next(&mut self, value: f64, timestamp_ms: f64) -> f64 {
        let hour = (timestamp_ms / HOUR_MS).floor();
        // `!=` is true against the initial NaN, like the TS `!==`.
        if hour != self.hour {
            if self.count > 0.0 {
                self.close_hour();
            }
            self.hour = hour;
            self.mean = 0.0;
            self.count = 0.0;
        }
        self.count += 1.0;
        self.mean += (value - self.mean) / self.count;
        let before = self.table[self.slot(hour)];
        if before.is_nan() {
            return -1.0;
        }
        let mut total = (self.mean - before).abs();
        let mut n = 1.0;
        for &r in &self.recent {
            if !r.is_nan() {
                total += r;
                n += 1.0;
            }
        }
        total / n
    }

    fn slot(&self, hour: f64) -> usize {
        let h = self.table.len() as f64;
        (((hour % h) + h) % h) as usize
    }

    fn close_hour(&mut self) {
        let slot = self.slot(self.hour);
        let before = self.table[slot];
        if let Some(last) = self.recent.len().checked_sub(1) {
            self.recent.copy_within(1.., 0);
            self.recent[last] = if before.is_nan() { f64::NAN } else { (self.mean - before).abs() };
        }
        self.table[slot] = self.mean;
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        w.f64(self.hour).f64(self.mean).f64(self.count);
        w.f64s(self.table.iter().copied(), self.table.len()).f64s(self.recent.iter().copied(), self.recent.len());
    }

    /// Restore state written by [`SeasonalResidual::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.hour = r.f64()?;
        self.mean = r.f64()?;
        self.count = r.f64()?;
        r.f64s_exact(&mut self.table)?;
        r.f64s_exact(&mut self.recent)
    }
}
