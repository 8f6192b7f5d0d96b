use sensor_handler::router::{Route, Storage, reading_reply, reply_for, route};
use sensor_handler::verdict::Invalid;
use serde_json::Value;

fn header<'a>(r: &'a sensor_handler::router::Reply, name: &str) -> Option<&'a str> {
    r.headers
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

#[test]
fn routes() {
    assert_eq!(route("POST", "/sensor"), Route::Reading);
    assert_eq!(route("POST", "/sensor?x=1"), Route::Reading);
    assert_eq!(route("POST", "/sensor/"), Route::Reading);
    assert_eq!(
        route("GET", "/sensor"),
        Route::MethodNotAllowed { allow: "POST" }
    );
    assert_eq!(route("GET", "/sensor/health"), Route::Health);
    assert_eq!(route("GET", "/sensor/health?probe=1"), Route::Health);
    assert_eq!(
        route("POST", "/sensor/health"),
        Route::MethodNotAllowed { allow: "GET" }
    );
    assert_eq!(route("GET", "/"), Route::NotFound);
    assert_eq!(route("POST", "/sensors"), Route::NotFound);
}

#[test]
fn health_body() {
    let r = reply_for(Route::Health, "GET", "/sensor/health");
    assert_eq!(r.status, 200);
    assert_eq!(header(&r, "content-type"), Some("application/json"));
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["component"], "sensor-handler");
    assert_eq!(v["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(v["status"], "ok");
}

#[test]
fn method_not_allowed_is_problem_with_allow() {
    let r = reply_for(route("PUT", "/sensor"), "PUT", "/sensor");
    assert_eq!(r.status, 405);
    assert_eq!(header(&r, "allow"), Some("POST"));
    assert_eq!(header(&r, "content-type"), Some("application/problem+json"));
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["status"], 405);
}

#[test]
fn invalid_reading_problem() {
    let r = reading_reply(Ok(b"{}".to_vec()), |_| Storage::NotRequested);
    assert_eq!(r.status, 400);
    assert_eq!(header(&r, "content-type"), Some("application/problem+json"));
    let v: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(v["type"], "https://edgewatch.dev/problems/invalid-reading");
    assert_eq!(v["title"], "Invalid sensor reading");
    assert_eq!(v["status"], 400);
    assert_eq!(v["detail"], "field 'device' is required");
    // errors met while streaming the body take the same shape
    assert_eq!(
        reading_reply(Err(Invalid("boom".into())), |_| Storage::NotRequested).status,
        400
    );
}

#[test]
fn valid_reading() {
    let r = reading_reply(
        Ok(br#"{"device":"d1","temperature":81.5}"#.to_vec()),
        |_| Storage::NotRequested,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.body,
        r#"{"alert":true,"device":"d1","reason":"threshold_exceeded","stored":false}"#
    );
}

mod storage {
    use sensor_handler::router::{Storage, reading_reply};
    use serde_json::Value;

    const READING: &[u8] = br#"{"device":"d1","temperature":85,"humidity":40}"#;

    fn json(body: &str) -> Value {
        serde_json::from_str(body).unwrap()
    }

    #[test]
    fn without_a_token_it_judges_and_stores_nothing() {
        let reply = reading_reply(Ok(READING.to_vec()), |_| Storage::NotRequested);
        assert_eq!(reply.status, 200);
        assert_eq!(json(&reply.body)["stored"], false);
        assert_eq!(json(&reply.body)["alert"], true);
    }

    #[test]
    fn with_a_token_it_reports_the_stored_reading() {
        let mut seen = Vec::new();
        let reply = reading_reply(Ok(READING.to_vec()), |body| {
            seen = body.to_vec();
            Storage::Stored
        });
        assert_eq!(seen, READING, "ingest gets the body as sent");
        assert_eq!(json(&reply.body)["stored"], true);
    }

    #[test]
    fn passes_on_what_ingest_refused() {
        let reply = reading_reply(Ok(READING.to_vec()), |_| Storage::Refused {
            status: 401,
            content_type: "application/problem+json".into(),
            body: r#"{"status":401}"#.into(),
        });
        assert_eq!(reply.status, 401);
        assert_eq!(reply.body, r#"{"status":401}"#);
    }

    #[test]
    fn answers_502_when_ingest_is_unreachable() {
        let reply = reading_reply(Ok(READING.to_vec()), |_| {
            Storage::Unavailable("connection-refused".into())
        });
        assert_eq!(reply.status, 502);
        assert!(
            json(&reply.body)["detail"]
                .as_str()
                .unwrap()
                .contains("connection-refused")
        );
    }

    #[test]
    fn never_stores_an_invalid_reading() {
        let reply = reading_reply(Ok(b"{\"temperature\":1}".to_vec()), |_| {
            panic!("must not store")
        });
        assert_eq!(reply.status, 400);
    }
}
