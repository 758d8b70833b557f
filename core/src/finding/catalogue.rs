//! The one list of the 体检's rules: every finding names one of them.
//!
//! A rule id is dotted lowercase, `area.subject.condition`, each part
//! `snake_case` ASCII (`funds.executed.over_budget`): the area is the part
//! of the form or the check it belongs to (`header`, `funds`, `weights`,
//! `indicator`, `framework`, `narrative`, `outcome`, `stated`,
//! `adjustment`, `continuity`, `prose`, `report`, `monitor`, `rules`,
//! `number`, `target`: the review of a 绩效目标申报表). Ids are stable: a file, an export or a region's own rule set
//! may name them, so a rule that changes what it checks gets a new id,
//! never a reused one.
//!
//! Each entry says what the rule checks, what to do about it, its severity
//! and category, the stages of the year it applies at and the parameters
//! (rule-set fields) it reads. The list sits below every check (the prose
//! scanner, the monitoring lights, the report's paragraph checks, the
//! checks of the data) so that each can name its rules, and `Rule::spec`
//! is exhaustive by construction: a finding cannot name a rule that is not
//! listed.

use super::Severity;
use crate::stage::Stage;

/// What kind of problem a rule finds. A closed set, so the 体检 can be
/// filtered by it; the target review (`target.*`, 绩效目标审核) adds 可测性,
/// 可行性 and 清晰性, the dimensions reviewers write their 审核意见 in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// 完整性: something required is blank or missing.
    Completeness,
    /// 规范性: something is not written the way it must be (not a number, a
    /// wrong sign, a unit that does not belong).
    Form,
    /// 一致性: two things that must agree do not (sums, the table and the
    /// text, a table's own scores and the rules).
    Consistency,
    /// 合理性: allowed, but unlikely or likely to be questioned.
    Plausibility,
    /// 延续性: against last year.
    Continuity,
    /// 进度: behind during the year (the monitoring lights).
    Progress,
    /// 可测性: a target that cannot be measured (no figure, no unit, vague words).
    Measurability,
    /// 可行性: a target that cannot be met or judged as set (no deadline,
    /// more cost than money, too few indicators for the money).
    Feasibility,
    /// 清晰性: an indicator named or filed so that a reader misreads it.
    Clarity,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Completeness,
        Category::Form,
        Category::Consistency,
        Category::Plausibility,
        Category::Continuity,
        Category::Progress,
        Category::Measurability,
        Category::Feasibility,
        Category::Clarity,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Category::Completeness => "完整性",
            Category::Form => "规范性",
            Category::Consistency => "一致性",
            Category::Plausibility => "合理性",
            Category::Continuity => "延续性",
            Category::Progress => "进度",
            Category::Measurability => "可测性",
            Category::Feasibility => "可行性",
            Category::Clarity => "清晰性",
        }
    }
}

/// A value a rule reads from the project's rule set, so a region that
/// tunes it changes the rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Param {
    /// The rule-set field, as the rule-set file names it.
    pub key: &'static str,
    pub what: &'static str,
}

/// One rule of the catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleSpec {
    pub rule: Rule,
    pub id: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// The stages of the year the rule applies at.
    pub stages: &'static [Stage],
    /// What it checks, in a sentence.
    pub checks: &'static str,
    /// What to do when it fires.
    pub fix: &'static str,
    pub params: &'static [Param],
}

/// The target review and the form of what is typed apply from the
/// declaration on; 分值, 得分, the grade and every actual only at the
/// self-evaluation (the 体检 leaves out a rule whose first stage the
/// project has not reached).
const EVERY_STAGE: &[Stage] = &Stage::ALL;
const IN_YEAR: &[Stage] = &[Stage::Monitoring];
const ONCE_UNDER_WAY: &[Stage] = &[Stage::Monitoring, Stage::SelfEvaluation];
const YEAR_END: &[Stage] = &[Stage::SelfEvaluation];

const LOW_EXECUTION: Param = Param {
    key: "low_execution_rate",
    what: "预算执行率低于此值（%）为偏低",
};
const OVER_ACHIEVEMENT: Param = Param {
    key: "over_achievement_ratio",
    what: "实际完成值达到目标的此倍数为超额完成",
};
const EXCELLENT: Param = Param {
    key: "grade_thresholds.excellent",
    what: "“优”的分数线：总分达到它而缺少效益或满意度指标时提醒",
};
const LEVEL1_WEIGHTS: Param = Param {
    key: "level1_weights",
    what: "各一级指标原则上的分值",
};
const YELLOW_BEHIND: Param = Param {
    key: "monitoring.yellow_behind",
    what: "落后时间进度达此百分点亮黄灯",
};
const DOCUMENTS: Param = Param {
    key: "review.document_patterns",
    what: "审核口径：政策依据中算作引用文件的模式（《…》、文号）",
};
const COMPUTATION: Param = Param {
    key: "review.computation_patterns",
    what: "审核口径：测算依据中算作计算过程的模式（单价 × 数量）",
};
const STANDARDS: Param = Param {
    key: "review.standard_patterns",
    what: "审核口径：测算依据中算作引用标准的模式",
};
const TOLERANCE: Param = Param {
    key: "review.amount_tolerance",
    what: "审核口径：测算合计与本年度项目金额允许相差的百分比",
};
const REQUIRED_LEVEL2: Param = Param {
    key: "review.required_level2",
    what: "审核口径：每份申报表应有（或标明不适用）的二级指标",
};
const VAGUE: Param = Param {
    key: "review.vague_words",
    what: "审核口径：使指标值不可衡量的模糊用语及建议",
};
const GRADED: Param = Param {
    key: "review.graded_words",
    what: "审核口径：定性指标值可用的等级用语",
};
const DEADLINES: Param = Param {
    key: "review.deadline_patterns",
    what: "审核口径：时效指标中算作时限或期限的用语",
};
const NAME_MAX: Param = Param {
    key: "review.name_max_chars",
    what: "审核口径：三级指标名称的字数上限",
};
const MISFILINGS: Param = Param {
    key: "review.misfilings",
    what: "审核口径：名称与所在二级指标不符的模式（如“率”在数量指标下）",
};
const TIERS: Param = Param {
    key: "review.indicator_tiers",
    what: "审核口径：按本年度项目金额（万元）分档的三级指标最少个数",
};
const RED_BEHIND: Param = Param {
    key: "monitoring.red_behind",
    what: "落后时间进度达此百分点亮红灯",
};

/// Declares the `Rule` enum and `CATALOGUE` from one list, in one order,
/// so an entry and its variant cannot drift apart.
macro_rules! catalogue {
    ($(
        $rule:ident = $id:literal, $severity:ident, $category:ident, $stages:ident,
        $checks:literal, $fix:literal, [$($param:ident),*];
    )*) => {
        /// A rule of the 体检; its facts are `self.spec()`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $($rule,)*
        }

        /// Every rule, in the order of the form.
        pub const CATALOGUE: &[RuleSpec] = &[$(
            RuleSpec {
                rule: Rule::$rule,
                id: $id,
                severity: Severity::$severity,
                category: Category::$category,
                stages: $stages,
                checks: $checks,
                fix: $fix,
                params: &[$($param),*],
            },
        )*];
    };
}

catalogue! {
    RulesInvalid = "rules.rule_set.invalid", Error, Form, EVERY_STAGE,
        "所选规则集本身有误（如超额标准低于 100%、分档重叠）",
        "在“规则”中改正该项，或换用预设规则", [];
    NumberUnreadable = "number.value.unreadable", Error, Form, EVERY_STAGE,
        "数值栏填写的内容不是可识别的数值",
        "改为数字，可带比较符号和单位，如 ≥95%、27.5万元", [];

    HeaderNameBlank = "header.name.blank", Error, Completeness, EVERY_STAGE,
        "项目名称未填写", "填写项目名称", [];
    HeaderDepartmentBlank = "header.department.blank", Hint, Completeness, EVERY_STAGE,
        "主管部门未填写", "填写主管部门", [];
    HeaderImplementerBlank = "header.implementer.blank", Hint, Completeness, EVERY_STAGE,
        "实施单位未填写", "填写实施单位", [];
    HeaderYearBlank = "header.year.blank", Hint, Completeness, EVERY_STAGE,
        "年度未填写", "填写四位数字年份", [];
    HeaderYearMalformed = "header.year.malformed", Warning, Form, EVERY_STAGE,
        "年度不是四位数字年份", "改为四位数字年份，如 2024", [];
    HeaderBackgroundBlank = "header.background.blank", Hint, Completeness, EVERY_STAGE,
        "项目背景未填写（报告中该段空缺）", "填写项目背景", [];
    HeaderGoalExpectedBlank = "header.goal_expected.blank", Hint, Completeness, EVERY_STAGE,
        "年度总体目标（预期目标）未填写", "填写年度总体目标", [];
    HeaderGoalActualBlank = "header.goal_actual.blank", Hint, Completeness, YEAR_END,
        "年度总体目标的实际完成情况未填写", "填写实际完成情况", [];

    FundsAmountNegative = "funds.amount.negative", Error, Plausibility, EVERY_STAGE,
        "资金表的金额为负数", "改为不小于 0 的金额", [];
    FundsAmountComparator = "funds.amount.comparator", Warning, Form, EVERY_STAGE,
        "金额前带有比较符号（≥、≤ 等）", "只填写数字", [];
    FundsAmountConverted = "funds.amount.converted", Hint, Form, EVERY_STAGE,
        "金额写了与资金表不同的货币单位（已换算）", "核对换算后的金额，或按资金表单位填写", [];
    FundsAmountUnitMismatch = "funds.amount.unit_mismatch", Warning, Consistency, EVERY_STAGE,
        "金额写了不是货币单位的单位", "去掉单位，按资金表单位填写金额", [];
    FundsAnnualBudgetBlank = "funds.annual_budget.blank", Error, Completeness, EVERY_STAGE,
        "年度资金总额的全年预算数未填写", "填写全年预算数", [];
    FundsAnnualBudgetZero = "funds.annual_budget.zero", Error, Plausibility, EVERY_STAGE,
        "年度资金总额的全年预算数为 0", "填写实际的全年预算数", [];
    FundsExecutedBlank = "funds.executed.blank", Error, Completeness, YEAR_END,
        "年度资金总额的全年执行数未填写", "填写全年执行数", [];
    FundsInitialBudgetBlank = "funds.initial_budget.blank", Hint, Completeness, EVERY_STAGE,
        "年度资金总额的年初预算数未填写", "填写年初预算数", [];
    FundsSourcesBlank = "funds.sources.blank", Hint, Completeness, EVERY_STAGE,
        "资金来源（当年财政拨款、上年结转、其他资金）未填写", "按来源填写，合计等于年度资金总额", [];
    FundsSourcesSumMismatch = "funds.sources.sum_mismatch", Error, Consistency, EVERY_STAGE,
        "各资金来源之和与年度资金总额不等", "核对各来源或总额，使合计相等", [];
    FundsExecutedOverBudget = "funds.executed.over_budget", Error, Plausibility, YEAR_END,
        "全年执行数超过全年预算数", "核对执行数与预算数（调整后的预算填入全年预算数）", [];
    FundsExecutionRateLow = "funds.execution_rate.low", Hint, Plausibility, YEAR_END,
        "预算执行率低于规则的界线（财预〔2020〕10号第二十六条）", "单独说明原因并制定整改措施",
        [LOW_EXECUTION];

    WeightNegative = "weights.value.negative", Error, Form, EVERY_STAGE,
        "分值为负数", "改为不小于 0 的分值", [];
    WeightsLevel2SumMismatch = "weights.level2.sum_mismatch", Error, Consistency, YEAR_END,
        "二级指标下三级指标分值之和与二级指标分值不等", "调整三级指标分值或二级指标分值", [];
    WeightsLevel1SumMismatch = "weights.level1.sum_mismatch", Error, Consistency, YEAR_END,
        "一级指标下二级指标分值之和与一级指标分值不等", "调整二级指标分值或一级指标分值", [];
    WeightsLevel1DiffersFromRules = "weights.level1.differs_from_rules", Warning, Plausibility, YEAR_END,
        "一级指标分值与所选规则原则上的分值不同", "确认是有意调整，否则按规则设分值", [LEVEL1_WEIGHTS];
    WeightsTotalNot100 = "weights.total.not_100", Error, Consistency, YEAR_END,
        "预算执行率与各一级指标分值合计不是 100 分", "调整分值使合计为 100 分", [];

    FrameworkLevel1Unknown = "framework.level1.unknown", Hint, Form, EVERY_STAGE,
        "一级指标不在所选规则的指标框架内", "改用框架内的一级指标名称，或换用相应规则", [LEVEL1_WEIGHTS];
    FrameworkLevel1Empty = "framework.level1.empty", Warning, Completeness, EVERY_STAGE,
        "一级指标下还没有三级指标", "补充三级指标，或删除该一级指标", [];
    FrameworkBenefitMissing = "framework.benefit.missing", Hint, Completeness, EVERY_STAGE,
        "效益指标未设置或下无三级指标", "补充效益指标", [];
    FrameworkBenefitMissingHighTotal = "framework.benefit.missing_high_total", Warning, Plausibility, YEAR_END,
        "缺少效益指标而总分达到“优”（得分可能虚高）", "补充效益指标", [EXCELLENT];
    FrameworkSatisfactionMissing = "framework.satisfaction.missing", Hint, Completeness, EVERY_STAGE,
        "满意度指标未设置或下无三级指标（规则要求时）", "补充满意度指标", [];
    FrameworkSatisfactionMissingHighTotal = "framework.satisfaction.missing_high_total", Warning, Plausibility, YEAR_END,
        "缺少满意度指标而总分达到“优”（得分可能虚高）", "补充满意度指标", [EXCELLENT];
    Level1NameBlank = "framework.level1_name.blank", Warning, Completeness, EVERY_STAGE,
        "一级指标名称未填写", "填写一级指标名称", [];
    Level2NameBlank = "framework.level2_name.blank", Warning, Completeness, EVERY_STAGE,
        "二级指标名称未填写", "填写二级指标名称", [];

    IndicatorNameBlank = "indicator.name.blank", Warning, Completeness, EVERY_STAGE,
        "三级指标名称未填写", "填写三级指标名称", [];
    IndicatorWeightBlank = "indicator.weight.blank", Error, Completeness, YEAR_END,
        "三级指标的分值未填写", "填写分值", [];
    IndicatorWeightZero = "indicator.weight.zero", Warning, Plausibility, YEAR_END,
        "三级指标的分值为 0，不影响得分", "填写分值，或删除该指标", [];
    IndicatorTargetBlank = "indicator.target.blank", Error, Completeness, EVERY_STAGE,
        "定量指标的年度指标值未填写", "填写年度指标值", [];
    IndicatorTargetKindMismatch = "indicator.target.kind_mismatch", Warning, Consistency, EVERY_STAGE,
        "年度指标值的比较符号与指标性质不符", "改正指标性质或年度指标值，使计分方向一致", [];
    IndicatorDeadlineUnreadable = "indicator.deadline.unreadable", Error, Form, EVERY_STAGE,
        "时限指标的年度指标值不是可识别的日期或月份", "写成日期或月份，如 2023年6月30日前、11月底前完成（只写月份时须填写项目年度）", [];
    IndicatorDeadlineActualNotDate = "indicator.deadline.actual_not_date", Error, Form, YEAR_END,
        "时限指标的实际完成值不是日期，无法判断是否按时", "填写实际完成日期，如 2023年11月20日", [];
    IndicatorUnitBlank = "indicator.unit.blank", Warning, Completeness, EVERY_STAGE,
        "定量指标的计量单位未填写", "填写计量单位，如 台、%、天", [];
    IndicatorSatisfactionOver100 = "indicator.satisfaction.over_100", Warning, Plausibility, EVERY_STAGE,
        "满意度的指标值或完成值超过 100%", "改为不超过 100% 的值", [];
    IndicatorActualBlank = "indicator.actual.blank", Error, Completeness, YEAR_END,
        "定量指标的实际完成值未填写", "填写实际完成值", [];
    IndicatorActualCopiedTarget = "indicator.actual.copied_target", Error, Plausibility, YEAR_END,
        "实际完成值照抄了年度指标值（带比较符号）", "填写实际测得的数值", [];
    IndicatorActualComparator = "indicator.actual.comparator", Error, Form, YEAR_END,
        "实际完成值带有比较符号", "填写实际测得的数值，不带比较符号", [];
    IndicatorActualFractionForRate = "indicator.actual.fraction_for_rate", Warning, Form, YEAR_END,
        "比率指标的实际完成值写成了小数（如 0.95）", "写成百分数，如 95%", [];
    IndicatorActualUnitMismatch = "indicator.actual.unit_mismatch", Error, Consistency, YEAR_END,
        "实际完成值与年度指标值的单位不能换算（如“台”与“天”），不计分", "换算为同一单位，或更正写错的单位", [];
    IndicatorQualitativeGradeBlank = "indicator.qualitative_grade.blank", Error, Completeness, YEAR_END,
        "定性指标未选择评价等级", "选择达成、部分达成或未达成", [];
    IndicatorQualitativeActualBlank = "indicator.qualitative_actual.blank", Hint, Completeness, YEAR_END,
        "定性指标未说明实际完成情况", "简要说明实际完成情况", [];
    IndicatorQualitativeScoreOutOfBand = "indicator.qualitative_score.out_of_band", Error, Consistency, YEAR_END,
        "定性指标的得分不在所选评价等级的分数段内", "按等级的分数段给分，或改选等级", [];
    IndicatorReasonOverAchieved = "indicator.deviation_reason.over_achieved", Warning, Plausibility, YEAR_END,
        "超额完成（目标可能设定偏低）而未说明原因（财预〔2020〕10号第十六条）",
        "在偏差原因中说明，必要时调减分值", [OVER_ACHIEVEMENT];
    IndicatorReasonMissedAtFullMarks = "indicator.deviation_reason.missed_at_full_marks", Error, Completeness, YEAR_END,
        "未达到年度指标值（分档计分得满分）而未填写偏差原因（第十一条）",
        "填写偏差原因分析及改进措施", [];
    IndicatorReasonBelowFull = "indicator.deviation_reason.below_full", Error, Completeness, YEAR_END,
        "得分低于分值而未填写偏差原因（财预〔2020〕10号第十一条）", "填写偏差原因分析及改进措施", [];
    IndicatorReductionNegative = "indicator.reduction.negative", Error, Form, YEAR_END,
        "调减分值为负数", "填写正数：调减只扣分", [];
    IndicatorReductionUnexplained = "indicator.reduction.unexplained", Error, Completeness, YEAR_END,
        "调减了分值而未在偏差原因中说明", "说明目标设定偏低的原因", [];
    IndicatorReductionOverScore = "indicator.reduction.over_score", Warning, Plausibility, YEAR_END,
        "调减分值超过该指标的得分", "核对调减分值", [];
    IndicatorReductionNotOverAchieved = "indicator.reduction.not_over_achieved", Hint, Plausibility, YEAR_END,
        "未超额完成却调减了分值", "确认是否需要调减", [OVER_ACHIEVEMENT];

    NarrativeProblemsBlank = "narrative.problems.blank", Hint, Completeness, YEAR_END,
        "存在的主要问题及原因分析未填写（报告中该部分空缺）", "填写主要问题及原因", [];
    NarrativeImprovementsBlank = "narrative.improvements.blank", Hint, Completeness, YEAR_END,
        "下一步改进措施未填写（报告中该部分空缺）", "填写改进措施", [];
    ProseExecutionRateMismatch = "prose.execution_rate.mismatch", Warning, Consistency, YEAR_END,
        "文字中写的执行率与资金表计算的不符（相差 0.5 个百分点以上）", "核对文字或资金表", [];

    OutcomeNeedsRectification = "outcome.grade.needs_rectification", Hint, Plausibility, YEAR_END,
        "自评等级为中或差（财预〔2020〕10号第二十六、二十七条）", "单独说明原因并制定整改措施", [];
    OutcomeUngraded = "outcome.grade.ungraded", Error, Consistency, YEAR_END,
        "分值合计不是 100 分，不能定级", "使各项分值合计为 100 分", [];

    StatedIndicatorScore = "stated.indicator.score_differs", Warning, Consistency, YEAR_END,
        "导入的表中某指标得分与按规则计算的不同", "核对该指标的数据和表中得分", [];
    StatedExecutionScore = "stated.execution.score_differs", Warning, Consistency, YEAR_END,
        "导入的表中预算执行率得分与按规则计算的不同", "核对资金数据和表中得分", [];
    StatedTotal = "stated.total.differs", Warning, Consistency, YEAR_END,
        "导入的表中总分与按规则计算的不同", "核对各项得分", [];

    AdjustmentDrifted = "adjustment.target.drifted", Warning, Consistency, ONCE_UNDER_WAY,
        "年度指标值或分值与最近一次目标调整后的值不同", "在“目标与监控”页记录调整", [];
    AdjustmentReasonBlank = "adjustment.reason.blank", Warning, Completeness, ONCE_UNDER_WAY,
        "目标调整未说明原因", "在调整记录中填写原因", [];
    AdjustmentApprovalBlank = "adjustment.approval.blank", Warning, Completeness, ONCE_UNDER_WAY,
        "目标调整未填写批准文号", "在调整记录中填写批准文号", [];
    AdjustmentDateBlank = "adjustment.date.blank", Warning, Completeness, ONCE_UNDER_WAY,
        "目标调整未填写日期", "在调整记录中填写日期", [];
    AdjustmentDateUnreadable = "adjustment.date.unreadable", Warning, Form, ONCE_UNDER_WAY,
        "目标调整的日期无法识别", "按 2025-07-31 的格式填写", [];
    AdjustmentDateAfterYear = "adjustment.date.after_year", Warning, Plausibility, ONCE_UNDER_WAY,
        "目标调整的日期在项目年度结束之后", "核对日期：年度结束后不应再调整目标", [];
    ContinuityBelowPriorActual = "continuity.target.below_prior_actual", Warning, Continuity, EVERY_STAGE,
        "年度指标值低于（反向指标：高于）上年实际完成值", "说明理由或调整目标", [];

    TargetPolicyBasisBlank = "target.policy_basis.blank", Warning, Completeness, EVERY_STAGE,
        "申报表的政策依据未填写", "写明立项依据的政策文件名称和文号", [];
    TargetPolicyBasisNoDocument = "target.policy_basis.no_document", Warning, Completeness, EVERY_STAGE,
        "政策依据没有引用具体文件（《…》或文号）", "写明文件名称和文号", [DOCUMENTS];
    TargetCostBasisBlank = "target.cost_basis.blank", Warning, Completeness, EVERY_STAGE,
        "申报表的测算依据未填写", "写明单价 × 数量的测算过程或所依据的支出标准", [];
    TargetCostBasisNoComputation = "target.cost_basis.no_computation", Warning, Completeness, EVERY_STAGE,
        "测算依据既没有计算过程（单价 × 数量），也没有引用支出标准", "列出单价 × 数量，或引用支出标准",
        [COMPUTATION, STANDARDS];
    TargetCostBasisTotalMismatch = "target.cost_basis.total_mismatch", Warning, Consistency, EVERY_STAGE,
        "测算依据中的金额合计与本年度项目金额不符", "核对测算，使合计与本年度项目金额一致", [TOLERANCE];
    TargetAnnualGoalNoFigures = "target.annual_goal.no_figures", Hint, Completeness, EVERY_STAGE,
        "年度目标没有任何数字（数量、金额、时间或比率）", "写明用多少钱、做多少事、何时完成、达到什么效果", [];
    TargetLevel2Missing = "target.level2.missing", Warning, Completeness, EVERY_STAGE,
        "缺少应设的二级指标，也未标明不适用", "补充该二级指标，或标明不适用", [REQUIRED_LEVEL2];
    TargetValueBlank = "target.value.blank", Warning, Completeness, EVERY_STAGE,
        "定性指标的年度指标值未填写", "填写明确的等级或可衡量的值", [];
    TargetExplanationBlank = "target.explanation.blank", Hint, Completeness, EVERY_STAGE,
        "三级指标没有指标解释（财预〔2021〕101号）", "写明指标含义、计算方法和统计口径", [];
    TargetValueVague = "target.value.vague", Warning, Measurability, EVERY_STAGE,
        "年度指标值用了模糊用语（如“良好”“明显”“进一步”），无法衡量", "改为数值、比率、日期或明确的等级",
        [VAGUE];
    TargetValueUnmeasurable = "target.value.unmeasurable", Warning, Measurability, EVERY_STAGE,
        "定性指标值既不是数值、比率或日期，也不是明确的等级", "改为可衡量的值", [GRADED];
    TargetDeadlineMissing = "target.deadline.missing", Warning, Feasibility, EVERY_STAGE,
        "时效指标没有写明完成时限或期限", "写明截止日期或期限，如“11月30日前”“≤30天”", [DEADLINES];
    TargetCostOverMoney = "target.cost.over_money", Warning, Feasibility, EVERY_STAGE,
        "成本指标值超过本年度项目金额", "核对指标值或单位（万元/元）", [];
    TargetIndicatorsTooFew = "target.indicators.too_few", Hint, Feasibility, EVERY_STAGE,
        "三级指标个数少于该资金规模应有的个数", "细化产出、效益指标", [TIERS];
    TargetNameTooLong = "target.indicator_name.too_long", Hint, Clarity, EVERY_STAGE,
        "三级指标名称过长", "名称简明扼要，其余内容写入指标解释", [NAME_MAX];
    TargetNameDuplicate = "target.indicator_name.duplicate", Warning, Clarity, EVERY_STAGE,
        "两个三级指标名称相同", "合并，或改名以区分", [];
    TargetIndicatorMisfiled = "target.indicator.misfiled", Hint, Clarity, EVERY_STAGE,
        "三级指标的名称与所在的二级指标不符（如“率”在数量指标下，“及时”在质量指标下）",
        "移到相应的二级指标下", [MISFILINGS];

    ReportExperienceBlank = "report.experience.blank", Hint, Completeness, YEAR_END,
        "报告（模板 B）的“主要经验及做法”一段未填写", "在报告页编辑该段", [];
    ReportTotalMismatch = "report.total.mismatch", Warning, Consistency, YEAR_END,
        "改写的报告段落中的总分与自评表不符", "核对该段文字", [];
    ReportGradeMismatch = "report.grade.mismatch", Warning, Consistency, YEAR_END,
        "改写的报告段落中的绩效等级与评定的不符", "核对该段文字", [];
    ReportAmountMismatch = "report.amount.mismatch", Warning, Consistency, YEAR_END,
        "改写的报告段落中的预算数或执行数与资金表不符", "核对该段文字", [];

    MonitorCutoffBlank = "monitor.cutoff.blank", Error, Completeness, IN_YEAR,
        "监控截止日期未填写（无从计算时间进度）", "填写监控截止日期，通常为 7 月 31 日", [];
    MonitorCutoffUnreadable = "monitor.cutoff.unreadable", Error, Form, IN_YEAR,
        "监控截止日期无法识别为日期", "按 2025-07-31 的格式填写", [];
    MonitorCutoffOutsideYear = "monitor.cutoff.outside_year", Error, Consistency, IN_YEAR,
        "监控截止日期不在项目年度内（时间进度按 0% 或 100% 计）", "改为项目年度内的日期", [];
    MonitorFigureUnreadable = "monitor.figure.unreadable", Error, Form, IN_YEAR,
        "监控填报的执行数、完成情况或预计值不是可识别的数值（照原样保留，不参与亮灯）",
        "改为数字，可带比较符号和单位，如 16、92%", [];
    MonitorJudgedImpossible = "monitor.indicator.judged_impossible", Warning, Progress, IN_YEAR,
        "监控中判断完成目标“完全不可能”（红灯）", "说明原因和纠偏措施，必要时报批调整目标", [];
    MonitorJudgedUncertain = "monitor.indicator.judged_uncertain", Hint, Progress, IN_YEAR,
        "监控中判断完成目标“有可能”（黄灯）", "说明原因和纠偏措施", [];
    MonitorForecastMisses = "monitor.indicator.forecast_misses", Warning, Progress, IN_YEAR,
        "全年预计完成值达不到（或超出）年度指标值（红灯）", "说明原因和纠偏措施，必要时报批调整目标", [];
    MonitorIndicatorBehindTime = "monitor.indicator.behind_time", Warning, Progress, IN_YEAR,
        "累计型指标的完成进度落后时间进度（黄灯或红灯）", "加快进度，说明原因和纠偏措施",
        [YELLOW_BEHIND, RED_BEHIND];
    MonitorProgressShort = "monitor.indicator.progress_short", Hint, Progress, IN_YEAR,
        "比率或满意度类指标截至目前未达到年度指标值（黄灯）", "关注进展", [];
    MonitorProgressOver = "monitor.indicator.progress_over", Warning, Progress, IN_YEAR,
        "上限类指标截至目前已超出年度指标值（红灯）", "说明原因和纠偏措施", [];
    MonitorFundsBehindTime = "monitor.funds.behind_time", Warning, Progress, IN_YEAR,
        "预算执行进度落后时间进度（黄灯或红灯）", "加快执行，说明原因和纠偏措施",
        [YELLOW_BEHIND, RED_BEHIND];
    MonitorFundsForecastLow = "monitor.funds.forecast_low", Hint, Progress, IN_YEAR,
        "全年预计执行率低于规则的界线（黄灯）", "说明原因和纠偏措施", [LOW_EXECUTION];
}

impl RuleSpec {
    /// "目标、监控、自评": the stages as lists and exports show them.
    pub fn stages_label(&self) -> String {
        let labels: Vec<&str> = self.stages.iter().map(|s| s.label()).collect();
        labels.join("、")
    }
}

impl Rule {
    pub fn spec(self) -> &'static RuleSpec {
        &CATALOGUE[self as usize]
    }

    pub fn applies_at(self, stage: Stage) -> bool {
        self.spec().stages.contains(&stage)
    }

    /// Whether the year has come to the rule's first stage: the 体检 of a
    /// project reports only these. A rule whose stages are behind the
    /// project (the 运行监控 form's, at the self-evaluation) still does,
    /// since what it checks is still printed.
    pub fn due_at(self, stage: Stage) -> bool {
        self.spec().stages.iter().any(|s| *s <= stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_in_the_order_of_their_rules() {
        for (at, spec) in CATALOGUE.iter().enumerate() {
            assert_eq!(spec.rule as usize, at, "{}", spec.id);
        }
    }

    /// `area.subject.condition`, lowercase ASCII and `_`, each id once.
    #[test]
    fn ids_follow_the_scheme_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for spec in CATALOGUE {
            let parts: Vec<&str> = spec.id.split('.').collect();
            assert_eq!(parts.len(), 3, "{}", spec.id);
            for part in parts {
                assert!(
                    !part.is_empty()
                        && part
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{}",
                    spec.id
                );
            }
            assert!(seen.insert(spec.id), "{} twice", spec.id);
            assert!(!spec.stages.is_empty(), "{}", spec.id);
            assert!(
                !spec.checks.is_empty() && !spec.fix.is_empty(),
                "{}",
                spec.id
            );
        }
    }
}
