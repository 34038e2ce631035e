//! Headlines: headline mentions take the body's names; in a Title Case or ALL CAPS headline
//! only names the body or the lexicon knows are kept.
//!
//! Decides: what a headline's capitals mean. Leaves to others: the body's names (`canonical`).

use std::collections::HashMap;

use crate::extract::{Entity, EntityKind, TextField};

use super::tokenize::{tokenize, Token, TokenKind};
use super::typing::Mention;
use super::words::{is_name_like, lower_in, name_len, COMMON_WORDS, LEXICON_BY_LOWER};

/// The longest title phrase tried against known names, in tokens.
const MAX_TITLE_NAME_TOKENS: usize = 6;

/// The body's names by the lowercase form of every mention text and canonical name.
pub(super) fn body_names(
    body: &str,
    mentions: &[Mention],
) -> HashMap<String, (String, EntityKind)> {
    let mut names = HashMap::new();
    for m in mentions {
        let text = body[m.start..m.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let value = (m.name.clone(), m.kind);
        names.entry(m.name.to_lowercase()).or_insert(value.clone());
        names.entry(text.to_lowercase()).or_insert(value);
    }
    names
}

/// Mentions in a headline: only names the body has, or lexicon names. Longest match first.
pub(super) fn title_entities(
    title: &str,
    known: &HashMap<String, (String, EntityKind)>,
    out: &mut Vec<Entity>,
) {
    let tokens = tokenize(title);
    let all_caps = !title.chars().any(char::is_lowercase);
    let mut i = 0;
    while i < tokens.len() {
        let starts_name =
            tokens[i].kind == TokenKind::Word && (all_caps || is_name_like(&tokens[i]));
        let found = starts_name
            .then(|| title_match(title, &tokens, i, known, all_caps))
            .flatten();
        match found {
            Some((len, entity)) => {
                out.push(entity);
                i += len;
            }
            None => i += 1,
        }
    }
}

/// The longest known name starting at title token `i`: its token count and entity.
fn title_match(
    title: &str,
    tokens: &[Token<'_>],
    i: usize,
    known: &HashMap<String, (String, EntityKind)>,
    all_caps: bool,
) -> Option<(usize, Entity)> {
    let longest = MAX_TITLE_NAME_TOKENS.min(tokens.len() - i);
    for len in (1..=longest).rev() {
        let last = &tokens[i + len - 1];
        if last.kind != TokenKind::Word {
            continue;
        }
        let (start, end) = (tokens[i].start, last.start + name_len(last.text));
        let phrase = title[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let lower = phrase.to_lowercase();
        let from_body = known.get(&lower).cloned();
        // A capitalised common word in an ALL CAPS headline ("US", "WHO") needs the body.
        let common = len == 1 && lower_in(&COMMON_WORDS, &phrase);
        let from_lexicon = || {
            let (name, kind) = LEXICON_BY_LOWER.get(&lower)?;
            let exact_case = !all_caps || phrase == *name;
            (exact_case || !common).then(|| (name.to_string(), *kind))
        };
        if let Some((name, kind)) = from_body.or_else(from_lexicon) {
            let entity = Entity {
                text: title[start..end].to_string(),
                name,
                kind,
                field: TextField::Title,
                start,
                end,
            };
            return Some((len, entity));
        }
    }
    None
}
