//! Tests of the core as a whole: properties of the engine over generated
//! projects, the report, the exchange format, migrations and the xlsx
//! writer. Unit tests of one module live beside it.

/// How many cases a property test runs: `default` in the suite, more when
/// `PROPTEST_CASES` asks (`PROPTEST_CASES=5000 cargo test xlsx`), never fewer
/// (an explicit `with_cases` would otherwise ignore the variable).
pub(crate) fn proptest_cases(default: u32) -> u32 {
    let asked = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok());
    asked.unwrap_or(default).max(default)
}

/// The repository's root: the fixtures, tools and `.venv` are shared with
/// the browser tests and the command-line checker, so they live there and
/// not in this crate.
pub(crate) fn repository() -> std::path::PathBuf {
    let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    core.parent()
        .expect("core/ sits in the repository")
        .to_path_buf()
}

mod checked;
mod common;
mod consumers;
mod docx_export;
mod engine_props;
mod exchange_format;
mod inferred_grades;
mod published;
mod report_compose;
mod review_outputs;
mod schema_migration;
mod summaries;
mod xlsx_export;
mod xlsx_import;
mod year_cycle;
