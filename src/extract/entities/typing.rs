//! From runs to typed mentions: honorifics, the lexicon, heads ("Bank", "Street"), context
//! cues ("in", "said", "spokesman for") and the `Evidence` behind each type.
//!
//! Decides: a mention's type and how sure it is. Leaves to others: canonical names and the
//! type one name keeps over all its mentions (`canonical`).

use crate::extract::{Entity, EntityKind, TextField};

use super::tokenize::Token;
use super::words::{
    contraction_base, is_acronym, is_known_word, is_name_like, is_negated_verb, lower_in, name_len,
    Vocabulary, Words, COMMON_WORDS, CONNECTORS, DEMONYMS, FIRST_NAMES, HONORIFICS, MISC_HEADS,
    MISC_NAMES, ORGS, ORG_HEADS, PERSON_CUES, PLACES, PLACE_CUES, PLACE_HEADS, SAY_VERBS,
    SPOKES_WORDS, TITLES,
};

/// How sure a mention's type is; when mentions of one name disagree, the strongest wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    /// No rule fired; the default type.
    Default,
    /// A context cue ("X said", "in X") or a head word.
    Cue,
    /// A lexicon hit, a title or honorific, a known first name.
    Strong,
}

/// One mention before canonical naming: tokens `[first, last]` and the byte span of the name.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: EntityKind,
    pub(super) evidence: Evidence,
    /// The canonical name, once linked; the mention text with whitespace normalised before.
    pub(super) name: String,
}

impl Mention {
    /// The mention of a segment's tokens, its span ending before any possessive.
    pub(super) fn of_segment(
        tokens: &[Token<'_>],
        seg: Segment,
        kind: EntityKind,
        evidence: Evidence,
        name: String,
    ) -> Mention {
        let last = &tokens[seg.end - 1];
        Mention {
            first: seg.start,
            last: seg.end - 1,
            start: tokens[seg.start].start,
            end: last.start + name_len(last.text),
            kind,
            evidence,
            name,
        }
    }

    /// The mention as an entity of the body it was found in.
    pub(super) fn into_body_entity(self, body: &str) -> Entity {
        Entity {
            text: body[self.start..self.end].to_string(),
            name: self.name,
            kind: self.kind,
            field: TextField::Body,
            start: self.start,
            end: self.end,
        }
    }
}

/// A run piece between titles, and what stands before it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Right after a title or honorific ("Secretary Wilbur Ross"): a person.
    pub(super) after_title: bool,
    /// Right before a title ("Commerce Secretary"): kept only if it is a name on its own.
    pub(super) before_title: bool,
}

/// Whether a token is a courtesy title ("Mr", "Dr").
pub(super) fn is_honorific(token: &Token<'_>) -> bool {
    lower_in(&HONORIFICS, token.text)
}

/// Whether a token inside a run is a title or honorific that splits it.
pub(super) fn is_title_word(token: &Token<'_>) -> bool {
    lower_in(&TITLES, token.text) || lower_in(&HONORIFICS, token.text)
}

/// Splits a run at title words ("US President Donald Trump" -> "US" | "Donald Trump"), unless
/// the title word ends the run after a first name ("Stephen King").
pub(super) fn split_at_titles(tokens: &[Token<'_>], start: usize, end: usize) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut seg_start = start;
    let mut after_title = false;
    let mut i = start;
    while i < end {
        let surname_like = i + 1 == end && i > start && FIRST_NAMES.contains(tokens[i - 1].text);
        if !is_title_word(&tokens[i]) || surname_like {
            i += 1;
            continue;
        }
        if seg_start < i {
            segments.push(Segment {
                start: seg_start,
                end: i,
                after_title,
                before_title: true,
            });
        }
        while i < end && is_title_word(&tokens[i]) {
            i += 1;
        }
        seg_start = i;
        after_title = true;
    }
    if seg_start < end {
        segments.push(Segment {
            start: seg_start,
            end,
            after_title,
            before_title: false,
        });
    }
    segments
}

/// Whether a token at the edge of a segment is not part of a name: a connector, a function
/// word, a date word, a negated verb or a lone letter.
fn is_edge_noise(token: &Token<'_>, after_title: bool) -> bool {
    if !is_name_like(token) {
        return true;
    }
    let word = token.text;
    if is_negated_verb(word) || word.chars().count() == 1 {
        return true;
    }
    // After a title the month-like words are surnames ("Mrs May").
    !after_title && lower_in(&COMMON_WORDS, contraction_base(word)) && !is_known_word(word)
}

/// Whether a sentence-initial word is just a capitalised common word, not a name.
fn is_initial_common_word(token: &Token<'_>, vocab: &Vocabulary<'_>, alone: bool) -> bool {
    let word = &token.text[..name_len(token.text)];
    if is_known_word(word) || is_acronym(word) || vocab.capitalised.contains(word) {
        return false;
    }
    let lower_elsewhere = vocab.seen_lowercase(word);
    let adverb_or_verb = word.len() > 4 && (word.ends_with("ly") || word.ends_with("ing"));
    lower_elsewhere || adverb_or_verb || alone
}

/// Trims a segment to its name: edge noise off both ends, a common sentence-initial word off
/// the front; then the first-name start after a title ("Secretary of State John Kerry").
fn trim_segment(tokens: &[Token<'_>], seg: Segment, vocab: &Vocabulary<'_>) -> Option<Segment> {
    let (mut start, mut end) = (seg.start, seg.end);
    loop {
        while start < end && is_edge_noise(&tokens[start], seg.after_title && start == seg.start) {
            start += 1;
        }
        while start < end && is_edge_noise(&tokens[end - 1], seg.after_title) {
            end -= 1;
        }
        if start >= end {
            return None;
        }
        let initial = tokens[start].sentence_start;
        if !(initial && is_initial_common_word(&tokens[start], vocab, end - start == 1)) {
            break;
        }
        start += 1;
    }
    // "Governor of the Reserve Bank" names an office, not a person, unless a first name
    // follows ("Secretary of State John Kerry").
    let office = seg.after_title && !is_name_like(&tokens[seg.start]);
    let mut after_title = seg.after_title && !office;
    if seg.after_title && !FIRST_NAMES.contains(tokens[start].text) {
        if let Some(i) = (start + 1..end).find(|&i| FIRST_NAMES.contains(tokens[i].text)) {
            start = i;
            after_title = true;
        }
    }
    Some(Segment {
        start,
        end,
        after_title,
        ..seg
    })
}

/// The mention text of tokens `[start, end)` with whitespace normalised, possessive removed.
pub(super) fn joined_name(text: &str, tokens: &[Token<'_>], start: usize, end: usize) -> String {
    let last = &tokens[end - 1];
    let span = &text[tokens[start].start..last.start + name_len(last.text)];
    if !span.contains(char::is_whitespace) {
        return span.to_string();
    }
    span.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lexicon's type for a whole name, if it has one.
pub(super) fn lexicon_kind(name: &str) -> Option<EntityKind> {
    if DEMONYMS.contains(name) || MISC_NAMES.contains(name) {
        Some(EntityKind::Misc)
    } else if PLACES.contains(name) {
        Some(EntityKind::Place)
    } else if ORGS.contains(name) {
        Some(EntityKind::Org)
    } else {
        None
    }
}

/// Whether the segment names an organisation by its head: last word "Bank", "Inc", "Group",
/// or a head followed by "of"/"for" ("Bank of England", "Department of Commerce").
pub(super) fn has_org_head(tokens: &[Token<'_>], seg: Segment) -> bool {
    if seg.end - seg.start < 2 {
        return false;
    }
    let last = tokens[seg.end - 1].text;
    lower_in(&ORG_HEADS, &last[..name_len(last)])
        || (seg.start..seg.end - 1).any(|i| {
            lower_in(&ORG_HEADS, tokens[i].text) && matches!(tokens[i + 1].text, "of" | "for")
        })
}

/// Whether the last word of a multi-word segment is in `heads` ("West Coast", "World Cup").
fn has_head(tokens: &[Token<'_>], seg: Segment, heads: &Words) -> bool {
    let last = tokens[seg.end - 1].text;
    seg.end - seg.start >= 2 && lower_in(heads, &last[..name_len(last)])
}

/// English county names ("Derbyshire") and compass-qualified places ("South Yorkshire").
fn is_region_name(tokens: &[Token<'_>], seg: Segment) -> bool {
    let last = tokens[seg.end - 1].text;
    let compass = matches!(
        tokens[seg.start].text,
        "North"
            | "South"
            | "East"
            | "West"
            | "Northern"
            | "Southern"
            | "Eastern"
            | "Western"
            | "Central"
            | "Greater"
            | "Upper"
            | "Lower"
    );
    last.ends_with("shire") || (compass && seg.end - seg.start == 2 && PLACES.contains(last))
}

/// The lowercase word before the segment, skipping nothing; `None` at the start of text.
fn word_before<'a>(tokens: &[Token<'a>], seg: Segment) -> Option<&'a str> {
    seg.start.checked_sub(1).map(|i| tokens[i].text)
}

/// The word after the segment, skipping a comma ("Wilbur Ross, 81, said" is not handled).
fn word_after<'a>(tokens: &[Token<'a>], seg: Segment) -> Option<&'a str> {
    tokens.get(seg.end).map(|t| t.text)
}

/// The type the context around the segment suggests, if any.
fn context_kind(tokens: &[Token<'_>], seg: Segment) -> Option<EntityKind> {
    let len = seg.end - seg.start;
    let before = word_before(tokens, seg).unwrap_or("");
    let after = word_after(tokens, seg).unwrap_or("");
    let plain_words = (seg.start..seg.end).all(|i| !is_acronym(tokens[i].text));
    if SPOKES_WORDS.contains(after) || spokes_for(tokens, seg) {
        return Some(EntityKind::Org);
    }
    if PERSON_CUES.contains(before) && len <= 3 && plain_words {
        return Some(EntityKind::Person);
    }
    let said = SAY_VERBS.contains(after) || SAY_VERBS.contains(before);
    if said && (2..=3).contains(&len) && plain_words {
        return Some(EntityKind::Person);
    }
    if PLACE_CUES.contains(before) && len == 1 && plain_words {
        return Some(EntityKind::Place);
    }
    None
}

/// "a spokesman for X": the two words before the segment.
fn spokes_for(tokens: &[Token<'_>], seg: Segment) -> bool {
    seg.start >= 2
        && matches!(tokens[seg.start - 1].text, "for" | "at")
        && SPOKES_WORDS.contains(tokens[seg.start - 2].text)
}

/// Types a trimmed segment whose normalised text is `name`, by the rule order in the header.
fn classify(tokens: &[Token<'_>], seg: Segment, name: &str) -> (EntityKind, Evidence) {
    let first = tokens[seg.start].text;
    let multi = seg.end - seg.start >= 2;
    // After a title even a demonym is a surname ("Mr German"), but not a place or an org.
    let place_or_org = PLACES.contains(name) || ORGS.contains(name);
    if seg.after_title && !place_or_org {
        return (EntityKind::Person, Evidence::Strong);
    }
    if let Some(kind) = lexicon_kind(name) {
        return (kind, Evidence::Strong);
    }
    if has_org_head(tokens, seg) {
        return (EntityKind::Org, Evidence::Strong);
    }
    if multi && FIRST_NAMES.contains(first) {
        return (EntityKind::Person, Evidence::Strong);
    }
    if has_head(tokens, seg, &PLACE_HEADS) || is_region_name(tokens, seg) {
        return (EntityKind::Place, Evidence::Cue);
    }
    if has_head(tokens, seg, &MISC_HEADS) {
        return (EntityKind::Misc, Evidence::Cue);
    }
    if let Some(kind) = context_kind(tokens, seg) {
        return (kind, Evidence::Cue);
    }
    if FIRST_NAMES.contains(first) {
        return (EntityKind::Person, Evidence::Cue);
    }
    if is_acronym(name) {
        return (EntityKind::Org, Evidence::Cue);
    }
    if is_demonym_compound(tokens, seg) {
        return (EntityKind::Misc, Evidence::Cue);
    }
    // Two or three plain capitalised words with nothing else to go on are most often a
    // person whose first name the list lacks ("Doris Lessing"); anything else, an org.
    if is_name_shaped(tokens, seg) {
        return (EntityKind::Person, Evidence::Default);
    }
    (EntityKind::Org, Evidence::Default)
}

/// "South Korean", "French-Israeli": demonyms qualified by a compass word or hyphenated.
pub(super) fn is_demonym_compound(tokens: &[Token<'_>], seg: Segment) -> bool {
    let last = tokens[seg.end - 1].text;
    let last = &last[..name_len(last)];
    let compass = is_compass(tokens[seg.start].text);
    let two = seg.end - seg.start == 2;
    (two && compass && DEMONYMS.contains(last))
        || (seg.end - seg.start == 1
            && last.contains('-')
            && last.split('-').all(|p| DEMONYMS.contains(p)))
}

/// A compass word that qualifies a name ("South Korean", "West Bank").
pub(super) fn is_compass(word: &str) -> bool {
    matches!(word, "North" | "South" | "East" | "West")
}

/// Two or three capitalised words (and name particles: "van", "de") with no acronym, digit,
/// or lexicon word.
pub(super) fn is_name_shaped(tokens: &[Token<'_>], seg: Segment) -> bool {
    let words = &tokens[seg.start..seg.end];
    let particle =
        |t: &Token<'_>| !matches!(t.text, "of" | "for" | "the") && CONNECTORS.contains(t.text);
    let name_words = words.iter().filter(|t| !particle(t)).count();
    (2..=3).contains(&name_words)
        && words.iter().filter(|t| !particle(t)).all(|t| {
            let word = &t.text[..name_len(t.text)];
            word.chars().next().is_some_and(char::is_uppercase)
                && !is_acronym(word)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                && !is_known_word(word)
                && !lower_in(&COMMON_WORDS, word)
        })
}

/// Splits a leading demonym off a name it only describes ("American | Justin Gatlin"), but
/// not off a name it is part of ("British Airways", "Chinese Communist Party").
fn split_demonym(text: &str, tokens: &[Token<'_>], seg: Segment) -> Vec<Segment> {
    let whole = joined_name(text, tokens, seg.start, seg.end);
    let part_of_name = lexicon_kind(&whole).is_some()
        || has_org_head(tokens, seg)
        || has_head(tokens, seg, &MISC_HEADS);
    if seg.end - seg.start < 2 || !DEMONYMS.contains(tokens[seg.start].text) || part_of_name {
        return vec![seg];
    }
    let demonym = Segment {
        end: seg.start + 1,
        before_title: false,
        ..seg
    };
    let rest = Segment {
        start: seg.start + 1,
        after_title: false,
        ..seg
    };
    vec![demonym, rest]
}

/// The typed mentions of one capitalised run.
pub(super) fn run_mentions(
    text: &str,
    tokens: &[Token<'_>],
    run: (usize, usize),
    vocab: &Vocabulary<'_>,
    out: &mut Vec<Mention>,
) {
    let (start, end) = run;
    let whole = joined_name(text, tokens, start, end);
    // A lexicon name may contain a title word ("Burger King"): keep it whole.
    let segments = if lexicon_kind(&whole).is_some() {
        vec![Segment {
            start,
            end,
            after_title: false,
            before_title: false,
        }]
    } else {
        split_at_titles(tokens, start, end)
    };
    for seg in segments
        .into_iter()
        .flat_map(|seg| split_demonym(text, tokens, seg))
    {
        let Some(seg) = trim_segment(tokens, seg, vocab) else {
            continue;
        };
        let name = joined_name(text, tokens, seg.start, seg.end);
        let single = seg.end - seg.start == 1;
        if name.is_empty()
            || (seg.before_title && single && !is_known_word(&name) && !is_acronym(&name))
        {
            continue;
        }
        let (kind, evidence) = classify(tokens, seg, &name);
        out.push(Mention::of_segment(tokens, seg, kind, evidence, name));
    }
}
