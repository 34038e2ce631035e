//! Calendar dates mentioned in an article's text, as TIMEX3 `DATE` values.
//!
//! Every form the extractor knows is a `Rule`: a regex for the expression itself and a
//! resolver that turns a match into a `Value` (or rejects it). The rules are joined into one
//! regex, tried in priority order at each position (most specific first, so "November 20, 2019"
//! wins over "November"), so the text is scanned once whatever the number of rules.
//!
//! Resolution works in three steps:
//! - absolute dates ("Nov. 20, 2019", "2019-11-20", "the 1990s") need nothing else;
//! - dates with a missing year ("Nov. 21", "in May") and relative ones ("yesterday", "last
//!   week", "two years ago") are resolved against the published date, and skipped without one;
//! - a bare weekday, month, season, holiday or yearless month-day is placed before or after
//!   the published date by the tense of its sentence (`sentence_tense`): the nearest cue word
//!   ("said", "was", "-ed" verbs; "will", "is expected to", "next"), a cue before the mention
//!   weighing more than one after it; with no cue a weekday is taken as past, which is what
//!   news usually means by a bare "Tuesday", and a month-day leans to the past
//!   (`place_yearly`).
//!
//! Context a regex cannot see (the word before a bare "May" or "2019") is checked by the
//! resolvers, so the spans never include leading "on", "in" or "since".
//!
//! Not handled (yet): durations, times of day and sets (by design); dates anchored to another
//! event ("the day before", "the previous day", "a year earlier", "the quarter"), skipped since
//! the event, not the published date, is their anchor; spelled-out numbers ("March eighth",
//! "nineteen ninety-six"); halves of years; two-digit years ("11/20/19"); TimeML's `mod`
//! ("early 2019" is just `2019`) and `-WE` weekend values ("the weekend" is its ISO week).

use std::fmt;
use std::sync::LazyLock;

use regex::{Captures, Regex, RegexBuilder};
use time::{Date, Duration, Month, Weekday};

use super::{DateMention, TextField};

/// Finds the calendar dates in `text`, resolved against `published` where they are relative.
///
/// Mentions come in text order and never overlap; offsets are byte offsets into `text`.
pub fn find_dates(text: &str, field: TextField, published: Option<Date>) -> Vec<DateMention> {
    let rules = &*RULES;
    let scan = Scan { text, published };
    let mut mentions = Vec::new();
    for caps in rules.combined.captures_iter(text) {
        let Some(hit) = rules.rule_match(&caps) else {
            continue;
        };
        if let Some(found) = (hit.rule.resolve)(&scan, &hit) {
            mentions.push(DateMention {
                text: text[found.start..found.end].to_string(),
                value: found.value.to_string(),
                field,
                start: found.start,
                end: found.end,
            });
        }
    }
    mentions
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

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
            Value::DayOfUnknownYear { month, day } => write!(f, "XXXX-{month:02}-{day:02}"),
            Value::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Value::Week { year, week } => write!(f, "{year:04}-W{week:02}"),
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
}

/// A resolved mention: its span in the text and its value.
struct Found {
    start: usize,
    end: usize,
    value: Value,
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

/// A rule as compiled into the combined regex: where its groups sit.
struct CompiledRule {
    rule: Rule,
    /// The group that wraps the whole rule; it takes part in a match only if the rule did.
    wrapper: usize,
    /// The rule's own named groups, by unprefixed name.
    groups: Vec<(String, usize)>,
}

/// All rules, joined into one regex in priority order.
struct Rules {
    combined: Regex,
    compiled: Vec<CompiledRule>,
}

/// One rule's match inside a match of the combined regex.
struct RuleMatch<'r, 't> {
    rule: &'r Rule,
    caps: &'r Captures<'t>,
    groups: &'r [(String, usize)],
    whole: regex::Match<'t>,
}

impl<'t> RuleMatch<'_, 't> {
    /// The rule's named group, if it took part in the match.
    fn get(&self, name: &str) -> Option<regex::Match<'t>> {
        let &(_, index) = self.groups.iter().find(|(n, _)| n == name)?;
        self.caps.get(index)
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
        }
    }
}

impl Rules {
    /// Compiles the rules into one regex whose alternatives are the rules in order.
    fn compile(rules: Vec<Rule>) -> Rules {
        let alternatives: Vec<String> = rules
            .iter()
            .map(|r| {
                let prefixed = r.pattern.replace("(?P<", &format!("(?P<{}_", r.name));
                format!("(?P<{}>{})", r.name, prefixed)
            })
            .collect();
        let combined = RegexBuilder::new(&alternatives.join("|"))
            .size_limit(1 << 26)
            .dfa_size_limit(1 << 25)
            .build()
            // The patterns are constants of this file: a failure is a bug the tests catch.
            .expect("date rules compile");
        let names: Vec<(usize, &str)> = combined
            .capture_names()
            .enumerate()
            .filter_map(|(i, n)| n.map(|n| (i, n)))
            .collect();
        let compiled = rules
            .into_iter()
            .map(|rule| {
                let prefix = format!("{}_", rule.name);
                let wrapper = names
                    .iter()
                    .find(|(_, n)| *n == rule.name)
                    .map_or(0, |&(i, _)| i);
                let groups = names
                    .iter()
                    .filter_map(|&(i, n)| n.strip_prefix(&prefix).map(|g| (g.to_string(), i)))
                    .collect();
                CompiledRule {
                    rule,
                    wrapper,
                    groups,
                }
            })
            .collect();
        Rules { combined, compiled }
    }

    /// Which rule produced a match of the combined regex.
    fn rule_match<'r, 't>(&'r self, caps: &'r Captures<'t>) -> Option<RuleMatch<'r, 't>> {
        self.compiled.iter().find_map(|c| {
            let whole = caps.get(c.wrapper)?;
            Some(RuleMatch {
                rule: &c.rule,
                caps,
                groups: &c.groups,
                whole,
            })
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

/// The rules in priority order: at one position the first that matches wins.
static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::compile(rule_list()));

/// The rule table. To support a new form, add a rule here (before any rule that would match a
/// prefix of it) and a resolver below.
fn rule_list() -> Vec<Rule> {
    let month = format!("(?:{MONTH_NAME}|{MONTH_ABBR})");
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
            "month_year",
            format!(r"{WB}(?:{PART}(?:-|\s+))?(?P<mon>{month})(?:\s+of)?,?\s+(?P<y>{YEAR}){WB}"),
            resolve_month_year,
        ),
        rule(
            "month",
            format!(
                r"{WB}(?:(?P<rel>(?i:last|next|this|early|late|mid))(?:-|\s+))?(?P<mon>{MONTH_NAME}){WB}"
            ),
            resolve_month,
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
            "quarter",
            format!(
                r"{WB}(?:(?i:the)\s+)?(?P<ord>(?i:first|second|third|fourth)|1st|2nd|3rd|4th)[-\s](?:fiscal\s+)?quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR})|,?\s+(?P<y2>{YEAR}))?{WB}|{WB}Q(?P<q>[1-4])(?:(?:\s+|-)(?P<y3>{YEAR}))?{WB}"
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
                r"{WB}(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|Fourth\s+of\s+July|Halloween|Valentine['’]s\s+Day|Veterans\s+Day|Memorial\s+Day|Labor\s+Day|Easter(?:\s+Sunday)?)(?:,?\s+(?P<y>{YEAR}))?{WB}"
            ),
            resolve_holiday,
        ),
        rule(
            "day_word",
            format!(r"{WB}(?P<w>(?i:today|yesterday|tomorrow)){WB}"),
            resolve_day_word,
        ),
        rule(
            "reference",
            format!(
                r"{WB}(?P<r>(?i:now|currently|presently|nowadays|these\s+days|at\s+present|recently|lately|soon|the\s+(?:near\s+|distant\s+)?future|the\s+past)){WB}"
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
        Some(Relative::Last) => {
            if month < current {
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
    let explicit = m.text("y").or(m.text("y2")).or(m.text("y3"));
    let year = match explicit {
        Some(y) => number(y)?,
        None => {
            let published = scan.published?;
            let current = quarter_of(published);
            // A quarter still ahead in the year is usually last year's, reported late,
            // unless the sentence looks forward.
            let tense = mention_tense(scan.text, m.whole.start(), m.whole.end());
            if quarter > current && tense != Tense::Future {
                published.year() - 1
            } else {
                published.year()
            }
        }
    };
    Some(m.found(Value::Quarter { year, quarter }))
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
        "week" | "weekend" => week_value(published.checked_add(Duration::weeks(step))?),
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
    Some(m.found(week_value(saturday)))
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
        "year" => Value::Year(year_back(published, n)?),
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
            match mention_tense(scan.text, m.whole.start(), m.whole.end()) {
                Tense::Future => weekday_after(published, weekday, false)?,
                Tense::Past | Tense::Unknown => weekday_before(published, weekday, true)?,
            }
        }
    };
    Some(m.found(Value::Day(date)))
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

/// "today", "yesterday", "tomorrow".
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
    let value = if words.starts_with("the") {
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
            // "as soon as" is a conjunction.
            "soon" if prev_word_in(scan.text, start, &["as"]) => return None,
            "soon" => Value::FutureRef,
            // "now that" is a conjunction.
            "now" if next_word_in(scan.text, m.whole.end(), &["that"]) => return None,
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
    "for", "fall", "late", "early", "both",
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
    prev_word(text, pos).is_some_and(|w| w.len() > 2 && (w.ends_with("'s") || w.ends_with("’s")))
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
    sentence_tense(text, start, end)
}

/// The tense of the sentence around `[start, end)`, read from the nearest cue word. A cue
/// after the mention counts double its distance in words, since news attaches a date to the
/// verb before it ("said Tuesday", "will meet on Friday") more often than to the one after.
fn sentence_tense(text: &str, start: usize, end: usize) -> Tense {
    let (from, to) = sentence_bounds(text, start, end);
    let before = text.get(from..start).unwrap_or("");
    let mut before_cue = None;
    let mut before_words = 0;
    for_each_word(before, |_, _| before_words += 1);
    for_each_cue(before, |index, word, tense| {
        if !is_far_reporting_verb(word, before_words - index) {
            before_cue = Some((index, tense));
        }
        true
    });
    let mut after_cue = None;
    for_each_cue(text.get(end..to).unwrap_or(""), |index, word, tense| {
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
            !(word.len() <= 4 && word.starts_with(|c: char| c.is_uppercase()))
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
    "will", "won't", "shall", "would", "upcoming", "next", "tomorrow", "must", "should", "might",
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

/// The tense a word signals, given the words around it.
fn word_tense(prev: &str, word: &str, next: &str) -> Option<Tense> {
    let is = |list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w));
    let future = is(FUTURE_CUES)
        || word.ends_with("'ll")
        || word.ends_with("’ll")
        // Lowercase only: "May" is the month.
        || word == "may"
        || (is(FUTURE_BEFORE_TO) && (next == "to" || next == "for"));
    if future {
        return Some(Tense::Future);
    }
    if is(PAST_CUES) {
        return Some(Tense::Past);
    }
    // Hyphenated "-ed" words are adjectives ("methanol-powered", "state-owned"), not verbs.
    let regular_past = word.len() >= 5
        && word.ends_with("ed")
        && !word.contains('-')
        && !word.ends_with("eed")
        && word.starts_with(|c: char| c.is_ascii_lowercase())
        && !is(NOT_PAST)
        && !BE_FORMS.iter().any(|b| prev.eq_ignore_ascii_case(b));
    regular_past.then_some(Tense::Past)
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

/// How many days of distance a date that contradicts the tense costs (~10 months): enough
/// to prefer "January 5" this year over next in a past-tense November sentence, not enough to
/// move "by Jan. 14" a year ahead in an article of Jan. 15 whose tense was misread.
const AGAINST_TENSE_DAYS: i64 = 300;

/// How many days a date after the published one costs when the tense is unknown: news
/// mostly reports what has happened.
const FUTURE_UNCUED_DAYS: i64 = 60;

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
        let against = match tense {
            Tense::Past if days > 0 => AGAINST_TENSE_DAYS,
            Tense::Future if days < 0 => AGAINST_TENSE_DAYS,
            Tense::Unknown if days > 0 => FUTURE_UNCUED_DAYS,
            _ => 0,
        };
        days.abs() + against
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
            ("It did not rain over the weekend.", p, &[("the weekend", "2019-W46")]),
            ("We go skiing this weekend.", p, &[("this weekend", "2019-W47")]),
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
            ("He is now retired and currently lives abroad.", p, &[("now", "PRESENT_REF"), ("currently", "PRESENT_REF")]),
            ("At present, nobody knows.", p, &[("At present", "PRESENT_REF")]),
            ("He recently said so, as in the past.", p, &[("recently", "PAST_REF"), ("the past", "PAST_REF")]),
            ("It will happen soon, in the future.", p, &[("soon", "FUTURE_REF"), ("the future", "FUTURE_REF")]),
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
