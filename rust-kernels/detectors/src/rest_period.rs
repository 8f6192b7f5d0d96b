//! Rest period (libs/detectors/src/rest-period.ts, from CAD-OSE): report a
//! score only when it beats every score of the previous 120 points, so one
//! event raises one alarm, which is what NAB rewards. Follow-ups: within the
//! period after a reported alarm, a report must exceed that alarm by a margin,
//! so a score rising in small steps does not report a run of alarms.

use crate::DetectorError;
use crate::math::js_max;
use crate::ring::Ring;
use crate::state::{StateReader, StateWriter};

/// Suppresses scores that do not exceed the maximum of the previous `period` scores.
#[derive(Debug, Clone)]
pub struct RestPeriod {
    recent: Ring,
    period: f64,
    /// Reported score from which a report is an alarm (0: no follow-up rule).
    alarm: f64,
    /// A report within the period after an alarm must reach alarm + margin.
    margin: f64,
    /// The last reported alarm and the points since it (infinite: none yet).
    last_alarm: f64,
    since_alarm: f64,
}

impl RestPeriod {
    /// A rest period of `period` points; the follow-up rule applies if `alarm` > 0.
    pub fn new(period: usize, alarm: f64, margin: f64) -> Self {
        Self { recent: Ring::new(period), period: period as f64, alarm, margin, last_alarm: 0.0, since_alarm: f64::INFINITY }
    }

    /// The score to report for `score` (itself or 0), then remember it.
    pub fn next(&mut self, score: f64) -> f64 {
        let max = self.recent.iter().fold(0.0, js_max);
        self.recent.push(score);
        let mut out = if score > max { score } else { 0.0 };
        if self.alarm > 0.0 {
            if out > 0.0 && self.since_alarm < self.period && out < self.last_alarm + self.margin {
                out = 0.0;
            }
            self.since_alarm += 1.0;
            if out >= self.alarm {
                self.last_alarm = out;
                self.since_alarm = 0.0;
            }
        }
        out
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        self.recent.write(w);
        w.f64(self.last_alarm).f64(self.since_alarm);
    }

    /// Restore state written by [`RestPeriod::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.recent.read(r)?;
        self.last_alarm = r.f64()?;
        self.since_alarm = r.f64()?;
        Ok(())
    }
}
