//! HTTP/1.1 on a std `TcpStream`, as little of it as a read-only local server needs: read one
//! request head (bounded in bytes and in time), parse it with `httparse`, answer, close.
//!
//! Every connection is closed after one response, so no idle client can hold a worker, and a
//! slow one holds it at most [`HEAD_DEADLINE`] to send its head and [`WRITE_DEADLINE`] to
//! take the answer. What a request asks for is decided in `serve::route`; this file only
//! carries bytes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The most bytes a request head may take; larger is refused with 431.
pub const MAX_HEAD: usize = 16 * 1024;

/// How long a client has to send its whole request head.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// How long a client has to take a whole answer.
pub const WRITE_DEADLINE: Duration = Duration::from_secs(20);

/// The most headers a request may carry.
const MAX_HEADERS: usize = 64;

/// The methods the server answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Head,
    /// Anything else, answered with 405.
    Other,
}

/// A parsed request head: the method and the target, split into path and query.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    /// The path, percent-decoded.
    pub path: String,
    /// `name=value` pairs of the query string, decoded as a form would encode them.
    pub params: Vec<(String, String)>,
}

impl Request {
    /// The first value of the parameter `name`, if given.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The first value of `name`, `None` when absent or empty.
    pub fn nonempty(&self, name: &str) -> Option<&str> {
        self.param(name).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// A response to write: status, content type, body and any further headers.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            body: body.into(),
            headers: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

/// What reading a request head came to.
pub enum Incoming {
    Request(Request),
    /// A head that cannot be answered as asked: respond with this status and close.
    Refused(u16),
    /// The client went away or took too long; nothing to answer.
    Gone,
}

/// Reads and parses one request head from `stream`, within [`MAX_HEAD`] bytes and
/// [`HEAD_DEADLINE`].
pub fn read_request(stream: &mut TcpStream) -> Incoming {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut buffer = vec![0u8; MAX_HEAD];
    let mut filled = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // A read timeout of zero would mean none at all.
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Incoming::Gone;
        }
        let read = match stream.read(&mut buffer[filled..]) {
            Ok(0) | Err(_) => return Incoming::Gone,
            Ok(read) => read,
        };
        filled += read;
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&buffer[..filled]) {
            Ok(httparse::Status::Complete(_)) => {
                let method = match parsed.method {
                    Some("GET") => Method::Get,
                    Some("HEAD") => Method::Head,
                    _ => Method::Other,
                };
                let target = parsed.path.unwrap_or("/");
                return Incoming::Request(split_target(method, target));
            }
            Ok(httparse::Status::Partial) if filled == buffer.len() => {
                return Incoming::Refused(431)
            }
            Ok(httparse::Status::Partial) => continue,
            Err(httparse::Error::TooManyHeaders) => return Incoming::Refused(431),
            Err(_) => return Incoming::Refused(400),
        }
    }
}

/// Splits a request target into its decoded path and query parameters.
fn split_target(method: Method, target: &str) -> Request {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    // A fragment is never sent, but a hand-made request may hold one.
    let query = query.split('#').next().unwrap_or("");
    let params = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name, true), decode(value, true))
        })
        .collect();
    Request {
        method,
        path: decode(path, false),
        params,
    }
}

/// Percent-decodes `text` (and `+` as a space in a query string); bytes that are not UTF-8
/// become U+FFFD, and a `%` not followed by two hex digits stays as it is.
pub fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            b'+' if plus_is_space => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes `text` for a query string value: everything but unreserved characters.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The reason phrase of the statuses the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// Writes `response` (its head only, for HEAD) with the headers every answer carries, then
/// the connection is done. The whole answer must be taken within [`WRITE_DEADLINE`], so a
/// client that reads a byte at a time cannot hold the worker either.
pub fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    always: &[(&str, &str)],
) -> std::io::Result<()> {
    let mut bytes = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in always {
        bytes.push_str(&format!("{name}: {value}\r\n"));
    }
    for (name, value) in &response.headers {
        bytes.push_str(&format!("{name}: {value}\r\n"));
    }
    bytes.push_str("\r\n");
    let mut bytes = bytes.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    let deadline = Instant::now() + WRITE_DEADLINE;
    let mut rest = &bytes[..];
    while !rest.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(written) => rest = &rest[written..],
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    stream.flush()
}

/// After a refusal: stops writing, then reads and drops what the client still sends, for
/// at most [`LINGER`] and [`MAX_LINGER_BYTES`], so that the close does not reset the
/// connection under the answer.
pub fn linger(stream: &mut TcpStream) {
    if stream.shutdown(std::net::Shutdown::Write).is_err() {
        return;
    }
    let deadline = Instant::now() + LINGER;
    let mut sink = [0u8; 4096];
    let mut drained = 0;
    while drained < MAX_LINGER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => return,
            Ok(read) => drained += read,
        }
    }
}

/// How long [`linger`] waits for a refused client to finish sending.
const LINGER: Duration = Duration::from_secs(2);

/// How much of a refused request [`linger`] reads at most.
const MAX_LINGER_BYTES: usize = 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_a_decoded_path_and_parameters() {
        let request = split_target(
            Method::Get,
            "/api/article/a%2Fb.txt?q=wilbur+ross&x=%22y%22&z",
        );
        assert_eq!(request.path, "/api/article/a/b.txt");
        assert_eq!(request.param("q"), Some("wilbur ross"));
        assert_eq!(request.param("x"), Some("\"y\""));
        assert_eq!(request.param("z"), Some(""));
        assert_eq!(request.param("w"), None);
    }

    #[test]
    fn bad_escapes_are_kept_and_bad_utf8_replaced() {
        assert_eq!(decode("100%", true), "100%");
        assert_eq!(decode("%zz%4", true), "%zz%4");
        assert_eq!(decode("%ff", true), "\u{fffd}");
        assert_eq!(decode("a+b", false), "a+b");
    }

    #[test]
    fn encoding_round_trips() {
        for text in [
            "person:\"Wilbur Ross\" AND date:2019-11",
            "é & <b>",
            "a+b=c",
        ] {
            assert_eq!(decode(&encode(text), true), text);
        }
    }
}
