//! newsdex: turns a dump of news articles into a tantivy index and answers questions about it.
//!
//! The stages, in the order data flows: [`ingest`] reads files into `Article`s, [`extract`]
//! finds entities, dates and quotes, [`dedup`] finds near-duplicate articles, [`index`]
//! writes and opens the tantivy index, [`query`] searches it into `Hit`s, [`answer`] turns a
//! search into the value `--json` prints, and [`output`] prints them for people or scripts;
//! [`serve`] answers the same questions over HTTP. [`pipeline`]
//! joins reading and extraction on all cores; [`commands`] runs each subcommand.

pub mod answer;
pub mod checkpoint;
pub mod cli;
pub mod commands;
pub mod config;
pub mod dedup;
pub mod eval;
pub mod export;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod serve;
pub mod status;
