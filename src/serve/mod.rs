//! `newsdex serve`: a read-only web interface and JSON API over one opened index.
//!
//! A fixed pool of worker threads takes connections from one listener; each answers one
//! request and closes it ([`http`]). [`route`] sends a path to the JSON API ([`api`]), to a
//! page ([`pages`], built with the escaping helpers of [`html`]) or to a built-in asset; no
//! path reaches the file system, and nothing writes to the index.

mod api;
mod html;
mod http;
mod pages;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::Arc;

use anyhow::Context;

use crate::index::NewsIndex;
pub use http::{Method, Request, Response};

/// Headers on every response: nothing may load from another origin, no script runs at all
/// (the pages need none), and a body is never sniffed into another type.
const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
];

/// The stylesheet, the only asset.
const STYLE: &str = include_str!("assets/style.css");

/// Listens on `addr` and answers requests with `threads` workers until the process stops.
pub fn run(index: NewsIndex, addr: &str, threads: usize) -> anyhow::Result<()> {
    let addrs: Vec<SocketAddr> = addr
        .to_socket_addrs()
        .with_context(|| format!("--addr {addr:?}: expected HOST:PORT, e.g. 127.0.0.1:7707"))?
        .collect();
    let listener = TcpListener::bind(&addrs[..]).with_context(|| format!("listening on {addr}"))?;
    let local = listener
        .local_addr()
        .context("reading the listening address")?;
    let exposed = if local.ip().is_loopback() {
        "only this machine can connect"
    } else {
        "other machines can connect: use --addr 127.0.0.1:PORT to keep it to this one"
    };
    eprintln!(
        "newsdex: serving {} ({} articles, read-only) at http://{local}/ ({exposed}); Ctrl-C stops",
        index.path.display(),
        index.searcher()?.num_docs()
    );
    let index = Arc::new(index);
    let listener = Arc::new(listener);
    let workers: Vec<_> = (0..threads.max(1))
        .map(|n| {
            let index = Arc::clone(&index);
            let listener = Arc::clone(&listener);
            std::thread::Builder::new()
                .name(format!("serve-{n}"))
                .spawn(move || work(&index, &listener))
                .context("starting a worker thread")
        })
        .collect::<anyhow::Result<_>>()?;
    for worker in workers {
        // A worker returns only when the listener fails for good.
        let _ = worker.join();
    }
    anyhow::bail!("the listener on {local} stopped accepting connections")
}

/// One worker: take a connection, answer its request, close it; again.
fn work(index: &NewsIndex, listener: &TcpListener) {
    let mut failures = 0u32;
    loop {
        let mut stream = match listener.accept() {
            Ok((stream, _)) => {
                failures = 0;
                stream
            }
            Err(err) => {
                // Out of file descriptors, say: wait rather than spin, and give up only when
                // it lasts.
                failures += 1;
                if failures > 100 {
                    eprintln!("newsdex: accepting connections: {err}");
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (response, head_only) = match http::read_request(&mut stream) {
            http::Incoming::Request(request) => {
                (answer(index, &request), request.method == Method::Head)
            }
            http::Incoming::Refused(status) => (plain(status, "bad request\n"), false),
            http::Incoming::Gone => continue,
        };
        let _ = http::write_response(&mut stream, &response, head_only, &SECURITY_HEADERS);
        if response.status == 405 || response.status == 431 || response.status == 400 {
            // The client may still be sending what was refused; closing on unread bytes
            // would reset the connection before it reads the answer.
            http::linger(&mut stream);
        }
    }
}

/// The answer to one request, a failure included.
pub fn answer(index: &NewsIndex, request: &Request) -> Response {
    if request.method == Method::Other {
        return plain(405, "only GET and HEAD are answered\n").with_header("Allow", "GET, HEAD");
    }
    match route(index, request) {
        Ok(response) => response,
        Err(err) => {
            eprintln!("newsdex: {} failed: {err:#}", request.path);
            plain(
                500,
                "the index could not answer; the server's log says why\n",
            )
        }
    }
}

/// Sends a path to what answers it.
fn route(index: &NewsIndex, request: &Request) -> anyhow::Result<Response> {
    let path = request.path.as_str();
    if let Some(id) = path.strip_prefix("/api/article/") {
        return api::article(index, id);
    }
    Ok(match path {
        "/" | "/search" => pages::search(index, request)?,
        "/quotes" => pages::quotes(index, request)?,
        "/article" => pages::article(index, request)?,
        "/entity" => pages::entity(index, request)?,
        "/api/query" => api::query(index, request)?,
        "/api/quotes" => api::quotes(index, request)?,
        "/api/timeline" => api::timeline(index, request)?,
        "/api/entity" => api::entity(index, request)?,
        "/style.css" => Response::new(200, "text/css; charset=utf-8", STYLE),
        // No favicon: say so plainly rather than with a page.
        "/favicon.ico" => plain(404, ""),
        _ if path.starts_with("/api/") => api::error(404, &format!("no such API: {path}")),
        _ => pages::not_found(&format!("There is no page at {path}.")),
    })
}

/// A short plain-text response.
fn plain(status: u16, text: &str) -> Response {
    Response::new(status, "text/plain; charset=utf-8", text)
}
