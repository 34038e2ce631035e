//! Publication dates as records give them, and the date bounds users type.

use time::format_description::well_known::{Rfc2822, Rfc3339};
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// The years of publication the index can hold: tantivy stores an instant as nanoseconds
/// since 1970 in 64 bits, which reach from 1677-09-21 to 2262-04-11.
pub const INDEXABLE_YEARS: std::ops::RangeInclusive<i32> = 1678..=2261;

/// Parses a record's publication date: RFC 3339, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS` (also
/// with a `T`, taken as UTC), or RFC 2822. `Ok(None)` for an empty value or `"None"`; an
/// error for a date outside [`INDEXABLE_YEARS`] (a typo such as 1008 for 2008, most often).
pub fn parse_published(text: &str) -> Result<Option<OffsetDateTime>, String> {
    let when = parse_any_published(text)?;
    match when {
        Some(when) if !INDEXABLE_YEARS.contains(&when.year()) => Err(format!(
            "{:?} is outside the years {} to {} the index can hold",
            text.trim(),
            INDEXABLE_YEARS.start(),
            INDEXABLE_YEARS.end()
        )),
        _ => Ok(when),
    }
}

fn parse_any_published(text: &str) -> Result<Option<OffsetDateTime>, String> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("none") || text.eq_ignore_ascii_case("null") {
        return Ok(None);
    }
    if let Ok(when) = OffsetDateTime::parse(text, &Rfc3339) {
        return Ok(Some(when.to_offset(UtcOffset::UTC)));
    }
    if let Ok(when) = OffsetDateTime::parse(text, &Rfc2822) {
        return Ok(Some(when.to_offset(UtcOffset::UTC)));
    }
    let naive = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    let naive_t = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    // Fractional seconds and zones other than RFC 3339's are cut off: the day is what matters.
    let head = text.get(..19).unwrap_or(text);
    for format in [naive, naive_t] {
        if let Ok(when) = PrimitiveDateTime::parse(head, format) {
            return Ok(Some(when.assume_utc()));
        }
    }
    let day = format_description!("[year]-[month]-[day]");
    if let Ok(date) = Date::parse(text.get(..10).unwrap_or(text), day) {
        return Ok(Some(date.midnight().assume_utc()));
    }
    Err(format!("unrecognised date {text:?}"))
}

/// Parses a `--since`/`--until` bound, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, into the first day
/// of the period, or with `end` the first day after it (so bounds are inclusive of the period).
pub fn parse_published_bound(text: &str, end: bool) -> Result<OffsetDateTime, String> {
    let bad = || format!("bad date {text:?}: expected YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = text.trim().split('-').collect();
    let number = |s: &str| s.parse::<i32>().map_err(|_| bad());
    let (start, next) = match parts.as_slice() {
        [y] => {
            let year = number(y)?;
            let first = Date::from_calendar_date(year, Month::January, 1).map_err(|_| bad())?;
            let next = Date::from_calendar_date(year + 1, Month::January, 1).map_err(|_| bad())?;
            (first, next)
        }
        [y, m] => {
            let year = number(y)?;
            let month = u8::try_from(number(m)?)
                .ok()
                .and_then(|m| Month::try_from(m).ok())
                .ok_or_else(bad)?;
            let first = Date::from_calendar_date(year, month, 1).map_err(|_| bad())?;
            let (next_year, next_month) = if month == Month::December {
                (year + 1, Month::January)
            } else {
                (year, month.next())
            };
            let next = Date::from_calendar_date(next_year, next_month, 1).map_err(|_| bad())?;
            (first, next)
        }
        [_, _, _] => {
            let date = Date::parse(text.trim(), format_description!("[year]-[month]-[day]"))
                .map_err(|_| bad())?;
            (date, date.next_day().ok_or_else(bad)?)
        }
        _ => return Err(bad()),
    };
    let day = if end { next } else { start };
    // A bound past what the index holds bounds nothing: clamp it to the edge.
    let earliest = Date::from_calendar_date(*INDEXABLE_YEARS.start(), Month::January, 1);
    let latest = Date::from_calendar_date(*INDEXABLE_YEARS.end() + 1, Month::January, 1);
    let day = day.clamp(earliest.map_err(|_| bad())?, latest.map_err(|_| bad())?);
    Ok(PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_the_index_cannot_hold_are_refused_or_clamped() {
        let refused = parse_published("1008-12-21").unwrap_err();
        assert!(
            refused.contains("outside the years 1678 to 2261"),
            "{refused}"
        );
        assert!(parse_published("2261-12-31").unwrap().is_some());
        let since = parse_published_bound("1000", false).unwrap();
        assert_eq!(since.year(), 1678);
        let until = parse_published_bound("5000-12", true).unwrap();
        assert_eq!(until.year(), 2262);
    }

    #[test]
    fn published_formats_in_the_contract_parse() {
        let cases = [
            ("2019-11-21T14:44:00Z", "2019-11-21"),
            ("2019-11-21T23:30:00-05:00", "2019-11-22"),
            ("2019-11-21", "2019-11-21"),
            ("2019-11-21 14:44:00", "2019-11-21"),
            ("2019-11-21T14:44:00", "2019-11-21"),
            ("2019-11-21T14:44:00.123+0000", "2019-11-21"),
            ("Thu, 21 Nov 2019 14:44:00 +0000", "2019-11-21"),
        ];
        for (text, day) in cases {
            let when = parse_published(text).unwrap().unwrap();
            assert_eq!(when.date().to_string(), day, "{text}");
        }
        assert_eq!(parse_published("None"), Ok(None));
        assert_eq!(parse_published(" "), Ok(None));
        assert!(parse_published("last Tuesday").is_err());
    }

    #[test]
    fn bounds_cover_the_whole_period() {
        let day = |s: &str, end| parse_published_bound(s, end).unwrap().date().to_string();
        assert_eq!(day("2019", false), "2019-01-01");
        assert_eq!(day("2019", true), "2020-01-01");
        assert_eq!(day("2019-12", true), "2020-01-01");
        assert_eq!(day("2019-02", true), "2019-03-01");
        assert_eq!(day("2019-11-30", true), "2019-12-01");
        assert!(parse_published_bound("2019-13", false).is_err());
        assert!(parse_published_bound("soon", false).is_err());
    }
}
