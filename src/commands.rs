//! One function per subcommand: each builds its pipeline from the checked settings, runs it
//! and prints, returning the exit status the contract documents.

use std::io::{BufWriter, Write};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::CommandFactory;
use rayon::prelude::*;

use crate::answer;
use crate::checkpoint::{Checkpoint, Resume};
use crate::cli::{
    ByArg, Cli, Command, CompletionsArgs, EntityArgs, EvalArgs, EvalCorpus, ExportArgs,
    ExportFormatArg, ExtractArgs, IndexArgs, KindArg, MappingArg, QueryArgs, QuoteKindArg,
    QuotesArgs, ServeArgs, ShowArgs, SortArg, StatsArgs, Structure, TimelineArgs, TrainNerArgs,
};
use crate::config;
use crate::dedup::Signature;
use crate::extract::{ner, EntityKind, QuoteKind};
use crate::index::{size_by_field, to_document_with, IndexSink, NewsIndex, Structures};
use crate::output::json::{
    day, ClusterJson, ErrorJson, ExtractRecord, FacetsJson, IndexSummary, StatsJson,
};
use crate::output::{human, progress_bar, write_json_line, Printer, ProblemLog};
use crate::pipeline::{self, Progress};
use crate::query::{self, Granularity, QuoteRequest, SearchRequest, Sort};
use crate::status::Status;

/// Runs the command line.
pub fn run(cli: Cli) -> anyhow::Result<Status> {
    match cli.command {
        Command::Index(args) => index(&args),
        Command::Query(args) => query(&args),
        Command::Timeline(args) => timeline(&args),
        Command::Quotes(args) => quotes(&args),
        Command::Extract(args) => extract(&args),
        Command::Stats(args) => stats(&args),
        Command::Show(args) => show(&args),
        Command::Export(args) => export(&args),
        Command::Eval(args) => eval(&args),
        Command::TrainNer(args) => train_ner(&args),
        Command::Entity(args) => entity(&args),
        Command::Serve(args) => serve(&args),
        Command::Completions(args) => completions(&args),
        Command::Man => man(),
    }
}

fn entity(args: &EntityArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let kind = args.kind.map(|kind| match kind {
        KindArg::Person => EntityKind::Person,
        KindArg::Org => EntityKind::Org,
        KindArg::Place => EntityKind::Place,
        KindArg::Misc => EntityKind::Misc,
    });
    let Some(answer) = answer::entity(&index, &args.name, kind)? else {
        eprintln!("newsdex: {}", answer::no_entity(&args.name));
        return Ok(Status::Partial);
    };
    Printer::new(args.json, false, args.color).print_one(&answer.json(), |out| {
        human::print_profile(out, &answer.profile)
    })?;
    Ok(Status::Success)
}

/// Serves the index until the process is stopped.
fn serve(args: &ServeArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open_shared(&config::index_path(&args.location))?;
    let threads = args.threads.filter(|&n| n > 0).unwrap_or_else(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Searching is CPU work, but a worker also waits on slow clients (up to the head
        // deadline), so there are more workers than cores.
        (cores * 4).clamp(8, 64)
    });
    crate::serve::run(index, &args.addr, threads)?;
    Ok(Status::Success)
}

/// Prints a completion script, generated from the command definitions.
fn completions(args: &CompletionsArgs) -> anyhow::Result<Status> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "newsdex", &mut out);
    out.flush()?;
    Ok(Status::Success)
}

/// Prints the man page, generated from the command definitions.
fn man() -> anyhow::Result<Status> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(Status::Success)
}

fn thread_pool(threads: usize) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting worker threads")
}

fn index(args: &IndexArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let inputs = config::inputs(&args.input)?;
    let published = config::published(&args.input)?;
    let threads = config::threads(args.input.threads);
    let path = config::index_path(&args.location);
    let index = NewsIndex::open_or_create(&path)?;
    let interval = Duration::from_secs_f64(args.commit_interval.max(0.0));
    let mut sink = IndexSink::new(&index, threads, args.memory, args.wait, interval)?;
    let previous = Checkpoint::last(&index).filter(|c| !c.inputs.is_empty());
    let (mut resume, mut checkpoint) = match previous {
        Some(mut previous) if args.resume => {
            let resume = Resume::new(Some(previous.clone()));
            previous.finished = false;
            (resume, previous)
        }
        Some(previous) if !previous.finished => {
            eprintln!(
                "newsdex: an earlier run into {} stopped part way; --resume goes on from its \
                 last commit instead of extracting everything again",
                path.display()
            );
            (Resume::new(None), Checkpoint::default())
        }
        Some(_) | None => (Resume::new(None), Checkpoint::default()),
    };
    let pool = thread_pool(threads)?;
    let progress = Progress::default();
    let bar = progress_bar(config::progress(args.quiet));
    let mut log = ProblemLog::default();
    let fields = index.fields;
    let structures = structures(&args.ablate);
    pipeline::run(
        &inputs,
        published,
        &mut resume,
        &pool,
        &progress,
        &mut |problem| log.record(problem, bar.as_ref()),
        &mut |batch| {
            // Documents are built on the workers too: serializing the extraction is not free.
            let documents: Vec<_> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|p| {
                        let document =
                            to_document_with(&fields, &p.article, &p.extracted, structures);
                        let signature = if args.no_dedup {
                            Signature::default()
                        } else {
                            Signature::of(&p.article.body)
                        };
                        (document, signature)
                    })
                    .collect()
            });
            for (processed, (document, signature)) in batch.iter().zip(documents) {
                sink.add(&processed.article.id, document, signature)?;
                checkpoint.record(&processed.path);
            }
            sink.commit_if_due(&checkpoint)?;
            if let Some(bar) = &bar {
                bar.set_position(progress.articles.load(Ordering::Relaxed));
                let mb = progress.bytes.load(Ordering::Relaxed) as f64 / 1e6;
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                bar.set_message(format!("{mb:.1} MB, {:.1} MB/s", mb / secs));
            }
            Ok(())
        },
    )?;
    if let Some(bar) = &bar {
        bar.set_message("committing");
    }
    checkpoint.finish();
    let counts = sink.finish(&checkpoint)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let docs = index.searcher()?.num_docs();
    let summary = IndexSummary {
        added: counts.added,
        replaced: counts.replaced,
        skipped: log.skipped.len() as u64,
        errors: log.skipped.iter().map(ErrorJson::from).collect(),
        warnings: log.warnings,
        resumed: resume.skipped,
        docs,
        elapsed_ms: started.elapsed().as_millis() as u64,
    };
    eprintln!(
        "newsdex: indexed {} articles ({} new, {} replaced), skipped {}, {} warnings, in {:.1}s; {} has {} articles",
        summary.added + summary.replaced,
        summary.added,
        summary.replaced,
        summary.skipped,
        summary.warnings,
        summary.elapsed_ms as f64 / 1000.0,
        path.display(),
        summary.docs
    );
    if args.json {
        write_json_line(&mut std::io::stdout().lock(), &summary)?;
    }
    Ok(Status::skipped(summary.skipped as usize))
}

/// The index's structures but those `--ablate` leaves out.
fn structures(ablate: &[Structure]) -> Structures {
    let kept = |s| !ablate.contains(&s);
    Structures {
        pairs: kept(Structure::Pairs),
        mention_tokens: kept(Structure::MentionTokens),
        stored_extraction: kept(Structure::StoredExtraction),
        date_prefixes: kept(Structure::DatePrefixes),
    }
}

fn query(args: &QueryArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let request = SearchRequest {
        query: args.query.clone(),
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
        since: args.window.since.clone(),
        until: args.window.until.clone(),
        facets: args.facets,
        collapse: args.collapse,
    };
    let answer = answer::query(&index, request)?;
    let response = answer.json();
    let printer = Printer::new(args.json, args.jsonl, args.color);
    printer.print(&response, &response.hits, |out| {
        human::print_results(out, &answer.results)
    })?;
    Ok(Status::found(answer.results.total_hits > 0))
}

fn timeline(args: &TimelineArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let request = answer::timeline_request(
        args.query.clone(),
        args.window.since.clone(),
        args.window.until.clone(),
        args.collapse,
    );
    let by = args.by.map(|by| match by {
        ByArg::Day => Granularity::Day,
        ByArg::Week => Granularity::Week,
        ByArg::Month => Granularity::Month,
        ByArg::Year => Granularity::Year,
    });
    let answer = answer::timeline(&index, &request, by)?;
    let stdout = std::io::stdout().lock();
    if args.json {
        let mut out = stdout;
        write_json_line(&mut out, &answer.json())?;
    } else {
        let mut out = config::colored(stdout, args.color);
        human::print_timeline(&mut out, &answer.timeline)?;
        out.flush()?;
    }
    let total = answer.timeline.dated + answer.timeline.undated;
    Ok(Status::found(total > 0))
}

fn quotes(args: &QuotesArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let request = QuoteRequest {
        search: SearchRequest {
            query: args.query.clone(),
            limit: args.limit,
            offset: args.offset,
            sort: Sort::Relevance,
            since: args.window.since.clone(),
            until: args.window.until.clone(),
            facets: false,
            collapse: false,
        },
        speaker: args.speaker.clone(),
        kind: args.kind.map(|kind| match kind {
            QuoteKindArg::Direct => QuoteKind::Direct,
            QuoteKindArg::Indirect => QuoteKind::Indirect,
        }),
    };
    let answer = answer::quotes(&index, request)?;
    let response = answer.json();
    let printer = Printer::new(args.json, args.jsonl, args.color);
    printer.print(&response, &response.hits, |out| {
        human::print_quotes(out, &answer.results)
    })?;
    Ok(Status::found(answer.results.total_hits > 0))
}

fn extract(args: &ExtractArgs) -> anyhow::Result<Status> {
    let inputs = config::inputs(&args.input)?;
    let published = config::published(&args.input)?;
    let pool = thread_pool(config::threads(args.input.threads))?;
    let mut log = ProblemLog::default();
    let mut out = BufWriter::new(std::io::stdout().lock());
    pipeline::run(
        &inputs,
        published,
        &mut Resume::new(None),
        &pool,
        &Progress::default(),
        &mut |problem| log.record(problem, None),
        &mut |batch| {
            // Serialized on the workers: the mentions make long lines.
            let lines: Vec<serde_json::Result<Vec<u8>>> = pool.install(|| {
                batch
                    .par_iter()
                    .map(|p| serde_json::to_vec(&ExtractRecord::new(&p.article, &p.extracted)))
                    .collect()
            });
            for line in lines {
                out.write_all(&line?)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(Status::skipped(log.skipped.len()))
}

fn stats(args: &StatsArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let overview = query::overview(&index)?;
    let size_bytes = index.size_bytes();
    let size_by_field = size_by_field(&index)?;
    let stdout = std::io::stdout().lock();
    if args.json {
        let mut out = stdout;
        let stats = StatsJson {
            docs: overview.docs,
            size_bytes,
            published_min: day(overview.published_min),
            published_max: day(overview.published_max),
            top: FacetsJson::from(&overview.facets),
            size_by_field,
            clusters: overview.clusters,
            largest_clusters: ClusterJson::list(&overview.largest_clusters),
        };
        write_json_line(&mut out, &stats)?;
    } else {
        let mut out = config::colored(stdout, args.color);
        human::print_stats(&mut out, &index.path, &overview, size_bytes, &size_by_field)?;
    }
    Ok(Status::Success)
}

fn show(args: &ShowArgs) -> anyhow::Result<Status> {
    let index = NewsIndex::open(&config::index_path(&args.location))?;
    let Some(answer) = answer::article(&index, &args.id)? else {
        eprintln!("newsdex: {}", answer::no_article(&index, &args.id));
        return Ok(Status::Partial);
    };
    Printer::new(args.json, false, args.color).print_one(&answer.json(), |out| {
        human::print_article(out, &answer.article)?;
        human::print_cluster(out, &answer.cluster)
    })?;
    Ok(Status::Success)
}

fn eval(args: &EvalArgs) -> anyhow::Result<Status> {
    let report = match &args.corpus {
        EvalCorpus::Entities {
            path,
            corpus,
            verbose,
            model,
        } => {
            if let Some(file) = model {
                let replaced = ner::use_model(ner::load_model_file(file)?);
                anyhow::ensure!(replaced, "the entity model was already in use");
            }
            crate::eval::evaluate_entities(path, corpus.as_deref(), *verbose)?.to_string()
        }
        EvalCorpus::Ner { path, model } => eval_ner(path, model.as_deref())?,
        EvalCorpus::Dates { path, verbose } => {
            crate::eval::evaluate_dates(path, *verbose)?.to_string()
        }
        EvalCorpus::Quotes { path, verbose } => {
            crate::eval::evaluate_quotes(path, *verbose)?.to_string()
        }
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{report}")?;
    Ok(Status::Success)
}

fn eval_ner(path: &std::path::Path, model: Option<&std::path::Path>) -> anyhow::Result<String> {
    let documents = ner::read_conll_file(path)?;
    let started = Instant::now();
    let loaded = model.map(ner::load_model_file).transpose()?;
    let model = match &loaded {
        Some(model) => model,
        None => ner::built_in().context("the built-in entity model does not load")?,
    };
    let load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let report = ner::evaluate(model, &documents);
    Ok(format!("{report}\nmodel loaded in {load_ms:.1} ms"))
}

fn train_ner(args: &TrainNerArgs) -> anyhow::Result<Status> {
    let train = ner::read_conll_file(&args.train)?;
    let dev = args.dev.as_deref().map(ner::read_conll_file).transpose()?;
    let mut options = ner::TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        folds: args.folds,
        verbose: true,
        ..ner::TrainOptions::default()
    };
    let features = &mut options.features;
    features.shapes = !args.no_shapes;
    features.affixes = !args.no_affixes;
    features.wide_window = !args.no_wide_window;
    features.document_case = !args.no_document_case;
    features.clusters = !args.no_clusters;
    features.two_pass = !args.no_two_pass;
    features.gazetteer = args.gazetteer;
    features.glove = !args.no_glove;
    features.lists = !args.no_lists;
    features.glove_context = features.glove && !args.no_glove_context;
    if let (Some(dir), true) = (&args.unlabeled, features.clusters) {
        ner::texts_under(dir, &mut options.unlabeled)?;
    }
    if features.glove {
        options.glove_clusters = ner::read_data(&args.data.join("glove-clusters.tsv.gz"))?;
    }
    if features.lists {
        if !args.no_places {
            options.places = ner::read_data(&args.data.join("places.tsv.gz"))?;
        }
        options.given_names = ner::read_data(&args.data.join("first-names.txt"))?;
    }
    let started = Instant::now();
    let model = ner::train(&train, dev.as_deref(), &options)?;
    let bytes = model.save();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "newsdex: trained in {:.1}s; wrote {} ({} bytes)",
        started.elapsed().as_secs_f64(),
        args.out.display(),
        bytes.len()
    );
    if let Some(dev) = &dev {
        println!("{}", ner::evaluate(&model, dev));
    }
    Ok(Status::Success)
}

fn export(args: &ExportArgs) -> anyhow::Result<Status> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.mapping {
        Some(MappingArg::Elasticsearch) => {
            serde_json::to_writer_pretty(&mut out, &crate::export::elasticsearch_mapping())?;
            writeln!(out)?;
        }
        Some(MappingArg::Quickwit) => write!(out, "{}", crate::export::quickwit_config())?,
        None => {
            let index = NewsIndex::open(&config::index_path(&args.location))?;
            let format = match args.format {
                ExportFormatArg::Ndjson => crate::export::ExportFormat::Ndjson,
                ExportFormatArg::EsBulk => crate::export::ExportFormat::EsBulk,
            };
            let count = crate::export::export(&index, format, &mut out)?;
            out.flush()?;
            eprintln!("newsdex: exported {count} articles");
        }
    }
    out.flush()?;
    Ok(Status::Success)
}
