//! Scoring (10号 第十六条; formulas from 一体化).
//!
//! [`evaluate`] turns the document into scores, each with a one-line
//! explanation. It keeps full precision inside and rounds once, at the
//! total, so the printed total and the grade never disagree. It never fails:
//! whatever cannot be read scores 0 (the 体检, in `checks`, says why).
//! Scoring knows nothing of checks or the report.

use super::date::{parse_deadline, parse_year};
use super::number::{
    NumberError, ParsedNumber, format_percent, format_score, format_value, parse_number, round2,
};
use super::path::{FundsColumn, FundsLine};
use super::project::{Indicator, IndicatorKind, NumberText, Project, QualitativeGrade};
use super::rules::{
    Band, ExecutionScoring, Grade, InverseFormula, OverBudget, QualitativeBand,
    QuantitativeScoring, Rounding, RuleSet, SatisfactionScoring, at_least, band_index,
};
use super::units;

/// How an indicator's actual value compares with its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attainment {
    /// Full score.
    Met,
    /// Full score, and at or beyond the over-achievement threshold: the
    /// target may have been set too low (needs explaining).
    Exceeded,
    /// Below full score (needs 偏差原因).
    Missed,
    /// Missing or unreadable data: scored 0 and reported.
    NotScored,
}

/// 全年预算数 set away from 年初预算数 during the year (调增/调减): stated,
/// since a cut budget makes a high 执行率 easy.
#[derive(Clone, Debug, PartialEq)]
pub struct BudgetChange {
    pub initial: f64,
    pub annual: f64,
    /// 全年执行数 ÷ 年初预算数, when the 执行数 is known.
    pub executed_share_of_initial: Option<f64>,
}

impl BudgetChange {
    /// "全年预算较年初调减 34.41%，全年执行数为年初预算数的 65.59%".
    pub fn sentence(&self) -> String {
        let change = self.annual / self.initial - 1.0;
        let word = if change < 0.0 { "调减" } else { "调增" };
        let mut s = format!("全年预算较年初{word} {}", format_percent(change.abs()));
        if let Some(share) = self.executed_share_of_initial {
            s.push_str(&format!(
                "，全年执行数为年初预算数的 {}",
                format_percent(share)
            ));
        }
        s
    }
}

/// The change of budget in the 年度资金总额 row, if there was one.
pub fn budget_change(project: &Project) -> Option<BudgetChange> {
    let initial = project.amount(FundsLine::Total, FundsColumn::Initial)?;
    let annual = project.amount(FundsLine::Total, FundsColumn::Annual)?;
    if initial <= 0.0 || round2(initial) == round2(annual) {
        return None;
    }
    let executed = project.amount(FundsLine::Total, FundsColumn::Executed);
    Some(BudgetChange {
        initial,
        annual,
        executed_share_of_initial: executed.map(|e| e / initial),
    })
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExecutionScore {
    /// 全年执行数 ÷ 全年预算数 as a fraction (1.0 = 100%); `None` when it
    /// cannot be computed.
    pub rate: Option<f64>,
    pub weight: f64,
    pub score: f64,
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorScore {
    /// (一级, 二级, 三级) indices.
    pub path: (usize, usize, usize),
    pub id: u64,
    /// 分值 as parsed (0 when missing or invalid).
    pub weight: f64,
    /// 得分, unrounded, after any over-achievement reduction.
    pub score: f64,
    pub attainment: Attainment,
    /// One line of arithmetic in Chinese.
    pub explanation: String,
    /// Whether 偏差原因分析及改进措施 must be filled in.
    pub needs_reason: bool,
    /// actual ≥ ratio × target (the 10号 "目标设定偏低" case).
    pub over_achieved: bool,
    /// Points actually taken off for over-achievement.
    pub reduction: f64,
    pub target_value: Option<f64>,
    pub actual_value: Option<f64>,
    /// The unit the figures are compared in: the target's (written in it,
    /// else the 计量单位 field), else the one written in the actual.
    pub unit: String,
    /// Target and actual written in units that do not convert ("台" and
    /// "天"): the sentence naming both; the row is then not scored.
    pub unit_mismatch: Option<String>,
}

/// A 一级 or 二级 group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupScore {
    pub name: String,
    /// The weight in force: the one typed, else the sum of the children.
    pub weight: f64,
    /// The weight typed for the group, when it is a valid number.
    pub declared_weight: Option<f64>,
    /// The sum of the children's weights.
    pub weight_sum: f64,
    pub score: f64,
}

impl GroupScore {
    /// 得分率: score ÷ weight, within [0, 1]; `None` for a group worth nothing.
    pub fn rate(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| (self.score / self.weight).clamp(0.0, 1.0))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Level2Score {
    /// (一级, 二级) indices.
    pub index: (usize, usize),
    pub group: GroupScore,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    pub execution: ExecutionScore,
    /// In table order.
    pub indicators: Vec<IndicatorScore>,
    pub level1: Vec<GroupScore>,
    /// In table order.
    pub level2: Vec<Level2Score>,
    /// 执行率 score + every indicator score, unrounded, before any cap.
    pub raw_total: f64,
    /// The 执行率 ceiling, when it lowered the total.
    pub cap: Option<f64>,
    /// The printed total: capped, then rounded to 2 decimals.
    pub total: f64,
    /// 预算执行率 分值 plus every 一级指标's 分值: 100 in a sound table.
    pub weight_total: f64,
    /// `None` while the 分值 do not add up to 100 (or the total exceeds
    /// 100): no grade is given from an impossible total.
    pub grade: Option<Grade>,
}

impl Evaluation {
    pub fn indicator(&self, path: (usize, usize, usize)) -> Option<&IndicatorScore> {
        self.indicators.iter().find(|s| s.path == path)
    }

    #[cfg(test)]
    pub fn indicator_by_id(&self, id: u64) -> Option<&IndicatorScore> {
        self.indicators.iter().find(|s| s.id == id)
    }

    /// Why no grade can be given, as the panel, report and exports say it:
    /// "不能定级：分值合计 110（应为 100）".
    pub fn ungraded_reason(&self) -> Option<String> {
        if self.grade.is_some() {
            return None;
        }
        if (self.weight_total - 100.0).abs() >= 0.005 {
            Some(format!(
                "不能定级：分值合计 {}（应为 100）",
                format_value(round2(self.weight_total))
            ))
        } else {
            Some(format!(
                "不能定级：总分 {} 超过 100 分",
                format_score(self.total)
            ))
        }
    }

    /// The grade as printed beside the total: 优/良/中/差, or 不能定级.
    pub fn grade_label(&self) -> &'static str {
        self.grade.map_or("不能定级", Grade::label)
    }

    pub fn level2_score(&self, i: usize, j: usize) -> Option<&GroupScore> {
        self.level2
            .iter()
            .find(|s| s.index == (i, j))
            .map(|s| &s.group)
    }
}

/// A valid, non-negative 分值 (or 0 when missing/invalid) and whether it was valid.
pub(crate) fn parse_weight(text: &NumberText) -> Option<f64> {
    match parse_number(text.as_str()) {
        Ok(Some(n)) if n.value >= 0.0 => Some(n.value),
        _ => None,
    }
}

fn parse_value(text: &NumberText) -> Result<Option<ParsedNumber>, NumberError> {
    parse_number(text.as_str())
}

/// `235 台`, `99.9%`: how a quantity reads in an explanation.
fn qty(v: f64, unit: &str) -> String {
    let v = if v < 0.0 {
        format!("−{}", format_value(-v))
    } else {
        format_value(v)
    };
    match unit {
        "" => v,
        "%" | "％" | "‰" => format!("{v}{unit}"),
        _ => format!("{v} {unit}"),
    }
}

fn clamp_score(score: f64, weight: f64) -> f64 {
    if score.is_finite() {
        score.clamp(0.0, weight)
    } else {
        0.0
    }
}

/// Score and explanation of one comparison, before clamping and reduction.
struct Raw {
    score: f64,
    explanation: String,
}

fn full(weight: f64, why: String) -> Raw {
    Raw {
        score: weight,
        explanation: format!("{why}，得满分 {} 分", format_score(weight)),
    }
}

fn zero(why: String) -> Raw {
    Raw {
        score: 0.0,
        explanation: format!("{why}，得 0 分"),
    }
}

/// 正向: actual ≥ target → full; else 分值 × actual ÷ target (or 101号's
/// pass mark on actual ÷ target); negative → 0.
fn score_higher_better(
    w: f64,
    t: f64,
    a: f64,
    unit: &str,
    quantitative: QuantitativeScoring,
) -> Raw {
    let (aq, tq) = (qty(a, unit), qty(t, unit));
    if at_least(a, t) {
        full(w, format!("实际 {aq} ≥ 目标 {tq}"))
    } else if a < 0.0 {
        zero(format!("实际 {aq} 为负数"))
    } else if t <= 0.0 {
        // A target at or below 0 leaves no proportion to take.
        zero(format!("实际 {aq} < 目标 {tq}"))
    } else if let QuantitativeScoring::PassMark { pass } = quantitative {
        pass_mark(w, a / t, pass, &format!("实际 {aq} < 目标 {tq}，完成率"))
    } else {
        let score = w * a / t;
        Raw {
            score,
            explanation: format!(
                "实际 {aq} < 目标 {tq}，得分 = {} × {} ÷ {} = {}",
                format_value(w),
                format_value(a),
                format_value(t),
                format_score(score)
            ),
        }
    }
}

/// 财预〔2021〕101号 §三(七): a 完成率 (`completion`, 1.0 = 100%) below `pass`
/// (in %) scores 0; from it, (完成率 − pass) ÷ (100% − pass) × 分值, e.g.
/// "完成率 85% → (85% − 60%) ÷ 40% × 10 = 6.25". `lead` says where the 完成率
/// comes from.
fn pass_mark(w: f64, completion: f64, pass: f64, lead: &str) -> Raw {
    let percent = completion * 100.0;
    let shown = format!("{}%", format_value(round2(percent)));
    let pass_shown = format!("{}%", format_value(pass));
    if percent < pass - 1e-9 {
        return zero(format!("{lead} {shown}，低于及格线 {pass_shown}"));
    }
    let score = w * (percent - pass) / (100.0 - pass);
    Raw {
        score,
        explanation: format!(
            "{lead} {shown} → ({shown} − {pass_shown}) ÷ {}% × {} = {}",
            format_value(100.0 - pass),
            format_value(w),
            format_score(score)
        ),
    }
}

/// 反向: actual ≤ target → full; else the configured formula. `left` and
/// `right` name the two sides (`实际 1.5 小时`, `目标 1 小时`).
fn score_lower_better(
    w: f64,
    t: f64,
    a: f64,
    formula: InverseFormula,
    quantitative: QuantitativeScoring,
    left: &str,
    right: &str,
) -> Raw {
    if a <= t + 1e-9 * t.abs().max(1.0) {
        return full(w, format!("{left} ≤ {right}"));
    }
    if t <= 0.0 {
        return zero(format!("{left} > {right}"));
    }
    if let QuantitativeScoring::PassMark { pass } = quantitative {
        // The 完成率 of a 反向 indicator is the share its formula leaves.
        let (completion, how) = match formula {
            InverseFormula::Linear => (
                (1.0 - (a - t) / t).max(0.0),
                format!("1 − {} ÷ {}", format_value(a - t), format_value(t)),
            ),
            InverseFormula::Ratio => (t / a, format!("{} ÷ {}", format_value(t), format_value(a))),
        };
        return pass_mark(
            w,
            completion,
            pass,
            &format!("{left} > {right}，完成率 = {how} ="),
        );
    }
    match formula {
        InverseFormula::Linear => {
            if at_least(a, 2.0 * t) {
                zero(format!("{left} ≥ {right} × 2"))
            } else {
                let score = w * (1.0 - (a - t) / t);
                Raw {
                    score,
                    explanation: format!(
                        "{left} > {right}，得分 = {} × (1 − {} ÷ {}) = {}",
                        format_value(w),
                        format_value(a - t),
                        format_value(t),
                        format_score(score)
                    ),
                }
            }
        }
        InverseFormula::Ratio => {
            let score = w * t / a;
            Raw {
                score,
                explanation: format!(
                    "{left} > {right}，得分 = {} × {} ÷ {} = {}",
                    format_value(w),
                    format_value(t),
                    format_value(a),
                    format_score(score)
                ),
            }
        }
    }
}

/// 等于: as 正向, except a target of 0 (e.g. 安全事故 = 0 起) needs actual ≤ 0.
fn score_equal(w: f64, t: f64, a: f64, unit: &str, quantitative: QuantitativeScoring) -> Raw {
    if t == 0.0 {
        let aq = qty(a, unit);
        if a <= 0.0 {
            full(w, format!("目标为 0，实际 {aq} ≤ 0"))
        } else {
            zero(format!("目标为 0，实际 {aq} > 0"))
        }
    } else {
        score_higher_better(w, t, a, unit, quantitative)
    }
}

/// 区间/偏差 ±x: |actual| ≤ x → full; beyond, 反向 against x.
fn score_deviation(w: f64, x: f64, a: f64, unit: &str, formula: InverseFormula) -> Raw {
    let x = x.abs();
    let dev = a.abs();
    let left = format!("偏差 {}", qty(dev, unit));
    let right = format!("允许偏差 ±{}", qty(x, unit));
    if dev <= x + 1e-9 * x.max(1.0) {
        full(w, format!("{left} 在 ±{} 以内", qty(x, unit)))
    } else if x == 0.0 {
        zero(format!("{left} 超出{right}"))
    } else {
        // A deviation band has no 完成率 to hold to a pass mark.
        score_lower_better(
            w,
            x,
            dev,
            formula,
            QuantitativeScoring::Proportional,
            &left,
            &right,
        )
    }
}

/// The `[80%, 90%)` text of band `index`, bounded by the band above it.
fn band_range(bands: &[Band], index: usize) -> String {
    let from = format_value(bands[index].from);
    match index.checked_sub(1).map(|up| bands[up].from) {
        Some(upper) => format!("[{from}%, {}%)", format_value(upper)),
        None => format!("≥ {from}%"),
    }
}

/// Banded score; `lead` is the sentence start, ending in a space or comma.
fn score_banded(w: f64, percent: f64, bands: &[Band], lead: &str) -> Raw {
    match band_index(bands, percent) {
        Some(i) if bands[i].factor >= 1.0 => {
            full(w, format!("{lead}在 {} 档", band_range(bands, i)))
        }
        Some(i) => {
            let score = w * bands[i].factor;
            Raw {
                score,
                explanation: format!(
                    "{lead}在 {} 档，得分 = {} × {}% = {}",
                    band_range(bands, i),
                    format_value(w),
                    format_value(bands[i].factor * 100.0),
                    format_score(score)
                ),
            }
        }
        None => {
            let floor = bands.last().map_or(0.0, |b| b.from);
            zero(format!("{lead}低于 {}%", format_value(floor)))
        }
    }
}

/// The band a 定性 grade allows under `rules`.
pub fn qualitative_band(rules: &RuleSet, g: QualitativeGrade) -> &QualitativeBand {
    let q = &rules.qualitative_bands;
    match g {
        QualitativeGrade::Achieved => &q.achieved,
        QualitativeGrade::PartlyAchieved => &q.partly,
        QualitativeGrade::NotAchieved => &q.not_achieved,
    }
}

/// The score a picked 定性 grade suggests (达成 100%, 部分达成 70%, 未达成 30% of 分值).
pub fn suggested_qualitative_score(rules: &RuleSet, g: QualitativeGrade, weight: f64) -> f64 {
    weight * qualitative_band(rules, g).suggested
}

fn not_scored(
    ind: &Indicator,
    path: (usize, usize, usize),
    weight: f64,
    why: &str,
) -> IndicatorScore {
    IndicatorScore {
        path,
        id: ind.id,
        weight,
        score: 0.0,
        attainment: Attainment::NotScored,
        explanation: format!("{why}，暂不计分（得 0 分）"),
        needs_reason: false,
        over_achieved: false,
        reduction: 0.0,
        target_value: None,
        actual_value: None,
        unit: ind.unit.trim().to_string(),
        unit_mismatch: None,
    }
}

/// 时限: a completion on or before the deadline → full, later → 0 (a date
/// is met or it is not; 101号 scores 是/否 targets full or nothing). A
/// completion that is not a date scores 0 and says what to write.
fn score_deadline(
    ind: &Indicator,
    path: (usize, usize, usize),
    w: f64,
    year: Option<i32>,
) -> IndicatorScore {
    let target = ind.target.as_str().trim();
    if target.is_empty() {
        return not_scored(ind, path, w, "年度指标值（完成时限）未填写");
    }
    let Some(deadline) = parse_deadline(target, year) else {
        let why = if year.is_none() && target.contains('月') && !target.contains('年') {
            format!("完成时限“{target}”未写年份，且项目年度未填写")
        } else {
            format!("完成时限“{target}”不是可识别的日期")
        };
        return not_scored(ind, path, w, &why);
    };
    let actual = ind.actual.as_str().trim();
    if actual.is_empty() {
        return not_scored(ind, path, w, "实际完成值（完成日期）未填写");
    }
    // A completion without a year is in the deadline's year.
    let raw = match parse_deadline(actual, Some(deadline.year)) {
        Some(done) if done <= deadline => full(
            w,
            format!("{}完成，不晚于时限 {}", done.chinese(), deadline.chinese()),
        ),
        Some(done) => zero(format!(
            "{}完成，晚于时限 {}",
            done.chinese(),
            deadline.chinese()
        )),
        None => zero(format!(
            "实际完成值“{actual}”不是日期，无法与时限 {} 比较（请填写完成日期）",
            deadline.chinese()
        )),
    };
    finish(ind, path, w, raw, false, "")
}

/// Whether `a` reaches the over-achievement threshold against target `t`.
pub fn is_over_achieved(rules: &RuleSet, t: f64, a: f64) -> bool {
    if t > 0.0 {
        at_least(a, rules.over_achievement_ratio * t)
    } else if t == 0.0 {
        at_least(a, rules.over_achievement_zero_target)
    } else {
        // With a negative target "130% of it" has no meaning.
        false
    }
}

/// For 反向 indicators, beating the target by as much: an actual at or below
/// (2 − ratio) × target (70% of it at the usual 130%) suggests a target set
/// too loose.
pub fn is_over_achieved_lower(rules: &RuleSet, t: f64, a: f64) -> bool {
    let share = 2.0 - rules.over_achievement_ratio;
    t > 0.0 && share > 0.0 && a >= 0.0 && a <= t * share + 1e-9 * t
}

/// Scores one 三级指标 under `rules`, rounded as the rule set prints scores.
/// `year` is the project's (a deadline that names only a month or a day
/// is in it).
pub fn score_indicator(
    ind: &Indicator,
    path: (usize, usize, usize),
    rules: &RuleSet,
    year: Option<i32>,
) -> IndicatorScore {
    let mut s = score_exact(ind, path, rules, year);
    if rules.rounding == Rounding::PerIndicator {
        s.score = round2(s.score);
    }
    s
}

fn score_exact(
    ind: &Indicator,
    path: (usize, usize, usize),
    rules: &RuleSet,
    year: Option<i32>,
) -> IndicatorScore {
    let Some(w) = parse_weight(&ind.weight) else {
        return not_scored(ind, path, 0.0, "分值未填写或无效");
    };
    let unit_field = ind.unit.trim();

    if ind.kind == IndicatorKind::Deadline {
        return score_deadline(ind, path, w, year);
    }

    if ind.kind == IndicatorKind::Qualitative {
        let Some(g) = ind.qualitative_grade else {
            return not_scored(ind, path, w, "未选择定性评价等级");
        };
        let band = qualitative_band(rules, g);
        let entered = match parse_value(&ind.qualitative_score) {
            Ok(None) => w * band.suggested,
            Ok(Some(n)) => n.value,
            Err(_) => return not_scored(ind, path, w, "定性得分无法识别"),
        };
        let score = clamp_score(entered, w);
        let share = if w > 0.0 { score / w * 100.0 } else { 0.0 };
        let mut s = finish(
            ind,
            path,
            w,
            Raw {
                score,
                explanation: format!(
                    "定性评价“{}”，得分 {} 分（分值的 {}%）",
                    g.label(),
                    format_score(score),
                    format_value(round2(share))
                ),
            },
            false,
            unit_field,
        );
        if g != QualitativeGrade::Achieved && s.attainment == Attainment::Met {
            // A lower grade is a miss even if the user typed the full score.
            s.attainment = Attainment::Missed;
            s.needs_reason = true;
        }
        return s;
    }

    let target = parse_value(&ind.target);
    let actual = parse_value(&ind.actual);
    let units = read_units(unit_field, &target, &actual);
    let unit = units.unit.clone();
    if let Some(mismatch) = &units.mismatch {
        let mut s = with_unit(not_scored(ind, path, w, mismatch), &unit);
        s.unit_mismatch = Some(mismatch.clone());
        return s;
    }
    let a = match actual {
        Ok(Some(n)) => n.value * units.actual_factor,
        Ok(None) => return with_unit(not_scored(ind, path, w, "实际完成值未填写"), &unit),
        Err(_) => return with_unit(not_scored(ind, path, w, "实际完成值无法识别"), &unit),
    };

    if let (IndicatorKind::Satisfaction, SatisfactionScoring::Banded(bands)) =
        (ind.kind, &rules.satisfaction_scoring)
    {
        let raw = score_banded(w, a, bands, &format!("满意度 {} ", qty(a, "%")));
        let t = target.ok().flatten().map(|n| n.value);
        let mut s = finish(ind, path, w, raw, false, &unit);
        if let Some(note) = &units.conversion {
            s.explanation.insert_str(0, note);
        }
        s.target_value = t;
        s.actual_value = Some(a);
        // The band may give full marks below the target (92% against 95%):
        // still a missed target, which 10号 第十一条 asks to explain.
        if let Some(t) = t.filter(|t| !at_least(a, *t)) {
            s.attainment = Attainment::Missed;
            s.needs_reason = true;
            s.explanation
                .push_str(&format!("；低于年度指标值 {}，须说明偏差原因", qty(t, "%")));
        }
        return s;
    }

    let t = match target {
        Ok(Some(n)) => n.value,
        Ok(None) => return with_unit(not_scored(ind, path, w, "年度指标值未填写"), &unit),
        Err(_) => return with_unit(not_scored(ind, path, w, "年度指标值无法识别"), &unit),
    };

    let formula = rules.inverse_formula;
    let quantitative = rules.quantitative_scoring;
    let (raw, over) = match ind.kind {
        IndicatorKind::AtLeast | IndicatorKind::MoreThan | IndicatorKind::Satisfaction => (
            score_higher_better(w, t, a, &unit, quantitative),
            is_over_achieved(rules, t, a),
        ),
        IndicatorKind::Equal => (
            score_equal(w, t, a, &unit, quantitative),
            t != 0.0 && is_over_achieved(rules, t, a),
        ),
        IndicatorKind::AtMost | IndicatorKind::LessThan => {
            let left = format!("实际 {}", qty(a, &unit));
            let right = format!("目标 {}", qty(t, &unit));
            (
                score_lower_better(w, t, a, formula, quantitative, &left, &right),
                is_over_achieved_lower(rules, t, a),
            )
        }
        IndicatorKind::Deviation => (score_deviation(w, t, a, &unit, formula), false),
        IndicatorKind::Qualitative | IndicatorKind::Deadline => unreachable!("handled above"),
    };
    let mut s = finish(ind, path, w, raw, over, &unit);
    if let Some(note) = &units.conversion {
        s.explanation.insert_str(0, note);
    }
    s.target_value = Some(t);
    s.actual_value = Some(a);
    if over && s.attainment == Attainment::Exceeded && s.reduction == 0.0 {
        let share = if t > 0.0 {
            format!("为目标的 {}%", format_value(round2(a / t * 100.0)))
        } else {
            format!("达到 {}", format_value(a))
        };
        s.explanation.push_str(&format!(
            "；实际{share}，属超额完成，请说明目标设定是否偏低"
        ));
    }
    s
}

/// The units of a target and an actual, each written in its value or
/// else taken from the 计量单位 field, brought to one.
#[derive(Debug, PartialEq)]
struct UnitReading {
    /// The unit figures are compared and explained in.
    unit: String,
    /// Multiplies the actual into `unit` (1 when no conversion is needed).
    actual_factor: f64,
    /// "单位换算：36 小时 = 1.5 天；", shown before the arithmetic.
    conversion: Option<String>,
    /// Units that do not convert, named both.
    mismatch: Option<String>,
}

fn read_units(
    unit_field: &str,
    target: &Result<Option<ParsedNumber>, NumberError>,
    actual: &Result<Option<ParsedNumber>, NumberError>,
) -> UnitReading {
    let written = |r: &Result<Option<ParsedNumber>, NumberError>| {
        r.as_ref()
            .ok()
            .and_then(|o| o.as_ref())
            .and_then(|n| n.unit.clone())
    };
    // A field with nothing visible in it (a stray control character, which
    // no .xlsx can carry) names no unit.
    let field = (!units::canonical(unit_field).is_empty()).then(|| unit_field.to_string());
    // Which words name the target's unit in a message: the value's own, or the field.
    let (target_unit, target_label) = match (written(target), &field) {
        (Some(u), _) => (Some(u), "年度指标值的单位"),
        (None, Some(f)) => (Some(f.clone()), "计量单位"),
        (None, None) => (None, ""),
    };
    let actual_unit = written(actual);
    let unit = target_unit
        .clone()
        .or_else(|| actual_unit.clone())
        .unwrap_or_default();
    let mut reading = UnitReading {
        unit,
        actual_factor: 1.0,
        conversion: None,
        mismatch: None,
    };
    let (Some(t_unit), Some(a_unit)) = (target_unit, actual_unit) else {
        return reading;
    };
    match units::factor(&a_unit, &t_unit) {
        // One spelling of the same unit: nothing to convert.
        Some(1.0) => {}
        Some(f) => {
            reading.actual_factor = f;
            if let Ok(Some(a)) = actual {
                reading.conversion = Some(format!(
                    "单位换算：{} = {}；",
                    qty(a.value, &a_unit),
                    qty(a.value * f, &t_unit)
                ));
            }
        }
        None => {
            reading.mismatch = Some(format!(
                "{target_label}“{t_unit}”与实际完成值的单位“{a_unit}”不一致"
            ));
        }
    }
    reading
}

fn with_unit(mut s: IndicatorScore, unit: &str) -> IndicatorScore {
    s.unit = unit.to_string();
    s
}

/// Clamps, applies the over-achievement reduction, and classifies.
fn finish(
    ind: &Indicator,
    path: (usize, usize, usize),
    w: f64,
    raw: Raw,
    over: bool,
    unit: &str,
) -> IndicatorScore {
    let base = clamp_score(raw.score, w);
    let is_full = base >= w - 1e-9 * w.max(1.0);
    let mut explanation = raw.explanation;
    // 10号 第十六条 "适度调减": only ever subtracts, and never below 0.
    let reduction = match parse_value(&ind.over_achievement_reduction) {
        Ok(Some(n)) if n.value > 0.0 => n.value.min(base),
        _ => 0.0,
    };
    let score = base - reduction;
    if reduction > 0.0 {
        explanation.push_str(&format!(
            "；因目标设定偏低调减 {} 分，得 {} 分",
            format_score(reduction),
            format_score(score)
        ));
    }
    let attainment = if !is_full {
        Attainment::Missed
    } else if over {
        Attainment::Exceeded
    } else {
        Attainment::Met
    };
    let needs_reason = matches!(attainment, Attainment::Missed | Attainment::Exceeded)
        || score < w - 1e-9 * w.max(1.0);
    IndicatorScore {
        path,
        id: ind.id,
        weight: w,
        score,
        attainment,
        explanation,
        needs_reason,
        over_achieved: over,
        reduction,
        target_value: None,
        actual_value: None,
        unit: unit.to_string(),
        unit_mismatch: None,
    }
}

/// 预算执行率 score from the 年度资金总额 row (全年执行数 ÷ 全年预算数).
pub fn score_execution(project: &Project) -> ExecutionScore {
    let rules = &project.rules;
    let weight = if rules.execution_weight.is_finite() {
        rules.execution_weight.max(0.0)
    } else {
        0.0
    };
    let budget = project.amount(FundsLine::Total, FundsColumn::Annual);
    let executed = project.amount(FundsLine::Total, FundsColumn::Executed);
    let (b, e) = match (budget, executed) {
        (Some(b), Some(e)) if b > 0.0 => (b, e),
        (Some(b), _) if b <= 0.0 => {
            return ExecutionScore {
                rate: None,
                weight,
                score: 0.0,
                explanation: "全年预算数不大于 0，执行率无法计算，得 0 分".to_string(),
            };
        }
        (None, _) => {
            return ExecutionScore {
                rate: None,
                weight,
                score: 0.0,
                explanation: "全年预算数未填写或无法识别，执行率无法计算，得 0 分".to_string(),
            };
        }
        _ => {
            return ExecutionScore {
                rate: None,
                weight,
                score: 0.0,
                explanation: "全年执行数未填写或无法识别，执行率无法计算，得 0 分".to_string(),
            };
        }
    };
    let rate = e / b;
    let rate = if rate.is_finite() { rate } else { 0.0 };
    let head = format!(
        "执行率 = {} ÷ {} = {}",
        format_value(e),
        format_value(b),
        format_percent(rate)
    );
    // Spending beyond the budget is scored as the rule set says.
    let used = rules.over_budget.scored_rate(rate).max(0.0);
    let note = if rate > 1.0 {
        match rules.over_budget {
            OverBudget::CountAsFull => "，超过 100% 按 100% 计".to_string(),
            OverBudget::CountAsShortfall => {
                format!("，超出预算，按 {} 计", format_percent(used))
            }
            OverBudget::Zero => "，超出预算，按所用规则不得分".to_string(),
        }
    } else {
        String::new()
    };
    let (score, explanation) = match &rules.execution_scoring {
        ExecutionScoring::Proportional => {
            let used = used.min(1.0);
            let score = clamp_score(weight * used, weight);
            (
                score,
                format!(
                    "{head}{note}，得分 = {} × {} = {}",
                    format_value(weight),
                    format_percent(used),
                    format_score(score)
                ),
            )
        }
        ExecutionScoring::Banded(bands) => {
            let raw = score_banded(weight, used * 100.0, bands, &format!("{head}{note}，"));
            (clamp_score(raw.score, weight), raw.explanation)
        }
    };
    let score = match rules.rounding {
        Rounding::PerIndicator => round2(score),
        Rounding::Once => score,
    };
    ExecutionScore {
        rate: Some(rate),
        weight,
        score,
        explanation,
    }
}

/// The 执行率 ceiling on the total, if the rule set has one and it applies.
fn cap_for(rules: &RuleSet, rate: Option<f64>) -> Option<f64> {
    let percent = rate? * 100.0;
    rules
        .total_cap
        .as_ref()?
        .iter()
        .filter(|c| !at_least(percent, c.below))
        .map(|c| c.max_total)
        .fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.min(c))))
}

/// Scores the whole project and runs the 体检 checks.
pub fn evaluate(project: &Project) -> Evaluation {
    let rules = &project.rules;
    let execution = score_execution(project);
    let year = parse_year(&project.year);

    let mut indicators = Vec::new();
    let mut level1 = Vec::with_capacity(project.indicators.len());
    let mut level2 = Vec::new();
    for (i, l1) in project.indicators.iter().enumerate() {
        let mut l1_sum = 0.0;
        let mut l1_score = 0.0;
        for (j, l2) in l1.groups.iter().enumerate() {
            let mut l2_sum = 0.0;
            let mut l2_score = 0.0;
            for (k, ind) in l2.indicators.iter().enumerate() {
                let s = score_indicator(ind, (i, j, k), rules, year);
                l2_sum += s.weight;
                l2_score += s.score;
                indicators.push(s);
            }
            let declared = parse_weight(&l2.weight);
            let weight = declared.unwrap_or(l2_sum);
            l1_sum += weight;
            l1_score += l2_score;
            level2.push(Level2Score {
                index: (i, j),
                group: GroupScore {
                    name: l2.name.clone(),
                    weight,
                    declared_weight: declared,
                    weight_sum: l2_sum,
                    score: l2_score,
                },
            });
        }
        let declared = parse_weight(&l1.weight);
        level1.push(GroupScore {
            name: l1.name.clone(),
            weight: declared.unwrap_or(l1_sum),
            declared_weight: declared,
            weight_sum: l1_sum,
            score: l1_score,
        });
    }

    let raw_total = execution.score + indicators.iter().map(|s| s.score).sum::<f64>();
    let raw_total = if raw_total.is_finite() {
        raw_total
    } else {
        0.0
    };
    let cap = cap_for(rules, execution.rate).filter(|c| raw_total > *c);
    let total = round2(cap.unwrap_or(raw_total).max(0.0));
    let weight_total = execution.weight + level1.iter().map(|g| g.weight).sum::<f64>();
    let sound = (weight_total - 100.0).abs() < 0.005 && total <= 100.0 + 1e-9;
    let grade = sound.then(|| rules.grade(total));

    Evaluation {
        execution,
        indicators,
        level1,
        level2,
        raw_total,
        cap,
        total,
        weight_total,
        grade,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{FundsRow, Level1, Level2};
    use crate::rules::{CapBand, preset};

    fn ind(kind: IndicatorKind, target: &str, actual: &str, weight: &str) -> Indicator {
        Indicator {
            id: 1,
            name: "指标".into(),
            kind,
            target: NumberText::new(target),
            unit: String::new(),
            actual: NumberText::new(actual),
            weight: NumberText::new(weight),
            ..Indicator::default()
        }
    }

    fn score_with(rules: &RuleSet, i: &Indicator) -> IndicatorScore {
        score_indicator(i, (0, 0, 0), rules, Some(2023))
    }

    fn score(i: &Indicator) -> IndicatorScore {
        score_with(&RuleSet::default(), i)
    }

    /// 时限: done on or before the deadline → full, later or not a date → 0,
    /// each with its dates; a month means its last day of the project's year.
    #[test]
    fn deadlines_are_met_or_missed() {
        let on_time = score(&ind(
            IndicatorKind::Deadline,
            "11月底前完成",
            "11月30日",
            "5",
        ));
        assert_eq!(on_time.score, 5.0);
        assert_eq!(on_time.attainment, Attainment::Met);
        assert!(
            on_time.explanation.contains("2023年11月30日"),
            "{}",
            on_time.explanation
        );
        let late = score(&ind(
            IndicatorKind::Deadline,
            "2023年6月30日前",
            "2023-07-01",
            "5",
        ));
        assert_eq!(late.score, 0.0);
        assert_eq!(late.attainment, Attainment::Missed);
        assert!(
            late.explanation.contains("晚于时限 2023年6月30日"),
            "{}",
            late.explanation
        );
        let words = score(&ind(IndicatorKind::Deadline, "12月31日前", "已完成", "5"));
        assert_eq!(words.score, 0.0);
        assert!(
            words.explanation.contains("不是日期"),
            "{}",
            words.explanation
        );
        let unreadable = score(&ind(IndicatorKind::Deadline, "尽快", "2023-07-01", "5"));
        assert_eq!(unreadable.attainment, Attainment::NotScored);
        assert!(unreadable.explanation.contains("不是可识别的日期"));
        // Without a project year a month alone is no date.
        let no_year = score_indicator(
            &ind(IndicatorKind::Deadline, "11月底前", "2023-11-01", "5"),
            (0, 0, 0),
            &RuleSet::default(),
            None,
        );
        assert!(
            no_year.explanation.contains("未写年份"),
            "{}",
            no_year.explanation
        );
    }

    fn approx(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9, "{a} != {b}");
    }

    fn pass_mark_rules() -> RuleSet {
        RuleSet {
            quantitative_scoring: QuantitativeScoring::PASS_MARK_101,
            ..RuleSet::default()
        }
    }

    /// 财预〔2021〕101号 §三(七): (完成率 − 60%) ÷ 40% × 分值, shown as worked.
    #[test]
    fn pass_mark_scores_the_share_above_sixty_percent() {
        let s = score_with(
            &pass_mark_rules(),
            &ind(IndicatorKind::AtLeast, "200", "170", "10"),
        );
        approx(s.score, 6.25);
        assert!(
            s.explanation
                .contains("完成率 85% → (85% − 60%) ÷ 40% × 10 = 6.25"),
            "{}",
            s.explanation
        );
        assert_eq!(s.attainment, Attainment::Missed);
        // The same indicator under 10号: 分值 × 完成率.
        approx(
            score(&ind(IndicatorKind::AtLeast, "200", "170", "10")).score,
            8.5,
        );
    }

    #[test]
    fn pass_mark_gives_nothing_below_sixty_and_full_at_target() {
        let rules = pass_mark_rules();
        let below = score_with(&rules, &ind(IndicatorKind::AtLeast, "200", "119", "10"));
        approx(below.score, 0.0);
        assert!(
            below.explanation.contains("低于及格线 60%"),
            "{}",
            below.explanation
        );
        approx(
            score_with(&rules, &ind(IndicatorKind::AtLeast, "200", "120", "10")).score,
            0.0,
        );
        approx(
            score_with(&rules, &ind(IndicatorKind::AtLeast, "200", "200", "10")).score,
            10.0,
        );
        approx(
            score_with(&rules, &ind(IndicatorKind::Equal, "100", "90", "20")).score,
            15.0,
        );
    }

    #[test]
    fn pass_mark_holds_a_lower_is_better_indicator_to_the_share_its_formula_leaves() {
        let rules = pass_mark_rules();
        // 1.2 hours against ≤ 1: 完成率 = 1 − 0.2 ÷ 1 = 80% → (80 − 60) ÷ 40 × 10 = 5.
        let s = score_with(&rules, &ind(IndicatorKind::AtMost, "1", "1.2", "10"));
        approx(s.score, 5.0);
        assert!(
            s.explanation.contains("完成率 = 1 − 0.2 ÷ 1 = 80%"),
            "{}",
            s.explanation
        );
        let ratio = RuleSet {
            inverse_formula: InverseFormula::Ratio,
            ..rules
        };
        // 目标 ÷ 实际 = 1 ÷ 2 = 50% < 60%.
        approx(
            score_with(&ratio, &ind(IndicatorKind::AtMost, "1", "2", "10")).score,
            0.0,
        );
    }

    #[test]
    fn the_central_preset_uses_the_pass_mark_and_old_rule_files_do_not() {
        let central = preset("central-101").unwrap();
        assert_eq!(
            central.quantitative_scoring,
            QuantitativeScoring::PASS_MARK_101
        );
        assert!(central.problems().is_empty(), "{:?}", central.problems());
        // A rule set written before the option has no such field.
        let mut json = serde_json::to_value(RuleSet::default()).unwrap();
        json.as_object_mut().unwrap().remove("quantitative_scoring");
        let old: RuleSet = serde_json::from_value(json).unwrap();
        assert_eq!(old.quantitative_scoring, QuantitativeScoring::Proportional);
        let bad = RuleSet {
            quantitative_scoring: QuantitativeScoring::PassMark { pass: 100.0 },
            ..RuleSet::default()
        };
        assert!(bad.problems().iter().any(|p| p.contains("及格线")));
    }

    /// 正向: actual ≥ target → full, with the worked explanation.
    #[test]
    fn higher_better_met() {
        let mut i = ind(IndicatorKind::AtLeast, "≥200", "235", "20");
        i.unit = "台".into();
        let s = score(&i);
        assert_eq!(s.score, 20.0);
        assert_eq!(s.attainment, Attainment::Met);
        assert!(!s.needs_reason);
        assert_eq!(s.explanation, "实际 235 台 ≥ 目标 200 台，得满分 20.00 分");
    }

    /// 正向: below target → 分值 × actual ÷ target.
    #[test]
    fn higher_better_proportional() {
        let s = score(&ind(IndicatorKind::AtLeast, "200台", "150", "20"));
        approx(s.score, 15.0);
        assert_eq!(s.attainment, Attainment::Missed);
        assert!(s.needs_reason);
        assert_eq!(s.unit, "台");
        assert_eq!(
            s.explanation,
            "实际 150 台 < 目标 200 台，得分 = 20 × 150 ÷ 200 = 15.00"
        );
        // 正向 > is scored the same way.
        approx(
            score(&ind(IndicatorKind::MoreThan, ">200", "100", "20")).score,
            10.0,
        );
    }

    /// 正向: a negative actual scores 0.
    #[test]
    fn higher_better_negative_actual() {
        let s = score(&ind(IndicatorKind::AtLeast, "10", "-5", "20"));
        assert_eq!(s.score, 0.0);
        assert_eq!(s.attainment, Attainment::Missed);
        assert!(s.explanation.contains("负数"));
    }

    /// 正向 with target 0: any actual ≥ 0 is full; negative is 0.
    #[test]
    fn higher_better_zero_target() {
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "0", "0", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "0", "5", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "0", "-1", "10")).score,
            0.0
        );
    }

    /// 反向 linear: 分值 × (1 − (a − t) ÷ t).
    /// Target and actual in units that convert compare after conversion,
    /// and the explanation shows it.
    #[test]
    fn units_that_convert_are_compared_after_conversion() {
        let i = ind(IndicatorKind::AtMost, "≤1018.55万元", "10185500元", "10");
        let s = score(&i);
        approx(s.score, 10.0);
        assert_eq!(s.unit, "万元");
        assert!(
            s.explanation
                .starts_with("单位换算：10185500 元 = 1018.55 万元；"),
            "{}",
            s.explanation
        );
        assert_eq!(s.unit_mismatch, None);

        let s = score(&ind(IndicatorKind::AtLeast, "≥2天", "36小时", "10"));
        approx(s.score, 7.5);
        assert!(
            s.explanation.contains("36 小时 = 1.5 天"),
            "{}",
            s.explanation
        );

        let s = score(&ind(IndicatorKind::AtMost, "≤5‰", "0.4%", "10"));
        approx(s.score, 10.0);
        assert!(s.explanation.contains("0.4% = 4‰"), "{}", s.explanation);

        // The same unit spelt two ways is no conversion.
        let s = score(&ind(IndicatorKind::AtLeast, "≥95%", "96百分比", "10"));
        assert!(!s.explanation.contains("换算"), "{}", s.explanation);
    }

    #[test]
    fn units_that_do_not_convert_are_not_scored() {
        let s = score(&ind(IndicatorKind::AtLeast, "≥200台", "5天", "10"));
        assert_eq!(s.attainment, Attainment::NotScored);
        assert_eq!(
            s.unit_mismatch.as_deref(),
            Some("年度指标值的单位“台”与实际完成值的单位“天”不一致")
        );
        assert!(s.explanation.contains("不一致"), "{}", s.explanation);
        let mut i = ind(IndicatorKind::AtLeast, "≥200", "5天", "10");
        i.unit = "台".into();
        assert_eq!(
            score(&i).unit_mismatch.as_deref(),
            Some("计量单位“台”与实际完成值的单位“天”不一致")
        );
    }

    /// A unit written only in the value is the unit read.
    #[test]
    fn the_unit_is_read_from_the_values() {
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "≥200台", "210", "10")).unit,
            "台"
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "13", "13个", "10")).unit,
            "个"
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtLeast, "99.9%", "", "10")).unit,
            "%"
        );
        let mut i = ind(IndicatorKind::AtLeast, "≥200", "210", "10");
        i.unit = "台".into();
        assert_eq!(score(&i).unit, "台");
    }

    #[test]
    fn lower_better_linear() {
        let mut i = ind(IndicatorKind::AtMost, "≤1", "1.5", "10");
        i.unit = "小时".into();
        let s = score(&i);
        approx(s.score, 5.0);
        assert_eq!(
            s.explanation,
            "实际 1.5 小时 > 目标 1 小时，得分 = 10 × (1 − 0.5 ÷ 1) = 5.00"
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtMost, "1", "1", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtMost, "1", "0.2", "10")).score,
            10.0
        );
        approx(
            score(&ind(IndicatorKind::LessThan, "<4", "5", "10")).score,
            7.5,
        );
    }

    /// 反向 linear: actual exactly 2 × target → 0; just below → just above 0.
    #[test]
    fn lower_better_at_twice_target() {
        let s = score(&ind(IndicatorKind::AtMost, "1", "2", "10"));
        assert_eq!(s.score, 0.0);
        assert_eq!(s.explanation, "实际 2 ≥ 目标 1 × 2，得 0 分");
        assert_eq!(
            score(&ind(IndicatorKind::AtMost, "1", "3", "10")).score,
            0.0
        );
        assert!(score(&ind(IndicatorKind::AtMost, "1", "1.99", "10")).score > 0.0);
    }

    /// 反向 ratio (older tables): 分值 × t ÷ a.
    #[test]
    fn lower_better_ratio() {
        let rules = RuleSet {
            inverse_formula: InverseFormula::Ratio,
            ..RuleSet::default()
        };
        let s = score_with(&rules, &ind(IndicatorKind::AtMost, "1", "2", "10"));
        approx(s.score, 5.0);
        assert_eq!(s.explanation, "实际 2 > 目标 1，得分 = 10 × 1 ÷ 2 = 5.00");
        approx(
            score_with(&rules, &ind(IndicatorKind::AtMost, "3", "4", "12")).score,
            9.0,
        );
    }

    /// 反向 with target 0: only 0 (or less) scores.
    #[test]
    fn lower_better_zero_target() {
        assert_eq!(
            score(&ind(IndicatorKind::AtMost, "0", "0", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::AtMost, "0", "1", "10")).score,
            0.0
        );
    }

    /// 等于: as 正向; target 0 → actual ≤ 0 full, else 0.
    #[test]
    fn equal_rules() {
        approx(
            score(&ind(IndicatorKind::Equal, "=10", "8", "10")).score,
            8.0,
        );
        assert_eq!(
            score(&ind(IndicatorKind::Equal, "=10", "10", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::Equal, "0", "0", "10")).score,
            10.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::Equal, "0", "-1", "10")).score,
            10.0
        );
        let s = score(&ind(IndicatorKind::Equal, "=0", "1", "10"));
        assert_eq!(s.score, 0.0);
        assert!(s.explanation.contains("目标为 0"));
    }

    /// 区间/偏差 ±x: |a| ≤ x full; beyond → 反向 against x; x = 0 → 0.
    #[test]
    fn deviation_rules() {
        let s = score(&ind(IndicatorKind::Deviation, "±0%", "0", "20"));
        assert_eq!(s.score, 20.0);
        assert_eq!(s.explanation, "偏差 0% 在 ±0% 以内，得满分 20.00 分");
        assert_eq!(
            score(&ind(IndicatorKind::Deviation, "±0%", "0.1", "20")).score,
            0.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::Deviation, "±0%", "-0.1", "20")).score,
            0.0
        );
        assert_eq!(
            score(&ind(IndicatorKind::Deviation, "±5%", "-5", "20")).score,
            20.0
        );
        let s = score(&ind(IndicatorKind::Deviation, "±2%", "3", "20"));
        approx(s.score, 10.0);
        assert_eq!(
            s.explanation,
            "偏差 3% > 允许偏差 ±2%，得分 = 20 × (1 − 1 ÷ 2) = 10.00"
        );
        assert_eq!(
            score(&ind(IndicatorKind::Deviation, "±2%", "-4", "20")).score,
            0.0
        );
        let rules = RuleSet {
            inverse_formula: InverseFormula::Ratio,
            ..RuleSet::default()
        };
        approx(
            score_with(&rules, &ind(IndicatorKind::Deviation, "2", "4", "20")).score,
            10.0,
        );
    }

    fn qual(grade: Option<QualitativeGrade>, entered: &str) -> Indicator {
        Indicator {
            kind: IndicatorKind::Qualitative,
            weight: NumberText::new("20"),
            qualitative_grade: grade,
            qualitative_score: NumberText::new(entered),
            target: NumberText::new("按计划完成"),
            actual: NumberText::new("已按计划完成"),
            ..Indicator::default()
        }
    }

    /// 定性: suggested scores 100% / 70% / 30% of 分值 when left blank.
    #[test]
    fn qualitative_suggested() {
        let s = score(&qual(Some(QualitativeGrade::Achieved), ""));
        assert_eq!((s.score, s.attainment), (20.0, Attainment::Met));
        assert!(s.explanation.contains("达成年度指标"));
        let s = score(&qual(Some(QualitativeGrade::PartlyAchieved), ""));
        approx(s.score, 14.0);
        assert_eq!(s.attainment, Attainment::Missed);
        approx(
            score(&qual(Some(QualitativeGrade::NotAchieved), "")).score,
            6.0,
        );
        assert_eq!(
            suggested_qualitative_score(
                &RuleSet::default(),
                QualitativeGrade::PartlyAchieved,
                10.0
            ),
            7.0
        );
    }

    /// 定性: band edges score as entered (0.8 × 分值 in 达成, 0.6 in 部分达成).
    #[test]
    fn qualitative_band_edges() {
        let s = score(&qual(Some(QualitativeGrade::Achieved), "16"));
        assert_eq!((s.score, s.attainment), (16.0, Attainment::Missed));
        assert!(s.needs_reason);
        assert_eq!(
            score(&qual(Some(QualitativeGrade::PartlyAchieved), "12")).score,
            12.0
        );
        // Outside the band is still scored as entered (clamped to [0, 分值]).
        assert_eq!(
            score(&qual(Some(QualitativeGrade::NotAchieved), "18")).score,
            18.0
        );
        assert_eq!(
            score(&qual(Some(QualitativeGrade::Achieved), "25")).score,
            20.0
        );
        assert_eq!(
            score(&qual(Some(QualitativeGrade::Achieved), "-3")).score,
            0.0
        );
        // A lower grade with a full score still counts as missed.
        assert_eq!(
            score(&qual(Some(QualitativeGrade::PartlyAchieved), "20")).attainment,
            Attainment::Missed
        );
    }

    /// 定性 without a grade is not scored.
    #[test]
    fn qualitative_without_grade() {
        let s = score(&qual(None, ""));
        assert_eq!((s.score, s.attainment), (0.0, Attainment::NotScored));
        assert_eq!(
            score(&qual(Some(QualitativeGrade::Achieved), "abc")).attainment,
            Attainment::NotScored
        );
    }

    /// 满意度 proportional: as 正向 against the target rate.
    #[test]
    fn satisfaction_proportional() {
        assert_eq!(
            score(&ind(IndicatorKind::Satisfaction, "≥90%", "95%", "10")).score,
            10.0
        );
        approx(
            score(&ind(IndicatorKind::Satisfaction, "≥90%", "81%", "10")).score,
            9.0,
        );
    }

    /// 满意度 101号 bands: ≥90 full, [80,90) 80%, [60,80) 50%, <60 0.
    #[test]
    fn satisfaction_banded_edges() {
        let rules = preset("jiangxi-101").unwrap();
        let s = |a: &str| score_with(&rules, &ind(IndicatorKind::Satisfaction, "", a, "10"));
        assert_eq!(s("90").score, 10.0);
        assert_eq!(s("100").score, 10.0);
        approx(s("89.99").score, 8.0);
        approx(s("80").score, 8.0);
        approx(s("79.99").score, 5.0);
        approx(s("60").score, 5.0);
        assert_eq!(s("59.99").score, 0.0);
        assert_eq!(
            s("85").explanation,
            "满意度 85% 在 [80%, 90%) 档，得分 = 10 × 80% = 8.00"
        );
        assert_eq!(s("50").explanation, "满意度 50% 低于 60%，得 0 分");
    }

    /// Unparsable or missing values score 0 as NotScored.
    #[test]
    fn unreadable_values_not_scored() {
        for i in [
            ind(IndicatorKind::AtLeast, "abc", "5", "10"),
            ind(IndicatorKind::AtLeast, "5", "", "10"),
            ind(IndicatorKind::AtLeast, "", "5", "10"),
            ind(IndicatorKind::AtLeast, "5", "5", ""),
            ind(IndicatorKind::AtLeast, "5", "5", "-3"),
            ind(IndicatorKind::AtLeast, "1e400", "5", "10"),
        ] {
            let s = score(&i);
            assert_eq!(
                (s.score, s.attainment),
                (0.0, Attainment::NotScored),
                "{i:?}"
            );
            assert!(s.explanation.contains("不计分"));
        }
    }

    /// Scores never exceed 分值 and are never negative, even with odd targets.
    #[test]
    fn scores_bounded() {
        for (t, a) in [
            ("-5", "-10"),
            ("1e-300", "1e300"),
            ("1e300", "1e-300"),
            ("0", "-1e300"),
        ] {
            for kind in [
                IndicatorKind::AtLeast,
                IndicatorKind::AtMost,
                IndicatorKind::Equal,
                IndicatorKind::Deviation,
                IndicatorKind::Satisfaction,
            ] {
                let s = score(&ind(kind, t, a, "10"));
                assert!(
                    (0.0..=10.0).contains(&s.score),
                    "{kind:?} {t} {a}: {}",
                    s.score
                );
            }
        }
    }

    /// 偏差: actual ≥ 130% of target (or ≥ 30 on a 0 target) is over-achieved.
    #[test]
    fn over_achievement_flag() {
        let s = score(&ind(IndicatorKind::AtLeast, "200", "260", "20"));
        assert!(s.over_achieved);
        assert_eq!(s.attainment, Attainment::Exceeded);
        assert!(s.needs_reason);
        assert!(s.explanation.contains("130%"), "{}", s.explanation);
        let s = score(&ind(IndicatorKind::AtLeast, "200", "259", "20"));
        assert!(!s.over_achieved);
        assert_eq!(s.attainment, Attainment::Met);
        assert!(score(&ind(IndicatorKind::AtLeast, "0", "30", "20")).over_achieved);
        assert!(!score(&ind(IndicatorKind::AtLeast, "0", "29", "20")).over_achieved);
        // 235 / 200 = 1.175 (the example report) is not over-achieved.
        assert!(!score(&ind(IndicatorKind::AtLeast, "200", "235", "20")).over_achieved);
    }

    /// The 适度调减 only subtracts: negative reductions are ignored, and it
    /// never takes the score below 0.
    #[test]
    fn over_achievement_reduction_only_subtracts() {
        let mut i = ind(IndicatorKind::AtLeast, "200", "300", "20");
        i.over_achievement_reduction = NumberText::new("2");
        let s = score(&i);
        approx(s.score, 18.0);
        assert_eq!(s.reduction, 2.0);
        assert!(s.explanation.contains("调减 2.00 分"));
        i.over_achievement_reduction = NumberText::new("-5");
        assert_eq!(score(&i).score, 20.0);
        i.over_achievement_reduction = NumberText::new("50");
        assert_eq!(score(&i).score, 0.0);
    }

    fn project_with_funds(budget: &str, executed: &str) -> Project {
        Project {
            funds: crate::project::Funds {
                total: FundsRow {
                    initial_budget: NumberText::new(budget),
                    annual_budget: NumberText::new(budget),
                    executed: NumberText::new(executed),
                },
                ..Default::default()
            },
            ..Project::default()
        }
    }

    /// 执行率 standard: 分值 × min(执行率, 100%), from 全年 (not 年初) figures.
    #[test]
    fn execution_standard() {
        let e = score_execution(&project_with_funds("27.5", "27.5"));
        assert_eq!(e.rate, Some(1.0));
        assert_eq!(e.score, 10.0);
        assert_eq!(
            e.explanation,
            "执行率 = 27.5 ÷ 27.5 = 100.00%，得分 = 10 × 100.00% = 10.00"
        );
        let e = score_execution(&project_with_funds("100", "85"));
        approx(e.score, 8.5);
        let e = score_execution(&project_with_funds("100", "120"));
        assert_eq!(e.score, 10.0);
        assert!(e.explanation.contains("按 100% 计"));
        let mut p = project_with_funds("100", "50");
        p.funds.total.initial_budget = NumberText::new("200");
        approx(score_execution(&p).rate.unwrap(), 0.5);
    }

    #[test]
    fn execution_missing_figures() {
        for (b, e) in [("", "5"), ("0", "5"), ("abc", "5"), ("10", ""), ("-1", "5")] {
            let s = score_execution(&project_with_funds(b, e));
            assert_eq!((s.rate, s.score), (None, 0.0), "{b} {e}");
        }
    }

    /// 101号/江西 bands: exactly 80% → 70%, exactly 60% → 50%, 100% → full.
    #[test]
    fn execution_banded_edges() {
        let mut p = project_with_funds("27.5", "22");
        p.rules = preset("jiangxi-101").unwrap();
        let e = score_execution(&p);
        approx(e.score, 7.0);
        assert_eq!(
            e.explanation,
            "执行率 = 22 ÷ 27.5 = 80.00%，在 [80%, 100%) 档，得分 = 10 × 70% = 7.00"
        );
        p.funds.total.executed = NumberText::new("16.5");
        approx(score_execution(&p).score, 5.0);
        p.funds.total.executed = NumberText::new("16.49");
        let e = score_execution(&p);
        assert_eq!(e.score, 0.0);
        assert!(e.explanation.contains("低于 60%"), "{}", e.explanation);
        p.funds.total.executed = NumberText::new("27.5");
        let e = score_execution(&p);
        assert_eq!(e.score, 10.0);
        assert_eq!(
            e.explanation,
            "执行率 = 27.5 ÷ 27.5 = 100.00%，在 ≥ 100% 档，得满分 10.00 分"
        );
        p.funds.total.executed = NumberText::new("27.49");
        approx(score_execution(&p).score, 7.0);
    }

    fn full_project(executed: &str) -> Project {
        let mut p = project_with_funds("100", executed);
        p.indicators = vec![Level1 {
            name: "产出指标".into(),
            weight: NumberText::default(),
            groups: vec![Level2 {
                name: "数量指标".into(),
                weight: NumberText::default(),
                indicators: vec![ind(IndicatorKind::AtLeast, "1", "1", "90")],
                not_applicable: false,
            }],
        }];
        p
    }

    /// Cap by 执行率: [70,80) → 89; exactly 80% is not capped; exactly 60% → 79.
    #[test]
    fn total_cap_edges() {
        let mut p = full_project("80");
        p.rules.total_cap = Some(CapBand::manual_bands());
        let ev = evaluate(&p);
        assert_eq!((ev.cap, ev.total), (None, 98.0));
        p.funds.total.executed = NumberText::new("79.99");
        let ev = evaluate(&p);
        assert_eq!((ev.cap, ev.total), (Some(89.0), 89.0));
        p.funds.total.executed = NumberText::new("60");
        assert_eq!(evaluate(&p).total, 79.0);
        p.funds.total.executed = NumberText::new("59");
        assert_eq!(evaluate(&p).total, 69.0);
        p.funds.total.executed = NumberText::new("49");
        let ev = evaluate(&p);
        assert_eq!(ev.total, 59.0);
        assert_eq!(ev.grade, Some(Grade::Poor));
        // A cap higher than the total does not apply.
        p.funds.total.executed = NumberText::new("75");
        p.indicators[0].groups[0].indicators[0].actual = NumberText::new("0.5");
        let ev = evaluate(&p);
        assert_eq!(ev.cap, None);
        approx(ev.total, 52.5);
    }

    /// 第十六条 rounding: the total is the unrounded sum rounded once; the
    /// grade follows the printed total (89.995 → 90.00 → 优).
    #[test]
    fn total_rounded_once_and_graded_on_print() {
        let mut p = full_project("100");
        p.rules.rounding = Rounding::Once;
        // 10 + 90 × 79.995 / 100 = 81.9955 → 82.00
        p.indicators[0].groups[0].indicators[0] =
            ind(IndicatorKind::AtLeast, "100", "79.995", "90");
        let ev = evaluate(&p);
        approx(ev.raw_total, 81.9955);
        assert_eq!(ev.total, 82.0);
        // 10 + 79.995 (full 定性 score typed with 3 decimals) = 89.995 → 90.00 → 优
        p.indicators[0].groups[0].indicators[0] = Indicator {
            qualitative_score: NumberText::new("79.995"),
            ..qual(Some(QualitativeGrade::Achieved), "")
        };
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("90");
        let ev = evaluate(&p);
        assert_eq!(ev.total, 90.0);
        assert_eq!(ev.grade, Some(Grade::Excellent));
        assert_eq!(format_score(ev.total), "90.00");
    }

    /// The default (一体化) rounding: each printed score is rounded, and the
    /// total is their sum, so the printed column adds up. Rounding once
    /// keeps the decimals inside and rounds only the total.
    #[test]
    fn per_indicator_rounding_adds_up_in_print() {
        let mut p = full_project("100");
        // Three of 30 points: 30 × 1.0004 ÷ 3 = 10.004 each.
        p.indicators[0].groups[0].indicators = (1..=3)
            .map(|id| Indicator {
                id,
                ..ind(IndicatorKind::AtLeast, "3", "1.0004", "30")
            })
            .collect();
        let ev = evaluate(&p);
        let printed: Vec<String> = ev
            .indicators
            .iter()
            .map(|s| format_score(s.score))
            .collect();
        assert_eq!(printed, ["10.00", "10.00", "10.00"]);
        assert_eq!(format_score(ev.total), "40.00", "10 + 3 × 10.00");
        p.rules.rounding = Rounding::Once;
        let ev = evaluate(&p);
        assert!((ev.indicators[0].score - 10.004).abs() < 1e-9);
        assert_eq!(format_score(ev.total), "40.01", "10 + 30.012, rounded once");
    }

    /// No grade while the 分值 do not add up to 100.
    #[test]
    fn no_grade_from_an_impossible_total() {
        let mut p = full_project("100");
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("100");
        let ev = evaluate(&p);
        assert_eq!(ev.weight_total, 110.0);
        assert_eq!(ev.grade, None);
        assert_eq!(ev.grade_label(), "不能定级");
        assert_eq!(
            ev.ungraded_reason().as_deref(),
            Some("不能定级：分值合计 110（应为 100）")
        );
        p.indicators[0].groups[0].indicators[0].weight = NumberText::new("90");
        assert_eq!(evaluate(&p).grade, Some(Grade::Excellent));
    }

    #[test]
    fn budget_changes_are_stated() {
        let mut p = project_with_funds("132.912", "132.912");
        p.funds.total.initial_budget = NumberText::new("202.64");
        let change = budget_change(&p).unwrap();
        assert_eq!(
            change.sentence(),
            "全年预算较年初调减 34.41%，全年执行数为年初预算数的 65.59%"
        );
        p.funds.total.initial_budget = NumberText::new("132.912");
        assert_eq!(budget_change(&p), None);
        p.funds.total.initial_budget = NumberText::new("100");
        assert!(
            budget_change(&p)
                .unwrap()
                .sentence()
                .starts_with("全年预算较年初调增 32.91%")
        );
    }

    /// A 万 written with the figure converts in a 元 table.
    #[test]
    fn money_suffixes_convert() {
        let mut p = project_with_funds("27.5万", "275000");
        p.money_unit = crate::project::MoneyUnit::Yuan;
        assert_eq!(score_execution(&p).rate, Some(1.0));
        let p = project_with_funds("27.5万元", "27.5");
        assert_eq!(score_execution(&p).rate, Some(1.0));
    }

    #[test]
    fn group_sums() {
        let mut p = full_project("100");
        p.indicators[0].groups[0]
            .indicators
            .push(ind(IndicatorKind::AtLeast, "10", "5", "10"));
        p.indicators[0].groups[0].weight = NumberText::new("95");
        let ev = evaluate(&p);
        let l2 = ev.level2_score(0, 0).unwrap();
        assert_eq!(
            (l2.weight, l2.declared_weight, l2.weight_sum),
            (95.0, Some(95.0), 100.0)
        );
        approx(l2.score, 95.0);
        assert_eq!(ev.level1[0].weight, 95.0);
        assert_eq!(ev.level1[0].declared_weight, None);
        assert_eq!(ev.indicator_by_id(1).unwrap().path, (0, 0, 0));
    }

    #[test]
    fn group_rate() {
        let g = |weight, score| GroupScore {
            name: String::new(),
            weight,
            declared_weight: None,
            weight_sum: weight,
            score,
        };
        assert_eq!(g(50.0, 45.0).rate(), Some(0.9));
        assert_eq!(g(0.0, 0.0).rate(), None);
        assert_eq!(g(10.0, 12.0).rate(), Some(1.0));
    }
}
