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
//! [`tense::TENSE_WINDOW`] bytes. Each match is charged to the article's work budget.

mod calendar;
mod context;
mod resolve;
mod rules;
mod scan;
mod tense;
#[cfg(test)]
mod tests;
mod value;

use std::cell::Cell;

use time::Date;

use super::{budget, DateMention, TextField};

use rules::RULES;
use scan::{Anchor, Found, RuleMatch, Scan};
use tense::{mention_tense, Tense};

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
