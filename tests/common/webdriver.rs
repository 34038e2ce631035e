//! A small W3C WebDriver client for the browser tests: chromedriver on a free port driving
//! headless Debian Chromium, spoken to with JSON over a std `TcpStream`.
//!
//! Hand-written rather than a crate: the WebDriver crates (fantoccini, thirtyfour) bring
//! tokio and hyper into the build, and the tests need a dozen commands.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};

/// The key W3C WebDriver names an element by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Where Debian puts the browser and its driver; `NEWSDEX_CHROMIUM` and
/// `NEWSDEX_CHROMEDRIVER` name others.
fn chromium() -> String {
    std::env::var("NEWSDEX_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn chromedriver() -> String {
    std::env::var("NEWSDEX_CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into())
}

/// Whether browser tests can run here: `Ok(true)` when they can, `Ok(false)` when they were
/// opted out of with `NEWSDEX_SKIP_BROWSER=1` (the caller says SKIPPED), and a panic saying
/// what to install otherwise.
pub fn available(test: &str) -> bool {
    let (chromium, chromedriver) = (chromium(), chromedriver());
    let have = Path::new(&chromium).is_file() && Path::new(&chromedriver).is_file();
    if have {
        return true;
    }
    if std::env::var("NEWSDEX_SKIP_BROWSER").is_ok_and(|v| v == "1") {
        super::skipped(test, "NEWSDEX_SKIP_BROWSER=1 and no Chromium here");
        return false;
    }
    panic!(
        "{test} needs headless Chromium and ChromeDriver at {chromium} and {chromedriver}: \
         install them with `apt-get install -y chromium chromium-driver`, or set \
         NEWSDEX_SKIP_BROWSER=1 to skip the browser tests"
    );
}

/// A browser session, closed (with its driver) when dropped.
pub struct Browser {
    driver: Child,
    addr: String,
    session: String,
    _profile: tempfile::TempDir,
}

/// A found element.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Browser {
    /// Starts chromedriver and a headless Chromium session with a fresh profile.
    pub fn start() -> Browser {
        let port = {
            let probe = TcpListener::bind("127.0.0.1:0").expect("a free port");
            probe.local_addr().expect("its address").port()
        };
        let mut driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        // chromedriver says it started once it listens.
        let stdout = driver.stdout.take().expect("chromedriver stdout");
        let mut lines = BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            if line.map_or(true, |l| l.contains("started successfully")) {
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        let addr = format!("127.0.0.1:{port}");
        let profile = tempfile::tempdir().expect("a profile directory");
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1280,1000".into(),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium(), "args": args}
        }}});
        let reply = call(&addr, "POST", "/session", Some(&capabilities));
        let session = reply["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_string();
        Browser {
            driver,
            addr,
            session,
            _profile: profile,
        }
    }

    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let reply = call(
            &self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            body,
        );
        if let Some(error) = reply.get("error") {
            panic!("WebDriver {method} {path}: {error}: {}", reply["message"]);
        }
        reply
    }

    /// Loads `url` and waits for it.
    pub fn go(&self, url: &str) {
        self.command("POST", "/url", Some(&json!({ "url": url })));
    }

    pub fn url(&self) -> String {
        self.command("GET", "/url", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn title(&self) -> String {
        self.command("GET", "/title", None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Every element matching a CSS selector.
    pub fn all(&self, css: &str) -> Vec<Element> {
        let reply = self.command(
            "POST",
            "/elements",
            Some(&json!({"using": "css selector", "value": css})),
        );
        reply
            .as_array()
            .map(|found| {
                found
                    .iter()
                    .filter_map(|e| e[ELEMENT].as_str())
                    .map(|id| Element(id.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The first element matching a CSS selector; a panic names it when there is none.
    pub fn find(&self, css: &str) -> Element {
        self.all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css:?} on {}", self.url()))
    }

    pub fn text(&self, element: &Element) -> String {
        let reply = self.command("GET", &format!("/element/{}/text", element.0), None);
        reply.as_str().unwrap_or("").to_string()
    }

    pub fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        let reply = self.command(
            "GET",
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        );
        reply.as_str().map(String::from)
    }

    /// Clicks an element (for a link, the next page has loaded when this returns).
    pub fn click(&self, element: &Element) {
        self.command(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(&json!({})),
        );
    }

    /// Clicks a link or a submit button and waits until the page it leads to has loaded:
    /// a click returns once the click is done, and a busy machine may start the navigation
    /// after that, leaving the old page's elements to be found. Waits at most a minute.
    pub fn follow(&self, element: &Element) {
        let before = self.url();
        self.click(element);
        for _ in 0..1200 {
            let loaded = self.script("return document.readyState") == "complete";
            if loaded && self.url() != before {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("clicking on {before} led nowhere");
    }

    /// Types into an input.
    pub fn type_into(&self, element: &Element, text: &str) {
        self.command(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(&json!({ "text": text })),
        );
    }

    /// Runs a script in the page (WebDriver's own channel, which the page's policy does not
    /// govern) and returns its value.
    pub fn script(&self, script: &str) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": []})),
        )
    }

    /// Whether an alert, confirm or prompt is open.
    pub fn alert_open(&self) -> bool {
        let reply = call(
            &self.addr,
            "GET",
            &format!("/session/{}/alert/text", self.session),
            None,
        );
        reply.get("error").is_none()
    }

    /// Sets the browser window's size in CSS pixels.
    pub fn resize(&self, width: u32, height: u32) {
        self.command(
            "POST",
            "/window/rect",
            Some(&json!({"width": width, "height": height})),
        );
    }

    /// Saves a screenshot of the viewport as `target/screenshots/NAME.png`; returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        use base64::Engine;
        let reply = self.command("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(reply.as_str().unwrap_or(""))
            .expect("a base64 screenshot");
        let dir = screenshots_dir();
        std::fs::create_dir_all(&dir).expect("create target/screenshots");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = call_quietly(&self.addr, "DELETE", &format!("/session/{}", self.session));
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `target/screenshots`, beside cargo's scratch directory for tests.
pub fn screenshots_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("screenshots")
}

fn call_quietly(addr: &str, method: &str, path: &str) -> std::io::Result<()> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(raw.as_bytes())?;
    read_reply(&mut stream);
    Ok(())
}

/// Reads one reply: its head, then as many bytes as `Content-Length` says (chromedriver
/// keeps the connection open whatever the request asks).
fn read_reply(stream: &mut TcpStream) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let read = stream.read(&mut chunk).expect("read from chromedriver");
        if read == 0 {
            return bytes;
        }
        bytes.extend_from_slice(&chunk[..read]);
        let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("content-length:"))
            .and_then(|n| n.trim().parse::<usize>().ok());
        let Some(length) = length else {
            // No length: the body runs to the close.
            let mut rest = Vec::new();
            let _ = stream.read_to_end(&mut rest);
            bytes.extend(rest);
            return bytes;
        };
        while bytes.len() < end + 4 + length {
            let read = stream.read(&mut chunk).expect("read from chromedriver");
            if read == 0 {
                break;
            }
            bytes.extend_from_slice(&chunk[..read]);
        }
        return bytes;
    }
}

/// One WebDriver call: the reply's `value`.
fn call(addr: &str, method: &str, path: &str, body: Option<&Value>) -> Value {
    let body = body.map(Value::to_string).unwrap_or_default();
    let raw = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let mut stream = TcpStream::connect(addr).expect("connect to chromedriver");
    stream
        .set_read_timeout(Some(Duration::from_secs(120)))
        .expect("timeout");
    stream
        .write_all(raw.as_bytes())
        .expect("send to chromedriver");
    let reply = super::serve::parse_reply(&read_reply(&mut stream));
    let value: Value = serde_json::from_str(&reply.body)
        .unwrap_or_else(|err| panic!("bad WebDriver reply ({err}): {}", reply.body));
    value["value"].clone()
}
