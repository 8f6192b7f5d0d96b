//! Rest period (libs/detectors/src/rest-period.ts, from CAD-OSE): report a
//! score only when it beats every score of the previous 120 points, so one
//! event raises one alarm, which is what NAB rewards.

use crate::DetectorError;
use crate::math::js_max;
use crate::ring::Ring;
use crate::state::{StateReader, StateWriter};

/// Suppresses scores that do not exceed the maximum of the previous `period` scores.
#[derive(Debug, Clone)]
pub struct RestPeriod {
    recent: Ring,
}

impl RestPeriod {
    /// A rest period of `period` points.
    pub fn new(period: usize) -> Self {
        Self { recent: Ring::new(period) }
    }

    /// The score to report for `score` (itself or 0), then remember it.
    pub fn next(&mut self, score: f64) -> f64 {
        let max = self.recent.iter().fold(0.0, js_max);
        self.recent.push(score);
        if score > max { score } else { 0.0 }
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        self.recent.write(w);
    }

    /// Restore state written by [`RestPeriod::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.recent.read(r)
    }
}
