//! Named-entity recognition: people, organisations, places and misc names.
//!
//! The trained recognizer ([`ner`], built into the binary) finds the spans and their types;
//! the hand-written rules below it keep what they do better:
//! 1. Tokens for the model: the raw-text tokenizer ([`tokenize`]: byte offsets, abbreviations
//!    keep their dot) with clitics split off as CoNLL writes them ("Microsoft" "'s", "does"
//!    "n't") and "..." or "--" kept whole. Sentences end at line breaks and end punctuation.
//!    Headline and body are tagged as one document, headline first, so the model's
//!    document-level features see how a headline word is cased in the body.
//! 2. Each span loses punctuation, a possessive and a leading "With"/"For" ("With Beacon");
//!    a person span is split at titles ("Commerce Secretary Wilbur Ross" -> "Wilbur Ross",
//!    the part before kept only when it is a name on its own: "US President ..." -> "US").
//! 3. Types: nationalities are misc; a lexicon name of several words, or a company, takes the
//!    lexicon's type; a person or place span with an organisation head is an organisation
//!    ("Brightwater Analytics"); "Name Surname, X's chief executive" is a person; a product
//!    with a model number written so twice is misc ("Beacon 3"); an ALL-CAPS dateline is a
//!    place named in Title Case ("OSLO -" -> "Oslo"); common abbreviations ("AI") are dropped;
//!    lexicon names the model left out are added ("US" in "US President", CoNLL has "U.S.").
//! 4. Canonical names as the rules do them: "European Union (EU)" and initials expand an
//!    acronym; a later mention that is a token-suffix (people) or token-prefix (orgs, misc)
//!    of an earlier longer one takes its name and type, unless it is a lexicon name of another
//!    type ("US" is not short for "US Commerce Department"); "US Commerce Department" and "US
//!    Department of Commerce" share the first name. Then every mention of a name gets the
//!    type with the strongest evidence, the most frequent on a tie.
//! 5. Headline mentions take the body's names; in a Title Case or ALL CAPS headline only
//!    names the body or the lexicon knows are kept.
//! 6. Names general knowledge gives another form of ("U.S.", "Tories", "IMF") take the
//!    canonical one ([`aliases`]).
//!
//! Should the built-in model fail to load, the rules alone recognize names (see
//! [`rule_entities`]): capitalised runs with connectors, split at titles, trimmed of
//! sentence-initial common words, typed by honorifics, lexicon, heads and context cues.
//!
//! Cost is linear in the text: the model reads at most [`model::MAX_FIELD_TOKENS`] tokens of
//! a field, in sentences of at most [`model::MAX_SENTENCE_TOKENS`]; a name has at most
//! [`candidates::MAX_NAME_TOKENS`] tokens, so its short forms (quadratic in its length) cost a
//! constant; every map of names is a hash lookup per mention. The short forms and the scans for numbered products are charged
//! to the article's work budget ([`super::budget`]).

mod candidates;
mod canonical;
mod model;
#[cfg(test)]
mod tests;
mod titles;
mod tokenize;
mod typing;
mod words;

use std::collections::HashMap;

use super::{aliases, ner, Entity, EntityKind, TextField};

use candidates::capitalised_runs;
use canonical::{link_names, make_types_consistent, register_short_forms};
use model::tagged_mentions;
use titles::{body_names, title_entities};
use tokenize::tokenize;
use typing::{run_mentions, Mention};
use words::{Vocabulary, LEXICON_BY_LOWER};

/// Every entity mention in an article: title mentions first, then body, each in text order,
/// each with its canonical name ([`aliases`]) and the text as written.
pub fn find_entities(title: &str, body: &str) -> Vec<Entity> {
    let mut entities = match ner::built_in() {
        Some(model) => model_entities(model, title, body),
        None => rule_entities(title, body),
    };
    for entity in &mut entities {
        if let Some((name, kind)) = aliases::canonical(&entity.name, entity.kind) {
            entity.name = name.to_string();
            entity.kind = kind;
        }
    }
    entities
}

/// The model's entity mentions, typed and named by the rules above.
fn model_entities(model: &ner::Model, title: &str, body: &str) -> Vec<Entity> {
    let (title_mentions, body_mentions) = tagged_mentions(model, title, body);
    let mut entities = Vec::with_capacity(title_mentions.len() + body_mentions.len());
    if !title.trim().is_empty() {
        headline_entities(title, title_mentions, body, &body_mentions, &mut entities);
    }
    entities.extend(body_mentions.into_iter().map(|m| m.into_body_entity(body)));
    entities
}

/// The headline's mentions, named as in the body. A Title Case or ALL CAPS headline capitalises
/// everything, so there only names the body or the lexicon knows are kept; known names the
/// model missed are added as the rules find them.
fn headline_entities(
    title: &str,
    mentions: Vec<Mention>,
    body: &str,
    body_mentions: &[Mention],
    out: &mut Vec<Entity>,
) {
    let known = body_names(body, body_mentions);
    let short = short_names(body_mentions);
    let capitalised = is_capitalised_headline(title);
    let mut found = Vec::with_capacity(mentions.len());
    for m in mentions {
        let text = &title[m.start..m.end];
        let lower = text.to_lowercase();
        let from_body = known.get(&lower).or_else(|| short.get(&lower)).cloned();
        let from_lexicon = || {
            let &(name, kind) = LEXICON_BY_LOWER.get(&lower)?;
            Some((name.to_string(), kind))
        };
        let (name, kind) = match from_body.or_else(from_lexicon) {
            Some(found) => found,
            None if capitalised => continue,
            None => (m.name, m.kind),
        };
        found.push(Entity {
            text: text.to_string(),
            name,
            kind,
            field: TextField::Title,
            start: m.start,
            end: m.end,
        });
    }
    let mut by_rules = Vec::new();
    title_entities(title, &known, &mut by_rules);
    for entity in by_rules {
        if !found
            .iter()
            .any(|e| e.start < entity.end && entity.start < e.end)
        {
            found.push(entity);
        }
    }
    found.sort_by_key(|e| e.start);
    out.extend(found);
}

/// Whether a headline capitalises (nearly) every word: "Big Win For Microsoft In Paris".
fn is_capitalised_headline(title: &str) -> bool {
    let words = title.split_whitespace().filter(|w| w.len() > 3);
    let (mut capitalised, mut all) = (0, 0);
    for word in words {
        all += 1;
        capitalised += usize::from(word.starts_with(char::is_uppercase));
    }
    all > 0 && capitalised * 5 >= all * 4
}

/// The body's names by the lowercase form of their shorter forms ("ross" for "Wilbur Ross").
fn short_names(mentions: &[Mention]) -> HashMap<String, (String, EntityKind)> {
    let mut forms = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.name.contains(' ') {
            register_short_forms(m, &mut forms, i);
        }
    }
    forms
        .into_iter()
        .map(|(form, i)| {
            (
                form.to_lowercase(),
                (mentions[i].name.clone(), mentions[i].kind),
            )
        })
        .collect()
}

/// The rules alone, for a build whose model does not load.
fn rule_entities(title: &str, body: &str) -> Vec<Entity> {
    let tokens = tokenize(body);
    let vocab = Vocabulary::of(&tokens);
    let mut mentions = Vec::new();
    for run in capitalised_runs(&tokens) {
        run_mentions(body, &tokens, run, &vocab, &mut mentions);
    }
    link_names(&tokens, &mut mentions);
    make_types_consistent(&mut mentions);

    let mut entities = Vec::with_capacity(mentions.len() + 8);
    title_entities(title, &body_names(body, &mentions), &mut entities);
    entities.extend(mentions.into_iter().map(|m| m.into_body_entity(body)));
    entities
}
