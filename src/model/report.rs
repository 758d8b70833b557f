//! The report: a project and its evaluation composed into headings,
//! paragraphs and tables for the UI to render and print.
//!
//! Every paragraph has a stable id. The user's text in
//! `project.report.edits` replaces the drafted text, and the draft is kept,
//! so the view can show what was changed and restore it. User text is data:
//! it is copied into the document verbatim and never read as markup;
//! escaping is the renderer's business.
//!
//! Paragraph ids (both templates use the same id for the same content, so an
//! edit shows in either):
//! - `background`, `goal`, `budget`: 项目背景, 年度总体目标, 预算与执行情况;
//! - `summary`: the total and grade opening the indicator analysis;
//! - `goal_actual`: 年度总体目标实际完成情况 (when filled in or edited);
//! - `level2.<i>.<j>`: a 二级指标 that has indicators (indices in the tree);
//! - `indicator.<id>`: a 三级指标 (`indicator.<i>.<j>.<k>` when its id repeats);
//! - `problems.intro`, `problems.<n>`, `problems.empty` (`<n>` indexes
//!   `project.problems`; blank items are left out);
//! - `improvements.intro`, `improvements.list` (all items short, as one
//!   "一是…；二是…。" sentence), `improvements.<n>` (otherwise),
//!   `improvements.empty`;
//! - `conclusion`, `rectification` (grade 中/差 or a low 执行率);
//! - `other_notes` (template A: when filled in or edited; B: always);
//! - template B only: `scope`, `method`, `process`, `experience`.

use std::collections::HashSet;

use serde::Serialize;

use super::checks::{Finding, Severity, check_prose_percentages};
use super::number::{
    format_amount, format_percent, format_score, format_value, normalize, parse_number, round2,
};
use super::project::{
    FundsRow, Indicator, IndicatorKind, MoneyUnit, NumberText, Project, ReportTemplate,
};
use super::rules::{ExecutionScoring, Grade};
use super::score::{
    Attainment, Evaluation, IndicatorScore, parse_weight, qualitative_grade_label, score_indicator,
};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Block {
    /// Level 1 is "一、…", level 2 is "（一）…".
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Paragraph),
    Table(Table),
    PageBreak,
    /// 落款: unit and date, right-aligned at the end of the body.
    Signature {
        unit: String,
        date: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Stable across recompositions (see the module docs).
    pub id: String,
    /// What is shown: the user's edit if any, else the draft. May contain
    /// line breaks typed by the user.
    pub text: String,
    /// What the data says, kept so an edit can be compared or undone.
    pub draft: String,
    /// An edit exists and differs from the draft.
    pub edited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Table {
    pub caption: String,
    /// Rows to repeat at the top of every printed page.
    pub header_rows: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub footnote: String,
}

impl Table {
    /// The width of the grid in columns, counting spans.
    pub fn column_count(&self) -> usize {
        self.header_rows
            .iter()
            .chain(&self.rows)
            .next()
            .map_or(0, |row| row.iter().map(|c| c.colspan as usize).sum())
    }
}

/// A table cell. `class` is a styling hint: `label` (a printed field name),
/// `group` (a merged 一级/二级 cell), `text` (long text, left-aligned),
/// `missed` (a score below its 分值), `total` (the 总分 row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
    /// Right-aligned figure.
    pub numeric: bool,
    pub class: Option<&'static str>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            numeric: false,
            class: None,
        }
    }

    pub fn number(text: impl Into<String>) -> Self {
        Self {
            numeric: true,
            ..Self::text(text)
        }
    }

    fn label(text: impl Into<String>) -> Self {
        Self::text(text).class("label")
    }

    fn span(mut self, colspan: u32, rowspan: u32) -> Self {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }

    fn class(mut self, class: &'static str) -> Self {
        self.class = Some(class);
        self
    }
}

/// The paragraph ids of a document, in order.
pub fn paragraph_ids(doc: &Document) -> Vec<String> {
    paragraphs(doc).map(|p| p.id.clone()).collect()
}

/// The paragraphs of a document, in order.
pub fn paragraphs(doc: &Document) -> impl Iterator<Item = &Paragraph> {
    doc.blocks.iter().filter_map(|b| match b {
        Block::Paragraph(p) => Some(p),
        _ => None,
    })
}

/// The document as plain text (for copying into a word processor): one
/// block per line, table cells separated by tabs.
pub fn to_plain_text(doc: &Document) -> String {
    let mut out = vec![doc.title.clone()];
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Paragraph(p) => out.push(p.text.clone()),
            Block::Table(t) => {
                out.push(t.caption.clone());
                for row in t.header_rows.iter().chain(&t.rows) {
                    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                    out.push(cells.join("\t"));
                }
                out.push(t.footnote.clone());
            }
            Block::PageBreak => out.push(String::new()),
            Block::Signature { unit, date } => {
                out.push(unit.clone());
                out.push(date.clone());
            }
        }
    }
    out.join("\n")
}

/// "<项目名称>项目支出绩效自评报告".
pub fn title(project: &Project) -> String {
    let name = project.name.trim();
    if name.is_empty() {
        "项目支出绩效自评报告".to_string()
    } else if name.ends_with("项目") {
        format!("{name}支出绩效自评报告")
    } else {
        format!("{name}项目支出绩效自评报告")
    }
}

/// How a 二级指标 is titled in the report, as in the example ("产出数量").
pub fn level2_title(name: &str) -> String {
    let trimmed = name.trim();
    let base = trimmed.strip_suffix("指标").unwrap_or(trimmed).trim_end();
    let compact: String = base.chars().filter(|c| !c.is_whitespace()).collect();
    let mapped = match compact.as_str() {
        "数量" => "产出数量",
        "质量" => "产出质量",
        "时效" => "产出时效",
        "成本" => "产出成本",
        "经济效益" => "经济效益",
        "社会效益" => "社会效益",
        "生态效益" => "生态效益",
        "可持续影响" => "可持续影响",
        "服务对象满意度" | "满意度" => "服务对象满意度",
        "" => "未命名指标",
        _ => return base.to_string(),
    };
    mapped.to_string()
}

/// What decides whether the conditional paragraphs appear.
#[derive(Clone, Copy)]
struct Facts {
    rate: Option<f64>,
    grade: Grade,
}

impl Facts {
    fn of(evaluation: &Evaluation) -> Self {
        Self {
            rate: evaluation.execution.rate,
            grade: evaluation.grade,
        }
    }
}

/// (graded 中/差, 执行率 below the rule set's threshold): either calls for 整改.
fn rectification_reasons(project: &Project, facts: &Facts) -> (bool, bool) {
    let by_grade = facts.grade.needs_rectification();
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
        title: title(project),
        blocks: c.blocks,
    }
}

/// One 三级指标 with its score and paragraph id.
struct Item<'a> {
    indicator: &'a Indicator,
    score: IndicatorScore,
    id: String,
}

/// A 二级指标 that has indicators.
struct Group<'a> {
    index: (usize, usize),
    name: &'a str,
    title: String,
    weight: f64,
    score: f64,
    items: Vec<Item<'a>>,
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
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    fn paragraph(&mut self, id: impl Into<String>, draft: String) {
        let id = id.into();
        let (text, edited) = match self.project.report.edits.get(&id) {
            Some(edit) => (edit.clone(), *edit != draft),
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
        self.paragraph("experience", "主要经验及做法：（未填写）".to_string());
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
            self.paragraph("problems.empty", "（未填写）".to_string());
            return;
        }
        let count = problems.iter().filter(|t| !t.trim().is_empty()).count();
        let scope = if count == 1 {
            "以下问题".to_string()
        } else {
            format!("以下{}方面问题", cn_count(count))
        };
        let tally = self.tally();
        let intro = if self.facts.grade >= Grade::Good && tally.missed == 0 {
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
            self.paragraph("improvements.empty", "（未填写）".to_string());
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
            unit: unit.to_string(),
            date: settings.signature_date.trim().to_string(),
        });
    }
}

/// Paragraph ids of the indicators in table order: `indicator.<id>`, or the
/// tree position when an earlier indicator already has that id (only a
/// corrupted file can contain one).
fn indicator_ids(project: &Project) -> Vec<String> {
    let mut seen = HashSet::new();
    project
        .indicators_in_order()
        .map(|((i, j, k), ind)| {
            if seen.insert(ind.id) {
                format!("indicator.{}", ind.id)
            } else {
                format!("indicator.{i}.{j}.{k}")
            }
        })
        .collect()
}

fn groups<'a>(project: &'a Project, evaluation: &Evaluation) -> Vec<Group<'a>> {
    let mut ids = indicator_ids(project).into_iter();
    let mut out = Vec::new();
    for (i, l1) in project.indicators.iter().enumerate() {
        for (j, l2) in l1.groups.iter().enumerate() {
            let items: Vec<Item> = l2
                .indicators
                .iter()
                .enumerate()
                .map(|(k, ind)| Item {
                    indicator: ind,
                    // An evaluation of another version of the project must
                    // not make the report fail; score afresh instead.
                    score: evaluation
                        .indicator((i, j, k))
                        .filter(|s| s.id == ind.id)
                        .cloned()
                        .unwrap_or_else(|| score_indicator(ind, (i, j, k), &project.rules)),
                    id: ids.next().unwrap_or_default(),
                })
                .collect();
            if items.is_empty() {
                continue;
            }
            let sum_weight = items.iter().map(|x| x.score.weight).sum();
            let score = items.iter().map(|x| x.score.score).sum();
            let weight = evaluation
                .level2_score(i, j)
                .map_or(sum_weight, |g| g.weight);
            out.push(Group {
                index: (i, j),
                name: &l2.name,
                title: level2_title(&l2.name),
                weight,
                score,
                items,
            });
        }
    }
    out
}

// ---- drafts ------------------------------------------------------------

fn has_items(items: &[String]) -> bool {
    items.iter().any(|t| !t.trim().is_empty())
}

/// Items up to this many characters are run together as "一是…；二是…。".
const SHORT_ITEM_CHARS: usize = 40;

fn is_short_list(items: &[String]) -> bool {
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

fn shows_goal_actual(project: &Project) -> bool {
    !project.goal_actual.trim().is_empty() || project.report.edits.contains_key("goal_actual")
}

fn shows_other_notes(project: &Project) -> bool {
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

fn money(v: f64, unit: MoneyUnit) -> String {
    format!("{} {}", format_amount(v), unit.label())
}

fn amount(text: &NumberText) -> Option<f64> {
    parse_number(text.as_str())
        .ok()
        .flatten()
        .map(|n| n.value)
        .filter(|v| v.is_finite())
}

fn background_draft(project: &Project) -> String {
    match end_sentence(&project.background) {
        t if t.is_empty() => "（未填写）".to_string(),
        t => t,
    }
}

fn goal_draft(project: &Project) -> String {
    let lead = match project.year.trim() {
        "" => "本项目年度总体目标为：".to_string(),
        year => format!("本项目 {year} 年度总体目标为："),
    };
    match end_sentence(&project.goal_expected) {
        t if t.is_empty() => format!("{lead}（未填写）"),
        t => format!("{lead}{t}"),
    }
}

fn goal_actual_draft(project: &Project) -> String {
    match end_sentence(&project.goal_actual) {
        t if t.is_empty() => "从年度总体目标完成情况看，（未填写）".to_string(),
        t => format!("从年度总体目标完成情况看，{t}"),
    }
}

fn other_notes_draft(project: &Project) -> String {
    match end_sentence(&project.other_notes) {
        t if t.is_empty() => "无。".to_string(),
        t => t,
    }
}

const FUNDS_PARTS: [&str; 3] = ["当年财政拨款", "上年结转资金", "其他资金"];

fn funds_parts(project: &Project) -> [&FundsRow; 3] {
    let f = &project.funds;
    [&f.current_appropriation, &f.carried_over, &f.other]
}

fn budget_draft(project: &Project, evaluation: &Evaluation) -> String {
    let unit = project.money_unit;
    let total = &project.funds.total;
    let mut s = format!("{}，{}", year_phrase(project), project_ref(project));
    let annual = amount(&total.annual_budget);
    if let Some(initial) = amount(&total.initial_budget)
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
    let parts: Vec<String> = FUNDS_PARTS
        .iter()
        .zip(funds_parts(project))
        .filter_map(|(label, row)| {
            amount(&row.annual_budget)
                .filter(|v| *v != 0.0)
                .map(|v| format!("{label} {}", money(v, unit)))
        })
        .collect();
    if !parts.is_empty() {
        s.push_str(&format!("，其中{}", parts.join("、")));
    }
    match amount(&total.executed) {
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

fn summary_draft(evaluation: &Evaluation, tally: &Tally, has_groups: bool) -> String {
    let e = &evaluation.execution;
    let indicator_weight: f64 = evaluation.indicators.iter().map(|s| s.weight).sum();
    let indicator_score: f64 = evaluation.indicators.iter().map(|s| s.score).sum();
    let mut s = format!(
        "根据项目年初设定的绩效目标，结合全年实际执行情况，通过量化指标与定性分析相结合的方式开展自评，本项目自评得分为 {} 分，绩效等级为“{}”。其中，预算执行率得分 {} 分（分值 {} 分），绩效指标得分 {} 分（分值 {} 分）。",
        format_score(evaluation.total),
        evaluation.grade.label(),
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

/// `≥200` with unit 台 reads `≥200 台`; what the user typed is kept.
fn with_unit(text: &str, unit: &str) -> String {
    let text = text.trim();
    let unit = unit.trim();
    if text.is_empty() || unit.is_empty() {
        return text.to_string();
    }
    match parse_number(text) {
        Ok(Some(n)) if n.unit.is_none() => {
            if matches!(unit, "%" | "％" | "‰") {
                format!("{text}{unit}")
            } else {
                format!("{text} {unit}")
            }
        }
        _ => text.to_string(),
    }
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
                    parts.push(format!("评价为“{}”", qualitative_grade_label(g)));
                }
            } else {
                parts.push("未达到目标".to_string());
            }
            parts.push(format!(
                "得 {score} 分，扣 {} 分",
                format_score(s.weight - s.score)
            ));
            if reason.is_empty() {
                "。（偏差原因未填写）".to_string()
            } else {
                format!("。偏差原因：{reason}。")
            }
        }
        Attainment::Met | Attainment::Exceeded => {
            if qualitative {
                if let Some(g) = ind.qualitative_grade {
                    parts.push(format!("评价为“{}”", qualitative_grade_label(g)));
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
                (Attainment::Exceeded, true) => "。（超额完成原因未填写）".to_string(),
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
        "{}{}自评得分为 {} 分，绩效等级为“{}”。",
        year_phrase(project),
        project_ref(project),
        format_score(evaluation.total),
        evaluation.grade.label()
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
    let grade = facts.grade.label();
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
    if let Some(b) = amount(&project.funds.total.annual_budget) {
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

// ---- the 自评表 ----------------------------------------------------------

/// Columns of the 自评表's first grid (header, funds, goals).
const COLUMNS: u32 = 9;
/// Columns of the indicator block.
const INDICATOR_COLUMNS: u32 = 8;

fn amount_cell(text: &NumberText) -> Cell {
    let shown = match parse_number(text.as_str()) {
        Ok(Some(n)) => format_amount(n.value),
        Ok(None) => String::new(),
        // Shown as typed; the checks report it.
        Err(_) => text.as_str().trim().to_string(),
    };
    Cell::number(shown)
}

fn funds_row_cells(label: &str, row: &FundsRow) -> Vec<Cell> {
    vec![
        Cell::label(label).span(2, 1),
        amount_cell(&row.initial_budget),
        amount_cell(&row.annual_budget),
        amount_cell(&row.executed),
    ]
}

/// 附1 项目支出绩效自评表 as two tables printed one under the other: the
/// header, funds and goals; then the indicator block with 一级/二级 cells
/// merged over their rows (see [`indicator_table`]).
fn self_evaluation_tables(
    project: &Project,
    evaluation: &Evaluation,
    groups: &[Group],
) -> (Table, Table) {
    let text = |s: &str| Cell::text(s.trim());
    let mut header_rows = vec![
        vec![
            Cell::label("项目名称"),
            text(&project.name).span(COLUMNS - 1, 1),
        ],
        vec![
            Cell::label("主管部门"),
            text(&project.department).span(3, 1),
            Cell::label("实施单位"),
            text(&project.implementer).span(4, 1),
        ],
    ];
    if !project.leader.trim().is_empty() || !project.phone.trim().is_empty() {
        header_rows.push(vec![
            Cell::label("项目负责人"),
            text(&project.leader).span(3, 1),
            Cell::label("联系电话"),
            text(&project.phone).span(4, 1),
        ]);
    }

    let e = &evaluation.execution;
    let dash = || Cell::number("—");
    let mut rows = Vec::new();
    let mut head = vec![
        Cell::label(format!("项目资金（{}）", project.money_unit.label())).span(1, 5),
        Cell::label("").span(2, 1),
    ];
    for label in [
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ] {
        head.push(Cell::label(label));
    }
    rows.push(head);
    let mut total = funds_row_cells("年度资金总额", &project.funds.total);
    total.push(Cell::number(format_score(e.weight)));
    total.push(Cell::number(e.rate.map_or("—".to_string(), format_percent)));
    total.push(Cell::number(format_score(e.score)));
    rows.push(total);
    for (n, (label, row)) in FUNDS_PARTS.iter().zip(funds_parts(project)).enumerate() {
        let label = if n == 0 {
            format!("其中：{label}")
        } else {
            label.to_string()
        };
        let mut cells = funds_row_cells(&label, row);
        cells.extend([dash(), dash(), dash()]);
        rows.push(cells);
    }

    rows.push(vec![
        Cell::label("年度总体目标").span(1, 2),
        Cell::label("预期目标").span(4, 1),
        Cell::label("实际完成情况").span(4, 1),
    ]);
    rows.push(vec![
        text(&project.goal_expected).span(4, 1).class("text"),
        text(&project.goal_actual).span(4, 1).class("text"),
    ]);

    let caption = match project.year.trim() {
        "" => "项目支出绩效自评表".to_string(),
        year => format!("项目支出绩效自评表（{year} 年度）"),
    };
    let funds_and_goals = Table {
        caption,
        header_rows,
        rows,
        footnote: String::new(),
    };
    (
        funds_and_goals,
        indicator_table(project, evaluation, groups),
    )
}

/// The 绩效指标 block as a table of its own, so that its column heads are
/// the rows a printed page repeats when the block runs over a page.
fn indicator_table(project: &Project, evaluation: &Evaluation, groups: &[Group]) -> Table {
    let e = &evaluation.execution;
    let header_rows = vec![
        vec![Cell::label("绩效指标").span(INDICATOR_COLUMNS, 1)],
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ]
        .into_iter()
        .map(Cell::label)
        .collect(),
    ];
    let mut rows = Vec::new();
    if groups.is_empty() {
        rows.push(vec![
            Cell::text("（未设置绩效指标）").span(INDICATOR_COLUMNS, 1),
        ]);
    }
    for (n, g) in groups.iter().enumerate() {
        let (i, _) = g.index;
        let first_of_level1 = n == 0 || groups[n - 1].index.0 != i;
        for (k, item) in g.items.iter().enumerate() {
            let mut cells = Vec::new();
            if first_of_level1 && k == 0 {
                let span: usize = groups
                    .iter()
                    .filter(|h| h.index.0 == i)
                    .map(|h| h.items.len())
                    .sum();
                let name = project.indicators[i].name.trim();
                cells.push(Cell::text(name).span(1, span as u32).class("group"));
            }
            if k == 0 {
                cells.push(
                    Cell::text(g.name.trim())
                        .span(1, g.items.len() as u32)
                        .class("group"),
                );
            }
            cells.extend(indicator_cells(item));
            rows.push(cells);
        }
    }

    let weight_sum = e.weight
        + groups
            .iter()
            .flat_map(|g| &g.items)
            .map(|i| i.score.weight)
            .sum::<f64>();
    rows.push(vec![
        Cell::label("总分").span(5, 1).class("total"),
        Cell::number(format_score(weight_sum)).class("total"),
        Cell::number(format_score(evaluation.total)).class("total"),
        Cell::text(format!("绩效等级：{}", evaluation.grade.label())).class("total"),
    ]);

    let mut footnote =
        "得分保留两位小数；总分为各项未取舍得分之和，取舍一次，等级按显示的总分确定。".to_string();
    if let Some(cap) = evaluation.cap {
        footnote.push_str(&format!(
            "按所用计分规则，总分受预算执行率限制，以 {} 分为上限。",
            format_score(cap)
        ));
    }
    Table {
        caption: String::new(),
        header_rows,
        rows,
        footnote,
    }
}

fn indicator_cells(item: &Item) -> [Cell; 6] {
    let ind = item.indicator;
    let s = &item.score;
    let (target, actual) = if ind.kind == IndicatorKind::Qualitative {
        let actual = ind.actual.as_str().trim();
        let actual = match (actual, ind.qualitative_grade) {
            ("", Some(g)) => qualitative_grade_label(g).to_string(),
            (a, Some(g)) => format!("{a}（{}）", qualitative_grade_label(g)),
            (a, None) => a.to_string(),
        };
        (ind.target.as_str().trim().to_string(), actual)
    } else {
        (
            with_unit(ind.target.as_str(), &ind.unit),
            with_unit(ind.actual.as_str(), &ind.unit),
        )
    };
    let weight = if parse_weight(&ind.weight).is_some() {
        format_score(s.weight)
    } else {
        ind.weight.as_str().trim().to_string()
    };
    let mut score = Cell::number(format_score(s.score));
    if s.score < s.weight - 1e-9 * s.weight.max(1.0) {
        score = score.class("missed");
    }
    [
        Cell::text(ind.name.trim()),
        Cell::text(target),
        Cell::text(actual),
        Cell::number(weight),
        score,
        Cell::text(ind.deviation_reason.trim()).class("text"),
    ]
}

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

// ---- prose-vs-data checks -----------------------------------------------

/// Whether paragraph `id` appears in `compose(project, evaluation)`, without
/// composing it: edits to paragraphs no longer shown (an indicator deleted,
/// the other template) are not checked.
pub fn paragraph_in_use(project: &Project, evaluation: &Evaluation, id: &str) -> bool {
    in_use(project, &Facts::of(evaluation), id)
}

/// `text` as the canonical decimal of an index, so `01` or `+1` never match.
fn index(text: &str) -> Option<usize> {
    text.parse().ok().filter(|n: &usize| n.to_string() == text)
}

fn in_use(project: &Project, facts: &Facts, id: &str) -> bool {
    let p = project;
    let ministry = p.report.template == ReportTemplate::MinistryB;
    match id {
        "background" | "goal" | "budget" | "summary" | "conclusion" => true,
        "scope" | "method" | "process" | "experience" => ministry,
        "goal_actual" => shows_goal_actual(p),
        "other_notes" => ministry || shows_other_notes(p),
        "rectification" => {
            let (by_grade, low) = rectification_reasons(p, facts);
            by_grade || low
        }
        "problems.intro" => has_items(&p.problems),
        "problems.empty" => !has_items(&p.problems),
        "improvements.intro" => has_items(&p.improvements),
        "improvements.empty" => !has_items(&p.improvements),
        "improvements.list" => is_short_list(&p.improvements),
        _ => {
            let Some((kind, rest)) = id.split_once('.') else {
                return false;
            };
            let item = |items: &[String]| {
                index(rest)
                    .and_then(|n| items.get(n))
                    .is_some_and(|t| !t.trim().is_empty())
            };
            match kind {
                "problems" => item(&p.problems),
                "improvements" => !is_short_list(&p.improvements) && item(&p.improvements),
                "level2" => rest.split_once('.').is_some_and(|(i, j)| {
                    index(i)
                        .zip(index(j))
                        .and_then(|(i, j)| p.indicators.get(i)?.groups.get(j))
                        .is_some_and(|g| !g.indicators.is_empty())
                }),
                "indicator" => indicator_id_in_use(p, rest),
                _ => false,
            }
        }
    }
}

fn indicator_id_in_use(project: &Project, rest: &str) -> bool {
    if let Some(id) = rest.parse::<u64>().ok().filter(|n| n.to_string() == rest) {
        return project.indicators_in_order().any(|(_, ind)| ind.id == id);
    }
    let mut parts = rest.split('.').map(index);
    let (Some(Some(i)), Some(Some(j)), Some(Some(k)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(ind) = project
        .indicators
        .get(i)
        .and_then(|l1| l1.groups.get(j))
        .and_then(|l2| l2.indicators.get(k))
    else {
        return false;
    };
    // Only a repeated id is keyed by position.
    project
        .indicators_in_order()
        .take_while(|(path, _)| *path != (i, j, k))
        .any(|(_, other)| other.id == ind.id)
}

/// Findings for figures in the user's edited report paragraphs that
/// contradict the data (see [`check_edits`]).
pub fn prose_findings(project: &Project, evaluation: &Evaluation) -> Vec<Finding> {
    check_edits(
        project,
        evaluation.total,
        evaluation.execution.rate,
        evaluation.grade,
    )
}

/// Scans each edited paragraph still shown in the report for a stated
/// 执行率, total score, grade or budget/执行 amount that contradicts the
/// printed figures. Runs inside `score::evaluate` on every keystroke, so it
/// looks only at the edits (usually few) and never composes the document.
pub fn check_edits(project: &Project, total: f64, rate: Option<f64>, grade: Grade) -> Vec<Finding> {
    let edits = &project.report.edits;
    if edits.is_empty() {
        return Vec::new();
    }
    let facts = Facts { rate, grade };
    let mut out = Vec::new();
    for (id, text) in edits {
        if text.trim().is_empty() || !in_use(project, &facts, id) {
            continue;
        }
        let path = format!("report.{id}");
        out.extend(check_prose_percentages(text, &path, rate));
        let chars = normalize(text);
        let mut say = |message: String| out.push(Finding::new(Severity::Warning, &path, message));
        for (key, shown, stated) in stated_totals(&chars) {
            if (stated - total).abs() >= 0.005 {
                say(format!(
                    "文中写{key}为 {shown} 分，但自评表的总分为 {} 分，请核对",
                    format_score(total)
                ));
            }
        }
        for (word, stated) in stated_grades(&chars) {
            if stated != grade {
                say(format!(
                    "文中写绩效等级为“{word}”，但按总分 {} 分评定的等级为“{}”，请核对",
                    format_score(total),
                    grade.label()
                ));
            }
        }
        for claim in stated_amounts(&chars) {
            let (label, row_text) = match claim.field {
                FundsField::Initial => ("年初预算数", &project.funds.total.initial_budget),
                FundsField::Annual => ("全年预算数", &project.funds.total.annual_budget),
                FundsField::Executed => ("全年执行数", &project.funds.total.executed),
            };
            let Some(data) = amount(row_text) else {
                continue;
            };
            let stated = match (claim.unit, project.money_unit) {
                (MoneyUnit::Wan, MoneyUnit::Yuan) => claim.value * 10_000.0,
                (MoneyUnit::Yuan, MoneyUnit::Wan) => claim.value / 10_000.0,
                _ => claim.value,
            };
            if (stated - data).abs() >= 0.005 {
                say(format!(
                    "文中写{label}为 {} {}，但资金表中{label}为 {}，请核对",
                    claim.shown,
                    claim.unit.label(),
                    money(data, project.money_unit)
                ));
            }
        }
    }
    out
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    (at..)
        .zip(word.chars())
        .all(|(i, w)| chars.get(i) == Some(&w))
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| c.is_whitespace()) {
        i += 1;
    }
    i
}

/// After a keyword: spaces, at most one linking word, spaces.
fn skip_link(chars: &[char], at: usize, links: &[&str]) -> usize {
    let i = skip_spaces(chars, at);
    match links.iter().find(|w| starts_with(chars, i, w)) {
        Some(w) => skip_spaces(chars, i + w.chars().count()),
        None => i,
    }
}

/// A decimal figure at `at` (千分位 allowed): its text, value and end.
fn figure(chars: &[char], at: usize) -> Option<(String, f64, usize)> {
    let mut i = at;
    let mut text = String::new();
    while let Some(&c) = chars.get(i) {
        let digit_follows = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() || ((c == '.' || c == ',') && !text.is_empty() && digit_follows) {
            text.push(c);
            i += 1;
        } else {
            break;
        }
    }
    if text.is_empty() {
        return None;
    }
    let value = parse_number(&text).ok().flatten()?.value;
    value.is_finite().then_some((text, value, i))
}

const TOTAL_KEYS: [&str; 7] = [
    "自评得分",
    "总得分",
    "综合得分",
    "最终得分",
    "评价得分",
    "项目得分",
    "总分",
];

/// "自评得分为 95 分", "总分 95.5 分": (keyword, figure as written, value).
fn stated_totals(chars: &[char]) -> Vec<(&'static str, String, f64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(key) = TOTAL_KEYS.iter().find(|k| starts_with(chars, i, k)) else {
            i += 1;
            continue;
        };
        i += key.chars().count();
        let at = skip_link(chars, i, &["为", "是", ":", "达到", "达"]);
        if let Some((shown, value, end)) = figure(chars, at) {
            let end = skip_spaces(chars, end);
            if chars.get(end) == Some(&'分') {
                out.push((*key, shown, value));
                i = end;
            }
        }
    }
    out
}

const GRADE_KEYS: [&str; 5] = ["绩效等级", "评价等级", "自评等级", "评定等级", "综合等级"];

/// Longest first, so 优秀 is read before 优. 合格 is the 中 band where a
/// four-level scale says 合格.
const GRADE_WORDS: [(&str, Grade); 10] = [
    ("不合格", Grade::Poor),
    ("优秀", Grade::Excellent),
    ("良好", Grade::Good),
    ("中等", Grade::Fair),
    ("合格", Grade::Fair),
    ("较差", Grade::Poor),
    ("优", Grade::Excellent),
    ("良", Grade::Good),
    ("中", Grade::Fair),
    ("差", Grade::Poor),
];

/// "绩效等级为“优秀”": (word as written, grade). A word followed by 、/或…
/// is part of a list ("等级为中、差的项目") and says nothing about this project.
fn stated_grades(chars: &[char]) -> Vec<(&'static str, Grade)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(key) = GRADE_KEYS.iter().find(|k| starts_with(chars, i, k)) else {
            i += 1;
            continue;
        };
        i += key.chars().count();
        let mut at = skip_link(
            chars,
            i,
            &[
                "评定为",
                "被评为",
                "确定为",
                "为",
                "是",
                ":",
                "达到",
                "属于",
            ],
        );
        while chars
            .get(at)
            .is_some_and(|c| matches!(c, '“' | '"' | '「' | '『' | '‘' | '\''))
        {
            at += 1;
        }
        if let Some((word, grade)) = GRADE_WORDS.iter().find(|(w, _)| starts_with(chars, at, w)) {
            let end = at + word.chars().count();
            let listed = chars.get(end).is_some_and(|c| {
                matches!(c, '、' | '或' | '和' | '及' | '与' | '/' | '至' | '-' | '~')
            });
            if !listed {
                out.push((*word, *grade));
            }
            i = end;
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum FundsField {
    Initial,
    Annual,
    Executed,
}

#[derive(Debug, PartialEq)]
struct AmountClaim {
    field: FundsField,
    shown: String,
    value: f64,
    unit: MoneyUnit,
}

/// Clause ends (after `normalize`, full-width ，；：（） are ASCII).
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        '。' | ',' | ';' | '(' | ')' | '、' | '!' | '?' | '\n' | '【' | '】'
    )
}

/// Words that make an amount a part, an estimate or another year's figure.
const NOT_THE_WHOLE: [&str; 6] = ["其中", "分别", "用于", "包括", "含", "合计"];
const ESTIMATE_BEFORE: [&str; 6] = ["约", "近", "超过", "逾", "不足", "不到"];
const ESTIMATE_AFTER: [&str; 4] = ["左右", "以上", "以下", "余"];

/// "预算…27.5 万元", "执行…27.5 万元": amounts the clause ties to the
/// 全年预算数 (年初预算数 when it says 年初) or the 全年执行数.
fn stated_amounts(chars: &[char]) -> Vec<AmountClaim> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'));
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((shown, value, end)) = figure(chars, i) else {
            i += 1;
            continue;
        };
        let start = i;
        i = end;
        let at = skip_spaces(chars, end);
        let (unit, after) = if starts_with(chars, at, "万元") {
            (MoneyUnit::Wan, at + 2)
        } else if chars.get(at) == Some(&'元') {
            (MoneyUnit::Yuan, at + 1)
        } else {
            continue;
        };
        let mut clause_start = start;
        while clause_start > 0 && !is_clause_end(chars[clause_start - 1]) {
            clause_start -= 1;
        }
        let before: String = chars[clause_start..start].iter().collect();
        let before_trimmed = before.trim_end();
        if NOT_THE_WHOLE.iter().any(|w| before.contains(w))
            || ESTIMATE_BEFORE.iter().any(|w| before_trimmed.ends_with(w))
            || ESTIMATE_AFTER.iter().any(|w| starts_with(chars, after, w))
        {
            continue;
        }
        if let Some(field) = clause_field(&before) {
            out.push(AmountClaim {
                field,
                shown,
                value,
                unit,
            });
        }
    }
    out
}

/// The funds figure a clause names: the keyword nearest the amount wins.
fn clause_field(before: &str) -> Option<FundsField> {
    let last = |word: &str, unless_followed_by: Option<&str>| {
        before
            .match_indices(word)
            .filter(|(at, w)| {
                unless_followed_by.is_none_or(|next| !before[at + w.len()..].starts_with(next))
            })
            .map(|(at, _)| at)
            .last()
    };
    // 预算执行率 and 执行率 are rates, not amounts.
    let budget = last("预算", Some("执行率"));
    let executed = [last("执行", Some("率")), last("实际支出", None)]
        .into_iter()
        .flatten()
        .max();
    match (budget, executed) {
        (Some(b), e) if e.is_none_or(|e| b > e) => {
            if before[..b].ends_with("年初") {
                Some(FundsField::Initial)
            } else {
                Some(FundsField::Annual)
            }
        }
        (_, Some(_)) => Some(FundsField::Executed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample::example_project;
    use crate::model::score::evaluate;

    fn chars(s: &str) -> Vec<char> {
        normalize(s)
    }

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
    fn level2_titles_follow_the_example() {
        assert_eq!(level2_title("数量指标"), "产出数量");
        assert_eq!(level2_title(" 质量指标 "), "产出质量");
        assert_eq!(level2_title("服务对象满意度指标"), "服务对象满意度");
        assert_eq!(level2_title("社会效益指标"), "社会效益");
        assert_eq!(level2_title("经济成本指标"), "经济成本");
        assert_eq!(level2_title("安全 保障"), "安全 保障");
        assert_eq!(level2_title(""), "未命名指标");
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

    #[test]
    fn units_added_only_when_missing() {
        assert_eq!(with_unit("≥200", "台"), "≥200 台");
        assert_eq!(with_unit(" ≥200台 ", "台"), "≥200台");
        assert_eq!(with_unit("±0", "%"), "±0%");
        assert_eq!(with_unit("按计划完成", "天"), "按计划完成");
        assert_eq!(with_unit("235", ""), "235");
        assert_eq!(with_unit("", "台"), "");
    }

    #[test]
    fn totals_read_from_prose() {
        let found = stated_totals(&chars("本项目最终自评得分为 95.5 分，总分100分。"));
        assert_eq!(
            found,
            vec![
                ("自评得分", "95.5".to_string(), 95.5),
                ("总分", "100".to_string(), 100.0)
            ]
        );
        // An indicator's 得分 and 总分值 are not the total.
        assert!(stated_totals(&chars("保障数量得分为 20 分，总分值 100 分")).is_empty());
    }

    #[test]
    fn grades_read_from_prose() {
        let found = stated_grades(&chars("项目整体绩效等级为“优秀”。"));
        assert_eq!(found, vec![("优秀", Grade::Excellent)]);
        assert_eq!(
            stated_grades(&chars("评价等级：良")),
            vec![("良", Grade::Good)]
        );
        assert_eq!(
            stated_grades(&chars("评价等级为不合格")),
            vec![("不合格", Grade::Poor)]
        );
        assert!(stated_grades(&chars("对评价等级为中、差的项目")).is_empty());
        assert!(stated_grades(&chars("工程质量等级为合格")).is_empty());
        assert!(stated_grades(&chars("绩效等级按总分划分为优")).is_empty());
    }

    #[test]
    fn amounts_read_from_prose() {
        let found = stated_amounts(&chars(
            "项目预算金额为 27.5 万元，主要用于支付费用。截至年底，项目实际执行金额为 27 万元，预算执行率达到 98%。",
        ));
        assert_eq!(
            found.iter().map(|c| (c.field, c.value)).collect::<Vec<_>>(),
            vec![(FundsField::Annual, 27.5), (FundsField::Executed, 27.0)]
        );
        let found = stated_amounts(&chars("年初预算数为 1,000 元；全年实际支出 900元"));
        assert_eq!(
            found
                .iter()
                .map(|c| (c.field, c.value, c.unit))
                .collect::<Vec<_>>(),
            vec![
                (FundsField::Initial, 1000.0, MoneyUnit::Yuan),
                (FundsField::Executed, 900.0, MoneyUnit::Yuan)
            ]
        );
        for skipped in [
            "全年预算数为 27.5 万元，其中当年财政拨款 20 万元",
            "预算约 30 万元",
            "预算 30 万元左右",
            "用于设备的预算 5 万元",
            "网络费 5 万元",
        ] {
            let found = stated_amounts(&chars(skipped));
            assert!(
                found
                    .iter()
                    .all(|c| c.value != 20.0 && c.value != 30.0 && c.value != 5.0),
                "{skipped}: {found:?}"
            );
        }
    }

    /// The drafts agree with the data: composing and checking every draft as
    /// if the user had typed it gives no prose findings.
    #[test]
    fn drafts_pass_their_own_check() {
        for template in [ReportTemplate::CountyA, ReportTemplate::MinistryB] {
            let mut p = example_project();
            p.report.template = template;
            p.funds.total.executed = NumberText::new("22");
            p.funds.total.initial_budget = NumberText::new("30");
            p.indicators[0].groups[1].indicators[0].actual = NumberText::new("20");
            // The sample's own 实际完成情况 quotes the original figures.
            p.goal_actual = "全年无重大网络中断事故。".to_string();
            let ev = evaluate(&p);
            let doc = compose(&p, &ev);
            for para in paragraphs(&doc) {
                p.report.edits.insert(para.id.clone(), para.draft.clone());
            }
            let found = prose_findings(&p, &ev);
            assert!(found.is_empty(), "{template:?}: {found:#?}");
        }
    }
}
