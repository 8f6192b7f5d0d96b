//! wasi:http 0.2.3 glue (wasm only). Imports only wasi:* interfaces, so the
//! component runs on Spin or any other wasi:http proxy host.

wit_bindgen::generate!({
    path: "../wit",
    world: "edgewatch:kernels/sensor-handler",
    // wasi:* packages are foreign to edgewatch:kernels; generate them here.
    generate_all,
});

use crate::router::{self, Reply, Route, Storage};
use crate::verdict::{self, Invalid};
use wasi::http::outgoing_handler;
use wasi::http::types::{
    Fields, IncomingBody, IncomingRequest, Method, OutgoingBody, OutgoingRequest, OutgoingResponse,
    ResponseOutparam, Scheme,
};
use wasi::io::streams::{InputStream, StreamError};

/// Where readings with a device token go: ingest's simple-JSON endpoint, by service chaining.
const INGEST_AUTHORITY: &str = "ingest.spin.internal";
/// The authority of the app's own routes, for hosts without service chaining.
const SELF_AUTHORITY: &str = "self";
/// Environment variable choosing how to reach ingest: `self` or (default) chaining.
const CALL_MODE_VAR: &str = "EDGEWATCH_INTERNAL_CALL_MODE";
const INGEST_READINGS_PATH: &str = "/api/v1/ingest/readings";
/// Ingest's answers are small problem documents or acknowledgements.
const MAX_INGEST_ANSWER_BYTES: usize = 64 * 1024;

struct Handler;

impl exports::wasi::http::incoming_handler::Guest for Handler {
    fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
        let method = method_name(&request.method());
        let path = request.path_with_query().unwrap_or_default();
        let reply = match router::route(&method, &path) {
            Route::Reading => {
                let token = request.headers().get("authorization").into_iter().next();
                router::reading_reply(read_body(request), |body| match token {
                    None => Storage::NotRequested,
                    Some(authorization) => store_in_ingest(&authorization, body),
                })
            }
            other => router::reply_for(other, &method, &path),
        };
        send(response_out, reply);
    }
}

export!(Handler);

fn method_name(m: &Method) -> String {
    match m {
        Method::Get => "GET",
        Method::Head => "HEAD",
        Method::Post => "POST",
        Method::Put => "PUT",
        Method::Delete => "DELETE",
        Method::Connect => "CONNECT",
        Method::Options => "OPTIONS",
        Method::Trace => "TRACE",
        Method::Patch => "PATCH",
        Method::Other(s) => s,
    }
    .to_owned()
}

/// Read the whole body, giving up as soon as it exceeds the cap so a huge
/// upload costs at most MAX_BODY_BYTES + 1 of memory.
fn read_body(request: IncomingRequest) -> Result<Vec<u8>, Invalid> {
    let io_err = || Invalid("could not read request body".into());
    let body: IncomingBody = request.consume().map_err(|()| io_err())?;
    let buf = read_stream(&body, verdict::MAX_BODY_BYTES).map_err(|()| io_err())?;
    if buf.len() > verdict::MAX_BODY_BYTES {
        return Err(verdict::too_large());
    }
    drop(IncomingBody::finish(body));
    Ok(buf)
}

/// Up to `limit + 1` bytes of a body (one more than allowed tells the caller it was too big).
fn read_stream(body: &IncomingBody, limit: usize) -> Result<Vec<u8>, ()> {
    let stream: InputStream = body.stream()?;
    let mut buf = Vec::new();
    while buf.len() <= limit {
        match stream.blocking_read((limit + 1 - buf.len()) as u64) {
            Ok(chunk) => buf.extend_from_slice(&chunk),
            Err(StreamError::Closed) => break,
            Err(StreamError::LastOperationFailed(_)) => return Err(()),
        }
    }
    Ok(buf) // the stream (a child of the body) is dropped here, before the body
}

/// `ingest.spin.internal`, or `self` when the environment asks for the app's own routes.
fn ingest_authority() -> &'static str {
    let self_mode = wasi::cli::environment::get_environment()
        .iter()
        .any(|(name, value)| name == CALL_MODE_VAR && value == "self");
    if self_mode { SELF_AUTHORITY } else { INGEST_AUTHORITY }
}

/// Forward a valid reading with its device token to ingest and report what ingest said.
fn store_in_ingest(authorization: &[u8], body: &[u8]) -> Storage {
    let headers = Fields::from_list(&[
        ("authorization".to_owned(), authorization.to_vec()),
        ("content-type".to_owned(), b"application/json".to_vec()),
    ])
    .expect("static header names are valid");
    let request = OutgoingRequest::new(headers);
    let configured = request.set_method(&Method::Post).is_ok()
        && request.set_scheme(Some(&Scheme::Http)).is_ok()
        && request.set_authority(Some(ingest_authority())).is_ok()
        && request
            .set_path_with_query(Some(INGEST_READINGS_PATH))
            .is_ok();
    if !configured {
        return Storage::Unavailable("could not build the request to ingest".into());
    }
    let out_body = request.body().expect("body taken once");
    let future = match outgoing_handler::handle(request, None) {
        Ok(future) => future,
        Err(code) => return Storage::Unavailable(format!("{code:?}")),
    };
    {
        let stream = out_body.write().expect("stream taken once");
        for chunk in body.chunks(4096) {
            if stream.blocking_write_and_flush(chunk).is_err() {
                return Storage::Unavailable("ingest stopped reading the request".into());
            }
        }
    }
    if OutgoingBody::finish(out_body, None).is_err() {
        return Storage::Unavailable("could not finish the request to ingest".into());
    }
    future.subscribe().block();
    let response = match future.get() {
        Some(Ok(Ok(response))) => response,
        Some(Ok(Err(code))) => return Storage::Unavailable(format!("{code:?}")),
        _ => return Storage::Unavailable("no response from ingest".into()),
    };
    let status = response.status();
    if (200..300).contains(&status) {
        return Storage::Stored;
    }
    let content_type = response
        .headers()
        .get("content-type")
        .into_iter()
        .next()
        .and_then(|v| String::from_utf8(v).ok())
        .unwrap_or_else(|| router::PROBLEM_JSON.to_owned());
    let answer = response
        .consume()
        .ok()
        .and_then(|b| read_stream(&b, MAX_INGEST_ANSWER_BYTES).ok())
        .unwrap_or_default();
    Storage::Refused {
        status,
        content_type,
        body: String::from_utf8_lossy(&answer).into_owned(),
    }
}

fn send(out: ResponseOutparam, reply: Reply) {
    let mut headers: Vec<(String, Vec<u8>)> = reply
        .headers
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.into_bytes()))
        .collect();
    headers.push((
        "content-length".into(),
        reply.body.len().to_string().into_bytes(),
    ));
    let fields = Fields::from_list(&headers).expect("static header names are valid");
    let response = OutgoingResponse::new(fields);
    response
        .set_status_code(reply.status)
        .expect("status is a valid code");
    let body = response.body().expect("body taken once");
    ResponseOutparam::set(out, Ok(response));
    let stream = body.write().expect("stream taken once");
    // blocking_write_and_flush accepts at most 4096 bytes per call.
    for chunk in reply.body.as_bytes().chunks(4096) {
        if stream.blocking_write_and_flush(chunk).is_err() {
            return; // client went away; nothing useful left to do
        }
    }
    drop(stream);
    let _ = OutgoingBody::finish(body, None);
}
