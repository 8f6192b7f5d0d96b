//! Seasonal-naive residual (libs/detectors/src/seasonal-residual.ts): the
//! current wall-clock hour's running mean against the same hour one season
//! earlier, |difference| averaged with the last few completed hours'. Keyed on
//! UTC epoch hours, so any sampling step works and a point that steps back in
//! time updates that earlier hour's slot.
//!
//! Echoes: the member also remembers which stored hours the ensemble alarmed in
//! ([`SeasonalResidual::mark_alarm`]); [`SeasonalResidual::leans_on_alarm`] says when the
//! current residual, or a completed hour smoothed into it, was measured against one
//! exactly a season earlier, so the ensemble can ignore that echo of its own alarm.

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
    /// Bit per slot: the ensemble alarmed during the hour stored in `table[slot]`.
    alarm_bits: Vec<u32>,
    /// Bit k: `recent[k]` was measured against an alarmed hour.
    recent_alarm_bits: u32,
    /// The ensemble alarmed during the current hour.
    hour_alarmed: bool,
    hour: f64,
    /// Running mean (not a sum, so huge values cannot overflow) and count of the current hour.
    mean: f64,
    count: f64,
}

impl SeasonalResidual {
    /// A comparison over a season of `hours`, smoothing over `span` completed hours.
    pub fn new(hours: usize, span: usize) -> Self {
        assert!(span <= 31, "seasonal span {span}: use 0 … 31 completed hours");
        Self {
            table: vec![f64::NAN; hours],
            recent: vec![f64::NAN; span],
            alarm_bits: vec![0; hours.div_ceil(32)],
            recent_alarm_bits: 0,
            hour_alarmed: false,
            hour: f64::NAN,
            mean: 0.0,
            count: 0.0,
        }
    }

    /// Add a value; returns the smoothed |residual|, or −1 until a season-ago hour is known.
    pub fn next(&mut self, value: f64, timestamp_ms: f64) -> f64 {
        let hour = (timestamp_ms / HOUR_MS).floor();
        // `!=` is true against the initial NaN, like the TS `!==`.
        if hour != self.hour {
            if self.count > 0.0 {
                self.close_hour();
            }
            self.forget_skipped_alarms(hour);
            self.hour = hour;
            self.mean = 0.0;
            self.count = 0.0;
            self.hour_alarmed = false;
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

    /// After [`SeasonalResidual::next`]: whether its residual leans on an alarmed hour (an echo).
    pub fn leans_on_alarm(&self) -> bool {
        self.recent_alarm_bits != 0 || self.alarmed(self.slot(self.hour))
    }

    /// The ensemble alarmed at the current point: remember it with this hour.
    pub fn mark_alarm(&mut self) {
        self.hour_alarmed = true;
    }

    /// Hours skipped by a gap store no mean, so their slots keep an older season's; an alarm
    /// bit must mean "alarmed exactly one season ago", so clear theirs (at most a season).
    fn forget_skipped_alarms(&mut self, hour: f64) {
        // Same as the TS `!(hour > this.hour + 1)`: `hour` is finite, `self.hour` NaN at first.
        if self.hour.is_nan() || hour <= self.hour + 1.0 {
            return;
        }
        let last = crate::math::js_min(hour - 1.0, self.hour + self.table.len() as f64);
        let mut h = self.hour + 1.0;
        while h <= last {
            let slot = self.slot(h);
            self.alarm_bits[slot >> 5] &= !(1u32 << (slot & 31));
            h += 1.0;
        }
    }

    fn alarmed(&self, slot: usize) -> bool {
        (self.alarm_bits[slot >> 5] >> (slot & 31)) & 1 == 1
    }

    fn slot(&self, hour: f64) -> usize {
        let h = self.table.len() as f64;
        (((hour % h) + h) % h) as usize
    }

    fn close_hour(&mut self) {
        let slot = self.slot(self.hour);
        let before = self.table[slot];
        let span = self.recent.len();
        if let Some(last) = span.checked_sub(1) {
            self.recent.copy_within(1.., 0);
            self.recent[last] = if before.is_nan() { f64::NAN } else { (self.mean - before).abs() };
            let echo = u32::from(!before.is_nan() && self.alarmed(slot));
            self.recent_alarm_bits = (self.recent_alarm_bits >> 1) | (echo << last);
        }
        self.table[slot] = self.mean;
        let bit = 1u32 << (slot & 31);
        let word = &mut self.alarm_bits[slot >> 5];
        *word = if self.hour_alarmed { *word | bit } else { *word & !bit };
    }

    /// Append state.
    pub fn write(&self, w: &mut StateWriter) {
        w.f64(self.hour).f64(self.mean).f64(self.count);
        w.f64s(self.table.iter().copied(), self.table.len()).f64s(self.recent.iter().copied(), self.recent.len());
        w.u32(u32::from(self.hour_alarmed)).u32(self.recent_alarm_bits);
        for &word in &self.alarm_bits {
            w.u32(word);
        }
    }

    /// Restore state written by [`SeasonalResidual::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.hour = r.f64()?;
        self.mean = r.f64()?;
        self.count = r.f64()?;
        r.f64s_exact(&mut self.table)?;
        r.f64s_exact(&mut self.recent)?;
        self.hour_alarmed = r.u32()? == 1;
        self.recent_alarm_bits = r.u32()?;
        for word in &mut self.alarm_bits {
            *word = r.u32()?;
        }
        Ok(())
    }
}
