//! The state of one scan: the text, its published date, the running `Anchor` that anaphoric
//! mentions refer to, and the compiled rule set (`Rules`) that finds which rule matched.
//!
//! Decides: how the rules are combined into one regex and how the anchor moves after each
//! mention. Leaves to others: the rule table itself (`rules`) and what a match means
//! (`resolve`).

use std::cell::Cell;

use regex::{Captures, Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use time::Date;

use super::resolve::last_completed_quarter;
use super::value::Value;

/// The text being scanned and what it is resolved against.
pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    pub(super) published: Option<Date>,
    /// The dates mentioned so far that later anaphoric mentions refer to.
    pub(super) anchor: Cell<Anchor>,
}

/// The running reference dates of a text: TimeML resolves "the quarter", "a year earlier" or
/// "the day before" against the last date of their kind the text mentioned, not the
/// published date.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Anchor {
    /// The last quarter named ("the third quarter", "third-quarter", "Q3").
    pub(super) quarter: Option<(i32, u8)>,
    /// The last day written out ("Sept. 30", "2019-11-20"), for "a year earlier".
    pub(super) written_day: Option<Date>,
    /// Whether the written day came after the quarter, so it is the nearer anchor.
    pub(super) day_is_latest: bool,
    /// The last day of any form ("Tuesday", "yesterday" too), for "the day before".
    pub(super) day: Option<Date>,
    /// The month of the last day or month named, for "the following month".
    pub(super) month: Option<(i32, u8)>,
    /// The year of the last date named, for "that year".
    pub(super) year: Option<i32>,
    /// The last written day and where its mention ended, for the "25" of "April 24 and 25".
    pub(super) listed_day: Option<(Date, usize)>,
}

impl Anchor {
    /// The anchors once `found`, a mention of `rule`, has been read.
    pub(super) fn after(self, published: Option<Date>, rule: &str, found: &Found) -> Anchor {
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
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) value: Value,
    /// Whether later anaphoric mentions may refer to this one; comparisons ("a year
    /// earlier", "the year-ago quarter") are not what "the quarter" means.
    pub(super) sets_anchor: bool,
}

/// Turns one match of a rule into a mention, or rejects it (wrong context, impossible date).
pub(super) type Resolve = fn(&Scan<'_>, &RuleMatch<'_, '_>) -> Option<Found>;

/// One form of date expression.
pub(super) struct Rule {
    /// A short name, used to prefix the rule's capture groups in the combined regex.
    pub(super) name: &'static str,
    /// The expression without surrounding context; named groups are the resolver's inputs.
    pub(super) pattern: String,
    pub(super) resolve: Resolve,
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
pub(super) struct Rules {
    pub(super) combined: Regex,
    set: RegexSet,
    compiled: Vec<CompiledRule>,
}

/// One rule's match.
pub(super) struct RuleMatch<'r, 't> {
    pub(super) caps: &'r Captures<'t>,
    pub(super) whole: regex::Match<'t>,
}

impl<'t> RuleMatch<'_, 't> {
    /// The rule's named group, if it took part in the match.
    pub(super) fn get(&self, name: &str) -> Option<regex::Match<'t>> {
        self.caps.name(name)
    }

    /// The text of the rule's named group, if it took part in the match.
    pub(super) fn text(&self, name: &str) -> Option<&'t str> {
        self.get(name).map(|m| m.as_str())
    }

    /// A mention spanning the whole match.
    pub(super) fn found(&self, value: Value) -> Found {
        Found {
            start: self.whole.start(),
            end: self.whole.end(),
            value,
            sets_anchor: true,
        }
    }

    /// A mention spanning the whole match that later mentions do not refer to.
    pub(super) fn comparison(&self, value: Value) -> Found {
        Found {
            sets_anchor: false,
            ..self.found(value)
        }
    }
}

impl Rules {
    /// Compiles the rules: joined in order, as a set, and one by one.
    pub(super) fn compile(rules: Vec<Rule>) -> Rules {
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
    pub(super) fn rule_at<'r, 't>(
        &'r self,
        head: &'t str,
        start: usize,
    ) -> Option<(&'r Rule, Captures<'t>)> {
        self.set.matches_at(head, start).iter().find_map(|i| {
            let compiled = self.compiled.get(i)?;
            let caps = compiled.regex.captures_at(head, start)?;
            let whole = caps.get(0)?;
            (whole.start() == start && whole.end() == head.len()).then_some((&compiled.rule, caps))
        })
    }
}
