//! `newsdex serve` without a browser: the API's bodies against the CLI's `--json` for the same
//! question, its status codes, the headers every response carries, and the limits on what a
//! request may ask.

use crate::common::serve::{encode, send, Server};
use crate::common::{sample_corpus, Workspace};

fn sample() -> Workspace {
    let ws = Workspace::new();
    let run = ws.run(&["index", sample_corpus().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

/// `value` without its `took_ms` fields, which differ between any two runs.
fn timeless(mut value: serde_json::Value) -> serde_json::Value {
    match &mut value {
        serde_json::Value::Object(map) => {
            map.remove("took_ms");
            for (_, v) in map.iter_mut() {
                *v = timeless(v.take());
            }
        }
        serde_json::Value::Array(items) => {
            for v in items.iter_mut() {
                *v = timeless(v.take());
            }
        }
        _ => {}
    }
    value
}

#[test]
fn api_bodies_are_the_cli_json_for_the_same_question() {
    let ws = sample();
    let server = Server::start(&ws.index_dir());
    let person = "person:\"Amara Okafor\"";
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!("/api/query?q={}&limit=3&offset=1&facets=1", encode(person)),
            vec![
                "query", person, "--json", "--limit", "3", "--offset", "1", "--facets",
            ],
        ),
        (
            "/api/query?q=blackouts&sort=newest&since=2025-04&until=2025-05-31&collapse=1".into(),
            vec![
                "query",
                "blackouts",
                "--json",
                "--sort",
                "newest",
                "--since",
                "2025-04",
                "--until",
                "2025-05-31",
                "--collapse",
            ],
        ),
        (
            "/api/quotes?q=power&speaker=okafor".into(),
            vec!["quotes", "power", "--speaker", "okafor", "--json"],
        ),
        ("/api/quotes".into(), vec!["quotes", "--json"]),
        (
            format!("/api/timeline?q={}&by=month", encode(person)),
            vec!["timeline", person, "--by", "month", "--json"],
        ),
        ("/api/timeline".into(), vec!["timeline", "--json"]),
        (
            "/api/article/articles/politics/nigeria-tariff-debate.txt".into(),
            vec![
                "show",
                "articles/politics/nigeria-tariff-debate.txt",
                "--json",
            ],
        ),
        (
            "/api/entity?name=Okafor".into(),
            vec!["entity", "Okafor", "--json"],
        ),
        (
            "/api/entity?name=Nigeria&type=place".into(),
            vec!["entity", "Nigeria", "--type", "place", "--json"],
        ),
    ];
    for (path, args) in cases {
        let reply = server.get(&path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("application/json"),
            "{path}"
        );
        let cli = ws.run(&args);
        assert_eq!(cli.code, 0, "{args:?}: {}", cli.stderr);
        let cli: serde_json::Value = cli.json();
        assert_eq!(
            timeless(reply.json()),
            timeless(cli),
            "{path} against {args:?}"
        );
    }
}

#[test]
fn a_bad_query_is_400_with_the_cli_message_and_unknown_things_404() {
    let ws = sample();
    let server = Server::start(&ws.index_dir());
    for (path, args) in [
        (
            "/api/query?q=%22okafor",
            vec!["query", "\"okafor", "--json"],
        ),
        (
            "/api/query?q=okafor&since=2025-13",
            vec!["query", "okafor", "--since", "2025-13", "--json"],
        ),
        (
            "/api/quotes?q=title%3A(",
            vec!["quotes", "title:(", "--json"],
        ),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 400, "{path}: {}", reply.body);
        let cli = ws.run(&args);
        assert_eq!(cli.code, 2, "{args:?}");
        let message = cli.stderr.trim().trim_start_matches("newsdex: ");
        assert_eq!(reply.json()["error"], message, "{path}");
    }
    for path in [
        "/api/query",
        "/api/query?q=x&limit=101",
        "/api/query?q=x&limit=ten",
        "/api/query?q=x&sort=sideways",
        "/api/timeline?by=fortnight",
        "/api/entity?name=Okafor&type=animal",
        "/api/entity",
    ] {
        assert_eq!(server.get(path).status, 400, "{path}");
    }

    let missing = server.get("/api/article/no/such/article.txt");
    assert_eq!(missing.status, 404);
    let cli = ws.run(&["show", "no/such/article.txt", "--json"]);
    assert_eq!(
        missing.json()["error"],
        cli.stderr.trim().trim_start_matches("newsdex: ")
    );
    assert_eq!(server.get("/api/entity?name=Nobody%20Atall").status, 404);
    assert_eq!(server.get("/api/nothing").status, 404);
    assert_eq!(server.get("/article?id=no/such").status, 404);
    assert_eq!(server.get("/entity?name=Nobody%20Atall").status, 404);
    assert_eq!(server.get("/nowhere").status, 404);
    // Pages refuse a bad query as the API does, saying why.
    let page = server.get("/?q=%22okafor");
    assert_eq!(page.status, 400);
    assert!(
        page.body.contains("quotation mark is not closed"),
        "{}",
        page.body
    );
}

#[test]
fn every_response_carries_the_security_headers_and_only_get_and_head_are_answered() {
    let ws = sample();
    let server = Server::start(&ws.index_dir());
    for path in [
        "/",
        "/?q=okafor",
        "/quotes?q=power",
        "/article?id=articles/politics/nigeria-tariff-debate.txt",
        "/entity?name=Okafor",
        "/style.css",
        "/api/query?q=okafor",
        "/api/query?q=%22",
        "/nowhere",
    ] {
        let reply = server.get(path);
        let csp = reply.header("content-security-policy").unwrap_or("");
        assert!(csp.contains("default-src 'none'"), "{path}: {csp:?}");
        assert!(!csp.contains("unsafe"), "{path}: {csp:?}");
        assert!(
            !csp.contains("http"),
            "{path}: another origin allowed: {csp:?}"
        );
        assert_eq!(
            reply.header("x-content-type-options"),
            Some("nosniff"),
            "{path}"
        );
        // The pages load nothing but the stylesheet, and it loads nothing.
        assert!(!reply.body.contains(" src="), "{path}");
        assert!(!reply.body.contains("<script"), "{path}");
        assert!(!reply.body.contains("url("), "{path}");
        assert!(!reply.body.contains("@import"), "{path}");
        for link in reply.body.split("<link ").skip(1) {
            assert!(link.contains("href=\"/style.css\""), "{path}: <link {link}");
        }
    }
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));

    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let reply = server.request(method, "/api/query?q=okafor");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("allow"), Some("GET, HEAD"), "{method}");
    }
    // HEAD gives GET's head without the body (on an answer with no took_ms to vary).
    for path in [
        "/api/article/wire-0004",
        "/article?id=wire-0004",
        "/style.css",
    ] {
        let head = server.request("HEAD", path);
        assert_eq!(head.status, 200, "{path}");
        assert!(head.body.is_empty(), "{path}");
        let length: usize = head.header("content-length").unwrap().parse().unwrap();
        assert_eq!(length, server.get(path).body.len(), "{path}");
    }
}

#[test]
fn no_path_reaches_the_file_system() {
    let ws = sample();
    ws.write("secret.txt", "the secret of the workspace");
    let server = Server::start(&ws.index_dir());
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/style.css/../secret.txt",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/api/article/../../secret.txt",
        "/api/article/%2e%2e%2fsecret.txt",
        "//etc/passwd",
        "/index/meta.json",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains("the secret"), "{path}");
        assert!(!reply.body.contains("root:"), "{path}");
        assert!(!reply.body.contains("segments"), "{path}");
    }
}

#[test]
fn oversized_or_broken_requests_are_refused_and_the_server_goes_on() {
    let ws = sample();
    let server = Server::start(&ws.index_dir());
    let huge = format!(
        "GET /api/query?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(20_000)
    );
    assert_eq!(send(&server.addr, huge.as_bytes()).status, 431);
    let headers: String = (0..100).map(|n| format!("X-{n}: y\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\n{headers}\r\n");
    assert_eq!(send(&server.addr, many.as_bytes()).status, 431);
    assert_eq!(send(&server.addr, b"NOT HTTP AT ALL\r\n\r\n").status, 400);
    // A client that connects and says nothing holds one worker, not the server.
    let _silent = std::net::TcpStream::connect(&server.addr).unwrap();
    assert_eq!(server.get("/api/query?q=okafor").status, 200);
}
