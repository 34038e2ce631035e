//! The resolvers: one function per rule that turns a match into a `Found` value, or rejects it,
//! using the published date, the anchor and the words around the match; holidays and their
//! dates live here too.
//!
//! Decides: what each form of date means. Leaves to others: the patterns (`rules`), the words
//! around a match (`context`), the tense of its sentence (`tense`) and the arithmetic of the
//! calendar (`calendar`).

use time::{Date, Duration, Weekday};

use super::calendar::{
    calendar_date, count_word, days_in_month, month_number, number, ordinal_number, place_yearly,
    quarter_of, shift_month, week_value, weekday_after, weekday_before, weekday_from_name,
    weekend_value, year_back, year_of_month_by_tense,
};
use super::context::{
    bare_month_in_context, followed_by_counted_noun, followed_by_number, next_word, next_word_in,
    preceded_by_symbol, prev_word_in, prev_word_is_possessive, prev_word_is_year, prev_word_span,
    starts_sentence, DURATION_FOLLOWERS, SEASON_CONTEXT, YEAR_CONTEXT, YEAR_WEAK_CONTEXT,
};
use super::rules::{TEEN_WORD, TENS_WORD, UNIT_WORD};
use super::scan::{Found, RuleMatch, Scan};
use super::tense::{is_deadline, mention_tense, Tense};
use super::value::{Relative, Season, Value};

/// "2019-11-20", "2019/11/20".
pub(super) fn resolve_iso(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    // The pattern cannot say "no digit follows" without look-ahead; "2019-11-201" is no date.
    if m.whole.as_str().len() < 10 {
        return None;
    }
    let date = calendar_date(
        number(m.text("y")?)?,
        number(m.text("m")?)?,
        number(m.text("d")?)?,
    )?;
    Some(m.found(Value::Day(date)))
}

/// "20/11/2019" (day first unless impossible), "11/20/2019", "20.11.2019".
pub(super) fn resolve_numeric(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let a: u8 = number(m.text("a")?)?;
    let b: u8 = number(m.text("b")?)?;
    let year = number(m.text("y")?)?;
    let (day, month) = if b > 12 { (b, a) } else { (a, b) };
    Some(m.found(Value::Day(calendar_date(year, month, day)?)))
}

/// "November 20, 2019", "Nov. 21", "20 November 2019", "the 20th of November".
pub(super) fn resolve_month_day(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let month = month_number(m.text("mon")?)?;
    let day: u8 = number(m.text("day")?.trim_end_matches(char::is_alphabetic))?;
    let value = match m.text("y") {
        Some(y) => Value::Day(calendar_date(number(y)?, month, day)?),
        None => match scan.published {
            Some(published) => {
                let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
                // "Monday, Oct. 26" fits only the years where Oct. 26 is a Monday.
                let weekday = m.text("wd").and_then(weekday_from_name);
                let date_in = |y| {
                    calendar_date(y, month, day)
                        .filter(|d| weekday.is_none_or(|w| d.weekday() == w))
                };
                let date = place_yearly(published, tense, date_in)
                    .or_else(|| place_yearly(published, tense, |y| calendar_date(y, month, day)))?;
                Value::Day(date)
            }
            None if day <= days_in_month(2000, month) => Value::DayOfUnknownYear { month, day },
            None => return None,
        },
    };
    Some(m.found(value))
}

/// The "25" of "April 24 and 25" or "Nov. 20-21": a day of the month just named.
pub(super) fn resolve_day_list(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let (listed, end) = scan.anchor.get().listed_day?;
    let day_match = m.get("day")?;
    // Only the words of the list may stand between the two days.
    if scan.text.get(end..m.whole.start())?.trim().len() > 1
        || followed_by_counted_noun(scan.text, day_match.end())
    {
        return None;
    }
    let day: u8 = number(day_match.as_str().trim_end_matches(char::is_alphabetic))?;
    let date = calendar_date(listed.year(), listed.month() as u8, day)?;
    if date <= listed {
        return None;
    }
    Some(Found {
        start: day_match.start(),
        end: day_match.end(),
        value: Value::Day(date),
        sets_anchor: true,
    })
}

/// "November 2019", "Nov. 2019", "early November 2019".
pub(super) fn resolve_month_year(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let month = month_number(m.text("mon")?)?;
    let year = number(m.text("y")?)?;
    Some(m.found(Value::Month { year, month }))
}

/// "in May", "last March", "mid-June", "August": a month placed by modifier or tense.
pub(super) fn resolve_month(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let name = m.text("mon")?;
    let month = month_number(name)?;
    let rel = m.text("rel").and_then(Relative::parse);
    if rel.is_none() && !bare_month_in_context(scan.text, m.whole.start(), m.whole.end(), name) {
        return None;
    }
    let published = scan.published?;
    let (year, current) = (published.year(), published.month() as u8);
    let year = match rel {
        // "last February" written in March is a year back: the month just ended would be
        // "in February" or "last month".
        Some(Relative::Last) => {
            if month + 1 < current {
                year
            } else {
                year - 1
            }
        }
        Some(Relative::Next) => {
            if month > current {
                year
            } else {
                year + 1
            }
        }
        Some(Relative::This) => year,
        Some(Relative::Part) | None => {
            let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
            year_of_month_by_tense(published, month, tense)
        }
    };
    Some(m.found(Value::Month { year, month }))
}

/// "the 1990s", "the '90s", "the early 2000s", "1980s".
pub(super) fn resolve_decade(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let value = if let Some(full) = m.text("full") {
        let year: i32 = number(full)?;
        // "the 1900s" is the century; "the 2000s" the decade, as people use them.
        if year % 100 == 0 && year != 2000 {
            Value::Century(year / 100)
        } else {
            Value::Decade(year / 10)
        }
    } else {
        // "90s" alone is too often an age or a temperature: it needs "the" or a modifier.
        let two = m.text("short").or(m.text("bare"))?;
        if m.text("short").is_none() && m.get("the").is_none() && m.get("part").is_none() {
            return None;
        }
        let tens: i32 = number(two)?;
        // Two-digit decades from the '30s up are the 1900s; the '00s to '20s are the 2000s.
        let century = if tens >= 30 { 190 } else { 200 };
        Value::Decade(century + tens / 10)
    };
    Some(m.found(value))
}

/// "nineteen ninety-six", "the year two thousand", "January nineteen ninety-seven".
pub(super) fn resolve_spelled_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let words = m.text("sy")?;
    let year = spelled_year(words)?;
    let (start, end) = (m.whole.start(), m.whole.end());
    // "two thousand people" is a count; "nineteen" forms are years wherever they stand.
    let anchored = m.get("the").is_some()
        || m.get("mon").is_some()
        || words
            .get(..8)
            .is_some_and(|w| w.eq_ignore_ascii_case("nineteen"))
        || prev_word_in(scan.text, start, YEAR_CONTEXT);
    if !anchored || followed_by_counted_noun(scan.text, end) {
        return None;
    }
    let value = match m.text("mon").and_then(month_number) {
        Some(month) => Value::Month { year, month },
        None => Value::Year(year),
    };
    Some(m.found(value))
}

/// The year a spelled-out year stands for.
pub(super) fn spelled_year(words: &str) -> Option<i32> {
    let lower = words.to_ascii_lowercase();
    let mut parts = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and");
    let (century, rest) = match parts.next()? {
        "nineteen" => (1900, parts.collect::<Vec<_>>()),
        "two" if parts.next()? == "thousand" => (2000, parts.collect()),
        _ => return None,
    };
    let mut tail = 0;
    for word in rest {
        tail += match word {
            "hundred" => 0,
            w => small_number_word(w)?,
        };
    }
    Some(century + tail)
}

/// The value of a number word from one to ninety.
fn small_number_word(word: &str) -> Option<i32> {
    let units = UNIT_WORD.split('|').position(|w| w == word);
    let teens = TEEN_WORD.split('|').position(|w| w == word);
    let tens = TENS_WORD.split('|').position(|w| w == word);
    let n = match (units, teens, tens) {
        (Some(i), _, _) => i + 1,
        (_, Some(i), _) => i + 10,
        (_, _, Some(i)) => (i + 2) * 10,
        _ => return None,
    };
    i32::try_from(n).ok()
}

/// "the nineties", "the early sixties": decades of the 1900s.
pub(super) fn resolve_spelled_decade(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let word = m.text("sd")?.to_ascii_lowercase();
    let tens = small_number_word(&format!("{}y", word.strip_suffix("ies")?))?;
    Some(m.found(Value::Decade(190 + tens / 10)))
}

/// "the 20th century" -> `19`.
pub(super) fn resolve_century(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let n: i32 = number(m.text("n")?)?;
    Some(m.found(Value::Century(n - 1)))
}

/// "the third quarter", "third-quarter", "the fourth quarter of 2019", "Q3", "Q3 2019".
pub(super) fn resolve_quarter(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let quarter = match (m.text("q"), m.text("ord")) {
        (Some(q), _) => number(q)?,
        (None, Some(ord)) => ordinal_number(ord)?,
        (None, None) => return None,
    };
    let explicit = m
        .text("y")
        .or(m.text("y2"))
        .or(m.text("y3"))
        .or(m.text("y0"));
    let year = match (explicit, m.text("yrel").and_then(Relative::parse)) {
        (Some(y), _) => number(y)?,
        (None, Some(rel)) => {
            let year = scan.published?.year();
            match rel {
                Relative::Last => year - 1,
                Relative::Next => year + 1,
                Relative::This | Relative::Part => year,
            }
        }
        (None, None) => {
            let published = scan.published?;
            let current = quarter_of(published);
            // A quarter still ahead in the year is last year's, reported late, when the
            // sentence looks back; with no cue, the nearer of the two ("the fourth quarter"
            // in January is last year's, "through the third quarter" in May this year's).
            let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
            let last_years = match tense {
                Tense::Past => quarter > current,
                Tense::Unknown => quarter >= current + 2,
                Tense::Future => false,
            };
            if last_years {
                published.year() - 1
            } else {
                published.year()
            }
        }
    };
    Some(m.found(Value::Quarter { year, quarter }))
}

/// The last quarter that has ended by the published date.
pub(super) fn last_completed_quarter(published: Date) -> (i32, u8) {
    match quarter_of(published) {
        1 => (published.year() - 1, 4),
        q => (published.year(), q - 1),
    }
}

/// The same quarter a year before.
fn quarter_year_before((year, quarter): (i32, u8)) -> Value {
    Value::Quarter {
        year: year - 1,
        quarter,
    }
}

/// "year-earlier", "the year-ago quarter", "the comparable year-ago period", "the year-earlier
/// third quarter": the quarter the text reports on (the last one named), a year before.
pub(super) fn resolve_year_earlier(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let anchor = scan.anchor.get().quarter;
    let ord = m.text("ord").or(m.text("ord2")).and_then(ordinal_number);
    let value = match (ord, anchor) {
        (Some(quarter), Some((year, _))) => quarter_year_before((year, quarter)),
        (Some(quarter), None) => quarter_year_before((published.year(), quarter)),
        (None, Some(anchor)) => quarter_year_before(anchor),
        (None, None) => Value::Year(published.year() - 1),
    };
    let mut found = m.comparison(value);
    // "the year-earlier $4.5 million": the adjective alone is the date.
    if let (None, Some(adj)) = (m.get("noun"), m.get("adj")) {
        found.start = adj.start();
    }
    Some(found)
}

/// "the quarter", "the latest quarter", "the latest period", "the 1988 quarter", "the quarter a
/// year ago": the last quarter named, else the last one that has ended.
pub(super) fn resolve_the_quarter(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let latest = m.get("latest").is_some();
    let year = m.text("y").and_then(number::<i32>);
    // "the period" alone is any stretch of time.
    if m.text("noun")?.eq_ignore_ascii_case("period") && !latest && year.is_none() {
        return None;
    }
    let completed = last_completed_quarter(published);
    let (anchor_year, quarter) = match scan.anchor.get().quarter {
        // "the latest quarter" has ended: a quarter still to come is not it.
        Some(q) if latest && q > completed => completed,
        Some(q) => q,
        None => completed,
    };
    Some(match (year, m.get("ago")) {
        (Some(year), _) => m.comparison(Value::Quarter { year, quarter }),
        (None, Some(_)) => m.comparison(quarter_year_before((anchor_year, quarter))),
        (None, None) => m.found(Value::Quarter {
            year: anchor_year,
            quarter,
        }),
    })
}

/// "a year earlier", "two months before", "three days later": counted from the last date the
/// text named (the quarter or the written day, whichever came last), else from publication.
pub(super) fn resolve_earlier(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let dir = m.text("dir")?;
    // "a year before the war": the anchor is an event, not a date.
    if dir.eq_ignore_ascii_case("before") && next_word(scan.text, m.whole.end()).is_some() {
        let gap = scan.text.get(m.whole.end()..).unwrap_or("");
        if gap.trim_start().starts_with(char::is_alphanumeric) {
            return None;
        }
    }
    let n = count_word(m.text("n")?)?;
    let n = if dir.eq_ignore_ascii_case("later") {
        n
    } else {
        -n
    };
    let anchor = scan.anchor.get();
    let day = anchor.written_day.or(anchor.day).unwrap_or(published);
    let quarter_first = anchor
        .quarter
        .filter(|_| !(anchor.day_is_latest && anchor.written_day.is_some()));
    let unit = m.text("unit")?.to_ascii_lowercase();
    let value = match unit.trim_end_matches('s') {
        "year" => match (quarter_first, anchor.written_day) {
            (Some((year, quarter)), _) => Value::Quarter {
                year: i32::try_from(i64::from(year) + n).ok()?,
                quarter,
            },
            (None, Some(day)) => Value::Day(shift_years(day, n)?),
            (None, None) => Value::Year(i32::try_from(i64::from(published.year()) + n).ok()?),
        },
        "month" => {
            let (year, month) = shift_month(day.year(), day.month() as u8, n);
            Value::Month { year, month }
        }
        "week" => week_value(day.checked_add(Duration::weeks(n))?),
        _ => Value::Day(day.checked_add(Duration::days(n))?),
    };
    Some(m.comparison(value))
}

/// "year-end", "by year's end", "the end of the year", "year-end 1988": the year it closes.
pub(super) fn resolve_year_end(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let year = match m.text("y") {
        Some(y) => number(y)?,
        None => {
            let published = scan.published?;
            // "since year-end" is the end of last year.
            if prev_word_in(scan.text, m.whole.start(), &["since"]) {
                published.year() - 1
            } else {
                published.year()
            }
        }
    };
    Some(m.found(Value::Year(year)))
}

/// "the full year", "the fiscal year", "the current fiscal year": the year of publication.
pub(super) fn resolve_full_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    Some(m.found(Value::Year(scan.published?.year())))
}

/// "that year", "later that year", "the following month", "the previous year": a year or
/// month from the last one the text named.
pub(super) fn resolve_that_period(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let anchor = scan.anchor.get();
    let words = m.text("w")?.to_ascii_lowercase();
    let step: i64 = if words.ends_with("following") {
        1
    } else if words.ends_with("previous") || words.ends_with("preceding") {
        -1
    } else {
        0
    };
    let value = if m.text("unit")?.eq_ignore_ascii_case("month") {
        let (year, month) = anchor.month?;
        let (year, month) = shift_month(year, month, step);
        Value::Month { year, month }
    } else {
        Value::Year(i32::try_from(i64::from(anchor.year?) + step).ok()?)
    };
    Some(m.comparison(value))
}

/// "the day before", "the next day", "that day": a day from the last day the text named.
pub(super) fn resolve_day_before(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let words = m.text("w")?.to_ascii_lowercase();
    // "the day before the vote" is anchored to the vote, which only the reader knows.
    let follows = scan.text.get(m.whole.end()..).unwrap_or("").trim_start();
    if (words.ends_with("before") || words.ends_with("after"))
        && follows.starts_with(char::is_alphanumeric)
    {
        return None;
    }
    let day = scan.anchor.get().day.unwrap_or(published);
    let date = if words.ends_with("before") || words.contains("previous") {
        day.previous_day()?
    } else if words.ends_with("after") || words.contains("next") || words.contains("following") {
        day.next_day()?
    } else {
        day
    };
    Some(m.found(Value::Day(date)))
}

/// The same day `n` years later (February 29 becomes February 28).
fn shift_years(day: Date, n: i64) -> Option<Date> {
    let year = i32::try_from(i64::from(day.year()) + n).ok()?;
    let month = day.month() as u8;
    calendar_date(year, month, day.day().min(days_in_month(year, month)))
}

/// "fiscal 2019", "fiscal year 2019", "FY2019".
pub(super) fn resolve_fiscal(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    Some(m.found(Value::Year(number(m.text("y")?)?)))
}

/// "this spring", "last summer", "in the fall", "the summer of 2019", "winter 2019".
pub(super) fn resolve_season(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let season = Season::from_word(m.text("s")?)?;
    if let Some(y) = m.text("y") {
        return Some(m.found(Value::Season {
            year: number(y)?,
            season,
        }));
    }
    let rel = m.text("rel").and_then(Relative::parse);
    // A bare "fall" or "Spring" is a verb or a name unless a preposition introduces it.
    if rel.is_none() && !prev_word_in(scan.text, m.whole.start(), SEASON_CONTEXT) {
        return None;
    }
    let published = scan.published?;
    let now = Season::index_of(published);
    // The same season in this season-year, then moved by the modifier.
    let same_year = now - now.rem_euclid(4) + season.position();
    let index = match rel {
        Some(Relative::Last) => {
            if same_year < now {
                same_year
            } else {
                same_year - 4
            }
        }
        Some(Relative::Next) => {
            if same_year > now {
                same_year
            } else {
                same_year + 4
            }
        }
        Some(Relative::This) | Some(Relative::Part) | None => {
            nearest_season(now, same_year, scan, m)
        }
    };
    Some(m.found(Season::value_at(index)?))
}

/// The occurrence of a season nearest to now, ties broken by tense then by the same year.
fn nearest_season(now: i64, same_year: i64, scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> i64 {
    let candidates = [same_year - 4, same_year, same_year + 4];
    let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
    let score = |&c: &i64| {
        let fits_tense = match tense {
            Tense::Past => c <= now,
            Tense::Future => c >= now,
            Tense::Unknown => true,
        };
        ((c - now).abs(), !fits_tense, c != same_year)
    };
    candidates
        .into_iter()
        .min_by_key(score)
        .unwrap_or(same_year)
}

/// "this week", "earlier this week", "last month", "next year", "this quarter", "this weekend".
pub(super) fn resolve_unit(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    // "the last year" / "over the next month" are durations, not dates.
    if prev_word_in(scan.text, m.whole.start(), &["the", "past"]) {
        return None;
    }
    let published = scan.published?;
    let rel = Relative::parse(m.text("rel")?)?;
    let step: i64 = match rel {
        Relative::Last => -1,
        Relative::Next => 1,
        Relative::This | Relative::Part => 0,
    };
    let unit = m.text("unit")?.to_ascii_lowercase();
    let value = match unit.as_str() {
        "week" => week_value(published.checked_add(Duration::weeks(step))?),
        "weekend" => weekend_value(published.checked_add(Duration::weeks(step))?),
        "month" => {
            let (year, month) = shift_month(published.year(), published.month() as u8, step);
            Value::Month { year, month }
        }
        "quarter" => {
            let index = i64::from(published.year()) * 4 + i64::from(quarter_of(published)) - 1;
            let shifted = index + step;
            Value::Quarter {
                year: i32::try_from(shifted.div_euclid(4)).ok()?,
                quarter: u8::try_from(shifted.rem_euclid(4) + 1).ok()?,
            }
        }
        _ => Value::Year(i32::try_from(i64::from(published.year()) + step).ok()?),
    };
    Some(m.found(value))
}

/// "the weekend": the week of the weekend the sentence's tense points to.
pub(super) fn resolve_weekend(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
    let saturday = match tense {
        Tense::Future => weekday_after(published, Weekday::Saturday, true)?,
        Tense::Past | Tense::Unknown => weekday_before(published, Weekday::Saturday, true)?,
    };
    // On a Sunday, the weekend just past is still this weekend.
    Some(m.found(weekend_value(saturday)))
}

/// "two years ago" -> year, "three months ago" -> month, "two weeks ago" -> week.
pub(super) fn resolve_ago(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let unit = m.text("unit")?.to_ascii_lowercase();
    let Some(n) = m.text("n").and_then(count_word) else {
        // "years ago", "a few weeks ago": some time back, no more exact than that.
        return Some(m.found(Value::PastRef));
    };
    let value = match unit.trim_end_matches('s') {
        "day" => Value::Day(published.checked_sub(Duration::days(n))?),
        "week" => week_value(published.checked_sub(Duration::weeks(n))?),
        "month" => {
            let (year, month) = shift_month(published.year(), published.month() as u8, -n);
            Value::Month { year, month }
        }
        // In a quarterly report "a year ago" is the same quarter of last year.
        "year" => match scan.anchor.get().quarter {
            Some(anchor) if n == 1 => return Some(m.comparison(quarter_year_before(anchor))),
            _ => Value::Year(year_back(published, n)?),
        },
        "decade" => Value::Year(year_back(published, n.checked_mul(10)?)?),
        _ => Value::Year(year_back(published, n.checked_mul(100)?)?),
    };
    Some(m.found(value))
}

/// "Thursday", "last Thursday", "next Tuesday", "this Friday".
pub(super) fn resolve_weekday(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let published = scan.published?;
    let weekday = weekday_from_name(m.text("wd")?)?;
    let rel = m.text("rel").and_then(Relative::parse);
    let date = match rel {
        Some(Relative::Last) => weekday_before(published, weekday, false)?,
        Some(Relative::Next) => weekday_after(published, weekday, false)?,
        Some(Relative::This) => {
            let monday_offset = i64::from(published.weekday().number_days_from_monday());
            let offset = i64::from(weekday.number_days_from_monday()) - monday_offset;
            published.checked_add(Duration::days(offset))?
        }
        Some(Relative::Part) | None => {
            let (start, end) = (m.whole.start(), m.whole.end());
            // "Wednesday's ruling" names what has happened, whatever the clause around it
            // ("would look for ways around Wednesday's ruling"), unless it is said to be ahead
            // ("ahead of Sunday's vote").
            if is_possessive(scan.text, end) {
                let date = if is_ahead(scan.text, start) {
                    weekday_after(published, weekday, true)?
                } else {
                    weekday_before(published, weekday, true)?
                };
                return Some(m.found(Value::Day(date)));
            }
            match mention_tense(scan.text, start, end) {
                // "will meet Wednesday" written on a Wednesday is that day.
                Tense::Future => weekday_after(published, weekday, true)?,
                _ if is_deadline(scan.text, start, end) => weekday_after(published, weekday, true)?,
                Tense::Past | Tense::Unknown => weekday_before(published, weekday, true)?,
            }
        }
    };
    Some(m.found(Value::Day(date)))
}

/// Whether the words before `start` put a date ahead: "ahead of Sunday's vote", "the
/// upcoming Sunday's vote". ("Before Friday's purchases" may look back from today.)
fn is_ahead(text: &str, start: usize) -> bool {
    const AHEAD: &[&str] = &["upcoming", "until", "ahead"];
    match prev_word_span(text, start) {
        Some((s, e)) if text[s..e].eq_ignore_ascii_case("of") => prev_word_in(text, s, AHEAD),
        Some(_) => prev_word_in(text, start, AHEAD),
        None => false,
    }
}

/// The endings of a possessive, with a straight or a curly apostrophe.
pub(super) const POSSESSIVE: [&str; 2] = ["'s", "’s"];

/// Whether the word ending at `end` is possessive ("Wednesday's").
fn is_possessive(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    POSSESSIVE.iter().any(|s| {
        rest.strip_prefix(s)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// "Christmas", "Thanksgiving Day", "Easter 2019": fixed and movable US holidays.
pub(super) fn resolve_holiday(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let name = m.text("h")?;
    let holiday = Holiday::from_name(name)?;
    let explicit = m.text("y").and_then(number::<i32>);
    // "Christmas shopping", "Easter eggs": a one-word holiday is a date only after a preposition.
    let one_word = !name.contains(char::is_whitespace);
    if one_word && explicit.is_none() && !prev_word_in(scan.text, m.whole.start(), HOLIDAY_CONTEXT)
    {
        return None;
    }
    let date = match explicit {
        Some(year) => holiday.date_in(year)?,
        None => {
            let published = scan.published?;
            let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
            place_yearly(published, tense, |y| holiday.date_in(y))?
        }
    };
    Some(m.found(Value::Day(date)))
}

/// Words that introduce a one-word holiday as a date ("before Christmas", "on Easter").
const HOLIDAY_CONTEXT: &[&str] = &[
    "on", "by", "before", "after", "since", "until", "till", "over", "at", "for", "this", "last",
    "next", "during", "around", "through",
];

/// A holiday the extractor can date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Holiday {
    ChristmasEve,
    Christmas,
    NewYearsEve,
    NewYearsDay,
    Thanksgiving,
    Independence,
    Halloween,
    Valentines,
    Veterans,
    Memorial,
    Labor,
    Election,
    Easter,
}

impl Holiday {
    /// The holiday a matched name stands for.
    fn from_name(name: &str) -> Option<Holiday> {
        let eve = name.ends_with("Eve");
        let first = name
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .next()?;
        Some(match first {
            "Christmas" if eve => Holiday::ChristmasEve,
            "Christmas" => Holiday::Christmas,
            "New" if eve => Holiday::NewYearsEve,
            "New" => Holiday::NewYearsDay,
            "Thanksgiving" => Holiday::Thanksgiving,
            "Independence" | "Fourth" => Holiday::Independence,
            "Halloween" => Holiday::Halloween,
            "Valentine" => Holiday::Valentines,
            "Veterans" => Holiday::Veterans,
            "Memorial" => Holiday::Memorial,
            "Labor" => Holiday::Labor,
            "Election" => Holiday::Election,
            "Easter" => Holiday::Easter,
            _ => return None,
        })
    }

    /// The holiday's date in a given year.
    fn date_in(self, year: i32) -> Option<Date> {
        match self {
            Holiday::ChristmasEve => calendar_date(year, 12, 24),
            Holiday::Christmas => calendar_date(year, 12, 25),
            Holiday::NewYearsEve => calendar_date(year, 12, 31),
            Holiday::NewYearsDay => calendar_date(year, 1, 1),
            // The fourth Thursday of November.
            Holiday::Thanksgiving => {
                weekday_after(calendar_date(year, 11, 1)?, Weekday::Thursday, true)?
                    .checked_add(Duration::weeks(3))
            }
            Holiday::Independence => calendar_date(year, 7, 4),
            Holiday::Halloween => calendar_date(year, 10, 31),
            Holiday::Valentines => calendar_date(year, 2, 14),
            Holiday::Veterans => calendar_date(year, 11, 11),
            // The last Monday of May.
            Holiday::Memorial => weekday_before(calendar_date(year, 5, 31)?, Weekday::Monday, true),
            // The first Monday of September.
            Holiday::Labor => weekday_after(calendar_date(year, 9, 1)?, Weekday::Monday, true),
            // The Tuesday after the first Monday of November.
            Holiday::Election => weekday_after(calendar_date(year, 11, 2)?, Weekday::Tuesday, true),
            Holiday::Easter => easter_sunday(year),
        }
    }
}

/// Western Easter Sunday (the anonymous Gregorian algorithm).
fn easter_sunday(year: i32) -> Option<Date> {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c.div_euclid(4), c.rem_euclid(4));
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = u8::try_from((h + l - 7 * m + 114).div_euclid(31)).ok()?;
    let day = u8::try_from((h + l - 7 * m + 114).rem_euclid(31) + 1).ok()?;
    calendar_date(year, month, day)
}

/// "today", "tonight", "yesterday", "tomorrow".
pub(super) fn resolve_day_word(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    // "USA Today" is a newspaper.
    if prev_word_in(scan.text, m.whole.start(), &["usa"]) {
        return None;
    }
    let published = scan.published?;
    let word = m.text("w")?.to_ascii_lowercase();
    let date = match word.as_str() {
        "yesterday" => published.previous_day()?,
        "tomorrow" => published.next_day()?,
        _ => published,
    };
    Some(m.found(Value::Day(date)))
}

/// "now", "currently" -> PRESENT_REF; "recently", "in the past" -> PAST_REF; "soon" -> FUTURE_REF.
pub(super) fn resolve_reference(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    // Like every relative expression, these are only reported for a dated article.
    scan.published?;
    let words = m.text("r")?.to_ascii_lowercase();
    let start = m.whole.start();
    // "these days" starts with "the" too.
    let value = if words.starts_with("the ") {
        // "in the past" is a time; "the past week" a duration, "the future of X" a topic.
        if !prev_word_in(scan.text, start, &["in", "into"])
            || next_word_in(scan.text, m.whole.end(), DURATION_FOLLOWERS)
        {
            return None;
        }
        if words.ends_with("past") {
            Value::PastRef
        } else {
            Value::FutureRef
        }
    } else {
        match words.as_str() {
            "recently" | "lately" => Value::PastRef,
            // "in recent years" is a time; "over recent years" a stretch of it.
            w if w.starts_with("recent") => {
                if !prev_word_in(scan.text, start, &["in", "of"]) {
                    return None;
                }
                Value::PastRef
            }
            // "as soon as" is a conjunction.
            "soon" if prev_word_in(scan.text, start, &["as"]) => return None,
            "soon" => Value::FutureRef,
            // "now that" is a conjunction.
            "now" if next_word_in(scan.text, m.whole.end(), &["that"]) => return None,
            // "Now, he says, ...": a discourse word opening the sentence, not a time.
            "now"
                if scan
                    .text
                    .get(m.whole.end()..)
                    .is_some_and(|t| t.starts_with(','))
                    && starts_sentence(scan.text, start) =>
            {
                return None
            }
            _ => Value::PresentRef,
        }
    };
    Some(m.found(value))
}

/// "in 2019", "2019's", "since 1998", "mid-2019", "the 1996 election"; never "2019 people".
pub(super) fn resolve_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let year = number(m.text("y")?)?;
    let (start, end) = (m.whole.start(), m.whole.end());
    if preceded_by_symbol(scan.text, start) || followed_by_number(scan.text, end) {
        return None;
    }
    let dated = m.get("part").is_some()
        || m.get("pos").is_some()
        || prev_word_in(scan.text, start, YEAR_CONTEXT)
        || prev_word_is_year(scan.text, start)
        || ((prev_word_in(scan.text, start, YEAR_WEAK_CONTEXT)
            || prev_word_is_possessive(scan.text, start))
            && !followed_by_counted_noun(scan.text, end));
    dated.then(|| m.found(Value::Year(year)))
}
