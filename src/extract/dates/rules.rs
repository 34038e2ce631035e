//! The rule table: one regex per form of date expression, in priority order, each paired with
//! its resolver, and the pattern pieces (months, weekdays, days, years, spelled numbers) they
//! are built from.
//!
//! Decides: which text can be a date and which rule wins at a position. Leaves to others:
//! whether a match is taken and what it resolves to (`resolve`).

use std::sync::LazyLock;

use crate::extract::vocabulary::{MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS};

use super::resolve::{
    resolve_ago, resolve_century, resolve_day_before, resolve_day_list, resolve_day_word,
    resolve_decade, resolve_earlier, resolve_fiscal, resolve_full_year, resolve_holiday,
    resolve_iso, resolve_month, resolve_month_day, resolve_month_year, resolve_numeric,
    resolve_quarter, resolve_reference, resolve_season, resolve_spelled_decade,
    resolve_spelled_year, resolve_that_period, resolve_the_quarter, resolve_unit, resolve_weekday,
    resolve_weekend, resolve_year, resolve_year_earlier, resolve_year_end,
};
use super::scan::{Resolve, Rule, Rules};

/// An ASCII word boundary: the Unicode one would stop the fast regex engine on non-ASCII text.
const WB: &str = r"(?-u:\b)";
/// A day of the month, with an optional ordinal suffix.
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
/// A four-digit year in the range news writes about.
const YEAR: &str = r"(?:1[0-9]{3}|20[0-9]{2})";
/// "early", "late", "mid" as a prefix of a month, season or year.
const PART: &str = r"(?i:early|late|mid)";

/// Tens as words ("ninety" in "nineteen ninety-six").
pub(super) const TENS_WORD: &str = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
/// Units as words.
pub(super) const UNIT_WORD: &str = "one|two|three|four|five|six|seven|eight|nine";
/// Ten to nineteen as words.
pub(super) const TEEN_WORD: &str =
    "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
/// A year spelled out as broadcast transcripts write it: "nineteen ninety-six", "two
/// thousand", "two thousand and one".
static SPELLED_YEAR: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?i:nineteen[-\s](?:(?:{TENS_WORD})(?:[-\s](?:{UNIT_WORD}))?|{TEEN_WORD}|hundred)|two\s+thousand(?:(?:\s+and)?[-\s](?:{UNIT_WORD}|{TEEN_WORD}))?)"
    )
});

/// The rules in priority order: at one position the first that matches wins.
pub(super) static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::compile(rule_list()));

/// The rule table. To support a new form, add a rule here (before any rule that would match a
/// prefix of it) and a resolver below.
fn rule_list() -> Vec<Rule> {
    // Month and weekday names as the shared lists write them; an abbreviation may keep its dot.
    let month_name = MONTHS.join("|");
    let month_abbr = format!(r"(?:{})\.?", MONTH_ABBREVIATIONS.join("|"));
    let weekday = WEEKDAYS.join("|");
    let month = format!("(?:{month_name}|{month_abbr})");
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
                r"{WB}(?:(?P<wd>{weekday}),?\s+)?(?P<mon>{month})\s*(?P<day>{DAY})(?:(?:,\s*|\s+)(?P<y>{YEAR}))?{WB}"
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
                r"{WB}(?:(?P<the>(?i:the\s+year))\s+|(?P<mon>{month_name})\s+)?(?P<sy>{spelled_year}){WB}"
            ),
            resolve_spelled_year,
        ),
        rule(
            "month",
            format!(
                r"{WB}(?:(?P<rel>(?i:last|next|this|early|late|mid))(?:-|\s+))?(?P<mon>{month_name}){WB}"
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
                r"{WB}(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|early|late))\s+)?(?P<wd>{weekday}){WB}"
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
