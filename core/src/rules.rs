//! Scoring rules as data.
//!
//! The national text says "原则上" and provinces differ, so everything that
//! varies lives in a [`RuleSet`] stored with each project: a region is added
//! by writing a preset (or a JSON file), not code.

use serde::{Deserialize, Serialize};

use super::names::{Level1Class, classify_level1, name_key};
use super::number::{parse_number, round2};
use super::review_rules::ReviewRules;

/// The weight a rule set gives a 一级指标; `None` means the unit sets it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level1Weight {
    pub name: String,
    pub weight: Option<f64>,
}

impl Level1Weight {
    fn new(name: &str, weight: Option<f64>) -> Self {
        Self {
            name: name.to_string(),
            weight,
        }
    }
}

/// One step of a banded score: a rate at or above `from` (in %) earns
/// `factor` × 分值. Bands are tried in order; the first match wins, no match
/// scores 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Band {
    pub from: f64,
    pub factor: f64,
}

impl Band {
    pub fn new(from: f64, factor: f64) -> Self {
        Self { from, factor }
    }
}

/// The index of the first band whose threshold `percent` reaches, or `None`
/// (= 0 points).
pub fn band_index(bands: &[Band], percent: f64) -> Option<usize> {
    bands.iter().position(|b| at_least(percent, b.from))
}

/// `a ≥ b` forgiving binary noise: 22 ÷ 27.5 × 100 must count as 80%.
pub fn at_least(a: f64, b: f64) -> bool {
    a >= b - 1e-9 * b.abs().max(1.0)
}

/// 预算执行率 得分 rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExecutionScoring {
    /// 10号: 分值 × min(执行率, 100%).
    Proportional,
    /// 101号/江西: fixed fractions of 分值 by band.
    Banded(Vec<Band>),
}

impl ExecutionScoring {
    /// 101号/江西: 100% → full; [80,100) → 70%; [60,80) → 50%; < 60 → 0.
    pub fn banded_101() -> Self {
        ExecutionScoring::Banded(vec![
            Band::new(100.0, 1.0),
            Band::new(80.0, 0.7),
            Band::new(60.0, 0.5),
        ])
    }
}

/// How a 执行率 above 100% (spending beyond the budget) is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum OverBudget {
    /// As 100% (10号 practice: "超过 100% 按 100% 计"); the 体检 still
    /// reports 执行数 above 预算数 as an error.
    #[default]
    CountAsFull,
    /// The part above 100% counts as a shortfall: 105% scores as 95%
    /// (101号/江西: full marks only at 100% and within budget).
    CountAsShortfall,
    /// Over budget earns nothing.
    Zero,
}

impl OverBudget {
    /// The rate (1.0 = 100%) the scoring uses for an actual `rate`.
    pub fn scored_rate(self, rate: f64) -> f64 {
        if rate <= 1.0 {
            return rate;
        }
        match self {
            OverBudget::CountAsFull => 1.0,
            OverBudget::CountAsShortfall => (2.0 - rate).max(0.0),
            OverBudget::Zero => 0.0,
        }
    }

    pub const ALL: [OverBudget; 3] = [
        OverBudget::CountAsFull,
        OverBudget::CountAsShortfall,
        OverBudget::Zero,
    ];

    pub fn label(self) -> &'static str {
        match self {
            OverBudget::CountAsFull => "超过 100% 按 100% 计",
            OverBudget::CountAsShortfall => "超出 100% 的部分按未完成计（105% 按 95% 计）",
            OverBudget::Zero => "超预算不得分",
        }
    }
}

/// How scores are rounded to the two decimals they print with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rounding {
    /// Each indicator's score and the 执行率 score are rounded to 2
    /// decimals, and the total is the sum of those printed scores, so the
    /// printed column always adds up (what the 一体化 systems do).
    #[default]
    PerIndicator,
    /// Full precision inside; the total is rounded once.
    Once,
}

impl Rounding {
    pub const ALL: [Rounding; 2] = [Rounding::PerIndicator, Rounding::Once];

    pub fn label(self) -> &'static str {
        match self {
            Rounding::PerIndicator => "逐项保留两位小数，总分为各项之和",
            Rounding::Once => "各项不取舍，总分取舍一次",
        }
    }

    /// The sentence under the 自评表 that says which rule was used.
    pub fn footnote(self) -> &'static str {
        match self {
            Rounding::PerIndicator => "各项得分保留两位小数，总分为各项得分之和；等级按总分确定。",
            Rounding::Once => {
                "得分保留两位小数；总分为各项未取舍得分之和，取舍一次，等级按显示的总分确定。"
            }
        }
    }
}

/// A ceiling on the total when 执行率 is below `below` (in %, exclusive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CapBand {
    pub below: f64,
    pub max_total: f64,
}

impl CapBand {
    /// The 一体化 operating manual: 70–80% → ≤ 89; 60–70% → ≤ 79;
    /// < 60% → ≤ 69; < 50% → ≤ 59. The tightest applicable band wins.
    pub fn manual_bands() -> Vec<CapBand> {
        vec![
            CapBand {
                below: 80.0,
                max_total: 89.0,
            },
            CapBand {
                below: 70.0,
                max_total: 79.0,
            },
            CapBand {
                below: 60.0,
                max_total: 69.0,
            },
            CapBand {
                below: 50.0,
                max_total: 59.0,
            },
        ]
    }
}

/// 反向 indicator formula when actual > target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InverseFormula {
    /// 一体化: 分值 × (1 − (实际 − 目标) ÷ 目标), 0 at ≥ 2 × 目标.
    Linear,
    /// Older tables: 分值 × 目标 ÷ 实际.
    Ratio,
}

/// How a 定量 indicator short of its target is scored: its 完成率 (实际 ÷
/// 目标 for 正向; for 反向 the share the inverse formula leaves) becomes a score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum QuantitativeScoring {
    /// 10号 / 一体化: 分值 × 完成率.
    #[default]
    Proportional,
    /// 财预〔2021〕101号 §三(七): 完成率 below `pass` (in %) scores 0; from it,
    /// (完成率 − pass) ÷ (100% − pass) × 分值.
    PassMark { pass: f64 },
}

impl QuantitativeScoring {
    /// 101号's example: a pass mark of 60%.
    pub const PASS_MARK_101: QuantitativeScoring = QuantitativeScoring::PassMark { pass: 60.0 };
}

/// A 定性 grade's allowed score range as fractions of 分值.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualitativeBand {
    pub min: f64,
    pub max: f64,
    /// 达成 includes 100%; the lower grades stop short of the next one's floor.
    pub max_inclusive: bool,
    pub suggested: f64,
}

impl QualitativeBand {
    /// Whether `fraction` (score ÷ 分值) lies in the band.
    pub fn contains(&self, fraction: f64) -> bool {
        let eps = 1e-9;
        let upper_ok = if self.max_inclusive {
            fraction <= self.max + eps
        } else {
            fraction < self.max - eps
        };
        fraction >= self.min - eps && upper_ok
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualitativeBands {
    /// 达成年度指标
    pub achieved: QualitativeBand,
    /// 部分达成年度指标并具有一定效果
    pub partly: QualitativeBand,
    /// 未达成年度指标且效果较差
    pub not_achieved: QualitativeBand,
}

impl Default for QualitativeBands {
    fn default() -> Self {
        Self {
            achieved: QualitativeBand {
                min: 0.8,
                max: 1.0,
                max_inclusive: true,
                suggested: 1.0,
            },
            partly: QualitativeBand {
                min: 0.6,
                max: 0.8,
                max_inclusive: false,
                suggested: 0.7,
            },
            not_achieved: QualitativeBand {
                min: 0.0,
                max: 0.6,
                max_inclusive: false,
                suggested: 0.3,
            },
        }
    }
}

/// 满意度 得分 rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SatisfactionScoring {
    /// As 正向 against the target rate.
    Proportional,
    /// 101号: by the satisfaction rate itself, regardless of target.
    Banded(Vec<Band>),
}

impl SatisfactionScoring {
    /// 101号: ≥ 90% full; [80,90) 80%; [60,80) 50%; < 60% 0.
    pub fn banded_101() -> Self {
        SatisfactionScoring::Banded(vec![
            Band::new(90.0, 1.0),
            Band::new(80.0, 0.8),
            Band::new(60.0, 0.5),
        ])
    }
}

/// 10号 第十八条 grade floors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeThresholds {
    pub excellent: f64,
    pub good: f64,
    pub fair: f64,
}

impl Default for GradeThresholds {
    fn default() -> Self {
        Self {
            excellent: 90.0,
            good: 80.0,
            fair: 60.0,
        }
    }
}

/// 绩效等级 (10号 第十八条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    /// 差
    Poor,
    /// 中
    Fair,
    /// 良
    Good,
    /// 优
    Excellent,
}

impl Grade {
    pub fn label(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }

    /// 10号 第二十六、二十七条: 中/差 need an explanation and 整改.
    pub fn needs_rectification(self) -> bool {
        matches!(self, Grade::Fair | Grade::Poor)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RuleSet {
    pub id: String,
    /// Shown in the rule picker.
    pub name: String,
    /// The document(s) the rule set follows.
    pub source: String,
    /// 预算执行率 分值.
    pub execution_weight: f64,
    pub level1_weights: Vec<Level1Weight>,
    pub execution_scoring: ExecutionScoring,
    /// How a 执行率 above 100% is scored.
    pub over_budget: OverBudget,
    /// How scores are rounded for print.
    pub rounding: Rounding,
    /// Optional total ceiling by 执行率; `None` = no ceiling.
    pub total_cap: Option<Vec<CapBand>>,
    pub inverse_formula: InverseFormula,
    /// Records and rule files from before the option load 分值 × 完成率.
    #[serde(default)]
    pub quantitative_scoring: QuantitativeScoring,
    pub qualitative_bands: QualitativeBands,
    pub satisfaction_scoring: SatisfactionScoring,
    /// Actual ≥ ratio × target counts as over-achieved (needs explaining).
    pub over_achievement_ratio: f64,
    /// With a target of 0, actual ≥ this counts as over-achieved.
    pub over_achievement_zero_target: f64,
    pub grade_thresholds: GradeThresholds,
    /// 执行率 (in %) below which the check asks for a 整改 explanation.
    pub low_execution_rate: f64,
    /// 运行监控's lights (records from before monitoring load the defaults).
    #[serde(default)]
    pub monitoring: MonitoringRules,
    /// 审核口径 of the target review. Written out only when it is not the
    /// default, so records and rule files stay as they were for the many
    /// projects that never change it.
    #[serde(default, skip_serializing_if = "ReviewRules::is_default")]
    pub review: ReviewRules,
}

/// When a monitored figure is a warning: how far (in percentage points) its
/// progress may fall behind the share of the year gone by. No published rule
/// was found that fixes these (docs/research/cycle/NOTES.md §C), so they
/// are defaults to edit, like the rest of the rule set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitoringRules {
    /// Behind time progress by at least this → 黄灯.
    pub yellow_behind: f64,
    /// Behind time progress by at least this → 红灯.
    pub red_behind: f64,
}

impl Default for MonitoringRules {
    fn default() -> Self {
        Self {
            yellow_behind: 10.0,
            red_behind: 20.0,
        }
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        standard()
    }
}

pub const LEVEL1_OUTPUT: &str = "产出指标";
pub const LEVEL1_BENEFIT: &str = "效益指标";
pub const LEVEL1_SATISFACTION: &str = "满意度指标";
pub const LEVEL1_COST: &str = "成本指标";

fn standard() -> RuleSet {
    RuleSet {
        id: "mof-standard".to_string(),
        name: "财政部标准".to_string(),
        source: "财政部《项目支出绩效评价管理办法》（财预〔2020〕10号）第十三条：预算执行率 10 分，产出、效益、满意度指标原则上 50、30、10 分；第十六条计分；第十八条等级".to_string(),
        execution_weight: 10.0,
        level1_weights: vec![
            Level1Weight::new(LEVEL1_OUTPUT, Some(50.0)),
            Level1Weight::new(LEVEL1_BENEFIT, Some(30.0)),
            Level1Weight::new(LEVEL1_SATISFACTION, Some(10.0)),
        ],
        execution_scoring: ExecutionScoring::Proportional,
        over_budget: OverBudget::CountAsFull,
        rounding: Rounding::PerIndicator,
        total_cap: None,
        inverse_formula: InverseFormula::Linear,
        quantitative_scoring: QuantitativeScoring::Proportional,
        qualitative_bands: QualitativeBands::default(),
        satisfaction_scoring: SatisfactionScoring::Proportional,
        over_achievement_ratio: 1.3,
        over_achievement_zero_target: 30.0,
        grade_thresholds: GradeThresholds::default(),
        low_execution_rate: 90.0,
        monitoring: MonitoringRules::default(),
        review: ReviewRules::default(),
    }
}

const CUSTOM_ID_PREFIX: &str = "custom:";
const CUSTOM_NAME_SUFFIX: &str = "（本项目已修改）";

/// A weight typed into the rule editor: blank is allowed where `blank_ok`
/// (the unit sets that 一级's weight), otherwise a figure from 0 to 100.
pub fn parse_rule_weight(raw: &str, blank_ok: bool) -> Result<Option<f64>, String> {
    match parse_number(raw) {
        Ok(None) if blank_ok => Ok(None),
        Ok(None) => Err("请输入分值".to_string()),
        Ok(Some(n)) if (0.0..=100.0).contains(&n.value) => Ok(Some(n.value)),
        Ok(Some(_)) => Err("分值应在 0 到 100 之间".to_string()),
        Err(err) => Err(err.message()),
    }
}

/// The rule sets offered out of the box; the first is the default.
pub fn presets() -> Vec<RuleSet> {
    let no_satisfaction = RuleSet {
        id: "no-satisfaction".to_string(),
        name: "不设满意度指标".to_string(),
        source: "财预〔2021〕101号 §二(六)：未设置满意度指标的，其分值并入效益指标（预算执行率 10、产出 50、效益 40）".to_string(),
        level1_weights: vec![
            Level1Weight::new(LEVEL1_OUTPUT, Some(50.0)),
            Level1Weight::new(LEVEL1_BENEFIT, Some(40.0)),
        ],
        ..standard()
    };
    let cost_separate = RuleSet {
        id: "cost-separate".to_string(),
        name: "成本指标单列".to_string(),
        source: "财预〔2021〕101号：成本指标作为一级指标单列（预算执行率 10、产出 40、成本 20、效益 20、满意度 10）".to_string(),
        level1_weights: vec![
            Level1Weight::new(LEVEL1_OUTPUT, Some(40.0)),
            Level1Weight::new(LEVEL1_COST, Some(20.0)),
            Level1Weight::new(LEVEL1_BENEFIT, Some(20.0)),
            Level1Weight::new(LEVEL1_SATISFACTION, Some(10.0)),
        ],
        ..standard()
    };
    let hubei = RuleSet {
        id: "hubei".to_string(),
        name: "湖北".to_string(),
        source: "湖北省预算管理一体化绩效模块：预算执行率 20 分，其余 80 分由单位在产出、效益、满意度指标间设定".to_string(),
        execution_weight: 20.0,
        level1_weights: vec![
            Level1Weight::new(LEVEL1_OUTPUT, None),
            Level1Weight::new(LEVEL1_BENEFIT, None),
            Level1Weight::new(LEVEL1_SATISFACTION, None),
        ],
        ..standard()
    };
    let banded = RuleSet {
        id: "jiangxi-101".to_string(),
        name: "江西/101号分档计分".to_string(),
        source: "财预〔2021〕101号及江西省自评办法：预算执行率 100% 且未超预算得满分，[80%,100%) 得 70%，[60%,80%) 得 50%，低于 60% 不得分（超预算的部分按未完成计，如 105% 按 95% 计）；满意度 ≥90% 满分，[80%,90%) 得 80%，[60%,80%) 得 50%，低于 60% 不得分".to_string(),
        execution_scoring: ExecutionScoring::banded_101(),
        over_budget: OverBudget::CountAsShortfall,
        satisfaction_scoring: SatisfactionScoring::banded_101(),
        ..standard()
    };
    let central = RuleSet {
        id: "central-101".to_string(),
        name: "中央部门（101号计分）".to_string(),
        source: "财预〔2021〕101号 §三(七)：定量指标完成率低于 60% 不得分，60% 及以上得分 = (完成率 − 60%) ÷ (1 − 60%) × 分值；\
                 预算执行率 100% 且未超预算得满分，[80%,100%) 得 70%，[60%,80%) 得 50%，低于 60% 不得分；\
                 满意度 ≥90% 满分，[80%,90%) 得 80%，[60%,80%) 得 50%，低于 60% 不得分；定性指标按 100–80%、80–60%、60–0% 三档"
            .to_string(),
        execution_scoring: ExecutionScoring::banded_101(),
        over_budget: OverBudget::CountAsShortfall,
        satisfaction_scoring: SatisfactionScoring::banded_101(),
        quantitative_scoring: QuantitativeScoring::PASS_MARK_101,
        ..standard()
    };
    vec![
        standard(),
        no_satisfaction,
        cost_separate,
        hubei,
        banded,
        central,
    ]
}

/// A preset by id.
#[cfg(test)]
pub fn preset(id: &str) -> Option<RuleSet> {
    presets().into_iter().find(|r| r.id == id)
}

impl RuleSet {
    /// The grade of a total, taken from its printed (2-decimal) form so the
    /// figure and the grade shown side by side never disagree. (Whether a
    /// grade may be given at all is `score::Evaluation::grade`.)
    pub fn grade(&self, printed_total: f64) -> Grade {
        let t = round2(printed_total);
        let g = &self.grade_thresholds;
        if t >= g.excellent {
            Grade::Excellent
        } else if t >= g.good {
            Grade::Good
        } else if t >= g.fair {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }

    /// The weight this rule set gives a 一级 by name (`None`: not listed, or set by the unit).
    pub fn level1_weight(&self, name: &str) -> Option<f64> {
        self.level1_entry(name).and_then(|w| w.weight)
    }

    /// The rule set's entry for a 一级 by name, read as published tables
    /// write it: `产出`, `产 出 指 标` and `产出指标(50分)` match `产出指标`.
    pub fn level1_entry(&self, name: &str) -> Option<&Level1Weight> {
        let class = classify_level1(name);
        let key = name_key(name);
        self.level1_weights.iter().find(|w| match class {
            Some(class) => classify_level1(&w.name) == Some(class),
            None => name_key(&w.name) == key,
        })
    }

    /// Whether this rule set has a 一级 of this class (不设满意度 has no 满意度).
    pub fn expects(&self, class: Level1Class) -> bool {
        self.level1_weights
            .iter()
            .any(|w| classify_level1(&w.name) == Some(class))
    }

    /// Whether this is a project's edited copy rather than a preset.
    pub fn is_custom(&self) -> bool {
        self.id.starts_with(CUSTOM_ID_PREFIX)
    }

    /// Marks the rule set as the project's own edited copy (once).
    pub fn mark_custom(&mut self) {
        if !self.name.ends_with(CUSTOM_NAME_SUFFIX) {
            self.name.push_str(CUSTOM_NAME_SUFFIX);
        }
        if !self.is_custom() {
            self.id = format!("{CUSTOM_ID_PREFIX}{}", self.id);
        }
    }

    /// Inconsistencies in the rule set itself, in Chinese (empty when sound).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let finite = |v: f64| v.is_finite();
        if !finite(self.execution_weight) || !(0.0..=100.0).contains(&self.execution_weight) {
            out.push("规则中预算执行率分值应在 0 到 100 分之间".to_string());
        }
        if self
            .level1_weights
            .iter()
            .any(|w| w.weight.is_some_and(|v| !finite(v) || v < 0.0))
        {
            out.push("规则中一级指标分值不能为负数".to_string());
        }
        if self.level1_weights.iter().all(|w| w.weight.is_some()) {
            let sum: f64 = self.execution_weight
                + self
                    .level1_weights
                    .iter()
                    .filter_map(|w| w.weight)
                    .sum::<f64>();
            if (sum - 100.0).abs() > 1e-6 {
                out.push(format!(
                    "规则中预算执行率与一级指标分值合计 {} 分，不等于 100 分",
                    super::number::format_score(sum)
                ));
            }
        }
        let bands_ok = |bands: &[Band]| {
            bands.windows(2).all(|w| w[0].from >= w[1].from)
                && bands
                    .iter()
                    .all(|b| finite(b.from) && finite(b.factor) && (0.0..=1.0).contains(&b.factor))
        };
        if let QuantitativeScoring::PassMark { pass } = self.quantitative_scoring
            && !(finite(pass) && (0.0..100.0).contains(&pass))
        {
            // 100% would leave no score between failing and full marks.
            out.push("规则中定量指标的及格线应在 0% 到 100% 之间（不含 100%）".to_string());
        }
        if let ExecutionScoring::Banded(b) = &self.execution_scoring
            && !bands_ok(b)
        {
            out.push("规则中预算执行率分档应从高到低排列，得分比例在 0 到 1 之间".to_string());
        }
        if let SatisfactionScoring::Banded(b) = &self.satisfaction_scoring
            && !bands_ok(b)
        {
            out.push("规则中满意度分档应从高到低排列，得分比例在 0 到 1 之间".to_string());
        }
        if !finite(self.over_achievement_ratio) || self.over_achievement_ratio <= 1.0 {
            out.push("规则中超额完成比例应大于 1（如 1.3 表示 130%）".to_string());
        }
        let q = &self.qualitative_bands;
        let qb = [&q.achieved, &q.partly, &q.not_achieved];
        if qb.iter().any(|b| {
            !(finite(b.min) && finite(b.max) && finite(b.suggested))
                || b.min > b.max
                || b.min < 0.0
                || b.max > 1.0
        }) {
            out.push("规则中定性指标得分区间应在分值的 0% 到 100% 之间".to_string());
        }
        let g = &self.grade_thresholds;
        if !(g.excellent >= g.good && g.good >= g.fair) {
            out.push("规则中等级分数线应满足 优 ≥ 良 ≥ 中".to_string());
        }
        if let Err(problems) = self.review.compile() {
            out.extend(problems);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 10号 第十三条 and 101号: every preset with fixed weights sums to 100.
    #[test]
    fn each_preset_sums_to_100() {
        for r in presets() {
            if r.level1_weights.iter().all(|w| w.weight.is_some()) {
                let sum: f64 = r.execution_weight
                    + r.level1_weights
                        .iter()
                        .filter_map(|w| w.weight)
                        .sum::<f64>();
                assert_eq!(sum, 100.0, "{}", r.name);
            } else {
                // 湖北: 20 for 执行率, the remaining 80 set by the unit.
                assert_eq!(r.id, "hubei");
                assert_eq!(r.execution_weight, 20.0);
                assert!(r.level1_weights.iter().all(|w| w.weight.is_none()));
            }
            assert!(r.problems().is_empty(), "{}: {:?}", r.name, r.problems());
            assert!(!r.source.is_empty());
        }
    }

    #[test]
    fn preset_contents() {
        let s = RuleSet::default();
        assert_eq!(s.id, "mof-standard");
        assert_eq!(s.level1_weight("产出指标"), Some(50.0));
        assert_eq!(s.level1_weight(" 产出 "), Some(50.0));
        assert_eq!(s.level1_weight("成本指标"), None);
        assert_eq!(s.level1_weight("效益指标"), Some(30.0));
        assert_eq!(s.level1_weight("满意度指标"), Some(10.0));
        assert!(s.source.contains("10号"));

        let ns = preset("no-satisfaction").unwrap();
        assert_eq!(ns.level1_weight("效益指标"), Some(40.0));
        assert!(!ns.expects(Level1Class::Satisfaction));
        assert!(ns.source.contains("101号"));

        let cs = preset("cost-separate").unwrap();
        assert_eq!(cs.level1_weight("产出指标"), Some(40.0));
        assert_eq!(cs.level1_weight("成本指标"), Some(20.0));
        assert_eq!(cs.level1_weight("效益指标"), Some(20.0));

        let hb = preset("hubei").unwrap();
        assert_eq!(hb.level1_weight("产出指标"), None);
        assert!(hb.expects(Level1Class::Satisfaction));
        assert!(hb.source.contains("一体化"));

        let jx = preset("jiangxi-101").unwrap();
        assert_eq!(jx.execution_scoring, ExecutionScoring::banded_101());
        assert_eq!(jx.satisfaction_scoring, SatisfactionScoring::banded_101());
        assert_eq!(jx.level1_weight("产出指标"), Some(50.0));

        let ids: Vec<_> = presets().into_iter().map(|r| r.id).collect();
        let mut dedup = ids.clone();
        dedup.dedup();
        assert_eq!(ids, dedup);
    }

    /// 10号 第十八条: ≥90 优, [80,90) 良, [60,80) 中, <60 差, on the printed total.
    #[test]
    fn grade_thresholds_and_printed_total() {
        let r = RuleSet::default();
        assert_eq!(r.grade(100.0), Grade::Excellent);
        assert_eq!(r.grade(90.0), Grade::Excellent);
        assert_eq!(r.grade(89.995), Grade::Excellent);
        assert_eq!(r.grade(89.994), Grade::Good);
        assert_eq!(r.grade(80.0), Grade::Good);
        assert_eq!(r.grade(79.99), Grade::Fair);
        assert_eq!(r.grade(60.0), Grade::Fair);
        assert_eq!(r.grade(59.99), Grade::Poor);
        assert_eq!(r.grade(0.0), Grade::Poor);
        assert_eq!(Grade::Excellent.label(), "优");
        assert_eq!(Grade::Good.label(), "良");
        assert_eq!(Grade::Fair.label(), "中");
        assert_eq!(Grade::Poor.label(), "差");
        assert!(Grade::Fair.needs_rectification() && !Grade::Good.needs_rectification());
    }

    /// 101号 bands: the lower edge belongs to the band (80% → 70%, 60% → 50%).
    #[test]
    fn band_edges() {
        let ExecutionScoring::Banded(bands) = ExecutionScoring::banded_101() else {
            unreachable!()
        };
        let factor = |p: f64| band_index(&bands, p).map(|i| bands[i].factor);
        assert_eq!(factor(100.0), Some(1.0));
        assert_eq!(factor(99.99), Some(0.7));
        assert_eq!(factor(80.0), Some(0.7));
        assert_eq!(factor(22.0 / 27.5 * 100.0), Some(0.7));
        assert_eq!(factor(79.99), Some(0.5));
        assert_eq!(factor(60.0), Some(0.5));
        assert_eq!(factor(59.99), None);
    }

    /// §3 定性: 0.8 belongs to 达成, 0.6 to 部分达成.
    #[test]
    fn qualitative_band_edges() {
        let q = QualitativeBands::default();
        assert!(q.achieved.contains(0.8) && q.achieved.contains(1.0));
        assert!(!q.partly.contains(0.8) && q.partly.contains(0.6));
        assert!(!q.not_achieved.contains(0.6) && q.not_achieved.contains(0.0));
        assert!(!q.achieved.contains(1.01));
    }

    #[test]
    fn rule_set_problems_are_reported() {
        let mut r = RuleSet {
            execution_weight: 15.0,
            over_achievement_ratio: 0.9,
            ..RuleSet::default()
        };
        let p = r.problems();
        assert!(p.iter().any(|m| m.contains("105.00")));
        assert!(p.iter().any(|m| m.contains("超额")));
        r.execution_scoring =
            ExecutionScoring::Banded(vec![Band::new(60.0, 0.5), Band::new(80.0, 0.7)]);
        assert!(r.problems().iter().any(|m| m.contains("分档")));
    }

    /// 101号's text says full marks only within budget; its rule agrees.
    #[test]
    fn over_budget_conventions() {
        assert_eq!(OverBudget::CountAsFull.scored_rate(1.2), 1.0);
        assert_eq!(OverBudget::CountAsShortfall.scored_rate(1.05), 0.95);
        assert_eq!(OverBudget::CountAsShortfall.scored_rate(2.5), 0.0);
        assert_eq!(OverBudget::Zero.scored_rate(1.01), 0.0);
        for rule in [
            OverBudget::CountAsFull,
            OverBudget::CountAsShortfall,
            OverBudget::Zero,
        ] {
            assert_eq!(rule.scored_rate(0.8), 0.8);
        }
        let jx = preset("jiangxi-101").unwrap();
        assert!(jx.source.contains("未超预算"));
        assert_eq!(jx.over_budget, OverBudget::CountAsShortfall);
        assert_eq!(RuleSet::default().over_budget, OverBudget::CountAsFull);
        assert_eq!(RuleSet::default().rounding, Rounding::PerIndicator);
    }

    #[test]
    fn rule_weights_typed_in_the_editor() {
        assert_eq!(parse_rule_weight("", true), Ok(None));
        assert!(parse_rule_weight("", false).is_err());
        assert_eq!(parse_rule_weight("２０", false), Ok(Some(20.0)));
        assert!(
            parse_rule_weight("120", false)
                .unwrap_err()
                .contains("0 到 100")
        );
        assert!(parse_rule_weight("abc", true).is_err());
    }

    #[test]
    fn level1_entries_match_published_spellings() {
        let r = RuleSet::default();
        for name in ["产出", "产 出 指 标", "产出指标(50分)", "产出指标"] {
            assert_eq!(r.level1_weight(name), Some(50.0), "{name}");
        }
        assert_eq!(r.level1_weight("服务对象满意度指标"), Some(10.0));
    }

    #[test]
    fn rule_set_json_is_lenient_about_new_fields() {
        let r: RuleSet =
            serde_json::from_str(r#"{"id":"x","name":"某省","execution_weight":20}"#).unwrap();
        assert_eq!(r.execution_weight, 20.0);
        assert_eq!(r.over_achievement_ratio, 1.3);
        let back: RuleSet = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }
}
