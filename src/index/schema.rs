//! The index schema: the one place field names live.
//!
//! Text is analysed by the `newsdex` tokenizer (words, lower-cased, folded to ASCII so that
//! "Müller" finds "Muller"). tantivy does not store custom tokenizers in the index, so
//! [`register_tokenizers`] runs every time an index is opened.

use tantivy::schema::{
    BytesOptions, DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Index;

use super::pairs::PairFilter;
use crate::extract::EntityKind;

/// Bumped whenever the schema or what is stored changes incompatibly.
pub const SCHEMA_VERSION: u32 = 7;

/// The name of the analyser for prose and names.
pub const TEXT_TOKENIZER: &str = "newsdex";

/// The name of the analyser that makes adjacent word pairs ("chief executive").
pub const PAIR_TOKENIZER: &str = "newsdex_pairs";

/// The fields of the schema, resolved once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The article's stable id: raw, stored, used to replace an article indexed again.
    pub id: Field,
    pub title: Field,
    pub body: Field,
    /// Adjacent word pairs of the title and of the body, so that two-word phrases need no
    /// positions: indexed with frequencies only, not stored.
    pub title_pairs: Field,
    pub body_pairs: Field,
    pub url: Field,
    pub source: Field,
    pub authors: Field,
    /// Publication time: indexed for ranges, fast for sorting, stored.
    pub published: Field,
    /// Where the publication date came from: metadata, text, url or flag.
    pub published_source: Field,
    /// `YYYY-MM` of publication, fast, for the month facet.
    pub published_month: Field,
    // The name fields hold each canonical name once per mention, so that an article naming
    // someone often ranks above one naming them in passing.
    /// Every entity name, whatever its type.
    pub entity: Field,
    /// Entity names of one type.
    pub person: Field,
    pub org: Field,
    pub place: Field,
    pub misc: Field,
    /// Each mentioned date value and its prefixes (`2019-11-20`, `2019-11`, `2019`).
    pub date: Field,
    /// The words of every direct quotation.
    pub quote: Field,
    /// The words of every reported speech's content.
    pub reported: Field,
    pub speaker: Field,
    /// The index's alias table: each acronym an article defines, with its expansion, both
    /// ways (`aliases::alias_terms`); indexed whole, never stored.
    pub alias: Field,
    /// The extraction, as JSON, stored only.
    pub extract: Field,
    /// The body's near-duplicate band keys (`dedup::Signature`): 4-byte terms, indexed only,
    /// so that a new article's candidates are term lookups.
    pub bands: Field,
    /// For an article that nearly duplicates one indexed before it: the id of its cluster's
    /// first article. Absent on every other article, whose cluster is its own id, which keeps
    /// the field to a few bytes per index. Raw, stored, fast (for `--collapse`).
    pub cluster: Field,
    /// Per entity type, in `EntityKind::ALL` order: the article's distinct names, in a fast
    /// column for facets.
    pub facets: [Field; 4],
}

impl Fields {
    /// The field holding entity names of one kind.
    pub fn entity_kind(&self, kind: EntityKind) -> Field {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Org => self.org,
            EntityKind::Place => self.place,
            EntityKind::Misc => self.misc,
        }
    }

    /// The fast column of one entity type's distinct names.
    pub fn facet_column(&self, kind: EntityKind) -> Field {
        let [person, org, place, misc] = self.facets;
        match kind {
            EntityKind::Person => person,
            EntityKind::Org => org,
            EntityKind::Place => place,
            EntityKind::Misc => misc,
        }
    }

    /// The field whose words `field` indexes: the title for the title's word pairs, the body
    /// for the body's, and any other field itself.
    pub fn source_of(&self, field: Field) -> Field {
        if field == self.title_pairs {
            self.title
        } else if field == self.body_pairs {
            self.body
        } else {
            field
        }
    }

    /// Resolves the fields of an opened index's schema by name.
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let field = |name: &str| schema.get_field(name);
        Ok(Fields {
            id: field("id")?,
            title: field("title")?,
            body: field("body")?,
            title_pairs: field("title_pairs")?,
            body_pairs: field("body_pairs")?,
            url: field("url")?,
            source: field("source")?,
            authors: field("authors")?,
            published: field(PUBLISHED)?,
            published_source: field("published_source")?,
            published_month: field("published_month")?,
            entity: field("entity")?,
            person: field("person")?,
            org: field("org")?,
            place: field("place")?,
            misc: field("misc")?,
            date: field("date")?,
            quote: field("quote")?,
            reported: field("reported")?,
            speaker: field("speaker")?,
            alias: field("alias")?,
            extract: field("extract")?,
            bands: field("bands")?,
            cluster: field("cluster")?,
            facets: [
                field(&facet_column_name(EntityKind::Person))?,
                field(&facet_column_name(EntityKind::Org))?,
                field(&facet_column_name(EntityKind::Place))?,
                field(&facet_column_name(EntityKind::Misc))?,
            ],
        })
    }
}

/// Prose searched by word and phrase.
fn prose(stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(TEXT_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Word pairs of prose, for two-word phrases: frequencies for scoring, no positions.
fn pairs() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(PAIR_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqs);
    TextOptions::default().set_indexing_options(indexing)
}

/// Names searched by word and phrase, and kept whole in a fast column for facets.
fn name() -> TextOptions {
    prose(false).set_fast("raw")
}

/// A fast column only: each distinct name of an article once, for facets.
fn facet() -> TextOptions {
    TextOptions::default().set_fast("raw")
}

/// The fast column that holds an entity type's distinct names, for facets (the searched field
/// holds them once per mention).
pub fn facet_column_name(kind: EntityKind) -> String {
    format!("{}_names", kind.as_str())
}

/// The publication date's field, which sorting, date windows and timelines read as a fast
/// column.
pub const PUBLISHED: &str = "published";

/// The fast columns facets count, in order: each entity type's names (in `EntityKind::ALL`
/// order), the speakers, the publication months.
pub fn facet_columns() -> Vec<String> {
    let mut columns: Vec<String> = EntityKind::ALL.into_iter().map(facet_column_name).collect();
    columns.extend(["speaker".to_string(), "published_month".to_string()]);
    columns
}

/// The fields a query may name (`person:`, `published:`…), in the order hints list them; the
/// rest of the schema (word pairs, facet columns, the alias table, stored extraction, band
/// keys) is the index's own. A test checks that each is a field of [`build_schema`].
pub const QUERY_FIELDS: &[&str] = &[
    "title",
    "body",
    "entity",
    "person",
    "org",
    "place",
    "misc",
    "quote",
    "reported",
    "speaker",
    "date",
    "published",
    "id",
    "url",
    "source",
    "authors",
];

/// Builds the schema of a new index.
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_text_field("id", STRING | STORED);
    builder.add_text_field("title", prose(true));
    builder.add_text_field("body", prose(true));
    builder.add_text_field("title_pairs", pairs());
    builder.add_text_field("body_pairs", pairs());
    builder.add_text_field("url", STRING | STORED);
    builder.add_text_field("source", STRING | STORED | FAST);
    builder.add_text_field("authors", prose(true));
    let published = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);
    builder.add_date_field(PUBLISHED, published);
    builder.add_text_field("published_source", STRING | STORED);
    builder.add_text_field("published_month", STRING | FAST);
    builder.add_text_field("entity", prose(false));
    for kind in EntityKind::ALL {
        builder.add_text_field(kind.as_str(), prose(false));
        builder.add_text_field(&facet_column_name(kind), facet());
    }
    builder.add_text_field("date", STRING);
    builder.add_text_field("quote", prose(false));
    builder.add_text_field("reported", prose(false));
    builder.add_text_field("speaker", name());
    builder.add_text_field("alias", STRING);
    builder.add_text_field("extract", STORED);
    builder.add_bytes_field("bands", BytesOptions::default().set_indexed());
    builder.add_text_field("cluster", STRING | STORED | FAST);
    builder.build()
}

/// Registers the analysers the schema names; needed on every open.
pub fn register_tokenizers(index: &Index) {
    let words = || {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(64))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
    };
    index.tokenizers().register(TEXT_TOKENIZER, words().build());
    index
        .tokenizers()
        .register(PAIR_TOKENIZER, words().filter(PairFilter).build());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_field_is_in_the_schema() {
        let schema = build_schema();
        for name in QUERY_FIELDS {
            assert!(schema.get_field(name).is_ok(), "{name}");
        }
    }
}
