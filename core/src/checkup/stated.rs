//! 表中得分: the scores an imported table printed itself, checked against
//! the rules. Every disagreement is a 体检 finding that says which way it
//! goes and what the table leaves unexplained; this is the honesty check on
//! other people's tables ("得分虚高").

use crate::finding::{Finding, Rule};
use crate::number::{figure, format_score};
use crate::path::{FieldPath, FundsColumn, FundsLine, IndicatorField};
use crate::project::Project;
use crate::score::{Attainment, Evaluation};

/// Scores print with two decimals; closer than this they agree.
const TOLERANCE: f64 = 0.005;

pub fn run(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &evaluation.indicators {
        let (i, j, k) = s.path;
        let Some(ind) = project
            .indicators
            .get(i)
            .and_then(|l| l.groups.get(j))
            .and_then(|g| g.indicators.get(k))
        else {
            continue;
        };
        let Some(stated) = figure(&ind.stated_score) else {
            continue;
        };
        let computed = (s.score * 100.0).round() / 100.0;
        if (stated - computed).abs() < TOLERANCE {
            continue;
        }
        let no_reason = ind.deviation_reason.trim().is_empty();
        let why = if stated > computed {
            match s.attainment {
                Attainment::NotScored => "表中给分，但按现有数据无法计分".to_string(),
                _ => "表中得分高于按规则计算的得分（得分虚高）".to_string(),
            }
        } else if matches!(s.attainment, Attainment::Met | Attainment::Exceeded) {
            if no_reason {
                "指标已完成却扣分，且未说明偏差原因".to_string()
            } else {
                "指标已完成却扣分".to_string()
            }
        } else if no_reason {
            "表中扣分多于规则，且未说明偏差原因".to_string()
        } else {
            "表中扣分多于规则".to_string()
        };
        let name = ind.name.trim();
        // No `fix`: a fix is text the field could take, and here the
        // table, not the field, is what disagrees.
        out.push(Finding::new(
            Rule::StatedIndicatorScore,
            FieldPath::Indicator(ind.id, IndicatorField::Actual),
            format!(
                "“{name}”表中得分 {}，按规则应为 {}：{why}。",
                format_score(stated),
                format_score(computed)
            ),
        ));
    }
    if let Some(stated) = figure(&project.stated.execution) {
        let computed = (evaluation.execution.score * 100.0).round() / 100.0;
        if (stated - computed).abs() >= TOLERANCE {
            out.push(Finding::new(
                Rule::StatedExecutionScore,
                FieldPath::Funds(FundsLine::Total, FundsColumn::Executed),
                format!(
                    "预算执行率表中得分 {}，按规则应为 {}{}。",
                    format_score(stated),
                    format_score(computed),
                    if stated > computed {
                        "（得分虚高）"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    if let Some(stated) = figure(&project.stated.total)
        && (stated - evaluation.total).abs() >= TOLERANCE
    {
        out.push(Finding::new(
            Rule::StatedTotal,
            FieldPath::Total,
            format!(
                "表中总分 {}，按规则应为 {}{}。",
                format_score(stated),
                format_score(evaluation.total),
                if stated > evaluation.total {
                    "（得分虚高）"
                } else {
                    ""
                }
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::example_project;
    use crate::score::evaluate;

    #[test]
    fn disagreements_say_which_way_and_what_is_unexplained() {
        let mut p = example_project();
        let e = evaluate(&p);
        assert!(run(&p, &e).is_empty(), "nothing stated, nothing to check");
        // A met indicator the table marked down, with no reason given.
        let (i, j, k, weight) = e
            .indicators
            .iter()
            .find(|s| s.attainment == Attainment::Met && s.weight > 7.0)
            .map(|s| (s.path.0, s.path.1, s.path.2, s.weight))
            .expect("a met indicator worth more than 7");
        let ind = &mut p.indicators[i].groups[j].indicators[k];
        ind.stated_score = "7".into();
        ind.deviation_reason.clear();
        let name = ind.name.clone();
        p.stated.total = "7".into();
        let e = evaluate(&p);
        let findings = run(&p, &e);
        let rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, [Rule::StatedIndicatorScore, Rule::StatedTotal]);
        assert!(findings[0].message.contains(&name));
        assert!(findings[0].message.contains("7.00"));
        assert!(findings[0].message.contains(&format_score(weight)));
        assert!(findings[1].message.contains("7.00"));
        p.stated.execution = "3".into();
        let findings = run(&p, &evaluate(&p));
        assert!(
            findings
                .iter()
                .any(|f| f.rule == Rule::StatedExecutionScore)
        );
        p.stated.execution.clear();
        // The same score written another way agrees.
        p.indicators[i].groups[j].indicators[k].stated_score = format!("{weight:.1}");
        p.stated.total = format!("{:.2}", e.total);
        assert!(run(&p, &evaluate(&p)).is_empty());
        // Higher than the rules: 得分虚高.
        p.stated.total = "100".into();
        let e = evaluate(&p);
        if e.total < 100.0 {
            assert_eq!(run(&p, &e)[0].rule, Rule::StatedTotal);
        }
    }
}
