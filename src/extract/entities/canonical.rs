//! Canonical names and consistent types: acronyms and their expansions, short forms of an
//! earlier longer name, and the strongest evidence winning for every mention of a name.
//!
//! Decides: which mentions are one entity and what it is called. Leaves to others: the forms
//! general knowledge gives (`aliases`) and headlines (`titles`).

use std::collections::HashMap;

use crate::extract::{budget, EntityKind};

use super::tokenize::Token;
use super::typing::{lexicon_kind, Evidence, Mention};
use super::words::is_acronym;

/// Whether `acronym` could abbreviate `name`: its first letter starts the name.
fn abbreviates(acronym: &str, name: &str) -> bool {
    is_acronym(acronym) && acronym.chars().next() == name.chars().next()
}

/// Acronyms introduced in brackets after their expansion: "European Union (EU)".
fn bracketed_acronyms(tokens: &[Token<'_>], mentions: &[Mention]) -> HashMap<String, usize> {
    let mut expansions = HashMap::new();
    for (i, pair) in mentions.windows(2).enumerate() {
        let (long, short) = (&pair[0], &pair[1]);
        let bracketed = short.first == long.last + 2
            && short.first == short.last
            && tokens[long.last + 1].text == "("
            && tokens.get(short.last + 1).is_some_and(|t| t.text == ")");
        if bracketed && long.last > long.first && abbreviates(&short.name, &long.name) {
            expansions.insert(short.name.clone(), i);
        }
    }
    expansions
}

/// The order-free key of an organisation's words ("US Commerce Department" and "US Department
/// of Commerce" share one), or `None` for names too short to compare that way.
fn org_word_key(name: &str) -> Option<String> {
    let mut words: Vec<String> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and" | "&"))
        .map(str::to_lowercase)
        .collect();
    if words.len() < 2 {
        return None;
    }
    words.sort_unstable();
    Some(words.join(" "))
}

/// Registers the shorter forms a later mention may use for an earlier name: surnames for
/// people, any token prefix or suffix for organisations and misc names.
pub(super) fn register_short_forms(
    mention: &Mention,
    short_forms: &mut HashMap<String, usize>,
    at: usize,
) {
    let words: Vec<&str> = mention.name.split_whitespace().collect();
    // Every form is a copy of part of the name.
    budget::charge((words.len() * mention.name.len()) as u64);
    if mention.kind != EntityKind::Person {
        if let Some(initials) = initialism(&words) {
            short_forms.entry(initials).or_insert(at);
        }
    }
    for cut in 1..words.len() {
        let suffix = words[cut..].join(" ");
        match mention.kind {
            EntityKind::Person => {
                short_forms.insert(suffix, at);
            }
            EntityKind::Org | EntityKind::Misc => {
                short_forms.insert(suffix, at);
                short_forms.insert(words[..cut].join(" "), at);
            }
            EntityKind::Place => {}
        }
    }
}

/// The initials of a name of two or more capitalised words ("EU" of "European Union", "ECB"
/// of "European Central Bank"), function words skipped.
fn initialism(words: &[&str]) -> Option<String> {
    let initials: String = words
        .iter()
        .filter(|w| !matches!(**w, "of" | "the" | "for" | "and" | "&"))
        .map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect::<Option<String>>()?;
    (initials.chars().count() >= 2).then_some(initials)
}

/// Gives each mention its canonical name: acronym expansions, then earlier longer names, then
/// reordered organisation names; a linked mention takes the earlier name's type too.
pub(super) fn link_names(tokens: &[Token<'_>], mentions: &mut [Mention]) {
    let acronyms = bracketed_acronyms(tokens, mentions);
    let mut short_forms: HashMap<String, usize> = HashMap::new();
    let mut org_keys: HashMap<String, usize> = HashMap::new();
    for i in 0..mentions.len() {
        let name = mentions[i].name.as_str();
        budget::charge(1 + name.len() as u64);
        let target = acronyms
            .get(name)
            .or_else(|| short_forms.get(name))
            .or_else(|| {
                short_forms
                    .get(&name.replace('.', ""))
                    .filter(|_| is_acronym(name))
            })
            .copied()
            .filter(|&j| j < i && compatible(&mentions[i], &mentions[j]));
        let target = target.or_else(|| {
            let key = org_word_key(name).filter(|_| mentions[i].kind == EntityKind::Org)?;
            let first = *org_keys.entry(key).or_insert(i);
            (first != i).then_some(first)
        });
        if let Some(j) = target {
            let (name, mut kind) = (mentions[j].name.clone(), mentions[j].kind);
            if mentions[i].evidence > mentions[j].evidence {
                kind = mentions[i].kind;
            }
            let evidence = mentions[i].evidence.max(mentions[j].evidence);
            let m = &mut mentions[i];
            (m.name, m.kind, m.evidence) = (name, kind, evidence);
        } else if mentions[i].last > mentions[i].first {
            register_short_forms(&mentions[i], &mut short_forms, i);
        }
    }
}

/// Whether a mention may take an earlier mention's name: same type, or either type is weak
/// (then the stronger evidence decides the type: "Enrico Bondi" ... "Mr Bondi" is a person).
fn compatible(mention: &Mention, earlier: &Mention) -> bool {
    // A lexicon name is a name in its own right: "US" is not short for "US Commerce Department".
    if lexicon_kind(&mention.name).is_some_and(|kind| kind != earlier.kind) {
        return false;
    }
    mention.kind == earlier.kind
        || mention.evidence < Evidence::Strong
        || (mention.kind == EntityKind::Person && earlier.evidence == Evidence::Default)
}

/// Gives every mention of a name the type with the strongest evidence; on a tie, the type
/// most of its mentions have, then the first.
pub(super) fn make_types_consistent(mentions: &mut [Mention]) {
    /// A type's votes: its strongest evidence, its mentions, its first mention (negated, so
    /// that the larger key is the earlier).
    type Votes = (Evidence, usize, isize);
    let mut tally: HashMap<&str, Vec<(EntityKind, Votes)>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        let votes = tally.entry(m.name.as_str()).or_default();
        match votes.iter_mut().find(|(kind, _)| *kind == m.kind) {
            Some((_, (evidence, count, _))) => {
                *evidence = (*evidence).max(m.evidence);
                *count += 1;
            }
            None => votes.push((m.kind, (m.evidence, 1, -(i as isize)))),
        }
    }
    let chosen: Vec<EntityKind> = mentions
        .iter()
        .map(|m| {
            tally[m.name.as_str()]
                .iter()
                .max_by_key(|(_, votes)| *votes)
                .map_or(m.kind, |&(kind, _)| kind)
        })
        .collect();
    for (m, kind) in mentions.iter_mut().zip(chosen) {
        m.kind = kind;
    }
}
