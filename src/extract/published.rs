//! The publication date when a record's metadata has none: from a "Published: …" line, from
//! the url's path, or from a dateline ("WASHINGTON, Nov 21 (Reuters) -"). A stated day without
//! its year ("Originally published Nov. 21") takes the year from the url, else one inferred
//! from the text where it supports one ([`first_after_past`]). `--published` overrides them
//! all. Each date says where it came from.

use std::sync::LazyLock;

use regex::Regex;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime};

use super::dates::latest_past_date;
use super::{analysed, find_dates, TextField, ANALYSED_BODY_BYTES};
use crate::ingest::{Article, PublishedSource, INDEXABLE_YEARS};

/// Words that open a line stating when the article was published.
const LEADS: &[&str] = &[
    "published",
    "originally published",
    "posted",
    "first published",
];

/// How many lines at each end of the body are looked at: the statement is a header or footer.
const EDGE_LINES: usize = 4;

/// Sets an article's publication date and its source: the flag's date if given, else the
/// record's own, else one its text or url states. An article with none stays undated.
pub fn resolve_published(article: &mut Article, flag: Option<OffsetDateTime>) {
    if let Some(when) = flag {
        article.published = Some(when);
        article.published_source = Some(PublishedSource::Flag);
        return;
    }
    if article.published.is_some() {
        article.published_source = Some(PublishedSource::Metadata);
        return;
    }
    let url = article.url.as_deref().unwrap_or("");
    let body = &article.body;
    let stated = stated_dates(body);
    let found = stated
        .day
        .map(|day| (day, PublishedSource::Text))
        .or_else(|| published_from_url(url).map(|day| (day, PublishedSource::Url)))
        .or_else(|| {
            let (month, day) = stated.month_day.or_else(|| dateline_month_day(body))?;
            let date = match url_year(url) {
                Some(year) => Date::from_calendar_date(year, month, day).ok(),
                None => first_after_past(body, month, day),
            };
            date.map(|date| (date, PublishedSource::Text))
        });
    if let Some((day, source)) = found.filter(|(day, _)| INDEXABLE_YEARS.contains(&day.year())) {
        article.published = Some(day.midnight().assume_utc());
        article.published_source = Some(source);
    }
}

/// The date on a "Published: …" line at the start or end of the body, if it names the year.
pub fn published_from_text(body: &str) -> Option<Date> {
    stated_dates(body).day
}

/// What the "Published: …" lines at the start or end of a body state.
#[derive(Debug, Default, PartialEq, Eq)]
struct Stated {
    /// The first whole date.
    day: Option<Date>,
    /// The first month and day without a year ("Originally published Nov. 21, 2:44 p.m. PT.").
    month_day: Option<(Month, u8)>,
}

fn stated_dates(body: &str) -> Stated {
    let mut stated = Stated::default();
    let format = format_description!("[year]-[month]-[day]");
    for value in edge_lines(body).filter_map(stated_values).flatten() {
        if stated.day.is_none() {
            stated.day = Date::parse(&value, format).ok();
        }
        if stated.month_day.is_none() {
            stated.month_day = month_day(&value);
        }
    }
    stated
}

/// The first and last few non-empty lines of a body.
fn edge_lines(body: &str) -> impl Iterator<Item = &str> {
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    let head: Vec<&str> = lines.iter().take(EDGE_LINES).copied().collect();
    let tail: Vec<&str> = lines.iter().rev().take(EDGE_LINES).copied().collect();
    head.into_iter().chain(tail)
}

/// The date values of a line that states when the article was published.
fn stated_values(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let lower = line.to_ascii_lowercase();
    let lead = LEADS.iter().find(|lead| lower.starts_with(*lead))?;
    let rest = line.get(lead.len()..)?.trim_start_matches([':', ' ', '\t']);
    let dates = find_dates(rest, TextField::Body, None);
    Some(dates.into_iter().map(|mention| mention.value).collect())
}

/// The month and day of a value without a year, as `find_dates` writes it: `XXXX-11-21`.
fn month_day(value: &str) -> Option<(Month, u8)> {
    let rest = value.strip_prefix("XXXX-")?;
    let (month, day) = rest.split_once('-')?;
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Some((month, day.parse().ok()?))
}

/// The year of a stated day that has none, inferred from the body: the first `month`/`day` on
/// or after the latest date the body tells as past (an article reports what happened before it
/// was written), kept only when the body also names that day's weekday and the day is not
/// ahead of today. "moved to California in 2019", "as reported earlier Thursday" and
/// "Originally published Nov. 21" give 2019-11-21, a Thursday. The weekday is what keeps an
/// obituary's "born in 1931" from dating it 1931: a wrong year names the right weekday one
/// time in seven. Without both, the article stays undated.
fn first_after_past(body: &str, month: Month, day: u8) -> Option<Date> {
    let body = analysed(body, ANALYSED_BODY_BYTES);
    let floor = latest_past_date(body)?;
    // Four years reach the next 29 February.
    let date = (floor.year()..=floor.year() + 4).find_map(|year| {
        Date::from_calendar_date(year, month, day)
            .ok()
            .filter(|date| *date >= floor)
    })?;
    let today = OffsetDateTime::now_utc().date();
    (date <= today && names_word(body, &date.weekday().to_string())).then_some(date)
}

/// Whether `word` occurs in `text` as a whole word (a possessive "Thursday's" counts).
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// `/2019/11/21/`, `/2019-11-21/` or `/20191121` in a url's path.
static URL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("valid regex")
});

/// `/2019/` in a url's path.
static URL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)/").expect("valid regex"));

/// A full date in the url's path.
pub fn published_from_url(url: &str) -> Option<Date> {
    let path = url_path(url);
    let caps = URL_DAY.captures(path)?;
    let number = |i: usize| caps.get(i)?.as_str().parse::<i32>().ok();
    let month = Month::try_from(u8::try_from(number(2)?).ok()?).ok()?;
    Date::from_calendar_date(number(1)?, month, u8::try_from(number(3)?).ok()?).ok()
}

/// A year alone in the url's path, for a dateline that has none.
fn url_year(url: &str) -> Option<i32> {
    let caps = URL_YEAR.captures(url_path(url))?;
    caps.get(1)?.as_str().parse().ok()
}

/// The url without its scheme and host, so that hosts with digits are not read as dates.
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("", |i| &rest[i..])
}

/// A wire dateline: a city in capitals, a month and day, and a dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][A-Z .'-]+(?:, [A-Za-z .]+)?, ((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)(?: \([^)]*\))? [-\u{2013}\u{2014}]",
    )
    .expect("valid regex")
});

/// The month and day of the dateline opening the body.
fn dateline_month_day(body: &str) -> Option<(Month, u8)> {
    let first = body.lines().find(|l| !l.trim().is_empty())?.trim_start();
    let caps = DATELINE.captures(first)?;
    find_dates(caps.get(1)?.as_str(), TextField::Body, None)
        .iter()
        .find_map(|mention| month_day(&mention.value))
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
            // No year: not a whole date (`resolve_published` may infer the year).
            ("Body.\nOriginally published Nov. 21, 2:44 p.m. PT.", None),
            ("It was published on 21 November 2019 in the middle.", None),
            ("", None),
        ];
        for (body, expected) in cases {
            let got = published_from_text(body).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{body:?}");
        }
    }

    #[test]
    fn urls_give_dates_from_their_path_only() {
        let cases = [
            (
                "https://x.example/2019/11/21/huawei-licence",
                Some("2019-11-21"),
            ),
            (
                "https://x.example/news/2019-11-21-huawei",
                Some("2019-11-21"),
            ),
            ("https://x.example/a/20191121/b", Some("2019-11-21")),
            ("https://x.example/2019/11/huawei", None),
            ("https://x20191121.example/huawei", None),
            ("https://x.example/2019/13/45/huawei", None),
            ("", None),
        ];
        for (url, expected) in cases {
            let got = published_from_url(url).map(|d| d.to_string());
            assert_eq!(got.as_deref(), expected, "{url}");
        }
    }

    #[test]
    fn datelines_give_a_month_and_day() {
        let cases = [
            (
                "WASHINGTON, Nov 21 (Reuters) - The department said",
                Some((Month::November, 21)),
            ),
            (
                "AUSTIN, Texas, March 21 - Kestrel said",
                Some((Month::March, 21)),
            ),
            (
                "NAIROBI, 10 April - Kenya's finance ministry",
                Some((Month::April, 10)),
            ),
            ("Washington said on Nov 21 - more", None),
        ];
        for (body, expected) in cases {
            assert_eq!(dateline_month_day(body), expected, "{body}");
        }
    }

    #[test]
    fn a_day_without_its_year_follows_the_latest_past_the_article_tells() {
        let published = |body: &str, url: Option<&str>| {
            let mut article = Article {
                id: "a".into(),
                title: String::new(),
                body: body.into(),
                published: None,
                published_source: None,
                url: url.map(String::from),
                authors: Vec::new(),
                source: None,
            };
            resolve_published(&mut article, None);
            article.published.map(|p| p.date().to_string())
        };
        let footer = "\nOriginally published Nov. 21, 2:44 p.m. PT.";
        let cases = [
            // As in the seed article: a year told as past, and the weekday of 2019-11-21.
            (
                "She moved to California in 2019. It was reported earlier Thursday.",
                Some("2019-11-21"),
            ),
            // A past event in December 2019 puts November 21 in 2020, a Saturday.
            (
                "The deal was signed in December 2019. Talks resumed on Saturday.",
                Some("2020-11-21"),
            ),
            // So does a past winter: the winter of 2019 began in December.
            (
                "Sales fell in the winter of 2019. Talks resumed on Saturday.",
                Some("2020-11-21"),
            ),
            // The past alone is not enough: 1931-11-21 was a Saturday, and no Saturday is named.
            ("She was born in 1931. She died on Tuesday.", None),
            // Nor is a past ahead of today.
            (
                "The deal was signed in December 2099. On Sunday, it began.",
                None,
            ),
            // Years ahead and years without a tense do not count.
            ("The plant will open in 2027. It said so on Thursday.", None),
            ("Her 2019 album is out. It came out on Thursday.", None),
            ("No year here. Thursday.", None),
        ];
        for (body, expected) in cases {
            assert_eq!(
                published(&format!("{body}{footer}"), None).as_deref(),
                expected,
                "{body}"
            );
        }
        // The url's year comes first, and a day it does not have leaves the article undated.
        assert_eq!(
            published(footer, Some("https://x.example/2021/huawei")).as_deref(),
            Some("2021-11-21")
        );
        let leap_day = "\nPublished: Feb. 29";
        assert_eq!(published(leap_day, Some("https://x.example/2019/a")), None);
        assert_eq!(
            published(leap_day, Some("https://x.example/2020/a")).as_deref(),
            Some("2020-02-29")
        );
        // A dateline without a url year is read the same way.
        assert_eq!(
            published(
                "WASHINGTON, Nov 21 (Reuters) - The ban was imposed in May 2019, the \
                 department said on Thursday.",
                None
            )
            .as_deref(),
            Some("2019-11-21")
        );
        // The seed article, where ../shared is present: its title line aside, the body.
        if let Some(seed) = crate::extract::seed_article() {
            let body = seed.split_once('\n').map_or("", |(_, body)| body);
            assert_eq!(published(body, None).as_deref(), Some("2019-11-21"));
        }
    }

    #[test]
    fn the_flag_wins_then_metadata_then_text_then_url() {
        let article = |published: Option<&str>, body: &str, url: &str| Article {
            id: "a".into(),
            title: String::new(),
            body: body.into(),
            published: published.map(|p| {
                Date::parse(p, format_description!("[year]-[month]-[day]"))
                    .unwrap()
                    .midnight()
                    .assume_utc()
            }),
            published_source: None,
            url: Some(url.into()),
            authors: Vec::new(),
            source: None,
        };
        let resolved = |mut a: Article, flag: Option<OffsetDateTime>| {
            resolve_published(&mut a, flag);
            (
                a.published.map(|p| p.date().to_string()),
                a.published_source.map(|s| s.as_str()),
            )
        };
        let flag = Some(OffsetDateTime::UNIX_EPOCH);
        let dated = article(
            Some("2020-01-02"),
            "Body.\nPublished: 3 March 2021",
            "/2022/04/05/",
        );
        assert_eq!(
            resolved(dated.clone(), flag),
            (Some("1970-01-01".into()), Some("flag"))
        );
        assert_eq!(
            resolved(dated, None),
            (Some("2020-01-02".into()), Some("metadata"))
        );
        let stated = article(
            None,
            "Body.\nPublished: 3 March 2021",
            "https://x.example/2022/04/05/",
        );
        assert_eq!(
            resolved(stated, None),
            (Some("2021-03-03".into()), Some("text"))
        );
        let in_url = article(None, "Body.", "https://x.example/2022/04/05/a");
        assert_eq!(
            resolved(in_url, None),
            (Some("2022-04-05".into()), Some("url"))
        );
        let dateline = article(
            None,
            "OSLO, March 26 - Only two bids",
            "https://x.example/2025/a",
        );
        assert_eq!(
            resolved(dateline, None),
            (Some("2025-03-26".into()), Some("text"))
        );
        let none = article(None, "Body.", "https://x.example/a");
        assert_eq!(resolved(none, None), (None, None));
    }
}
