//! Integration tests: the built `newsdex` binary run over real files in temporary directories.

mod adversarial;
mod aliases;
mod browser;
mod cli;
mod common;
mod entity;
mod eval;
mod export;
mod fuzz;
mod indexing;
mod near_duplicates;
mod querying;
mod reliability;
mod sample;
mod serve;
