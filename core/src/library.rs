//! The 共性 indicator framework (10号 第十三条) and a library of ready-made
//! 三级指标 by project type.
//!
//! Library targets are hints only: [`LibraryEntry::to_indicator`] leaves the
//! target blank, because a target copied from a list instead of set by the
//! unit is exactly the "不实" self-evaluation the checks exist to catch.

use super::names::{Level1Class, Level2Class, classify_level1, classify_level2};
use super::number::format_amount;
use super::project::{Indicator, IndicatorKind, Level1, Level2, NumberText};
use super::rules::{LEVEL1_BENEFIT, LEVEL1_COST, LEVEL1_OUTPUT, LEVEL1_SATISFACTION, RuleSet};

const OUTPUT_GROUPS: [&str; 4] = ["数量指标", "质量指标", "时效指标", "成本指标"];
const BENEFIT_GROUPS: [&str; 4] = [
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
];
const SATISFACTION_GROUPS: [&str; 1] = ["服务对象满意度指标"];
/// 101号: 成本 as its own 一级 has its own 二级.
const COST_GROUPS: [&str; 3] = ["经济成本指标", "社会成本指标", "生态环境成本指标"];

fn weight_text(weight: Option<f64>) -> NumberText {
    weight.map_or_else(NumberText::default, |w| NumberText::new(format_amount(w)))
}

/// A rule set's weight for a 一级 as the text a group row holds (blank when
/// the unit sets it).
pub fn rule_weight_text(rules: &RuleSet, level1: &str) -> NumberText {
    weight_text(rules.level1_weight(level1))
}

fn level1(name: &str, weight: Option<f64>, groups: &[&str]) -> Level1 {
    Level1 {
        name: name.to_string(),
        weight: weight_text(weight),
        groups: groups
            .iter()
            .map(|g| Level2 {
                name: g.to_string(),
                weight: NumberText::default(),
                indicators: Vec::new(),
                not_applicable: false,
            })
            .collect(),
    }
}

/// The framework a rule set expects (10号 第十三条 as the rule set varies
/// it), with its 一级 weights filled in: 不设满意度 drops 满意度, 成本单列 moves
/// 成本 out of 产出 into its own 一级. No 三级 yet.
pub fn framework_for(rules: &RuleSet) -> Vec<Level1> {
    let cost_separate = rules.expects(Level1Class::Cost);
    rules
        .level1_weights
        .iter()
        .map(|w| {
            let groups: &[&str] = match classify_level1(&w.name) {
                Some(Level1Class::Output) if cost_separate => &OUTPUT_GROUPS[..3],
                Some(Level1Class::Output) => &OUTPUT_GROUPS,
                Some(Level1Class::Benefit) => &BENEFIT_GROUPS,
                Some(Level1Class::Satisfaction) => &SATISFACTION_GROUPS,
                Some(Level1Class::Cost) => &COST_GROUPS,
                None => &[],
            };
            level1(&w.name, w.weight, groups)
        })
        .collect()
}

/// Where a library entry goes under `rules`: its own 一级/二级, except that
/// a 产出成本 entry goes to the 经济成本 group of a separate 成本 一级.
pub fn placement<'a>(entry: &'a LibraryEntry, rules: &RuleSet) -> (&'a str, &'a str) {
    let cost_entry = classify_level1(entry.level1) == Some(Level1Class::Output)
        && classify_level2(entry.level2) == Some(Level2Class::Cost);
    if cost_entry && rules.expects(Level1Class::Cost) {
        (LEVEL1_COST, COST_GROUPS[0])
    } else {
        (entry.level1, entry.level2)
    }
}

/// A ready-made 三级指标.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LibraryEntry {
    /// Project type, e.g. 网络与通讯服务.
    pub category: &'static str,
    pub level1: &'static str,
    pub level2: &'static str,
    pub name: &'static str,
    pub kind: IndicatorKind,
    pub unit: &'static str,
    /// A typical target, shown as a placeholder (`≥99%`).
    pub target_hint: &'static str,
}

impl LibraryEntry {
    /// A new indicator from this entry; the target is left for the unit to set.
    pub fn to_indicator(&self, id: u64) -> Indicator {
        Indicator {
            id,
            name: self.name.to_string(),
            kind: self.kind,
            unit: self.unit.to_string(),
            ..Indicator::default()
        }
    }
}

const fn e(
    category: &'static str,
    level1: &'static str,
    level2: &'static str,
    name: &'static str,
    kind: IndicatorKind,
    unit: &'static str,
    target_hint: &'static str,
) -> LibraryEntry {
    LibraryEntry {
        category,
        level1,
        level2,
        name,
        kind,
        unit,
        target_hint,
    }
}

use IndicatorKind::{AtLeast, AtMost, Deviation, Equal, Qualitative, Satisfaction};

const O: &str = LEVEL1_OUTPUT;
const B: &str = LEVEL1_BENEFIT;
const S: &str = LEVEL1_SATISFACTION;
const SAT: &str = "服务对象满意度指标";

const NET: &str = "网络与通讯服务";
const OPS: &str = "信息系统运维";
const MEET: &str = "会议培训";
const EQUIP: &str = "设备购置";
const BUILD: &str = "基础设施建设";
const SUBSIDY: &str = "补贴发放";

const ENTRIES: &[LibraryEntry] = &[
    e(
        NET,
        O,
        "数量指标",
        "保障网络终端数量",
        AtLeast,
        "台",
        "≥200台",
    ),
    e(
        NET,
        O,
        "数量指标",
        "保障通讯线路（号码）数量",
        AtLeast,
        "条",
        "≥50条",
    ),
    e(
        NET,
        O,
        "质量指标",
        "网络终端稳定运行保障天数",
        AtLeast,
        "天",
        "≥365天",
    ),
    e(NET, O, "质量指标", "网络平均可用率", AtLeast, "%", "≥99.9%"),
    e(NET, O, "时效指标", "故障响应时间", AtMost, "小时", "≤1小时"),
    e(NET, O, "时效指标", "资金支付及时率", AtLeast, "%", "≥100%"),
    e(NET, O, "成本指标", "成本偏差率", Deviation, "%", "±0%"),
    e(
        NET,
        B,
        "社会效益指标",
        "因网络中断影响政务服务办理次数",
        AtMost,
        "次",
        "≤0次",
    ),
    e(
        NET,
        B,
        "可持续影响指标",
        "网络与通讯服务持续保障能力",
        Qualitative,
        "",
        "持续稳定",
    ),
    e(NET, S, SAT, "窗口工作人员满意度", Satisfaction, "%", "≥90%"),
    e(NET, S, SAT, "办事群众满意度", Satisfaction, "%", "≥90%"),
    e(
        OPS,
        O,
        "数量指标",
        "运维信息系统数量",
        AtLeast,
        "个",
        "≥5个",
    ),
    e(OPS, O, "数量指标", "系统巡检次数", AtLeast, "次", "≥12次"),
    e(OPS, O, "质量指标", "系统正常运行率", AtLeast, "%", "≥99%"),
    e(OPS, O, "质量指标", "故障按时修复率", AtLeast, "%", "≥95%"),
    e(OPS, O, "时效指标", "故障响应时间", AtMost, "小时", "≤2小时"),
    e(
        OPS,
        O,
        "成本指标",
        "运维费用控制在预算内",
        AtMost,
        "万元",
        "≤预算数",
    ),
    e(
        OPS,
        B,
        "社会效益指标",
        "系统支撑业务正常办理",
        Qualitative,
        "",
        "业务办理不受影响",
    ),
    e(
        OPS,
        B,
        "可持续影响指标",
        "数据安全事件发生次数",
        AtMost,
        "次",
        "≤0次",
    ),
    e(OPS, S, SAT, "系统使用人员满意度", Satisfaction, "%", "≥90%"),
    e(MEET, O, "数量指标", "培训人次", AtLeast, "人次", "≥200人次"),
    e(MEET, O, "数量指标", "举办培训期数", AtLeast, "期", "≥4期"),
    e(
        MEET,
        O,
        "质量指标",
        "参训人员考核合格率",
        AtLeast,
        "%",
        "≥95%",
    ),
    e(MEET, O, "质量指标", "参训率", AtLeast, "%", "≥90%"),
    e(
        MEET,
        O,
        "时效指标",
        "培训按计划完成率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        MEET,
        O,
        "成本指标",
        "培训综合定额标准",
        AtMost,
        "元/人天",
        "≤550元/人天",
    ),
    e(
        MEET,
        B,
        "社会效益指标",
        "参训人员业务能力提升",
        Qualitative,
        "",
        "明显提升",
    ),
    e(
        MEET,
        B,
        "可持续影响指标",
        "培训成果转化应用",
        Qualitative,
        "",
        "长期",
    ),
    e(MEET, S, SAT, "参训人员满意度", Satisfaction, "%", "≥90%"),
    e(
        EQUIP,
        O,
        "数量指标",
        "购置设备数量",
        Equal,
        "台（套）",
        "=10台（套）",
    ),
    e(
        EQUIP,
        O,
        "质量指标",
        "设备验收合格率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        EQUIP,
        O,
        "时效指标",
        "设备按期到货安装率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        EQUIP,
        O,
        "成本指标",
        "设备采购成本控制在预算内",
        AtMost,
        "万元",
        "≤预算数",
    ),
    e(
        EQUIP,
        B,
        "社会效益指标",
        "设备投入使用率",
        AtLeast,
        "%",
        "≥95%",
    ),
    e(
        EQUIP,
        B,
        "可持续影响指标",
        "设备使用年限",
        AtLeast,
        "年",
        "≥5年",
    ),
    e(
        EQUIP,
        S,
        SAT,
        "设备使用人员满意度",
        Satisfaction,
        "%",
        "≥90%",
    ),
    e(
        BUILD,
        O,
        "数量指标",
        "新建（改建）道路长度",
        AtLeast,
        "公里",
        "≥5公里",
    ),
    e(
        BUILD,
        O,
        "质量指标",
        "工程验收合格率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        BUILD,
        O,
        "时效指标",
        "工程按期完工率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        BUILD,
        O,
        "成本指标",
        "工程结算不超过批复概算",
        AtMost,
        "万元",
        "≤批复概算",
    ),
    e(
        BUILD,
        B,
        "经济效益指标",
        "带动当地就业人数",
        AtLeast,
        "人",
        "≥50人",
    ),
    e(
        BUILD,
        B,
        "社会效益指标",
        "受益群众人数",
        AtLeast,
        "人",
        "≥10000人",
    ),
    e(
        BUILD,
        B,
        "生态效益指标",
        "施工期环境污染投诉次数",
        AtMost,
        "次",
        "≤0次",
    ),
    e(
        BUILD,
        B,
        "可持续影响指标",
        "工程设计使用年限",
        AtLeast,
        "年",
        "≥15年",
    ),
    e(BUILD, S, SAT, "受益群众满意度", Satisfaction, "%", "≥90%"),
    e(
        SUBSIDY,
        O,
        "数量指标",
        "补贴发放人数",
        AtLeast,
        "人",
        "≥1000人",
    ),
    e(
        SUBSIDY,
        O,
        "质量指标",
        "补贴对象认定准确率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        SUBSIDY,
        O,
        "质量指标",
        "补贴资金足额发放率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        SUBSIDY,
        O,
        "时效指标",
        "补贴资金发放及时率",
        AtLeast,
        "%",
        "≥100%",
    ),
    e(
        SUBSIDY,
        O,
        "成本指标",
        "补贴标准",
        Equal,
        "元/人·月",
        "=500元/人·月",
    ),
    e(
        SUBSIDY,
        B,
        "社会效益指标",
        "补贴对象基本生活得到保障",
        Qualitative,
        "",
        "有效保障",
    ),
    e(
        SUBSIDY,
        B,
        "可持续影响指标",
        "补贴政策持续稳定实施",
        Qualitative,
        "",
        "长期",
    ),
    e(SUBSIDY, S, SAT, "补贴对象满意度", Satisfaction, "%", "≥90%"),
];

/// Every ready-made 三级指标, grouped by project type in a fixed order.
pub fn library() -> Vec<LibraryEntry> {
    ENTRIES.to_vec()
}

/// The project types the library covers, in order.
pub fn categories() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for entry in ENTRIES {
        if !out.contains(&entry.category) {
            out.push(entry.category);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::preset;

    /// 10号 第十三条: 产出 (数量/质量/时效/成本), 效益 (4), 满意度 (1).
    #[test]
    fn standard_framework_matches_section_2() {
        let f = framework_for(&RuleSet::default());
        let names: Vec<_> = f.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["产出指标", "效益指标", "满意度指标"]);
        let groups: Vec<Vec<&str>> = f
            .iter()
            .map(|l| l.groups.iter().map(|g| g.name.as_str()).collect())
            .collect();
        assert_eq!(groups[0], ["数量指标", "质量指标", "时效指标", "成本指标"]);
        assert_eq!(
            groups[1],
            [
                "经济效益指标",
                "社会效益指标",
                "生态效益指标",
                "可持续影响指标"
            ]
        );
        assert_eq!(groups[2], ["服务对象满意度指标"]);
        let weights: Vec<&str> = f.iter().map(|l| l.weight.as_str()).collect();
        assert_eq!(weights, ["50", "30", "10"]);
        assert!(
            f.iter()
                .all(|l| l.groups.iter().all(|g| g.indicators.is_empty()))
        );
    }

    #[test]
    fn framework_follows_the_rule_set() {
        let std = framework_for(&RuleSet::default());
        assert_eq!(std.len(), 3);
        assert_eq!(std[0].weight.as_str(), "50");
        let ns = framework_for(&preset("no-satisfaction").unwrap());
        assert_eq!(ns.len(), 2);
        assert_eq!(ns[1].weight.as_str(), "40");
        let cs = framework_for(&preset("cost-separate").unwrap());
        assert_eq!(
            cs.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(),
            ["产出指标", "成本指标", "效益指标", "满意度指标"]
        );
        assert!(!cs[0].groups.iter().any(|g| g.name == "成本指标"));
        assert_eq!(cs[1].groups.len(), 3);
        let hb = framework_for(&preset("hubei").unwrap());
        assert!(hb.iter().all(|l| l.weight.is_blank()));
    }

    #[test]
    fn library_covers_every_category_across_the_framework() {
        let cats = categories();
        for want in [
            "网络与通讯服务",
            "信息系统运维",
            "会议培训",
            "设备购置",
            "基础设施建设",
            "补贴发放",
        ] {
            assert!(cats.contains(&want), "{want}");
            let entries: Vec<_> = library()
                .into_iter()
                .filter(|e| e.category == want)
                .collect();
            assert!(entries.len() >= 4, "{want}");
            for l1 in [LEVEL1_OUTPUT, LEVEL1_BENEFIT, LEVEL1_SATISFACTION] {
                assert!(entries.iter().any(|e| e.level1 == l1), "{want} lacks {l1}");
            }
        }
        let framework = framework_for(&RuleSet::default());
        for entry in library() {
            let l1 = framework
                .iter()
                .find(|l| l.name == entry.level1)
                .expect(entry.name);
            assert!(
                l1.groups.iter().any(|g| g.name == entry.level2),
                "{}",
                entry.name
            );
            let quantitative = entry.kind != Qualitative;
            assert_eq!(quantitative, !entry.unit.is_empty(), "{}", entry.name);
            assert!(!entry.target_hint.is_empty());
        }
    }

    #[test]
    fn to_indicator_leaves_target_to_the_unit() {
        let entry = &library()[0];
        let ind = entry.to_indicator(7);
        assert_eq!(ind.id, 7);
        assert_eq!(ind.name, entry.name);
        assert_eq!(ind.kind, entry.kind);
        assert_eq!(ind.unit, entry.unit);
        assert!(ind.target.is_blank() && ind.actual.is_blank() && ind.weight.is_blank());
    }
}
