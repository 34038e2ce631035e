//! Glue to the trained recognizer ([`crate::extract::ner`]): tokens as CoNLL writes them
//! (clitics split off), tagging headline and body as one document, and the rules that clean
//! and type its spans (punctuation, possessives, titles, datelines, numbered products).
//!
//! Decides: how the model's spans become mentions. Leaves to others: the model itself
//! (`ner`), and the names of mentions (`canonical`).

use crate::extract::{budget, ner, EntityKind};

use super::candidates::MAX_NAME_TOKENS;
use super::canonical::{link_names, make_types_consistent};
use super::tokenize::{is_line_break, tokenize, with_lowercase, Token, TokenKind};
use super::typing::{
    has_org_head, is_compass, is_demonym_compound, is_honorific, is_name_shaped, is_title_word,
    joined_name, lexicon_kind, split_at_titles, Evidence, Mention, Segment,
};
use super::words::{
    is_acronym, is_known_word, is_name_like, lower_in, name_len, without_dot, COMMON_WORDS,
    DEMONYMS, LEXICON_FIRST_WORDS, TITLES,
};

/// Clitics the CoNLL training data writes as tokens of their own ("Microsoft 's", "does n't").
const CLITICS: [&str; 7] = ["s", "ll", "re", "ve", "d", "m", "t"];

/// Whether `c` is an apostrophe, straight or curly.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The byte length of a word's stem before a clitic the training data splits off ("It" of
/// "It'll", "does" of "doesn't"), or `None` when there is none.
fn clitic_stem_len(word: &str) -> Option<usize> {
    let lower_end = |tail: &str| tail.chars().all(|c| c.is_alphabetic());
    if let Some(stem) = word
        .strip_suffix("n't")
        .or_else(|| word.strip_suffix("n’t"))
        .or_else(|| word.strip_suffix("N'T"))
    {
        return (!stem.is_empty()).then_some(stem.len());
    }
    let i = word.rfind(is_apostrophe)?;
    let tail = &word[i..].trim_start_matches(is_apostrophe);
    let known = lower_end(tail) && with_lowercase(tail, |t| CLITICS[..6].contains(&t));
    (known && i > 0).then_some(i)
}

/// Splits raw text into tokens as the model was trained on them: the tokenizer's words with
/// clitics split off ("Microsoft" "'s"), and punctuation runs ("...", "--") kept whole.
pub(super) fn model_tokens(text: &str) -> Vec<Token<'_>> {
    let raw = tokenize(text);
    let mut out = Vec::with_capacity(raw.len() + raw.len() / 16);
    let mut i = 0;
    while i < raw.len() {
        let token = raw[i];
        i += 1;
        match token.kind {
            TokenKind::Word => match clitic_stem_len(token.text) {
                Some(len) => {
                    let cut = token.start + len;
                    out.push(Token {
                        text: &text[token.start..cut],
                        end: cut,
                        ..token
                    });
                    out.push(Token {
                        text: &text[cut..token.end],
                        start: cut,
                        sentence_start: false,
                        ..token
                    });
                }
                None => out.push(token),
            },
            TokenKind::Number => out.push(token),
            TokenKind::Punct => {
                let mut end = token.end;
                let apostrophe = token.text.starts_with(is_apostrophe);
                match raw.get(i) {
                    // "'s" written apart from its word ("Microsoft 's").
                    Some(next)
                        if apostrophe
                            && next.start == end
                            && with_lowercase(next.text, |w| CLITICS.contains(&w)) =>
                    {
                        end = next.end;
                        i += 1;
                    }
                    _ => {
                        while raw
                            .get(i)
                            .is_some_and(|n| n.start == end && n.text == token.text)
                        {
                            end = raw[i].end;
                            i += 1;
                        }
                    }
                }
                out.push(Token {
                    text: &text[token.start..end],
                    end,
                    ..token
                });
            }
        }
    }
    out
}

/// The most tokens of a field the model reads: 1 MB of news is about 200,000. The model's
/// memory grows with the tokens of the whole field (its document-level features), so text
/// made of one-letter tokens stops being read for names here.
const MAX_FIELD_TOKENS: usize = 1 << 18;

/// The most tokens the model is given as one sentence. CoNLL's longest has 124; text with no
/// sentence end (a list, or a dump's run-on line) is cut here, so that the model's memory per
/// sentence stays small.
const MAX_SENTENCE_TOKENS: usize = 512;

/// Token ranges `[start, end)` of the sentences the model sees: a sentence ends at a line
/// break and after end punctuation (and any closing quote or bracket after it).
fn model_sentences(text: &str, tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let (prev, next) = (&tokens[i - 1], &tokens[i]);
        let line_break = text[prev.end..next.start].contains(is_line_break);
        let too_long = i - start >= MAX_SENTENCE_TOKENS;
        if too_long || line_break || ends_sentence(tokens, i - 1) && !closes_quote(next) {
            sentences.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        sentences.push((start, tokens.len()));
    }
    sentences
}

/// Whether token `i` ends a sentence: end punctuation, or a closing mark right after one.
fn ends_sentence(tokens: &[Token<'_>], i: usize) -> bool {
    let end_mark =
        |t: &Token<'_>| t.kind == TokenKind::Punct && t.text.starts_with(['.', '!', '?', '…']);
    end_mark(&tokens[i]) || (closes_quote(&tokens[i]) && i > 0 && end_mark(&tokens[i - 1]))
}

/// A closing quote or bracket.
fn closes_quote(token: &Token<'_>) -> bool {
    matches!(token.text, "\"" | "”" | "’" | "'" | ")" | "]")
}

/// The contract's kind for a model type.
fn kind_of(kind: ner::EntityType) -> EntityKind {
    match kind {
        ner::EntityType::Per => EntityKind::Person,
        ner::EntityType::Org => EntityKind::Org,
        ner::EntityType::Loc => EntityKind::Place,
        ner::EntityType::Misc => EntityKind::Misc,
    }
}

/// One field's text and model tokens.
struct Field<'a> {
    text: &'a str,
    tokens: Vec<Token<'a>>,
    sentences: Vec<(usize, usize)>,
}

impl<'a> Field<'a> {
    /// Tokenizes a field for the model; a headline is one sentence.
    fn new(text: &'a str, one_sentence: bool) -> Self {
        let mut tokens = model_tokens(text);
        tokens.truncate(MAX_FIELD_TOKENS);
        let sentences = if one_sentence {
            vec![(0, tokens.len())]
                .into_iter()
                .filter(|s| s.1 > 0)
                .collect()
        } else {
            model_sentences(text, &tokens)
        };
        Field {
            text,
            tokens,
            sentences,
        }
    }

    /// The model's spans as global token ranges, given its tags for this field's sentences;
    /// a span longer than [`MAX_NAME_TOKENS`] is no name and is left out.
    fn spans(&self, tags: &[Vec<ner::Tag>]) -> Vec<(usize, usize, EntityKind)> {
        let mut spans = Vec::new();
        for (&(start, _), tags) in self.sentences.iter().zip(tags) {
            for (a, b, kind) in ner::spans(tags) {
                if b - a <= MAX_NAME_TOKENS {
                    spans.push((start + a, start + b, kind_of(kind)));
                }
            }
        }
        spans
    }
}

/// The longest lexicon name tried where the model found nothing, in tokens.
const MAX_LEXICON_NAME_TOKENS: usize = 4;

/// Adds the lexicon's names the model left out ("US" in "US President Donald Trump": CoNLL
/// writes "U.S."), keeping the spans in order.
fn add_lexicon_names(field: &Field<'_>, spans: &mut Vec<(usize, usize, EntityKind)>) {
    let tokens = &field.tokens;
    let mut covered = vec![false; tokens.len()];
    for &(start, end, _) in spans.iter() {
        covered[start..end].fill(true);
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if covered[i] || !is_name_like(&tokens[i]) {
            i += 1;
            continue;
        }
        let word = &tokens[i].text[..name_len(tokens[i].text)];
        let single = lexicon_kind(word).map(|kind| (i + 1, kind));
        let longer = || {
            (i + 1..tokens.len().min(i + MAX_LEXICON_NAME_TOKENS))
                .take_while(|&j| !covered[j])
                .filter_map(|j| {
                    let name = joined_name(field.text, tokens, i, j + 1);
                    lexicon_kind(&name).map(|kind| (j + 1, kind))
                })
                .last()
        };
        let longest = if LEXICON_FIRST_WORDS.contains(word) {
            longer().or(single)
        } else {
            single
        };
        match longest {
            Some((end, kind)) => {
                added.push((i, end, kind));
                i = end;
            }
            None => i += 1,
        }
    }
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_unstable_by_key(|s| s.0);
    }
}

/// The typed mentions of the model's spans in one field: possessives, titles and leading
/// function words left out, nationalities made misc, and the rules' strong cues applied.
fn model_mentions(
    field: &Field<'_>,
    spans: &[(usize, usize, EntityKind)],
    texts: [&str; 2],
) -> Vec<Mention> {
    let tokens = &field.tokens;
    let mut out = Vec::with_capacity(spans.len());
    for &(start, end, kind) in spans {
        let Some((start, end)) = trim_span(field, start, end) else {
            continue;
        };
        if end - start == 1 && is_common_acronym(tokens[start].text) {
            continue;
        }
        if kind != EntityKind::Person && is_numbered_product(field, start, end, texts) {
            out.push(product_mention(field, start, end + 1));
            continue;
        }
        // An office is no organisation: "Trade and Industry Secretary" is left out, like
        // "Commerce Secretary" before a person's name.
        let office = is_title_word(&tokens[end - 1]) && !is_honorific(&tokens[end - 1]);
        // "Mr Howard" is a person whatever the model made of it, also in "BBC Mr Howard".
        let honorific = (start..end - 1).any(|i| is_honorific(&tokens[i]));
        let kind = if honorific { EntityKind::Person } else { kind };
        let segments = if kind == EntityKind::Person || office {
            split_at_titles(tokens, start, end)
        } else {
            vec![Segment {
                start,
                end,
                after_title: false,
                before_title: false,
            }]
        };
        for seg in segments {
            let name = joined_name(field.text, tokens, seg.start, seg.end);
            let known = lexicon_kind(&name);
            // The part of a person span before a title is kept only as a name on its own:
            // "US" of "US President Donald Trump", not "Commerce" of "Commerce Secretary".
            if seg.before_title && known.is_none() && !is_acronym(&name) {
                continue;
            }
            let (mut kind, mut evidence) = retype(tokens, seg, &name, kind);
            let mut name = name;
            if is_dateline(field, seg) {
                name = title_case(&name);
                kind = lexicon_kind(&name).unwrap_or(EntityKind::Place);
                evidence = Evidence::Cue;
            }
            out.push(Mention::of_segment(tokens, seg, kind, evidence, name));
        }
    }
    out
}

/// An abbreviation that is a common noun ("AI", "CEO", "GDP"), not a name.
fn is_common_acronym(word: &str) -> bool {
    is_acronym(word) && lower_in(&COMMON_WORDS, word) && !is_known_word(word)
}

/// Whether a span is a product with a model number ("Beacon 3", "Talon 7"): a small number
/// right after it, and the pair written so at least twice in the article (a sports score is
/// written once).
fn is_numbered_product(field: &Field<'_>, start: usize, end: usize, texts: [&str; 2]) -> bool {
    let tokens = &field.tokens;
    let Some(number) = tokens.get(end) else {
        return false;
    };
    let small = number.kind == TokenKind::Number && number.text.len() <= 2;
    let score_table = tokens
        .get(end + 1)
        .is_some_and(|t| t.kind == TokenKind::Number);
    if !small || score_table || field.text[tokens[end - 1].end..number.start] != *" " {
        return false;
    }
    let written = &field.text[tokens[start].start..number.end];
    // A scan of the whole article, for each span followed by a small number: fine for news,
    // counted so that a text made of such spans stops at its budget.
    budget::charge(1 + (texts[0].len() + texts[1].len()) as u64 / 64);
    texts
        .iter()
        .map(|t| t.matches(written).count())
        .sum::<usize>()
        >= 2
}

/// A product mention over tokens `[start, end)`.
fn product_mention(field: &Field<'_>, start: usize, end: usize) -> Mention {
    Mention {
        first: start,
        last: end - 1,
        start: field.tokens[start].start,
        end: field.tokens[end - 1].end,
        kind: EntityKind::Misc,
        evidence: Evidence::Strong,
        name: joined_name(field.text, &field.tokens, start, end),
    }
}

/// Whether a segment is an ALL-CAPS dateline: first on its line, before a dash or comma
/// ("OSLO - ...", "NICE , France").
fn is_dateline(field: &Field<'_>, seg: Segment) -> bool {
    let tokens = &field.tokens;
    let caps = (seg.start..seg.end).all(|i| !tokens[i].text.contains(char::is_lowercase));
    let before_mark = tokens
        .get(seg.end)
        .is_some_and(|t| matches!(t.text, "-" | "–" | "—" | ","));
    let after_line_break = || {
        let before = seg.start.checked_sub(1).map_or(0, |i| tokens[i].end);
        seg.start == 0 || field.text[before..tokens[seg.start].start].contains(is_line_break)
    };
    caps && before_mark && after_line_break()
}

/// "NEW YORK" -> "New York".
fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = !c.is_alphabetic();
    }
    out
}

/// A model span without punctuation or clitics at its end and without a capitalised function
/// word at its start ("With Beacon" -> "Beacon"); `None` when nothing is left.
fn trim_span(field: &Field<'_>, start: usize, end: usize) -> Option<(usize, usize)> {
    let tokens = &field.tokens;
    let (mut start, mut end) = (start, end);
    while end > start && !tokens[end - 1].text.starts_with(char::is_alphanumeric) {
        end -= 1;
    }
    while end - start > 1
        && is_leading_connective(tokens[start].text)
        && lexicon_kind(&joined_name(field.text, tokens, start, end)).is_none()
    {
        start += 1;
    }
    (end > start).then_some((start, end))
}

/// A preposition or conjunction that a sentence-initial capital can glue to a name ("With
/// Beacon 3 the answer is yes").
fn is_leading_connective(word: &str) -> bool {
    matches!(
        word,
        "With"
            | "For"
            | "In"
            | "On"
            | "At"
            | "To"
            | "By"
            | "From"
            | "After"
            | "Before"
            | "But"
            | "And"
            | "If"
            | "When"
            | "As"
            | "While"
            | "Since"
            | "Although"
            | "Because"
            | "Despite"
            | "However"
            | "Meanwhile"
            | "During"
            | "Under"
            | "Like"
            | "Unlike"
    )
}

/// The type of a model mention after the rules' strongest cues, and how sure it is.
fn retype(
    tokens: &[Token<'_>],
    seg: Segment,
    name: &str,
    kind: EntityKind,
) -> (EntityKind, Evidence) {
    let multi = seg.end - seg.start >= 2;
    let known = lexicon_kind(name);
    if DEMONYMS.contains(name) || is_demonym_compound(tokens, seg) {
        return (EntityKind::Misc, Evidence::Strong);
    }
    if seg.before_title {
        return (known.unwrap_or(kind), Evidence::Strong);
    }
    // A multi-word lexicon name is unambiguous; a single word is trusted over the model only
    // for companies, which the model often takes for places or people ("Huawei"). Single-word
    // places stay as the model says: "Jordan" may be a player, "Barcelona" a team.
    let trusted = |known: EntityKind| known == kind || multi || known == EntityKind::Org;
    match known {
        Some(known) if trusted(known) => return (known, Evidence::Strong),
        _ => {}
    }
    if names_org_by_head(tokens, seg, kind) {
        return (EntityKind::Org, Evidence::Cue);
    }
    if kind != EntityKind::Person && is_appositive_person(tokens, seg) {
        return (EntityKind::Person, Evidence::Cue);
    }
    // "Oslo-based" and ALL-CAPS datelines say little about the type: other mentions decide,
    // or failing them the place list ("a Lagos-based analyst").
    let last = tokens[seg.end - 1].text;
    let weak = name_len(last) < last.len() || !name.chars().any(char::is_lowercase);
    if weak && known == Some(EntityKind::Place) {
        return (EntityKind::Place, Evidence::Default);
    }
    (
        kind,
        if weak {
            Evidence::Default
        } else {
            Evidence::Cue
        },
    )
}

/// Whether a person or place span is an organisation by its head word ("Brightwater
/// Analytics", "Skarp Bank"); heads that also end place names ("Panama City", "National
/// Tennis Centre", "West Bank") leave a place alone.
fn names_org_by_head(tokens: &[Token<'_>], seg: Segment, kind: EntityKind) -> bool {
    let last = tokens[seg.end - 1].text;
    let place_like = with_lowercase(without_dot(last), |w| {
        matches!(
            w,
            "city" | "centre" | "center" | "union" | "united" | "league" | "games" | "exchange"
        )
    }) || is_compass(tokens[seg.start].text);
    match kind {
        EntityKind::Person => has_org_head(tokens, seg),
        EntityKind::Place => !place_like && has_org_head(tokens, seg),
        _ => false,
    }
}

/// "Lars Brekke, Halvorsen's chief executive": a plain two- or three-word name followed by a
/// comma and a job title.
fn is_appositive_person(tokens: &[Token<'_>], seg: Segment) -> bool {
    is_name_shaped(tokens, seg)
        && tokens.get(seg.end).is_some_and(|t| t.text == ",")
        && tokens[seg.end + 1..]
            .iter()
            .take(5)
            .take_while(|t| t.text != "," && t.text != ".")
            .any(|t| TITLES.contains(t.text))
}

/// The mentions the model finds in a headline and a body tagged as one document, the
/// body's canonically named.
pub(super) fn tagged_mentions(
    model: &ner::Model,
    title: &str,
    body: &str,
) -> (Vec<Mention>, Vec<Mention>) {
    let title = Field::new(title, true);
    let body = Field::new(body, false);
    let sentences: Vec<Vec<&str>> = [&title, &body]
        .iter()
        .flat_map(|f| {
            f.sentences
                .iter()
                .map(|&(a, b)| f.tokens[a..b].iter().map(|t| t.text).collect())
        })
        .collect();
    let tags = model.tag_document(&sentences);
    let (title_tags, body_tags) = tags.split_at(title.sentences.len().min(tags.len()));
    let texts = [title.text, body.text];
    let title_mentions = model_mentions(&title, &title.spans(title_tags), texts);
    let mut body_spans = body.spans(body_tags);
    add_lexicon_names(&body, &mut body_spans);
    let mut body_mentions = model_mentions(&body, &body_spans, texts);
    link_names(&body.tokens, &mut body_mentions);
    make_types_consistent(&mut body_mentions);
    (title_mentions, body_mentions)
}
