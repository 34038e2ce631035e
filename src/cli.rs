//! The command-line syntax, as clap derive types. No I/O happens here: `config` turns these
//! into checked settings. The doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Index a dump of news articles and search it by entity, date and quote.
///
/// Exit status: 0 on success (for `query`, at least one hit), 1 when some input records were
/// skipped (for `query`, no hit), 2 on an error.
#[derive(Debug, Parser)]
#[command(name = "newsdex", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index articles from files, directories (walked recursively) or `-` (JSON Lines on stdin).
    #[command(after_help = "Examples:\n  newsdex index sample-corpus\n  \
        newsdex index dump.jsonl.gz --index ~/news-index --resume\n  \
        zcat dump.jsonl.gz | newsdex index - --json")]
    Index(IndexArgs),
    /// Search the index.
    #[command(
        after_help = "Examples:\n  newsdex query 'person:\"Wilbur Ross\" AND date:2019-11'\n  \
        newsdex query 'place:\"United States\" quote:security' --since 2019 --facets\n  \
        newsdex query huawei --sort newest --jsonl"
    )]
    Query(QueryArgs),
    /// Chart how many matching articles were published per day, week, month or year.
    #[command(after_help = "Examples:\n  newsdex timeline 'org:huawei'\n  \
        newsdex timeline 'person:\"Wilbur Ross\"' --by week --json")]
    Timeline(TimelineArgs),
    /// Search quotations: each quote a hit, with its speaker and article.
    #[command(after_help = "Examples:\n  newsdex quotes security --speaker ross\n  \
        newsdex quotes '\"export controls\"' --json")]
    Quotes(QuotesArgs),
    /// Print what is extracted from each article, one JSON object per line, without indexing.
    #[command(after_help = "Examples:\n  newsdex extract sample-corpus\n  \
        newsdex extract article.txt --published 2019-11-21")]
    Extract(ExtractArgs),
    /// Print the article count, index size, date range and top entities.
    #[command(after_help = "Examples:\n  newsdex stats\n  newsdex stats --json")]
    Stats(StatsArgs),
    /// Print one article with everything extracted from it.
    #[command(after_help = "Examples:\n  newsdex show business/001.txt\n  \
        newsdex show business/001.txt --json")]
    Show(ShowArgs),
    /// Write every article with its extraction for Elasticsearch, OpenSearch or Quickwit.
    #[command(
        after_help = "Examples:\n  newsdex export --format es-bulk > bulk.ndjson\n  \
        newsdex export --mapping quickwit > newsdex.yaml"
    )]
    Export(ExportArgs),
    /// Measure the extractors against annotated corpora.
    #[command(after_help = "Examples:\n  \
        newsdex eval entities ../shared/ner/conll2003/eng.testa\n  \
        newsdex eval entities eval/bbc-dev\n  newsdex eval dates ../shared/timeml")]
    Eval(EvalArgs),
    /// Train the entity recognizer on CoNLL-2003 files and write the model.
    #[command(
        after_help = "Example:\n  newsdex train-ner --train ../shared/ner/conll2003/eng.train \\\n      \
        --dev ../shared/ner/conll2003/eng.testa --unlabeled ../shared/corpus/bbc\n\n\
        Options that switch feature families off, for ablations, are listed in the README."
    )]
    TrainNer(TrainNerArgs),
    /// Profile one entity: its forms, articles, timeline, the names beside it and its quotes.
    #[command(after_help = "Examples:\n  newsdex entity \"Wilbur Ross\"\n  \
        newsdex entity US --type place --json")]
    Entity(EntityArgs),
    /// Serve a read-only web interface and JSON API over the index, on this machine only
    /// unless --addr says otherwise.
    #[command(after_help = "Examples:\n  newsdex serve\n  \
        newsdex serve --index ~/news-index --addr 127.0.0.1:8080\n\n\
        Pages: / (search), /quotes, /article?id=ID, /entity?name=NAME.\n\
        API: /api/query?q= /api/quotes?q= /api/timeline?q= /api/article/ID /api/entity?name=")]
    Serve(ServeArgs),
    /// Print a completion script for a shell.
    #[command(
        after_help = "Examples:\n  newsdex completions bash > ~/.local/share/bash-completion/completions/newsdex\n  \
        newsdex completions zsh > \"${fpath[1]}/_newsdex\"\n  \
        newsdex completions fish > ~/.config/fish/completions/newsdex.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page, generated from these definitions, in roff.
    #[command(after_help = "Example:\n  newsdex man > newsdex.1 && man ./newsdex.1")]
    Man,
}

/// The kinds of quote `quotes --kind` chooses among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteKindArg {
    /// Words between quotation marks.
    Direct,
    /// Reported speech.
    Indirect,
}

/// The entity types `entity --type` chooses among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Org,
    Place,
    Misc,
}

/// `newsdex entity`.
#[derive(Debug, Args)]
pub struct EntityArgs {
    /// The name, in any form an article writes it ("Wilbur Ross", "ross", "U.S.").
    pub name: String,
    /// The entity's type [default: the type whose name field matches the most articles].
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub kind: Option<KindArg>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print a JSON object.
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `newsdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The address to listen on; port 0 picks a free port. Another host than 127.0.0.1 or
    /// ::1 lets other machines read the index.
    #[arg(long, default_value = "127.0.0.1:7707", value_name = "HOST:PORT")]
    pub addr: String,
    /// Requests answered at once [default: four per core, at least 8].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `newsdex completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Where the index lives, shared by every command.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// The index directory [default: $NEWSDEX_INDEX, else ./newsdex-index].
    #[arg(long, value_name = "DIR", env = "NEWSDEX_INDEX")]
    pub index: Option<PathBuf>,
}

/// The input formats `--format` can force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One article per file: the first non-empty line is the title, the rest the body.
    Txt,
    /// One JSON object per line.
    Jsonl,
    /// One JSON object, or an array of them.
    Json,
    /// CSV with a header row.
    Csv,
}

/// Inputs and how to read them, shared by `index` and `extract`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories, or `-` for JSON Lines on standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Read every file as this format instead of detecting it.
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Take DATE as every article's publication date (YYYY-MM-DD or RFC 3339), overriding
    /// the records' own.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Worker threads for reading and extraction [default: all cores].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// `newsdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub location: IndexLocation,
    /// The index writer's memory budget in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 256)]
    pub memory: usize,
    /// Print the summary as a JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Go on from where an interrupted run's last commit stopped: articles of unchanged input
    /// files that it covered are not extracted again.
    #[arg(long)]
    pub resume: bool,
    /// Seconds between commits while indexing (a killed run keeps what was committed).
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub commit_interval: f64,
    /// If another process is writing to the index, wait for it instead of failing.
    #[arg(long)]
    pub wait: bool,
    /// Index without looking for near-duplicates: every article is alone in its cluster (for
    /// measuring what finding them costs).
    #[arg(long, hide = true)]
    pub no_dedup: bool,
    /// Leave structures out of the index, to measure what each costs (an index built so
    /// answers some queries wrongly): pairs, mention-tokens, stored-extraction, date-prefixes.
    #[arg(long, hide = true, value_delimiter = ',', value_name = "STRUCTURE")]
    pub ablate: Vec<Structure>,
    /// No progress bar (one is shown only when stderr is a terminal anyway).
    #[arg(long, short)]
    pub quiet: bool,
}

/// The publication window shared by the search commands.
#[derive(Debug, Args)]
pub struct PublishedWindow {
    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// How query hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// Colour when stdout is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

/// `newsdex query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// A query in tantivy's syntax, e.g. `person:"Wilbur Ross" AND date:2019-11`.
    ///
    /// Unqualified words search the title (boosted), body and entity names; all of them must
    /// match unless joined by OR. Fields: title body entity person org place misc quote speaker
    /// date (by prefix: date:2019-11) published (published:[2019-11-01 TO 2019-11-30]).
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many hits to print.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// How many of the top hits to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Order of the hits.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    #[command(flatten)]
    pub window: PublishedWindow,
    /// Print one JSON object with every hit.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print one JSON object per hit, one per line.
    #[arg(long)]
    pub jsonl: bool,
    /// Count entities and publication months over all matching articles.
    #[arg(long)]
    pub facets: bool,
    /// Keep the best-ranked article of each near-duplicate cluster (syndicated copies of one
    /// story); `total_hits` then counts clusters, and facets count one article per cluster.
    #[arg(long)]
    pub collapse: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// Bucket widths for `timeline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    Day,
    Week,
    Month,
    Year,
}

/// `newsdex timeline`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// A query, as for `query` [default: every article].
    #[arg(default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// The bucket width [default: chosen from the span of the dates].
    #[arg(long, value_enum)]
    pub by: Option<ByArg>,
    /// Count one article per near-duplicate cluster.
    #[arg(long)]
    pub collapse: bool,
    #[command(flatten)]
    pub window: PublishedWindow,
    /// Print a JSON object.
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `newsdex quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Words to look for in quotes (tantivy's syntax, as for `query`) [default: every quote].
    #[arg(default_value = "*")]
    pub query: String,
    /// Only quotes by this speaker (every word of NAME must be in the speaker's name).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// Only direct quotes (words in quotation marks) or only reported speech [default: both].
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Option<QuoteKindArg>,
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many quotes to print.
    #[arg(long, short = 'n', default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// How many of the top quotes to skip.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    #[command(flatten)]
    pub window: PublishedWindow,
    /// Print one JSON object with every hit.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Print one JSON object per hit, one per line.
    #[arg(long)]
    pub jsonl: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `newsdex extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
}

/// `newsdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print a JSON object.
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `newsdex show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, as printed by `query`.
    pub id: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Print a JSON object.
    #[arg(long)]
    pub json: bool,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `newsdex eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(subcommand)]
    pub corpus: EvalCorpus,
}

/// The annotated corpora `eval` reads.
#[derive(Debug, Subcommand)]
pub enum EvalCorpus {
    /// Entity P/R/F1 per type (exact span and type) on a CoNLL-2003 file or a stand-off set.
    Entities {
        /// A CoNLL-2003 file, e.g. ../shared/ner/conll2003/eng.testa, or a directory with
        /// entities.tsv and articles.txt, e.g. eval/bbc-dev.
        path: PathBuf,
        /// Where a stand-off set's articles are [default: ../shared/corpus/bbc beside the
        /// repository holding the set].
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// List every miss, false alarm and wrong type first (stand-off sets).
        #[arg(long)]
        verbose: bool,
        /// Tag with this model file instead of the built-in one (for ablations).
        #[arg(long, value_name = "FILE", hide = true)]
        model: Option<PathBuf>,
    },
    /// The entity model alone on a CoNLL-2003 file's own tokens: P/R/F1 per type, tokens/s.
    Ner {
        /// A CoNLL-2003 file, e.g. ../shared/ner/conll2003/eng.testa.
        path: PathBuf,
        /// A model file [default: the model built into newsdex].
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
    },
    /// Date span and value P/R/F1 on TimeML (.tml files under a directory).
    Dates {
        /// A directory of .tml files, e.g. ../shared/timeml.
        path: PathBuf,
        /// List every miss, false alarm and wrong value first.
        #[arg(long)]
        verbose: bool,
    },
    /// Quote P/R/F1 and speaker accuracy on a PolNeAR split.
    Quotes {
        /// A split directory with attributions/ and text/, e.g. ../shared/quotes/polnear/data/dev.
        path: PathBuf,
        /// List every miss, false alarm and wrong speaker first.
        #[arg(long)]
        verbose: bool,
    },
}

/// `newsdex train-ner`.
#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training data in CoNLL-2003 format (token first, IOB tag last on each line).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data in the same format: picks the number of epochs and is scored at the end.
    #[arg(long, value_name = "FILE")]
    pub dev: Option<PathBuf>,
    /// Unlabeled news text (.txt files under DIR) to learn word clusters from.
    #[arg(long, value_name = "DIR")]
    pub unlabeled: Option<PathBuf>,
    /// Where to write the model (to use it, build newsdex with it as models/ner.bin).
    #[arg(long, value_name = "FILE", default_value = "models/ner.bin")]
    pub out: PathBuf,
    /// Most passes over the training data per stage.
    #[arg(long, default_value_t = 25)]
    pub epochs: usize,
    /// Seed of shuffling and clustering: the same seed and data give the same model.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folds for the second stage's training labels.
    #[arg(long, default_value_t = 5, hide = true)]
    pub folds: usize,
    /// Leave out word shape and casing features.
    #[arg(long, hide = true)]
    pub no_shapes: bool,
    /// Leave out prefix and suffix features.
    #[arg(long, hide = true)]
    pub no_affixes: bool,
    /// Leave out the words two away.
    #[arg(long, hide = true)]
    pub no_wide_window: bool,
    /// Leave out how the word is cased elsewhere in the document.
    #[arg(long, hide = true)]
    pub no_document_case: bool,
    /// Leave out word clusters.
    #[arg(long, hide = true)]
    pub no_clusters: bool,
    /// One stage only: no document-level labels.
    #[arg(long, hide = true)]
    pub no_two_pass: bool,
    /// Add a gazetteer learned from the training entities.
    #[arg(long, hide = true)]
    pub gazetteer: bool,
    /// Where the open-data tables are (glove-clusters.tsv.gz, places.tsv.gz, first-names.txt).
    #[arg(long, value_name = "DIR", default_value = "data")]
    pub data: PathBuf,
    /// Leave out the GloVe word clusters (for ablations).
    #[arg(long, hide = true)]
    pub no_glove: bool,
    /// Leave out the given-name (and place) lists (for ablations).
    #[arg(long, hide = true)]
    pub no_lists: bool,
    /// Leave the GeoNames places out of the name lists (for ablations).
    #[arg(long, hide = true)]
    pub no_places: bool,
    /// Leave out GloVe clusters two words away and of word pairs (for ablations).
    #[arg(long, hide = true)]
    pub no_glove_context: bool,
}

/// Document formats for `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormatArg {
    /// One JSON document per line.
    Ndjson,
    /// An Elasticsearch/OpenSearch `_bulk` body: an action line with `_id`, then the document.
    EsBulk,
}

/// Engines `export --mapping` writes a mapping or config for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MappingArg {
    /// The index body for `PUT /newsdex` (Elasticsearch and OpenSearch).
    Elasticsearch,
    /// A Quickwit index config (YAML).
    Quickwit,
}

/// `newsdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// How to write the documents.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Ndjson)]
    pub format: ExportFormatArg,
    /// Write the engine's mapping or config for the documents instead of the documents.
    #[arg(long, value_enum, conflicts_with = "format")]
    pub mapping: Option<MappingArg>,
}

/// A structure of the index that `index --ablate` can leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Structure {
    Pairs,
    MentionTokens,
    StoredExtraction,
    DatePrefixes,
}
