//! The year's cycle around the self-evaluation.
//!
//! - 年度复制 starts next year's project from this one (same tree, targets,
//!   units and weights; nothing that happened this year), keeps a record of
//!   this year beside it, and the 体检 compares the new targets with what was
//!   achieved ("目标低于上年实际完成值").
//! - 目标调整 changes a target or 分值 during the year with its date, reason
//!   and 批准文号; the indicator holds the adjusted value (what is scored),
//!   its `adjustments` the history, and the report and 自评表 state both.

use super::date::{Date, parse_year};
use super::finding::{Finding, Rule};
use super::number::{figure, format_score};
use super::path::{FieldPath, IndicatorField};
use super::project::{
    Adjustment, Funds, Indicator, IndicatorKind, NumberText, PriorIndicator, PriorYear, Project,
    ReportSettings, StatedScores,
};
use super::score::Evaluation;

impl Project {
    /// Next year's project, to fill in as the year goes: the indicator tree
    /// with its targets, units and weights, the background and the expected
    /// goal; every actual, score, reason, figure of money, narrative of this
    /// year and report edit left out; this year kept in `prior`.
    pub fn next_year_copy(&self, evaluation: &Evaluation, id: String, now: f64) -> Project {
        let mut p = self.clone();
        p.id = id;
        p.updated_at = now;
        // Read as monitoring reads the year ("2024" or "2024年").
        p.year = parse_year(&self.year).map_or_else(String::new, |y| (y + 1).to_string());
        p.funds = Funds::default();
        p.goal_actual.clear();
        p.problems.clear();
        p.improvements.clear();
        p.other_notes.clear();
        p.stated = StatedScores::default();
        p.monitoring = None;
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
                    ind.inferred_grade = None;
                    // Next year's targets are this year's adjusted ones; the
                    // approvals were for this year.
                    ind.adjustments.clear();
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

/// A 目标调整 as asked for: the new target and/or 分值 (blank = unchanged).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AdjustmentRequest {
    pub target: String,
    pub weight: String,
    pub date: String,
    pub reason: String,
    pub approval: String,
}

/// The editable parts of a recorded adjustment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdjustmentField {
    Date,
    Reason,
    Approval,
}

impl Project {
    /// Records an approved change of an indicator's target and/or 分值 and
    /// applies it. Refused (with the reason, in Chinese) when nothing changes.
    pub fn adjust_indicator(&mut self, id: u64, request: AdjustmentRequest) -> Result<(), String> {
        let ind = self.indicator_mut(id).ok_or("指标不存在")?;
        let changed = |new: &str, old: &NumberText| {
            let new = new.trim();
            (!new.is_empty() && new != old.as_str().trim()).then(|| new.to_string())
        };
        let target = changed(&request.target, &ind.target);
        let weight = changed(&request.weight, &ind.weight);
        if target.is_none() && weight.is_none() {
            return Err("请填写与当前不同的调整后指标值或分值".to_string());
        }
        let mut adjustment = Adjustment {
            date: request.date.trim().to_string(),
            reason: request.reason.trim().to_string(),
            approval: request.approval.trim().to_string(),
            ..Adjustment::default()
        };
        if let Some(target) = &target {
            adjustment.target_before = ind.target.as_str().trim().to_string();
            adjustment.target_after = target.clone();
        }
        if let Some(weight) = weight {
            adjustment.weight_before = ind.weight.as_str().trim().to_string();
            adjustment.weight_after = weight.clone();
            ind.weight = NumberText::new(weight);
        }
        ind.adjustments.push(adjustment);
        if let Some(target) = target {
            // As typing a target does: "≤5" after "≥200" turns the 指标性质.
            self.set_target(id, target);
        }
        Ok(())
    }

    /// Takes back the latest adjustment of an indicator (entered by
    /// mistake): its target and 分值 return to what they were before it.
    /// Refused when the target or 分值 was typed over since: going back
    /// would lose that text.
    pub fn undo_last_adjustment(&mut self, id: u64) -> Result<(), String> {
        let ind = self.indicator_mut(id).ok_or("指标不存在")?;
        let last = ind.adjustments.last().ok_or("没有可撤销的调整")?.clone();
        if drifted(ind, &last) {
            return Err(
                "调整后又在编辑页改过年度指标值或分值，不能撤销此次调整；请直接修改".to_string(),
            );
        }
        ind.adjustments.pop();
        if !last.weight_after.is_empty() {
            ind.weight = NumberText::new(last.weight_before);
        }
        if !last.target_after.is_empty() {
            self.set_target(id, last.target_before);
        }
        Ok(())
    }

    /// Completes a recorded adjustment (a 文号 that came later…).
    pub fn set_adjustment_field(
        &mut self,
        id: u64,
        n: usize,
        field: AdjustmentField,
        text: String,
    ) {
        if let Some(a) = self
            .indicator_mut(id)
            .and_then(|ind| ind.adjustments.get_mut(n))
        {
            *match field {
                AdjustmentField::Date => &mut a.date,
                AdjustmentField::Reason => &mut a.reason,
                AdjustmentField::Approval => &mut a.approval,
            } = text;
        }
    }
}

/// The indicator's target or 分值 no longer what its latest adjustment set.
fn drifted(ind: &Indicator, last: &Adjustment) -> bool {
    (!last.target_after.is_empty() && ind.target.as_str().trim() != last.target_after)
        || (!last.weight_after.is_empty() && ind.weight.as_str().trim() != last.weight_after)
}

/// The target as set with the budget, before any adjustment.
pub fn original_target(ind: &Indicator) -> &str {
    ind.adjustments
        .iter()
        .find(|a| !a.target_after.is_empty())
        .map_or(ind.target.as_str(), |a| a.target_before.as_str())
        .trim()
}

/// The 分值 as set with the budget, before any adjustment.
pub fn original_weight(ind: &Indicator) -> &str {
    ind.adjustments
        .iter()
        .find(|a| !a.weight_after.is_empty())
        .map_or(ind.weight.as_str(), |a| a.weight_before.as_str())
        .trim()
}

/// "年度指标值由 ≥200 调整为 ≥180、分值由 20 调整为 15".
pub fn change_words(a: &Adjustment) -> String {
    let mut parts = Vec::new();
    if !a.target_after.is_empty() {
        parts.push(format!(
            "年度指标值由 {} 调整为 {}",
            a.target_before, a.target_after
        ));
    }
    if !a.weight_after.is_empty() {
        parts.push(format!(
            "分值由 {} 调整为 {}",
            a.weight_before, a.weight_after
        ));
    }
    parts.join("、")
}

fn date_words(text: &str) -> String {
    Date::parse(text).map_or_else(|| text.trim().to_string(), Date::chinese)
}

/// The report's paragraph on the year's 目标调整, every change in order with
/// its date, 文号 and reason; `None` when nothing was adjusted.
pub fn adjustments_sentence(project: &Project) -> Option<String> {
    let mut clauses = Vec::new();
    let mut count = 0;
    for (_, ind) in project.indicators_in_order() {
        if !ind.adjustments.is_empty() {
            count += 1;
        }
        for a in &ind.adjustments {
            let mut details: Vec<String> = Vec::new();
            if !a.date.trim().is_empty() {
                details.push(date_words(&a.date));
            }
            if !a.approval.trim().is_empty() {
                details.push(format!("批准文号：{}", a.approval.trim()));
            }
            if !a.reason.trim().is_empty() {
                details.push(format!(
                    "原因：{}",
                    a.reason.trim().trim_end_matches(['。', '；'])
                ));
            }
            let details = if details.is_empty() {
                String::new()
            } else {
                format!("（{}）", details.join("，"))
            };
            clauses.push(format!("“{}”{}{details}", ind.name.trim(), change_words(a)));
        }
    }
    (count > 0).then(|| {
        format!(
            "年度执行中经批准调整绩效指标 {count} 项：{}。自评按调整后的指标值和分值计分。",
            clauses.join("；")
        )
    })
}

/// The 自评表's note on adjusted indicators: the original and the adjusted
/// values with the 文号s.
pub fn adjustments_note(project: &Project) -> Option<String> {
    let notes: Vec<String> = project
        .indicators_in_order()
        .filter(|(_, ind)| !ind.adjustments.is_empty())
        .filter_map(|(_, ind)| {
            let mut parts = Vec::new();
            let original = original_target(ind);
            if original != ind.target.as_str().trim() {
                parts.push(format!(
                    "年度指标值原为 {original}，调整为 {}",
                    ind.target.as_str().trim()
                ));
            }
            let original = original_weight(ind);
            if original != ind.weight.as_str().trim() {
                parts.push(format!(
                    "分值原为 {original}，调整为 {}",
                    ind.weight.as_str().trim()
                ));
            }
            let approvals: Vec<&str> = ind
                .adjustments
                .iter()
                .map(|a| a.approval.trim())
                .filter(|a| !a.is_empty())
                .collect();
            let approvals = if approvals.is_empty() {
                String::new()
            } else {
                format!("（{}）", approvals.join("、"))
            };
            // Adjusted and back again: nothing differs from the plan.
            (!parts.is_empty())
                .then(|| format!("“{}”{}{approvals}", ind.name.trim(), parts.join("，")))
        })
        .collect();
    (!notes.is_empty()).then(|| format!("指标调整：{}。", notes.join("；")))
}

/// An adjustment without its reason or approval, or dated after the year.
fn adjustment_findings(project: &Project, out: &mut Vec<Finding>) {
    let year = parse_year(&project.year);
    for (_, ind) in project.indicators_in_order() {
        if let Some(last) = ind.adjustments.last()
            && drifted(ind, last)
        {
            out.push(Finding::new(
                Rule::AdjustmentDrifted,
                FieldPath::Indicator(ind.id, IndicatorField::Target),
                format!(
                    "“{}”的年度指标值或分值与最近一次目标调整后的值不一致：调整须记录在“目标与监控”页，否则报告所述调整与计分不符。",
                    ind.name.trim()
                ),
            ));
        }
        for a in &ind.adjustments {
            let what = format!("“{}”的目标调整（{}）", ind.name.trim(), change_words(a));
            let at = FieldPath::Indicator(ind.id, IndicatorField::Target);
            let mut warn = |rule: Rule, message: String| {
                out.push(Finding::new(rule, at.clone(), message));
            };
            if a.reason.trim().is_empty() {
                warn(
                    Rule::AdjustmentReasonBlank,
                    format!("{what}未说明调整原因（在“目标与监控”页的调整记录中填写）。"),
                );
            }
            if a.approval.trim().is_empty() {
                warn(
                    Rule::AdjustmentApprovalBlank,
                    format!(
                        "{what}未填写批准文号：目标调整须按程序报批（在“目标与监控”页的调整记录中填写）。"
                    ),
                );
            }
            match (Date::parse(&a.date), year) {
                (None, _) if a.date.trim().is_empty() => {
                    warn(Rule::AdjustmentDateBlank, format!("{what}未填写调整日期。"));
                }
                (None, _) => warn(
                    Rule::AdjustmentDateUnreadable,
                    format!("{what}的日期“{}”无法识别。", a.date.trim()),
                ),
                (Some(date), Some(year)) if date.year > year => warn(
                    Rule::AdjustmentDateAfterYear,
                    format!(
                        "{what}的日期 {} 在 {year} 年度结束之后：年度结束后不应再调整目标。",
                        date.chinese()
                    ),
                ),
                _ => {}
            }
        }
    }
}

/// A target set below (for 反向: above) what was already achieved last
/// year, and 目标调整 without reason, approval or a date within the year.
pub fn run(project: &Project) -> Vec<Finding> {
    let mut out = Vec::new();
    adjustment_findings(project, &mut out);
    let Some(prior) = &project.prior else {
        return out;
    };
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
                Rule::ContinuityBelowPriorActual,
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
            // Against the target set with this year's budget: a change
            // during the year is the 目标调整 paragraph's.
            let set = original_target(ind);
            (before.target.trim() != set).then(|| {
                format!(
                    "“{}”由 {} 调整为 {set}",
                    ind.name.trim(),
                    before.target.trim()
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
    use crate::checkup;
    use crate::sample::example_project;
    use crate::score::evaluate;

    #[test]
    fn the_copy_keeps_the_plan_and_drops_the_year() {
        let mut p = example_project();
        p.problems = vec!["问题".into()];
        p.report.edits.insert("summary".into(), "改写".into());
        let e = evaluate(&p);
        let next = p.next_year_copy(&e, "next".into(), 1.0);
        assert_eq!(next.year, "2025");
        let mut typed = p.clone();
        typed.year = "2024年".into();
        assert_eq!(typed.next_year_copy(&e, "n".into(), 1.0).year, "2025");
        typed.year = "去年".into();
        assert_eq!(typed.next_year_copy(&e, "n".into(), 1.0).year, "");
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
        let flagged = run(&next);
        assert_eq!(flagged.len(), 1, "{flagged:?}");
        assert_eq!(flagged[0].rule, Rule::ContinuityBelowPriorActual);
        let target = next
            .indicators_in_order()
            .find(|(_, i)| i.name == "保障网络终端数量")
            .map(|(_, i)| i.id);
        assert_eq!(
            Some(flagged[0].path.clone()),
            target.map(|id| FieldPath::Indicator(id, IndicatorField::Target))
        );
        assert!(flagged[0].message.contains("≥200") && flagged[0].message.contains("235"));
        let ind = next
            .indicators
            .iter_mut()
            .flat_map(|l| l.groups.iter_mut())
            .flat_map(|g| g.indicators.iter_mut())
            .find(|i| i.name == "保障网络终端数量")
            .unwrap();
        ind.target = NumberText::new("≥240");
        assert!(run(&next).is_empty());
        assert!(
            prior_sentence(&next)
                .unwrap()
                .contains("“保障网络终端数量”由 ≥200 调整为 ≥240")
        );
    }

    fn adjusted_example() -> (Project, u64) {
        let mut p = example_project();
        let id = p
            .indicators_in_order()
            .find(|(_, i)| i.name == "保障网络终端数量")
            .map(|(_, i)| i.id)
            .unwrap();
        p.adjust_indicator(
            id,
            AdjustmentRequest {
                target: "≥180".into(),
                weight: String::new(),
                date: "2024-06-30".into(),
                reason: "部分科室合并，终端需求减少。".into(),
                approval: "县财预〔2024〕12号".into(),
            },
        )
        .unwrap();
        (p, id)
    }

    #[test]
    fn an_adjustment_changes_what_is_scored_and_keeps_the_original() {
        let (mut p, id) = adjusted_example();
        let ind = p.indicator(id).unwrap();
        assert_eq!(ind.target.as_str(), "≥180");
        assert_eq!(original_target(ind), "≥200");
        // 150 台 against the adjusted ≥180 (not the original ≥200).
        p.indicator_mut(id).unwrap().actual = NumberText::new("150");
        let score = evaluate(&p).indicators[1].score;
        assert!((score - 20.0 * 150.0 / 180.0).abs() < 0.01, "{score}");
        assert_eq!(
            adjustments_sentence(&p).unwrap(),
            "年度执行中经批准调整绩效指标 1 项：“保障网络终端数量”年度指标值由 ≥200 调整为 ≥180（2024年6月30日，批准文号：县财预〔2024〕12号，原因：部分科室合并，终端需求减少）。自评按调整后的指标值和分值计分。"
        );
        assert_eq!(
            adjustments_note(&p).unwrap(),
            "指标调整：“保障网络终端数量”年度指标值原为 ≥200，调整为 ≥180（县财预〔2024〕12号）。"
        );
        // A second change, of the 分值 only, keeps the first's original.
        p.adjust_indicator(
            id,
            AdjustmentRequest {
                weight: "15".into(),
                date: "2024-09-01".into(),
                reason: "调整权重".into(),
                approval: "县财预〔2024〕30号".into(),
                ..AdjustmentRequest::default()
            },
        )
        .unwrap();
        assert_eq!(
            adjustments_note(&p).unwrap(),
            "指标调整：“保障网络终端数量”年度指标值原为 ≥200，调整为 ≥180，分值原为 20，调整为 15（县财预〔2024〕12号、县财预〔2024〕30号）。"
        );
        assert!(
            p.adjust_indicator(
                id,
                AdjustmentRequest {
                    target: " ≥180 ".into(),
                    ..Default::default()
                }
            )
            .is_err()
        );
        assert_eq!(p.undo_last_adjustment(id), Ok(()));
        assert_eq!(p.undo_last_adjustment(id), Ok(()));
        assert!(p.undo_last_adjustment(id).is_err());
        let ind = p.indicator(id).unwrap();
        assert_eq!((ind.target.as_str(), ind.weight.as_str()), ("≥200", "20"));
        assert_eq!(adjustments_sentence(&p), None);
    }

    #[test]
    fn the_checkup_asks_for_reason_approval_and_a_date_in_the_year() {
        let (mut p, id) = adjusted_example();
        let rules = |p: &Project| -> Vec<Rule> {
            checkup::run(p, &evaluate(p))
                .into_iter()
                .map(|f| f.rule)
                .filter(|r| r.spec().id.starts_with("adjustment."))
                .collect()
        };
        assert!(rules(&p).is_empty());
        p.set_adjustment_field(id, 0, AdjustmentField::Reason, " ".into());
        p.set_adjustment_field(id, 0, AdjustmentField::Approval, String::new());
        p.set_adjustment_field(id, 0, AdjustmentField::Date, "2025-01-05".into());
        assert_eq!(
            rules(&p),
            [
                Rule::AdjustmentReasonBlank,
                Rule::AdjustmentApprovalBlank,
                Rule::AdjustmentDateAfterYear
            ]
        );
        p.set_adjustment_field(id, 0, AdjustmentField::Date, "六月".into());
        assert_eq!(rules(&p)[2], Rule::AdjustmentDateUnreadable);
        p.set_adjustment_field(id, 0, AdjustmentField::Date, String::new());
        assert_eq!(rules(&p)[2], Rule::AdjustmentDateBlank);
    }

    #[test]
    fn an_adjustment_typed_over_is_flagged_and_not_undone_over_the_text() {
        let (mut p, id) = adjusted_example();
        p.set_target(id, "≥170".into());
        let e = evaluate(&p);
        assert!(
            checkup::run(&p, &e)
                .iter()
                .any(|f| f.rule == Rule::AdjustmentDrifted)
        );
        assert!(p.undo_last_adjustment(id).is_err());
        assert_eq!(p.indicator(id).unwrap().target.as_str(), "≥170");
        // An adjustment to a ceiling turns the 指标性质, and back.
        let (mut p, id) = adjusted_example();
        p.adjust_indicator(
            id,
            AdjustmentRequest {
                target: "≤5".into(),
                ..AdjustmentRequest::default()
            },
        )
        .unwrap();
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtMost);
        p.undo_last_adjustment(id).unwrap();
        assert_eq!(p.indicator(id).unwrap().kind, IndicatorKind::AtLeast);
    }

    #[test]
    fn a_copy_for_next_year_starts_from_the_adjusted_targets() {
        let (p, id) = adjusted_example();
        let next = p.next_year_copy(&evaluate(&p), "n".into(), 0.0);
        let ind = next.indicator(id).unwrap();
        assert_eq!(ind.target.as_str(), "≥180");
        assert!(ind.adjustments.is_empty() && next.monitoring.is_none());
    }
}
