//! Calendar dates mentioned in an article's text, as TIMEX3 `DATE` values.
//!
//! Every form the extractor knows is a `Rule`: a regex for the expression itself and a
//! resolver that turns a match into a `Value` (or rejects it). The rules are joined into one
//! regex, tried in priority order at each position (most specific first, so "November 20, 2019"
//! wins over "November"), so the text is scanned once whatever the number of rules; each rule
//! is also compiled alone, to read the groups of the one that matched (`Rules::rule_at`). A
//! rejected match does not hide a date that starts inside it: the scan resumes at its next
//! character.
//!
//! Resolution works in four steps:
//! - absolute dates ("Nov. 20, 2019", "2019-11-20", "the 1990s", "nineteen ninety-six") need
//!   nothing else;
//! - dates with a missing year ("Nov. 21", "in May") and relative ones ("yesterday", "last
//!   week", "two years ago") are resolved against the published date, and skipped without one;
//! - anaphoric ones are resolved, as TimeML does, against the last date of their kind the text
//!   named (`Anchor`): "the quarter" and "the latest quarter" are the last quarter named (else
//!   the last one that has ended), "a year earlier" and "the year-ago quarter" that quarter a
//!   year before (or the last written day a year before), "the day before" and "that day" the
//!   last day named, "that year" and "the following month" the last year or month;
//! - a bare weekday, month, season, holiday or yearless month-day is placed before or after
//!   the published date by the tense of its sentence (`sentence_tense`): the nearest cue word
//!   ("said", "was", "-ed" verbs but not passives or adjectives; "will", "is expected to",
//!   "payable", "scheduled"), a cue before the mention weighing more than one after it; a
//!   deadline ("until", "by", "as soon as") looks ahead whatever the verb; with no cue a
//!   weekday is taken as past, which is what news usually means by a bare "Tuesday", and a
//!   month-day leans to the past and to the published year (`place_yearly`).
//!
//! Context a regex cannot see (the word before a bare "May" or "2019") is checked by the
//! resolvers, so the spans never include leading "on", "in" or "since".
//!
//! Not handled (yet): durations, times of day and sets (by design); dates anchored to an event
//! rather than a date ("the day before the vote" is skipped); spelled-out days ("March
//! eighth"); halves of years; two-digit years ("11/20/19"); TimeML's `mod` ("early 2019" is
//! just `2019`); `X` placeholders
//! ("1989-WXX"); adjectives TimeML sometimes annotates ("current", "recent", "future"), which
//! its annotators mark in only about half their uses.
//!
//! Cost is linear in the text: one pass of one combined regex (the `regex` crate never
//! backtracks), a rejected match searched again from its next character, each match resolved
//! against a fixed-size anchor rather than the dates before it, and tense read in a window of
//! [`TENSE_WINDOW`] bytes. Each match is charged to the article's work budget.

use std::cell::Cell;
use std::fmt;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use time::{Date, Duration, Month, Weekday};

use super::budget;
use super::lexicon::ABBREVIATIONS;
use super::{DateMention, TextField};

/// Finds the calendar dates in `text`, resolved against `published` where they are relative.
///
/// Mentions come in text order and never overlap; offsets are byte offsets into `text`.
pub fn find_dates(text: &str, field: TextField, published: Option<Date>) -> Vec<DateMention> {
    let mut mentions = Vec::new();
    each_date(text, published, |found| {
        if let Some(span) = text.get(found.start..found.end) {
            mentions.push(DateMention {
                text: span.to_string(),
                value: found.value.to_string(),
                field,
                start: found.start,
                end: found.end,
            });
        }
    });
    mentions
}

/// Calls `each` with every date of `text`, in order, resolved against `published`.
fn each_date(text: &str, published: Option<Date>, mut each: impl FnMut(&Found)) {
    let rules = &*RULES;
    let scan = Scan {
        text,
        published,
        anchor: Cell::new(Anchor::default()),
    };
    let mut pos = 0;
    while let Some(whole) = rules.combined.find_at(text, pos) {
        budget::charge(1 + whole.len() as u64);
        let head = text.get(..whole.end()).unwrap_or(text);
        let found = rules.rule_at(head, whole.start()).and_then(|(rule, caps)| {
            let hit = RuleMatch {
                caps: &caps,
                whole: caps.get(0)?,
            };
            Some(((rule.resolve)(&scan, &hit)?, rule.name))
        });
        let Some((found, rule)) = found else {
            // A rejected match ("through 12" of "through 12 June", "Theresa May") must not
            // hide a date that starts inside it: search again from its next character.
            let next_char = text.get(whole.start()..).and_then(|t| t.chars().next());
            pos = whole.start() + next_char.map_or(1, char::len_utf8);
            if pos > text.len() {
                break;
            }
            continue;
        };
        pos = whole.end();
        if found.sets_anchor {
            scan.anchor
                .set(scan.anchor.get().after(published, rule, &found));
        }
        each(&found);
    }
}

/// The earliest day an undated text can have been written on, judging by what it tells as
/// past: the first day of the latest year, month or day it names in a past-tense sentence
/// ("moved to California in 2019" gives 2019-01-01). Dates without a year say nothing here.
pub(crate) fn latest_past_date(text: &str) -> Option<Date> {
    let mut latest = None;
    each_date(text, None, |found| {
        if mention_tense(text, found.start, found.end) == Tense::Past {
            latest = latest.max(found.value.first_day());
        }
    });
    latest
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// A resolved TIMEX3 `DATE` value; `Display` writes the TimeML string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value {
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
    fn first_day(self) -> Option<Date> {
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
enum Season {
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
    fn from_word(word: &str) -> Option<Season> {
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
    fn index_of(date: Date) -> i64 {
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
    fn value_at(index: i64) -> Option<Value> {
        let year = i32::try_from(index.div_euclid(4)).ok()?;
        let season = Season::ALL[usize::try_from(index.rem_euclid(4)).ok()?];
        Some(Value::Season { year, season })
    }

    /// This season's position in [`Season::ALL`].
    fn position(self) -> i64 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }
}

/// Which way from the published date a sentence points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
    /// No cue in the sentence.
    Unknown,
}

/// A modifier in front of a relative expression ("last May", "next Tuesday", "this spring").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relative {
    Last,
    This,
    Next,
    /// "early", "late", "mid-": part of the span, but placed by tense like a bare name.
    Part,
}

impl Relative {
    /// Reads a modifier; "this past" is "last" and "this coming" is "next".
    fn parse(words: &str) -> Option<Relative> {
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

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/// The text being scanned and what it is resolved against.
struct Scan<'t> {
    text: &'t str,
    published: Option<Date>,
    /// The dates mentioned so far that later anaphoric mentions refer to.
    anchor: Cell<Anchor>,
}

/// The running reference dates of a text: TimeML resolves "the quarter", "a year earlier" or
/// "the day before" against the last date of their kind the text mentioned, not the
/// published date.
#[derive(Debug, Clone, Copy, Default)]
struct Anchor {
    /// The last quarter named ("the third quarter", "third-quarter", "Q3").
    quarter: Option<(i32, u8)>,
    /// The last day written out ("Sept. 30", "2019-11-20"), for "a year earlier".
    written_day: Option<Date>,
    /// Whether the written day came after the quarter, so it is the nearer anchor.
    day_is_latest: bool,
    /// The last day of any form ("Tuesday", "yesterday" too), for "the day before".
    day: Option<Date>,
    /// The month of the last day or month named, for "the following month".
    month: Option<(i32, u8)>,
    /// The year of the last date named, for "that year".
    year: Option<i32>,
    /// The last written day and where its mention ended, for the "25" of "April 24 and 25".
    listed_day: Option<(Date, usize)>,
}

impl Anchor {
    /// The anchors once `found`, a mention of `rule`, has been read.
    fn after(self, published: Option<Date>, rule: &str, found: &Found) -> Anchor {
        let mut next = self;
        match found.value {
            Value::Day(d) => {
                next.month = Some((d.year(), d.month() as u8));
                next.year = Some(d.year());
            }
            Value::Month { year, month } => {
                next.month = Some((year, month));
                next.year = Some(year);
            }
            Value::Year(year) | Value::Quarter { year, .. } | Value::Season { year, .. } => {
                next.year = Some(year);
            }
            _ => {}
        }
        match found.value {
            // A quarter still to come ("fourth-quarter sales will") is an outlook, not the
            // quarter a report is about.
            Value::Quarter { year, quarter }
                if published.is_some_and(|p| (year, quarter) <= last_completed_quarter(p)) =>
            {
                next.quarter = Some((year, quarter));
                next.day_is_latest = false;
            }
            Value::Day(date) => {
                next.day = Some(date);
                // "the quarter ended Sept. 30" describes the quarter; it anchors nothing new.
                if matches!(rule, "month_day" | "day_list") {
                    next.listed_day = Some((date, found.end));
                }
                if matches!(rule, "iso" | "numeric" | "month_day" | "day_month") {
                    next.written_day = Some(date);
                    next.day_is_latest = true;
                }
            }
            _ => {}
        }
        next
    }
}

/// A resolved mention: its span in the text and its value.
struct Found {
    start: usize,
    end: usize,
    value: Value,
    /// Whether later anaphoric mentions may refer to this one; comparisons ("a year
    /// earlier", "the year-ago quarter") are not what "the quarter" means.
    sets_anchor: bool,
}

/// Turns one match of a rule into a mention, or rejects it (wrong context, impossible date).
type Resolve = fn(&Scan<'_>, &RuleMatch<'_, '_>) -> Option<Found>;

/// One form of date expression.
struct Rule {
    /// A short name, used to prefix the rule's capture groups in the combined regex.
    name: &'static str,
    /// The expression without surrounding context; named groups are the resolver's inputs.
    pattern: String,
    resolve: Resolve,
}

/// A rule compiled on its own, to read its groups once the combined regex found a match.
struct CompiledRule {
    rule: Rule,
    regex: Regex,
}

/// All rules: one regex of them all in priority order finds the next match fast; a set of
/// them tells which rules can match there; the first of those that matches the same span
/// reads its groups. Asking the combined regex for groups instead would run its slow engines
/// over every rule at every match.
struct Rules {
    combined: Regex,
    set: RegexSet,
    compiled: Vec<CompiledRule>,
}

/// One rule's match.
struct RuleMatch<'r, 't> {
    caps: &'r Captures<'t>,
    whole: regex::Match<'t>,
}

impl<'t> RuleMatch<'_, 't> {
    /// The rule's named group, if it took part in the match.
    fn get(&self, name: &str) -> Option<regex::Match<'t>> {
        self.caps.name(name)
    }

    /// The text of the rule's named group, if it took part in the match.
    fn text(&self, name: &str) -> Option<&'t str> {
        self.get(name).map(|m| m.as_str())
    }

    /// A mention spanning the whole match.
    fn found(&self, value: Value) -> Found {
        Found {
            start: self.whole.start(),
            end: self.whole.end(),
            value,
            sets_anchor: true,
        }
    }

    /// A mention spanning the whole match that later mentions do not refer to.
    fn comparison(&self, value: Value) -> Found {
        Found {
            sets_anchor: false,
            ..self.found(value)
        }
    }
}

impl Rules {
    /// Compiles the rules: joined in order, as a set, and one by one.
    fn compile(rules: Vec<Rule>) -> Rules {
        // Group names repeat across rules, so the joined regex prefixes them.
        let alternatives: Vec<String> = rules
            .iter()
            .map(|r| {
                let prefixed = r.pattern.replace("(?P<", &format!("(?P<{}_", r.name));
                format!("(?:{prefixed})")
            })
            .collect();
        // The patterns are constants of this file: a failure is a bug the tests catch.
        let combined = RegexBuilder::new(&alternatives.join("|"))
            .size_limit(1 << 26)
            .dfa_size_limit(1 << 25)
            .build()
            .expect("date rules compile");
        let set = RegexSetBuilder::new(rules.iter().map(|r| &r.pattern))
            .size_limit(1 << 26)
            .dfa_size_limit(1 << 25)
            .build()
            .expect("date rules compile as a set");
        let compiled = rules
            .into_iter()
            .map(|rule| {
                let regex = RegexBuilder::new(&rule.pattern)
                    .size_limit(1 << 24)
                    .build()
                    .expect("date rule compiles");
                CompiledRule { rule, regex }
            })
            .collect();
        Rules {
            combined,
            set,
            compiled,
        }
    }

    /// The rule that matches `head[start..]` to its end, first in priority order, and its
    /// groups. `head` is the text cut at the end of the combined regex's match; a rule
    /// cannot match the same span there unless it matches it in the whole text.
    fn rule_at<'r, 't>(&'r self, head: &'t str, start: usize) -> Option<(&'r Rule, Captures<'t>)> {
        self.set.matches_at(head, start).iter().find_map(|i| {
            let compiled = self.compiled.get(i)?;
            let caps = compiled.regex.captures_at(head, start)?;
            let whole = caps.get(0)?;
            (whole.start() == start && whole.end() == head.len()).then_some((&compiled.rule, caps))
        })
    }
}

/// An ASCII word boundary: the Unicode one would stop the fast regex engine on non-ASCII text.
const WB: &str = r"(?-u:\b)";
/// Full month names, capitalised as in running text.
const MONTH_NAME: &str =
    "January|February|March|April|May|June|July|August|September|October|November|December";
/// Month abbreviations as news style writes them.
const MONTH_ABBR: &str = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";
/// Weekday names.
const WEEKDAY: &str = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
/// A day of the month, with an optional ordinal suffix.
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
/// A four-digit year in the range news writes about.
const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2})";
/// "early", "late", "mid" as a prefix of a month, season or year.
const PART: &str = r"(?i:early|late|mid)";

/// Tens as words ("ninety" in "nineteen ninety-six").
const TENS_WORD: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/// Units as words.
const UNIT_WORD: &str = "one|two|three|four|five|six|seven|eight|nine";
/// Ten to nineteen as words.
const TEEN_WORD: &str =
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
/// A year spelled out as broadcast transcripts write it: "nineteen ninety-six", "two
/// thousand", "two thousand and one".
static SPELLED_YEAR: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?i:nineteen[-\s](?:(?:{TENS_WORD})(?:[-\s](?:{UNIT_WORD}))?|{TEEN_WORD}|hundred)|two\s+thousand(?:(?:\s+and)?[-\s](?:{UNIT_WORD}|{TEEN_WORD}))?)"
    )
});

/// The rules in priority order: at one position the first that matches wins.
static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::compile(rule_list()));

/// The rule table. To support a new form, add a rule here (before any rule that would match a
/// prefix of it) and a resolver below.
fn rule_list() -> Vec<Rule> {
    let month = format!("(?:{MONTH_NAME}|{MONTH_ABBR})");
    let spelled_year = SPELLED_YEAR.as_str();
    let rule = |name, pattern: String, resolve: Resolve| Rule {
        name,
        pattern,
        resolve,
    };
    vec![
        rule(
            "iso",
            format!(r"{WB}(?P<y>{YEAR})[-/](?P<m>0[1-9]|1[0-2])[-/](?P<d>0[1-9]|[12][0-9]|3[01])"),
            resolve_iso,
        ),
        rule(
            "numeric",
            format!(r"{WB}(?P<a>[0-9]{{1,2}})[/.](?P<b>[0-9]{{1,2}})[/.](?P<y>{YEAR}){WB}"),
            resolve_numeric,
        ),
        rule(
            "month_day",
            format!(
                r"{WB}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{month})\s*(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{WB}"
            ),
            resolve_month_day,
        ),
        rule(
            "day_month",
            format!(
                r"{WB}(?:(?i:the)\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{month})(?:,?\s+(?P<y>{YEAR}))?{WB}"
            ),
            resolve_month_day,
        ),
        rule(
            "day_list",
            format!(r"(?:{WB}(?:and|or|to|through)|-|–)\s*(?P<day>{DAY}){WB}"),
            resolve_day_list,
        ),
        rule(
            "month_year",
            format!(r"{WB}(?:{PART}(?:-|\s+))?(?P<mon>{month})(?:\s+of)?,?\s+(?P<y>{YEAR}){WB}"),
            resolve_month_year,
        ),
        rule(
            "spelled_year",
            format!(
                r"{WB}(?:(?P<the>(?i:the\s+year))\s+|(?P<mon>{MONTH_NAME})\s+)?(?P<sy>{spelled_year}){WB}"
            ),
            resolve_spelled_year,
        ),
        rule(
            "month",
            format!(
                r"{WB}(?:(?P<rel>(?i:last|next|this|early|late|mid))(?:-|\s+))?(?P<mon>{MONTH_NAME}){WB}"
            ),
            resolve_month,
        ),
        rule(
            "spelled_decade",
            format!(
                r"{WB}(?i:the)\s+(?:{PART}(?:-|\s+))?(?P<sd>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)){WB}"
            ),
            resolve_spelled_decade,
        ),
        rule(
            "decade",
            format!(
                r"(?:{WB}(?P<the>(?i:the))\s+)?(?:{WB}(?P<part>{PART})(?:-|\s+))?(?:{WB}(?P<full>1[0-9]{{2}}0|20[0-9]0)|['’](?P<short>[0-9]0)|{WB}(?P<bare>[0-9]0))s{WB}"
            ),
            resolve_decade,
        ),
        rule(
            "century",
            format!(
                r"{WB}(?:(?i:the)\s+)?(?:{PART}(?:-|\s+))?(?P<n>1[0-9]|2[01]|[1-9])(?:st|nd|rd|th)\s+century{WB}"
            ),
            resolve_century,
        ),
        rule(
            "year_end",
            format!(
                r"{WB}(?:(?i:year[-\s]end|year['’]s\s+end)|(?i:the)\s+end\s+of\s+(?i:the|this)\s+year)(?:,?\s+(?P<y>{YEAR}))?{WB}"
            ),
            resolve_year_end,
        ),
        rule(
            "full_year",
            format!(r"{WB}(?i:the\s+(?:current\s+)?(?:full|fiscal)\s+year){WB}"),
            resolve_full_year,
        ),
        rule(
            "that_period",
            format!(
                r"{WB}(?:(?P<pre>(?i:earlier|later))\s+)?(?P<w>(?i:that|the\s+same|the\s+following|the\s+previous|the\s+preceding))\s+(?P<unit>(?i:year|month)){WB}"
            ),
            resolve_that_period,
        ),
        rule(
            "year_earlier",
            format!(
                r"{WB}(?:(?P<the>(?i:the))\s+)?(?:(?i:comparable|corresponding|same)\s+)?(?P<adj>(?i:year-earlier|year-ago|prior-year))(?:\s+(?:(?P<ord>(?i:first|second|third|fourth))[-\s](?:(?i:fiscal)\s+)?)?(?P<noun>(?i:quarter|period)))?{WB}|{WB}(?i:the\s+(?:corresponding|comparable|same)\s+(?P<noun2>quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier))|last\s+year['’]s\s+(?:(?P<ord2>first|second|third|fourth)[-\s])?(?P<noun3>quarter|period)){WB}"
            ),
            resolve_year_earlier,
        ),
        rule(
            "the_quarter",
            format!(
                r"{WB}(?i:the|that)\s+(?:(?P<latest>(?i:latest|most\s+recent|recent|just-ended|just-completed))\s+)?(?:(?P<y>{YEAR})\s+)?(?:(?i:fiscal)\s+)?(?P<noun>(?i:quarter|period))(?P<ago>\s+(?i:a\s+year\s+(?:ago|earlier)))?{WB}"
            ),
            resolve_the_quarter,
        ),
        rule(
            "earlier",
            format!(
                r"{WB}(?P<n>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)|[0-9]{{1,2}})\s+(?P<unit>(?i:years?|months?|weeks?|days?))\s+(?P<dir>(?i:earlier|before)){WB}"
            ),
            resolve_earlier,
        ),
        rule(
            "day_before",
            format!(
                r"{WB}(?P<w>(?i:the\s+day\s+before|the\s+previous\s+day|the\s+day\s+after|the\s+next\s+day|the\s+following\s+day|the\s+same\s+day|(?:(?:earlier|later)\s+)?that\s+(?:same\s+)?day)){WB}"
            ),
            resolve_day_before,
        ),
        rule(
            "quarter",
            format!(
                r"{WB}(?:(?i:the)\s+)?(?:(?P<y0>{YEAR})\s+|(?P<yrel>(?i:this|last|next))\s+year['’]s\s+)?(?:(?i:fiscal)[-\s])?(?P<ord>(?i:first|second|third|fourth)|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR})|,?\s+(?P<y2>{YEAR}))?{WB}|{WB}Q(?P<q>[1-4])(?:(?:\s+|-)(?P<y3>{YEAR}))?{WB}"
            ),
            resolve_quarter,
        ),
        rule(
            "fiscal",
            format!(r"{WB}(?:(?i:fiscal)\s+(?:year\s+)?|FY\s?)(?P<y>{YEAR}){WB}"),
            resolve_fiscal,
        ),
        rule(
            "season",
            format!(
                r"{WB}(?:(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|early|late|mid))(?:-|\s+)|(?i:the)\s+)?(?P<s>(?i:spring|summer|fall|autumn|winter))(?:(?:\s+of)?,?\s+(?P<y>{YEAR}))?{WB}"
            ),
            resolve_season,
        ),
        rule(
            "unit",
            format!(
                r"{WB}(?:(?P<pre>(?i:earlier|later|early|late))\s+)?(?P<rel>(?i:this\s+past|this|last|next|the\s+current|the\s+coming))\s+(?P<unit>(?i:weekend|week|month|quarter|year)){WB}"
            ),
            resolve_unit,
        ),
        rule(
            "weekend",
            format!(r"{WB}(?i:the)\s+weekend{WB}"),
            resolve_weekend,
        ),
        rule(
            "ago",
            format!(
                r"{WB}(?:(?P<n>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+few|a\s+couple\s+of|a\s+dozen|several|some|many)|[0-9]{{1,3}})\s+)?(?P<unit>(?i:days?|weeks?|months?|years?|decades?|century|centuries))\s+(?i:ago){WB}"
            ),
            resolve_ago,
        ),
        rule(
            "weekday",
            format!(
                r"{WB}(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|early|late))\s+)?(?P<wd>{WEEKDAY}){WB}"
            ),
            resolve_weekday,
        ),
        rule(
            "holiday",
            format!(
                r"{WB}(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|Memorial\s+Day|Labor\s+Day|Election\s+Day|Easter(?:\s+Sunday)?)(?:,?\s+(?P<y>{YEAR}))?{WB}"
            ),
            resolve_holiday,
        ),
        rule(
            "day_word",
            format!(r"{WB}(?P<w>(?i:today|tonight|yesterday|tomorrow)){WB}"),
            resolve_day_word,
        ),
        rule(
            "reference",
            format!(
                r"{WB}(?P<r>(?i:now|currently|presently|nowadays|these\s+days|at\s+present|recently|lately|soon|recent\s+years|the\s+(?:near\s+|distant\s+)?future|the\s+past)){WB}"
            ),
            resolve_reference,
        ),
        rule(
            "year",
            format!(r"{WB}(?:(?P<part>{PART})(?:-|\s+))?(?P<y>{YEAR})(?P<pos>['’]s)?{WB}"),
            resolve_year,
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Resolvers
// ---------------------------------------------------------------------------------------------

/// "2019-11-20", "2019/11/20".
fn resolve_iso(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_numeric(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let a: u8 = number(m.text("a")?)?;
    let b: u8 = number(m.text("b")?)?;
    let year = number(m.text("y")?)?;
    let (day, month) = if b > 12 { (b, a) } else { (a, b) };
    Some(m.found(Value::Day(calendar_date(year, month, day)?)))
}

/// "November 20, 2019", "Nov. 21", "20 November 2019", "the 20th of November".
fn resolve_month_day(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_day_list(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_month_year(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let month = month_number(m.text("mon")?)?;
    let year = number(m.text("y")?)?;
    Some(m.found(Value::Month { year, month }))
}

/// "in May", "last March", "mid-June", "August": a month placed by modifier or tense.
fn resolve_month(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_decade(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_spelled_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn spelled_year(words: &str) -> Option<i32> {
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
fn resolve_spelled_decade(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let word = m.text("sd")?.to_ascii_lowercase();
    let tens = small_number_word(&format!("{}y", word.strip_suffix("ies")?))?;
    Some(m.found(Value::Decade(190 + tens / 10)))
}

/// "the 20th century" -> `19`.
fn resolve_century(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    let n: i32 = number(m.text("n")?)?;
    Some(m.found(Value::Century(n - 1)))
}

/// "the third quarter", "third-quarter", "the fourth quarter of 2019", "Q3", "Q3 2019".
fn resolve_quarter(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn last_completed_quarter(published: Date) -> (i32, u8) {
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
fn resolve_year_earlier(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_the_quarter(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_earlier(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_year_end(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_full_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    Some(m.found(Value::Year(scan.published?.year())))
}

/// "that year", "later that year", "the following month", "the previous year": a year or
/// month from the last one the text named.
fn resolve_that_period(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_day_before(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_fiscal(_: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
    Some(m.found(Value::Year(number(m.text("y")?)?)))
}

/// "this spring", "last summer", "in the fall", "the summer of 2019", "winter 2019".
fn resolve_season(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_unit(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_weekend(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_ago(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_weekday(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
const POSSESSIVE: [&str; 2] = ["'s", "’s"];

/// Whether the word ending at `end` is possessive ("Wednesday's").
fn is_possessive(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    POSSESSIVE.iter().any(|s| {
        rest.strip_prefix(s)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// "Christmas", "Thanksgiving Day", "Easter 2019": fixed and movable US holidays.
fn resolve_holiday(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_day_word(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_reference(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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
fn resolve_year(scan: &Scan<'_>, m: &RuleMatch<'_, '_>) -> Option<Found> {
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

// ---------------------------------------------------------------------------------------------
// Context: words around a match
// ---------------------------------------------------------------------------------------------

/// Words that make a following bare year a date.
const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "before",
    "after",
    "during",
    "from",
    "through",
    "throughout",
    "into",
    "circa",
    "year",
    "spring",
    "summer",
    "autumn",
    "winter",
];

/// Words that make a following bare year a date unless a counted noun follows ("by 2000 votes").
const YEAR_WEAK_CONTEXT: &[&str] = &[
    "of", "by", "to", "between", "and", "or", "than", "the", "a", "its", "his", "her", "their",
    "for", "fall", "late", "early", "both", "that", "this", "due",
];

/// Words that introduce a bare month name as a date ("in May", "since March").
const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "by", "until", "till", "before", "after", "during", "of", "from", "through",
    "to", "between", "early", "late", "mid", "around", "last", "next", "this", "each", "every",
];

/// Words that introduce a bare season as a date ("in the fall", "during summer").
const SEASON_CONTEXT: &[&str] = &[
    "in", "into", "during", "by", "until", "till", "since", "through", "over", "before", "after",
    "this", "that", "last", "next", "until",
];

/// Words after "the past"/"the future" that make it a duration ("the past week").
const DURATION_FOLLOWERS: &[&str] = &[
    "few", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades",
    "century", "of", "hour", "hours",
];

/// Whether a bare month name is a date here; "May" and "March" need a preposition.
fn bare_month_in_context(text: &str, start: usize, end: usize, name: &str) -> bool {
    if prev_word_in(text, start, MONTH_CONTEXT) {
        return true;
    }
    // "in May and August": a month in a list of months.
    if prev_word_in(text, start, &["and", "or", "to", "through"]) {
        let before = prev_word_span(text, start).map_or(start, |(s, _)| s);
        if prev_word(text, before).is_some_and(|w| month_number(w).is_some()) {
            return true;
        }
    }
    if matches!(name, "May" | "March") {
        return false;
    }
    // "April Ryan", "August Wilson": a month name before a capitalised word is a first name.
    !next_word(text, end).is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
}

/// The word (letters, digits, apostrophes) that ends just before `pos`, skipping spaces
/// and punctuation other than sentence ends.
fn prev_word_span(text: &str, pos: usize) -> Option<(usize, usize)> {
    let head = text.get(..pos)?;
    let trimmed = head.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == '-');
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'')
        .last()
        .map(|(i, _)| i)?;
    Some((start, end))
}

/// The word ending just before `pos`, if any.
fn prev_word(text: &str, pos: usize) -> Option<&str> {
    prev_word_span(text, pos).and_then(|(s, e)| text.get(s..e))
}

/// The word starting just after `pos` (after spaces), if any.
fn next_word(text: &str, pos: usize) -> Option<&str> {
    let tail = text.get(pos..)?.trim_start();
    let len = tail
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\''))
        .map_or(tail.len(), |(i, _)| i);
    (len > 0).then(|| &tail[..len])
}

/// Whether `pos` opens a sentence (or the text).
fn starts_sentence(text: &str, pos: usize) -> bool {
    let head = text.get(..pos).unwrap_or("").trim_end();
    head.is_empty() || head.ends_with(['.', '!', '?', '"', '\'', '”', '’', ':'])
}

/// Whether the word before `pos` is one of `words` (ASCII case-insensitive).
fn prev_word_in(text: &str, pos: usize, words: &[&str]) -> bool {
    prev_word(text, pos).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Whether the word after `pos` is one of `words` (ASCII case-insensitive).
fn next_word_in(text: &str, pos: usize, words: &[&str]) -> bool {
    next_word(text, pos).is_some_and(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
}

/// Whether the previous word is itself a year, as in the list "1996, 1997 and 1998".
fn prev_word_is_year(text: &str, pos: usize) -> bool {
    prev_word(text, pos).is_some_and(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the previous word is a possessive ("the company's 1989 results").
fn prev_word_is_possessive(text: &str, pos: usize) -> bool {
    prev_word(text, pos).is_some_and(|w| w.len() > 2 && POSSESSIVE.iter().any(|s| w.ends_with(s)))
}

/// Whether a currency or number sign is glued to the front ("$2000", "#1999").
fn preceded_by_symbol(text: &str, pos: usize) -> bool {
    text.get(..pos)
        .and_then(|h| h.chars().next_back())
        .is_some_and(|c| matches!(c, '$' | '€' | '£' | '#' | '.' | ',' | '/' | ':'))
}

/// Whether the number goes on ("2019.5", "2019,000", "2019-20"), so it is no year.
fn followed_by_number(text: &str, pos: usize) -> bool {
    let mut chars = text.get(pos..).unwrap_or("").chars();
    matches!(
        (chars.next(), chars.next()),
        (Some('.' | ',' | ':'), Some('0'..='9')) | (Some('%'), _)
    )
}

/// Whether a plural noun follows, as after a count ("2000 people", "1500 votes").
fn followed_by_counted_noun(text: &str, pos: usize) -> bool {
    next_word(text, pos).is_some_and(|w| {
        w.starts_with(|c: char| c.is_lowercase())
            && (w.ends_with('s') || ["people", "men", "women", "children"].contains(&w))
            && !["was", "has", "is", "as"].contains(&w)
    })
}

// ---------------------------------------------------------------------------------------------
// Tense
// ---------------------------------------------------------------------------------------------

/// How far around a mention to look for a tense cue, in bytes.
const TENSE_WINDOW: usize = 240;

/// The tense that places a mention: "since May" is past whatever the verb; otherwise the
/// tense of its sentence.
fn mention_tense(text: &str, start: usize, end: usize) -> Tense {
    if prev_word_in(text, start, &["since"]) {
        return Tense::Past;
    }
    // "effective June 1": a change takes effect ahead.
    if prev_word_in(text, start, &["effective"]) {
        return Tense::Future;
    }
    let tense = sentence_tense(text, start, end);
    // "has extended loans through January", "promised an end to blackouts by December": a
    // deadline looks ahead whatever the verb's tense, unless the sentence looks back from a
    // past ("had been cut by March").
    let deadline = prev_word_in(text, start, &["until", "till", "through", "by"]);
    if tense == Tense::Past && deadline {
        // "sales this year through August": the end of a span already past.
        let before = prev_word_span(text, start).map_or(start, |(s, _)| s);
        if prev_word(text, before).is_some_and(|w| {
            w.eq_ignore_ascii_case("year") || w.starts_with(|c: char| c.is_ascii_digit())
        }) {
            return Tense::Unknown;
        }
        let (from, to) = sentence_bounds(text, start, end);
        let mut pluperfect = false;
        for_each_word(text.get(from..to).unwrap_or(""), |_, (_, word, _)| {
            pluperfect |= word.eq_ignore_ascii_case("had");
        });
        return if pluperfect {
            Tense::Unknown
        } else {
            Tense::Future
        };
    }
    tense
}

/// Whether a deadline introduces the date ("as soon as Tuesday" whatever the verb; "until
/// Tuesday" unless the sentence is past: "Until Thursday, they had not called him").
fn is_deadline(text: &str, start: usize, end: usize) -> bool {
    if prev_word_in(text, start, &["until", "till"]) {
        return sentence_tense(text, start, end) != Tense::Past;
    }
    // "as soon as Tuesday", "as soon as trading opened Monday".
    let mut words = [""; 5];
    let mut pos = start;
    for word in &mut words {
        let Some((s, e)) = prev_word_span(text, pos) else {
            break;
        };
        *word = &text[s..e];
        pos = s;
    }
    words.windows(3).any(|w| {
        w[2].eq_ignore_ascii_case("as")
            && w[1].eq_ignore_ascii_case("soon")
            && w[0].eq_ignore_ascii_case("as")
    })
}

/// The tense of the sentence around `[start, end)`, read from the nearest cue word. A cue
/// after the mention counts double its distance in words, since news attaches a date to the
/// verb before it ("said Tuesday", "will meet on Friday") more often than to the one after.
fn sentence_tense(text: &str, start: usize, end: usize) -> Tense {
    let (from, to) = sentence_bounds(text, start, end);
    let before = text.get(from..start).unwrap_or("");
    let after = text.get(end..to).unwrap_or("");
    // "said on Tuesday that it would ...": the date belongs to the telling, however far the
    // reporting verb, and the verbs of the reported clause do not place it.
    let mut reported = false;
    for_each_word(after, |index, (_, word, _)| {
        reported |= index < 2 && word.eq_ignore_ascii_case("that");
    });
    let mut before_cue = None;
    let mut before_words = 0;
    for_each_word(before, |_, _| before_words += 1);
    for_each_cue(before, |index, word, tense| {
        let distance = before_words - index;
        // "said in a statement on Thursday", "told reporters on Friday": the date is the
        // telling's when "on" ties it to a reporting verb a short phrase back.
        let on_the_telling = distance <= 6 && prev_word_in(text, start, &["on"]);
        if reported || on_the_telling || !is_far_reporting_verb(word, distance) {
            before_cue = Some((index, tense));
        }
        true
    });
    if reported && before_cue.is_some_and(|(index, _)| is_reporting_cue(before, index)) {
        return Tense::Past;
    }
    let mut after_cue = None;
    for_each_cue(after, |index, word, tense| {
        if is_far_reporting_verb(word, index + 1) {
            return true;
        }
        after_cue = Some((index, tense));
        false
    });
    match (before_cue, after_cue) {
        (Some((i, before)), Some((j, after))) => {
            if 2 * (j + 1) < before_words - i {
                after
            } else {
                before
            }
        }
        (Some((_, tense)), None) | (None, Some((_, tense))) => tense,
        (None, None) => Tense::Unknown,
    }
}

/// Calls `f(index, word, tense)` for each cue word of `text` until it returns false.
fn for_each_cue<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str, Tense) -> bool) {
    let mut more = true;
    for_each_word(text, |index, (prev, word, next)| {
        if more {
            if let Some(tense) = word_tense(prev, word, next) {
                more = f(index, word, tense);
            }
        }
    });
}

/// Verbs of reporting: they date the telling, not the event, unless the date sits right by
/// them ("said Tuesday"). "He said the plant would open in June" is about June to come.
const REPORTING_VERBS: &[&str] = &["said", "told", "added", "announced", "stated"];

/// Whether the `index`th word of `text` is a reporting verb.
fn is_reporting_cue(text: &str, index: usize) -> bool {
    let mut found = false;
    for_each_word(text, |i, (_, word, _)| {
        found |= i == index && REPORTING_VERBS.iter().any(|v| word.eq_ignore_ascii_case(v));
    });
    found
}

/// Whether `word` is a reporting verb more than two words from the date.
fn is_far_reporting_verb(word: &str, distance: usize) -> bool {
    distance > 2 && REPORTING_VERBS.iter().any(|v| word.eq_ignore_ascii_case(v))
}

/// Calls `f(index, (previous, word, next))` for each word of `text`.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, (&'t str, &'t str, &'t str))) {
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut prev = "";
    let mut index = 0;
    while let Some(word) = words.next() {
        let next = words.peek().copied().unwrap_or("");
        f(index, (prev, word, next));
        prev = word;
        index += 1;
    }
}

/// The sentence around `[start, end)`, cut to [`TENSE_WINDOW`] bytes each way.
fn sentence_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let lo = char_floor(text, start.saturating_sub(TENSE_WINDOW));
    let hi = char_floor(text, end.saturating_add(TENSE_WINDOW).min(text.len()));
    let head = text.get(lo..start).unwrap_or("");
    let from = head
        .char_indices()
        .rev()
        .find(|&(i, c)| is_sentence_end(head, i, c))
        .map_or(lo, |(i, c)| lo + i + c.len_utf8());
    let tail = text.get(end..hi).unwrap_or("");
    let to = tail
        .char_indices()
        .find(|&(i, c)| is_sentence_end(tail, i, c))
        .map_or(hi, |(i, _)| end + i);
    (from, to)
}

/// Whether the char at `i` ends a sentence; the dot of "Nov." or "Mr." does not.
fn is_sentence_end(text: &str, i: usize, c: char) -> bool {
    match c {
        '!' | '?' | '\n' => true,
        '.' => {
            let word = prev_word(text, i).unwrap_or("");
            // Lowercase ones too: "Roe vs. Wade", "Roe v. Wade".
            let abbreviation = (word.len() <= 4 && word.starts_with(|c: char| c.is_uppercase()))
                || word == "v"
                || ABBREVIATIONS.contains(&word);
            !abbreviation
        }
        _ => false,
    }
}

/// The largest char boundary at or below `pos`.
fn char_floor(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// Words that point a sentence forward wherever they stand.
const FUTURE_CUES: &[&str] = &[
    "will",
    "won't",
    "shall",
    "would",
    "upcoming",
    "next",
    "tomorrow",
    "must",
    "should",
    "might",
    "payable",
    "scheduled",
];

/// Words that point forward when "to" or "for" follows ("plans to", "is scheduled for").
const FUTURE_BEFORE_TO: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "expect",
    "expects",
    "expected",
    "scheduled",
    "slated",
    "set",
    "going",
    "intend",
    "intends",
    "aim",
    "aims",
    "due",
    "ready",
];

/// Irregular past-tense verbs common in news (regular ones are caught by "-ed").
const PAST_CUES: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "ago",
    "last",
    "yesterday",
    "came",
    "went",
    "took",
    "made",
    "gave",
    "began",
    "met",
    "won",
    "lost",
    "left",
    "fell",
    "rose",
    "held",
    "sent",
    "got",
    "saw",
    "found",
    "sold",
    "paid",
    "spoke",
    "wrote",
    "brought",
    "bought",
    "ran",
    "struck",
    "led",
    "became",
    "knew",
    "chose",
    "drew",
    "grew",
    "broke",
    "stood",
    "thought",
    "kept",
    "built",
    "shot",
    "fled",
    "felt",
    "heard",
    "meant",
    "spent",
    "taught",
    "caught",
    "sought",
];

/// Words ending in "-ed" that are not past-tense verbs.
const NOT_PAST: &[&str] = &[
    "hundred", "united", "red", "bed", "shed", "wed", "bred", "sacred",
];

/// Forms of "be" that make a following "-ed" word a passive, not a past ("will be issued").
const BE_FORMS: &[&str] = &["be", "is", "are", "am", "being"];

/// The present-tense forms of "be".
const PRESENT_BE: &[&str] = &["is", "are", "am"];

/// Words after which an "-ed" word is an adjective ("a still unspecified date").
const DETERMINERS: &[&str] = &["a", "an", "the", "still", "its", "their", "his", "her"];

/// The tense a word signals, given the words around it.
fn word_tense(prev: &str, word: &str, next: &str) -> Option<Tense> {
    let is = |list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w));
    let prev_in = |list: &[&str]| list.iter().any(|w| prev.eq_ignore_ascii_case(w));
    // "next to the embassy" is a place; "protesters planned a march" looks ahead, "the
    // hastily planned trip" does not.
    let future = (is(FUTURE_CUES) && !(word.eq_ignore_ascii_case("next") && next == "to"))
        || (word.eq_ignore_ascii_case("planned") && !prev.ends_with("ly") && !prev_in(DETERMINERS))
        || word.ends_with("'ll")
        || word.ends_with("’ll")
        // Lowercase only: "May" is the month.
        || word == "may"
        || (is(FUTURE_BEFORE_TO) && (next == "to" || next == "for"))
        // "before the rules take effect in August".
        || (is(&["take", "takes"]) && next == "effect");
    if future {
        return Some(Tense::Future);
    }
    // "when the case is heard in May": the present tense places nothing, and it stands
    // between the date and any past further back; "is to resume trading Tuesday" looks ahead.
    if is(PRESENT_BE) {
        return Some(if next == "to" {
            Tense::Future
        } else {
            Tense::Unknown
        });
    }
    // Hyphenated "-ed" words are adjectives ("methanol-powered", "state-owned"), not verbs.
    let past = (word.len() >= 5
        && word.ends_with("ed")
        && !word.contains('-')
        && !word.ends_with("eed")
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !is(NOT_PAST))
        || is(PAST_CUES);
    // "will be paid", "a still unspecified date": passives and adjectives, not pasts.
    let passive_or_adjective = || prev_in(BE_FORMS) || prev_in(DETERMINERS);
    (past && !passive_or_adjective()).then_some(Tense::Past)
}

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic
// ---------------------------------------------------------------------------------------------

/// Parses a small number, rejecting overflow instead of panicking.
fn number<T: std::str::FromStr>(digits: &str) -> Option<T> {
    digits.parse().ok()
}

/// A valid calendar date, or `None` for "February 30".
fn calendar_date(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// The number of days in a month (`month` in 1..=12).
fn days_in_month(year: i32, month: u8) -> u8 {
    Month::try_from(month).map_or(31, |m| m.length(year))
}

/// The month number of a full or abbreviated month name.
fn month_number(name: &str) -> Option<u8> {
    let key = name.get(..3)?;
    const ABBR: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    ABBR.iter()
        .position(|a| a.eq_ignore_ascii_case(key))
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// The weekday a name stands for.
fn weekday_from_name(name: &str) -> Option<Weekday> {
    let key = name.get(..3)?.to_ascii_lowercase();
    Some(match key.as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// 1 for "first"/"1st", up to 4.
fn ordinal_number(word: &str) -> Option<u8> {
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
fn count_word(word: &str) -> Option<i64> {
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
fn quarter_of(date: Date) -> u8 {
    (date.month() as u8 - 1) / 3 + 1
}

/// The ISO week a date falls in, as a value.
fn week_value(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Week { year, week }
}

/// The weekend of the ISO week of `date`.
fn weekend_value(date: Date) -> Value {
    let (year, week, _) = date.to_iso_week_date();
    Value::Weekend { year, week }
}

/// A month moved by `delta` months.
fn shift_month(year: i32, month: u8, delta: i64) -> (i32, u8) {
    let index = i64::from(year) * 12 + i64::from(month) - 1 + delta;
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(year);
    let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(month);
    (year, month)
}

/// The published year minus `n`, if representable.
fn year_back(published: Date, n: i64) -> Option<i32> {
    i32::try_from(i64::from(published.year()).checked_sub(n)?).ok()
}

/// The most recent `weekday` before `date` (on `date` itself too if `inclusive`).
fn weekday_before(date: Date, weekday: Weekday, inclusive: bool) -> Option<Date> {
    let back = (7 + i64::from(date.weekday().number_days_from_monday())
        - i64::from(weekday.number_days_from_monday()))
        % 7;
    let back = if back == 0 && !inclusive { 7 } else { back };
    date.checked_sub(Duration::days(back))
}

/// The next `weekday` after `date` (on `date` itself too if `inclusive`).
fn weekday_after(date: Date, weekday: Weekday, inclusive: bool) -> Option<Date> {
    let ahead = (7 + i64::from(weekday.number_days_from_monday())
        - i64::from(date.weekday().number_days_from_monday()))
        % 7;
    let ahead = if ahead == 0 && !inclusive { 7 } else { ahead };
    date.checked_add(Duration::days(ahead))
}

/// The year of a bare month: the last one on or before the published month in the past
/// tense, the next one on or after it in the future, else the nearer (ties go to the past).
fn year_of_month_by_tense(published: Date, month: u8, tense: Tense) -> i32 {
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
fn place_yearly(
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

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn values_start_on_their_first_day() {
        let (year, month, week, quarter) = (2019, 11, 47, 3);
        let cases = [
            ("2019", Value::Year(year), Some(date!(2019 - 01 - 01))),
            (
                "2019-11",
                Value::Month { year, month },
                Some(date!(2019 - 11 - 01)),
            ),
            (
                "2019-11-20",
                Value::Day(date!(2019 - 11 - 20)),
                Some(date!(2019 - 11 - 20)),
            ),
            (
                "2019-Q3",
                Value::Quarter { year, quarter },
                Some(date!(2019 - 07 - 01)),
            ),
            (
                "2019-W47",
                Value::Week { year, week },
                Some(date!(2019 - 11 - 18)),
            ),
            (
                "2019-W47-WE",
                Value::Weekend { year, week },
                Some(date!(2019 - 11 - 18)),
            ),
            (
                "2019-SP",
                Value::Season {
                    year,
                    season: Season::Spring,
                },
                Some(date!(2019 - 03 - 01)),
            ),
            (
                "2019-WI",
                Value::Season {
                    year,
                    season: Season::Winter,
                },
                Some(date!(2019 - 12 - 01)),
            ),
            ("2019-Q5", Value::Quarter { year, quarter: 5 }, None),
            (
                "XXXX-11-20",
                Value::DayOfUnknownYear { month, day: 20 },
                None,
            ),
            ("199", Value::Decade(199), None),
            ("PAST_REF", Value::PastRef, None),
        ];
        for (text, value, expected) in cases {
            assert_eq!(value.to_string(), text);
            assert_eq!(value.first_day(), expected, "{text}");
        }
    }

    #[test]
    fn the_latest_past_date_counts_only_what_is_told_as_past() {
        let text = "She moved to Oslo in 2015. The deal was signed in May 2019. \
                    It will close in 2027. Her 2023 album is out.";
        assert_eq!(latest_past_date(text), Some(date!(2019 - 05 - 01)));
        assert_eq!(latest_past_date("It will close in 2027."), None);
    }

    /// The seed article's published date, a Thursday.
    const SEED: Date = date!(2019 - 11 - 21);

    /// Runs the extractor on a body text and returns (text, value) pairs.
    fn extract(text: &str, published: Option<Date>) -> Vec<(String, String)> {
        find_dates(text, TextField::Body, published)
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect()
    }

    /// A sentence, its published date and the (text, value) pairs expected from it.
    type Case = (
        &'static str,
        Option<Date>,
        &'static [(&'static str, &'static str)],
    );

    #[test]
    fn table() {
        let p = Some(SEED);
        let none: Option<Date> = None;
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // Absolute dates.
            ("It happened on November 20, 2019.", p, &[("November 20, 2019", "2019-11-20")]),
            ("It happened on Nov. 20, 2019.", p, &[("Nov. 20, 2019", "2019-11-20")]),
            ("It happened on 20 November 2019.", none, &[("20 November 2019", "2019-11-20")]),
            ("It happened on the 20th of November.", p, &[("the 20th of November", "2019-11-20")]),
            ("Wednesday, Nov. 20, 2019 was busy.", p, &[("Wednesday, Nov. 20, 2019", "2019-11-20")]),
            ("The vote is on Nov. 21.", p, &[("Nov. 21", "2019-11-21")]),
            ("The deal closed January 5.", p, &[("January 5", "2019-01-05")]),
            ("He arrived December 28.", Some(date!(2020 - 01 - 03)), &[("December 28", "2019-12-28")]),
            ("The vote is on Nov. 21.", none, &[("Nov. 21", "XXXX-11-21")]),
            ("Filed 20/11/2019 and 11/20/2019.", none, &[("20/11/2019", "2019-11-20"), ("11/20/2019", "2019-11-20")]),
            ("Filed 05/06/2019.", none, &[("05/06/2019", "2019-06-05")]),
            ("Filed 2019-11-20.", none, &[("2019-11-20", "2019-11-20")]),
            ("Sales in November 2019 rose.", none, &[("November 2019", "2019-11")]),
            ("Sales rose in 2019.", none, &[("2019", "2019")]),
            ("2019's best seller.", none, &[("2019's", "2019")]),
            ("It has grown since 1998 and will by 2030.", none, &[("1998", "1998"), ("2030", "2030")]),
            ("Growth in mid-2019 slowed.", none, &[("mid-2019", "2019")]),
            ("Prices fell in early 2020.", none, &[("early 2020", "2020")]),
            ("Music of the 1990s and the 2000s.", none, &[("the 1990s", "199"), ("the 2000s", "200")]),
            ("Back in the '80s it was different.", none, &[("the '80s", "198")]),
            ("In the 20th century, wars.", none, &[("the 20th century", "19")]),
            ("In 1996, 1997 and 1998 it grew.", none, &[("1996", "1996"), ("1997", "1997"), ("1998", "1998")]),
            ("The 1996 election was close.", none, &[("1996", "1996")]),
            // Hyphenated "-ed" adjectives are not past-tense cues.
            ("He said it would order methanol-powered ships before the end of December.", Some(date!(2019 - 03 - 20)), &[("December", "2019-12")]),
            // Relative days.
            ("It was announced today.", p, &[("today", "2019-11-21")]),
            ("It was announced yesterday.", p, &[("yesterday", "2019-11-20")]),
            ("It will be announced tomorrow.", p, &[("tomorrow", "2019-11-22")]),
            ("It was announced today.", none, &[]),
            ("Commerce Secretary Wilbur Ross said Tuesday the rule stands.", p, &[("Tuesday", "2019-11-19")]),
            ("as reported earlier Thursday by Reuters", p, &[("Thursday", "2019-11-21")]),
            ("The board will meet on Tuesday.", p, &[("Tuesday", "2019-11-26")]),
            ("The summit is expected to start Monday.", p, &[("Monday", "2019-11-25")]),
            ("He resigned last Thursday.", p, &[("last Thursday", "2019-11-14")]),
            ("They meet next Tuesday.", p, &[("next Tuesday", "2019-11-26")]),
            ("They meet this Friday.", p, &[("this Friday", "2019-11-22")]),
            ("Officials met Monday.", p, &[("Monday", "2019-11-18")]),
            ("They will look for ways around Wednesday's ruling.", p, &[("Wednesday", "2019-11-20")]),
            ("It was signed last October.", p, &[("last October", "2018-10")]),
            ("It was approved before the case is heard in December.", p, &[("December", "2019-12")]),
            ("It was halted and is to resume trading Tuesday.", p, &[("Tuesday", "2019-11-26")]),
            ("It was signed last September.", p, &[("last September", "2019-09")]),
            ("In January, a week after Roe vs. Wade turned 46, the clinic was bombed.", p, &[("January", "2019-01")]),
            ("People were killed in blasts next to the embassies on Friday.", p, &[("Friday", "2019-11-15")]),
            ("On Friday, when she cut short the hastily planned trip, the warning was lifted.", p, &[("Friday", "2019-11-15")]),
            ("Rallies were held ahead of Saturday's vote.", p, &[("Saturday", "2019-11-23")]),
            ("Markets on Friday", p, &[("Friday", "2019-11-15")]),
            // Weeks, months, years.
            ("Shares fell earlier this week.", p, &[("earlier this week", "2019-W47")]),
            ("It rained this week.", p, &[("this week", "2019-W47")]),
            ("It rained last week and will next week.", p, &[("last week", "2019-W46"), ("next week", "2019-W48")]),
            ("Later this week they vote.", p, &[("Later this week", "2019-W47")]),
            ("Shares fell earlier this month.", p, &[("earlier this month", "2019-11")]),
            ("Sales fell last month.", p, &[("last month", "2019-10")]),
            ("Sales rise next month.", p, &[("next month", "2019-12")]),
            ("Sales rose this year, unlike last year.", p, &[("this year", "2019"), ("last year", "2018")]),
            ("Elections come next year.", p, &[("next year", "2020")]),
            ("It opened two years ago.", p, &[("two years ago", "2017")]),
            ("It opened a year ago.", p, &[("a year ago", "2018")]),
            ("It opened three months ago.", p, &[("three months ago", "2019-08")]),
            ("It opened two weeks ago.", p, &[("two weeks ago", "2019-W45")]),
            ("It opened five days ago.", p, &[("five days ago", "2019-11-16")]),
            ("It opened years ago.", p, &[("years ago", "PAST_REF")]),
            ("It did not rain over the weekend.", p, &[("the weekend", "2019-W46-WE")]),
            ("We go skiing this weekend.", p, &[("this weekend", "2019-W47-WE")]),
            // Months and seasons by tense.
            ("Huawei was blacklisted in May.", p, &[("May", "2019-05")]),
            ("The rule took effect in May and August.", p, &[("May", "2019-05"), ("August", "2019-08")]),
            ("The plant will open in March.", p, &[("March", "2020-03")]),
            ("He was elected in December.", p, &[("December", "2018-12")]),
            ("He left last May.", p, &[("last May", "2019-05")]),
            ("It opens next May.", p, &[("next May", "2020-05")]),
            ("It opens this spring.", Some(date!(2019 - 03 - 02)), &[("this spring", "2019-SP")]),
            ("It was hot last summer.", p, &[("last summer", "2019-SU")]),
            ("It closed in the summer of 2018.", p, &[("the summer of 2018", "2018-SU")]),
            ("Growth slowed in the third quarter.", p, &[("the third quarter", "2019-Q3")]),
            ("Q3 sales rose; Q4 2018 fell.", p, &[("Q3", "2019-Q3"), ("Q4 2018", "2018-Q4")]),
            ("Fourth-quarter profit rose.", Some(date!(2020 - 01 - 20)), &[("Fourth-quarter", "2019-Q4")]),
            ("Revenue for fiscal 2019 rose.", none, &[("fiscal 2019", "2019")]),
            // Holidays.
            ("He was found on Thanksgiving Day.", Some(date!(2000 - 01 - 07)), &[("Thanksgiving Day", "1999-11-25")]),
            ("Shops close before Christmas.", p, &[("Christmas", "2019-12-25")]),
            ("Christmas shopping rose.", p, &[]),
            ("Easter 2019 fell in April.", none, &[("Easter 2019", "2019-04-21")]),
            ("They met on Labor Day.", p, &[("Labor Day", "2019-09-02")]),
            // References.
            ("Prices hurt more these days.", p, &[("these days", "PRESENT_REF")]),
            ("That 1978 resolution stands; bonds due 1993 fell.", none, &[("1978", "1978"), ("1993", "1993")]),
            ("He is now retired and currently lives abroad.", p, &[("now", "PRESENT_REF"), ("currently", "PRESENT_REF")]),
            ("At present, nobody knows.", p, &[("At present", "PRESENT_REF")]),
            ("He recently said so, as in the past.", p, &[("recently", "PAST_REF"), ("the past", "PAST_REF")]),
            ("It will happen soon, in the future.", p, &[("soon", "FUTURE_REF"), ("the future", "FUTURE_REF")]),
            // Anaphora: the running reference date.
            ("Third-quarter profit rose 5% from a year ago.", Some(date!(1989 - 10 - 26)), &[("Third-quarter", "1989-Q3"), ("a year ago", "1988-Q3")]),
            ("Net rose in the third quarter; a year earlier it fell.", Some(date!(1989 - 10 - 26)), &[("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3")]),
            ("Net in the quarter rose from the year-earlier quarter.", Some(date!(1989 - 10 - 26)), &[("the quarter", "1989-Q3"), ("the year-earlier quarter", "1988-Q3")]),
            ("Third-quarter sales beat the year-ago $4.5 million.", Some(date!(1989 - 10 - 26)), &[("Third-quarter", "1989-Q3"), ("year-ago", "1988-Q3")]),
            ("Sales in the latest quarter rose.", Some(date!(1989 - 10 - 26)), &[("the latest quarter", "1989-Q3")]),
            ("Profit for the year-earlier third quarter fell.", Some(date!(1989 - 10 - 26)), &[("the year-earlier third quarter", "1988-Q3")]),
            ("The 1988 third quarter and this year's third quarter.", Some(date!(1989 - 10 - 26)), &[("The 1988 third quarter", "1988-Q3"), ("this year's third quarter", "1989-Q3")]),
            ("The year ended Aug. 12, up from a year earlier.", Some(date!(1989 - 10 - 26)), &[("Aug. 12", "1989-08-12"), ("a year earlier", "1988-08-12")]),
            ("Sales rose a year earlier.", p, &[("a year earlier", "2018")]),
            ("He was arrested on Nov. 4; the day before, he fled.", p, &[("Nov. 4", "2019-11-04"), ("the day before", "2019-11-03")]),
            ("The vote was on Tuesday and the results came the next day.", p, &[("Tuesday", "2019-11-19"), ("the next day", "2019-11-20")]),
            ("He came the day before the vote.", p, &[]),
            ("He arrived in June 1998 and left later that year.", p, &[("June 1998", "1998-06"), ("later that year", "1998")]),
            ("It fell in March. The following month it rose.", Some(date!(1989 - 10 - 27)), &[("March", "1989-03"), ("The following month", "1989-04")]),
            ("That year, nothing happened.", p, &[]),
            // Spelled-out years, as broadcast transcripts write them.
            ("In nineteen ninety-one he was convicted.", none, &[("nineteen ninety-one", "1991")]),
            ("January nineteen ninety-seven. Atlanta again.", none, &[("January nineteen ninety-seven", "1997-01")]),
            ("Unemployment by the year two thousand, as in the nineties.", none, &[("the year two thousand", "2000"), ("the nineties", "199")]),
            ("Some two thousand people came.", none, &[]),
            // Year ends and whole years.
            ("The deal should close by year-end.", p, &[("year-end", "2019")]),
            ("The index is up since year-end.", p, &[("year-end", "2018")]),
            ("Sales for the full year rose; the current fiscal year looks weak.", p, &[("the full year", "2019"), ("the current fiscal year", "2019")]),
            ("Tech grew in recent years, unlike over recent years.", p, &[("recent years", "PAST_REF")]),
            ("They campaign until Election Day.", Some(date!(1998 - 10 - 26)), &[("Election Day", "1998-11-03")]),
            // Yearless dates of the published year, as AP style writes them.
            ("Directors declared a dividend, payable Dec. 15 to holders of record Nov. 17.", Some(date!(1989 - 10 - 26)), &[("Dec. 15", "1989-12-15"), ("Nov. 17", "1989-11-17")]),
            ("The committee subpoenaed him to testify on Feb. 10.", Some(date!(2000 - 01 - 07)), &[("Feb. 10", "2000-02-10")]),
            ("It has extended loans through January.", Some(date!(1989 - 10 - 30)), &[("January", "1990-01")]),
            ("It would be paid on a still unspecified date in January.", Some(date!(1989 - 10 - 26)), &[("January", "1990-01")]),
            // Lists of days of one month.
            ("The summit is on April 24 and 25.", Some(date!(1999 - 02 - 10)), &[("April 24", "1999-04-24"), ("25", "1999-04-25")]),
            ("Talks ran Nov. 18-19.", p, &[("Nov. 18", "2019-11-18"), ("19", "2019-11-19")]),
            ("On April 24 and 25 people came.", Some(date!(1999 - 02 - 10)), &[("April 24", "1999-04-24")]),
            // Regression: a rejected match ("and 20") hid the date starting inside it.
            ("Between 1 and 20 November 2019 it rained.", none, &[("20 November 2019", "2019-11-20")]),
            // Tense cues.
            ("Protesters planned a demonstration on Saturday.", p, &[("Saturday", "2019-11-23")]),
            ("The group could leave as soon as Tuesday.", p, &[("Tuesday", "2019-11-26")]),
            ("Buyers planned to bid as soon as trading opened Monday.", p, &[("Monday", "2019-11-25")]),
            ("Bush told a news conference on Tuesday that the blockade might be tightened.", p, &[("Tuesday", "2019-11-19")]),
            ("The union signed a pact effective Feb. 1.", p, &[("Feb. 1", "2020-02-01")]),
            ("The final is tonight.", p, &[("tonight", "2019-11-21")]),
            ("The fund drew commitments from pension plans, Alder said in a statement on Tuesday.", p, &[("Tuesday", "2019-11-19")]),
            ("Ministers clashed on Monday before new rules take effect in December.", p, &[("Monday", "2019-11-18"), ("December", "2019-12")]),
            ("We have material to cover our needs through the third quarter.", Some(date!(2025 - 05 - 23)), &[("the third quarter", "2025-Q3")]),
            ("Profits fell in the fourth quarter.", Some(date!(2025 - 01 - 23)), &[("the fourth quarter", "2024-Q4")]),
            ("The minister has promised an end to rolling blackouts by December.", Some(date!(2025 - 05 - 16)), &[("December", "2025-12")]),
            ("Sales changed little this year through August.", Some(date!(2025 - 10 - 27)), &[("this year", "2025"), ("August", "2025-08")]),
            ("The minister said prices had been cut by March.", Some(date!(2025 - 05 - 16)), &[("March", "2025-03")]),
            ("Its sales in the fourth quarter were the best on record.", Some(date!(2025 - 01 - 23)), &[("the fourth quarter", "2024-Q4")]),
            ("The hearing is off until Tuesday.", p, &[("Tuesday", "2019-11-26")]),
            ("Until Tuesday, they had not called him a suspect.", p, &[("Tuesday", "2019-11-19")]),
            ("Clinton will speak Thursday.", p, &[("Thursday", "2019-11-21")]),
            ("Now, he says, it is over.", p, &[]),
            // The seed article.
            ("On November 20, the US Department of Commerce began issuing licenses.", p, &[("November 20", "2019-11-20")]),
            // Negatives.
            ("May I ask a question?", p, &[]),
            ("Theresa May said no.", p, &[]),
            ("He joined the March of Dimes.", p, &[]),
            ("Mark Spring scored.", p, &[]),
            ("Prices fall in winter.", p, &[("winter", "2019-WI")]),
            ("2019 people attended.", p, &[]),
            ("It costs $2019 now.", none, &[]),
            ("They met at 5 p.m.", p, &[]),
            ("It took three years.", p, &[]),
            ("It grew over the past five years.", p, &[]),
            ("The future of the company is bright.", p, &[]),
            ("Now that it is over, as soon as possible.", p, &[]),
            ("April Ryan asked.", p, &[]),
            ("Stories from USA Today.", p, &[]),
            ("It won by 2000 votes.", none, &[]),
            ("A temperature in the 90s.", none, &[("the 90s", "199")]),
            ("February 30, 2019 is no date.", none, &[]),
            // Regression: a weekday in the date fixes its year ("Monday, Oct. 26" was 1997).
            ("The Times said on Monday, Oct. 26:", Some(date!(1998 - 10 - 25)), &[("Monday, Oct. 26", "1998-10-26")]),
            // Regression: "since" places a month in the past whatever the verb.
            ("It has been on patrol since March.", Some(date!(1990 - 08 - 13)), &[("March", "1990-03")]),
        ];
        for (text, published, expected) in cases {
            let got = extract(text, *published);
            let want: Vec<(String, String)> = expected
                .iter()
                .map(|(t, v)| (t.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, want, "in {text:?}");
        }
    }

    #[test]
    fn seed_article_phrases() {
        let text = "Microsoft said it had received a license, as reported earlier Thursday by \
                    Reuters. Earlier this week, the company said so. On November 20, the US \
                    Department of Commerce began issuing licenses. Huawei was blacklisted in May \
                    and rules followed in May and August. Commerce Secretary Wilbur Ross said \
                    Tuesday that more would follow.";
        let got = extract(text, Some(SEED));
        let values: Vec<&str> = got.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(
            values,
            [
                "2019-11-21",
                "2019-W47",
                "2019-11-20",
                "2019-05",
                "2019-05",
                "2019-08",
                "2019-11-19"
            ],
            "{got:?}"
        );
    }

    #[test]
    fn spans_locate_the_text() {
        let text = "Le 20 novembre — on November 20, 2019 ünd in 2019's «May» since May.";
        for m in find_dates(text, TextField::Title, Some(SEED)) {
            assert_eq!(&text[m.start..m.end], m.text);
            assert_eq!(m.field, TextField::Title);
        }
    }

    #[test]
    fn odd_input_never_panics() {
        let samples = [
            "",
            "\u{0}\u{FFFD}\u{10FFFF}",
            "May",
            "in",
            "in 9999 and 0000",
            "Nov. 31, 2019 and February 29, 2019 and 29/02/2020",
            "ﬁscal 2019 İn 2019 K\u{212A}\u{212A}",
            "last week ago ago the the 1990s' ’90s Q5",
            "9999 years ago and 999 centuries ago",
            "on Thursday. Thursday! Thursday? Thursday\n",
            "日本語のテキスト 2019年11月20日 in 2019 であった。",
            "🙂 November 20 🙂 yesterday 🙂",
        ];
        let extremes = [None, Some(Date::MIN), Some(Date::MAX), Some(SEED)];
        for text in samples {
            for published in extremes {
                for m in find_dates(text, TextField::Body, published) {
                    assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                    assert_eq!(&text[m.start..m.end], m.text);
                }
            }
        }
        // A long input mixing everything, cut at every char boundary.
        let long = samples.join(" said ").repeat(3);
        let mut cut = 0;
        while cut < long.len() {
            let piece = &long[..cut];
            let found = find_dates(piece, TextField::Body, Some(SEED));
            let mut last_end = 0;
            for m in found {
                assert!(m.start >= last_end, "overlap in {piece:?}");
                last_end = m.end;
            }
            cut += long[cut..].chars().next().map_or(1, char::len_utf8);
        }
    }
}
