//! The publication date an article's own text states ("Published: 21 November 2019"), for
//! records whose metadata has none, such as plain text files.

use time::macros::format_description;
use time::Date;

use super::{find_dates, TextField};

/// Words that open a line stating when the article was published.
const LEADS: &[&str] = &[
    "published",
    "originally published",
    "posted",
    "first published",
];

/// How many lines at each end of the body are looked at: the statement is a header or footer.
const EDGE_LINES: usize = 4;

/// The date on a "Published: …" line at the start or end of the body, if it names the year.
pub fn published_from_text(body: &str) -> Option<Date> {
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let head = lines.iter().take(EDGE_LINES);
    let tail = lines.iter().rev().take(EDGE_LINES);
    head.chain(tail).find_map(|line| stated_date(line))
}

fn stated_date(line: &str) -> Option<Date> {
    let line = line.trim();
    let lower = line.to_ascii_lowercase();
    let lead = LEADS.iter().find(|lead| lower.starts_with(*lead))?;
    let rest = line.get(lead.len()..)?.trim_start_matches([':', ' ', '\t']);
    let day = format_description!("[year]-[month]-[day]");
    find_dates(rest, TextField::Body, None)
        .iter()
        .find_map(|mention| Date::parse(&mention.value, day).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_lines_give_the_date() {
        let cases = [
            ("Body.\n\nPublished: 21 November 2019", Some("2019-11-21")),
            ("Published: 2025-05-13\n\nBody.", Some("2025-05-13")),
            (
                "Body.\nOriginally published Nov. 21, 2019, 2:44 p.m. PT.",
                Some("2019-11-21"),
            ),
            // No year: nothing to anchor it to.
            ("Body.\nOriginally published Nov. 21, 2:44 p.m. PT.", None),
            ("It was published on 21 November 2019 in the middle.", None),
            ("", None),
        ];
        for (body, expected) in cases {
            let got = published_from_text(body).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{body:?}");
        }
    }
}
