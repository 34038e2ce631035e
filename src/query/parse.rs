//! From the user's query string to a tantivy query: short dates in `published:` clauses are
//! widened to whole periods, a name searched in a field of names also looks for its other
//! forms ([`NameForms`]), the parser is guarded against panics, and a syntax error comes back
//! with a hint.

use std::cell::OnceCell;
use std::sync::LazyLock;

use anyhow::anyhow;
use regex::{Captures, Regex};
use tantivy::query::{EnableScoring, Query, QueryParser, QueryParserError};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use crate::extract::{searched_alias, EntityKind};
use crate::index::{is_common, learned_forms, NewsIndex, QUERY_FIELDS};
use crate::ingest::parse_published_bound;

/// How much more a match in the title counts than one in the body.
const TITLE_BOOST: f32 = 2.5;

/// Builds the parser: unqualified words search title, body and entity names, and must all
/// match unless joined by OR.
fn parser(index: &NewsIndex) -> QueryParser {
    let fields = &index.fields;
    let mut parser =
        QueryParser::for_index(&index.index, vec![fields.title, fields.body, fields.entity]);
    parser.set_field_boost(fields.title, TITLE_BOOST);
    parser.set_field_boost(fields.title_pairs, TITLE_BOOST);
    parser.set_conjunction_by_default();
    parser
}

/// Parses a query string, or explains what is wrong with it.
pub(crate) fn parse(index: &NewsIndex, text: &str) -> anyhow::Result<Box<dyn Query>> {
    let rewritten = widen_published_dates(text)?;
    let parser = parser(index);
    // Only a quoted phrase can become a word pair, and only a field can hold names.
    let mut pairs = if rewritten.contains(['"', '\'']) {
        Some(PhrasesAsPairs::new(index)?)
    } else {
        None
    };
    let mut names = rewritten.contains(':').then(|| NameForms::new(index));
    // tantivy's parser has panicked on some malformed inputs; a query is never worth a crash.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if pairs.is_some() || names.is_some() {
            let mut ast = query_grammar::parse_query(&rewritten)
                .map_err(|_| QueryParserError::SyntaxError(rewritten.clone()))?;
            let mut changed = false;
            if let Some(names) = &mut names {
                ast = map_literals(ast, &mut |literal| names.rewrite(literal));
                changed |= names.widened;
            }
            if let Some(pairs) = &mut pairs {
                ast = map_literals(ast, &mut |literal| pairs.rewrite(literal));
                changed |= pairs.paired;
            }
            if changed {
                return parser.build_query_from_user_input_ast(ast);
            }
        }
        // The parser's own path also flattens nested clauses of the same kind, which lets
        // tantivy prune a flat union of terms.
        parser.parse_query(&rewritten)
    }));
    match parsed {
        Ok(Ok(query)) => {
            // `title:*` parses, but only a fast field can be asked for any value; say so now
            // rather than fail in the middle of the search with tantivy's words.
            let schema = index.index.schema();
            match query.weight(EnableScoring::disabled_from_schema(&schema)) {
                Err(tantivy::TantivyError::SchemaError(_)) => Err(anyhow!(
                    "bad query {text:?}: `FIELD:*` (any value) works only for published; search \
                     for words in other fields"
                )),
                _ => Ok(query),
            }
        }
        Ok(Err(QueryParserError::AllButQueryForbidden)) => Err(anyhow!(
            "bad query {text:?}: it only excludes; add a term to search for"
        )),
        Ok(Err(err)) => Err(anyhow!("bad query {text:?}: {err}{}", hint(text))),
        Err(_) => Err(anyhow!(
            "bad query {text:?}: the query parser could not read it{}",
            hint(text)
        )),
    }
}

/// Rewrites each exact two-word phrase searched in the default fields (`"chief executive"`)
/// to search the word-pair fields instead, which answer it from one posting list rather than
/// from the positions of every article holding both words. The article set is the same; the
/// score differs in that the pair has its own rarity rather than the sum of its words', and
/// its field's length counts pairs (one fewer than the words).
/// Entity names keep the phrase. Longer phrases, slop and prefixes are left as they are.
struct PhrasesAsPairs {
    /// The analyser of prose, to count a phrase's words.
    words: TextAnalyzer,
    /// What a paired phrase searches: the title's and body's pairs, and entity names.
    fields: [String; 3],
    /// Whether a phrase was rewritten.
    paired: bool,
}

impl PhrasesAsPairs {
    fn new(index: &NewsIndex) -> tantivy::Result<PhrasesAsPairs> {
        let fields = &index.fields;
        let schema = index.index.schema();
        let name = |field| schema.get_field_name(field).to_string();
        Ok(PhrasesAsPairs {
            words: index.index.tokenizer_for_field(fields.body)?,
            fields: [
                name(fields.title_pairs),
                name(fields.body_pairs),
                name(fields.entity),
            ],
            paired: false,
        })
    }

    fn rewrite(&mut self, literal: UserInputLiteral) -> UserInputAst {
        if !self.is_two_word_phrase(&literal) {
            return literal_leaf(literal);
        }
        self.paired = true;
        let on = |field: &String| UserInputLiteral {
            field_name: Some(field.clone()),
            ..literal.clone()
        };
        any_of(self.fields.iter().map(on))
    }

    /// Whether a literal is a quoted phrase of exactly two adjacent words, searched in the
    /// default fields.
    fn is_two_word_phrase(&mut self, literal: &UserInputLiteral) -> bool {
        if literal.field_name.is_some()
            || literal.delimiter == Delimiter::None
            || literal.slop > 0
            || literal.prefix
        {
            return false;
        }
        let mut words = Vec::new();
        self.words
            .token_stream(&literal.phrase)
            .process(&mut |token| words.push((token.position, is_common(&token.text))));
        // Only pairs of common words are indexed (see `index::pairs`).
        matches!(words[..], [(first, true), (second, true)] if first + 1 == second)
    }
}

/// Widens a name searched in a field of names (`place:"U.S."`, `org:Tories`) to its canonical
/// name too, which is what the index holds for the forms general knowledge knows.
struct NameForms<'a> {
    index: &'a NewsIndex,
    /// The fields of names, with the entity type each holds (`None`: any).
    fields: Vec<(String, Option<EntityKind>)>,
    /// The field of the index's alias table.
    alias: Field,
    /// The index, read when a name is first looked up in its alias table.
    searcher: OnceCell<Option<Searcher>>,
    /// Whether a name was widened.
    widened: bool,
}

impl<'a> NameForms<'a> {
    fn new(index: &'a NewsIndex) -> NameForms<'a> {
        let fields = &index.fields;
        let schema = index.index.schema();
        let name = |field| schema.get_field_name(field).to_string();
        let mut named: Vec<_> = EntityKind::ALL
            .into_iter()
            .map(|kind| (name(fields.entity_kind(kind)), Some(kind)))
            .collect();
        named.push((name(fields.entity), None));
        named.push((name(fields.speaker), None));
        NameForms {
            index,
            fields: named,
            alias: fields.alias,
            searcher: OnceCell::new(),
            widened: false,
        }
    }

    /// The literal, or a clause of it and the other forms of its name: the canonical name
    /// general knowledge gives it, and the forms the index's articles defined for either.
    fn rewrite(&mut self, literal: UserInputLiteral) -> UserInputAst {
        let field = literal
            .field_name
            .as_ref()
            .and_then(|field| self.fields.iter().find(|(name, _)| name == field));
        let Some(&(_, kind)) = field.filter(|_| !literal.prefix) else {
            return literal_leaf(literal);
        };
        let phrase = literal.phrase.trim();
        let canonical = searched_alias(phrase, kind);
        let mut forms: Vec<String> = canonical.map(str::to_string).into_iter().collect();
        if let Some(searcher) = self.searcher.get_or_init(|| self.index.searcher().ok()) {
            for name in std::iter::once(phrase).chain(canonical) {
                forms.extend(learned_forms(searcher, self.alias, name));
            }
        }
        forms.retain(|form| !form.eq_ignore_ascii_case(phrase));
        forms.sort_unstable();
        forms.dedup();
        if forms.is_empty() {
            return literal_leaf(literal);
        }
        self.widened = true;
        let other = |phrase| UserInputLiteral {
            phrase,
            delimiter: Delimiter::DoubleQuotes,
            ..literal.clone()
        };
        let others: Vec<UserInputLiteral> = forms.into_iter().map(other).collect();
        any_of(std::iter::once(literal.clone()).chain(others))
    }
}

/// Applies `f` to every literal of a parsed query.
fn map_literals(
    ast: UserInputAst,
    f: &mut impl FnMut(UserInputLiteral) -> UserInputAst,
) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => UserInputAst::Clause(
            clauses
                .into_iter()
                .map(|(occur, clause)| (occur, map_literals(clause, f)))
                .collect(),
        ),
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(map_literals(*inner, f)), boost)
        }
        UserInputAst::Leaf(leaf) => match *leaf {
            UserInputLeaf::Literal(literal) => f(literal),
            leaf => UserInputAst::Leaf(Box::new(leaf)),
        },
    }
}

fn literal_leaf(literal: UserInputLiteral) -> UserInputAst {
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal)))
}

/// A clause matching any of the literals.
fn any_of(literals: impl IntoIterator<Item = UserInputLiteral>) -> UserInputAst {
    let should = |literal| (Some(query_grammar::Occur::Should), literal_leaf(literal));
    UserInputAst::Clause(literals.into_iter().map(should).collect())
}

/// A suggestion for the commonest mistakes.
fn hint(text: &str) -> String {
    let quotes = text.matches('"').count();
    if quotes % 2 == 1 {
        return " (a quotation mark is not closed)".into();
    }
    let open = text.matches(['(', '[', '{']).count();
    let close = text.matches([')', ']', '}']).count();
    if open != close {
        return " (brackets do not balance)".into();
    }
    if let Some(field) = unknown_field(text) {
        return format!(
            " (unknown field {field:?}; fields are {})",
            QUERY_FIELDS.join(" ")
        );
    }
    let last = text.split_whitespace().last().unwrap_or("");
    if matches!(last, "AND" | "OR" | "NOT" | "&&" | "||") {
        return format!(" (nothing follows {last})");
    }
    String::new()
}

fn unknown_field(text: &str) -> Option<&str> {
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[\s(+-])([A-Za-z_]+):").expect("valid regex"));
    FIELD
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.as_str())
        .find(|name| !QUERY_FIELDS.contains(name))
}

/// Rewrites `published:2019-11`, `published:[2019-11-01 TO 2019-11-30]` and the like into the
/// RFC 3339 ranges tantivy reads, each short date standing for its whole period, inclusive.
fn widen_published_dates(text: &str) -> anyhow::Result<String> {
    static RANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"published:\s*([\[{])\s*(\S+)\s+TO\s+([^\]}\s]+)\s*([\]}])")
            .expect("valid regex")
    });
    static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"published:(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:$|[\s)])").expect("valid regex")
    });
    // Compiling the patterns is a good part of a short query's run: skip it when it is moot.
    if !text.contains("published:") {
        return Ok(text.to_string());
    }
    let mut error = None;
    let mut bound = |date: &str, end: bool| -> String {
        if date == "*" || !is_short_date(date) {
            return date.to_string();
        }
        match parse_published_bound(date, end) {
            Ok(when) => rfc3339(when),
            Err(err) => {
                error.get_or_insert(err);
                date.to_string()
            }
        }
    };
    let ranged = RANGE.replace_all(text, |c: &Captures| {
        let (open, from, to, close) = (&c[1], &c[2], &c[3], &c[4]);
        // An inclusive start is the period's first day; an exclusive one starts after it.
        let from_end = open == "{";
        let to_end = close == "]";
        let lower = bound(from, from_end);
        let upper = bound(to, to_end);
        let open = if is_short_date(from) { "[" } else { open };
        let close = if is_short_date(to) { "}" } else { close };
        format!("published:{open}{lower} TO {upper}{close}")
    });
    let single = SINGLE.replace_all(&ranged, |c: &Captures| {
        let date = &c[1];
        let tail = &c[0][5 + 5 + date.len()..];
        format!(
            "published:[{} TO {}}}{tail}",
            bound(date, false),
            bound(date, true)
        )
    });
    match error {
        Some(err) => Err(anyhow!("bad query {text:?}: {err}")),
        None => Ok(single.into_owned()),
    }
}

fn is_short_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    matches!(bytes.len(), 4 | 7 | 10)
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn rfc3339(when: time::OffsetDateTime) -> String {
    when.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_short_dates_become_whole_periods() {
        let cases = [
            (
                "published:[2019-11-01 TO 2019-11-30]",
                "published:[2019-11-01T00:00:00Z TO 2019-12-01T00:00:00Z}",
            ),
            (
                "huawei AND published:2019-11",
                "huawei AND published:[2019-11-01T00:00:00Z TO 2019-12-01T00:00:00Z}",
            ),
            (
                "published:{2019 TO *]",
                "published:[2020-01-01T00:00:00Z TO *]",
            ),
            (
                "(published:2019-11-21)",
                "(published:[2019-11-21T00:00:00Z TO 2019-11-22T00:00:00Z})",
            ),
            ("person:ross", "person:ross"),
        ];
        for (input, expected) in cases {
            assert_eq!(widen_published_dates(input).unwrap(), expected, "{input}");
        }
        assert!(widen_published_dates("published:2019-13").is_err());
    }

    #[test]
    fn only_exact_two_word_phrases_in_the_default_fields_use_word_pairs() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(&dir.path().join("index")).unwrap();
        let mut pairs = PhrasesAsPairs::new(&index).unwrap();
        let mut rewritten = |query: &str| {
            let ast = query_grammar::parse_query(query).unwrap();
            format!("{:?}", map_literals(ast, &mut |l| pairs.rewrite(l)))
        };
        for query in [
            "\"Chief Executive\"",
            "'chief executive'",
            "x -\"prime minister\"^2",
        ] {
            let ast = rewritten(query);
            assert!(
                ast.contains("title_pairs") && ast.contains("body_pairs"),
                "{query}: {ast}"
            );
        }
        for query in [
            "chief executive",
            "title:\"chief executive\"",
            "\"chief executive\"~1",
            "\"chief exec\"*",
            "\"the chief executive\"",
            "\"ceo\"",
            // Not two common words: positions answer it from the rarer word's few articles.
            "\"wilbur ross\"",
        ] {
            let ast = rewritten(query);
            assert!(!ast.contains("pairs"), "{query}: {ast}");
        }
        assert!(parse(&index, "\"chief executive\" AND published:2019").is_ok());
    }

    #[test]
    fn hints_name_the_likely_mistake() {
        assert!(hint("person:\"Wilbur Ross").contains("not closed"));
        assert!(hint("(a OR b").contains("brackets"));
        assert!(hint("persn:ross").contains("unknown field \"persn\""));
        assert!(hint("microsoft AND").contains("nothing follows AND"));
        assert_eq!(hint("wilbur ross"), "");
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    /// Query syntax pieces, joined at random: every string must parse or be refused, never panic.
    const PIECES: &[&str] = &[
        "-",
        "*",
        "+",
        "\"",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        "~",
        "^",
        " ",
        "AND",
        "OR",
        "NOT",
        "person:",
        "date:",
        "published:",
        "2019-11",
        " TO ",
        "ross",
        "é",
        "\u{1f600}",
        "\\",
        "/",
        "title:",
        "0",
        "IN",
        "!",
        "?",
        "'",
        "&&",
        "||",
    ];

    #[test]
    fn any_query_string_parses_or_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let index = NewsIndex::open_or_create(&dir.path().join("index")).unwrap();
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..4000 {
            let mut query = String::new();
            for _ in 0..(state % 8) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                query.push_str(PIECES[(state % PIECES.len() as u64) as usize]);
            }
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let _ = parse(&index, &query);
        }
    }
}
