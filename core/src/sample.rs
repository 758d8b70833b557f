//! The example report (`000_a58e95100eeb16e4.txt`) as data.
//!
//! Only what the report states is entered: it reports no 效益 or 满意度
//! indicators and no 主管部门, so those stay empty and the checks say so —
//! the sample doubles as a demonstration of the "得分虚高" warning.

use super::project::{
    Funds, FundsRow, Indicator, IndicatorKind, Level1, Level2, MoneyUnit, NumberText, Project,
    QualitativeGrade, SCHEMA_VERSION,
};
use super::rules::RuleSet;

fn row(initial: &str, annual: &str, executed: &str) -> FundsRow {
    FundsRow {
        initial_budget: NumberText::new(initial),
        annual_budget: NumberText::new(annual),
        executed: NumberText::new(executed),
    }
}

fn quantitative(
    id: u64,
    name: &str,
    kind: IndicatorKind,
    target: &str,
    unit: &str,
    actual: &str,
    weight: &str,
) -> Indicator {
    Indicator {
        id,
        name: name.to_string(),
        kind,
        target: NumberText::new(target),
        unit: unit.to_string(),
        actual: NumberText::new(actual),
        weight: NumberText::new(weight),
        ..Indicator::default()
    }
}

fn group(name: &str, indicators: Vec<Indicator>) -> Level2 {
    Level2 {
        name: name.to_string(),
        weight: NumberText::default(),
        indicators,
        not_applicable: false,
    }
}

/// 县政务中心互联网网络费、IMS 通讯费 (2024), scored 100 / 优 as in the report.
pub fn example_project() -> Project {
    let output = Level1 {
        name: "产出指标".to_string(),
        // The report gives no 一级 weight; it is the sum of its indicators (90).
        weight: NumberText::default(),
        groups: vec![
            group(
                "质量指标",
                vec![quantitative(
                    1,
                    "网络终端稳定运行保障天数",
                    IndicatorKind::AtLeast,
                    "≥365",
                    "天",
                    "365",
                    "20",
                )],
            ),
            group(
                "数量指标",
                vec![quantitative(
                    2,
                    "保障网络终端数量",
                    IndicatorKind::AtLeast,
                    "≥200",
                    "台",
                    "235",
                    "20",
                )],
            ),
            group(
                "成本指标",
                vec![quantitative(
                    3,
                    "成本偏差率",
                    IndicatorKind::Deviation,
                    "±0",
                    "%",
                    "0",
                    "20",
                )],
            ),
            group(
                "时效指标",
                vec![
                    quantitative(
                        4,
                        "资金支付及时率",
                        IndicatorKind::AtLeast,
                        "≥100",
                        "%",
                        "100",
                        "15",
                    ),
                    Indicator {
                        id: 5,
                        name: "项目完成时间符合目标".to_string(),
                        kind: IndicatorKind::Qualitative,
                        target: NumberText::new("按年初计划完成"),
                        actual: NumberText::new("项目整体完成时间与年初计划完全一致"),
                        weight: NumberText::new("15"),
                        qualitative_grade: Some(QualitativeGrade::Achieved),
                        ..Indicator::default()
                    },
                ],
            ),
        ],
    };

    Project {
        schema_version: SCHEMA_VERSION,
        id: "example-2024-network".to_string(),
        name: "县政务中心互联网网络费、IMS 通讯费".to_string(),
        implementer: "县政务服务中心".to_string(),
        year: "2024".to_string(),
        background: "为保障县政务服务中心日常政务服务工作的稳定开展，确保网络终端设备正常运行、通讯服务畅通，实施“互联网网络费、IMS 通讯费”项目。项目预算主要用于支付政务中心互联网接入服务费用、IMS 通讯系统使用及维护费用等。".to_string(),
        goal_expected: "全年无间断保障政务服务中心网络终端稳定运行，满足超过 200 台网络终端的服务需求，严格按照预算控制成本，确保资金及时支付与项目按时完成，为全县政务服务高效运转提供坚实的网络与通讯支撑。".to_string(),
        goal_actual: "项目实际执行金额为 27.5 万元，预算执行率达到 100%。全年无重大网络中断事故，网络平均可用率达到 99.9%；投入使用的网络终端设备共计 235 台；成本偏差率为 0%；资金支付及时率 100%，项目整体完成时间与年初计划完全一致。".to_string(),
        money_unit: MoneyUnit::Wan,
        funds: Funds {
            total: row("27.5", "27.5", "27.5"),
            current_appropriation: row("27.5", "27.5", "27.5"),
            carried_over: row("0", "0", "0"),
            other: row("0", "0", "0"),
        },
        indicators: vec![output],
        problems: vec![
            "绩效评价制度体系需进一步完善。目前项目绩效评价相关规定和制度已初步建立，但在具体实施环节仍存在“制度与实操衔接不紧密”的问题。例如，绩效指标的动态调整机制尚未明确，当政务服务业务量增加、网络终端数量调整时，无法及时对绩效指标（如设备保障数量、故障响应时间）进行优化。".to_string(),
            "干部职工绩效评价认识需进一步提升。部分干部职工对绩效评价工作的重要性认识不足，存在“重项目执行、轻绩效评价”的倾向。例如，在绩效数据收集环节，部分业务科室工作人员存在数据填报不及时、信息遗漏等情况；在绩效评价会议中，参与积极性不高，对评价结果的反馈建议缺乏深入思考。原因在于绩效评价工作宣传培训力度不够，未让干部职工充分认识到绩效评价对提升项目质量、优化资金使用的重要作用，导致参与度与重视程度不足。".to_string(),
        ],
        improvements: vec![
            "进一步完善绩效评价工作相关规定和制度。".to_string(),
            "组织学习绩效评价相关政策办法。".to_string(),
        ],
        rules: RuleSet::default(),
        // 主管部门 is not in the report; 负责人/电话 neither.
        ..Project::default()
    }
}

const KINDS: [IndicatorKind; 6] = [
    IndicatorKind::AtLeast,
    IndicatorKind::AtMost,
    IndicatorKind::Deviation,
    IndicatorKind::Equal,
    IndicatorKind::Qualitative,
    IndicatorKind::Satisfaction,
];

/// 二级 names by 一级, as tables write them.
const LEVEL2_NAMES: [&[&str]; 3] = [
    &["数量指标", "质量指标", "时效指标", "成本指标"],
    &["社会效益指标", "经济效益指标", "可持续影响指标"],
    &["服务对象满意度指标"],
];

/// Indicator names of the kind tables hold (never a column head such as
/// 三级指标, which an import would take for the table's header row).
const INDICATOR_NAMES: [&str; 8] = [
    "培训人次",
    "设备采购数量",
    "验收合格率",
    "项目完成及时率",
    "单位成本节约率",
    "受益群众满意度",
    "覆盖人口数",
    "故障修复时长",
];

/// A project with `n` indicators of mixed kinds, some missing their
/// target, some under- or over-achieved, so every code path is exercised;
/// `seed` varies the figures and the name. What the benchmarks measure
/// (the engine's criterion bench, `jixiao check` over generated workbooks).
pub fn generated_project(n: usize, seed: usize) -> Project {
    let mut p = example_project();
    p.indicators.clear();
    p.name = format!("{}（{seed}）", p.name);
    let per_group = 10;
    let groups = n.div_ceil(per_group);
    let mut id = 0u64;
    let level1_names = ["产出指标", "效益指标", "满意度指标"];
    for (l1_index, l1_name) in level1_names.iter().enumerate() {
        let mut l1 = Level1 {
            name: (*l1_name).to_string(),
            ..Level1::default()
        };
        for g in (0..groups).filter(|g| g % 3 == l1_index) {
            let names = LEVEL2_NAMES[l1_index];
            let mut l2 = Level2 {
                name: names[(g / 3) % names.len()].to_string(),
                ..Level2::default()
            };
            for k in 0..per_group {
                let index = g * per_group + k;
                if index >= n {
                    break;
                }
                id += 1;
                let v = (index * 7 + seed) % 97;
                let kind = KINDS[(index + seed) % KINDS.len()];
                l2.indicators.push(Indicator {
                    id,
                    name: format!(
                        "{}（{index}）",
                        INDICATOR_NAMES[index % INDICATOR_NAMES.len()]
                    ),
                    kind,
                    target: NumberText::new(if v == 13 {
                        String::new()
                    } else {
                        format!("≥{}", 50 + v)
                    }),
                    unit: if v.is_multiple_of(5) {
                        String::new()
                    } else {
                        "%".into()
                    },
                    actual: NumberText::new(format!("{}.{}", 40 + v, v % 10)),
                    weight: NumberText::new("0.3"),
                    qualitative_grade: Some(QualitativeGrade::PartlyAchieved),
                    deviation_reason: if v.is_multiple_of(2) {
                        "原因".into()
                    } else {
                        String::new()
                    },
                    ..Indicator::default()
                });
            }
            l1.groups.push(l2);
        }
        p.indicators.push(l1);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkup;
    use crate::finding::{FindingCounts, Rule};
    use crate::rules::Grade;
    use crate::score::{Attainment, evaluate};

    /// The example report's 100 分 / 优, reproduced from its data.
    #[test]
    fn example_scores_100_and_excellent() {
        let p = example_project();
        let ev = evaluate(&p);
        assert_eq!(ev.execution.rate, Some(1.0));
        assert_eq!(ev.execution.score, 10.0);
        assert_eq!(ev.level1[0].weight, 90.0);
        assert_eq!(ev.level1[0].score, 90.0);
        assert_eq!(ev.raw_total, 100.0);
        assert_eq!(ev.total, 100.0);
        assert_eq!(ev.grade, Some(Grade::Excellent));
        assert_eq!(ev.grade_label(), "优");
        assert!(
            ev.indicators
                .iter()
                .all(|s| s.attainment == Attainment::Met)
        );
        // 235 / 200 = 1.175 < 1.3: not over-achieved.
        assert!(!ev.indicators[1].over_achieved);
        assert_eq!(
            ev.indicators[1].explanation,
            "实际 235 台 ≥ 目标 200 台，得满分 20.00 分"
        );
    }

    /// §5: 100 分 without 效益/满意度 indicators is flagged, and 产出 90 ≠ 50.
    #[test]
    fn example_is_flagged_as_possibly_inflated() {
        let p = example_project();
        let findings = checkup::run(&p, &evaluate(&p));
        let at = |rule: Rule, path: &str| {
            findings
                .iter()
                .find(|f| f.rule == rule && f.path.to_string() == path)
        };
        assert!(at(Rule::FrameworkBenefitMissingHighTotal, "indicators").is_some());
        assert!(at(Rule::FrameworkSatisfactionMissingHighTotal, "indicators").is_some());
        let weight = at(Rule::WeightsLevel1DiffersFromRules, "indicators.0.weight");
        assert!(weight.is_some_and(|f| f.message.contains("90.00") && f.message.contains("50.00")));
        assert_eq!(FindingCounts::of(&findings).errors, 0, "{findings:#?}");
        assert!(
            findings
                .iter()
                .any(|f| f.rule == Rule::HeaderDepartmentBlank)
        );
        // The narrative's "预算执行率达到 100%" agrees with the data.
        assert!(!findings.iter().any(|f| f.path.to_string() == "goal_actual"));
    }
}
