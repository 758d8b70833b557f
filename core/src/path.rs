//! Where in the document a field is: a typed path, used by the 体检 to point
//! at the field it is about and by the editor to find that field again.
//!
//! Its text form (`Display` / `FromStr`) is the dotted path the editor also
//! derives its DOM ids from: `name`, `funds.total.executed`,
//! `indicators.0.weight` (一级), `indicators.0.1.name` (二级),
//! `indicator.7.actual` (the 三级指标 with id 7, wherever it sits),
//! `problems.0`, `improvements.2`, `indicators` (the tree as a whole),
//! `total`, `rules`, `report.<paragraph id>`, and the 运行监控 form's
//! `monitoring.cutoff` and `monitoring.indicator.7.progress`.
//!
//! A leaf of the core: it imports nothing, so the document, the checks and
//! the views can all name fields without depending on one another.

use std::fmt;
use std::str::FromStr;

/// A row of the 附1 funds block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FundsLine {
    /// 年度资金总额
    Total,
    /// 其中：当年财政拨款
    CurrentAppropriation,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
}

impl FundsLine {
    pub const ALL: [FundsLine; 4] = [
        FundsLine::Total,
        FundsLine::CurrentAppropriation,
        FundsLine::CarriedOver,
        FundsLine::Other,
    ];
    /// The three 其中 rows, which must add up to [`FundsLine::Total`].
    pub const PARTS: [FundsLine; 3] = [
        FundsLine::CurrentAppropriation,
        FundsLine::CarriedOver,
        FundsLine::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FundsLine::Total => "total",
            FundsLine::CurrentAppropriation => "current_appropriation",
            FundsLine::CarriedOver => "carried_over",
            FundsLine::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsLine::Total => "年度资金总额",
            FundsLine::CurrentAppropriation => "当年财政拨款",
            FundsLine::CarriedOver => "上年结转资金",
            FundsLine::Other => "其他资金",
        }
    }

    /// The label as the 自评表 prints it: the first part row says 其中.
    pub fn table_label(self) -> String {
        match self {
            FundsLine::CurrentAppropriation => format!("其中：{}", self.label()),
            _ => self.label().to_string(),
        }
    }
}

/// A column of the 附1 funds block that the user fills in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FundsColumn {
    /// 年初预算数
    Initial,
    /// 全年预算数
    Annual,
    /// 全年执行数
    Executed,
}

impl FundsColumn {
    pub const ALL: [FundsColumn; 3] = [
        FundsColumn::Initial,
        FundsColumn::Annual,
        FundsColumn::Executed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            FundsColumn::Initial => "initial_budget",
            FundsColumn::Annual => "annual_budget",
            FundsColumn::Executed => "executed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FundsColumn::Initial => "年初预算数",
            FundsColumn::Annual => "全年预算数",
            FundsColumn::Executed => "全年执行数",
        }
    }
}

/// A single text field of the project (header, goals, notes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeaderField {
    Name,
    Department,
    Implementer,
    Year,
    Leader,
    Phone,
    Background,
    GoalExpected,
    GoalActual,
    OtherNotes,
    /// 项目编码 (`Project::declaration` from here on)
    Code,
    /// 实施期限
    Period,
    /// 项目类型
    ProjectType,
    /// 是否新增: its text is 是, 否 or empty.
    IsNew,
    /// 项目总金额
    TotalAmount,
    /// 本年度项目金额
    YearAmount,
    /// 政策依据
    PolicyBasis,
    /// 测算依据
    CostBasis,
    /// 长期目标
    LongTermGoal,
}

impl HeaderField {
    /// The one-line fields of the 自评表's header.
    pub const LINES: [HeaderField; 6] = [
        HeaderField::Name,
        HeaderField::Department,
        HeaderField::Implementer,
        HeaderField::Year,
        HeaderField::Leader,
        HeaderField::Phone,
    ];
    /// The 绩效目标申报表's own fields (`Project::declaration`), in the
    /// order the form prints them.
    pub const DECLARATION: [HeaderField; 9] = [
        HeaderField::Code,
        HeaderField::Period,
        HeaderField::ProjectType,
        HeaderField::IsNew,
        HeaderField::TotalAmount,
        HeaderField::YearAmount,
        HeaderField::PolicyBasis,
        HeaderField::CostBasis,
        HeaderField::LongTermGoal,
    ];
    pub const ALL: [HeaderField; 19] = [
        HeaderField::Name,
        HeaderField::Department,
        HeaderField::Implementer,
        HeaderField::Year,
        HeaderField::Leader,
        HeaderField::Phone,
        HeaderField::Background,
        HeaderField::GoalExpected,
        HeaderField::GoalActual,
        HeaderField::OtherNotes,
        HeaderField::Code,
        HeaderField::Period,
        HeaderField::ProjectType,
        HeaderField::IsNew,
        HeaderField::TotalAmount,
        HeaderField::YearAmount,
        HeaderField::PolicyBasis,
        HeaderField::CostBasis,
        HeaderField::LongTermGoal,
    ];

    pub fn key(self) -> &'static str {
        match self {
            HeaderField::Name => "name",
            HeaderField::Department => "department",
            HeaderField::Implementer => "implementer",
            HeaderField::Year => "year",
            HeaderField::Leader => "leader",
            HeaderField::Phone => "phone",
            HeaderField::Background => "background",
            HeaderField::GoalExpected => "goal_expected",
            HeaderField::GoalActual => "goal_actual",
            HeaderField::OtherNotes => "other_notes",
            HeaderField::Code => "code",
            HeaderField::Period => "period",
            HeaderField::ProjectType => "project_type",
            HeaderField::IsNew => "is_new",
            HeaderField::TotalAmount => "total_amount",
            HeaderField::YearAmount => "year_amount",
            HeaderField::PolicyBasis => "policy_basis",
            HeaderField::CostBasis => "cost_basis",
            HeaderField::LongTermGoal => "long_term_goal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HeaderField::Name => "项目名称",
            HeaderField::Department => "主管部门",
            HeaderField::Implementer => "实施单位",
            HeaderField::Year => "年度",
            HeaderField::Leader => "项目负责人",
            HeaderField::Phone => "联系电话",
            HeaderField::Background => "项目背景",
            HeaderField::GoalExpected => "预期目标",
            HeaderField::GoalActual => "实际完成情况",
            HeaderField::OtherNotes => "其他需要说明的问题",
            HeaderField::Code => "项目编码",
            HeaderField::Period => "实施期限",
            HeaderField::ProjectType => "项目类型",
            HeaderField::IsNew => "是否新增",
            HeaderField::TotalAmount => "项目总金额",
            HeaderField::YearAmount => "本年度项目金额",
            HeaderField::PolicyBasis => "政策依据",
            HeaderField::CostBasis => "测算依据",
            HeaderField::LongTermGoal => "长期目标",
        }
    }
}

/// A field of a 一级 or 二级 group row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupField {
    Name,
    Weight,
    /// A 二级's 不适用 (its text is 是 or empty); a 一级 has none.
    NotApplicable,
}

impl GroupField {
    fn key(self) -> &'static str {
        match self {
            GroupField::Name => "name",
            GroupField::Weight => "weight",
            GroupField::NotApplicable => "not_applicable",
        }
    }
}

/// A field of a 三级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorField {
    Name,
    Kind,
    Target,
    Unit,
    Actual,
    Weight,
    QualitativeGrade,
    QualitativeScore,
    DeviationReason,
    OverAchievementReduction,
    /// 指标解释 (`Indicator::notes` from here on)
    Explanation,
    /// 指标来源
    Source,
    /// 指标值设定依据
    Basis,
    /// 完成值取值方式
    Method,
    /// 数据来源
    DataSource,
    /// 佐证资料
    Evidence,
}

impl IndicatorField {
    /// The 101号 notes of an indicator, in the 申报表's order.
    pub const NOTES: [IndicatorField; 6] = [
        IndicatorField::Explanation,
        IndicatorField::Source,
        IndicatorField::Basis,
        IndicatorField::Method,
        IndicatorField::DataSource,
        IndicatorField::Evidence,
    ];
    pub const ALL: [IndicatorField; 16] = [
        IndicatorField::Name,
        IndicatorField::Kind,
        IndicatorField::Target,
        IndicatorField::Unit,
        IndicatorField::Actual,
        IndicatorField::Weight,
        IndicatorField::QualitativeGrade,
        IndicatorField::QualitativeScore,
        IndicatorField::DeviationReason,
        IndicatorField::OverAchievementReduction,
        IndicatorField::Explanation,
        IndicatorField::Source,
        IndicatorField::Basis,
        IndicatorField::Method,
        IndicatorField::DataSource,
        IndicatorField::Evidence,
    ];

    pub fn key(self) -> &'static str {
        match self {
            IndicatorField::Name => "name",
            IndicatorField::Kind => "kind",
            IndicatorField::Target => "target",
            IndicatorField::Unit => "unit",
            IndicatorField::Actual => "actual",
            IndicatorField::Weight => "weight",
            IndicatorField::QualitativeGrade => "qualitative_grade",
            IndicatorField::QualitativeScore => "qualitative_score",
            IndicatorField::DeviationReason => "deviation_reason",
            IndicatorField::OverAchievementReduction => "over_achievement_reduction",
            IndicatorField::Explanation => "explanation",
            IndicatorField::Source => "source",
            IndicatorField::Basis => "basis",
            IndicatorField::Method => "method",
            IndicatorField::DataSource => "data_source",
            IndicatorField::Evidence => "evidence",
        }
    }

    /// The label of a note field (the 申报表's column header); `None` for
    /// the 自评表's own fields, which the grid labels.
    pub fn note_label(self) -> Option<&'static str> {
        Some(match self {
            IndicatorField::Explanation => "指标解释",
            IndicatorField::Source => "指标来源",
            IndicatorField::Basis => "指标值设定依据",
            IndicatorField::Method => "完成值取值方式",
            IndicatorField::DataSource => "数据来源",
            IndicatorField::Evidence => "佐证资料",
            _ => return None,
        })
    }
}

/// The two item lists of the report's sections 三 and 四.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemList {
    /// 存在的主要问题及原因分析
    Problems,
    /// 下一步改进措施
    Improvements,
}

impl ItemList {
    pub fn key(self) -> &'static str {
        match self {
            ItemList::Problems => "problems",
            ItemList::Improvements => "improvements",
        }
    }
}

/// A field of the 运行监控 form: the form's own fields, then those of an
/// indicator's row (by indicator id, as [`FieldPath::Indicator`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MonitorField {
    Cutoff,
    Executed,
    Forecast,
    Progress(u64),
    IndicatorForecast(u64),
    Cause(u64),
    /// The likelihood's key (`Likelihood::key`), or "" for none.
    Likelihood(u64),
    Remedy(u64),
}

impl MonitorField {
    /// The fields that are not an indicator's.
    const OWN: [MonitorField; 3] = [
        MonitorField::Cutoff,
        MonitorField::Executed,
        MonitorField::Forecast,
    ];

    /// The indicator whose row the field is in.
    pub fn indicator(self) -> Option<u64> {
        match self {
            MonitorField::Cutoff | MonitorField::Executed | MonitorField::Forecast => None,
            MonitorField::Progress(id)
            | MonitorField::IndicatorForecast(id)
            | MonitorField::Cause(id)
            | MonitorField::Likelihood(id)
            | MonitorField::Remedy(id) => Some(id),
        }
    }

    /// The last part of its path; a row's `forecast` is told from the
    /// form's by the `indicator.<id>` before it.
    fn key(self) -> &'static str {
        match self {
            MonitorField::Cutoff => "cutoff",
            MonitorField::Executed => "executed",
            MonitorField::Forecast | MonitorField::IndicatorForecast(_) => "forecast",
            MonitorField::Progress(_) => "progress",
            MonitorField::Cause(_) => "cause",
            MonitorField::Likelihood(_) => "likelihood",
            MonitorField::Remedy(_) => "remedy",
        }
    }

    fn of_indicator(id: u64, key: &str) -> Option<MonitorField> {
        [
            MonitorField::Progress(id),
            MonitorField::IndicatorForecast(id),
            MonitorField::Cause(id),
            MonitorField::Likelihood(id),
            MonitorField::Remedy(id),
        ]
        .into_iter()
        .find(|field| field.key() == key)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FieldPath {
    Header(HeaderField),
    Funds(FundsLine, FundsColumn),
    /// A 一级指标 by position.
    Level1(usize, GroupField),
    /// A 二级指标 by (一级, 二级) position.
    Level2(usize, usize, GroupField),
    /// A 三级指标 by id: the path follows the row when rows move.
    Indicator(u64, IndicatorField),
    Item(ItemList, usize),
    /// The indicator tree as a whole (weight sums, a missing 一级).
    Tree,
    /// The total score and grade.
    Total,
    /// The rule set.
    Rules,
    /// An edited report paragraph, by paragraph id.
    Report(String),
    /// A field of the 运行监控 form.
    Monitoring(MonitorField),
}

impl FieldPath {
    /// The id of the editor element for this field: `f-` and the path with
    /// dots as dashes (ids stay valid CSS selectors).
    pub fn dom_id(&self) -> String {
        format!("f-{}", self.to_string().replace('.', "-"))
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Header(field) => f.write_str(field.key()),
            FieldPath::Funds(line, column) => {
                write!(f, "funds.{}.{}", line.key(), column.key())
            }
            FieldPath::Level1(i, field) => write!(f, "indicators.{i}.{}", field.key()),
            FieldPath::Level2(i, j, field) => write!(f, "indicators.{i}.{j}.{}", field.key()),
            FieldPath::Indicator(id, field) => write!(f, "indicator.{id}.{}", field.key()),
            FieldPath::Item(list, n) => write!(f, "{}.{n}", list.key()),
            FieldPath::Tree => f.write_str("indicators"),
            FieldPath::Total => f.write_str("total"),
            FieldPath::Rules => f.write_str("rules"),
            FieldPath::Report(paragraph) => write!(f, "report.{paragraph}"),
            FieldPath::Monitoring(field) => match field.indicator() {
                None => write!(f, "monitoring.{}", field.key()),
                Some(id) => write!(f, "monitoring.indicator.{id}.{}", field.key()),
            },
        }
    }
}

/// A path text that names no field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPath(pub String);

impl fmt::Display for UnknownPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown field path `{}`", self.0)
    }
}

/// A decimal index written the one canonical way (`01`, `+1` are not indices).
fn index<T: FromStr + ToString>(text: &str) -> Option<T> {
    text.parse().ok().filter(|n: &T| n.to_string() == text)
}

fn find_key<T: Copy>(all: &[T], key: fn(T) -> &'static str, text: &str) -> Option<T> {
    all.iter().copied().find(|item| key(*item) == text)
}

const GROUP_FIELDS: [GroupField; 3] = [
    GroupField::Name,
    GroupField::Weight,
    GroupField::NotApplicable,
];

impl FromStr for FieldPath {
    type Err = UnknownPath;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unknown = || UnknownPath(text.to_string());
        if let Some(paragraph) = text.strip_prefix("report.") {
            return if paragraph.is_empty() {
                Err(unknown())
            } else {
                Ok(FieldPath::Report(paragraph.to_string()))
            };
        }
        let parts: Vec<&str> = text.split('.').collect();
        let path = match parts.as_slice() {
            ["indicators"] => Some(FieldPath::Tree),
            ["total"] => Some(FieldPath::Total),
            ["rules"] => Some(FieldPath::Rules),
            [one] => find_key(&HeaderField::ALL, HeaderField::key, one).map(FieldPath::Header),
            ["funds", line, column] => find_key(&FundsLine::ALL, FundsLine::key, line)
                .zip(find_key(&FundsColumn::ALL, FundsColumn::key, column))
                .map(|(l, c)| FieldPath::Funds(l, c)),
            ["problems", n] => index(n).map(|n| FieldPath::Item(ItemList::Problems, n)),
            ["improvements", n] => index(n).map(|n| FieldPath::Item(ItemList::Improvements, n)),
            ["indicators", i, field] => index(i)
                .zip(find_key(&GROUP_FIELDS, GroupField::key, field))
                .map(|(i, f)| FieldPath::Level1(i, f)),
            ["indicators", i, j, field] => index(i)
                .zip(index(j))
                .zip(find_key(&GROUP_FIELDS, GroupField::key, field))
                .map(|((i, j), f)| FieldPath::Level2(i, j, f)),
            ["indicator", id, field] => index(id)
                .zip(find_key(&IndicatorField::ALL, IndicatorField::key, field))
                .map(|(id, f)| FieldPath::Indicator(id, f)),
            ["monitoring", field] => {
                find_key(&MonitorField::OWN, MonitorField::key, field).map(FieldPath::Monitoring)
            }
            ["monitoring", "indicator", id, field] => index(id)
                .and_then(|id| MonitorField::of_indicator(id, field))
                .map(FieldPath::Monitoring),
            _ => None,
        };
        path.ok_or_else(unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind_of_path() -> Vec<FieldPath> {
        let mut all: Vec<FieldPath> = HeaderField::ALL
            .into_iter()
            .map(FieldPath::Header)
            .collect();
        for line in FundsLine::ALL {
            for column in FundsColumn::ALL {
                all.push(FieldPath::Funds(line, column));
            }
        }
        for field in GROUP_FIELDS {
            all.push(FieldPath::Level1(3, field));
            all.push(FieldPath::Level2(0, 12, field));
        }
        for field in IndicatorField::ALL {
            all.push(FieldPath::Indicator(42, field));
        }
        all.extend([
            FieldPath::Item(ItemList::Problems, 0),
            FieldPath::Item(ItemList::Improvements, 7),
            FieldPath::Tree,
            FieldPath::Total,
            FieldPath::Rules,
            FieldPath::Report("indicator.7".to_string()),
            FieldPath::Report("level2.0.1".to_string()),
        ]);
        all.extend(MonitorField::OWN.map(FieldPath::Monitoring));
        for id in [0, 42] {
            all.extend(
                [
                    MonitorField::Progress(id),
                    MonitorField::IndicatorForecast(id),
                    MonitorField::Cause(id),
                    MonitorField::Likelihood(id),
                    MonitorField::Remedy(id),
                ]
                .map(FieldPath::Monitoring),
            );
        }
        all
    }

    #[test]
    fn every_path_reads_back_from_its_text() {
        for path in every_kind_of_path() {
            let text = path.to_string();
            assert_eq!(text.parse::<FieldPath>(), Ok(path.clone()), "{text}");
        }
    }

    #[test]
    fn texts_are_the_documented_ones() {
        assert_eq!(
            FieldPath::Funds(FundsLine::Total, FundsColumn::Executed).to_string(),
            "funds.total.executed"
        );
        assert_eq!(
            FieldPath::Level1(0, GroupField::Weight).to_string(),
            "indicators.0.weight"
        );
        assert_eq!(
            FieldPath::Level2(0, 1, GroupField::Name).to_string(),
            "indicators.0.1.name"
        );
        assert_eq!(
            FieldPath::Indicator(7, IndicatorField::Actual).to_string(),
            "indicator.7.actual"
        );
        assert_eq!(
            FieldPath::Indicator(7, IndicatorField::Actual).dom_id(),
            "f-indicator-7-actual"
        );
        assert_eq!(FieldPath::Header(HeaderField::Name).dom_id(), "f-name");
        assert_eq!(
            FieldPath::Monitoring(MonitorField::Cutoff).to_string(),
            "monitoring.cutoff"
        );
        assert_eq!(
            FieldPath::Monitoring(MonitorField::IndicatorForecast(7)).to_string(),
            "monitoring.indicator.7.forecast"
        );
    }

    #[test]
    fn malformed_texts_are_refused() {
        for bad in [
            "",
            "nope",
            "funds.total",
            "funds.x.executed",
            "indicators.01.weight",
            "indicators.+1.name",
            "indicators.0.1.2.actual",
            "indicator.x.actual",
            "indicator.1.colour",
            "problems.",
            "report.",
            "monitoring",
            "monitoring.progress",
            "monitoring.indicator.7",
            "monitoring.indicator.7.cutoff",
            "monitoring.indicator.07.progress",
        ] {
            assert!(bad.parse::<FieldPath>().is_err(), "{bad}");
        }
    }
}
