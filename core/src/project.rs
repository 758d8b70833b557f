//! The document: one project's self-evaluation as the user typed it.
//!
//! Every number the user types is kept as raw text ([`NumberText`]); parsing
//! happens in `score::evaluate`, so a typo never loses input and an unparsable
//! field is reported instead of rejected.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::number::{NumberError, parse_number};
use super::path::{FundsColumn, FundsLine, HeaderField, IndicatorField, ItemList};
use super::rules::RuleSet;

/// Bumped whenever the stored shape changes; `schema::migrate` upgrades older records.
pub const SCHEMA_VERSION: u32 = 3;

/// Raw text of a numeric field, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NumberText(pub String);

impl NumberText {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
    /// Nothing at all typed (spaces count: what is typed is kept).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoneyUnit {
    /// 万元 (the 自评表 default)
    #[default]
    Wan,
    /// 元
    Yuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Wan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// How many 元 one unit is.
    fn yuan(self) -> f64 {
        match self {
            MoneyUnit::Wan => 10_000.0,
            MoneyUnit::Yuan => 1.0,
        }
    }

    /// `value`, stated in `from`, expressed in this unit (27.5 万元 → 275000 元).
    pub fn convert(self, value: f64, from: MoneyUnit) -> f64 {
        if self == from {
            value
        } else {
            value * from.yuan() / self.yuan()
        }
    }

    /// The money unit a figure was written with (`27.5万`, `275000元`).
    pub fn of_suffix(unit: &str) -> Option<MoneyUnit> {
        match unit {
            "万" | "万元" => Some(MoneyUnit::Wan),
            "元" => Some(MoneyUnit::Yuan),
            _ => None,
        }
    }

    /// The amount a funds cell holds, in this unit: a `万` or `元` written
    /// with the figure is converted (27.5万 in a 元 table is 275000); any
    /// other unit is left for the 体检 to question.
    pub fn read(self, text: &NumberText) -> Result<Option<f64>, NumberError> {
        Ok(parse_number(text.as_str())?.map(|n| {
            match n.unit.as_deref().and_then(MoneyUnit::of_suffix) {
                Some(written) => self.convert(n.value, written),
                None => n.value,
            }
        }))
    }

    /// [`Self::read`] as a figure to compute with: `None` for a blank,
    /// unreadable or non-finite amount.
    pub fn figure(self, text: &NumberText) -> Option<f64> {
        self.read(text).ok().flatten().filter(|v| v.is_finite())
    }
}

/// One row of the funds block: 年初预算数 | 全年预算数 | 全年执行数.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundsRow {
    pub initial_budget: NumberText,
    pub annual_budget: NumberText,
    pub executed: NumberText,
}

impl FundsRow {
    pub fn cell(&self, column: FundsColumn) -> &NumberText {
        match column {
            FundsColumn::Initial => &self.initial_budget,
            FundsColumn::Annual => &self.annual_budget,
            FundsColumn::Executed => &self.executed,
        }
    }

    pub fn cell_mut(&mut self, column: FundsColumn) -> &mut NumberText {
        match column {
            FundsColumn::Initial => &mut self.initial_budget,
            FundsColumn::Annual => &mut self.annual_budget,
            FundsColumn::Executed => &mut self.executed,
        }
    }
}

/// The 4×3 funds grid of 附1.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funds {
    /// 年度资金总额
    pub total: FundsRow,
    /// 其中：当年财政拨款
    pub current_appropriation: FundsRow,
    /// 上年结转资金
    pub carried_over: FundsRow,
    /// 其他资金
    pub other: FundsRow,
}

impl Funds {
    pub fn row(&self, line: FundsLine) -> &FundsRow {
        match line {
            FundsLine::Total => &self.total,
            FundsLine::CurrentAppropriation => &self.current_appropriation,
            FundsLine::CarriedOver => &self.carried_over,
            FundsLine::Other => &self.other,
        }
    }

    pub fn row_mut(&mut self, line: FundsLine) -> &mut FundsRow {
        match line {
            FundsLine::Total => &mut self.total,
            FundsLine::CurrentAppropriation => &mut self.current_appropriation,
            FundsLine::CarriedOver => &mut self.carried_over,
            FundsLine::Other => &mut self.other,
        }
    }
}

/// 指标性质: how an indicator's actual value is compared with its target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// 正向 ≥ (or > when `strict`)
    #[default]
    AtLeast,
    /// 正向 >
    MoreThan,
    /// 反向 ≤
    AtMost,
    /// 反向 <
    LessThan,
    /// 等于 =
    Equal,
    /// 区间/偏差 ±x: the target is x, the actual is a deviation
    Deviation,
    /// 定性: 达成 / 部分达成 / 未达成
    Qualitative,
    /// 满意度: a rate in %
    Satisfaction,
    /// 时效 as a deadline: the target is a date or a month ("11月底前完成",
    /// "2023年6月30日前"), met when the actual date is on or before it.
    Deadline,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 9] = [
        IndicatorKind::AtLeast,
        IndicatorKind::MoreThan,
        IndicatorKind::AtMost,
        IndicatorKind::LessThan,
        IndicatorKind::Equal,
        IndicatorKind::Deviation,
        IndicatorKind::Qualitative,
        IndicatorKind::Satisfaction,
        IndicatorKind::Deadline,
    ];

    /// The name users see, in the editor and in the 体检's messages.
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::AtLeast => "≥ 正向",
            IndicatorKind::MoreThan => "> 正向",
            IndicatorKind::AtMost => "≤ 反向",
            IndicatorKind::LessThan => "< 反向",
            IndicatorKind::Equal => "= 等于",
            IndicatorKind::Deviation => "± 区间/偏差",
            IndicatorKind::Qualitative => "定性",
            IndicatorKind::Satisfaction => "满意度",
            IndicatorKind::Deadline => "时限（日期）",
        }
    }

    /// The stable key stored in files (the serde variant name).
    pub fn key(self) -> &'static str {
        match self {
            IndicatorKind::AtLeast => "AtLeast",
            IndicatorKind::MoreThan => "MoreThan",
            IndicatorKind::AtMost => "AtMost",
            IndicatorKind::LessThan => "LessThan",
            IndicatorKind::Equal => "Equal",
            IndicatorKind::Deviation => "Deviation",
            IndicatorKind::Qualitative => "Qualitative",
            IndicatorKind::Satisfaction => "Satisfaction",
            IndicatorKind::Deadline => "Deadline",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// 定性 grade the user picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QualitativeGrade {
    /// 达成年度指标
    Achieved,
    /// 部分达成年度指标并具有一定效果
    PartlyAchieved,
    /// 未达成年度指标且效果较差
    NotAchieved,
}

impl QualitativeGrade {
    pub const ALL: [QualitativeGrade; 3] = [
        QualitativeGrade::Achieved,
        QualitativeGrade::PartlyAchieved,
        QualitativeGrade::NotAchieved,
    ];

    /// The grade as 10号 words it.
    pub fn label(self) -> &'static str {
        match self {
            QualitativeGrade::Achieved => "达成年度指标",
            QualitativeGrade::PartlyAchieved => "部分达成年度指标并具有一定效果",
            QualitativeGrade::NotAchieved => "未达成年度指标且效果较差",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            QualitativeGrade::Achieved => "Achieved",
            QualitativeGrade::PartlyAchieved => "PartlyAchieved",
            QualitativeGrade::NotAchieved => "NotAchieved",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|grade| grade.key() == key)
    }
}

/// A 三级指标.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable key for lists and DOM ids; unique within the project.
    pub id: u64,
    /// 三级指标 name
    pub name: String,
    /// 指标性质
    pub kind: IndicatorKind,
    /// 年度指标值 (for 定性: free text describing the target)
    pub target: NumberText,
    /// 计量单位 (台, %, 小时, 天, 万元 …)
    pub unit: String,
    /// 实际完成值 (for 定性: free text; the grade is `qualitative_grade`)
    pub actual: NumberText,
    /// 分值
    pub weight: NumberText,
    /// 定性 only
    pub qualitative_grade: Option<QualitativeGrade>,
    /// 定性 only: the score within the grade's band; blank = suggested score
    pub qualitative_score: NumberText,
    /// 偏差原因分析及改进措施
    pub deviation_reason: String,
    /// Points the user takes off an over-achieved indicator whose target was set
    /// too low (10号 第十六条 "适度调减"); blank = none. Never adds points.
    pub over_achievement_reduction: NumberText,
    /// 表中得分: the score an imported table printed for this indicator, kept
    /// as found so the 体检 can compare it with the rules' score; blank when
    /// the indicator was not imported with one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stated_score: String,
    /// A 定性 grade jixiao read from the table instead of one the user
    /// picked (`grades`): why, so it can be shown and taken back. Picking a
    /// grade clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_grade: Option<InferredGrade>,
    /// 目标调整: each approved change of the target or 分值 during the year,
    /// oldest first. `target` and `weight` always hold the adjusted values
    /// (what is scored); the first change of each keeps the original.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<Adjustment>,
    /// What 财预〔2021〕101号 asks of each 末级 indicator besides its value
    /// (指标解释, 来源, 设定依据 …): declared with the target, never scored.
    #[serde(default, skip_serializing_if = "IndicatorNotes::is_empty")]
    pub notes: IndicatorNotes,
}

/// The 101号 columns of a 绩效目标申报表 for one indicator, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorNotes {
    /// 指标解释: what it measures, how it is computed, the data scope.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
    /// 指标来源 (政策文件, 部门日常工作 …)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// 指标值设定依据 (计划标准, 行业标准, 历史标准 …)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// 完成值取值方式 (直接证明法, 情况统计法 …)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub method: String,
    /// 数据来源
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_source: String,
    /// 佐证资料
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
}

impl IndicatorNotes {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// The note a field names; `None` for the indicator's other fields.
    pub fn get(&self, field: IndicatorField) -> Option<&String> {
        Some(match field {
            IndicatorField::Explanation => &self.explanation,
            IndicatorField::Source => &self.source,
            IndicatorField::Basis => &self.basis,
            IndicatorField::Method => &self.method,
            IndicatorField::DataSource => &self.data_source,
            IndicatorField::Evidence => &self.evidence,
            _ => return None,
        })
    }

    pub fn get_mut(&mut self, field: IndicatorField) -> Option<&mut String> {
        Some(match field {
            IndicatorField::Explanation => &mut self.explanation,
            IndicatorField::Source => &mut self.source,
            IndicatorField::Basis => &mut self.basis,
            IndicatorField::Method => &mut self.method,
            IndicatorField::DataSource => &mut self.data_source,
            IndicatorField::Evidence => &mut self.evidence,
            _ => return None,
        })
    }
}

/// Why a 定性 grade was read from the table ("表中得分 5/5 → 达成").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InferredGrade {
    pub reason: String,
    /// The table's 得分 was written into the blank 定性得分 with the grade
    /// (taking the grade back blanks it again).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub score_from_table: bool,
}

/// One approved change of an indicator's target and/or 分值. A part that
/// did not change has both its texts empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Adjustment {
    /// As typed, usually "2025-06-30" (the date input's form).
    pub date: String,
    pub target_before: String,
    pub target_after: String,
    pub weight_before: String,
    pub weight_after: String,
    /// 调整原因
    pub reason: String,
    /// 批准文号 (e.g. 某财预〔2025〕12号)
    pub approval: String,
}

/// 运行监控: where the project stood at a cut-off date during the year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Monitoring {
    /// 监控截止日期, "2025-07-31".
    pub cutoff: String,
    /// 截至监控日的执行数 of 年度资金总额 (in the project's money unit).
    pub executed: NumberText,
    /// 全年预计执行数.
    pub forecast: NumberText,
    /// Per indicator, by id; an indicator without an entry is not monitored yet.
    pub indicators: Vec<MonitoredIndicator>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MonitoredIndicator {
    pub id: u64,
    /// 截至目前完成情况 (a figure in the indicator's unit, or words).
    pub progress: NumberText,
    /// 全年预计完成值.
    pub forecast: NumberText,
    /// 偏差原因 category ([`DEVIATION_CAUSES`]); empty = none.
    pub cause: String,
    /// 完成目标可能性.
    pub likelihood: Option<Likelihood>,
    /// 纠偏措施 (and the cause explained).
    pub remedy: String,
}

/// The 偏差原因 categories monitoring forms use (经费保障 … 其他).
pub const DEVIATION_CAUSES: [&str; 5] =
    ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"];

/// 完成目标可能性.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Likelihood {
    Certain,
    Possible,
    Impossible,
}

impl Likelihood {
    pub const ALL: [Likelihood; 3] = [Self::Certain, Self::Possible, Self::Impossible];

    pub fn label(self) -> &'static str {
        match self {
            Self::Certain => "确定能",
            Self::Possible => "有可能",
            Self::Impossible => "完全不可能",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Certain => "certain",
            Self::Possible => "possible",
            Self::Impossible => "impossible",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.key() == key)
    }
}

/// A 二级指标 with its 三级 indicators.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level2 {
    pub name: String,
    /// 二级 weight; blank = the sum of its indicators' 分值
    pub weight: NumberText,
    pub indicators: Vec<Indicator>,
    /// 不适用: the 申报表 says this 二级 does not apply to the project. It is
    /// shown and printed as such, never scored nor counted as missing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
}

impl Level2 {
    /// Whether the 二级 is there for the checks that ask for one (or for
    /// its 一级): it has 三级指标, or the 申报表 declares it 不适用, which
    /// answers the question as much as indicators would.
    pub fn is_settled(&self) -> bool {
        self.not_applicable || !self.indicators.is_empty()
    }
}

/// A 一级指标 with its 二级 groups.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level1 {
    pub name: String,
    /// 一级 weight; blank = the sum of its groups
    pub weight: NumberText,
    pub groups: Vec<Level2>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub schema_version: u32,
    /// Stable id, unique in this browser (also the storage key suffix).
    pub id: String,
    /// 项目名称
    pub name: String,
    /// 主管部门
    pub department: String,
    /// 实施单位
    pub implementer: String,
    /// 年度
    pub year: String,
    /// 项目负责人
    pub leader: String,
    /// 联系电话
    pub phone: String,
    /// 项目背景
    pub background: String,
    /// 年度总体目标：预期目标
    pub goal_expected: String,
    /// 年度总体目标：实际完成情况
    pub goal_actual: String,
    pub money_unit: MoneyUnit,
    pub funds: Funds,
    pub indicators: Vec<Level1>,
    /// 存在的主要问题及原因分析, one item each
    pub problems: Vec<String>,
    /// 下一步改进措施, one item each
    pub improvements: Vec<String>,
    /// 其他需要说明的问题
    pub other_notes: String,
    /// The rule set this project is scored with (a copy, so editing it never
    /// changes another project).
    pub rules: RuleSet,
    /// Last edit, in milliseconds since 1970 (shown in the project list).
    #[serde(default)]
    pub updated_at: f64,
    /// How the report is composed; records saved before reports existed load with the defaults.
    #[serde(default)]
    pub report: ReportSettings,
    /// The figures an imported table printed itself (表中得分), kept to be
    /// checked; empty for projects entered here.
    #[serde(default, skip_serializing_if = "StatedScores::is_empty")]
    pub stated: StatedScores,
    /// Last year's project this one was copied from (年度复制), as it stood
    /// when copied: its score and its indicators' targets and actuals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<PriorYear>,
    /// 运行监控 during the year; `None` until monitoring starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    /// 绩效目标审核: a reviewer's decisions and opinions, carried back to
    /// the unit with the project; `None` until someone reviews it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<super::review::Review>,
    /// The 绩效目标申报表's own fields (项目编码, 实施期限, 政策依据 …).
    /// 年度目标 is `goal_expected`, 申请单位 `implementer`, 一级预算单位
    /// `department`.
    #[serde(default, skip_serializing_if = "Declaration::is_empty")]
    pub declaration: Declaration,
}

/// What a 项目支出绩效目标申报表 states about the project beyond the
/// 自评表's header, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    /// 项目编码
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// 实施期限 ("2023年1月-2023年12月", "3年")
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
    /// 项目类型 (经常性项目, 一次性项目 …)
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub project_type: String,
    /// 是否新增 as typed or imported ("是", "否", "延续项目", "否（延续）");
    /// empty when the form does not say. Builds before this kept a boolean,
    /// read as 是/否.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "yes_no_or_text"
    )]
    pub is_new: String,
    /// 项目总金额, in the project's money unit.
    #[serde(default, skip_serializing_if = "NumberText::is_empty")]
    pub total_amount: NumberText,
    /// 本年度项目金额, in the project's money unit.
    #[serde(default, skip_serializing_if = "NumberText::is_empty")]
    pub year_amount: NumberText,
    /// 政策依据
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub policy_basis: String,
    /// 测算依据
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cost_basis: String,
    /// 长期目标
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub long_term_goal: String,
}

impl Declaration {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// 是否新增 as stored: the text, or the `true`/`false` (是/否) of records
/// written by the builds that kept a boolean, or `null` (not said).
fn yes_no_or_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Flag(bool),
        Text(String),
    }
    Ok(match Option::<Stored>::deserialize(d)? {
        Some(Stored::Flag(true)) => "是".to_string(),
        Some(Stored::Flag(false)) => "否".to_string(),
        Some(Stored::Text(text)) => text,
        None => String::new(),
    })
}

/// What a year's copy keeps of the project it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriorYear {
    pub id: String,
    pub year: String,
    /// 总分 as printed ("95.50") and 等级 ("优").
    pub total: String,
    pub grade: String,
    /// Per indicator (by id, kept in the copy): last year's target and actual.
    pub indicators: Vec<PriorIndicator>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PriorIndicator {
    pub id: u64,
    pub target: String,
    pub actual: String,
}

/// 表中得分 of a whole table: its 总分 and 预算执行率 得分, as found, and
/// where they were found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StatedScores {
    pub total: String,
    pub execution: String,
    /// "文件名 · 工作表 · A1:I30".
    pub source: String,
}

impl StatedScores {
    pub fn is_empty(&self) -> bool {
        self.total.is_empty() && self.execution.is_empty() && self.source.is_empty()
    }
}

impl Default for Project {
    fn default() -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            id: String::new(),
            name: String::new(),
            department: String::new(),
            implementer: String::new(),
            year: String::new(),
            leader: String::new(),
            phone: String::new(),
            background: String::new(),
            goal_expected: String::new(),
            goal_actual: String::new(),
            money_unit: MoneyUnit::default(),
            funds: Funds::default(),
            indicators: Vec::new(),
            problems: Vec::new(),
            improvements: Vec::new(),
            other_notes: String::new(),
            rules: RuleSet::default(),
            updated_at: 0.0,
            report: ReportSettings::default(),
            stated: StatedScores::default(),
            prior: None,
            monitoring: None,
            review: None,
            declaration: Declaration::default(),
        }
    }
}

/// The outline a report follows (see `report::compose`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportTemplate {
    /// 县级自评报告, the outline of the example report.
    #[default]
    CountyA,
    /// 财政部评价报告参考提纲 (财预〔2020〕10号 附3).
    MinistryB,
}

/// The user's choices for the report, stored with the project.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    pub template: ReportTemplate,
    /// Paragraph id → the user's text, which replaces the drafted one. Kept
    /// verbatim: an edit is never merged with a later draft.
    pub edits: BTreeMap<String, String>,
    pub show_signature: bool,
    /// 落款单位; blank = 实施单位.
    pub signature_unit: String,
    /// 落款日期, as typed.
    pub signature_date: String,
    /// Whether the report view lists the 体检 findings beside the text.
    pub show_checks: bool,
}

impl Project {
    /// The text of a header field, as typed.
    pub fn header(&self, field: HeaderField) -> &String {
        let d = &self.declaration;
        match field {
            HeaderField::Name => &self.name,
            HeaderField::Department => &self.department,
            HeaderField::Implementer => &self.implementer,
            HeaderField::Year => &self.year,
            HeaderField::Leader => &self.leader,
            HeaderField::Phone => &self.phone,
            HeaderField::Background => &self.background,
            HeaderField::GoalExpected => &self.goal_expected,
            HeaderField::GoalActual => &self.goal_actual,
            HeaderField::OtherNotes => &self.other_notes,
            HeaderField::Code => &d.code,
            HeaderField::Period => &d.period,
            HeaderField::ProjectType => &d.project_type,
            HeaderField::IsNew => &d.is_new,
            HeaderField::TotalAmount => &d.total_amount.0,
            HeaderField::YearAmount => &d.year_amount.0,
            HeaderField::PolicyBasis => &d.policy_basis,
            HeaderField::CostBasis => &d.cost_basis,
            HeaderField::LongTermGoal => &d.long_term_goal,
        }
    }

    pub fn header_mut(&mut self, field: HeaderField) -> &mut String {
        let d = &mut self.declaration;
        match field {
            HeaderField::Name => &mut self.name,
            HeaderField::Department => &mut self.department,
            HeaderField::Implementer => &mut self.implementer,
            HeaderField::Year => &mut self.year,
            HeaderField::Leader => &mut self.leader,
            HeaderField::Phone => &mut self.phone,
            HeaderField::Background => &mut self.background,
            HeaderField::GoalExpected => &mut self.goal_expected,
            HeaderField::GoalActual => &mut self.goal_actual,
            HeaderField::OtherNotes => &mut self.other_notes,
            HeaderField::Code => &mut d.code,
            HeaderField::Period => &mut d.period,
            HeaderField::ProjectType => &mut d.project_type,
            HeaderField::IsNew => &mut d.is_new,
            HeaderField::TotalAmount => &mut d.total_amount.0,
            HeaderField::YearAmount => &mut d.year_amount.0,
            HeaderField::PolicyBasis => &mut d.policy_basis,
            HeaderField::CostBasis => &mut d.cost_basis,
            HeaderField::LongTermGoal => &mut d.long_term_goal,
        }
    }

    /// A funds figure in the project's money unit, when it is one.
    pub fn amount(&self, line: FundsLine, column: FundsColumn) -> Option<f64> {
        self.money_unit.figure(self.funds.row(line).cell(column))
    }

    pub fn items(&self, list: ItemList) -> &Vec<String> {
        match list {
            ItemList::Problems => &self.problems,
            ItemList::Improvements => &self.improvements,
        }
    }

    pub fn items_mut(&mut self, list: ItemList) -> &mut Vec<String> {
        match list {
            ItemList::Problems => &mut self.problems,
            ItemList::Improvements => &mut self.improvements,
        }
    }

    /// Every indicator in table order with its (一级, 二级, 三级) indices.
    pub fn indicators_in_order(&self) -> impl Iterator<Item = ((usize, usize, usize), &Indicator)> {
        self.indicators.iter().enumerate().flat_map(|(i, l1)| {
            l1.groups.iter().enumerate().flat_map(move |(j, l2)| {
                l2.indicators
                    .iter()
                    .enumerate()
                    .map(move |(k, ind)| ((i, j, k), ind))
            })
        })
    }

    /// An id not yet used by any indicator.
    pub fn next_indicator_id(&self) -> u64 {
        self.indicators_in_order()
            .map(|(_, ind)| ind.id)
            .max()
            .map_or(1, |max| max + 1)
    }
}
