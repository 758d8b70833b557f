//! The report's indicators as drafting and the 自评表 tables both read
//! them: grouped by 二级指标 with their scores and paragraph ids, and a
//! figure written with its unit.

use std::collections::HashSet;

use crate::date::parse_year;
use crate::names::classify_level2;
use crate::number::parse_number;
use crate::project::{Indicator, Project};
use crate::score::{Evaluation, IndicatorScore, score_indicator};

/// How a 二级指标 is titled in the report, as in the example ("产出数量"):
/// the common framework's names get the example's titles, others are
/// printed as typed without the 指标 suffix.
fn level2_title(name: &str) -> String {
    if let Some(class) = classify_level2(name) {
        return class.report_title().to_string();
    }
    let trimmed = name.trim();
    match trimmed.strip_suffix("指标").unwrap_or(trimmed).trim_end() {
        "" => "未命名指标".to_string(),
        base => base.to_string(),
    }
}

/// One 三级指标 with its score and paragraph id.
pub(super) struct Item<'a> {
    pub(super) indicator: &'a Indicator,
    pub(super) score: IndicatorScore,
    pub(super) id: String,
}

/// A 二级指标 that has indicators.
pub(super) struct Group<'a> {
    pub(super) index: (usize, usize),
    pub(super) name: &'a str,
    pub(super) title: String,
    pub(super) weight: f64,
    pub(super) score: f64,
    pub(super) items: Vec<Item<'a>>,
}

/// Paragraph ids of the indicators in table order: `indicator.<id>`, or the
/// tree position when an earlier indicator already has that id (only a
/// corrupted file can contain one).
fn indicator_ids(project: &Project) -> Vec<String> {
    let mut seen = HashSet::new();
    project
        .indicators_in_order()
        .map(|((i, j, k), ind)| {
            if seen.insert(ind.id) {
                format!("indicator.{}", ind.id)
            } else {
                format!("indicator.{i}.{j}.{k}")
            }
        })
        .collect()
}

pub(super) fn groups<'a>(project: &'a Project, evaluation: &Evaluation) -> Vec<Group<'a>> {
    let mut ids = indicator_ids(project).into_iter();
    let mut out = Vec::new();
    for (i, l1) in project.indicators.iter().enumerate() {
        for (j, l2) in l1.groups.iter().enumerate() {
            let items: Vec<Item> = l2
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| Item {
                    indicator: ind,
                    // An evaluation of another version of the project must
                    // not make the report fail; score afresh instead.
                    score: evaluation
                        .indicator((i, j, k))
                        .filter(|s| s.id == ind.id)
                        .cloned()
                        .unwrap_or_else(|| {
                            score_indicator(
                                ind,
                                (i, j, k),
                                &project.rules,
                                parse_year(&project.year),
                            )
                        }),
                    id: ids.next().unwrap_or_default(),
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            let sum_weight = items.iter().map(|x| x.score.weight).sum();
            let score = items.iter().map(|x| x.score.score).sum();
            let weight = evaluation
                .level2_score(i, j)
                .map_or(sum_weight, |g| g.weight);
            out.push(Group {
                index: (i, j),
                name: &l2.name,
                title: level2_title(&l2.name),
                weight,
                score,
                items,
            });
        }
    }
    out
}

/// `≥200` with unit 台 reads `≥200 台`; what the user typed is kept.
pub(super) fn with_unit(text: &str, unit: &str) -> String {
    let text = text.trim();
    let unit = super::printed_unit(unit);
    let unit = unit.as_str();
    if text.is_empty() || unit.is_empty() {
        return text.to_string();
    }
    match parse_number(text) {
        Ok(Some(n)) if n.unit.is_none() => {
            if matches!(unit, "%" | "％" | "‰") {
                format!("{text}{unit}")
            } else {
                format!("{text} {unit}")
            }
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level2_titles_follow_the_example() {
        assert_eq!(level2_title("数量指标"), "产出数量");
        assert_eq!(level2_title(" 质量指标 "), "产出质量");
        assert_eq!(level2_title("服务对象满意度指标"), "服务对象满意度");
        assert_eq!(level2_title("社会效益指标"), "社会效益");
        assert_eq!(level2_title("经济成本指标"), "经济成本");
        assert_eq!(level2_title("安全 保障"), "安全 保障");
        assert_eq!(level2_title(""), "未命名指标");
    }

    #[test]
    fn units_added_only_when_missing() {
        assert_eq!(with_unit("≥200", "台"), "≥200 台");
        assert_eq!(with_unit(" ≥200台 ", "台"), "≥200台");
        assert_eq!(with_unit("±0", "%"), "±0%");
        assert_eq!(with_unit("按计划完成", "天"), "按计划完成");
        assert_eq!(with_unit("235", ""), "235");
        assert_eq!(with_unit("", "台"), "");
    }
}
