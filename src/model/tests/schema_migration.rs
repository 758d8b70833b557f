//! Records saved by schema v1 (before the report settings existed) still load
//! after the v2 change, from storage and from exchange files, and score the same.

use crate::model::checkup;
use crate::model::formats::json::exchange;
use crate::model::formats::json::schema::load_record;
use crate::model::project::{ReportTemplate, SCHEMA_VERSION};
use crate::model::sample::example_project;
use crate::model::score::evaluate;

const STORED_V1: &str = include_str!("../../../tests/fixtures/stored-record-v1.json");
const EXPORT_V1: &str = include_str!("../../../tests/fixtures/export-v1.json");

#[test]
fn a_stored_v1_record_loads_as_the_current_version_with_default_report_settings() {
    assert!(STORED_V1.contains("\"schema_version\": 1"));
    assert!(!STORED_V1.contains("\"report\""));
    let record = load_record(STORED_V1).expect("v1 record loads");
    assert_eq!(record.revision, 3);
    let project = record.project;
    assert_eq!(project.schema_version, SCHEMA_VERSION);
    assert_eq!(project.report.template, ReportTemplate::CountyA);
    assert!(project.report.edits.is_empty());
    assert_eq!(project.updated_at, 0.0);
    assert_eq!(project.name, example_project().name);
}

#[test]
fn a_migrated_v1_record_scores_like_the_sample_it_was_made_from() {
    let project = load_record(STORED_V1).unwrap().project;
    let sample_project = example_project();
    let migrated = evaluate(&project);
    let sample = evaluate(&sample_project);
    assert_eq!(migrated.total, sample.total);
    assert_eq!(migrated.grade, sample.grade);
    assert_eq!(
        checkup::run(&project, &migrated).len(),
        checkup::run(&sample_project, &sample).len()
    );
}

#[test]
fn a_v1_export_file_imports() {
    let projects = exchange::import(EXPORT_V1).expect("v1 export imports");
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].schema_version, SCHEMA_VERSION);
    assert_eq!(projects[0].id, "pv1fixture");
}
