//! The domain core: pure Rust, no web dependency, tested natively.
//!
//! Data flows one way: [`project::Project`] (the document) →
//! [`score::evaluate`] → [`score::Evaluation`] → views.

pub mod charts;
pub mod checks;
pub mod exchange;
pub mod library;
pub mod number;
pub mod overview;
pub mod project;
pub mod report;
pub mod rules;
pub mod sample;
pub mod schema;
pub mod score;
pub mod xlsx;
