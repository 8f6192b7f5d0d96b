//! The rest period's follow-up rule (libs/detectors' ensemble-members.test.ts, natively).
use detectors::rest_period::RestPeriod;

#[test]
fn needs_a_follow_up_alarm_within_the_period_to_beat_the_last_alarm_by_the_margin() {
    let mut r = RestPeriod::new(5, 0.5, 0.1);
    let out: Vec<f64> = [0.3, 0.55, 0.6, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.52].iter().map(|&s| r.next(s)).collect();
    assert_eq!(out, [0.3, 0.55, 0.0, 0.7, 0.0, 0.0, 0.0, 0.0, 0.0, 0.52]);
}

#[test]
fn without_an_alarm_level_reports_every_score_that_beats_the_period() {
    let mut r = RestPeriod::new(5, 0.0, 0.1);
    let out: Vec<f64> = [0.3, 0.55, 0.6, 0.7].iter().map(|&s| r.next(s)).collect();
    assert_eq!(out, [0.3, 0.55, 0.6, 0.7]);
}
