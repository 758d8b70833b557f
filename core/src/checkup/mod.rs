//! The 体检 as a whole: the checks of the data, of the targets (绩效目标审核),
//! of the year's cycle and of the 运行监控 form, then the report's checks of
//! the paragraphs the user rewrote. What the editor's panel lists, what the
//! 汇总 counts, and what the monitoring form shows next to its fields.
//!
//! Only the rules whose first stage the project has reached are reported
//! (`Rule::due_at`): a declaration is not told its actuals, 分值 and grade
//! are missing.

pub mod data;
pub mod stated;
pub mod target;

use crate::cycle;
use crate::finding::Finding;
use crate::monitor;
use crate::project::Project;
use crate::report;
use crate::score::Evaluation;

pub fn run(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    let stage = monitor::stage(project);
    let mut findings = data::run(project, evaluation);
    findings.extend(target::run(project, stage));
    findings.extend(stated::run(project, evaluation));
    findings.extend(cycle::run(project));
    findings.extend(monitor::form_findings(project));
    findings.extend(report::edit_findings(project, evaluation));
    findings.retain(|f| f.rule.due_at(stage));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::path::FieldPath;
    use crate::sample::example_project;
    use crate::score::evaluate;

    #[test]
    fn report_edits_join_the_data_checks() {
        let mut p = example_project();
        let before = run(&p, &evaluate(&p));
        assert!(
            !before
                .iter()
                .any(|f| matches!(f.path, FieldPath::Report(_)))
        );
        p.report
            .edits
            .insert("conclusion".into(), "本项目自评得分为 90 分。".into());
        let after = run(&p, &evaluate(&p));
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(
            after.last().map(|f| f.path.to_string()).as_deref(),
            Some("report.conclusion")
        );
    }

    #[test]
    fn the_monitoring_form_joins_once_monitoring_starts() {
        use crate::finding::Rule;
        use crate::path::MonitorField;
        let monitoring_findings = |p: &Project| -> Vec<(Rule, String)> {
            run(p, &evaluate(p))
                .into_iter()
                .filter(|f| matches!(f.path, FieldPath::Monitoring(_)))
                .map(|f| (f.rule, f.path.to_string()))
                .collect()
        };
        let mut p = example_project();
        assert_eq!(monitoring_findings(&p), []);
        p.start_monitoring();
        assert_eq!(monitoring_findings(&p), []);
        p.set_monitoring(MonitorField::Cutoff, String::new());
        p.set_monitoring(MonitorField::Progress(2), "3O".into());
        assert_eq!(
            monitoring_findings(&p),
            [
                (Rule::MonitorCutoffBlank, "monitoring.cutoff".to_string()),
                (
                    Rule::MonitorFigureUnreadable,
                    "monitoring.indicator.2.progress".to_string()
                ),
            ]
        );
    }
}

/// The catalogue against the code: every rule is produced by some check and
/// asserted by some test. (That every finding names a catalogued rule is
/// the type's doing: a `Rule` is a catalogue entry.) Read from the sources,
/// split where each file's `#[cfg(test)] mod tests` begins, the tests being
/// last in a file.
#[cfg(test)]
mod catalogue_coverage {
    use crate::finding::CATALOGUE;
    use std::path::Path;

    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                out.push((path.display().to_string(), text));
            }
        }
    }

    /// (code, tests) of all of `core/src/`.
    fn code_and_tests() -> (String, String) {
        let mut files = Vec::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        sources(&src, &mut files);
        let (mut code, mut tests) = (String::new(), String::new());
        let finding = src.join("finding").display().to_string();
        let suite = src.join("tests").display().to_string();
        for (path, text) in files {
            // The finding type's own tests make findings by hand.
            if path.starts_with(&finding) {
                continue;
            }
            if path.starts_with(&suite) {
                tests.push_str(&text);
            } else {
                let split = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
                code.push_str(&text[..split]);
                tests.push_str(&text[split..]);
            }
        }
        (code, tests)
    }

    #[test]
    fn every_rule_is_produced_by_a_check_and_asserted_by_a_test() {
        let (code, tests) = code_and_tests();
        let named = |text: &str, variant: &str| {
            let needle = format!("Rule::{variant}");
            text.match_indices(&needle).any(|(at, _)| {
                !text[at + needle.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
        };
        let mut unproduced = Vec::new();
        let mut untested = Vec::new();
        for spec in CATALOGUE {
            let variant = format!("{:?}", spec.rule);
            if !named(&code, &variant) {
                unproduced.push(spec.id);
            }
            if !named(&tests, &variant) {
                untested.push(spec.id);
            }
        }
        assert!(unproduced.is_empty(), "no check produces {unproduced:?}");
        assert!(untested.is_empty(), "no test asserts {untested:?}");
    }
}
