//! The default detector (libs/detectors/src/ensemble.ts with ENSEMBLE_SETTINGS):
//! kNN distance at m = 8 and 32 plus weekly and daily seasonal residuals and a
//! level CUSUM, each
//! calibrated against its own history, max-combined with a range-breakout
//! check, then thinned by a 120-point rest period (a follow-up alarm within it must
//! beat the last one by 0.1). A seasonal residual measured
//! against an hour the ensemble alarmed in one season earlier is an echo of that
//! alarm: it still calibrates but does not count. Member order, and so the
//! order of every comparison, is the TS one.

use crate::calibrator::Calibrator;
use crate::knn::{KnnDistance, LENGTHS};
use crate::level_cusum::LevelCusum;
use crate::math::z_to_score;
use crate::range_breakout::RangeBreakout;
use crate::rest_period::RestPeriod;
use crate::seasonal::SeasonalResidual;
use crate::state::{StateReader, StateWriter};
use crate::{DetectorError, StreamingDetector};

/// Registry name.
pub const NAME: &str = "ensemble";
/// Seasons as (hours, completed hours smoothed over): a week and a day.
const SEASONS: [(usize, usize); 2] = [(168, 3), (24, 3)];
/// Score from which the output is an alarm (a member at its recent record, z = Z_AT_HALF):
/// for the seasonal echo rule and the rest period's follow-up rule.
const ALARM: f64 = 0.5;
/// Points a reported score must beat.
const REST_PERIOD: usize = 120;
/// Within the rest period after a reported alarm, a report must beat it by this much.
const FOLLOW_UP_MARGIN: f64 = 0.1;
/// One calibrator per member: kNN lengths, then seasons, then the CUSUM.
const MEMBERS: usize = LENGTHS.len() + SEASONS.len() + 1;

/// The ensemble detector.
#[derive(Debug, Clone)]
pub struct Ensemble {
    knn: KnnDistance,
    seasons: [SeasonalResidual; 2],
    cusum: LevelCusum,
    breakout: RangeBreakout,
    calibrators: [Calibrator; MEMBERS],
    rest: RestPeriod,
}

impl Default for Ensemble {
    fn default() -> Self {
        Self {
            knn: KnnDistance::default(),
            seasons: SEASONS.map(|(hours, span)| SeasonalResidual::new(hours, span)),
            cusum: LevelCusum::default(),
            breakout: RangeBreakout::default(),
            calibrators: Default::default(),
            rest: RestPeriod::new(REST_PERIOD, ALARM, FOLLOW_UP_MARGIN),
        }
    }
}

impl Ensemble {
    /// Restore from [`StreamingDetector::state`] bytes.
    pub fn restore(bytes: &[u8]) -> Result<Self, DetectorError> {
        let mut d = Self::default();
        let mut r = StateReader::new(bytes, NAME)?;
        d.knn.read(&mut r)?;
        for s in &mut d.seasons {
            s.read(&mut r)?;
        }
        d.cusum.read(&mut r)?;
        d.breakout.read(&mut r)?;
        for c in &mut d.calibrators {
            c.read(&mut r)?;
        }
        d.rest.read(&mut r)?;
        r.end()?;
        Ok(d)
    }

    /// Fold member m's raw measure (negative or non-finite: not ready) into the max z;
    /// an echo only calibrates.
    #[inline]
    fn member(&mut self, acc: f64, m: usize, raw: f64, echo: bool) -> f64 {
        if !(0.0..f64::INFINITY).contains(&raw) {
            return acc;
        }
        let zi = self.calibrators[m].next(raw);
        if echo {
            return acc;
        }
        if zi > acc { zi } else { acc }
    }
}

impl StreamingDetector for Ensemble {
    fn update(&mut self, value: f64, timestamp_ms: f64) -> f64 {
        let mut knn_out = [0.0; LENGTHS.len()];
        self.knn.next(value, &mut knn_out);
        let mut z = 0.0;
        for (m, &raw) in knn_out.iter().enumerate() {
            z = self.member(z, m, raw, false);
        }
        for i in 0..SEASONS.len() {
            let raw = self.seasons[i].next(value, timestamp_ms);
            let echo = self.seasons[i].leans_on_alarm();
            z = self.member(z, LENGTHS.len() + i, raw, echo);
        }
        let raw = self.cusum.next(value);
        z = self.member(z, LENGTHS.len() + SEASONS.len(), raw, false);
        let breakout = self.breakout.next(value);
        let score = z_to_score(z);
        let combined = if breakout > score { breakout } else { score };
        if combined >= ALARM {
            for s in &mut self.seasons {
                s.mark_alarm();
            }
        }
        self.rest.next(combined)
    }

    fn state(&self) -> Vec<u8> {
        let mut w = StateWriter::new(NAME);
        self.knn.write(&mut w);
        for s in &self.seasons {
            s.write(&mut w);
        }
        self.cusum.write(&mut w);
        self.breakout.write(&mut w);
        for c in &self.calibrators {
            c.write(&mut w);
        }
        self.rest.write(&mut w);
        w.finish()
    }
}
