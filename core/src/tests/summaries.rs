//! The per-project summary the list and the 汇总 read instead of the
//! documents: it says what the document says, survives storage exactly, and
//! is taken only while it describes the record stored now.

use proptest::prelude::*;

use super::common::project;
use crate::checkup;
use crate::formats::json::schema::{
    STAMP_TAIL_CHARS, record_to_json, summary_describes, summary_from_json, summary_to_json,
};
use crate::overview::{OverviewRow, SCORING_BUILD, Summary};
use crate::project::Project;
use crate::sample::example_project;
use crate::score::evaluate;

/// The last characters of a record, as the browser slices them (UTF-16 units).
fn tail(record: &str) -> String {
    let units: Vec<u16> = record.encode_utf16().collect();
    let from = units.len().saturating_sub(STAMP_TAIL_CHARS as usize);
    String::from_utf16_lossy(&units[from..])
}

#[test]
fn the_summary_says_what_the_document_says() {
    let mut project = example_project();
    project.id = "p1".to_string();
    project.implementer = " 县教育局信息中心 ".to_string();
    project.updated_at = 1_764_000_000_000.0;
    let summary = Summary::of(&project, 7, 1_764_000_000_500.0);
    let evaluation = evaluate(&project);
    let row = OverviewRow::new(&project, &evaluation, &checkup::run(&project, &evaluation));
    assert_eq!(summary.row, row);
    assert!(summary.row.total > 90.0, "{}", summary.row.total);
    assert!(!summary.draft);
    assert_eq!(summary.updated_at, project.updated_at);
    assert_eq!(summary.build, SCORING_BUILD);
    assert!(Summary::of(&Project::default(), 1, 0.0).draft);
}

#[test]
fn search_reaches_name_department_implementer_and_year() {
    let mut project = example_project();
    project.implementer = "县教育局信息中心".to_string();
    project.department = "县教育局".to_string();
    project.year = "2024".to_string();
    project.name = "Smart 校园网络".to_string();
    let summary = Summary::of(&project, 1, 0.0);
    for needle in ["", "smart", "校园", "信息中心", "教育局", "2024"] {
        assert!(summary.matches(needle), "{needle}");
    }
    assert!(!summary.matches("2025"));
    assert!(!summary.matches("卫健委"));
}

#[test]
fn a_summary_is_current_only_for_the_record_it_was_made_from() {
    let mut project = example_project();
    project.id = "p1".to_string();
    let saved_at = 1_764_937_083_123.0;
    let record = record_to_json(&project, 3, saved_at);
    let summary = Summary::of(&project, 3, saved_at);
    assert!(summary_describes(&summary, &tail(&record)));

    // Saved again (by this tab, another tab or an older build).
    let again = record_to_json(&project, 4, saved_at + 1.0);
    assert!(!summary_describes(&summary, &tail(&again)));
    // The same revision written at another time (deleted and undone).
    let rewritten = record_to_json(&project, 3, saved_at + 5.0);
    assert!(!summary_describes(&summary, &tail(&rewritten)));
    // Scored by other code.
    let other_build = Summary {
        build: "0000000000000000".to_string(),
        ..summary.clone()
    };
    assert!(!summary_describes(&other_build, &tail(&record)));
    // A record without a stamp; unreadable summary text.
    assert!(!summary_describes(&summary, "\"name\":\"x\"}}"));
    assert_eq!(summary_from_json("{\"build\":"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(64)))]

    /// Any project's summary reads back from storage exactly as it was written,
    /// amounts and rates to the last bit.
    #[test]
    fn any_summary_survives_storage(project in project(), revision in 0u64..1_000_000, at in 0u64..4_000_000_000_000) {
        let summary = Summary::of(&project, revision, at as f64);
        let text = summary_to_json(&summary);
        prop_assert_eq!(summary_from_json(&text), Some(summary.clone()));
        let record = record_to_json(&project, revision, at as f64);
        prop_assert!(summary_describes(&summary, &tail(&record)));
    }
}
