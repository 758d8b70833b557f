//! Records saved by schema v1 (before the report settings existed) still load
//! after the v2 change, from storage and from exchange files, and score the same.

use jixiao::model::exchange;
use jixiao::model::project::{ReportTemplate, SCHEMA_VERSION};
use jixiao::model::sample::example_project;
use jixiao::model::schema::load_record;
use jixiao::model::score::evaluate;

const STORED_V1: &str = include_str!("fixtures/stored-record-v1.json");
const EXPORT_V1: &str = include_str!("fixtures/export-v1.json");

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
    let migrated = evaluate(&project);
    let sample = evaluate(&example_project());
    assert_eq!(migrated.total, sample.total);
    assert_eq!(migrated.grade, sample.grade);
    assert_eq!(migrated.findings.len(), sample.findings.len());
}

#[test]
fn a_v1_export_file_imports() {
    let projects = exchange::import(EXPORT_V1).expect("v1 export imports");
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].schema_version, SCHEMA_VERSION);
    assert_eq!(projects[0].id, "pv1fixture");
}
