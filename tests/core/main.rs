//! The core's integration tests, in one binary: one module per area of the
//! core, sharing the helpers in `common`. One binary links once and runs every test in one process (its tests still run
//! in parallel), which keeps `cargo test` quick on a small machine.
//!
//! Test names are sentences, prefixed by their module:
//! `cargo test -p praxis-core --test core exports::` runs one module's tests.

mod common;
#[path = "../support/zip_bomb.rs"]
mod zip_bomb;

mod action_learning;
mod backups;
mod exports;
mod import;
mod import_sources;
mod jsonl;
mod markdown;
mod migrations;
mod protection;
mod schemas;
mod search;
mod sharing;
mod store;
mod writing;
