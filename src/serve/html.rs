//! Building HTML safely: [`Esc`] escapes every piece of text an article or a request brings,
//! for element content and quoted attributes alike; [`href`] builds the server's own links;
//! [`outside_link`] lets only http(s) URLs become links. Also the page frame and the
//! timeline chart (inline SVG, a link around each bar), which several pages draw.

use std::fmt::{self, Display, Write};

use time::Duration;

use super::http::encode;
use crate::query::{Bucket, Granularity, Timeline};

/// Text escaped for HTML content and double- or single-quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A link to one of the server's own pages: `path` (a fixed string of ours) and parameters,
/// percent-encoded, empty values left out. The result still goes through [`Esc`] in an
/// attribute, for the `&`s.
pub fn href(path: &str, params: &[(&str, &str)]) -> String {
    let mut out = path.to_string();
    let mut first = true;
    for (name, value) in params.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(if first { '?' } else { '&' });
        first = false;
        out.push_str(name);
        out.push('=');
        out.push_str(&encode(value));
    }
    out
}

/// An article's own URL as a link when it is http(s), else as plain text: a `javascript:`
/// or `data:` URL from an article never becomes an `href`.
pub fn outside_link(url: &str) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.contains(char::is_control)
    {
        format!(
            r#"<a class="source-url" href="{}" rel="noreferrer noopener">{}</a>"#,
            Esc(url.trim()),
            Esc(url)
        )
    } else {
        format!(r#"<span class="source-url">{}</span>"#, Esc(url))
    }
}

/// `text` with the `[start, end)` byte ranges in `marks` wrapped in `<mark>`; ranges that do
/// not fall on character boundaries, or overlap one before them, are left unmarked.
pub fn marked(text: &str, marks: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * marks.len());
    let mut at = 0;
    let mut sorted = marks.to_vec();
    sorted.sort();
    for (start, end) in sorted {
        if start < at || start >= end || text.get(start..end).is_none() {
            continue;
        }
        let _ = write!(
            out,
            "{}<mark>{}</mark>",
            Esc(&text[at..start]),
            Esc(&text[start..end])
        );
        at = end;
    }
    let _ = write!(out, "{}", Esc(&text[at..]));
    out
}

/// A whole page: the frame with the navigation, and `main`.
pub fn page(title: &str, main: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · newsdex</title>
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header>
<a class="brand" href="/">newsdex</a>
<nav><a href="/">Search</a> <a href="/quotes">Quotes</a></nav>
</header>
<main>
{main}
</main>
</body>
</html>
"#,
        title = Esc(title),
    )
}

/// The last day of a bucket, as `until` takes it (`YYYY-MM` and `YYYY` mean their end).
pub fn bucket_until(granularity: Granularity, bucket: &Bucket) -> String {
    match granularity {
        Granularity::Week => (bucket.start + Duration::days(6)).to_string(),
        Granularity::Day | Granularity::Month | Granularity::Year => bucket.label.clone(),
    }
}

/// The chart of a timeline: one bar per bucket, each inside a link that `link(bucket)` makes
/// (to the same search narrowed to that period).
pub fn timeline_chart(timeline: &Timeline, link: &dyn Fn(&Bucket) -> String) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 120.0;
    const AXIS: f64 = 16.0;
    let buckets = &timeline.buckets;
    if buckets.is_empty() {
        return r#"<p class="timeline-empty">No dated article matches.</p>"#.into();
    }
    let most = buckets.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let slot = WIDTH / buckets.len() as f64;
    let bar = (slot * 0.8).max(1.0);
    let mut svg = format!(
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} {}" width="{WIDTH}" height="{}" role="img" aria-label="matching articles per {}">"#,
        HEIGHT + AXIS,
        HEIGHT + AXIS,
        timeline.granularity.as_str()
    );
    for (n, bucket) in buckets.iter().enumerate() {
        let x = n as f64 * slot;
        let height = (bucket.count as f64 / most * (HEIGHT - 4.0)).max(if bucket.count > 0 {
            2.0
        } else {
            0.0
        });
        let _ = write!(
            svg,
            r#"<a class="bar" href="{href}" data-key="{key}" data-count="{count}"><title>{key}: {count}</title><rect class="slot" x="{x:.2}" y="0" width="{slot:.2}" height="{HEIGHT}"/><rect class="fill" x="{bx:.2}" y="{y:.2}" width="{bar:.2}" height="{height:.2}"/></a>"#,
            href = Esc(&link(bucket)),
            key = Esc(&bucket.label),
            count = bucket.count,
            bx = x + (slot - bar) / 2.0,
            y = HEIGHT - height,
        );
    }
    let first = &buckets[0].label;
    let last = &buckets[buckets.len() - 1].label;
    let _ = write!(
        svg,
        r#"<text x="0" y="{y}" class="axis">{}</text><text x="{WIDTH}" y="{y}" class="axis end">{}</text></svg>"#,
        Esc(first),
        Esc(last),
        y = HEIGHT + AXIS - 3.0
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_escaped_for_content_and_attributes() {
        let text = r#""><img src=x onerror=alert(1)><script>x='1'</script>&"#;
        let escaped = Esc(text).to_string();
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        assert_eq!(
            escaped,
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;x=&#39;1&#39;&lt;/script&gt;&amp;"
        );
    }

    #[test]
    fn only_web_urls_become_links() {
        assert!(outside_link("https://example.org/a?b=1&c=2")
            .contains("href=\"https://example.org/a?b=1&amp;c=2\""));
        for url in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,<b>",
            "vbscript:x",
        ] {
            let html = outside_link(url);
            assert!(!html.contains("href"), "{html}");
            assert!(!html.contains('<') || html.starts_with("<span"), "{html}");
        }
    }

    #[test]
    fn marks_skip_ranges_off_character_boundaries() {
        assert_eq!(
            marked("café <b>", &[(0, 3), (3, 4)]),
            "<mark>caf</mark>é &lt;b&gt;"
        );
        assert_eq!(marked("a<b", &[(1, 2)]), "a<mark>&lt;</mark>b");
    }
}
