//! The domain core: pure Rust, no web dependency, tested natively.
//!
//! Data flows one way: [`project::Project`] (the document) →
//! [`score::evaluate`] → [`score::Evaluation`] → [`checkup::run`] (the 体检)
//! and [`report::compose`] → views and [`formats`].
//!
//! Modules are layered; each imports only from layers below it. The layers
//! are listed once, in ARCHITECTURE.md's table, which `cargo xtask test`
//! (`xtask/src/arch.rs`) reads and checks against the imports.
//!
//! Scoring never imports checks or the report; no module imports a view.

pub mod charts;
pub mod checkup;
pub mod columns;
pub mod cycle;
pub mod date;
pub mod edit;
pub mod finding;
pub mod formats;
pub mod grades;
pub mod history;
pub mod library;
mod lookalikes;
pub mod monitor;
pub mod names;
pub mod number;
pub mod overview;
pub mod paste;
pub mod path;
pub mod pattern;
pub mod project;
pub mod prose;
pub mod report;
pub mod review;
pub mod review_rules;
pub mod review_sheet;
pub mod rules;
pub mod sample;
pub mod score;
pub mod sorting;
pub mod stage;
pub mod units;
pub mod versions;
pub mod workspace;

#[cfg(test)]
mod tests;
