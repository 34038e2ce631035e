//! The tense that places a bare weekday, month, season or holiday before or after the published
//! date: cue words ("said", "will", "-ed" verbs but not passives), deadlines ("until", "by"),
//! read within [`TENSE_WINDOW`] bytes of the mention and inside its sentence.
//!
//! Decides: past, future or unknown for a mention. Leaves to others: how a tense picks a year
//! or a day (`calendar`, `resolve`).

use crate::extract::vocabulary::{
    ABBREVIATIONS, ARTICLES, POSSESSIVE_DETERMINERS, REPORTING_VERBS,
};

use super::context::{prev_word, prev_word_in, prev_word_span};

/// Which way from the published date a sentence points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Past,
    Future,
    /// No cue in the sentence.
    Unknown,
}

/// How far around a mention to look for a tense cue, in bytes.
const TENSE_WINDOW: usize = 240;

/// The tense that places a mention: "since May" is past whatever the verb; otherwise the
/// tense of its sentence.
pub(super) fn mention_tense(text: &str, start: usize, end: usize) -> Tense {
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
pub(super) fn is_deadline(text: &str, start: usize, end: usize) -> bool {
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

/// Words after which an "-ed" word is an adjective ("a still unspecified date"), besides
/// the articles and possessive determiners.
const ADJECTIVE_CUES: &[&str] = &["still"];

/// The tense a word signals, given the words around it.
fn word_tense(prev: &str, word: &str, next: &str) -> Option<Tense> {
    let is = |list: &[&str]| list.iter().any(|w| word.eq_ignore_ascii_case(w));
    let prev_in = |list: &[&str]| list.iter().any(|w| prev.eq_ignore_ascii_case(w));
    let before_adjective =
        || prev_in(ARTICLES) || prev_in(POSSESSIVE_DETERMINERS) || prev_in(ADJECTIVE_CUES);
    // "next to the embassy" is a place; "protesters planned a march" looks ahead, "the
    // hastily planned trip" does not.
    let future = (is(FUTURE_CUES) && !(word.eq_ignore_ascii_case("next") && next == "to"))
        || (word.eq_ignore_ascii_case("planned") && !prev.ends_with("ly") && !before_adjective())
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
    let passive_or_adjective = || prev_in(BE_FORMS) || before_adjective();
    (past && !passive_or_adjective()).then_some(Tense::Past)
}
