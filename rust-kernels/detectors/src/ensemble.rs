//! The default detector (libs/detectors/src/ensemble.ts with ENSEMBLE_SETTINGS):
//! kNN distance at m = 8 and 32 plus weekly and daily seasonal residuals, each
//! calibrated against its own history, max-combined with a range-breakout
//! check, then thinned by a 120-point rest period. Member order, and so the
//! order of every comparison, is the TS one.

use crate::calibrator::Calibrator;
use crate::knn::{KnnDistance, LENGTHS};
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
/// Points a reported score must beat.
const REST_PERIOD: usize = 120;
/// One calibrator per member: kNN lengths, then seasons.
const MEMBERS: usize = LENGTHS.len() + SEASONS.len();

/// The ensemble detector.
#[derive(Debug, Clone)]
pub struct Ensemble {
    knn: KnnDistance,
    seasons: [SeasonalResidual; 2],
    breakout: RangeBreakout,
    calibrators: [Calibrator; MEMBERS],
    rest: RestPeriod,
}

impl Default for Ensemble {
    fn default() -> Self {
        Self {
            knn: KnnDistance::default(),
            seasons: SEASONS.map(|(hours, span)| SeasonalResidual::new(hours, span)),
            breakout: RangeBreakout::default(),
            calibrators: Default::default(),
            rest: RestPeriod::new(REST_PERIOD),
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
        d.breakout.read(&mut r)?;
        for c in &mut d.calibrators {
            c.read(&mut r)?;
        }
        d.rest.read(&mut r)?;
        r.end()?;
        Ok(d)
    }

    /// Fold member m's raw measure (negative or non-finite: not ready) into the max z.
    #[inline]
    fn member(&mut self, acc: f64, m: usize, raw: f64) -> f64 {
        if !(0.0..f64::INFINITY).contains(&raw) {
            return acc;
        }
        let zi = self.calibrators[m].next(raw);
        if zi > acc { zi } else { acc }
    }
}

impl StreamingDetector for Ensemble {
    fn update(&mut self, value: f64, timestamp_ms: f64) -> f64 {
        let mut knn_out = [0.0; LENGTHS.len()];
        self.knn.next(value, &mut knn_out);
        let mut z = 0.0;
        for (m, &raw) in knn_out.iter().enumerate() {
            z = self.member(z, m, raw);
        }
        for i in 0..SEASONS.len() {
            let raw = self.seasons[i].next(value, timestamp_ms);
            z = self.member(z, LENGTHS.len() + i, raw);
        }
        let breakout = self.breakout.next(value);
        let score = z_to_score(z);
        self.rest.next(if breakout > score { breakout } else { score })
    }

    fn state(&self) -> Vec<u8> {
        let mut w = StateWriter::new(NAME);
        self.knn.write(&mut w);
        for s in &self.seasons {
            s.write(&mut w);
        }
        self.breakout.write(&mut w);
        for c in &self.calibrators {
            c.write(&mut w);
        }
        self.rest.write(&mut w);
        w.finish()
    }
}
