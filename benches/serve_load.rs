//! A bounded load test of `newsdex serve`: index the BBC corpus, start the server on a free
//! loopback port, and send `/api/query` requests from 16 client threads (plain std
//! `TcpStream`s, one connection per request, as the server closes each), printing requests/s
//! and p50/p95/p99 latency.
//!
//!     cargo bench --bench serve_load                      # the BBC corpus
//!     cargo bench --bench serve_load -- path/to/corpus    # another folder of articles
//!
//! Each client sends a fixed number of requests, and the run stops after a minute whatever is
//! left. Without the corpus it says so and measures nothing.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context};

/// Concurrent clients.
const CLIENTS: usize = 16;

/// Requests per client and phase.
const REQUESTS: usize = 500;

/// The longest a phase may run.
const PHASE_LIMIT: Duration = Duration::from_secs(60);

/// Queries the clients take turns with: words, a phrase, names, a range.
const QUERIES: [&str; 8] = [
    "government",
    "%22chief+executive%22",
    "person%3A%22Tony+Blair%22",
    "election+AND+labour",
    "org%3A%22Microsoft%22",
    "music+OR+film",
    "place%3A%22United+States%22",
    "published%3A%5B2004-01-01+TO+2005-12-31%5D+AND+market",
];

fn main() -> anyhow::Result<()> {
    let root = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .unwrap_or_else(|| "/work/shared/corpus/bbc".to_string());
    if !Path::new(&root).is_dir() {
        println!("serve_load: skipped, no corpus at {root}");
        return Ok(());
    }
    let binary = env!("CARGO_BIN_EXE_newsdex");
    let dir = tempfile::tempdir()?;
    let index = dir.path().join("index");
    let started = Instant::now();
    let status = Command::new(binary)
        .args(["index", &root, "--quiet", "--index"])
        .arg(&index)
        .stderr(Stdio::null())
        .status()
        .context("running newsdex index")?;
    if !status.success() && status.code() != Some(1) {
        bail!("newsdex index failed: {status}");
    }
    println!("indexed {root} in {:.1}s", started.elapsed().as_secs_f64());

    let mut server = Command::new(binary)
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(&index)
        .stderr(Stdio::piped())
        .spawn()
        .context("starting newsdex serve")?;
    let stderr = server.stderr.take().context("the server's stderr")?;
    let mut lines = BufReader::new(stderr).lines();
    let first = lines.next().context("newsdex serve said nothing")??;
    std::thread::spawn(move || for _ in lines {});
    let addr = first
        .split_whitespace()
        .find_map(|w| w.strip_prefix("http://"))
        .map(|a| a.trim_end_matches('/').to_string())
        .context("no URL in the server's first line")?;
    println!("{first}");

    let result = (|| -> anyhow::Result<()> {
        // Warm the page cache and the server's threads.
        for query in QUERIES {
            get(&addr, &format!("/api/query?q={query}"))?;
        }
        for (label, extra) in [("/api/query", ""), ("/api/query&facets=1", "&facets=1")] {
            phase(&addr, label, extra)?;
        }
        Ok(())
    })();
    let _ = server.kill();
    let _ = server.wait();
    result
}

/// One phase: every client sends its requests; then the figures.
fn phase(addr: &str, label: &str, extra: &str) -> anyhow::Result<()> {
    let addr = Arc::new(addr.to_string());
    let deadline = Instant::now() + PHASE_LIMIT;
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let addr = Arc::clone(&addr);
            let extra = extra.to_string();
            std::thread::spawn(move || -> anyhow::Result<(Vec<Duration>, usize)> {
                let mut latencies = Vec::with_capacity(REQUESTS);
                let mut failed = 0;
                for n in 0..REQUESTS {
                    if Instant::now() > deadline {
                        break;
                    }
                    let query = QUERIES[(client + n) % QUERIES.len()];
                    let sent = Instant::now();
                    match get(&addr, &format!("/api/query?q={query}{extra}")) {
                        Ok(200) => latencies.push(sent.elapsed()),
                        Ok(_) | Err(_) => failed += 1,
                    }
                }
                Ok((latencies, failed))
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failed = 0;
    for client in clients {
        let (mine, my_failed) = client
            .join()
            .map_err(|_| anyhow::anyhow!("a client thread panicked"))??;
        latencies.extend(mine);
        failed += my_failed;
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let at = |q: f64| -> f64 {
        let i = ((latencies.len() as f64 * q).ceil() as usize).clamp(1, latencies.len().max(1)) - 1;
        latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{label}: {CLIENTS} clients, {} requests ({failed} failed) in {elapsed:.1}s: {:.0} requests/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        at(0.50),
        at(0.95),
        at(0.99)
    );
    Ok(())
}

/// One GET on a new connection; the status.
fn get(addr: &str, path: &str) -> anyhow::Result<u16> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    let status = reply
        .get(9..12)
        .and_then(|s| std::str::from_utf8(s).ok())
        .and_then(|s| s.parse().ok())
        .context("no status line")?;
    Ok(status)
}
