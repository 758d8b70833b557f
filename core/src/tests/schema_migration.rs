//! Records saved by schema v1 (before the report settings existed) still load
//! after the v2 change, from storage and from exchange files, and score the same.

use crate::checkup;
use crate::formats::json::exchange;
use crate::formats::json::schema::load_record;
use crate::project::{ReportTemplate, SCHEMA_VERSION};
use crate::sample::example_project;
use crate::score::evaluate;

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

/// A record stored by the app at schema v2 (written by commit b650d6c, before
/// the year's monitoring and adjustments): loads with the lights' default
/// thresholds, its 年度复制 link and 表中得分 intact, and saves as v3.
const STORED_V2: &str = include_str!("../../../tests/fixtures/stored-record-v2.json");

#[test]
fn a_stored_v2_record_loads_with_its_prior_year_and_default_thresholds() {
    use crate::formats::json::schema::record_to_json;
    assert!(STORED_V2.contains("\"schema_version\": 2"));
    assert!(!STORED_V2.contains("yellow_behind"));
    let record = load_record(STORED_V2).expect("v2 record loads");
    assert_eq!(record.revision, 5);
    let p = record.project;
    assert_eq!(p.schema_version, SCHEMA_VERSION);
    assert_eq!(
        (
            p.rules.monitoring.yellow_behind,
            p.rules.monitoring.red_behind
        ),
        (10.0, 20.0)
    );
    assert!(p.monitoring.is_none());
    assert!(
        p.indicators_in_order()
            .all(|(_, i)| i.adjustments.is_empty())
    );
    assert_eq!(p.prior.as_ref().map(|x| x.year.as_str()), Some("2024"));
    assert_eq!(p.stated.total, "96");
    assert_eq!(crate::monitor::stage(&p), crate::monitor::Stage::Targets);
    // Saved again it is a v3 record that reads back the same.
    let again = load_record(&record_to_json(&p, 6, 0.0)).unwrap();
    assert_eq!(again.project, p);
}
