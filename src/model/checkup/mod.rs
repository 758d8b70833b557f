//! The 体检 as a whole: the checks of the data, then the report's checks of
//! the paragraphs the user rewrote. What the editor's panel lists, what the
//! 汇总 counts.

pub mod data;
pub mod stated;

use crate::model::cycle;
use crate::model::finding::Finding;
use crate::model::project::Project;
use crate::model::report;
use crate::model::score::Evaluation;

pub fn run(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    let mut findings = data::run(project, evaluation);
    findings.extend(stated::run(project, evaluation));
    findings.extend(cycle::run(project));
    findings.extend(report::edit_findings(project, evaluation));
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::path::FieldPath;
    use crate::model::sample::example_project;
    use crate::model::score::evaluate;

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
}
