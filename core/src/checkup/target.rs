//! 绩效目标审核: the review a 主管部门 or the finance bureau gives a
//! declaration before the budget is approved (scoring-rules.md §9), as
//! `target.*` rules. What counts as a cited document, a computation, a
//! vague word or a deadline, and the 建议 of each finding, are the
//! project's 审核口径 (`review_rules`), so a region's reviewers can write
//! their own; each message is the 问题 and then that 建议.
//!
//! The checks of the 申报表's own fields (政策依据, 测算依据, 指标解释,
//! the required 二级) run while the project is at the 目标 stage or has a
//! declaration typed: a 自评表 imported on its own never had them, and
//! asking for them there would bury its real findings.

use std::collections::BTreeMap;

use crate::finding::{Finding, Rule};
use crate::names::{Level1Class, Level2Class, classify_level1, classify_level2, name_key};
use crate::number::{format_amount, parse_number};
use crate::path::{FieldPath, HeaderField, IndicatorField};
use crate::pattern::{Budget, Pattern};
use crate::project::{Indicator, IndicatorKind, Level2, MoneyUnit, Project};
use crate::review_rules::{CompiledReview, ReviewRules};
use crate::stage::Stage;

/// Steps all the patterns of one 体检 may take together: a few
/// milliseconds at worst, whatever the rule file and the texts.
const STEPS_PER_CHECKUP: u64 = 2_000_000;

struct Review<'a> {
    rules: &'a ReviewRules,
    compiled: CompiledReview,
    budget: Budget,
    out: Vec<Finding>,
}

impl Review<'_> {
    /// Whether any pattern occurs in `text`; `None` when the budget ran out
    /// first, so that no finding is claimed on a question left unanswered.
    fn any(&mut self, which: fn(&CompiledReview) -> &[Pattern], text: &str) -> Option<bool> {
        let patterns = which(&self.compiled);
        for pattern in patterns {
            if pattern.find(text, &mut self.budget).ok()? {
                return Some(true);
            }
        }
        Some(false)
    }

    fn say(&mut self, rule: Rule, path: FieldPath, problem: String) {
        let advice = self.rules.advice(rule.spec().id);
        let message = if advice.is_empty() {
            problem
        } else {
            format!("{problem}。建议：{advice}")
        };
        self.out.push(Finding::new(rule, path, message));
    }
}

pub fn run(project: &Project, stage: Stage) -> Vec<Finding> {
    let rules = &project.rules.review;
    // A rule file with a bad pattern is the rule set's finding
    // (`rules.rule_set.invalid`); nothing is checked with it.
    let Ok(compiled) = rules.compile() else {
        return Vec::new();
    };
    let mut review = Review {
        rules,
        compiled,
        budget: Budget::new(STEPS_PER_CHECKUP),
        out: Vec::new(),
    };
    let declared = stage == Stage::Targets || !project.declaration.is_empty();
    let amount = year_amount(project);
    if declared {
        check_policy_basis(project, &mut review);
        check_cost_basis(project, amount, &mut review);
        check_required_level2(project, &mut review);
    }
    check_annual_goal(project, &mut review);
    check_indicators(project, declared, amount, &mut review);
    check_count(project, amount, &mut review);
    review.out
}

/// 本年度项目金额 in the project's money unit, else the 全年预算数 of the
/// funds block (the same money once the budget is approved).
fn year_amount(p: &Project) -> Option<f64> {
    p.money_unit
        .figure(&p.declaration.year_amount)
        .or_else(|| p.money_unit.figure(&p.funds.total.annual_budget))
        .filter(|v| *v > 0.0)
}

fn check_policy_basis(p: &Project, review: &mut Review) {
    let text = p.declaration.policy_basis.trim();
    if text.is_empty() {
        review.say(
            Rule::TargetPolicyBasisBlank,
            FieldPath::Header(HeaderField::PolicyBasis),
            "政策依据未填写".into(),
        );
    } else if review.any(|c| &c.document, text) == Some(false) {
        review.say(
            Rule::TargetPolicyBasisNoDocument,
            FieldPath::Header(HeaderField::PolicyBasis),
            "政策依据没有引用具体文件（未见《…》或文号）".into(),
        );
    }
}

/// A sum of money written in a text, in 元.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Money {
    yuan: f64,
    /// Written right after "=" or "合计/共计/总计": a result, not a part.
    result: bool,
    /// "300元/台": a unit price.
    per_unit: bool,
}

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The sums of money in a text (`6000元`, `1.1万元`, `0.2 亿元`), in order.
fn money_in(text: &str) -> Vec<Money> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        if digit_value(chars[at]).is_none() {
            at += 1;
            continue;
        }
        let start = at;
        let mut figure = String::new();
        while at < chars.len() {
            let c = chars[at];
            if let Some(d) = digit_value(c) {
                figure.push(char::from_digit(d, 10).unwrap_or('0'));
            } else if matches!(c, '.' | '．') && !figure.contains('.') {
                figure.push('.');
            } else if !matches!(c, ',' | '，') {
                break;
            }
            at += 1;
        }
        let rest: String = chars[at..chars.len().min(at + 3)].iter().collect();
        let (factor, length) = if rest.starts_with("亿元") {
            (1e8, 2)
        } else if rest.starts_with("万元") {
            (1e4, 2)
        } else if rest.starts_with('万') {
            (1e4, 1)
        } else if rest.starts_with('元') {
            (1.0, 1)
        } else {
            continue;
        };
        let Ok(value) = figure.trim_end_matches('.').parse::<f64>() else {
            continue;
        };
        let before: String = chars[start.saturating_sub(2)..start].iter().collect();
        let result = before.ends_with(['=', '＝'])
            || ["合计", "共计", "总计", "小计"]
                .iter()
                .any(|w| before.ends_with(w));
        let per_unit = matches!(chars.get(at + length), Some('/' | '／' | '每'));
        out.push(Money {
            yuan: value * factor,
            result,
            per_unit,
        });
        at += length;
    }
    out
}

fn check_cost_basis(p: &Project, amount: Option<f64>, review: &mut Review) {
    let text = p.declaration.cost_basis.trim();
    if text.is_empty() {
        review.say(
            Rule::TargetCostBasisBlank,
            FieldPath::Header(HeaderField::CostBasis),
            "测算依据未填写".into(),
        );
        return;
    }
    let computed = review.any(|c| &c.computation, text);
    let cites = review.any(|c| &c.standard, text);
    if computed == Some(false) && cites == Some(false) {
        review.say(
            Rule::TargetCostBasisNoComputation,
            FieldPath::Header(HeaderField::CostBasis),
            "测算依据没有列出单价 × 数量的计算过程，也没有引用支出标准".into(),
        );
    }
    let Some(amount) = amount else {
        return;
    };
    let amount_yuan = MoneyUnit::Yuan.convert(amount, p.money_unit);
    let sums: Vec<Money> = money_in(text).into_iter().filter(|m| !m.per_unit).collect();
    if sums.is_empty() {
        return;
    }
    let tolerance = review.rules.amount_tolerance / 100.0;
    let near = |yuan: f64| (yuan - amount_yuan).abs() <= amount_yuan * tolerance + 1e-6;
    let results: f64 = sums.iter().filter(|m| m.result).map(|m| m.yuan).sum();
    if sums.iter().any(|m| near(m.yuan)) || near(results) {
        return;
    }
    // The figure the text most likely means as its total.
    let stated = if results > 0.0 {
        results
    } else {
        sums.iter().map(|m| m.yuan).fold(0.0, f64::max)
    };
    let unit = p.money_unit;
    review.say(
        Rule::TargetCostBasisTotalMismatch,
        FieldPath::Header(HeaderField::CostBasis),
        format!(
            "测算依据算得 {} {}，与本年度项目金额 {} {} 不符（相差超过 {}%）",
            format_amount(unit.convert(stated, MoneyUnit::Yuan)),
            unit.label(),
            format_amount(amount),
            unit.label(),
            review.rules.amount_tolerance
        ),
    );
}

fn check_annual_goal(p: &Project, review: &mut Review) {
    let goal = p.goal_expected.trim();
    if !goal.is_empty() && !goal.chars().any(|c| digit_value(c).is_some()) {
        review.say(
            Rule::TargetAnnualGoalNoFigures,
            FieldPath::Header(HeaderField::GoalExpected),
            "年度目标没有写明任何数字（资金、数量、时间或比率）".into(),
        );
    }
}

/// Whether a 二级 named `name` is the one a rule names (`under`): the same
/// class of 二级, or the same name as tables write it.
fn same_level2(name: &str, wanted: &str) -> bool {
    match (classify_level2(name), classify_level2(wanted)) {
        (Some(a), Some(b)) => a == b,
        _ => name_key(name) == name_key(wanted),
    }
}

fn check_required_level2(p: &Project, review: &mut Review) {
    let rules = review.rules;
    for wanted in &rules.required_level2 {
        let class = classify_level2(wanted);
        if class == Some(Level2Class::Satisfaction) && !p.rules.expects(Level1Class::Satisfaction) {
            // The rule set has no 满意度 (101号 §二(六)): not required.
            continue;
        }
        let mut empty_at = None;
        let mut present = false;
        for (i, l1) in p.indicators.iter().enumerate() {
            // 101号's 成本 as a 一级 stands for the 成本 二级.
            if class == Some(Level2Class::Cost)
                && classify_level1(&l1.name) == Some(Level1Class::Cost)
                && l1.groups.iter().any(Level2::is_settled)
            {
                present = true;
            }
            for (j, group) in l1.groups.iter().enumerate() {
                if same_level2(&group.name, wanted) {
                    if group.is_settled() {
                        present = true;
                    } else {
                        empty_at.get_or_insert((i, j));
                    }
                }
            }
        }
        if present {
            continue;
        }
        let path = empty_at.map_or(FieldPath::Tree, |(i, j)| {
            FieldPath::Level2(i, j, crate::path::GroupField::Name)
        });
        review.say(
            Rule::TargetLevel2Missing,
            path,
            format!("缺少“{wanted}”，也未标明不适用"),
        );
    }
}

fn has_digit(text: &str) -> bool {
    text.chars().any(|c| digit_value(c).is_some())
}

fn check_indicators(p: &Project, declared: bool, amount: Option<f64>, review: &mut Review) {
    let mut names: BTreeMap<String, String> = BTreeMap::new();
    for l1 in &p.indicators {
        let cost_level1 = classify_level1(&l1.name) == Some(Level1Class::Cost);
        for group in &l1.groups {
            let class = classify_level2(&group.name);
            for ind in &group.indicators {
                let path = |field| FieldPath::Indicator(ind.id, field);
                let name = ind.name.trim();
                let shown = if name.is_empty() {
                    "该指标".to_string()
                } else {
                    format!("“{name}”")
                };
                check_value(ind, &shown, review);
                if declared && ind.notes.explanation.trim().is_empty() {
                    review.say(
                        Rule::TargetExplanationBlank,
                        path(IndicatorField::Explanation),
                        format!("{shown}没有指标解释"),
                    );
                }
                if class == Some(Level2Class::Timeliness) || ind.kind == IndicatorKind::Deadline {
                    let text = format!("{}{}{}", ind.name, ind.target.as_str(), ind.unit);
                    if review.any(|c| &c.deadline, &text) == Some(false) {
                        review.say(
                            Rule::TargetDeadlineMissing,
                            path(IndicatorField::Target),
                            format!("时效指标{shown}没有写明完成时限或期限"),
                        );
                    }
                }
                let cost = cost_level1
                    || matches!(
                        class,
                        Some(
                            Level2Class::Cost
                                | Level2Class::EconomicCost
                                | Level2Class::SocialCost
                                | Level2Class::EcologicalCost
                        )
                    );
                if cost {
                    check_cost_target(p, ind, &shown, amount, review);
                }
                if name.is_empty() {
                    continue;
                }
                let length = name.chars().filter(|c| !c.is_whitespace()).count();
                if length > review.rules.name_max_chars {
                    review.say(
                        Rule::TargetNameTooLong,
                        path(IndicatorField::Name),
                        format!(
                            "{shown}有 {length} 个字，超过 {} 个字",
                            review.rules.name_max_chars
                        ),
                    );
                }
                match names.get(&name_key(name)) {
                    Some(first) => review.say(
                        Rule::TargetNameDuplicate,
                        path(IndicatorField::Name),
                        format!("{shown}与“{first}”重名"),
                    ),
                    None => {
                        names.insert(name_key(name), name.to_string());
                    }
                }
                check_misfiled(ind, &group.name, &shown, review);
            }
        }
    }
}

/// 可测性 of a 年度指标值: no vague word; a 定性 value a figure, a date or a
/// defined grade. (A 定量 value that is not a number is `number.value.unreadable`.)
fn check_value(ind: &Indicator, shown: &str, review: &mut Review) {
    let path = FieldPath::Indicator(ind.id, IndicatorField::Target);
    let value = ind.target.as_str().trim();
    if value.is_empty() {
        if ind.kind == IndicatorKind::Qualitative {
            review.say(
                Rule::TargetValueBlank,
                path,
                format!("定性指标{shown}的年度指标值未填写"),
            );
        }
        return;
    }
    let mut vague = None;
    for n in 0..review.compiled.vague.len() {
        let found = review.compiled.vague[n].0.find(value, &mut review.budget);
        match found {
            Ok(true) => {
                vague = Some(review.compiled.vague[n].1.clone());
                break;
            }
            Ok(false) => {}
            Err(_) => return,
        }
    }
    if let Some(suggestion) = vague {
        review.say(
            Rule::TargetValueVague,
            path,
            format!("{shown}的年度指标值“{value}”用了模糊用语，无法衡量；{suggestion}"),
        );
        return;
    }
    if ind.kind == IndicatorKind::Qualitative
        && !has_digit(value)
        && review.any(|c| &c.graded, value) == Some(false)
    {
        review.say(
            Rule::TargetValueUnmeasurable,
            path,
            format!("{shown}的年度指标值“{value}”不是数值、比率、日期，也不是明确的等级"),
        );
    }
}

/// A 成本 target in money above the money the project has.
fn check_cost_target(
    p: &Project,
    ind: &Indicator,
    shown: &str,
    amount: Option<f64>,
    review: &mut Review,
) {
    let (Some(amount), Ok(Some(n))) = (amount, parse_number(ind.target.as_str())) else {
        return;
    };
    let unit = n.unit.as_deref().unwrap_or(ind.unit.trim());
    let Some(written) = MoneyUnit::of_suffix(unit) else {
        return;
    };
    let value = p.money_unit.convert(n.value, written);
    if value > amount * (1.0 + review.rules.amount_tolerance / 100.0) {
        let label = p.money_unit.label();
        review.say(
            Rule::TargetCostOverMoney,
            FieldPath::Indicator(ind.id, IndicatorField::Target),
            format!(
                "成本指标{shown}为 {} {label}，超过本年度项目金额 {} {label}",
                format_amount(value),
                format_amount(amount)
            ),
        );
    }
}

fn check_misfiled(ind: &Indicator, group: &str, shown: &str, review: &mut Review) {
    for n in 0..review.compiled.misfilings.len() {
        let (pattern, under, belongs) = &review.compiled.misfilings[n];
        if !same_level2(group, under) || same_level2(group, belongs) {
            continue;
        }
        let (under, belongs) = (under.clone(), belongs.clone());
        match pattern.find(&ind.name, &mut review.budget) {
            Ok(true) => {
                review.say(
                    Rule::TargetIndicatorMisfiled,
                    FieldPath::Indicator(ind.id, IndicatorField::Name),
                    format!("{shown}列在“{under}”下，按名称应属“{belongs}”"),
                );
                return;
            }
            Ok(false) => {}
            Err(_) => return,
        }
    }
}

fn check_count(p: &Project, amount: Option<f64>, review: &mut Review) {
    let Some(amount) = amount else {
        return;
    };
    let wan = MoneyUnit::Wan.convert(amount, p.money_unit);
    let Some(least) = review.rules.min_indicators(wan) else {
        return;
    };
    let count = p.indicators_in_order().count();
    if count < least {
        review.say(
            Rule::TargetIndicatorsTooFew,
            FieldPath::Tree,
            format!(
                "本年度项目金额 {} 万元，设了 {count} 个三级指标，少于该规模应有的 {least} 个",
                format_amount(wan)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkup;
    use crate::project::{IndicatorNotes, Level1, Level2, NumberText};
    use crate::score::evaluate;

    fn ind(id: u64, name: &str, kind: IndicatorKind, target: &str, unit: &str) -> Indicator {
        Indicator {
            id,
            name: name.into(),
            kind,
            target: NumberText::new(target),
            unit: unit.into(),
            notes: IndicatorNotes {
                explanation: format!("{name}：按验收资料统计"),
                ..IndicatorNotes::default()
            },
            ..Indicator::default()
        }
    }

    fn group(name: &str, indicators: Vec<Indicator>) -> Level2 {
        Level2 {
            name: name.into(),
            indicators,
            ..Level2::default()
        }
    }

    /// A 申报表 as reviewers want it: nothing for the target review to say.
    fn declaration() -> Project {
        let mut p = Project {
            name: "农村道路硬化".into(),
            department: "某县交通运输局".into(),
            implementer: "某县公路事务中心".into(),
            year: "2024".into(),
            background: "三个村的通村道路尚未硬化。".into(),
            goal_expected:
                "2024 年内投入 50 万元，完成 3 个村 12 公里道路硬化，群众出行满意度达 90% 以上"
                    .into(),
            ..Project::default()
        };
        p.declaration.policy_basis = "根据《某市农村公路管理办法》（某财建〔2023〕12号）".into();
        p.declaration.cost_basis =
            "道路硬化：单价 4 万元/公里 × 12 公里 = 48 万元；设计费 2 万元；合计 50 万元".into();
        p.declaration.year_amount = NumberText::new("50");
        p.funds.total.annual_budget = NumberText::new("50");
        p.funds.total.initial_budget = NumberText::new("50");
        p.funds.current_appropriation.annual_budget = NumberText::new("50");
        p.funds.current_appropriation.initial_budget = NumberText::new("50");
        use IndicatorKind::*;
        p.indicators = vec![
            Level1 {
                name: "产出指标".into(),
                groups: vec![
                    group(
                        "数量指标",
                        vec![
                            ind(1, "道路硬化里程", AtLeast, "≥12", "公里"),
                            ind(2, "受益村数", AtLeast, "≥3", "个"),
                        ],
                    ),
                    group("质量指标", vec![ind(3, "验收合格率", AtLeast, "≥95", "%")]),
                    group(
                        "时效指标",
                        vec![ind(4, "完工时间", Qualitative, "2024年11月30日前", "")],
                    ),
                    group(
                        "成本指标",
                        vec![ind(5, "道路硬化成本", AtMost, "≤48", "万元")],
                    ),
                ],
                ..Level1::default()
            },
            Level1 {
                name: "效益指标".into(),
                groups: vec![group(
                    "社会效益指标",
                    vec![ind(6, "群众出行时间缩短", AtLeast, "≥20", "%")],
                )],
                ..Level1::default()
            },
            Level1 {
                name: "满意度指标".into(),
                groups: vec![group(
                    "服务对象满意度指标",
                    vec![ind(7, "群众满意度", Satisfaction, "≥90", "%")],
                )],
                ..Level1::default()
            },
        ];
        p
    }

    fn review(p: &Project) -> Vec<(Rule, String)> {
        run(p, monitor_stage(p))
            .into_iter()
            .map(|f| (f.rule, f.path.to_string()))
            .collect()
    }

    fn monitor_stage(p: &Project) -> Stage {
        crate::monitor::stage(p)
    }

    fn fired(p: &Project, rule: Rule) -> Vec<Finding> {
        run(p, monitor_stage(p))
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    fn indicator(p: &mut Project, id: u64) -> &mut Indicator {
        p.indicators
            .iter_mut()
            .flat_map(|l1| l1.groups.iter_mut())
            .flat_map(|g| g.indicators.iter_mut())
            .find(|i| i.id == id)
            .unwrap()
    }

    #[test]
    fn a_good_declaration_passes_the_review() {
        assert_eq!(review(&declaration()), []);
    }

    /// At the 目标 stage nothing about actuals, 分值, scores or the grade is
    /// reported; once a year-end figure is in, they are.
    #[test]
    fn year_end_checks_wait_for_the_self_evaluation() {
        let p = declaration();
        let findings = checkup::run(&p, &evaluate(&p));
        let year_end: Vec<&str> = findings
            .iter()
            .filter(|f| !f.rule.due_at(Stage::Targets))
            .map(|f| f.rule.spec().id)
            .collect();
        assert_eq!(year_end, Vec::<&str>::new());
        assert!(
            !findings
                .iter()
                .any(|f| f.rule == Rule::IndicatorActualBlank)
        );
        let mut done = p.clone();
        indicator(&mut done, 1).actual = NumberText::new("12");
        let rules: Vec<Rule> = checkup::run(&done, &evaluate(&done))
            .into_iter()
            .map(|f| f.rule)
            .collect();
        for rule in [
            Rule::IndicatorActualBlank,
            Rule::IndicatorWeightBlank,
            Rule::WeightsTotalNot100,
            Rule::OutcomeUngraded,
            Rule::FundsExecutedBlank,
        ] {
            assert!(rules.contains(&rule), "{rule:?} in {rules:?}");
        }
        // The target review goes on at the self-evaluation.
        let mut vague = done.clone();
        indicator(&mut vague, 4).target = NumberText::new("明显加快");
        assert!(
            checkup::run(&vague, &evaluate(&vague))
                .iter()
                .any(|f| f.rule == Rule::TargetValueVague)
        );
    }

    #[test]
    fn policy_basis_names_a_document() {
        let mut p = declaration();
        p.declaration.policy_basis = "落实上级有关要求".into();
        let f = fired(&p, Rule::TargetPolicyBasisNoDocument);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("建议：写明文件名称和文号"),
            "{}",
            f[0].message
        );
        // A 文号 alone is a document, spaces and brackets as typed.
        p.declaration.policy_basis = "某财预 [2021] 10号".into();
        assert_eq!(review(&p), []);
        p.declaration.policy_basis = "  ".into();
        assert_eq!(
            review(&p),
            [(Rule::TargetPolicyBasisBlank, "policy_basis".into())]
        );
        // A 自评表 on its own was never asked for one.
        let mut year_end = p.clone();
        year_end.declaration = Default::default();
        indicator(&mut year_end, 1).actual = NumberText::new("12");
        assert!(fired(&year_end, Rule::TargetPolicyBasisBlank).is_empty());
    }

    #[test]
    fn cost_basis_shows_a_computation_adding_up_to_the_amount() {
        let mut p = declaration();
        p.declaration.cost_basis = "根据工作需要申请资金".into();
        assert_eq!(fired(&p, Rule::TargetCostBasisNoComputation).len(), 1);
        // A standard cited is enough.
        p.declaration.cost_basis = "按《某市公路养护定额》测算".into();
        assert!(fired(&p, Rule::TargetCostBasisNoComputation).is_empty());
        p.declaration.cost_basis = String::new();
        assert_eq!(fired(&p, Rule::TargetCostBasisBlank).len(), 1);
        // The results after "=" add up to 50 万元 (元 and 万元 alike).
        p.declaration.cost_basis = "硬化：40000元/公里×12公里=480000元；设计：2万元×1=2万元".into();
        assert_eq!(review(&p), []);
        p.declaration.cost_basis = "硬化：4万元/公里×12公里=48万元".into();
        let f = fired(&p, Rule::TargetCostBasisTotalMismatch);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("算得 48 万元，与本年度项目金额 50 万元 不符"),
            "{}",
            f[0].message
        );
        // Within the tolerance (1%): 49.6 of 50.
        p.declaration.cost_basis = "硬化：4.1333万元/公里×12公里=49.6万元".into();
        assert!(fired(&p, Rule::TargetCostBasisTotalMismatch).is_empty());
        p.rules.review.amount_tolerance = 0.5;
        assert_eq!(fired(&p, Rule::TargetCostBasisTotalMismatch).len(), 1);
    }

    #[test]
    fn money_is_read_from_text_with_its_unit() {
        let m = money_in("单价 300元/台×20台=6,000元；合计 1.1 万元，另 0.2亿元");
        let yuan: Vec<f64> = m.iter().map(|m| m.yuan).collect();
        assert_eq!(yuan, [300.0, 6000.0, 11000.0, 20_000_000.0]);
        assert!(m[0].per_unit && !m[0].result);
        assert!(m[1].result && m[2].result && !m[3].result);
        assert_eq!(money_in("１２万元")[0].yuan, 120_000.0);
        assert!(money_in("12 公里").is_empty());
    }

    #[test]
    fn annual_goal_states_figures() {
        let mut p = declaration();
        p.goal_expected = "改善群众出行条件，提升道路通行能力".into();
        assert_eq!(
            review(&p),
            [(Rule::TargetAnnualGoalNoFigures, "goal_expected".into())]
        );
        p.goal_expected = "完成 3 个村的道路硬化".into();
        assert_eq!(review(&p), []);
    }

    #[test]
    fn required_level2_present_or_not_applicable() {
        let mut p = declaration();
        p.indicators[0].groups[3].indicators.clear();
        let f = fired(&p, Rule::TargetLevel2Missing);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path.to_string(), "indicators.0.3.name");
        assert!(f[0].message.contains("缺少“成本指标”"));
        p.indicators[0].groups[3].not_applicable = true;
        assert!(fired(&p, Rule::TargetLevel2Missing).is_empty());
        // The list is the 审核口径's.
        p.indicators.pop();
        assert_eq!(fired(&p, Rule::TargetLevel2Missing).len(), 1);
        p.rules.review.required_level2.pop();
        assert!(fired(&p, Rule::TargetLevel2Missing).is_empty());
    }

    #[test]
    fn every_indicator_has_a_value_and_an_explanation() {
        let mut p = declaration();
        indicator(&mut p, 4).target = NumberText::new("");
        indicator(&mut p, 3).notes.explanation = " ".into();
        assert_eq!(
            review(&p),
            [
                (
                    Rule::TargetExplanationBlank,
                    "indicator.3.explanation".into()
                ),
                (Rule::TargetValueBlank, "indicator.4.target".into()),
                (Rule::TargetDeadlineMissing, "indicator.4.target".into()),
            ]
        );
    }

    #[test]
    fn vague_and_unmeasurable_values() {
        let mut p = declaration();
        indicator(&mut p, 6).kind = IndicatorKind::Qualitative;
        indicator(&mut p, 6).target = NumberText::new("出行条件得到进一步提升");
        let f = fired(&p, Rule::TargetValueVague);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("写明提高到多少"), "{}", f[0].message);
        indicator(&mut p, 6).target = NumberText::new("便民");
        assert_eq!(
            review(&p),
            [(Rule::TargetValueUnmeasurable, "indicator.6.target".into())]
        );
        for fine in ["达标", "合格", "优", "较上年缩短 20%"] {
            indicator(&mut p, 6).target = NumberText::new(fine);
            assert_eq!(review(&p), [], "{fine}");
        }
        // A one-character grade is a grade only on its own.
        indicator(&mut p, 6).target = NumberText::new("服务优化");
        assert_eq!(fired(&p, Rule::TargetValueUnmeasurable).len(), 1);
    }

    #[test]
    fn timeliness_names_a_deadline() {
        let mut p = declaration();
        indicator(&mut p, 4).name = "项目完成及时率".into();
        indicator(&mut p, 4).kind = IndicatorKind::AtLeast;
        indicator(&mut p, 4).target = NumberText::new("≥100");
        indicator(&mut p, 4).unit = "%".into();
        assert_eq!(
            review(&p),
            [(Rule::TargetDeadlineMissing, "indicator.4.target".into())]
        );
        indicator(&mut p, 4).name = "审批办结时限".into();
        indicator(&mut p, 4).kind = IndicatorKind::AtMost;
        indicator(&mut p, 4).target = NumberText::new("≤30");
        indicator(&mut p, 4).unit = "天".into();
        assert_eq!(review(&p), []);
    }

    #[test]
    fn a_cost_target_within_the_money() {
        let mut p = declaration();
        indicator(&mut p, 5).target = NumberText::new("≤520000");
        indicator(&mut p, 5).unit = "元".into();
        let f = fired(&p, Rule::TargetCostOverMoney);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("为 52 万元，超过本年度项目金额 50 万元"),
            "{}",
            f[0].message
        );
        indicator(&mut p, 5).target = NumberText::new("≤480000");
        assert_eq!(review(&p), []);
        // A unit cost is not the project's money.
        indicator(&mut p, 5).target = NumberText::new("≤600000");
        indicator(&mut p, 5).unit = "元/公里".into();
        assert!(fired(&p, Rule::TargetCostOverMoney).is_empty());
    }

    #[test]
    fn enough_indicators_for_the_money() {
        let mut p = declaration();
        p.declaration.year_amount = NumberText::new("600");
        let f = fired(&p, Rule::TargetIndicatorsTooFew);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message
                .contains("设了 7 个三级指标，少于该规模应有的 8 个"),
            "{}",
            f[0].message
        );
        p.rules.review.indicator_tiers.pop();
        p.rules.review.indicator_tiers.pop();
        assert!(fired(&p, Rule::TargetIndicatorsTooFew).is_empty());
    }

    #[test]
    fn names_short_distinct_and_under_their_level2() {
        let mut p = declaration();
        indicator(&mut p, 1).name = "全县农村公路通村道路硬化建设完成里程".into();
        indicator(&mut p, 2).name = "验收合格率".into();
        let r = review(&p);
        assert_eq!(
            r,
            [
                (Rule::TargetNameTooLong, "indicator.1.name".into()),
                (Rule::TargetIndicatorMisfiled, "indicator.2.name".into()),
                (Rule::TargetNameDuplicate, "indicator.3.name".into()),
            ]
        );
        let misfiled = fired(&p, Rule::TargetIndicatorMisfiled);
        assert!(
            misfiled[0]
                .message
                .contains("列在“数量指标”下，按名称应属“质量指标”")
        );
        // 及时 under 质量.
        let mut q = declaration();
        indicator(&mut q, 3).name = "维修响应及时".into();
        assert_eq!(
            review(&q),
            [(Rule::TargetIndicatorMisfiled, "indicator.3.name".into())]
        );
        // The threshold is the 审核口径's.
        let mut r = declaration();
        r.rules.review.name_max_chars = 4;
        assert_eq!(fired(&r, Rule::TargetNameTooLong).len(), 5);
    }

    /// A 审核口径 whose patterns would take a backtracking matcher forever
    /// is bounded by the step budget: the review stops answering, it never
    /// claims a finding it did not finish.
    #[test]
    fn adversarial_patterns_on_long_texts_stay_bounded() {
        let mut p = declaration();
        p.rules.review.document_patterns = vec!["a*a*a*a*a*a*a*b".into()];
        p.declaration.policy_basis = "a".repeat(200_000);
        assert!(fired(&p, Rule::TargetPolicyBasisNoDocument).is_empty());
        // With a text that fits the budget the same pattern answers.
        p.declaration.policy_basis = "a".repeat(100);
        assert_eq!(fired(&p, Rule::TargetPolicyBasisNoDocument).len(), 1);
    }

    /// A bad pattern stored in a project (a record edited by hand) checks
    /// nothing and is reported as the rule set's problem.
    #[test]
    fn a_bad_stored_pattern_is_the_rule_sets_finding() {
        let mut p = declaration();
        p.rules.review.vague_words[0].pattern = "*".into();
        assert_eq!(review(&p), []);
        let all = checkup::run(&p, &evaluate(&p));
        assert!(
            all.iter()
                .any(|f| f.rule == Rule::RulesInvalid && f.message.contains("模糊用语"))
        );
    }
}
