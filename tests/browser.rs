//! `newsdex serve` in a real browser: headless Debian Chromium driven over W3C WebDriver
//! (chromedriver), against the server on an ephemeral port over `sample-corpus/`, as a
//! person would click through it; and hostile articles whose markup must stay text.
//!
//! Screenshots go to `target/screenshots/`. Without Chromium these tests fail saying what to
//! install, unless `NEWSDEX_SKIP_BROWSER=1` opts out (CI never does).

use crate::common::serve::{encode, Server};
use crate::common::webdriver::{available, Browser};
use crate::common::{sample_corpus, Workspace};

fn sample() -> Workspace {
    let ws = Workspace::new();
    let run = ws.run(&["index", sample_corpus().to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    ws
}

/// The number a count element shows.
fn number(text: &str) -> u64 {
    text.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {text:?}"))
}

#[test]
fn a_person_searches_narrows_and_reads_in_the_browser() {
    if !available("a_person_searches_narrows_and_reads_in_the_browser") {
        return;
    }
    let ws = sample();
    let server = Server::start(&ws.index_dir());
    let browser = Browser::start();

    // Search for a person from the form, as typed.
    browser.go(&format!("{}/", server.url));
    let input = browser.find("#q");
    browser.type_into(&input, "person:\"Amara Okafor\"");
    browser.follow(&browser.find("#search"));
    let total = number(&browser.text(&browser.find("#total")));
    let cli: serde_json::Value = ws
        .run(&["query", "person:\"Amara Okafor\"", "--json", "--limit", "0"])
        .json();
    assert_eq!(total, cli["total_hits"].as_u64().unwrap());
    assert!(total > 1, "the sample names her in several articles");

    // Hits show their title, date, and the name highlighted in the snippet.
    let hits = browser.all("li.hit");
    assert_eq!(hits.len() as u64, total.min(10));
    let marks = browser.all("li.hit .snippet mark");
    assert!(!marks.is_empty(), "no highlight shown");
    for mark in &marks {
        let text = browser.text(mark).to_lowercase();
        assert!(text == "amara" || text == "okafor", "highlighted {text:?}");
    }
    assert!(!browser.all("li.hit .published").is_empty());
    assert!(!browser.all("li.hit .entities a.ent.person").is_empty());
    browser.screenshot("serve-search");
    // A smaller one for the README (docs/serve.png is a copy of it).
    browser.resize(1000, 760);
    browser.screenshot("serve-readme");
    browser.resize(1280, 1000);

    // A place in the facets narrows the search to the articles naming it.
    let place_link = browser.find("ul.facet[data-field=place] li a");
    let place = browser.attribute(&place_link, "data-value").unwrap();
    let facet_count = number(&browser.text(&browser.find("ul.facet[data-field=place] li .n")));
    browser.follow(&place_link);
    let narrowed = number(&browser.text(&browser.find("#total")));
    assert_eq!(narrowed, facet_count, "clicking {place:?}");
    assert!(narrowed <= total);
    let query = browser.attribute(&browser.find("#q"), "value").unwrap();
    assert_eq!(
        query,
        format!("(person:\"Amara Okafor\") AND place:\"{place}\"")
    );
    browser.screenshot("serve-facet");

    // A bar of the timeline narrows to its period.
    browser.go(&format!(
        "{}/?q={}",
        server.url,
        encode("person:\"Amara Okafor\"")
    ));
    let bars = browser.all("svg.timeline a.bar");
    assert!(!bars.is_empty(), "no timeline bars");
    let bar = bars
        .into_iter()
        .find(|bar| {
            browser
                .attribute(bar, "data-count")
                .is_some_and(|n| n != "0")
        })
        .expect("a bar with articles");
    let count = number(&browser.attribute(&bar, "data-count").unwrap());
    let key = browser.attribute(&bar, "data-key").unwrap();
    browser.follow(&bar);
    let url = browser.url();
    assert!(url.contains("since=") && url.contains("until="), "{url}");
    assert_eq!(
        number(&browser.text(&browser.find("#total"))),
        count,
        "bar {key}"
    );
    browser.screenshot("serve-timeline-bar");

    // An article shows its names, dates and quotes marked, each name a link to its page.
    browser.go(&format!(
        "{}/article?id={}",
        server.url,
        encode("articles/politics/nigeria-tariff-debate.txt")
    ));
    let shown: serde_json::Value = ws
        .run(&[
            "show",
            "articles/politics/nigeria-tariff-debate.txt",
            "--json",
        ])
        .json();
    assert_eq!(
        browser.text(&browser.find("#title")),
        shown["title"].as_str().unwrap()
    );
    let people = browser.all("#body a.ent.person");
    assert!(!people.is_empty(), "no person marked");
    for link in browser.all("#body a.ent") {
        let href = browser.attribute(&link, "href").unwrap();
        assert!(href.contains("/entity?name="), "{href}");
    }
    let body_people: Vec<String> = people
        .iter()
        .map(|p| browser.attribute(p, "data-name").unwrap())
        .collect();
    assert!(
        body_people.iter().any(|n| n == "Amara Okafor"),
        "{body_people:?}"
    );
    let dates = browser.all("#body .date");
    assert!(!dates.is_empty(), "no date marked");
    let values: Vec<String> = dates
        .iter()
        .map(|d| browser.attribute(d, "title").unwrap())
        .collect();
    let extracted: Vec<&str> = shown["dates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["field"] == "body")
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    for value in &values {
        assert!(
            extracted.contains(&value.as_str()),
            "{value} not among {extracted:?}"
        );
    }
    let quotes = browser.all("#body .quote");
    let with_speaker: Vec<String> = quotes
        .iter()
        .filter_map(|q| browser.attribute(q, "data-speaker"))
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        with_speaker.contains(&"Amara Okafor".to_string()),
        "{with_speaker:?}"
    );
    browser.screenshot("serve-article");

    // Her name leads to her page, whose numbers are those of `newsdex entity --json`.
    let okafor = people
        .iter()
        .find(|p| browser.attribute(p, "data-name").as_deref() == Some("Amara Okafor"))
        .unwrap();
    browser.follow(okafor);
    let profile: serde_json::Value = ws
        .run(&["entity", "Amara Okafor", "--type", "person", "--json"])
        .json();
    assert_eq!(browser.text(&browser.find("h1 .ent")), profile["name"]);
    assert_eq!(
        number(&browser.text(&browser.find("#articles"))),
        profile["articles"].as_u64().unwrap()
    );
    assert_eq!(
        browser.text(&browser.find("#first-published")),
        profile["first_published"]
    );
    assert_eq!(
        browser.text(&browser.find("#last-published")),
        profile["last_published"]
    );
    assert_eq!(
        number(&browser.text(&browser.find("#quotes-said"))),
        profile["quotes_said"]["total_hits"].as_u64().unwrap()
    );
    assert_eq!(
        number(&browser.text(&browser.find("#quotes-mentioning"))),
        profile["quotes_mentioning"]["total_hits"].as_u64().unwrap()
    );
    let bars = browser.all("svg.timeline a.bar");
    assert_eq!(
        bars.len(),
        profile["timeline"]["buckets"].as_array().unwrap().len()
    );
    browser.screenshot("serve-entity");

    // Paging: the next page of every article goes on from the eleventh, newest first.
    browser.go(&format!("{}/?q=*&sort=newest", server.url));
    let first_page: Vec<String> = browser
        .all("li.hit")
        .iter()
        .filter_map(|hit| browser.attribute(hit, "data-id"))
        .collect();
    browser.follow(&browser.find("#next"));
    assert_eq!(
        browser
            .attribute(&browser.find("ol.hits"), "start")
            .as_deref(),
        Some("11")
    );
    let second_page: Vec<String> = browser
        .all("li.hit")
        .iter()
        .filter_map(|hit| browser.attribute(hit, "data-id"))
        .collect();
    let cli: serde_json::Value = ws
        .run(&["query", "*", "--sort", "newest", "--offset", "10", "--json"])
        .json();
    let expected: Vec<&str> = cli["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(second_page, expected);
    assert!(first_page.iter().all(|id| !second_page.contains(id)));
    browser.follow(&browser.find("#prev"));
    assert_eq!(
        browser
            .attribute(&browser.find("ol.hits"), "start")
            .as_deref(),
        Some("1")
    );

    // The quotes page finds what she said.
    browser.go(&format!(
        "{}/quotes?speaker={}",
        server.url,
        encode("Okafor")
    ));
    let found = number(&browser.text(&browser.find("#total")));
    let cli: serde_json::Value = ws.run(&["quotes", "--speaker", "Okafor", "--json"]).json();
    assert_eq!(found, cli["total_hits"].as_u64().unwrap());
    browser.screenshot("serve-quotes");
}

/// What each hostile script would do if it ran: set the title and a global.
const MARK: &str = "document.title='PWNED';window.__pwned=1";

#[test]
fn hostile_articles_show_their_markup_as_text_and_run_nothing() {
    if !available("hostile_articles_show_their_markup_as_text_and_run_nothing") {
        return;
    }
    let ws = Workspace::new();
    let script = format!("<script>{MARK}</script>");
    let img = format!("\"><img src=x onerror=\"{MARK}\">");
    let svg = format!("<svg onload=\"{MARK}\"></svg>");
    let records = [
        serde_json::json!({
            "id": "hostile-script",
            "title": format!("Hostile {script} title"),
            "body": format!("Wilbur Ross said the harbour reopened on Monday. {script} The port \
                             authority said \"we are open {script} again\", Ross said. Visit javascript:alert(1) now."),
            "url": "javascript:alert(1)",
            "source": script,
            "published": "2025-03-04",
        }),
        serde_json::json!({
            "id": format!("hostile-id-{img}"),
            "title": format!("Hostile {img} image"),
            "body": format!("The harbour board met in Rotterdam. {img} {svg} It said nothing."),
            "url": "JaVaScRiPt:window.__pwned=2",
            "authors": [script],
            "published": "2025-03-05",
        }),
        serde_json::json!({
            "id": "hostile-data-url",
            "title": "Hostile data URL",
            "body": "The harbour was quiet.",
            "url": format!("data:text/html,{script}"),
            "published": "2025-03-06",
        }),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    let input = ws.write("hostile.jsonl", lines.join("\n") + "\n");
    let run = ws.run(&["index", input.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&ws.index_dir());
    let browser = Browser::start();

    let untouched = |page: &str| {
        assert!(!browser.alert_open(), "{page}: an alert opened");
        assert_ne!(browser.title(), "PWNED", "{page}: a script set the title");
        assert_eq!(
            browser.script("return typeof window.__pwned"),
            "undefined",
            "{page}: a script ran"
        );
        assert!(browser.all("img").is_empty(), "{page}: an <img> was made");
        assert!(
            browser.all("script").is_empty(),
            "{page}: a <script> was made"
        );
        assert!(
            browser.all("body svg[onload]").is_empty(),
            "{page}: an <svg onload> was made"
        );
        for link in browser.all("a") {
            let href = browser
                .attribute(&link, "href")
                .unwrap_or_default()
                .to_lowercase();
            assert!(
                !href.starts_with("javascript:") && !href.starts_with("data:"),
                "{page}: a link to {href}"
            );
        }
    };

    browser.go(&format!("{}/?q=harbour", server.url));
    untouched("search");
    assert_eq!(number(&browser.text(&browser.find("#total"))), 3);
    let titles: Vec<String> = browser
        .all("li.hit a.title")
        .iter()
        .map(|t| browser.text(t))
        .collect();
    assert!(
        titles.contains(&format!("Hostile {script} title")),
        "{titles:?}"
    );
    assert!(
        titles.contains(&format!("Hostile {img} image")),
        "{titles:?}"
    );
    browser.screenshot("serve-hostile-search");

    for id in [
        "hostile-script",
        &format!("hostile-id-{img}"),
        "hostile-data-url",
    ] {
        browser.go(&format!("{}/article?id={}", server.url, encode(id)));
        untouched(id);
        let shown: serde_json::Value = ws.run(&["show", id, "--json"]).json();
        assert_eq!(
            browser.text(&browser.find("#title")),
            shown["title"].as_str().unwrap(),
            "{id}"
        );
        let body = browser.text(&browser.find("#body"));
        let written = shown["body"].as_str().unwrap();
        // The body reads as written (paragraphs aside), the speaker labels CSS adds aside.
        let words =
            |text: &str| -> String { text.split_whitespace().collect::<Vec<_>>().join(" ") };
        let body = words(&body);
        for piece in written
            .split(&['\n'][..])
            .map(words)
            .filter(|p| !p.is_empty())
        {
            for chunk in piece.split(" [").take(1) {
                assert!(
                    body.contains(chunk),
                    "{id}: {chunk:?} not shown in {body:?}"
                );
            }
        }
        let url = browser.find(".source-url");
        assert_eq!(browser.text(&url), shown["url"].as_str().unwrap(), "{id}");
        assert_eq!(
            browser.attribute(&url, "href"),
            None,
            "{id}: the URL became a link"
        );
        if id == "hostile-script" {
            browser.screenshot("serve-hostile-article");
        }
    }

    // Hostile words typed into the search and the entity page come back as text too.
    for (path, shown) in [
        (format!("/?q={}", encode(&img)), Some(img.clone())),
        (
            format!("/?q={}", encode(&format!("\"{script}"))),
            Some(format!("\"{script}")),
        ),
        (format!("/entity?name={}", encode(&script)), None),
        (format!("/quotes?speaker={}", encode(&img)), None),
    ] {
        browser.go(&format!("{}{path}", server.url));
        untouched(&path);
        if let Some(query) = shown {
            assert_eq!(
                browser.attribute(&browser.find("#q"), "value"),
                Some(query),
                "{path}"
            );
        }
    }
    // The message about a query that does not parse quotes it, as text.
    browser.go(&format!(
        "{}/?q={}",
        server.url,
        encode(&format!("\"{script}"))
    ));
    let error = browser.text(&browser.find("#error"));
    assert!(error.contains(&script), "{error}");

    // What the server sends holds the markup escaped, never as markup.
    let page = server.get("/article?id=hostile-script");
    assert!(page.body.contains("&lt;script&gt;"), "{}", page.body);
    assert!(!page.body.contains("<script>"));
    assert!(!page.body.contains("href=\"javascript:"));
    let search = server.get("/?q=harbour");
    assert!(!search.body.contains("<img"));
    assert!(!search.body.contains("<svg onload"));
}
