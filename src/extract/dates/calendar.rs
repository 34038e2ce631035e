//! Calendar arithmetic: days in a month, month and weekday names, ordinals and count words,
//! quarters, weeks, weekends, shifting months and years, and placing a yearless date by tense
//! (`place_yearly`).
//!
//! Decides: nothing about the text; pure functions of dates and numbers. Leaves to others:
//! everything that reads words (`context`, `tense`, `resolve`).

use time::{Date, Duration, Month, Weekday};

use crate::extract::vocabulary::{weekday_index, MONTHS};

use super::tense::Tense;
use super::value::Value;

/// Parses a small number, rejecting overflow instead of panicking.
pub(super) fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    digits.parse().ok()
}

/// A valid calendar date, or `None` for "February 30".
pub(super) fn calendar_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The number of days in a month (`month` in 1..=12).
pub(super) fn days_in_month(year: i32, month: u8) -> u8 {
    Month::try_from(month).map_or(31, |m| m.length(year))
}

/// The month number of a full or abbreviated month name.
pub(super) fn month_number(name: &str) -> Option<u8> {
    let key = name.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m[..3].eq_ignore_ascii_case(key))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The weekday a name stands for (by its first three letters, as [`weekday_index`] reads it).
pub(super) fn weekday_from_name(name: &str) -> Option<Weekday> {
    let days = u8::try_from(weekday_index(name)?).ok()?;
    Some(Weekday::Monday.nth_next(days))
}

/// 1 for "first"/"1st", up to 4.
pub(super) fn ordinal_number(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "first" | "1st" => Some(1),
        "second" | "2nd" => Some(2),
        "third" | "3rd" => Some(3),
        "fourth" | "4th" => Some(4),
        _ => None,
    }
}

/// The number a count word or numeral stands for; `None` for vague ones ("a few", "several").
pub(super) fn count_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    let lower = word.to_ascii_lowercase();
    const WORDS: [(&str, i64); 18] = [
        ("a", 1),
        ("an", 1),
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("eleven", 11),
        ("twelve", 12),
        ("fifteen", 15),
        ("twenty", 20),
        ("thirty", 30),
        ("forty", 40),
    ];
    WORDS.iter().find(|(w, _)| *w == lower).map(|&(_, n)| n)
}

/// The quarter (1..=4) a date falls in.
pub(super) fn quarter_of(date: Date) -> u8 {
    (date.month() as u8 - 1) / 3 + 1
}

/// The ISO week a date falls in, as a value.
pub(super) fn week_value(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Week { year, week }
}

/// The weekend of the ISO week of `date`.
pub(super) fn weekend_value(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Weekend { year, week }
}

/// A month moved by `delta` months.
pub(super) fn shift_month(year: i32, month: u8, delta: i64) -> (i32, u8) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(year);
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(month);
    (year, month)
}

/// The published year minus `n`, if representable.
pub(super) fn year_back(published: Date, n: i64) -> Option<i32> {
    i32::try_from(i64::from(published.year()).checked_sub(n)?).ok()
}

/// The most recent `weekday` before `date` (on `date` itself too if `inclusive`).
pub(super) fn weekday_before(date: Date, weekday: Weekday, inclusive: bool) -> Option<Date> {
    let back = (7 + i64::from(date.weekday().number_days_from_monday())
        - i64::from(weekday.number_days_from_monday()))
        % 7;
    let back = if back == 0 && !inclusive { 7 } else { back };
    date.checked_sub(Duration::days(back))
}

/// The next `weekday` after `date` (on `date` itself too if `inclusive`).
pub(super) fn weekday_after(date: Date, weekday: Weekday, inclusive: bool) -> Option<Date> {
    let ahead = (7 + i64::from(weekday.number_days_from_monday())
        - i64::from(date.weekday().number_days_from_monday()))
        % 7;
    let ahead = if ahead == 0 && !inclusive { 7 } else { ahead };
    date.checked_add(Duration::days(ahead))
}

/// The year of a bare month: the last one on or before the published month in the past
/// tense, the next one on or after it in the future, else the nearer (ties go to the past).
pub(super) fn year_of_month_by_tense(published: Date, month: u8, tense: Tense) -> i32 {
    let (year, current) = (published.year(), published.month() as u8);
    match tense {
        Tense::Past if month > current => year - 1,
        Tense::Future if month < current => year + 1,
        Tense::Past | Tense::Future => year,
        Tense::Unknown => {
            let diff = i32::from(month) - i32::from(current);
            if diff > 6 {
                year - 1
            } else if diff < -6 {
                year + 1
            } else {
                year
            }
        }
    }
}

/// How many days of distance a date in another calendar year that contradicts the tense
/// costs (~10 months): enough to prefer "January 5" this year over next in a past-tense
/// November sentence, not enough to move "by Jan. 14" a year ahead in an article of Jan. 15
/// whose tense was misread.
const AGAINST_TENSE_DAYS: i64 = 300;

/// How many days a date of the published year that contradicts the tense costs (~4 months):
/// news leaves the year out of dates in the current year (AP style), and a "payable Dec. 15"
/// after "declared" is still this December's.
const AGAINST_TENSE_SAME_YEAR_DAYS: i64 = 120;

/// How many days a date outside the published calendar year costs.
const OTHER_YEAR_DAYS: i64 = 60;

/// How many days a date after the published one costs when the tense is unknown: news
/// mostly reports what has happened.
const FUTURE_UNCUED_DAYS: i64 = 90;

/// Places a yearly date (a month-day, a holiday) in the year before, of or after publication:
/// the nearest occurrence, with a cost for contradicting the tense.
pub(super) fn place_yearly(
    published: Date,
    tense: Tense,
    date_in: impl Fn(i32) -> Option<Date>,
) -> Option<Date> {
    let year = published.year();
    let cost = |d: &Date| {
        let days = (*d - published).whole_days();
        let same_year = d.year() == year;
        let against_tense = if same_year {
            AGAINST_TENSE_SAME_YEAR_DAYS
        } else {
            AGAINST_TENSE_DAYS
        };
        let against = match tense {
            Tense::Past if days > 0 => against_tense,
            Tense::Future if days < 0 => against_tense,
            Tense::Unknown if days > 0 => FUTURE_UNCUED_DAYS,
            _ => 0,
        };
        let other_year = if same_year { 0 } else { OTHER_YEAR_DAYS };
        days.abs() + against + other_year
    };
    [year - 1, year, year + 1]
        .into_iter()
        .filter_map(date_in)
        .min_by_key(cost)
}
