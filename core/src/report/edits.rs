//! The user's rewritten report paragraphs may state figures the data no
//! longer supports: 执行率, total, grade, budget and 执行 amounts. Only the
//! edits are scanned (usually few), and the report is never composed for
//! it, so this can run on every keystroke. It also asks for the one
//! paragraph no field drafts: template B's 主要经验及做法.

use super::compose::{
    Facts, has_items, is_short_list, money, rectification_reasons, shows_goal_actual,
    shows_other_notes,
};
use crate::finding::{Finding, Rule};
use crate::number::{format_score, normalize};
use crate::path::{FieldPath, FundsLine};
use crate::project::{Project, ReportTemplate};
use crate::prose::{rate_findings, stated_amounts, stated_grades, stated_totals};
use crate::score::Evaluation;

/// Whether paragraph `id` appears in `compose(project, evaluation)`: the
/// property tests hold [`in_use`] to the composer with it.
#[cfg(test)]
pub fn paragraph_in_use(project: &Project, evaluation: &Evaluation, id: &str) -> bool {
    in_use(project, &Facts::of(evaluation), id)
}

/// `text` as the canonical decimal of an index, so `01` or `+1` never match.
fn index(text: &str) -> Option<usize> {
    text.parse().ok().filter(|n: &usize| n.to_string() == text)
}

pub(super) fn in_use(project: &Project, facts: &Facts, id: &str) -> bool {
    let p = project;
    let ministry = p.report.template == ReportTemplate::MinistryB;
    match id {
        "background" | "goal" | "budget" | "summary" | "conclusion" => true,
        "scope" | "method" | "process" | "experience" => ministry,
        "goal_actual" => shows_goal_actual(p),
        "other_notes" => ministry || shows_other_notes(p),
        "rectification" => {
            let (by_grade, low) = rectification_reasons(p, facts);
            by_grade || low
        }
        "problems.intro" => has_items(&p.problems),
        "problems.empty" => !has_items(&p.problems),
        "improvements.intro" => has_items(&p.improvements),
        "improvements.empty" => !has_items(&p.improvements),
        "improvements.list" => is_short_list(&p.improvements),
        _ => {
            let Some((kind, rest)) = id.split_once('.') else {
                return false;
            };
            let item = |items: &[String]| {
                index(rest)
                    .and_then(|n| items.get(n))
                    .is_some_and(|t| !t.trim().is_empty())
            };
            match kind {
                "problems" => item(&p.problems),
                "improvements" => !is_short_list(&p.improvements) && item(&p.improvements),
                "level2" => rest.split_once('.').is_some_and(|(i, j)| {
                    index(i)
                        .zip(index(j))
                        .and_then(|(i, j)| p.indicators.get(i)?.groups.get(j))
                        .is_some_and(|g| !g.indicators.is_empty())
                }),
                "indicator" => indicator_id_in_use(p, rest),
                _ => false,
            }
        }
    }
}

fn indicator_id_in_use(project: &Project, rest: &str) -> bool {
    if let Some(id) = rest.parse::<u64>().ok().filter(|n| n.to_string() == rest) {
        return project.indicators_in_order().any(|(_, ind)| ind.id == id);
    }
    let mut parts = rest.split('.').map(index);
    let (Some(Some(i)), Some(Some(j)), Some(Some(k)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(ind) = project
        .indicators
        .get(i)
        .and_then(|l1| l1.groups.get(j))
        .and_then(|l2| l2.indicators.get(k))
    else {
        return false;
    };
    // Only a repeated id is keyed by position.
    project
        .indicators_in_order()
        .take_while(|(path, _)| *path != (i, j, k))
        .any(|(_, other)| other.id == ind.id)
}

/// Scans each edited paragraph still shown in the report for a stated
/// 执行率, total score, grade or budget/执行 amount that contradicts the
/// printed figures. Runs inside `score::evaluate` on every keystroke, so it
/// looks only at the edits (usually few) and never composes the document.
pub fn edit_findings(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    let edits = &project.report.edits;
    let mut out = Vec::new();
    // 主要经验及做法 (template B) has no field in the editor: it is written
    // in the report, and its draft is empty rather than a placeholder.
    if project.report.template == ReportTemplate::MinistryB
        && edits.get("experience").is_none_or(|t| t.trim().is_empty())
    {
        out.push(Finding::new(
            Rule::ReportExperienceBlank,
            FieldPath::Report("experience".to_string()),
            "报告中“主要经验及做法”一段尚未填写：请在报告页点“编辑”填写",
        ));
    }
    if edits.is_empty() {
        return out;
    }
    let facts = Facts::of(evaluation);
    let (total, rate, grade) = (
        evaluation.total,
        evaluation.execution.rate,
        evaluation.grade,
    );
    for (id, text) in edits {
        if text.trim().is_empty() || !in_use(project, &facts, id) {
            continue;
        }
        let path = FieldPath::Report(id.clone());
        out.extend(rate_findings(text, &path, rate));
        let chars = normalize(text);
        let mut say = |rule: Rule, message: String| {
            out.push(Finding::new(rule, path.clone(), message));
        };
        for (key, shown, stated) in stated_totals(&chars) {
            if (stated - total).abs() >= 0.005 {
                say(
                    Rule::ReportTotalMismatch,
                    format!(
                        "文中写{key}为 {shown} 分，但自评表的总分为 {} 分，请核对",
                        format_score(total)
                    ),
                );
            }
        }
        for (word, stated) in stated_grades(&chars) {
            match grade {
                Some(grade) if stated != grade => say(
                    Rule::ReportGradeMismatch,
                    format!(
                        "文中写绩效等级为“{word}”，但按总分 {} 分评定的等级为“{}”，请核对",
                        format_score(total),
                        grade.label()
                    ),
                ),
                None => say(
                    Rule::ReportGradeMismatch,
                    format!(
                        "文中写绩效等级为“{word}”，但{}，请核对",
                        evaluation.ungraded_reason().unwrap_or_default()
                    ),
                ),
                _ => {}
            }
        }
        for claim in stated_amounts(&chars) {
            let label = claim.field.label();
            let Some(data) = project.amount(FundsLine::Total, claim.field) else {
                continue;
            };
            let stated = project.money_unit.convert(claim.value, claim.unit);
            if (stated - data).abs() >= 0.005 {
                say(
                    Rule::ReportAmountMismatch,
                    format!(
                        "文中写{label}为 {} {}，但资金表中{label}为 {}，请核对",
                        claim.shown,
                        claim.unit.label(),
                        money(data, project.money_unit)
                    ),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::NumberText;
    use crate::report::{compose, paragraphs};
    use crate::sample::example_project;
    use crate::score::evaluate;

    /// The drafts agree with the data: composing and checking every draft as
    /// if the user had typed it gives no prose findings.
    #[test]
    fn drafts_pass_their_own_check() {
        for template in [ReportTemplate::CountyA, ReportTemplate::MinistryB] {
            let mut p = example_project();
            p.report.template = template;
            p.funds.total.executed = NumberText::new("22");
            p.funds.total.initial_budget = NumberText::new("30");
            p.indicators[0].groups[1].indicators[0].actual = NumberText::new("20");
            // The sample's own 实际完成情况 quotes the original figures.
            p.goal_actual = "全年无重大网络中断事故。".to_string();
            let ev = evaluate(&p);
            let doc = compose(&p, &ev);
            for para in paragraphs(&doc) {
                p.report.edits.insert(para.id.clone(), para.draft.clone());
            }
            // Only the hint that asks for B's 主要经验及做法, whose draft is empty.
            let found: Vec<Finding> = edit_findings(&p, &ev)
                .into_iter()
                .filter(|f| f.path.to_string() != "report.experience")
                .collect();
            assert!(found.is_empty(), "{template:?}: {found:#?}");
        }
    }

    #[test]
    fn template_b_asks_for_its_experience_paragraph() {
        let mut p = example_project();
        let ev = evaluate(&p);
        assert!(edit_findings(&p, &ev).is_empty());
        p.report.template = ReportTemplate::MinistryB;
        let rules: Vec<Rule> = edit_findings(&p, &ev).iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::ReportExperienceBlank]);
    }
}
