//! Drafting: the report's headings and paragraphs, written from the data
//! in one of two outlines. The 自评表 tables come from [`super::table`].

use super::items::{Group, groups, with_unit};
use super::table::self_evaluation_tables;
use super::{Block, Document, Paragraph, title};
use crate::number::{format_amount, format_percent, format_score, format_value, round2};
use crate::path::{FundsColumn, FundsLine};
use crate::project::{Indicator, IndicatorKind, MoneyUnit, Project, ReportTemplate};
use crate::rules::{ExecutionScoring, Grade};
use crate::score::{Attainment, Evaluation, IndicatorScore, budget_change};

/// What decides whether the conditional paragraphs appear.
#[derive(Clone, Copy)]
pub(super) struct Facts {
    pub(super) rate: Option<f64>,
    pub(super) grade: Option<Grade>,
}

impl Facts {
    pub(super) fn of(evaluation: &Evaluation) -> Self {
        Self {
            rate: evaluation.execution.rate,
            grade: evaluation.grade,
        }
    }
}

/// (graded 中/差, 执行率 below the rule set's threshold): either calls for 整改.
pub(super) fn rectification_reasons(project: &Project, facts: &Facts) -> (bool, bool) {
    let by_grade = facts.grade.is_some_and(Grade::needs_rectification);
    let low = facts
        .rate
        .is_some_and(|r| r * 100.0 < project.rules.low_execution_rate);
    (by_grade, low)
}

/// Composes the report in the template `project.report.template` names.
pub fn compose(project: &Project, evaluation: &Evaluation) -> Document {
    let mut c = Composer::new(project, evaluation);
    match project.report.template {
        ReportTemplate::CountyA => c.county(),
        ReportTemplate::MinistryB => c.ministry(),
    }
    Document {
        title: super::printable(title(project)),
        blocks: c.blocks,
    }
}

/// Counts of indicators by outcome.
#[derive(Default)]
struct Tally {
    all: usize,
    met: usize,
    missed: usize,
    not_scored: usize,
}

impl Tally {
    fn of<'a>(items: impl Iterator<Item = &'a IndicatorScore>) -> Self {
        let mut t = Tally::default();
        for s in items {
            t.all += 1;
            match s.attainment {
                Attainment::Met | Attainment::Exceeded => t.met += 1,
                Attainment::Missed => t.missed += 1,
                Attainment::NotScored => t.not_scored += 1,
            }
        }
        t
    }
}

struct Composer<'a> {
    project: &'a Project,
    evaluation: &'a Evaluation,
    facts: Facts,
    groups: Vec<Group<'a>>,
    blocks: Vec<Block>,
}

impl<'a> Composer<'a> {
    fn new(project: &'a Project, evaluation: &'a Evaluation) -> Self {
        Self {
            project,
            evaluation,
            facts: Facts::of(evaluation),
            groups: groups(project, evaluation),
            blocks: Vec::new(),
        }
    }

    fn heading(&mut self, level: u8, text: impl Into<String>) {
        // Headings carry 二级 names as typed.
        self.blocks.push(Block::Heading {
            level,
            text: super::printable(text.into()),
        });
    }

    fn paragraph(&mut self, id: impl Into<String>, draft: String) {
        let id = id.into();
        let draft = super::printable(draft);
        let (text, edited) = match self.project.report.edits.get(&id) {
            Some(edit) => (super::printable(edit.clone()), *edit != draft),
            None => (draft.clone(), false),
        };
        self.blocks.push(Block::Paragraph(Paragraph {
            id,
            text,
            draft,
            edited,
        }));
    }

    fn tally(&self) -> Tally {
        Tally::of(self.groups.iter().flat_map(|g| &g.items).map(|i| &i.score))
    }

    /// Template A: the outline of the example county report.
    fn county(&mut self) {
        self.heading(1, "一、项目基本情况");
        self.heading(2, "（一）项目背景与目标");
        self.paragraph("background", background_draft(self.project));
        self.paragraph("goal", goal_draft(self.project));
        self.heading(2, "（二）预算与执行情况");
        self.paragraph("budget", budget_draft(self.project, self.evaluation));

        self.heading(1, "二、绩效目标完成情况评价");
        self.analysis();

        self.heading(1, "三、存在的主要问题及原因分析");
        self.problems();

        self.heading(1, "四、下一步改进措施");
        self.improvements();

        self.heading(1, "五、评价结论");
        self.conclusion();

        if shows_other_notes(self.project) {
            self.heading(1, "六、其他需要说明的问题");
            self.paragraph("other_notes", other_notes_draft(self.project));
        }
        self.signature();

        self.blocks.push(Block::PageBreak);
        self.heading(1, "附件：项目支出绩效自评表");
        let (head, indicators) =
            self_evaluation_tables(self.project, self.evaluation, &self.groups);
        self.blocks.push(Block::Table(head));
        self.blocks.push(Block::Table(indicators));
    }

    /// Template B: 财政部 评价报告参考提纲 (财预〔2020〕10号 附3).
    fn ministry(&mut self) {
        self.heading(1, "一、基本情况");
        self.heading(2, "（一）项目概况");
        self.paragraph("background", background_draft(self.project));
        self.paragraph("budget", budget_draft(self.project, self.evaluation));
        self.heading(2, "（二）项目绩效目标");
        self.paragraph("goal", goal_draft(self.project));

        self.heading(1, "二、绩效评价工作开展情况");
        self.heading(2, "（一）绩效评价目的、对象和范围");
        self.paragraph("scope", scope_draft(self.project));
        self.heading(2, "（二）绩效评价指标体系、评价方法和评价标准");
        let method = method_draft(self.project, self.evaluation, self.tally().all);
        self.paragraph("method", method);
        self.heading(2, "（三）绩效评价工作过程");
        self.paragraph("process", PROCESS_DRAFT.to_string());

        self.heading(1, "三、综合评价情况及评价结论");
        self.conclusion();
        let (head, indicators) =
            self_evaluation_tables(self.project, self.evaluation, &self.groups);
        self.blocks.push(Block::Table(head));
        self.blocks.push(Block::Table(indicators));

        self.heading(1, "四、绩效评价指标分析");
        self.analysis();

        self.heading(1, "五、主要经验及做法、存在的问题及原因分析");
        // No field holds it: the user writes it here (the 体检 asks for it).
        self.paragraph("experience", String::new());
        self.problems();

        self.heading(1, "六、有关建议");
        self.improvements();

        self.heading(1, "七、其他需要说明的问题");
        self.paragraph("other_notes", other_notes_draft(self.project));
        self.signature();
    }

    /// The total, then one sub-section per 二级指标 with its indicators.
    fn analysis(&mut self) {
        let draft = summary_draft(self.evaluation, &self.tally(), !self.groups.is_empty());
        self.paragraph("summary", draft);
        if let Some(text) = crate::cycle::prior_sentence(self.project) {
            self.paragraph("prior", text);
        }
        if let Some(text) = crate::cycle::adjustments_sentence(self.project) {
            self.paragraph("adjustments", text);
        }
        if shows_goal_actual(self.project) {
            self.paragraph("goal_actual", goal_actual_draft(self.project));
        }
        let groups = std::mem::take(&mut self.groups);
        for (n, g) in groups.iter().enumerate() {
            self.heading(2, format!("{}{}", ordinal(n + 1), g.title));
            let (i, j) = g.index;
            self.paragraph(format!("level2.{i}.{j}"), level2_draft(g));
            for item in &g.items {
                self.paragraph(
                    item.id.clone(),
                    indicator_sentence(item.indicator, &item.score),
                );
            }
        }
        self.groups = groups;
    }

    fn problems(&mut self) {
        let problems = &self.project.problems;
        if !has_items(problems) {
            // Blank on paper; the 体检 asks for the items.
            self.paragraph("problems.empty", String::new());
            return;
        }
        let count = problems.iter().filter(|t| !t.trim().is_empty()).count();
        let scope = if count == 1 {
            "以下问题".to_string()
        } else {
            format!("以下{}方面问题", cn_count(count))
        };
        let tally = self.tally();
        let intro = if self.facts.grade >= Some(Grade::Good) && tally.missed == 0 {
            format!("本项目绩效目标完成情况总体良好，但在项目实施和绩效管理过程中，仍存在{scope}：")
        } else {
            format!("在项目实施和绩效管理过程中，存在{scope}：")
        };
        self.paragraph("problems.intro", intro);
        self.numbered_items("problems", problems);
    }

    fn improvements(&mut self) {
        let items = &self.project.improvements;
        if !has_items(items) {
            self.paragraph("improvements.empty", String::new());
            return;
        }
        let intro = if has_items(&self.project.problems) {
            "针对上述问题，结合项目实际情况，制定以下改进措施："
        } else {
            "结合项目实际情况，制定以下改进措施："
        };
        self.paragraph("improvements.intro", intro.to_string());
        if is_short_list(items) {
            self.paragraph("improvements.list", short_list_draft(items));
        } else {
            self.numbered_items("improvements", items);
        }
    }

    /// "（一）…" items; an item whose first sentence is a short title gets
    /// that title as a sub-heading, as the example report does.
    fn numbered_items(&mut self, prefix: &str, items: &[String]) {
        let mut number = 0;
        for (n, item) in items.iter().enumerate() {
            let text = item.trim();
            if text.is_empty() {
                continue;
            }
            number += 1;
            let id = format!("{prefix}.{n}");
            match split_title(text) {
                Some((head, rest)) => {
                    self.heading(2, format!("{}{head}", ordinal(number)));
                    self.paragraph(id, end_sentence(rest));
                }
                None => self.paragraph(id, format!("{}{}", ordinal(number), end_sentence(text))),
            }
        }
    }

    fn conclusion(&mut self) {
        let draft = conclusion_draft(self.project, self.evaluation, &self.groups, &self.tally());
        self.paragraph("conclusion", draft);
        if let Some(text) = rectification_draft(self.project, &self.facts) {
            self.paragraph("rectification", text);
        }
    }

    fn signature(&mut self) {
        let settings = &self.project.report;
        if !settings.show_signature {
            return;
        }
        let unit = match settings.signature_unit.trim() {
            "" => self.project.implementer.trim(),
            unit => unit,
        };
        self.blocks.push(Block::Signature {
            unit: super::printable(unit.to_string()),
            date: super::printable(settings.signature_date.trim().to_string()),
        });
    }
}

// ---- drafts ------------------------------------------------------------

pub(super) fn has_items(items: &[String]) -> bool {
    items.iter().any(|t| !t.trim().is_empty())
}

/// Items up to this many characters are run together as "一是…；二是…。".
const SHORT_ITEM_CHARS: usize = 40;

pub(super) fn is_short_list(items: &[String]) -> bool {
    has_items(items)
        && items
            .iter()
            .all(|t| strip_end(t).chars().count() <= SHORT_ITEM_CHARS)
}

fn short_list_draft(items: &[String]) -> String {
    let items: Vec<&str> = items
        .iter()
        .map(|t| strip_end(t))
        .filter(|t| !t.is_empty())
        .collect();
    if let [only] = items.as_slice() {
        return format!("{only}。");
    }
    let parts: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(n, t)| format!("{}是{t}", cn_number(n + 1)))
        .collect();
    format!("{}。", parts.join("；"))
}

/// A first sentence short enough to serve as a heading, and the rest.
fn split_title(text: &str) -> Option<(&str, &str)> {
    const MAX_TITLE_CHARS: usize = 30;
    let (head, rest) = text.split_once('。')?;
    let head = head.trim();
    let rest = rest.trim();
    let fits = !head.is_empty()
        && head.chars().count() <= MAX_TITLE_CHARS
        && !head.contains(['，', ',', '；', ';', '：', ':', '\n']);
    (fits && !rest.is_empty()).then_some((head, rest))
}

pub(super) fn shows_goal_actual(project: &Project) -> bool {
    !project.goal_actual.trim().is_empty() || project.report.edits.contains_key("goal_actual")
}

pub(super) fn shows_other_notes(project: &Project) -> bool {
    !project.other_notes.trim().is_empty() || project.report.edits.contains_key("other_notes")
}

/// `“X”项目`, or `“X项目”` when the name already says so.
fn project_ref(project: &Project) -> String {
    let name = project.name.trim();
    if name.is_empty() {
        "本项目".to_string()
    } else if name.ends_with("项目") {
        format!("“{name}”")
    } else {
        format!("“{name}”项目")
    }
}

fn year_phrase(project: &Project) -> String {
    match project.year.trim() {
        "" => "本年度".to_string(),
        year => format!("{year} 年度"),
    }
}

pub(super) fn money(v: f64, unit: MoneyUnit) -> String {
    format!("{} {}", format_amount(v), unit.label())
}

/// A blank field drafts an empty paragraph, never placeholder text: the
/// page shows the gap (not printed) and the 体检 asks for the field.
fn background_draft(project: &Project) -> String {
    end_sentence(&project.background)
}

fn goal_draft(project: &Project) -> String {
    let lead = match project.year.trim() {
        "" => "本项目年度总体目标为：".to_string(),
        year => format!("本项目 {year} 年度总体目标为："),
    };
    match end_sentence(&project.goal_expected) {
        t if t.is_empty() => String::new(),
        t => format!("{lead}{t}"),
    }
}

fn goal_actual_draft(project: &Project) -> String {
    match end_sentence(&project.goal_actual) {
        t if t.is_empty() => String::new(),
        t => format!("从年度总体目标完成情况看，{t}"),
    }
}

fn other_notes_draft(project: &Project) -> String {
    match end_sentence(&project.other_notes) {
        t if t.is_empty() => "无。".to_string(),
        t => t,
    }
}

fn budget_draft(project: &Project, evaluation: &Evaluation) -> String {
    let unit = project.money_unit;
    let amount = |column| project.amount(FundsLine::Total, column);
    let mut s = format!("{}，{}", year_phrase(project), project_ref(project));
    let annual = amount(FundsColumn::Annual);
    if let Some(initial) = amount(FundsColumn::Initial)
        && annual.is_none_or(|b| round2(b) != round2(initial))
    {
        s.push_str(&format!("年初预算数为 {}，", money(initial, unit)));
    }
    match annual {
        Some(b) => s.push_str(&format!("全年预算数为 {}", money(b, unit))),
        None => s.push_str("全年预算数未填写"),
    }
    // A separate clause starting with 其中, so the prose check never reads a
    // part as the whole.
    let parts: Vec<String> = FundsLine::PARTS
        .iter()
        .filter_map(|line| {
            project
                .amount(*line, FundsColumn::Annual)
                .filter(|v| *v != 0.0)
                .map(|v| format!("{} {}", line.label(), money(v, unit)))
        })
        .collect();
    if !parts.is_empty() {
        s.push_str(&format!("，其中{}", parts.join("、")));
    }
    match amount(FundsColumn::Executed) {
        Some(e) => s.push_str(&format!("；全年执行数为 {}", money(e, unit))),
        None => s.push_str("；全年执行数未填写"),
    }
    match evaluation.execution.rate {
        Some(r) if r > 1.0 => s.push_str(&format!(
            "，预算执行率为 {}，执行数超过全年预算数。",
            format_percent(r)
        )),
        Some(r) => s.push_str(&format!("，预算执行率为 {}。", format_percent(r))),
        None => s.push_str("，预算执行率无法计算。"),
    }
    if let Some(change) = budget_change(project) {
        s.push_str(&format!("{}。", change.sentence()));
    }
    s
}

/// "本项目共设置三级绩效指标 5 项，全部达到或超过年度指标值。"
fn tally_sentence(t: &Tally) -> String {
    if t.all == 0 {
        return "本项目未设置三级绩效指标。".to_string();
    }
    if t.met == t.all {
        return format!(
            "本项目共设置三级绩效指标 {} 项，全部达到或超过年度指标值。",
            t.all
        );
    }
    let mut parts = Vec::new();
    if t.met > 0 {
        parts.push(format!("{} 项达到或超过年度指标值", t.met));
    }
    if t.missed > 0 {
        parts.push(format!("{} 项未达到年度指标值", t.missed));
    }
    if t.not_scored > 0 {
        parts.push(format!("{} 项因数据不全暂未计分", t.not_scored));
    }
    format!(
        "本项目共设置三级绩效指标 {} 项，其中 {}。",
        t.all,
        parts.join("，")
    )
}

/// "绩效等级为“优”", or why there is none (the 分值 do not add up to 100).
fn grade_clause(evaluation: &Evaluation) -> String {
    match (evaluation.grade, evaluation.ungraded_reason()) {
        (Some(grade), _) => format!("绩效等级为“{}”", grade.label()),
        (None, Some(reason)) => {
            let why = reason.trim_start_matches("不能定级：");
            format!("因{why}，暂不能评定绩效等级")
        }
        (None, None) => "暂不能评定绩效等级".to_string(),
    }
}

fn summary_draft(evaluation: &Evaluation, tally: &Tally, has_groups: bool) -> String {
    let e = &evaluation.execution;
    let indicator_weight: f64 = evaluation.indicators.iter().map(|s| s.weight).sum();
    let indicator_score: f64 = evaluation.indicators.iter().map(|s| s.score).sum();
    let mut s = format!(
        "根据项目年初设定的绩效目标，结合全年实际执行情况，通过量化指标与定性分析相结合的方式开展自评，本项目自评得分为 {} 分，{}。其中，预算执行率得分 {} 分（分值 {} 分），绩效指标得分 {} 分（分值 {} 分）。",
        format_score(evaluation.total),
        grade_clause(evaluation),
        format_score(e.score),
        format_score(e.weight),
        format_score(indicator_score),
        format_score(indicator_weight),
    );
    if let (Some(cap), Some(rate)) = (evaluation.cap, e.rate) {
        s.push_str(&format!(
            "因预算执行率为 {}，按所用计分规则，总分以 {} 分为上限。",
            format_percent(rate),
            format_score(cap)
        ));
    }
    s.push_str(&tally_sentence(tally));
    if has_groups {
        s.push_str("具体情况如下：");
    }
    s
}

fn level2_draft(g: &Group) -> String {
    let t = Tally::of(g.items.iter().map(|i| &i.score));
    let mut s = format!(
        "{}方面共设置三级指标 {} 项，分值 {} 分，得分 {} 分",
        g.title,
        t.all,
        format_score(g.weight),
        format_score(g.score)
    );
    if t.met == t.all {
        let all = if t.all > 1 { "均" } else { "" };
        s.push_str(&format!("，{all}达到或超过年度指标值。"));
    } else {
        let mut parts = Vec::new();
        if t.missed > 0 {
            parts.push(format!("{} 项未达到年度指标值", t.missed));
        }
        if t.not_scored > 0 {
            parts.push(format!("{} 项暂未计分", t.not_scored));
        }
        s.push_str(&format!("，其中 {}。", parts.join("，")));
    }
    s
}

/// Whether a met quantitative target was beaten, just met, or held within range.
fn verdict(kind: IndicatorKind, s: &IndicatorScore) -> &'static str {
    if s.attainment == Attainment::Exceeded {
        return "超额完成目标";
    }
    let beyond = |a: f64, t: f64| a - t > 1e-9 * t.abs().max(1.0);
    match (kind, s.target_value, s.actual_value) {
        (IndicatorKind::Deviation, ..) => "偏差控制在目标范围内",
        (IndicatorKind::AtMost | IndicatorKind::LessThan, Some(t), Some(a)) if beyond(t, a) => {
            "优于目标"
        }
        (IndicatorKind::Equal, Some(0.0), _) => "达到目标",
        (
            IndicatorKind::AtLeast
            | IndicatorKind::MoreThan
            | IndicatorKind::Equal
            | IndicatorKind::Satisfaction,
            Some(t),
            Some(a),
        ) if beyond(a, t) => "超额完成目标",
        _ => "达到目标",
    }
}

/// One sentence per 三级指标: target, actual, outcome, score.
fn indicator_sentence(ind: &Indicator, s: &IndicatorScore) -> String {
    let name = match ind.name.trim() {
        "" => "（未命名指标）",
        name => name,
    };
    let qualitative = ind.kind == IndicatorKind::Qualitative;
    let mut parts = Vec::new();
    if qualitative {
        let target = strip_end(ind.target.as_str());
        if !target.is_empty() {
            parts.push(format!("年度指标值为“{target}”"));
        }
        let actual = strip_end(ind.actual.as_str());
        if !actual.is_empty() {
            parts.push(format!("实际完成情况为“{actual}”"));
        }
    } else {
        let target = with_unit(ind.target.as_str(), &ind.unit);
        if !target.is_empty() {
            parts.push(format!("年度指标值为 {target}"));
        }
        let actual = with_unit(ind.actual.as_str(), &ind.unit);
        if !actual.is_empty() {
            parts.push(format!("实际完成 {actual}"));
        }
    }
    let score = format_score(s.score);
    let weight = format_score(s.weight);
    let reason = strip_end(&ind.deviation_reason);
    let tail = match s.attainment {
        Attainment::NotScored => {
            parts.push(s.explanation.clone());
            "。".to_string()
        }
        Attainment::Missed => {
            if qualitative {
                if let Some(g) = ind.qualitative_grade {
                    parts.push(format!("评价为“{}”", g.label()));
                }
            } else {
                parts.push("未达到目标".to_string());
            }
            parts.push(format!(
                "得 {score} 分，扣 {} 分",
                format_score(s.weight - s.score)
            ));
            // A blank reason is left out (the 体检 asks for it).
            if reason.is_empty() {
                "。".to_string()
            } else {
                format!("。偏差原因：{reason}。")
            }
        }
        Attainment::Met | Attainment::Exceeded => {
            if qualitative {
                if let Some(g) = ind.qualitative_grade {
                    parts.push(format!("评价为“{}”", g.label()));
                }
            } else {
                parts.push(verdict(ind.kind, s).to_string());
            }
            if s.reduction > 0.0 {
                parts.push(format!(
                    "因目标设定偏低调减 {} 分",
                    format_score(s.reduction)
                ));
            }
            parts.push(format!("得 {score} 分（分值 {weight} 分）"));
            match (s.attainment, reason.is_empty()) {
                (Attainment::Exceeded, false) => format!("。超额完成原因：{reason}。"),
                _ => "。".to_string(),
            }
        }
    };
    format!("{name}{}{tail}", parts.join("，"))
}

fn conclusion_draft(
    project: &Project,
    evaluation: &Evaluation,
    groups: &[Group],
    tally: &Tally,
) -> String {
    let mut s = format!(
        "{}{}自评得分为 {} 分，{}。",
        year_phrase(project),
        project_ref(project),
        format_score(evaluation.total),
        grade_clause(evaluation)
    );
    let rate = match evaluation.execution.rate {
        Some(r) => format!("预算执行率为 {}", format_percent(r)),
        None => "预算执行率无法计算".to_string(),
    };
    if tally.all == 0 {
        s.push_str(&format!("{rate}，本项目未设置三级绩效指标。"));
    } else if tally.met == tally.all {
        let mut titles: Vec<&str> = Vec::new();
        for g in groups {
            if !titles.contains(&g.title.as_str()) {
                titles.push(&g.title);
            }
        }
        s.push_str(&format!(
            "{rate}，在{}等方面均达到或超过年度指标值。",
            titles.join("、")
        ));
    } else {
        const LISTED: usize = 5;
        let missed: Vec<String> = groups
            .iter()
            .flat_map(|g| &g.items)
            .filter(|i| i.score.attainment == Attainment::Missed)
            .map(|i| match i.indicator.name.trim() {
                "" => "“（未命名指标）”".to_string(),
                name => format!("“{name}”"),
            })
            .collect();
        s.push_str(&rate);
        match missed.as_slice() {
            [] => {}
            [one] => s.push_str(&format!("，{one}未达到年度指标值")),
            _ => {
                let more = if missed.len() > LISTED { "等" } else { "共" };
                let shown: Vec<&str> = missed.iter().take(LISTED).map(String::as_str).collect();
                s.push_str(&format!(
                    "，{}{more} {} 项指标未达到年度指标值",
                    shown.join("、"),
                    missed.len()
                ));
            }
        }
        if tally.not_scored > 0 {
            s.push_str(&format!("，{} 项指标因数据不全暂未计分", tally.not_scored));
        }
        if tally.met > 0 {
            s.push_str("，其余指标均已完成");
        }
        s.push('。');
    }
    if has_items(&project.problems) {
        s.push_str("同时，项目在实施和绩效管理中仍存在一些问题，需落实相关改进措施，进一步提升项目绩效管理水平。");
    }
    s
}

/// 财预〔2020〕10号 第二十六条: a 中/差 grade or a low 执行率 needs a separate
/// explanation and a 整改 plan. Stated as the rule says, nothing more.
fn rectification_draft(project: &Project, facts: &Facts) -> Option<String> {
    let (by_grade, low) = rectification_reasons(project, facts);
    let threshold = format!("{}%", format_value(project.rules.low_execution_rate));
    let rate = facts.rate.map(format_percent).unwrap_or_default();
    let grade = facts.grade.map_or("", Grade::label);
    let (lead, whom) = match (by_grade, low) {
        (false, false) => return None,
        (true, true) => (
            format!("本项目绩效等级为“{grade}”，预算执行率为 {rate}，低于 {threshold}。"),
            "对评价等级为中、差或预算执行率偏低的项目",
        ),
        (true, false) => (
            format!("本项目绩效等级为“{grade}”。"),
            "对评价等级为中、差的项目",
        ),
        (false, true) => (
            format!("本项目预算执行率为 {rate}，低于 {threshold}。"),
            "对预算执行率偏低的项目",
        ),
    };
    Some(format!(
        "{lead}根据《项目支出绩效评价管理办法》（财预〔2020〕10号）第二十六条，{whom}，须单独说明原因，研究提出改进措施，制定整改方案并报送财政部门；相关结果将作为以后年度预算安排的重要依据。"
    ))
}

fn scope_draft(project: &Project) -> String {
    let unit = match project.implementer.trim() {
        "" => "项目实施单位",
        unit => unit,
    };
    let year = match project.year.trim() {
        "" => String::new(),
        year => format!(" {year} 年度"),
    };
    let mut s = format!(
        "为全面掌握项目预算执行和绩效目标完成情况，总结经验、查找问题、改进管理，根据《项目支出绩效评价管理办法》（财预〔2020〕10号），{unit}对{}{year}的预算执行情况和绩效目标完成情况开展单位自评。",
        project_ref(project)
    );
    if let Some(b) = project.amount(FundsLine::Total, FundsColumn::Annual) {
        s.push_str(&format!(
            "评价资金范围为全年预算数 {}。",
            money(b, project.money_unit)
        ));
    }
    s
}

fn method_draft(project: &Project, evaluation: &Evaluation, indicator_count: usize) -> String {
    let rules = &project.rules;
    let level1: Vec<String> = project
        .indicators
        .iter()
        .zip(&evaluation.level1)
        .filter(|(l1, _)| !l1.name.trim().is_empty())
        .map(|(l1, g)| format!("{}（分值 {} 分）", l1.name.trim(), format_score(g.weight)))
        .collect();
    let level1 = if level1.is_empty() {
        "绩效指标".to_string()
    } else {
        level1.join("、")
    };
    // No figures next to the word 执行率 here: the prose check would read
    // them as a claimed rate.
    let execution = match rules.execution_scoring {
        ExecutionScoring::Proportional => "预算执行率按“分值 × 执行率”计分，最高不超过该项分值",
        ExecutionScoring::Banded(_) => "预算执行率按所用规则分档计分",
    };
    let g = &rules.grade_thresholds;
    format!(
        "评价指标体系由预算执行率（分值 {} 分）和{level1}构成，共设置三级指标 {indicator_count} 项（详见评分表）。计分采用“{}”规则：{execution}；定量指标将实际完成值与年度指标值比较计分，定性指标按“达成年度指标”“部分达成年度指标并具有一定效果”“未达成年度指标且效果较差”三档评分。总分为各项得分之和，保留两位小数；绩效等级按总分划分为优（{} 分及以上）、良（{} 分至 {} 分）、中（{} 分至 {} 分）、差（{} 分以下）。",
        format_score(evaluation.execution.weight),
        rules.name.trim(),
        format_value(g.excellent),
        format_value(g.good),
        format_value(g.excellent),
        format_value(g.fair),
        format_value(g.good),
        format_value(g.fair),
    )
}

const PROCESS_DRAFT: &str = "对照年初设定的绩效目标，收集整理全年预算执行数据和各项绩效指标完成情况，逐项计算得分，分析偏差原因，形成自评结论和本报告。";

// ---- text helpers -------------------------------------------------------

/// 1 → 一, 12 → 十二, 25 → 二十五; from 100 on, digits.
fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// "两" rather than "二" when counting.
fn cn_count(n: usize) -> String {
    if n == 2 {
        "两".to_string()
    } else {
        cn_number(n)
    }
}

/// （一）, （二）…
fn ordinal(n: usize) -> String {
    format!("（{}）", cn_number(n))
}

fn strip_end(text: &str) -> &str {
    text.trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '.', '、'])
        .trim_end()
}

/// The text trimmed, closed with 。 unless it already ends a sentence.
fn end_sentence(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || t.ends_with(['。', '！', '？', '!', '?', '…', '.']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(10), "十");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(47), "四十七");
        assert_eq!(cn_number(120), "120");
        assert_eq!(cn_count(2), "两");
        assert_eq!(ordinal(3), "（三）");
    }

    #[test]
    fn titles_split_only_when_short_and_clean() {
        assert_eq!(
            split_title("制度需完善。目前制度已初步建立。"),
            Some(("制度需完善", "目前制度已初步建立。"))
        );
        assert_eq!(split_title("部分指标未完成，原因是天气。后续改进。"), None);
        assert_eq!(split_title("只有一句。"), None);
        assert_eq!(split_title("没有句号"), None);
    }
}
