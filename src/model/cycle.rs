//! The year after: 年度复制 starts next year's project from this one (same
//! tree, targets, units and weights; nothing that happened this year), keeps
//! a record of this year beside it, and the 体检 compares the new targets
//! with what was achieved ("目标低于上年实际完成值").

use super::finding::{Finding, Severity};
use super::number::{figure, format_score};
use super::path::{FieldPath, IndicatorField};
use super::project::{
    Funds, IndicatorKind, NumberText, PriorIndicator, PriorYear, Project, ReportSettings,
    StatedScores,
};
use super::score::Evaluation;

fn next_year(year: &str) -> String {
    match year.trim().parse::<u32>() {
        Ok(y) if (1900..3000).contains(&y) => (y + 1).to_string(),
        _ => String::new(),
    }
}

impl Project {
    /// Next year's project, to fill in as the year goes: the indicator tree
    /// with its targets, units and weights, the background and the expected
    /// goal; every actual, score, reason, figure of money, narrative of this
    /// year and report edit left out; this year kept in `prior`.
    pub fn next_year_copy(&self, evaluation: &Evaluation, id: String, now: f64) -> Project {
        let mut p = self.clone();
        p.id = id;
        p.updated_at = now;
        p.year = next_year(&self.year);
        p.funds = Funds::default();
        p.goal_actual.clear();
        p.problems.clear();
        p.improvements.clear();
        p.other_notes.clear();
        p.stated = StatedScores::default();
        p.report = ReportSettings {
            template: self.report.template,
            show_signature: self.report.show_signature,
            signature_unit: self.report.signature_unit.clone(),
            ..ReportSettings::default()
        };
        let mut indicators = Vec::new();
        for level1 in &mut p.indicators {
            for group in &mut level1.groups {
                for ind in &mut group.indicators {
                    indicators.push(PriorIndicator {
                        id: ind.id,
                        target: ind.target.as_str().to_string(),
                        actual: ind.actual.as_str().to_string(),
                    });
                    ind.actual = NumberText::default();
                    ind.qualitative_grade = None;
                    ind.qualitative_score = NumberText::default();
                    ind.deviation_reason.clear();
                    ind.over_achievement_reduction = NumberText::default();
                    ind.stated_score.clear();
                }
            }
        }
        p.prior = Some(PriorYear {
            id: self.id.clone(),
            year: self.year.trim().to_string(),
            total: format_score(evaluation.total),
            grade: evaluation.grade_label().to_string(),
            indicators,
        });
        p
    }
}

/// A target set below (for 反向: above) what was already achieved last year.
pub fn run(project: &Project) -> Vec<Finding> {
    let Some(prior) = &project.prior else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (_, ind) in project.indicators_in_order() {
        let Some(before) = prior.indicators.iter().find(|i| i.id == ind.id) else {
            continue;
        };
        let (Some(target), Some(achieved)) = (figure(ind.target.as_str()), figure(&before.actual))
        else {
            continue;
        };
        let (lower, word) = match ind.kind {
            IndicatorKind::AtLeast | IndicatorKind::MoreThan | IndicatorKind::Satisfaction => {
                (target < achieved, "低于")
            }
            IndicatorKind::AtMost | IndicatorKind::LessThan => (target > achieved, "高于"),
            _ => (false, ""),
        };
        if lower {
            out.push(Finding::new(
                Severity::Warning,
                FieldPath::Indicator(ind.id, IndicatorField::Target),
                format!(
                    "“{}”年度指标值 {} {word}上年实际完成值 {}：目标{word}上年实际完成值，请说明理由或调整目标。",
                    ind.name.trim(),
                    ind.target.as_str().trim(),
                    before.actual.trim()
                ),
            ));
        }
    }
    out
}

/// "上年（2024 年度）自评得分 95.00 分，绩效等级“优”。", under the 自评表.
pub fn prior_score(project: &Project) -> Option<String> {
    let prior = project.prior.as_ref()?;
    let year = match prior.year.as_str() {
        "" => "上年".to_string(),
        y => format!("上年（{y} 年度）"),
    };
    Some(format!(
        "{year}自评得分 {} 分，绩效等级“{}”。",
        prior.total, prior.grade
    ))
}

/// The report's sentence on last year: its score and grade, and the
/// targets changed since ("上年（2024 年度）自评得分 95.00 分，等级“优”。").
pub fn prior_sentence(project: &Project) -> Option<String> {
    let prior = project.prior.as_ref()?;
    let mut s = prior_score(project)?;
    let changed: Vec<String> = project
        .indicators_in_order()
        .filter_map(|(_, ind)| {
            let before = prior.indicators.iter().find(|i| i.id == ind.id)?;
            (before.target.trim() != ind.target.as_str().trim()).then(|| {
                format!(
                    "“{}”由 {} 调整为 {}",
                    ind.name.trim(),
                    before.target.trim(),
                    ind.target.as_str().trim()
                )
            })
        })
        .collect();
    if changed.is_empty() {
        s.push_str("本年度绩效指标的年度指标值与上年相同。");
    } else {
        s.push_str(&format!("与上年相比，{}。", changed.join("；")));
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::example_project;
    use crate::model::score::evaluate;

    #[test]
    fn the_copy_keeps_the_plan_and_drops_the_year() {
        let mut p = example_project();
        p.problems = vec!["问题".into()];
        p.report.edits.insert("summary".into(), "改写".into());
        let e = evaluate(&p);
        let next = p.next_year_copy(&e, "next".into(), 1.0);
        assert_eq!(next.year, "2025");
        assert_eq!(next.name, p.name);
        assert!(next.problems.is_empty() && next.report.edits.is_empty());
        assert!(next.funds.total.annual_budget.is_blank());
        assert!(next.goal_actual.is_empty());
        let prior = next.prior.as_ref().unwrap();
        assert_eq!(
            (prior.id.as_str(), prior.year.as_str()),
            (p.id.as_str(), "2024")
        );
        assert_eq!(prior.total, format_score(e.total));
        for ((_, a), (_, b)) in p.indicators_in_order().zip(next.indicators_in_order()) {
            assert_eq!(
                (a.id, &a.name, &a.target, &a.unit, &a.weight, a.kind),
                (b.id, &b.name, &b.target, &b.unit, &b.weight, b.kind)
            );
            assert!(
                b.actual.is_blank()
                    && b.qualitative_grade.is_none()
                    && b.deviation_reason.is_empty()
            );
        }
        assert_eq!(
            prior_sentence(&next).unwrap(),
            format!(
                "上年（2024 年度）自评得分 {} 分，绩效等级“{}”。本年度绩效指标的年度指标值与上年相同。",
                format_score(e.total),
                e.grade_label()
            )
        );
    }

    #[test]
    fn a_target_below_last_years_actual_is_flagged() {
        let p = example_project();
        let mut next = p.next_year_copy(&evaluate(&p), "n".into(), 0.0);
        // 保障网络终端数量 kept ≥200 台 while 235 台 were reached: flagged;
        // ≥365 天 against 365 天 reached is not.
        let names =
            |next: &Project| -> Vec<String> { run(next).into_iter().map(|f| f.message).collect() };
        let flagged = names(&next);
        assert_eq!(flagged.len(), 1, "{flagged:?}");
        assert!(
            flagged[0].starts_with("“保障网络终端数量”年度指标值 ≥200 低于上年实际完成值 235"),
            "{flagged:?}"
        );
        let ind = next
            .indicators
            .iter_mut()
            .flat_map(|l| l.groups.iter_mut())
            .flat_map(|g| g.indicators.iter_mut())
            .find(|i| i.name == "保障网络终端数量")
            .unwrap();
        ind.target = NumberText::new("≥240");
        assert!(names(&next).is_empty());
        assert!(
            prior_sentence(&next)
                .unwrap()
                .contains("“保障网络终端数量”由 ≥200 调整为 ≥240")
        );
    }
}
