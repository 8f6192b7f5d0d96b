use sensor_handler::verdict::{Invalid, MAX_BODY_BYTES, Reading, Verdict, evaluate, parse_reading};

fn ok(body: &str) -> Reading {
    parse_reading(body.as_bytes()).unwrap_or_else(|e| panic!("{body}: {e:?}"))
}
fn err(body: &str) -> String {
    match parse_reading(body.as_bytes()) {
        Err(Invalid(d)) => d,
        Ok(r) => panic!("{body} accepted as {r:?}"),
    }
}
fn verdict(body: &str) -> String {
    evaluate(&ok(body)).to_json()
}

#[test]
fn alert_on_temperature_over_80() {
    assert_eq!(
        verdict(r#"{"device":"d1","temperature":81.5,"humidity":40,"ts":1700000000}"#),
        r#"{"alert":true,"device":"d1","reason":"threshold_exceeded"}"#
    );
}

#[test]
fn alert_on_humidity_over_90_only() {
    assert!(matches!(
        evaluate(&ok(r#"{"device":"d","humidity":90.1}"#)),
        Verdict::Alert { .. }
    ));
}

#[test]
fn thresholds_are_strict() {
    assert_eq!(
        verdict(r#"{"device":"d1","temperature":80,"humidity":90}"#),
        r#"{"alert":false,"device":"d1","status":"normal"}"#
    );
}

#[test]
fn one_metric_is_enough_and_extras_ignored() {
    let r = ok(r#"{"device":"x","temperature":20,"ts":"2024-01-01T00:00:00Z","firmware":{"v":2}}"#);
    assert_eq!(r.humidity, None);
    assert_eq!(r.temperature, Some(20.0));
}

#[test]
fn rejects_with_specific_detail() {
    assert!(err("not json").starts_with("body is not valid JSON"));
    assert!(err("").starts_with("body is not valid JSON"));
    assert_eq!(err("[1]"), "body must be a JSON object, got array");
    assert_eq!(err(r#"{"temperature":1}"#), "field 'device' is required");
    assert_eq!(
        err(r#"{"device":"","temperature":1}"#),
        "field 'device' must be a non-empty string"
    );
    assert_eq!(
        err(r#"{"device":7,"temperature":1}"#),
        "field 'device' must be a string, got number"
    );
    assert_eq!(
        err(r#"{"device":"d","temperature":"hot"}"#),
        "field 'temperature' must be a number, got string"
    );
    assert_eq!(
        err(r#"{"device":"d","humidity":null}"#),
        "field 'humidity' must be a number, got null"
    );
    assert_eq!(
        err(r#"{"device":"d"}"#),
        "at least one of 'temperature' or 'humidity' is required"
    );
    assert_eq!(
        err(r#"{"device":"d","temperature":1,"ts":true}"#),
        "field 'ts' must be a number or string, got boolean"
    );
}

#[test]
fn rejects_non_finite() {
    // JSON has no NaN/Infinity; serde_json refuses them and out-of-range numbers.
    assert!(err(r#"{"device":"d","temperature":NaN}"#).starts_with("body is not valid JSON"));
    assert!(err(r#"{"device":"d","temperature":1e400}"#).starts_with("body is not valid JSON"));
}

#[test]
fn rejects_oversize_body() {
    let pad = "x".repeat(MAX_BODY_BYTES);
    let body = format!(r#"{{"device":"d","temperature":1,"pad":"{pad}"}}"#);
    assert_eq!(err(&body), format!("body exceeds {MAX_BODY_BYTES} bytes"));
}
