//! What a date mention resolves to: the TIMEX3 `Value` and its TimeML string, seasons, and the
//! modifiers ("last", "next", "this") in front of a relative expression.
//!
//! Decides: how a value is written and which day it starts on. Leaves to others: finding
//! mentions (`rules`), resolving them (`resolve`) and the calendar arithmetic (`calendar`).

use std::fmt;

use time::{Date, Month, Weekday};

/// A resolved TIMEX3 `DATE` value; `Display` writes the TimeML string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value {
    /// `2019-11-20`.
    Day(Date),
    /// `XXXX-11-20`: a month and day whose year is unknown (no published date).
    DayOfUnknownYear { month: u8, day: u8 },
    /// `2019-11`.
    Month { year: i32, month: u8 },
    /// `2019-W47` (ISO week).
    Week { year: i32, week: u8 },
    /// `2019-W47-WE`: the weekend of an ISO week.
    Weekend { year: i32, week: u8 },
    /// `2019-Q4`.
    Quarter { year: i32, quarter: u8 },
    /// `2019-SU`.
    Season { year: i32, season: Season },
    /// `2019`.
    Year(i32),
    /// `199` for the 1990s: the year without its last digit.
    Decade(i32),
    /// `19` for the 20th century / the 1900s: the year without its last two digits.
    Century(i32),
    /// `PRESENT_REF`: "now", "currently".
    PresentRef,
    /// `PAST_REF`: "recently", "in the past".
    PastRef,
    /// `FUTURE_REF`: "soon", "in the future".
    FutureRef,
}

impl Value {
    /// The first day of the period the value names, where it names a year: `2019` gives
    /// 2019-01-01, `2019-Q3` 2019-07-01, a week or its weekend the week's Monday, and a season
    /// the first of its first month (the winter of 2019 starts on 2019-12-01).
    pub(super) fn first_day(self) -> Option<Date> {
        let month_start =
            |year, month: u8| Date::from_calendar_date(year, Month::try_from(month).ok()?, 1).ok();
        match self {
            Value::Day(day) => Some(day),
            Value::Month { year, month } => month_start(year, month),
            Value::Week { year, week } | Value::Weekend { year, week } => {
                Date::from_iso_week_date(year, week, Weekday::Monday).ok()
            }
            Value::Quarter { year, quarter } => {
                month_start(year, quarter.checked_mul(3)?.checked_sub(2)?)
            }
            Value::Season { year, season } => month_start(year, season.first_month()),
            Value::Year(year) => month_start(year, 1),
            Value::DayOfUnknownYear { .. }
            | Value::Decade(_)
            | Value::Century(_)
            | Value::PresentRef
            | Value::PastRef
            | Value::FutureRef => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
            Value::DayOfUnknownYear { month, day } => write!(f, "XXXX-{month:02}-{day:02}"),
            Value::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Value::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
            Value::Weekend { year, week } => write!(f, "{year:04}-W{week:02}-WE"),
            Value::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            Value::Season { year, season } => write!(f, "{year:04}-{}", season.code()),
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Decade(d) => write!(f, "{d:03}"),
            Value::Century(c) => write!(f, "{c:02}"),
            Value::PresentRef => f.write_str("PRESENT_REF"),
            Value::PastRef => f.write_str("PAST_REF"),
            Value::FutureRef => f.write_str("FUTURE_REF"),
        }
    }
}

/// A TimeML season. Winter is counted in the year of its December.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// Seasons in the order they come within a season-year.
    const ALL: [Season; 4] = [Season::Spring, Season::Summer, Season::Fall, Season::Winter];

    /// The TIMEX3 code.
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The month the season starts in; winter's is the December of its year.
    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }

    /// The season named by an English word ("autumn" is fall).
    pub(super) fn from_word(word: &str) -> Option<Season> {
        let lower = word.to_ascii_lowercase();
        match lower.as_str() {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "fall" | "autumn" => Some(Season::Fall),
            "winter" => Some(Season::Winter),
            _ => None,
        }
    }

    /// A running count of seasons (year * 4 + position), so "last"/"next" is plain arithmetic.
    pub(super) fn index_of(date: Date) -> i64 {
        let month = date.month() as u8;
        let (year, pos) = match month {
            3..=5 => (date.year(), 0),
            6..=8 => (date.year(), 1),
            9..=11 => (date.year(), 2),
            12 => (date.year(), 3),
            // January and February close the winter that began the December before.
            _ => (date.year() - 1, 3),
        };
        i64::from(year) * 4 + pos
    }

    /// The value for a running season count.
    pub(super) fn value_at(index: i64) -> Option<Value> {
        let year = i32::try_from(index.div_euclid(4)).ok()?;
        let season = Season::ALL[usize::try_from(index.rem_euclid(4)).ok()?];
        Some(Value::Season { year, season })
    }

    /// This season's position in [`Season::ALL`].
    pub(super) fn position(self) -> i64 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }
}

/// A modifier in front of a relative expression ("last May", "next Tuesday", "this spring").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Relative {
    Last,
    This,
    Next,
    /// "early", "late", "mid-": part of the span, but placed by tense like a bare name.
    Part,
}

impl Relative {
    /// Reads a modifier; "this past" is "last" and "this coming" is "next".
    pub(super) fn parse(words: &str) -> Option<Relative> {
        let mut last_word = "";
        let mut first_word = "";
        for (i, w) in words.split_whitespace().enumerate() {
            if i == 0 {
                first_word = w;
            }
            last_word = w;
        }
        let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        if is(last_word, "past") || is(last_word, "last") || is(last_word, "previous") {
            Some(Relative::Last)
        } else if is(last_word, "coming") || is(last_word, "next") {
            Some(Relative::Next)
        } else if is(last_word, "this") || is(last_word, "current") {
            Some(Relative::This)
        } else if ["early", "late", "mid", "mid-"]
            .iter()
            .any(|p| is(first_word, p))
        {
            Some(Relative::Part)
        } else {
            None
        }
    }
}
