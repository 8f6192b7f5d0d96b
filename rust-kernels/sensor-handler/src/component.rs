//! wasi:http 0.2.3 glue (wasm only). Imports only wasi:* interfaces, so the
//! component runs on Spin or any other wasi:http proxy host.

wit_bindgen::generate!({
    path: "../wit",
    world: "edgewatch:kernels/sensor-handler",
    // wasi:* packages are foreign to edgewatch:kernels; generate them here.
    generate_all,
});

use crate::router::{self, Reply, Route};
use crate::verdict::{self, Invalid};
use wasi::http::types::{
    Fields, IncomingBody, IncomingRequest, Method, OutgoingBody, OutgoingResponse, ResponseOutparam,
};
use wasi::io::streams::StreamError;

struct Handler;

impl exports::wasi::http::incoming_handler::Guest for Handler {
    fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
        let method = method_name(&request.method());
        let path = request.path_with_query().unwrap_or_default();
        let reply = match router::route(&method, &path) {
            Route::Reading => router::reading_reply(read_body(request)),
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
    let stream = body.stream().map_err(|()| io_err())?;
    let mut buf = Vec::new();
    loop {
        let want = (verdict::MAX_BODY_BYTES + 1 - buf.len()) as u64;
        match stream.blocking_read(want) {
            Ok(chunk) => buf.extend_from_slice(&chunk),
            Err(StreamError::Closed) => break,
            Err(StreamError::LastOperationFailed(_)) => return Err(io_err()),
        }
        if buf.len() > verdict::MAX_BODY_BYTES {
            return Err(verdict::too_large());
        }
    }
    drop(stream); // child resource must go before its parent body
    drop(IncomingBody::finish(body));
    Ok(buf)
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
