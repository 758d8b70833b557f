//! 体检: the checks a trustworthy self-evaluation passes (scoring-rules §5).
//!
//! The Ministry's commentary on 10号 names the failure mode — self-evaluations
//! that are "不实、得分虚高" — so every inconsistency is reported against the
//! exact field, and nothing is corrected silently.
//!
//! Each finding names its field with a typed [`FieldPath`]. These are the
//! checks of the data; the report adds its own for the user's edited
//! paragraphs (`report::edit_findings`), and `checkup` runs both.

use crate::date::{parse_deadline, parse_year};
use crate::finding::{Finding, Rule};
use crate::names::{Level1Class, classify_level1};
use crate::number::{
    NumberError, ParsedNumber, format_amount, format_percent, format_score, format_signed,
    format_value, normalize, parse_number, round2,
};
use crate::path::{
    FieldPath, FundsColumn, FundsLine, GroupField, HeaderField, IndicatorField, ItemList,
};
use crate::project::{Indicator, IndicatorKind, Level2, MoneyUnit, NumberText, Project};
use crate::prose::rate_findings;
use crate::rules::{RuleSet, SatisfactionScoring};
use crate::score::{Attainment, Evaluation, IndicatorScore, qualitative_band};
use crate::units;

/// Differences below half a cent vanish in print, so they are not differences.
fn differs(a: f64, b: f64) -> bool {
    round2(a - b).abs() >= 0.005
}

/// Collects findings; one place decides how a parse error reads.
struct Out(Vec<Finding>);

impl Out {
    fn push(&mut self, rule: Rule, path: FieldPath, message: impl Into<String>) {
        self.0.push(Finding::new(rule, path, message));
    }

    fn parse_error(&mut self, path: FieldPath, e: &NumberError) {
        self.push(Rule::NumberUnreadable, path, e.message());
    }
}

/// Runs every check of the data, in the order of the form (header, funds,
/// indicators, narrative, conclusion).
pub fn run(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    let mut out = Out(Vec::new());
    check_rules(&project.rules, &mut out);
    check_header(project, &mut out);
    check_funds(project, evaluation, &mut out);
    check_weights(project, evaluation, &mut out);
    check_indicators(project, evaluation, &mut out);
    check_framework(project, evaluation, &mut out);
    check_narrative(project, evaluation, &mut out);
    check_outcome(project, evaluation, &mut out);
    out.0
}

fn check_rules(rules: &RuleSet, out: &mut Out) {
    for p in rules.problems() {
        out.push(Rule::RulesInvalid, FieldPath::Rules, p);
    }
}

/// The header fields that must not stay blank, in the order of the form,
/// with the rule and message of each. The report leaves a blank field's
/// paragraph empty, never a placeholder: these findings are what ask for
/// them.
const HEADER_BLANKS: [(HeaderField, Rule, &str); 7] = [
    (HeaderField::Name, Rule::HeaderNameBlank, "项目名称未填写"),
    (
        HeaderField::Department,
        Rule::HeaderDepartmentBlank,
        "主管部门未填写",
    ),
    (
        HeaderField::Implementer,
        Rule::HeaderImplementerBlank,
        "实施单位未填写",
    ),
    (HeaderField::Year, Rule::HeaderYearBlank, "年度未填写"),
    (
        HeaderField::Background,
        Rule::HeaderBackgroundBlank,
        "项目背景未填写，报告中该段空缺",
    ),
    (
        HeaderField::GoalExpected,
        Rule::HeaderGoalExpectedBlank,
        "年度总体目标（预期目标）未填写",
    ),
    (
        HeaderField::GoalActual,
        Rule::HeaderGoalActualBlank,
        "年度总体目标（实际完成情况）未填写",
    ),
];

fn check_header(p: &Project, out: &mut Out) {
    for (field, rule, message) in HEADER_BLANKS {
        let text = p.header(field).trim();
        if text.is_empty() {
            out.push(rule, FieldPath::Header(field), message);
        } else if field == HeaderField::Year
            && !(text.chars().count() == 4 && text.chars().all(|c| c.is_ascii_digit()))
        {
            out.push(
                Rule::HeaderYearMalformed,
                FieldPath::Header(field),
                "年度应为四位数字年份，如 2024",
            );
        }
    }
}

fn check_funds(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    let money = p.money_unit.label();
    let funds = |line, column| FieldPath::Funds(line, column);
    // Parsed values by [row][col]; None when blank or invalid.
    let mut values = [[None::<f64>; 3]; 4];
    let mut invalid = [[false; 3]; 4];
    for (r, line) in FundsLine::ALL.into_iter().enumerate() {
        for (c, column) in FundsColumn::ALL.into_iter().enumerate() {
            let path = funds(line, column);
            match parse_number(p.funds.row(line).cell(column).as_str()) {
                Err(e) => {
                    invalid[r][c] = true;
                    out.parse_error(path, &e);
                }
                Ok(None) => {}
                Ok(Some(n)) => {
                    if n.value < 0.0 {
                        out.push(
                            Rule::FundsAmountNegative,
                            path.clone(),
                            format!("{}的{}不能为负数", line.label(), column.label()),
                        );
                    }
                    if let Some(cmp) = n.comparator {
                        out.push(
                            Rule::FundsAmountComparator,
                            path.clone(),
                            format!("金额前不应带“{}”，请只填写数字", cmp.symbol()),
                        );
                    }
                    let written = n.unit.as_deref().and_then(MoneyUnit::of_suffix);
                    let value = written.map_or(n.value, |w| p.money_unit.convert(n.value, w));
                    match (n.unit.as_deref(), written) {
                        // 27.5万 in a 元 table: converted, and said so.
                        (Some(u), Some(w)) if w != p.money_unit => out.push(
                            Rule::FundsAmountConverted,
                            path,
                            format!(
                                "“{}”按 {} {money}计（已由{u}换算）",
                                p.funds.row(line).cell(column).as_str().trim(),
                                format_amount(value)
                            ),
                        ),
                        (Some(u), None) => out.push(
                            Rule::FundsAmountUnitMismatch,
                            path,
                            format!(
                                "此处写的单位“{u}”与资金表单位“{money}”不一致，金额按{money}计"
                            ),
                        ),
                        _ => {}
                    }
                    values[r][c] = Some(value);
                }
            }
        }
    }

    let total = &p.funds.total;
    if total.annual_budget.is_blank() {
        out.push(
            Rule::FundsAnnualBudgetBlank,
            funds(FundsLine::Total, FundsColumn::Annual),
            "全年预算数未填写，无法计算预算执行率",
        );
    } else if values[0][1] == Some(0.0) {
        out.push(
            Rule::FundsAnnualBudgetZero,
            funds(FundsLine::Total, FundsColumn::Annual),
            "全年预算数为 0，无法计算预算执行率",
        );
    }
    if total.executed.is_blank() {
        out.push(
            Rule::FundsExecutedBlank,
            funds(FundsLine::Total, FundsColumn::Executed),
            "全年执行数未填写，无法计算预算执行率",
        );
    }
    if total.initial_budget.is_blank() {
        out.push(
            Rule::FundsInitialBudgetBlank,
            funds(FundsLine::Total, FundsColumn::Initial),
            "年初预算数未填写",
        );
    }

    // 附1: the three 其中 rows must add up to 年度资金总额 in every column.
    let mut breakdown_hinted = false;
    for (c, column) in FundsColumn::ALL.into_iter().enumerate() {
        if (0..4).any(|r| invalid[r][c]) {
            continue;
        }
        let any_part = FundsLine::PARTS
            .iter()
            .any(|line| !p.funds.row(*line).cell(column).is_blank());
        if !any_part {
            if values[0][c].is_some() && !breakdown_hinted {
                breakdown_hinted = true;
                out.push(
                    Rule::FundsSourcesBlank,
                    funds(FundsLine::CurrentAppropriation, column),
                    "请填写资金来源：当年财政拨款、上年结转资金、其他资金（合计应等于年度资金总额）",
                );
            }
            continue;
        }
        let sum: f64 = (1..4).filter_map(|r| values[r][c]).sum();
        let whole = values[0][c].unwrap_or(0.0);
        if differs(sum, whole) {
            out.push(
                Rule::FundsSourcesSumMismatch,
                funds(FundsLine::Total, column),
                format!(
                    "{}：其中各项合计 {} {money}，与年度资金总额 {} {money}相差 {} {money}",
                    column.label(),
                    format_amount(sum),
                    format_amount(whole),
                    format_signed(sum - whole)
                ),
            );
        }
    }

    for (r, line) in FundsLine::ALL.into_iter().enumerate() {
        if let (Some(b), Some(e)) = (values[r][1], values[r][2])
            && e > b
            && differs(e, b)
        {
            out.push(
                Rule::FundsExecutedOverBudget,
                funds(line, FundsColumn::Executed),
                format!(
                    "{}的全年执行数 {} {money}超过全年预算数 {} {money}（超出 {} {money}）",
                    line.label(),
                    format_amount(e),
                    format_amount(b),
                    format_amount(e - b)
                ),
            );
        }
    }

    if let Some(rate) = evaluation.execution.rate
        && rate * 100.0 < p.rules.low_execution_rate
    {
        out.push(
            Rule::FundsExecutionRateLow,
            funds(FundsLine::Total, FundsColumn::Executed),
            format!(
                "预算执行率 {} 偏低：依据财预〔2020〕10号第二十六条，应单独说明原因并制定整改措施，下年预算可能被调减",
                format_percent(rate)
            ),
        );
    }
}

/// A typed group weight: reports unreadable or negative text.
fn check_weight_text(text: &NumberText, path: FieldPath, out: &mut Out) {
    match parse_number(text.as_str()) {
        Err(e) => out.parse_error(path, &e),
        Ok(Some(n)) if n.value < 0.0 => out.push(Rule::WeightNegative, path, "分值不能为负数"),
        _ => {}
    }
}

/// Weight sums are checked once there is something to sum: a group (or a
/// tree) without any 三级指标 yet is reported as empty by the framework
/// check, not as a sum that is off by its whole weight.
fn check_weights(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    let rules = &p.rules;
    for l2 in &evaluation.level2 {
        let (i, j) = l2.index;
        let group = &p.indicators[i].groups[j];
        let path = FieldPath::Level2(i, j, GroupField::Weight);
        check_weight_text(&group.weight, path.clone(), out);
        if let Some(d) = l2.group.declared_weight
            && !group.indicators.is_empty()
            && differs(l2.group.weight_sum, d)
        {
            out.push(
                Rule::WeightsLevel2SumMismatch,
                path,
                format!(
                    "二级指标“{}”下三级指标分值合计 {} 分，与二级指标分值 {} 分相差 {} 分",
                    l2.group.name.trim(),
                    format_score(l2.group.weight_sum),
                    format_score(d),
                    format_signed(l2.group.weight_sum - d)
                ),
            );
        }
    }
    for (i, l1) in evaluation.level1.iter().enumerate() {
        let path = FieldPath::Level1(i, GroupField::Weight);
        check_weight_text(&p.indicators[i].weight, path.clone(), out);
        let has_indicators = p.indicators[i]
            .groups
            .iter()
            .any(|g| !g.indicators.is_empty());
        if let Some(d) = l1.declared_weight
            && has_indicators
            && differs(l1.weight_sum, d)
        {
            out.push(
                Rule::WeightsLevel1SumMismatch,
                path.clone(),
                format!(
                    "一级指标“{}”下二级指标分值合计 {} 分，与一级指标分值 {} 分相差 {} 分",
                    l1.name.trim(),
                    format_score(l1.weight_sum),
                    format_score(d),
                    format_signed(l1.weight_sum - d)
                ),
            );
        }
        // "原则上": a different weight is allowed, but should be deliberate.
        if let Some(expected) = rules.level1_weight(&l1.name)
            && (has_indicators || l1.declared_weight.is_some())
            && differs(l1.weight, expected)
        {
            out.push(
                Rule::WeightsLevel1DiffersFromRules,
                path,
                format!(
                    "一级指标“{}”分值 {} 分，与所选规则“{}”原则上的 {} 分不一致，请确认是否有意调整",
                    l1.name.trim(),
                    format_score(l1.weight),
                    rules.name,
                    format_score(expected)
                ),
            );
        }
        if !rules.level1_weights.is_empty()
            && !l1.name.trim().is_empty()
            && rules.level1_entry(&l1.name).is_none()
        {
            let names: Vec<&str> = rules
                .level1_weights
                .iter()
                .map(|w| w.name.as_str())
                .collect();
            out.push(
                Rule::FrameworkLevel1Unknown,
                FieldPath::Level1(i, GroupField::Name),
                format!(
                    "一级指标“{}”不在所选规则的框架内（{}）",
                    l1.name.trim(),
                    names.join("、")
                ),
            );
        }
    }
    let any_indicator = p.indicators_in_order().next().is_some();
    let sum = evaluation.execution.weight + evaluation.level1.iter().map(|l| l.weight).sum::<f64>();
    if any_indicator && differs(sum, 100.0) {
        out.push(
            Rule::WeightsTotalNot100,
            FieldPath::Tree,
            format!(
                "预算执行率与各一级指标权重合计 {} 分，与 100 分相差 {} 分",
                format_score(sum),
                format_signed(sum - 100.0)
            ),
        );
    }
}

/// Whether a comparator typed in the target agrees with the 指标性质.
fn comparator_fits(kind: IndicatorKind, n: &ParsedNumber) -> bool {
    use crate::number::Comparator as C;
    let Some(c) = n.comparator else {
        return true;
    };
    match kind {
        IndicatorKind::AtLeast | IndicatorKind::MoreThan => matches!(c, C::AtLeast | C::MoreThan),
        IndicatorKind::AtMost | IndicatorKind::LessThan => matches!(c, C::AtMost | C::LessThan),
        IndicatorKind::Equal => c == C::Equal,
        IndicatorKind::Deviation => matches!(c, C::PlusMinus | C::AtMost | C::LessThan),
        IndicatorKind::Satisfaction => matches!(c, C::AtLeast | C::MoreThan | C::Equal),
        IndicatorKind::Qualitative => true,
        // "≤2023-06-30" and "2023年6月30日前" say the same.
        IndicatorKind::Deadline => matches!(c, C::AtMost | C::LessThan),
    }
}

fn check_indicators(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    for ((_, ind), s) in p.indicators_in_order().zip(&evaluation.indicators) {
        check_indicator(&p.rules, parse_year(&p.year), ind, s, out);
    }
    for (i, l1) in p.indicators.iter().enumerate() {
        if l1.name.trim().is_empty() {
            out.push(
                Rule::Level1NameBlank,
                FieldPath::Level1(i, GroupField::Name),
                "一级指标名称未填写",
            );
        }
        for (j, l2) in l1.groups.iter().enumerate() {
            if l2.name.trim().is_empty() {
                out.push(
                    Rule::Level2NameBlank,
                    FieldPath::Level2(i, j, GroupField::Name),
                    "二级指标名称未填写",
                );
            }
        }
    }
}

fn check_indicator(
    rules: &RuleSet,
    year: Option<i32>,
    ind: &Indicator,
    s: &IndicatorScore,
    out: &mut Out,
) {
    let path = |field| FieldPath::Indicator(ind.id, field);
    let name = if ind.name.trim().is_empty() {
        out.push(
            Rule::IndicatorNameBlank,
            path(IndicatorField::Name),
            "三级指标名称未填写",
        );
        "该指标".to_string()
    } else {
        format!("“{}”", ind.name.trim())
    };

    let weight = parse_number(ind.weight.as_str());
    match &weight {
        Ok(None) => out.push(
            Rule::IndicatorWeightBlank,
            path(IndicatorField::Weight),
            format!("{name}的分值未填写"),
        ),
        Err(e) => out.parse_error(path(IndicatorField::Weight), e),
        Ok(Some(n)) if n.value < 0.0 => out.push(
            Rule::WeightNegative,
            path(IndicatorField::Weight),
            "分值不能为负数",
        ),
        Ok(Some(n)) if n.value == 0.0 => out.push(
            Rule::IndicatorWeightZero,
            path(IndicatorField::Weight),
            format!("{name}的分值为 0，不影响得分"),
        ),
        _ => {}
    }

    if ind.kind == IndicatorKind::Qualitative {
        check_qualitative(rules, ind, s, &name, &path, out);
    } else if ind.kind == IndicatorKind::Deadline {
        check_deadline(ind, year, &name, &path, out);
    } else {
        check_quantitative(rules, ind, s, &name, &path, out);
    }

    // 10号 第十一条: every shortfall needs 偏差原因分析及改进措施.
    if ind.deviation_reason.trim().is_empty() && s.needs_reason {
        // A 调减 is not a shortfall: it has its own message below.
        let full = s.score + s.reduction >= s.weight - 1e-9;
        let lower_is_better = matches!(ind.kind, IndicatorKind::AtMost | IndicatorKind::LessThan);
        if s.attainment == Attainment::Exceeded && full {
            let share = match (s.target_value, s.actual_value) {
                (Some(t), Some(a)) if t > 0.0 && lower_is_better => format!(
                    "实际完成值为目标的 {}%，优于目标 {}% 以上",
                    format_value(round2(a / t * 100.0)),
                    format_value(round2((rules.over_achievement_ratio - 1.0) * 100.0))
                ),
                (Some(t), Some(a)) if t > 0.0 => format!(
                    "实际完成值为目标的 {}%，超过 {}%",
                    format_value(round2(a / t * 100.0)),
                    format_value(rules.over_achievement_ratio * 100.0)
                ),
                _ => format!(
                    "目标为 0 而实际达到 {}",
                    s.actual_value.map_or_else(String::new, format_value)
                ),
            };
            out.push(
                Rule::IndicatorReasonOverAchieved,
                path(IndicatorField::DeviationReason),
                format!(
                    "{name}{share}：目标可能设定偏低，请说明原因；依据财预〔2020〕10号第十六条，可按偏离度适度调减分值"
                ),
            );
        } else if full {
            // Full marks below the target (a band): still a missed target.
            let (t, a) = (ind.target.as_str().trim(), ind.actual.as_str().trim());
            out.push(
                Rule::IndicatorReasonMissedAtFullMarks,
                path(IndicatorField::DeviationReason),
                format!(
                    "{name}实际完成值“{a}”未达到年度指标值“{t}”：按分档计分虽得满分，依据财预〔2020〕10号第十一条仍须填写偏差原因分析及改进措施"
                ),
            );
        } else {
            out.push(
                Rule::IndicatorReasonBelowFull,
                path(IndicatorField::DeviationReason),
                format!(
                    "{name}得分 {} 分低于分值 {} 分，须填写偏差原因分析及改进措施",
                    format_score(s.score),
                    format_score(s.weight)
                ),
            );
        }
    }

    match parse_number(ind.over_achievement_reduction.as_str()) {
        Err(e) => out.parse_error(path(IndicatorField::OverAchievementReduction), &e),
        Ok(Some(n)) if n.value < 0.0 => out.push(
            Rule::IndicatorReductionNegative,
            path(IndicatorField::OverAchievementReduction),
            "调减分值应为正数：调减只扣分，不加分",
        ),
        Ok(Some(n)) if n.value > 0.0 => {
            if ind.deviation_reason.trim().is_empty() {
                out.push(
                    Rule::IndicatorReductionUnexplained,
                    path(IndicatorField::DeviationReason),
                    format!(
                        "{name}调减 {} 分，须在偏差原因分析及改进措施中说明目标设定偏低的原因",
                        format_score(n.value)
                    ),
                );
            }
            if n.value > s.reduction + 1e-9 {
                out.push(
                    Rule::IndicatorReductionOverScore,
                    path(IndicatorField::OverAchievementReduction),
                    format!(
                        "调减 {} 分超过该指标得分，按 {} 分扣完",
                        format_score(n.value),
                        format_score(s.reduction)
                    ),
                );
            }
            if !s.over_achieved {
                out.push(
                    Rule::IndicatorReductionNotOverAchieved,
                    path(IndicatorField::OverAchievementReduction),
                    format!("{name}未达到超额完成标准，通常无需调减"),
                );
            }
        }
        _ => {}
    }
}

fn check_qualitative(
    rules: &RuleSet,
    ind: &Indicator,
    s: &IndicatorScore,
    name: &str,
    path: &dyn Fn(IndicatorField) -> FieldPath,
    out: &mut Out,
) {
    let Some(grade) = ind.qualitative_grade else {
        out.push(
            Rule::IndicatorQualitativeGradeBlank,
            path(IndicatorField::QualitativeGrade),
            format!("{name}为定性指标，请选择评价等级（达成/部分达成/未达成）"),
        );
        return;
    };
    if ind.actual.is_blank() {
        out.push(
            Rule::IndicatorQualitativeActualBlank,
            path(IndicatorField::Actual),
            "请简要说明实际完成情况",
        );
    }
    match parse_number(ind.qualitative_score.as_str()) {
        Err(e) => out.parse_error(path(IndicatorField::QualitativeScore), &e),
        Ok(Some(n)) if s.weight > 0.0 => {
            let band = qualitative_band(rules, grade);
            if !band.contains(n.value / s.weight) {
                let excl = if band.max_inclusive {
                    ""
                } else {
                    "（不含）"
                };
                out.push(
                    Rule::IndicatorQualitativeScoreOutOfBand,
                    path(IndicatorField::QualitativeScore),
                    format!(
                        "“{}”的得分应在 {} 分至 {} 分{excl}之间（分值的 {}%–{}%），当前为 {} 分",
                        grade.label(),
                        format_score(band.min * s.weight),
                        format_score(band.max * s.weight),
                        format_value(band.min * 100.0),
                        format_value(band.max * 100.0),
                        format_score(n.value)
                    ),
                );
            }
        }
        _ => {}
    }
}

/// 时限: the target must be a date or a month (of the project's year), the
/// actual the date it was done; neither has a 计量单位.
fn check_deadline(
    ind: &Indicator,
    year: Option<i32>,
    name: &str,
    path: &dyn Fn(IndicatorField) -> FieldPath,
    out: &mut Out,
) {
    let target = ind.target.as_str().trim();
    let deadline = parse_deadline(target, year);
    if target.is_empty() {
        out.push(
            Rule::IndicatorTargetBlank,
            path(IndicatorField::Target),
            format!("{name}的年度指标值（完成时限）未填写"),
        );
    } else if deadline.is_none() {
        out.push(
            Rule::IndicatorDeadlineUnreadable,
            path(IndicatorField::Target),
            format!(
                "{name}为时限指标，年度指标值“{target}”不是可识别的日期或月份{}",
                if year.is_none() {
                    "（只写月份时须填写项目年度）"
                } else {
                    ""
                }
            ),
        );
    }
    let actual = ind.actual.as_str().trim();
    if actual.is_empty() {
        out.push(
            Rule::IndicatorActualBlank,
            path(IndicatorField::Actual),
            format!("{name}的实际完成值（完成日期）未填写"),
        );
    } else if parse_deadline(actual, deadline.map(|d| d.year).or(year)).is_none() {
        out.push(
            Rule::IndicatorDeadlineActualNotDate,
            path(IndicatorField::Actual),
            format!("{name}为时限指标，实际完成值“{actual}”不是日期，请填写完成日期"),
        );
    }
}

fn check_quantitative(
    rules: &RuleSet,
    ind: &Indicator,
    s: &IndicatorScore,
    name: &str,
    path: &dyn Fn(IndicatorField) -> FieldPath,
    out: &mut Out,
) {
    let banded_satisfaction = ind.kind == IndicatorKind::Satisfaction
        && matches!(rules.satisfaction_scoring, SatisfactionScoring::Banded(_));
    let target = parse_number(ind.target.as_str());
    match &target {
        Ok(None) if !banded_satisfaction => out.push(
            Rule::IndicatorTargetBlank,
            path(IndicatorField::Target),
            format!("{name}的年度指标值未填写"),
        ),
        Err(e) => out.parse_error(path(IndicatorField::Target), e),
        Ok(Some(n)) if !comparator_fits(ind.kind, n) => out.push(
            Rule::IndicatorTargetKindMismatch,
            path(IndicatorField::Kind),
            format!(
                "年度指标值写作“{}”，但指标性质为“{}”，请确认计分方向",
                ind.target.as_str().trim(),
                ind.kind.label()
            ),
        ),
        _ => {}
    }
    let actual = parse_number(ind.actual.as_str());
    match &actual {
        Ok(None) => out.push(
            Rule::IndicatorActualBlank,
            path(IndicatorField::Actual),
            format!("{name}的实际完成值未填写"),
        ),
        Err(e) => out.parse_error(path(IndicatorField::Actual), e),
        _ => {}
    }
    if ind.kind == IndicatorKind::Satisfaction {
        for (field, r) in [
            (IndicatorField::Target, &target),
            (IndicatorField::Actual, &actual),
        ] {
            if let Ok(Some(n)) = r
                && n.value > 100.0
            {
                out.push(
                    Rule::IndicatorSatisfactionOver100,
                    path(field),
                    "满意度不应超过 100%",
                );
            }
        }
    } else if s.unit.is_empty() && !unit_written(&target) && !unit_written(&actual) {
        // (`s.unit` is blank too when the row could not be scored, say for
        // a blank 分值: a unit written with the value still counts.)
        out.push(
            Rule::IndicatorUnitBlank,
            path(IndicatorField::Unit),
            format!("{name}的计量单位未填写（如 台、%、天、小时）"),
        );
    }
    check_copied_actual(ind, &actual, path, out);
    check_fraction_rate(ind, &target, &actual, path, out);
    if let Some(mismatch) = &s.unit_mismatch {
        out.push(
            Rule::IndicatorActualUnitMismatch,
            path(IndicatorField::Actual),
            format!("{mismatch}，请换算为同一单位后再计分"),
        );
    }
}

/// Whether a value carries its unit ("13个", "≤1018.55万元", "98%").
fn unit_written(value: &Result<Option<ParsedNumber>, NumberError>) -> bool {
    matches!(value, Ok(Some(n)) if n.unit.as_deref().is_some_and(|u| !u.trim().is_empty()))
}

fn is_percent(unit: &str) -> bool {
    units::same(unit, "%")
}

/// An 实际完成值 is a measurement. One that still carries a comparison
/// ("≥266米") was copied from the target or is a promise, not a result: the
/// table reads as met whatever happened (自评不实). It is still scored.
fn check_copied_actual(
    ind: &Indicator,
    actual: &Result<Option<ParsedNumber>, NumberError>,
    path: &dyn Fn(IndicatorField) -> FieldPath,
    out: &mut Out,
) {
    let Ok(Some(n)) = actual else {
        return;
    };
    let Some(cmp) = n.comparator else {
        return;
    };
    let typed = |text: &NumberText| {
        normalize(text.as_str().trim())
            .into_iter()
            .collect::<String>()
    };
    let (rule, message) = if typed(&ind.actual) == typed(&ind.target) {
        (
            Rule::IndicatorActualCopiedTarget,
            format!(
                "实际完成值应为实测数值，现照抄了年度指标值“{}”",
                ind.target.as_str().trim()
            ),
        )
    } else {
        (
            Rule::IndicatorActualComparator,
            format!(
                "实际完成值“{}”带有比较符号“{}”：应填写实际测得的数值",
                ind.actual.as_str().trim(),
                cmp.symbol()
            ),
        )
    };
    out.push(rule, path(IndicatorField::Actual), message);
}

/// A rate target (`≥95%`) met by `0.95`: a fraction typed for a percentage
/// scores as 0.95% of the target. Offers the percentage, never assumes it.
fn check_fraction_rate(
    ind: &Indicator,
    target: &Result<Option<ParsedNumber>, NumberError>,
    actual: &Result<Option<ParsedNumber>, NumberError>,
    path: &dyn Fn(IndicatorField) -> FieldPath,
    out: &mut Out,
) {
    let (Ok(Some(t)), Ok(Some(a))) = (target, actual) else {
        return;
    };
    let rate_target = t.unit.as_deref().is_some_and(is_percent)
        || is_percent(ind.unit.trim())
        || ind.kind == IndicatorKind::Satisfaction;
    let plain_fraction = a.unit.is_none() && a.value > 0.0 && a.value <= 1.0;
    if rate_target && plain_fraction && t.value > 1.0 {
        let percent = format!("{}%", format_value(round2(a.value * 100.0)));
        out.0.push(
            Finding::new(
                Rule::IndicatorActualFractionForRate,
                path(IndicatorField::Actual),
                format!(
                    "实际完成值写作“{}”，而年度指标值为“{}”：如是比例，应写作 {percent}",
                    ind.actual.as_str().trim(),
                    ind.target.as_str().trim()
                ),
            )
            .with_fix(percent),
        );
    }
}

/// Whether a 一级 of `class` exists, and whether it has any 三级 or a 二级
/// declared 不适用 (the 申报表 answered for it).
fn level1_presence(p: &Project, class: Level1Class) -> (Option<usize>, bool) {
    let mut first = None;
    for (i, l1) in p.indicators.iter().enumerate() {
        if classify_level1(&l1.name) == Some(class) {
            first.get_or_insert(i);
            if l1.groups.iter().any(Level2::is_settled) {
                return (Some(i), true);
            }
        }
    }
    (first, false)
}

fn check_framework(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    let high = evaluation.total >= p.rules.grade_thresholds.excellent;
    let mut covered = Vec::new();
    // A missing part while the total reaches 优 is its own rule: the score
    // may be inflated, not only incomplete.
    for (class, what, rule, rule_if_high) in [
        (
            Level1Class::Benefit,
            "效益指标（经济、社会、生态效益或可持续影响）",
            Rule::FrameworkBenefitMissing,
            Rule::FrameworkBenefitMissingHighTotal,
        ),
        (
            Level1Class::Satisfaction,
            "满意度指标（服务对象满意度）",
            Rule::FrameworkSatisfactionMissing,
            Rule::FrameworkSatisfactionMissingHighTotal,
        ),
    ] {
        if !p.rules.expects(class) {
            continue;
        }
        let (at, filled) = level1_presence(p, class);
        if filled {
            continue;
        }
        if let Some(i) = at {
            covered.push(i);
        }
        let path = at.map_or(FieldPath::Tree, |i| FieldPath::Level1(i, GroupField::Name));
        let state = if at.is_some() {
            "下没有三级指标"
        } else {
            "未设置"
        };
        let tail = if high {
            format!(
                "，而总分为 {} 分：得分可能虚高，请补充",
                format_score(evaluation.total)
            )
        } else {
            "，请补充".to_string()
        };
        let rule = if high { rule_if_high } else { rule };
        out.push(rule, path, format!("{what}{state}{tail}"));
    }
    for (i, l1) in p.indicators.iter().enumerate() {
        // A 一级 whose 二级 are 不适用 is as the 申报表 declares it, not empty.
        if !covered.contains(&i) && !l1.groups.iter().any(Level2::is_settled) {
            out.push(
                Rule::FrameworkLevel1Empty,
                FieldPath::Level1(i, GroupField::Name),
                format!("一级指标“{}”下还没有三级指标", l1.name.trim()),
            );
        }
    }
}

/// A 执行率 stated in the narrative fields that contradicts the funds table.
fn check_narrative(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    for (list, rule, what) in [
        (
            ItemList::Problems,
            Rule::NarrativeProblemsBlank,
            "存在的主要问题及原因分析",
        ),
        (
            ItemList::Improvements,
            Rule::NarrativeImprovementsBlank,
            "下一步改进措施",
        ),
    ] {
        if p.items(list).iter().all(|t| t.trim().is_empty()) {
            out.push(
                rule,
                FieldPath::Item(list, 0),
                format!("{what}未填写，报告中该部分空缺"),
            );
        }
    }
    let rate = evaluation.execution.rate;
    let mut texts = vec![
        FieldPath::Header(HeaderField::Background),
        FieldPath::Header(HeaderField::GoalActual),
    ];
    for list in [ItemList::Problems, ItemList::Improvements] {
        texts.extend((0..p.items(list).len()).map(|n| FieldPath::Item(list, n)));
    }
    texts.push(FieldPath::Header(HeaderField::OtherNotes));
    for path in texts {
        let text = match &path {
            FieldPath::Header(field) => p.header(*field).as_str(),
            FieldPath::Item(list, n) => p.items(*list)[*n].as_str(),
            _ => continue,
        };
        out.0.extend(rate_findings(text, &path, rate));
    }
}

fn check_outcome(p: &Project, evaluation: &Evaluation, out: &mut Out) {
    match evaluation.grade {
        Some(grade) if grade.needs_rectification() && !p.is_draft() => out.push(
            Rule::OutcomeNeedsRectification,
            FieldPath::Total,
            format!(
                "自评等级为“{}”：依据财预〔2020〕10号第二十六、二十七条，应单独说明原因并制定整改措施，相关预算可能被调减",
                grade.label()
            ),
        ),
        // An empty tree is a draft: its weights are reported once it has indicators.
        None if p.indicators_in_order().next().is_some() => {
            if let Some(reason) = evaluation.ungraded_reason() {
                out.push(
                    Rule::OutcomeUngraded,
                    FieldPath::Total,
                    format!("{reason}：请先使各项分值合计为 100 分"),
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;
    use crate::project::{Funds, FundsRow, Level1, Level2, QualitativeGrade};
    use crate::rules::preset;
    use crate::score::evaluate;

    fn row(a: &str, b: &str, c: &str) -> FundsRow {
        FundsRow {
            initial_budget: NumberText::new(a),
            annual_budget: NumberText::new(b),
            executed: NumberText::new(c),
        }
    }

    fn ind(kind: IndicatorKind, target: &str, actual: &str, weight: &str, unit: &str) -> Indicator {
        Indicator {
            id: 1,
            name: "指标".into(),
            kind,
            target: NumberText::new(target),
            unit: unit.into(),
            actual: NumberText::new(actual),
            weight: NumberText::new(weight),
            ..Indicator::default()
        }
    }

    fn level1(name: &str, weight: &str, groups: Vec<Level2>) -> Level1 {
        Level1 {
            name: name.into(),
            weight: NumberText::new(weight),
            groups,
        }
    }

    fn level2(name: &str, weight: &str, indicators: Vec<Indicator>) -> Level2 {
        Level2 {
            name: name.into(),
            weight: NumberText::new(weight),
            indicators,
            not_applicable: false,
        }
    }

    /// A clean project under the standard preset: 10 + 50 + 30 + 10; its
    /// indicators have ids 1, 2, 3 in table order.
    fn clean() -> Project {
        let mut p = clean_with_repeated_ids();
        let mut next = 0;
        for l1 in &mut p.indicators {
            for ind in l1.groups.iter_mut().flat_map(|g| g.indicators.iter_mut()) {
                next += 1;
                ind.id = next;
            }
        }
        p
    }

    fn clean_with_repeated_ids() -> Project {
        Project {
            name: "项目".into(),
            department: "部门".into(),
            implementer: "单位".into(),
            year: "2024".into(),
            background: "背景".into(),
            goal_expected: "目标".into(),
            goal_actual: "完成".into(),
            problems: vec!["问题".into()],
            improvements: vec!["措施".into()],
            funds: Funds {
                total: row("100", "100", "100"),
                current_appropriation: row("100", "100", "100"),
                carried_over: row("0", "0", "0"),
                other: row("0", "0", "0"),
            },
            indicators: vec![
                level1(
                    "产出指标",
                    "50",
                    vec![level2(
                        "数量指标",
                        "50",
                        vec![ind(IndicatorKind::AtLeast, "≥10", "10", "50", "台")],
                    )],
                ),
                level1(
                    "效益指标",
                    "30",
                    vec![level2(
                        "社会效益指标",
                        "",
                        vec![ind(IndicatorKind::AtLeast, "≥10", "10", "30", "人")],
                    )],
                ),
                level1(
                    "满意度指标",
                    "",
                    vec![level2(
                        "服务对象满意度指标",
                        "",
                        vec![ind(IndicatorKind::Satisfaction, "≥90%", "95%", "10", "%")],
                    )],
                ),
            ],
            ..Project::default()
        }
    }

    fn findings(p: &Project) -> Vec<Finding> {
        run(p, &evaluate(p))
    }

    fn has(p: &Project, rule: Rule, path: &str) -> bool {
        findings(p)
            .iter()
            .any(|f| f.rule == rule && f.path.to_string() == path)
    }

    /// A finding of `rule` at `path` whose message carries `figure`: the
    /// figures a message computes are checked, not its wording.
    fn has_with(p: &Project, rule: Rule, path: &str, figure: &str) -> bool {
        findings(p)
            .iter()
            .any(|f| f.rule == rule && f.path.to_string() == path && f.message.contains(figure))
    }

    fn any_at(p: &Project, severity: Severity, path: &str) -> bool {
        findings(p)
            .iter()
            .any(|f| f.severity == severity && f.path.to_string() == path)
    }

    #[test]
    fn clean_project_has_no_findings() {
        let p = clean();
        let ev = evaluate(&p);
        let found = run(&p, &ev);
        assert_eq!(found, vec![], "{found:#?}");
        assert_eq!(ev.total, 100.0);
    }

    /// One table names the header fields that must not stay blank.
    #[test]
    fn each_blank_header_field_has_its_rule() {
        for (field, rule) in [
            (HeaderField::Name, Rule::HeaderNameBlank),
            (HeaderField::Department, Rule::HeaderDepartmentBlank),
            (HeaderField::Implementer, Rule::HeaderImplementerBlank),
            (HeaderField::Year, Rule::HeaderYearBlank),
            (HeaderField::Background, Rule::HeaderBackgroundBlank),
            (HeaderField::GoalExpected, Rule::HeaderGoalExpectedBlank),
            (HeaderField::GoalActual, Rule::HeaderGoalActualBlank),
        ] {
            let mut p = clean();
            p.set_text(&FieldPath::Header(field), " ".into());
            let path = FieldPath::Header(field).to_string();
            let at: Vec<Rule> = findings(&p)
                .iter()
                .filter(|f| f.path.to_string() == path)
                .map(|f| f.rule)
                .collect();
            assert_eq!(at, [rule], "{path}");
        }
        let (mut p, mut q) = (clean(), clean());
        p.problems = vec![];
        q.improvements = vec![" ".into()];
        assert!(has(&p, Rule::NarrativeProblemsBlank, "problems.0"));
        assert!(has(&q, Rule::NarrativeImprovementsBlank, "improvements.0"));
    }

    #[test]
    fn blank_and_negative_parts_of_the_tree() {
        let mut p = clean();
        p.indicators[0].groups[0].name.clear();
        let ind = &mut p.indicators[0].groups[0].indicators[0];
        ind.name.clear();
        ind.target = NumberText::new("");
        assert!(has(&p, Rule::Level2NameBlank, "indicators.0.0.name"));
        assert!(has(&p, Rule::IndicatorNameBlank, "indicator.1.name"));
        assert!(has(&p, Rule::IndicatorTargetBlank, "indicator.1.target"));
        let mut p = clean();
        p.indicators[0].groups[0].weight = NumberText::new("-50");
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("-50");
        assert!(has(&p, Rule::WeightNegative, "indicators.0.0.weight"));
        assert!(has(&p, Rule::WeightNegative, "indicator.1.weight"));
        let mut p = clean();
        p.indicators[2].groups[0].indicators[0].actual = NumberText::new("105%");
        assert!(has(
            &p,
            Rule::IndicatorSatisfactionOver100,
            "indicator.3.actual"
        ));
    }

    #[test]
    fn the_framework_names_its_gaps() {
        // Without 效益 and 满意度 at a low total: asked for, not suspected.
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("1");
        p.indicators.truncate(1);
        assert!(has(&p, Rule::FrameworkBenefitMissing, "indicators"));
        assert!(has(&p, Rule::FrameworkSatisfactionMissing, "indicators"));
        // A 一级 the rule set does not know, and one left empty.
        let mut p = clean();
        p.indicators[0].name = "其他指标".into();
        p.indicators.push(level1(
            "成本指标",
            "",
            vec![level2("经济成本指标", "", vec![])],
        ));
        assert!(has(&p, Rule::FrameworkLevel1Unknown, "indicators.0.name"));
        assert!(has(&p, Rule::FrameworkLevel1Empty, "indicators.3.name"));
    }

    /// A 二级 the 申报表 declares 不适用 answers for its 一级: neither the
    /// 一级 nor the 效益 part counts as missing or empty.
    #[test]
    fn not_applicable_groups_count_as_declared() {
        let with = |na: bool| {
            let mut p = clean();
            p.indicators[1].groups = vec![
                level2("经济效益指标", "", vec![]),
                level2("生态效益指标", "", vec![]),
            ];
            p.indicators.push(level1(
                "成本指标",
                "",
                vec![level2("经济成本指标", "", vec![])],
            ));
            for g in p.indicators.iter_mut().flat_map(|l| &mut l.groups) {
                g.not_applicable = na && g.indicators.is_empty();
            }
            findings(&p)
        };
        let rules_at = |f: &[Finding], path: &str| -> Vec<Rule> {
            f.iter()
                .filter(|f| f.path.to_string() == path)
                .map(|f| f.rule)
                .collect()
        };
        // Without 不适用: the 效益 part is missing, the 成本 一级 empty.
        let empty = with(false);
        let benefit = rules_at(&empty, "indicators.1.name");
        assert!(
            benefit.contains(&Rule::FrameworkBenefitMissing)
                || benefit.contains(&Rule::FrameworkBenefitMissingHighTotal),
            "{benefit:?}"
        );
        assert!(rules_at(&empty, "indicators.3.name").contains(&Rule::FrameworkLevel1Empty));
        // Declared 不适用: none of that, anywhere.
        let declared = with(true);
        for rule in [
            Rule::FrameworkBenefitMissing,
            Rule::FrameworkBenefitMissingHighTotal,
            Rule::FrameworkLevel1Empty,
        ] {
            assert!(declared.iter().all(|f| f.rule != rule), "{rule:?}");
        }
        // One 二级 不适用 beside an empty one is enough for the 一级.
        let mut p = clean();
        p.indicators.push(level1(
            "成本指标",
            "",
            vec![
                level2("经济成本指标", "", vec![]),
                level2("社会成本指标", "", vec![]),
            ],
        ));
        p.indicators[3].groups[1].not_applicable = true;
        assert!(!has(&p, Rule::FrameworkLevel1Empty, "indicators.3.name"));
    }

    /// §2: all 一级 + 预算执行率 must sum to 100; the message states the difference.
    #[test]
    fn total_weights_must_sum_to_100() {
        let mut p = clean();
        p.indicators[0].weight = NumberText::new("45");
        p.indicators[0].groups[0].weight = NumberText::new("45");
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("45");
        let f = findings(&p);
        assert!(
            f.iter().any(|f| f.rule == Rule::WeightsTotalNot100
                && f.path.to_string() == "indicators"
                && f.message.contains("95.00")
                && f.message.contains("−5.00")),
            "{f:#?}"
        );
        // The score is still computed.
        assert_eq!(evaluate(&p).total, 95.0);
    }

    /// §2: 三级 → 二级 when 二级 is set; 二级 → 一级 when 一级 is set.
    #[test]
    fn level_sums_checked() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("48");
        assert!(has_with(
            &p,
            Rule::WeightsLevel2SumMismatch,
            "indicators.0.0.weight",
            "−2.00"
        ));
        let mut p = clean();
        p.indicators[0].groups[0].weight = NumberText::new("52");
        assert!(has_with(
            &p,
            Rule::WeightsLevel2SumMismatch,
            "indicators.0.0.weight",
            "−2.00"
        ));
        assert!(has_with(
            &p,
            Rule::WeightsLevel1SumMismatch,
            "indicators.0.weight",
            "+2.00"
        ));
        let mut p = clean();
        p.indicators[0].weight = NumberText::new("abc");
        assert!(has(&p, Rule::NumberUnreadable, "indicators.0.weight"));
    }

    /// 第十三条 "原则上": a 一级 weight unlike the preset's is a warning.
    #[test]
    fn level1_weight_differs_from_preset() {
        let mut p = clean();
        p.indicators[0].weight = NumberText::new("40");
        p.indicators[0].groups[0].weight = NumberText::new("40");
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("40");
        p.indicators[1].weight = NumberText::new("40");
        p.indicators[1].groups[0].indicators[0].weight = NumberText::new("40");
        let f = findings(&p);
        assert!(
            has_with(
                &p,
                Rule::WeightsLevel1DiffersFromRules,
                "indicators.0.weight",
                "50.00"
            ),
            "{f:#?}"
        );
        assert!(has_with(
            &p,
            Rule::WeightsLevel1DiffersFromRules,
            "indicators.1.weight",
            "30.00"
        ));
        assert!(!f.iter().any(|f| f.path.to_string() == "indicators"));
        // 湖北 leaves 一级 weights to the unit.
        p.rules = preset("hubei").unwrap();
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.rule == Rule::WeightsLevel1DiffersFromRules)
        );
    }

    /// 附1: 其中 rows must sum to 年度资金总额 per column.
    #[test]
    fn funds_breakdown_must_sum() {
        let mut p = clean();
        p.funds.current_appropriation = row("90", "100", "100");
        p.funds.other = row("5", "0", "0");
        assert!(has_with(
            &p,
            Rule::FundsSourcesSumMismatch,
            "funds.total.initial_budget",
            "−5.00"
        ));
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string() == "funds.total.annual_budget")
        );
        let mut p = clean();
        p.funds.current_appropriation = row("", "", "");
        p.funds.carried_over = row("", "", "");
        p.funds.other = row("", "", "");
        assert!(has(
            &p,
            Rule::FundsSourcesBlank,
            "funds.current_appropriation.initial_budget"
        ));
    }

    /// 执行数 > 预算数 is an error.
    #[test]
    fn executed_over_budget() {
        let mut p = clean();
        p.funds.total = row("100", "100", "110");
        p.funds.current_appropriation = row("100", "100", "110");
        assert!(has_with(
            &p,
            Rule::FundsExecutedOverBudget,
            "funds.total.executed",
            "10 "
        ));
        assert!(has(
            &p,
            Rule::FundsExecutedOverBudget,
            "funds.current_appropriation.executed"
        ));
    }

    #[test]
    fn budget_missing_or_zero() {
        let mut p = clean();
        p.funds.total.annual_budget = NumberText::new("");
        assert!(has(
            &p,
            Rule::FundsAnnualBudgetBlank,
            "funds.total.annual_budget"
        ));
        p.funds.total.annual_budget = NumberText::new("0");
        assert!(has(
            &p,
            Rule::FundsAnnualBudgetZero,
            "funds.total.annual_budget"
        ));
        p.funds.total.executed = NumberText::new("");
        assert!(has(&p, Rule::FundsExecutedBlank, "funds.total.executed"));
    }

    #[test]
    fn funds_unit_and_parse_errors() {
        let mut p = clean();
        p.funds.total.initial_budget = NumberText::new("≥100");
        assert!(has(
            &p,
            Rule::FundsAmountComparator,
            "funds.total.initial_budget"
        ));
        p.funds.total.initial_budget = NumberText::new("");
        assert!(has(
            &p,
            Rule::FundsInitialBudgetBlank,
            "funds.total.initial_budget"
        ));
        p.funds.total.initial_budget = NumberText::new("1,00");
        assert!(has(
            &p,
            Rule::NumberUnreadable,
            "funds.total.initial_budget"
        ));
        let mut p = clean();
        p.funds.total.executed = NumberText::new("100台");
        assert!(has(
            &p,
            Rule::FundsAmountUnitMismatch,
            "funds.total.executed"
        ));
        // A money unit is converted (and said so), not questioned.
        p.funds.total.executed = NumberText::new("1000000元");
        assert!(has_with(
            &p,
            Rule::FundsAmountConverted,
            "funds.total.executed",
            "100 "
        ));
        assert!(!any_at(&p, Severity::Error, "funds.total.executed"));
        p.funds.total.executed = NumberText::new("100万元");
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string() == "funds.total.executed")
        );
        p.funds.total.executed = NumberText::new("-1");
        assert!(has(&p, Rule::FundsAmountNegative, "funds.total.executed"));
    }

    /// Every unparsable number is an error at its field with the parser message.
    #[test]
    fn unparsable_indicator_fields() {
        let mut p = clean();
        let i = &mut p.indicators[0].groups[0].indicators[0];
        i.target = NumberText::new("abc");
        i.actual = NumberText::new("1.2.3");
        i.weight = NumberText::new("五十");
        i.over_achievement_reduction = NumberText::new("x");
        for field in ["target", "actual", "weight", "over_achievement_reduction"] {
            assert!(
                has(&p, Rule::NumberUnreadable, &format!("indicator.1.{field}")),
                "{field}"
            );
        }
        // Not scored, so it does not also ask for a 偏差原因.
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string().ends_with("deviation_reason"))
        );
    }

    /// 10号 第十一条: below-full indicators need a 偏差原因.
    #[test]
    fn below_full_needs_reason() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("8");
        assert!(has_with(
            &p,
            Rule::IndicatorReasonBelowFull,
            "indicator.1.deviation_reason",
            "40.00"
        ));
        p.indicators[0].groups[0].indicators[0].deviation_reason = "设备到货延迟".into();
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string().ends_with("deviation_reason"))
        );
    }

    /// 10号 第十六条: over-achievement (≥130%, or ≥30 on a 0 target) needs explaining.
    #[test]
    fn over_achievement_needs_explanation() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("13");
        let f = findings(&p);
        assert!(
            f.iter().any(|f| f.rule == Rule::IndicatorReasonOverAchieved
                && f.path.to_string() == "indicator.1.deviation_reason"
                && f.message.contains("130%")),
            "{f:#?}"
        );
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("12.9");
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string().ends_with("deviation_reason"))
        );
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("0");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("30");
        assert!(has(
            &p,
            Rule::IndicatorReasonOverAchieved,
            "indicator.1.deviation_reason"
        ));
    }

    #[test]
    fn reduction_checks() {
        let mut p = clean();
        let i = &mut p.indicators[0].groups[0].indicators[0];
        i.over_achievement_reduction = NumberText::new("-2");
        assert!(has(
            &p,
            Rule::IndicatorReductionNegative,
            "indicator.1.over_achievement_reduction"
        ));
        p.indicators[0].groups[0].indicators[0].over_achievement_reduction = NumberText::new("2");
        assert!(has(
            &p,
            Rule::IndicatorReductionNotOverAchieved,
            "indicator.1.over_achievement_reduction"
        ));
        p.indicators[0].groups[0].indicators[0].over_achievement_reduction = NumberText::new("80");
        assert!(has_with(
            &p,
            Rule::IndicatorReductionOverScore,
            "indicator.1.over_achievement_reduction",
            "50.00"
        ));
    }

    /// An over-achieved row with a 调减 asks for the reason of the 调减,
    /// not for a shortfall it does not have.
    #[test]
    fn a_reduction_is_not_a_shortfall() {
        let mut p = clean();
        let i = &mut p.indicators[0].groups[0].indicators[0];
        i.kind = IndicatorKind::AtLeast;
        i.target = NumberText::new("≥100");
        i.actual = NumberText::new("200");
        i.over_achievement_reduction = NumberText::new("2");
        i.deviation_reason.clear();
        let about_reason: Vec<Rule> = findings(&p)
            .into_iter()
            .filter(|f| f.path.to_string() == "indicator.1.deviation_reason")
            .map(|f| f.rule)
            .collect();
        assert!(
            about_reason.contains(&Rule::IndicatorReductionUnexplained),
            "{about_reason:?}"
        );
        assert!(
            !about_reason.contains(&Rule::IndicatorReasonBelowFull),
            "{about_reason:?}"
        );
    }

    /// §5: a high total while 效益/满意度 are missing or empty is suspicious.
    #[test]
    fn missing_benefit_and_satisfaction() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("90");
        p.indicators[0].groups[0].weight = NumberText::new("");
        p.indicators[0].weight = NumberText::new("");
        p.indicators.truncate(1);
        let ev = evaluate(&p);
        assert_eq!(ev.total, 100.0);
        assert!(has_with(
            &p,
            Rule::FrameworkBenefitMissingHighTotal,
            "indicators",
            "100.00"
        ));
        assert!(has(
            &p,
            Rule::FrameworkSatisfactionMissingHighTotal,
            "indicators"
        ));
        // 不设满意度 does not expect 满意度.
        p.rules = preset("no-satisfaction").unwrap();
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.rule == Rule::FrameworkSatisfactionMissingHighTotal)
        );
        assert!(has(
            &p,
            Rule::FrameworkBenefitMissingHighTotal,
            "indicators"
        ));
        // An existing but empty 效益 is pointed at by its row.
        p.rules = RuleSet::default();
        p.indicators.push(level1(
            "效益指标",
            "",
            vec![level2("社会效益指标", "", vec![])],
        ));
        assert!(has(
            &p,
            Rule::FrameworkBenefitMissingHighTotal,
            "indicators.1.name"
        ));
    }

    /// §3 定性: a score outside the grade's band is an error; band edges are valid.
    #[test]
    fn qualitative_band_errors() {
        let mut p = clean();
        let q = &mut p.indicators[0].groups[0].indicators[0];
        q.kind = IndicatorKind::Qualitative;
        q.qualitative_grade = Some(QualitativeGrade::Achieved);
        q.qualitative_score = NumberText::new("40");
        q.deviation_reason = "部分延迟".into();
        q.actual = NumberText::new("");
        assert!(has(
            &p,
            Rule::IndicatorQualitativeActualBlank,
            "indicator.1.actual"
        ));
        let path = "indicator.1.qualitative_score";
        assert!(
            !findings(&p).iter().any(|f| f.path.to_string() == path),
            "0.8 × 分值 is 达成-valid"
        );
        p.indicators[0].groups[0].indicators[0].qualitative_score = NumberText::new("39.99");
        assert!(has_with(
            &p,
            Rule::IndicatorQualitativeScoreOutOfBand,
            path,
            "40.00"
        ));
        p.indicators[0].groups[0].indicators[0].qualitative_grade =
            Some(QualitativeGrade::PartlyAchieved);
        p.indicators[0].groups[0].indicators[0].qualitative_score = NumberText::new("30");
        assert!(
            !findings(&p).iter().any(|f| f.path.to_string() == path),
            "0.6 × 分值 is 部分达成-valid"
        );
        p.indicators[0].groups[0].indicators[0].qualitative_score = NumberText::new("40");
        assert!(has(&p, Rule::IndicatorQualitativeScoreOutOfBand, path));
        p.indicators[0].groups[0].indicators[0].qualitative_grade = None;
        assert!(has(
            &p,
            Rule::IndicatorQualitativeGradeBlank,
            "indicator.1.qualitative_grade"
        ));
    }

    #[test]
    fn missing_actual_unit_weight() {
        let mut p = clean();
        let i = &mut p.indicators[0].groups[0].indicators[0];
        i.actual = NumberText::new("");
        i.unit = String::new();
        i.target = NumberText::new("10");
        assert!(has(&p, Rule::IndicatorActualBlank, "indicator.1.actual"));
        assert!(has(&p, Rule::IndicatorUnitBlank, "indicator.1.unit"));
        // A unit typed with the target counts.
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("10台");
        assert!(
            !findings(&p)
                .iter()
                .any(|f| f.path.to_string() == "indicator.1.unit")
        );
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("");
        assert!(has(&p, Rule::IndicatorWeightBlank, "indicator.1.weight"));
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("0");
        assert!(has(&p, Rule::IndicatorWeightZero, "indicator.1.weight"));
    }

    /// A 时限 target must be a date or a month of the project's year, its
    /// actual the date it was done; neither asks for a 计量单位.
    #[test]
    fn deadline_targets_are_dates() {
        let mut p = clean();
        let i = &mut p.indicators[0].groups[0].indicators[0];
        i.kind = IndicatorKind::Deadline;
        i.unit = String::new();
        i.target = NumberText::new("11月底前完成");
        i.actual = NumberText::new("2024年11月20日");
        let all = findings(&p);
        assert!(
            !all.iter()
                .any(|f| f.path.to_string().starts_with("indicator.1.")),
            "{all:?}"
        );
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("尽快完成");
        assert!(has(
            &p,
            Rule::IndicatorDeadlineUnreadable,
            "indicator.1.target"
        ));
        // A month needs the project's year.
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("11月底前");
        p.year = String::new();
        assert!(has(
            &p,
            Rule::IndicatorDeadlineUnreadable,
            "indicator.1.target"
        ));
        p.year = "2024".into();
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("按时完成");
        assert!(has(
            &p,
            Rule::IndicatorDeadlineActualNotDate,
            "indicator.1.actual"
        ));
    }

    #[test]
    fn comparator_and_unit_mismatch() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("≤10");
        assert!(has(
            &p,
            Rule::IndicatorTargetKindMismatch,
            "indicator.1.kind"
        ));
    }

    /// A unit written in the value is the unit: no 未填写 warning, whether
    /// it is written in the target or only in the actual.
    #[test]
    fn units_written_in_values_count() {
        for (target, actual) in [
            ("≥200台", "210"),
            ("13", "13个"),
            ("≤1018.55万元", "1000"),
            ("≥99.9%", "99.95"),
            ("11月底前", "11"),
        ] {
            let mut p = clean();
            let i = &mut p.indicators[0].groups[0].indicators[0];
            i.unit = String::new();
            i.target = NumberText::new(target);
            i.actual = NumberText::new(actual);
            i.kind = IndicatorKind::AtLeast;
            assert!(
                !findings(&p)
                    .iter()
                    .any(|f| f.path.to_string() == "indicator.1.unit"),
                "{target} / {actual}"
            );
            // A 申报表 row (no 分值, no actual yet) is not scored: its unit
            // still counts.
            let i = &mut p.indicators[0].groups[0].indicators[0];
            i.weight = NumberText::default();
            i.actual = NumberText::default();
            assert_eq!(
                findings(&p)
                    .iter()
                    .any(|f| f.path.to_string() == "indicator.1.unit"),
                target == "13",
                "{target} without 分值"
            );
        }
    }

    /// Units that convert are compared after conversion; units that do not
    /// are an error naming both, on the target and on the actual alike.
    #[test]
    fn units_that_do_not_convert_are_an_error_naming_both() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("1小时");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("30分钟");
        assert!(!findings(&p).iter().any(|f| f.message.contains("单位")));

        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("≥200台");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("5天");
        assert!(has_with(
            &p,
            Rule::IndicatorActualUnitMismatch,
            "indicator.1.actual",
            "年度指标值的单位“台”与实际完成值的单位“天”不一致"
        ));
        // The target's unit from the 计量单位 field is named as such.
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("≥200");
        assert!(has_with(
            &p,
            Rule::IndicatorActualUnitMismatch,
            "indicator.1.actual",
            "计量单位“台”与实际完成值的单位“天”不一致"
        ));
    }

    #[test]
    fn header_fields() {
        let mut p = clean();
        p.name = " ".into();
        p.department.clear();
        p.implementer.clear();
        p.year = "24年".into();
        assert!(has(&p, Rule::HeaderNameBlank, "name"));
        assert!(has(&p, Rule::HeaderDepartmentBlank, "department"));
        assert!(has(&p, Rule::HeaderImplementerBlank, "implementer"));
        assert!(has(&p, Rule::HeaderYearMalformed, "year"));
    }

    /// 10号 第二十六条: low 执行率 and 中/差 need 整改.
    #[test]
    fn rectification_hints() {
        let mut p = clean();
        p.funds.total = row("100", "100", "50");
        p.funds.current_appropriation = row("100", "100", "50");
        assert!(has(&p, Rule::FundsExecutionRateLow, "funds.total.executed"));
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("1");
        p.indicators[0].groups[0].indicators[0].deviation_reason = "原因".into();
        let ev = evaluate(&p);
        assert!(
            ev.grade
                .is_some_and(crate::rules::Grade::needs_rectification)
        );
        assert!(has(&p, Rule::OutcomeNeedsRectification, "total"));
    }

    #[test]
    fn rule_set_problems_reported() {
        let mut p = clean();
        p.rules.over_achievement_ratio = 0.5;
        assert!(has(&p, Rule::RulesInvalid, "rules"));
    }

    /// An actual that still carries the target's comparison was copied, not
    /// measured (published: 中江县 2022, "≥266米 | ≥266米"); it is still scored.
    #[test]
    fn copied_actuals_are_errors() {
        let mut p = clean();
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("≥266米");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("≥266米");
        p.indicators[0].groups[0].indicators[0].unit = String::new();
        assert!(has_with(
            &p,
            Rule::IndicatorActualCopiedTarget,
            "indicator.1.actual",
            "≥266米"
        ));
        assert_eq!(
            evaluate(&p).indicators[0].score,
            50.0,
            "still parsed and scored"
        );
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("＞300米");
        assert!(has_with(
            &p,
            Rule::IndicatorActualComparator,
            "indicator.1.actual",
            ">"
        ));
        // A plain measurement equal to the target is fine.
        p.indicators[0].groups[0].indicators[0].target = NumberText::new("266米");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("266米");
        assert!(!any_at(&p, Severity::Error, "indicator.1.actual"));
    }

    /// ≥95% met by 0.95: a warning that offers 95%.
    #[test]
    fn fractions_for_rates_offer_the_percentage() {
        let mut p = clean();
        let ind = &mut p.indicators[0].groups[0].indicators[0];
        ind.target = NumberText::new("≥95%");
        ind.actual = NumberText::new("0.95");
        ind.unit = String::new();
        let found: Vec<Finding> = findings(&p)
            .into_iter()
            .filter(|f| f.path.to_string() == "indicator.1.actual")
            .collect();
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule, Rule::IndicatorActualFractionForRate);
        assert_eq!(found[0].fix.as_deref(), Some("95%"));
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("95%");
        assert!(!any_at(&p, Severity::Warning, "indicator.1.actual"));
    }

    /// 10号 第十一条: a missed target needs its reason even when a band
    /// gives full marks (满意度 92% against 95% under 101号 bands).
    #[test]
    fn banded_full_marks_below_target_still_need_a_reason() {
        let mut p = clean();
        p.rules = preset("jiangxi-101").unwrap();
        p.indicators[2].groups[0].indicators[0].actual = NumberText::new("92%");
        p.indicators[2].groups[0].indicators[0].target = NumberText::new("≥95%");
        let ev = evaluate(&p);
        assert_eq!(ev.indicators[2].score, 10.0);
        assert_eq!(ev.indicators[2].attainment, Attainment::Missed);
        assert!(has_with(
            &p,
            Rule::IndicatorReasonMissedAtFullMarks,
            "indicator.3.deviation_reason",
            "≥95%"
        ));
        p.indicators[2].groups[0].indicators[0].deviation_reason = "部分群众反映…".into();
        assert!(!any_at(&p, Severity::Error, "indicator.3.deviation_reason"));
    }

    /// Over-achievement on 反向 indicators is flagged like on 正向 ones.
    #[test]
    fn beating_a_lower_is_better_target_by_far_is_flagged() {
        let mut p = clean();
        let ind = &mut p.indicators[0].groups[0].indicators[0];
        ind.kind = IndicatorKind::AtMost;
        ind.target = NumberText::new("≤10");
        ind.unit = "天".into();
        ind.actual = NumberText::new("6");
        assert!(has_with(
            &p,
            Rule::IndicatorReasonOverAchieved,
            "indicator.1.deviation_reason",
            "60%"
        ));
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("8");
        assert!(!any_at(
            &p,
            Severity::Warning,
            "indicator.1.deviation_reason"
        ));
    }

    /// No grade from weights that add up to 110 (中江县 2022): an error at
    /// the total, and the weight error with the difference.
    #[test]
    fn impossible_totals_are_not_graded() {
        let mut p = clean();
        p.indicators[0].weight = NumberText::new("60");
        p.indicators[0].groups[0].weight = NumberText::new("60");
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("60");
        assert!(has_with(&p, Rule::OutcomeUngraded, "total", "110"));
        assert!(has_with(
            &p,
            Rule::WeightsTotalNot100,
            "indicators",
            "+10.00"
        ));
        assert_eq!(evaluate(&p).grade, None);
    }

    /// 101号: full marks only within budget; 105% scores as 95% (band 70%).
    #[test]
    fn over_budget_under_101_is_not_full() {
        let mut p = clean();
        p.rules = preset("jiangxi-101").unwrap();
        p.funds.total.executed = NumberText::new("105");
        p.funds.current_appropriation.executed = NumberText::new("105");
        let ev = evaluate(&p);
        assert_eq!(ev.execution.score, 7.0);
        assert!(ev.execution.explanation.contains("超出预算，按 95.00% 计"));
        p.rules = RuleSet::default();
        assert_eq!(evaluate(&p).execution.score, 10.0);
        assert!(has(
            &p,
            Rule::FundsExecutedOverBudget,
            "funds.total.executed"
        ));
    }

    /// §5: a figure in the narrative that contradicts the computed 执行率.
    #[test]
    fn narrative_rates() {
        let mut p = clean();
        p.problems = vec!["预算执行率仅为 80%".into()];
        assert!(has_with(
            &p,
            Rule::ProseExecutionRateMismatch,
            "problems.0",
            "80%"
        ));
    }
}
