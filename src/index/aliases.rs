//! The index's alias table: the acronyms its articles define, so that a search for one form
//! finds the articles that write only the other, in any article of the index.
//!
//! An article that writes "International Atomic Energy Agency (IAEA)" has its "IAEA"
//! mentions named "International Atomic Energy Agency" by the entity extractor. Each such
//! pair goes into the document's `alias` field as two whole terms, `iaea␟International Atomic
//! Energy Agency` and `international atomic energy agency␟IAEA`, so a search for either form
//! finds the other with one range of the term dictionary ([`learned_forms`]). Replacing or
//! deleting the article takes its terms with it when its segment is merged.

use std::collections::BTreeSet;

use tantivy::schema::Field;
use tantivy::Searcher;

use crate::extract::Entity;

/// Between a form's key and the other form, in a term.
const SEPARATOR: char = '\u{1f}';

/// The most other forms a search for one name is widened to.
const MAX_FORMS: usize = 8;

/// The alias terms of an article's entities: one each way for every acronym mention whose
/// name is a longer name the article gave it.
pub fn alias_terms(entities: &[Entity]) -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    for entity in entities {
        let Some(acronym) = acronym(&entity.text) else {
            continue;
        };
        if entity.name.split_whitespace().nth(1).is_none() {
            continue;
        }
        terms.insert(format!("{}{SEPARATOR}{}", key(&acronym), entity.name));
        terms.insert(format!("{}{SEPARATOR}{acronym}", key(&entity.name)));
    }
    terms
}

/// "IAEA" of "IAEA" or "I.A.E.A.": two to eight capital letters, dots left out.
fn acronym(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|&c| c != '.').collect();
    let len = letters.chars().count();
    let capitals = letters.chars().all(|c| c.is_uppercase());
    ((2..=8).contains(&len) && capitals).then_some(letters)
}

/// How a form is looked up: lower case, single spaces, no dots.
fn key(form: &str) -> String {
    let words: Vec<&str> = form.split_whitespace().collect();
    words.join(" ").replace('.', "").to_lowercase()
}

/// The other forms the index's articles gave `form`: "International Atomic Energy Agency" for
/// "IAEA", and "IAEA" for "International Atomic Energy Agency".
pub fn learned_forms(searcher: &Searcher, field: Field, form: &str) -> Vec<String> {
    let prefix = format!("{}{SEPARATOR}", key(form));
    let end = format!(
        "{}{}",
        key(form),
        char::from_u32(SEPARATOR as u32 + 1).unwrap_or('~')
    );
    let mut forms = BTreeSet::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let range = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(end.as_bytes());
        let Ok(mut stream) = range.into_stream() else {
            continue;
        };
        while stream.advance() && forms.len() < MAX_FORMS {
            if let Some(other) = std::str::from_utf8(stream.key())
                .ok()
                .and_then(|term| term.strip_prefix(&prefix))
            {
                forms.insert(other.to_string());
            }
        }
    }
    forms.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{EntityKind, TextField};

    fn entity(text: &str, name: &str) -> Entity {
        Entity {
            text: text.into(),
            name: name.into(),
            kind: EntityKind::Org,
            field: TextField::Body,
            start: 0,
            end: text.len(),
        }
    }

    #[test]
    fn an_acronym_named_by_a_longer_name_gives_a_term_each_way() {
        let entities = [
            entity(
                "International Atomic Energy Agency",
                "International Atomic Energy Agency",
            ),
            entity("I.A.E.A.", "International Atomic Energy Agency"),
            entity("Acme", "Acme"),
            entity("BBC", "BBC"),
        ];
        let terms: Vec<String> = alias_terms(&entities).into_iter().collect();
        assert_eq!(
            terms,
            [
                "iaea\u{1f}International Atomic Energy Agency",
                "international atomic energy agency\u{1f}IAEA"
            ]
        );
    }

    #[test]
    fn keys_ignore_case_dots_and_spacing() {
        assert_eq!(key("U.N.  Security Council"), "un security council");
        assert_eq!(acronym("Nato"), None);
        assert_eq!(acronym("A"), None);
    }
}
