//! Routing and response shapes, independent of the wasi:http types.

use crate::verdict::{self, Invalid};
use serde_json::{Value, json};

pub const PROBLEM_BASE: &str = "https://edgewatch.dev/problems/";
pub const JSON: &str = "application/json";
pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// POST /sensor: the body must be read and judged.
    Reading,
    Health,
    MethodNotAllowed {
        allow: &'static str,
    },
    NotFound,
}

/// A complete response, ready to be written by the host glue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
}

/// `path` is the request's path-with-query (query ignored, a trailing `/`
/// tolerated). Spin passes the full path, e.g. `/sensor/health`.
pub fn route(method: &str, path: &str) -> Route {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    match (path, method) {
        ("/sensor", "POST") => Route::Reading,
        ("/sensor", _) => Route::MethodNotAllowed { allow: "POST" },
        ("/sensor/health", "GET") => Route::Health,
        ("/sensor/health", _) => Route::MethodNotAllowed { allow: "GET" },
        _ => Route::NotFound,
    }
}

/// Reply for every route except `Reading` (which needs the body).
pub fn reply_for(route: Route, method: &str, path: &str) -> Reply {
    match route {
        Route::Reading => unreachable!("Route::Reading needs reading_reply"),
        Route::Health => Reply {
            status: 200,
            headers: vec![("content-type", JSON.into())],
            body: json!({"component": "sensor-handler", "version": env!("CARGO_PKG_VERSION"), "status": "ok"}).to_string(),
        },
        Route::MethodNotAllowed { allow } => {
            let mut r = problem(405, "method-not-allowed", "Method not allowed", &format!("{method} is not allowed here; use {allow}"));
            r.headers.push(("allow", allow.into()));
            r
        }
        Route::NotFound => problem(404, "not-found", "Not found", &format!("no route for {path}")),
    }
}

/// What became of a valid reading: with a device token `/sensor` stores it
/// through ingest (service chaining); without one it only judges, as the
/// seed's stateless edge check did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// No device token: judged only, nothing stored.
    NotRequested,
    /// Ingest acknowledged the reading.
    Stored,
    /// Ingest refused it (bad token, wrong device, limits): its answer is passed on.
    Refused {
        status: u16,
        content_type: String,
        body: String,
    },
    /// Ingest could not be reached.
    Unavailable(String),
}

/// Judge a body (or the error met while reading it), storing valid readings with `store`.
pub fn reading_reply(
    body: Result<Vec<u8>, Invalid>,
    store: impl FnOnce(&[u8]) -> Storage,
) -> Reply {
    let (bytes, reading) = match body.and_then(|b| verdict::parse_reading(&b).map(|r| (b, r))) {
        Ok(parsed) => parsed,
        Err(Invalid(detail)) => {
            return problem(400, "invalid-reading", "Invalid sensor reading", &detail);
        }
    };
    let mut answer = verdict::evaluate(&reading).to_value();
    let stored = match store(&bytes) {
        Storage::NotRequested => false,
        Storage::Stored => true,
        Storage::Refused {
            status,
            content_type,
            body,
        } => {
            return Reply {
                status,
                headers: vec![("content-type", content_type)],
                body,
            };
        }
        Storage::Unavailable(why) => {
            return problem(
                502,
                "storage-unavailable",
                "Reading not stored",
                &format!(
                    "the reading was valid but ingest could not be reached: {why}; retry later or send it without a token to get the verdict only"
                ),
            );
        }
    };
    answer["stored"] = Value::Bool(stored);
    Reply {
        status: 200,
        headers: vec![("content-type", JSON.into())],
        body: answer.to_string(),
    }
}

/// RFC 9457 problem details.
pub fn problem(status: u16, slug: &str, title: &str, detail: &str) -> Reply {
    Reply {
        status,
        headers: vec![("content-type", PROBLEM_JSON.into())],
        body: json!({"type": format!("{PROBLEM_BASE}{slug}"), "title": title, "status": status, "detail": detail}).to_string(),
    }
}
