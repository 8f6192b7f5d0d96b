//! The seasonal member's echo bookkeeping (libs/detectors' ensemble-members.test.ts,
//! natively): which residuals lean on an hour the ensemble alarmed in one season earlier.
use detectors::seasonal::SeasonalResidual;

const T0: f64 = 1_704_067_200_000.0;
const HOUR: f64 = 3_600_000.0;

#[test]
fn says_when_its_residual_leans_on_an_hour_alarmed_one_season_ago() {
    let mut s = SeasonalResidual::new(24, 3);
    let mut echoes = Vec::new();
    for h in 0..60u32 {
        s.next(if h == 24 { 9.0 } else { 5.0 }, T0 + f64::from(h) * HOUR);
        if h == 24 {
            s.mark_alarm();
        }
        if s.leans_on_alarm() {
            echoes.push(h);
        }
    }
    // Hour 48 is measured against alarmed hour 24; 49–51 smooth hour 48's residual in.
    assert_eq!(echoes, [48, 49, 50, 51]);
}

#[test]
fn forgets_an_alarm_whose_hour_a_gap_left_stale() {
    let mut s = SeasonalResidual::new(24, 0);
    for h in 0..30u32 {
        s.next(5.0, T0 + f64::from(h) * HOUR);
        if h == 24 {
            s.mark_alarm();
        }
    }
    s.next(5.0, T0 + 72.0 * HOUR); // slot of hour 24 still holds hour 24, two seasons back
    assert!(!s.leans_on_alarm());
}
