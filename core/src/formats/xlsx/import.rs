//! The 自评表 (附1 and its published variants) and the 绩效目标申报表 found
//! in a workbook's grids, as projects to preview before anything is stored.
//!
//! A table is found by its indicator header (a row naming 三级指标 and at
//! least two more columns); the project's block is the rows from its title
//! or 项目名称 row down to the table's 总分 row. Header fields are read from
//! labels and the value to their right, wherever the layout puts them; the
//! indicator rows go through the same reading as a paste ([`plan`]), so a
//! table imports exactly as it would paste. The table's own 得分 and 总分
//! are kept as 表中得分 for the 体检 to check.

use super::a1::cell_ref;
use super::read::{SheetGrid, Workbook};
use crate::columns::{Column, header_score, note_field};
use crate::grades::GradeNote;
use crate::names::same_name;
use crate::number::{figure, parse_number};
use crate::paste::{Placement, plan};
use crate::path::{FieldPath, FundsColumn, FundsLine, HeaderField};
use crate::project::{IndicatorKind, MoneyUnit, NumberText, Project};

/// One table found: the project it makes and where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub project: Project,
    pub sheet: String,
    /// The cell range read, "A1:I30".
    pub range: String,
    /// Cells not understood, each "D5“备注”：why".
    pub not_understood: Vec<String>,
    /// A 绩效目标申报表: targets only, no actuals or scores.
    pub targets_only: bool,
    /// 定性 grades read from the table's 得分 or words, and where they disagree.
    pub grades: Vec<GradeNote>,
    /// The money unit was chosen against the table's label, and why
    /// ("标注为万元，但…按元读取"); the preview offers the other reading.
    pub money_note: Option<String>,
}

/// All tables of a workbook, and what could not be read at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    pub found: Vec<Found>,
    /// Per sheet: no table in it, rows left unread.
    pub notes: Vec<String>,
}

/// Text with all whitespace removed and a trailing colon dropped: how a
/// label is compared.
fn key(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.trim_end_matches([':', '：']).to_string()
}

fn is_indicator_header(row: &[String]) -> bool {
    let columns: Vec<Column> = row.iter().filter_map(|c| Column::recognise(c)).collect();
    columns.contains(&Column::Name) && columns.len() >= 3
}

fn is_total_row(row: &[String]) -> bool {
    row.iter().any(|c| {
        let k = key(c);
        k == "总分" || k == "合计" || (k.starts_with("总分") && k.chars().count() <= 6)
    })
}

/// A row that starts a project's block: its 项目名称 (or 项目编码, which
/// a 申报表 puts above it) or a table title.
fn starts_project(row: &[String]) -> bool {
    row.iter().any(|c| {
        let k = key(c);
        k == "项目名称"
            || k == "项目编码"
            || k == "项目代码"
            || k.starts_with("项目名称：")
            || (k.contains("表")
                && (k.contains("自评表") || k.contains("申报表") || k.contains("目标表")))
    })
}

/// The year of a title: "…自评表（2022 年度）" as 附1 (and jixiao) print it,
/// else a four-digit year followed by 年 ("2022年度").
fn year_in(text: &str) -> Option<String> {
    if let Some(inner) = text.trim().strip_suffix("年度）")
        && let Some((title, year)) = inner.rsplit_once('（')
        && title.ends_with('表')
        && !year.trim().is_empty()
    {
        return Some(year.trim().to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits: String = chars[i..i + 4].iter().collect();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after = chars[i + 4..].iter().find(|c| !c.is_whitespace());
        (before_ok
            && digits.chars().all(|c| c.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
            && after == Some(&'年'))
        .then_some(digits)
    })
}

struct Block<'a> {
    grid: &'a SheetGrid,
    top: usize,
    header: usize,
    bottom: usize,
    /// Where this project's rows start, when one header serves several
    /// projects listed one under another (申报表 with a 项目名称 column).
    data_from: Option<usize>,
}

impl Block<'_> {
    fn row(&self, r: usize) -> &[String] {
        self.grid.rows.get(r).map_or(&[], Vec::as_slice)
    }

    /// Whether (r, c) is covered by a cell merged down from a row above.
    fn merged_from_above(&self, r: usize, c: usize) -> bool {
        self.grid
            .merges
            .iter()
            .any(|m| m[0] < r && r <= m[2] && m[1] <= c && c <= m[3])
    }

    /// The indicator rows, header first, trimmed; a row whose 三级指标 cell
    /// is merged down from the row above continues that row (a writer
    /// split a text too tall for one row over several, as jixiao's own
    /// export does), so its texts are joined to the row above.
    fn joined_rows(&self) -> Vec<Vec<String>> {
        let name_col = [self.header, self.header + 1].iter().find_map(|&r| {
            self.row(r)
                .iter()
                .position(|t| Column::recognise(t) == Some(Column::Name))
        });
        let mut rows: Vec<Vec<String>> = Vec::new();
        let sheet_rows: Vec<usize> = match self.data_from {
            Some(from) => std::iter::once(self.header)
                .chain(from..=self.bottom)
                .collect(),
            None => (self.header..=self.bottom).collect(),
        };
        for r in sheet_rows {
            let row: Vec<String> = self.row(r).iter().map(|t| t.trim().to_string()).collect();
            let continues = r > self.header + 1
                && name_col.is_some_and(|c| {
                    row.get(c).is_none_or(String::is_empty) && self.merged_from_above(r, c)
                });
            match rows.last_mut() {
                Some(above) if continues => {
                    for (c, text) in row.into_iter().enumerate() {
                        if text.is_empty() || self.merged_from_above(r, c) {
                            continue;
                        }
                        if above.len() <= c {
                            above.resize(c + 1, String::new());
                        }
                        above[c].push_str(&text);
                    }
                }
                _ => rows.push(row),
            }
        }
        rows
    }

    /// The last column of a merge starting at (r, c), or c.
    fn merge_end(&self, r: usize, c: usize) -> usize {
        self.grid
            .merges
            .iter()
            .find(|m| m[0] <= r && r <= m[2] && m[1] <= c && c <= m[3])
            .map_or(c, |m| m[3])
    }

    /// The value a label at (r, c) labels: the first filled cell to its
    /// right (past the label's own merge), unless that is another label.
    fn value_right_of(&self, r: usize, c: usize) -> Option<(usize, String)> {
        let row = self.row(r);
        let from = self.merge_end(r, c) + 1;
        let (at, text) = row
            .iter()
            .enumerate()
            .skip(from)
            // The value stands beside its label (a blank spacer at most).
            .take(2)
            .find(|(_, t)| !t.trim().is_empty())?;
        (!is_label_like(text)).then(|| (at, text.trim().to_string()))
    }
}

/// Another label, or a "label：value" note ("金额单位：万元"): never the
/// value of the label before it.
fn is_label_like(text: &str) -> bool {
    let cjk = |t: &str| {
        t.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count()
    };
    label_field(text).is_some()
        || funds_column(text).is_some()
        || text.split_once(['：', ':']).is_some_and(|(label, value)| {
            let label = label.trim();
            (2..=6).contains(&label.chars().count())
                && cjk(label) == label.chars().count()
                && !value.trim().is_empty()
        })
}

#[derive(Clone, Copy, PartialEq)]
enum HeaderLabel {
    /// 填报单位: the 实施单位 when the table names no other.
    Reporter,
    Name,
    Department,
    Implementer,
    Leader,
    Phone,
    /// 年度, 预算年度: the one field besides the title that gives the year.
    Year,
    /// A 申报表 field (`Project::declaration`).
    Declared(HeaderField),
}

/// A label without the unit written after it: "项目总金额（万元）" → "项目总金额".
fn without_unit_suffix(k: &str) -> &str {
    for unit in ["（万元）", "(万元)", "（元）", "(元)"] {
        if let Some(label) = k.strip_suffix(unit) {
            return label;
        }
    }
    k
}

fn label_field(text: &str) -> Option<HeaderLabel> {
    let k = key(text);
    Some(match without_unit_suffix(&k) {
        "项目名称" => HeaderLabel::Name,
        "主管部门" | "主管部门及代码" | "主管单位" | "一级预算单位" => {
            HeaderLabel::Department
        }
        "实施单位" | "项目实施单位" | "预算单位" | "申请单位" | "申报单位" => {
            HeaderLabel::Implementer
        }
        "填报单位" => HeaderLabel::Reporter,
        "项目负责人" | "项目负责人及电话" | "负责人" => HeaderLabel::Leader,
        "联系电话" | "电话" => HeaderLabel::Phone,
        "年度" | "预算年度" | "申报年度" => HeaderLabel::Year,
        "项目编码" | "项目代码" => HeaderLabel::Declared(HeaderField::Code),
        "实施期限" | "项目期限" => HeaderLabel::Declared(HeaderField::Period),
        "项目类型" | "项目类别" => HeaderLabel::Declared(HeaderField::ProjectType),
        "是否新增" | "是否新增项目" => HeaderLabel::Declared(HeaderField::IsNew),
        "项目总金额" | "项目总投资" => HeaderLabel::Declared(HeaderField::TotalAmount),
        "本年度项目金额" | "本年度预算" | "本年度资金" => {
            HeaderLabel::Declared(HeaderField::YearAmount)
        }
        "政策依据" | "立项依据" => HeaderLabel::Declared(HeaderField::PolicyBasis),
        "测算依据" | "测算过程" | "测算依据及说明" => {
            HeaderLabel::Declared(HeaderField::CostBasis)
        }
        "长期目标" | "中长期目标" => HeaderLabel::Declared(HeaderField::LongTermGoal),
        _ => return None,
    })
}

fn funds_line(text: &str) -> Option<FundsLine> {
    let k = key(text);
    let k = k.trim_start_matches("其中").trim_start_matches(['：', ':']);
    if k.contains("资金总额") || k == "合计" || k == "年度资金" {
        Some(FundsLine::Total)
    } else if k.contains("财政拨款") {
        Some(FundsLine::CurrentAppropriation)
    } else if k.contains("上年结转") || k.contains("上年结余") {
        Some(FundsLine::CarriedOver)
    } else if k.contains("其他资金") || k == "其他" {
        Some(FundsLine::Other)
    } else {
        None
    }
}

fn funds_column(text: &str) -> Option<FundsColumn> {
    let k = key(text);
    if k.contains("年初预算") {
        Some(FundsColumn::Initial)
    } else if k.contains("全年预算") || k.contains("调整后预算") {
        Some(FundsColumn::Annual)
    } else if k.contains("全年执行") || k.contains("执行数") || k.contains("实际支出") {
        Some(FundsColumn::Executed)
    } else {
        None
    }
}

/// A label of the 年度总体目标 row (after `key`).
fn is_goal_label(k: &str) -> bool {
    matches!(k, "年度总体目标" | "总体目标" | "年度目标" | "年度绩效目标")
}

/// The fields above the indicator header: name, units, year, money unit,
/// funds (with the table's own 执行率 得分) and goals.
fn read_header(block: &Block, p: &mut Project) {
    let mut reporter: Option<String> = None;
    let mut implementer_labelled = false;
    let mut funds_columns: Vec<(usize, FundsColumn)> = Vec::new();
    let mut funds_score_col: Option<usize> = None;
    let mut goal_columns: Option<(usize, Option<usize>)> = None;
    // Where the 年度总体目标 label is (the first in its row).
    let mut goal_label: Option<(usize, usize)> = None;
    // Cells read as a label's value: prose (测算依据 …) names years and
    // amounts that are not the table's.
    let mut values_read: Vec<(usize, usize)> = Vec::new();
    // A 申报表 with its own 年度目标 calls the long-term goal 总体目标.
    let has_annual_goal = (block.top..block.header).any(|r| {
        block
            .row(r)
            .iter()
            .any(|t| matches!(key(t).as_str(), "年度目标" | "年度绩效目标"))
    });
    for r in block.top..block.header {
        let row = block.row(r);
        for (c, text) in row.iter().enumerate() {
            let t = text.trim();
            if t.is_empty() || values_read.contains(&(r, c)) {
                continue;
            }
            let k = key(t);
            // The year of a title ("2023年度…申报表", "（2022 年度）"), never
            // of a figure in a sentence.
            if p.year.is_empty()
                && (t.contains('表') || t.chars().count() <= 12)
                && let Some(y) = year_in(t)
            {
                p.year = y;
            }
            if t.contains("万元") {
                p.money_unit = MoneyUnit::Wan;
            } else if (t.contains("（元）")
                || t.contains("(元)")
                || k.contains("单位：元")
                || k.contains("单位:元")
                || k.contains("单位为元"))
                && !t.contains("万")
            {
                p.money_unit = MoneyUnit::Yuan;
            }
            // "项目名称：XXX" in one cell.
            let labelled = match t.split_once(['：', ':']) {
                Some((label, value)) if !value.trim().is_empty() => {
                    label_field(label).map(|f| (f, Some(value.trim().to_string())))
                }
                _ => label_field(t).map(|f| {
                    let value = block.value_right_of(r, c);
                    if let Some((at, _)) = &value {
                        values_read.push((r, *at));
                    }
                    (f, value.map(|v| v.1))
                }),
            };
            // 总体目标 beside a 年度目标 is the long-term one.
            let labelled = labelled.or_else(|| {
                (has_annual_goal && k == "总体目标").then(|| {
                    let value = block.value_right_of(r, c);
                    if let Some((at, _)) = &value {
                        values_read.push((r, *at));
                    }
                    (
                        HeaderLabel::Declared(HeaderField::LongTermGoal),
                        value.map(|v| v.1),
                    )
                })
            });
            // 年度资金总额 outside a funds block is the 申报表's 本年度项目金额.
            let labelled = labelled.or_else(|| {
                (funds_columns.is_empty() && without_unit_suffix(&k) == "年度资金总额").then(|| {
                    let value = block.value_right_of(r, c);
                    if let Some((at, _)) = &value {
                        values_read.push((r, *at));
                    }
                    (
                        HeaderLabel::Declared(HeaderField::YearAmount),
                        value.map(|v| v.1),
                    )
                })
            });
            if let Some((field, value)) = labelled {
                implementer_labelled |= field == HeaderLabel::Implementer;
                match (field, value) {
                    (HeaderLabel::Reporter, value) => reporter = reporter.or(value),
                    (field, Some(value)) => set_header(p, field, &value),
                    _ => {}
                }
                continue;
            }
            if let Some(column) = funds_column(t) {
                funds_columns.push((c, column));
            }
            if k == "得分" && !funds_columns.is_empty() {
                funds_score_col = Some(c);
            }
            if is_goal_label(&k) {
                if goal_label.is_none_or(|(row, _)| row != r) {
                    goal_label = Some((r, c));
                }
                if let Some((at, value)) = block.value_right_of(r, c)
                    && !matches!(
                        key(&value).as_str(),
                        "预期目标" | "实际完成情况" | "年度总体目标"
                    )
                {
                    values_read.push((r, at));
                    p.goal_expected = value;
                }
            }
            if k == "预期目标" {
                goal_columns = Some((c, goal_columns.and_then(|g| g.1)));
            }
            if k == "实际完成情况" && goal_label.is_some() {
                goal_columns = Some((goal_columns.map_or(0, |g| g.0), Some(c)));
            }
            if let Some(line) = funds_line(t)
                && !funds_columns.is_empty()
            {
                let label_end = block.merge_end(r, c);
                for &(col, column) in &funds_columns {
                    let value = block.row(r).get(col).map_or("", |v| v.trim());
                    if col > label_end && !value.is_empty() && value != "—" {
                        *p.funds.row_mut(line).cell_mut(column) = NumberText::new(value);
                    }
                }
                if line == FundsLine::Total
                    && let Some(sc) = funds_score_col
                {
                    p.stated.execution = block.row(r).get(sc).map_or("", |v| v.trim()).to_string();
                }
            }
        }
        // The goals sit in the row under 预期目标 | 实际完成情况.
        if let Some((expected, actual)) = goal_columns
            && row.iter().any(|t| key(t) == "预期目标")
        {
            // Down to the end of the 年度总体目标 label's merge: a long goal
            // may go on in the rows below (see `joined_rows`).
            let last = goal_label
                .and_then(|(g, c)| {
                    block
                        .grid
                        .merges
                        .iter()
                        .find(|m| m[0] == g && m[1] == c)
                        .map(|m| m[2])
                })
                .unwrap_or(r + 1)
                .clamp(r + 1, block.header.saturating_sub(1).max(r + 1));
            let text_at = |c: usize| -> String {
                (r + 1..=last)
                    .map(|row| block.row(row).get(c).map_or("", |t| t.trim()))
                    .collect()
            };
            if r + 1 < block.header {
                p.goal_expected = text_at(expected);
                if let Some(a) = actual {
                    p.goal_actual = text_at(a);
                }
            }
        }
    }
    if !implementer_labelled
        && p.implementer.is_empty()
        && let Some(unit) = reporter
    {
        p.implementer = unit;
    }
}

fn set_header(p: &mut Project, field: HeaderLabel, value: &str) {
    let slot = match field {
        HeaderLabel::Reporter => return,
        HeaderLabel::Year => {
            if p.year.is_empty() {
                p.year = year_in(&format!(
                    "{}年",
                    value.trim().trim_end_matches(['年', '度'])
                ))
                .unwrap_or_else(|| value.to_string());
            }
            return;
        }
        HeaderLabel::Declared(field) => {
            let path = FieldPath::Header(field);
            if p.text_at(&path).is_none_or(|t| t.is_empty()) {
                p.set_text(&path, value.to_string());
            }
            return;
        }
        HeaderLabel::Name => &mut p.name,
        HeaderLabel::Department => &mut p.department,
        HeaderLabel::Implementer => &mut p.implementer,
        HeaderLabel::Leader => &mut p.leader,
        HeaderLabel::Phone => &mut p.phone,
    };
    if slot.is_empty() {
        *slot = value.to_string();
    }
}

/// The unit jixiao's 自评表 prints after a figure ("≥365 天", "95%"),
/// taken off again where the 计量单位 column holds it.
fn without_unit(text: &NumberText, unit: &str) -> Option<NumberText> {
    let unit = unit.trim();
    if unit.is_empty() {
        return None;
    }
    let text = text.as_str().trim();
    let bare = text.strip_suffix(&format!(" {unit}")).or_else(|| {
        text.strip_suffix(unit)
            .filter(|_| matches!(unit, "%" | "％" | "‰"))
    })?;
    parse_number(bare)
        .is_ok_and(|n| n.is_some_and(|n| n.unit.is_none()))
        .then(|| NumberText::new(bare))
}

/// Undoes what jixiao's own 自评表 adds to a cell, so its exports read back
/// as typed: "调减 2.00 分。" before a reason, "（达成）" after a 定性 actual,
/// the unit after a figure.
fn own_markings(p: &mut Project) {
    use crate::project::QualitativeGrade;
    for level1 in &mut p.indicators {
        for group in &mut level1.groups {
            for ind in &mut group.indicators {
                if let Some(rest) = ind.deviation_reason.strip_prefix("调减 ")
                    && let Some((points, reason)) = rest.split_once(" 分。")
                    && figure(points).is_some()
                {
                    ind.over_achievement_reduction = NumberText::new(points);
                    ind.deviation_reason = reason.trim().to_string();
                }
                if ind.kind != IndicatorKind::Qualitative {
                    if let Some(t) = without_unit(&ind.target, &ind.unit) {
                        ind.target = t;
                    }
                    if let Some(a) = without_unit(&ind.actual, &ind.unit) {
                        ind.actual = a;
                    }
                } else {
                    // The score within the grade's band prints only as 得分,
                    // after any 调减.
                    let reduction = figure(ind.over_achievement_reduction.as_str()).unwrap_or(0.0);
                    ind.qualitative_score = match figure(&ind.stated_score) {
                        Some(score) if reduction > 0.0 => {
                            NumberText::new(super::read::number_text(score + reduction))
                        }
                        _ => NumberText::new(ind.stated_score.clone()),
                    };
                    // jixiao prints the grade after the actual, always: no
                    // mark, no grade (whatever the words say or the 得分).
                    ind.qualitative_grade = None;
                    ind.inferred_grade = None;
                    let actual = ind.actual.as_str().trim().to_string();
                    for grade in QualitativeGrade::ALL {
                        let mark = format!("（{}）", grade.label());
                        if actual == grade.label() {
                            ind.actual = NumberText::default();
                            ind.qualitative_grade = Some(grade);
                        } else if let Some(text) = actual.strip_suffix(&mark) {
                            ind.actual = NumberText::new(text);
                            ind.qualitative_grade = Some(grade);
                        }
                    }
                }
            }
        }
    }
}

/// A header that lists projects in rows (绩效目标申报表 of a whole unit):
/// the 项目名称 column and the columns of the project's own fields.
struct ProjectColumns {
    name: usize,
    budget: Option<usize>,
    goal: Option<usize>,
    unit: Option<usize>,
}

fn project_columns(header: &[String]) -> Option<ProjectColumns> {
    let find = |names: &[&str]| header.iter().position(|t| names.contains(&key(t).as_str()));
    Some(ProjectColumns {
        name: find(&["项目名称"])?,
        budget: find(&[
            "预算数",
            "年度预算数",
            "资金总额",
            "年度资金总额",
            "预算金额",
        ]),
        goal: find(&["年度目标", "总体目标", "年度总体目标"]),
        unit: find(&["单位名称", "预算单位", "实施单位"]),
    })
}

/// The projects of a block: one, or one per 项目名称 in that column.
fn read_projects(block: &Block, ours: bool) -> Vec<Found> {
    let Some(columns) = project_columns(block.row(block.header)) else {
        let mut found = read_block(block, ours, &[]);
        note_missing_name(&mut found);
        return vec![found];
    };
    let known: Vec<usize> = [
        Some(columns.name),
        columns.budget,
        columns.goal,
        columns.unit,
    ]
    .into_iter()
    .flatten()
    .collect();
    let starts: Vec<usize> = (block.header + 1..=block.bottom)
        .filter(|&r| {
            !block
                .row(r)
                .get(columns.name)
                .is_none_or(|t| t.trim().is_empty())
        })
        .collect();
    let mut out = Vec::new();
    let mut unit = String::new();
    // A row with a unit but no project, above the projects: the 主管部门.
    let department = columns.unit.and_then(|c| {
        (block.header + 1..starts.first().copied().unwrap_or(block.header + 1))
            .map(|r| block.row(r).get(c).map_or("", |t| t.trim()))
            .find(|t| !t.is_empty())
            .map(str::to_string)
    });
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(block.bottom, |next| next - 1);
        let part = Block {
            grid: block.grid,
            top: block.top,
            header: block.header,
            bottom: end,
            data_from: Some(start),
        };
        let mut found = read_block(&part, ours, &known);
        let row = block.row(start);
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).map_or("", |t| t.trim());
        let p = &mut found.project;
        p.name = cell(Some(columns.name)).to_string();
        // A unit's name is given once, above its projects.
        if !cell(columns.unit).is_empty() {
            unit = cell(columns.unit).to_string();
        }
        if p.implementer.is_empty() {
            p.implementer = unit.clone();
        }
        if let Some(department) = &department
            && p.department.is_empty()
        {
            p.department = department.clone();
        }
        if !cell(columns.budget).is_empty() {
            p.funds.total.annual_budget = NumberText::new(cell(columns.budget));
        }
        if !cell(columns.goal).is_empty() {
            p.goal_expected = cell(columns.goal).to_string();
        }
        note_missing_name(&mut found);
        out.push(found);
    }
    out
}

/// The preview asks for a 项目名称 the table did not give.
fn note_missing_name(found: &mut Found) {
    if found.project.name.trim().is_empty() {
        found
            .not_understood
            .push("找不到“项目名称”，请导入后在编辑页填写".to_string());
    }
}

/// One project from its block. `known`: header columns the caller reads
/// itself (a 申报表's 项目名称, 预算数 …), not to be listed as not understood.
fn read_block(block: &Block, ours: bool, known: &[usize]) -> Found {
    let grid = block.grid;
    let mut p = Project::default();
    read_header(block, &mut p);

    let rows = block.joined_rows();
    let mut table = plan(&rows, Column::Level1, None);
    table.placement = Placement::Append;
    let mut not_understood: Vec<String> = Vec::new();
    for (c, column) in table.columns.iter().enumerate() {
        let header = block.row(block.header).get(c).map_or("", |t| t.trim());
        let filled = rows
            .iter()
            .skip(1)
            .any(|r| r.get(c).is_some_and(|t| !t.is_empty()));
        match column {
            None if filled && !known.contains(&c) && note_field(header).is_none() => not_understood
                .push(format!(
                    "{}“{header}”：未识别的列，未导入",
                    cell_ref(block.header, c)
                )),
            _ => {}
        }
    }
    let outcome = p.apply_paste(&table);
    // 表中得分: the table's 得分, on the indicator its row went to.
    for (row, id) in table.indicator_rows().zip(&outcome.rows) {
        if let Some(score) = row.score.as_deref().filter(|s| !s.is_empty())
            && let Some(ind) = p.indicator_mut(*id)
        {
            ind.stated_score = score.to_string();
        }
    }
    let grades = if ours {
        own_markings(&mut p);
        Vec::new()
    } else {
        outcome.grades.clone()
    };

    // The 总分 row: its figure under 得分, else its last figure.
    let score_col = table.columns.iter().position(|c| *c == Some(Column::Score));
    if let Some(total_row) = rows.iter().rev().find(|r| is_total_row(r)) {
        let at_score = score_col
            .and_then(|c| total_row.get(c))
            .filter(|t| !t.is_empty());
        let last_figure = total_row.iter().rev().find(|t| figure(t).is_some());
        if let Some(total) = at_score.or(last_figure) {
            p.stated.total = total.clone();
        }
    }
    // The table proper starts at its 项目名称 row (the title and notes above
    // it are read for the year and money unit only); a project listed under
    // a shared header, at its own first row, as wide as the header.
    let (first, width) = match block.data_from {
        Some(start) => (start, block.row(block.header).len()),
        None => (
            (block.top..block.header)
                .find(|&r| block.row(r).iter().any(|t| key(t) == "项目名称"))
                .unwrap_or(block.top),
            (block.top..=block.bottom)
                .map(|r| block.row(r).len())
                .max()
                .unwrap_or(1),
        ),
    };
    let width = width.max(1);
    let range = format!(
        "{}:{}",
        cell_ref(first, 0),
        cell_ref(block.bottom, width - 1)
    );
    p.stated.source = format!("{} · {range}", grid.name);
    for &(r, c) in &grid.uncalculated {
        if (block.top..=block.bottom).contains(&r) {
            not_understood.push(format!(
                "{}：公式没有保存计算结果，按空白读取（请在 Excel/WPS 中打开并保存后再导入）",
                cell_ref(r, c)
            ));
        }
    }
    if !table.columns.contains(&Some(Column::Name)) {
        not_understood.push(format!("{}：找不到“三级指标”列", cell_ref(block.header, 0)));
    }
    let targets_only = !table.columns.contains(&Some(Column::Actual))
        && !table.columns.contains(&Some(Column::Score));
    let money_note = check_money_unit(&mut p);
    Found {
        project: p,
        sheet: grid.name.clone(),
        range,
        not_understood,
        targets_only,
        grades,
        money_note,
    }
}

/// Figures written with a money unit in a text, in 万元 ("合计1018.55万元",
/// "单价 200 元").
fn money_figures(text: &str) -> Vec<f64> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || matches!(chars[i], '.' | ',')) {
            i += 1;
        }
        let digits: String = chars[start..i].iter().filter(|c| **c != ',').collect();
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let rest: String = chars[j..chars.len().min(j + 2)].iter().collect();
        let scale = if rest == "万元" {
            Some(1.0)
        } else if rest.starts_with('元') {
            Some(1e-4)
        } else {
            None
        };
        if let (Some(scale), Ok(value)) = (scale, digits.parse::<f64>()) {
            out.push(value * scale);
        }
    }
    out
}

/// The figures a 申报表's amount can be checked against, in 万元: its
/// targets written in 万元 or 元 (成本) and the sums in its 测算依据.
fn money_references(p: &Project) -> Vec<f64> {
    let mut out = money_figures(&p.declaration.cost_basis);
    for (_, ind) in p.indicators_in_order() {
        let Ok(Some(n)) = parse_number(ind.target.as_str()) else {
            continue;
        };
        let unit = n
            .unit
            .clone()
            .unwrap_or_else(|| ind.unit.trim().to_string());
        if let Some(written) = MoneyUnit::of_suffix(&unit) {
            out.push(MoneyUnit::Wan.convert(n.value, written));
        }
    }
    out.retain(|v| *v > 0.0 && v.is_finite());
    out
}

/// 元 or 万元: the label says one, the figures may say the other. An amount
/// about 10⁴ times every money figure of the table (10185500 beside a cost
/// target of ≤1018.55万元) is in 元 whatever the label; then the unit is
/// switched and the note says so. A figure written with its own unit is
/// left alone.
fn check_money_unit(p: &mut Project) -> Option<String> {
    let d = &p.declaration;
    let (label, text) = [
        ("本年度项目金额", &d.year_amount),
        ("项目总金额", &d.total_amount),
    ]
    .into_iter()
    .find(|(_, t)| !t.is_blank())?;
    let amount = match parse_number(text.as_str()) {
        Ok(Some(n)) if n.unit.is_none() && n.value > 0.0 => n.value,
        _ => return None,
    };
    let references = money_references(p);
    // Within a factor of 3 of a reference, read in `unit`.
    let near = |unit: MoneyUnit| {
        let in_wan = MoneyUnit::Wan.convert(amount, unit);
        references
            .iter()
            .any(|r| (in_wan / r) > 1.0 / 3.0 && (in_wan / r) < 3.0)
    };
    let labelled = p.money_unit;
    let other = match labelled {
        MoneyUnit::Wan => MoneyUnit::Yuan,
        MoneyUnit::Yuan => MoneyUnit::Wan,
    };
    if near(labelled) || !near(other) {
        return None;
    }
    p.money_unit = other;
    Some(format!(
        "表中金额标注为“{}”，但{label} {} 按“{}”读取才与成本指标、测算依据中的金额相符，已按“{}”读取",
        labelled.label(),
        text.as_str().trim(),
        other.label(),
        other.label()
    ))
}

impl Found {
    /// The other reading of the amounts (万元 ↔ 元), the preview's switch.
    pub fn switch_money_unit(&mut self) {
        let p = &mut self.project;
        p.money_unit = match p.money_unit {
            MoneyUnit::Wan => MoneyUnit::Yuan,
            MoneyUnit::Yuan => MoneyUnit::Wan,
        };
    }
}

/// The tables of one sheet: each indicator header with the rows above it
/// back to its title, and below it down to the 总分.
fn sheet_blocks(grid: &SheetGrid) -> Vec<Block<'_>> {
    let rows = &grid.rows;
    let headers: Vec<usize> = (0..rows.len())
        .filter(|&r| is_indicator_header(&rows[r]))
        // A two-row header counts once.
        .fold(Vec::new(), |mut acc, r| {
            if acc.last().is_none_or(|&last| r > last + 1) {
                acc.push(r);
            }
            acc
        });
    let mut blocks = Vec::new();
    let mut floor = 0usize;
    for (k, &h) in headers.iter().enumerate() {
        let next_header = headers.get(k + 1).copied().unwrap_or(rows.len());
        // Down to the 总分, the next project's first row, or two blank rows.
        let mut bottom = h;
        let mut blank_run = 0;
        for (r, row) in rows.iter().enumerate().take(next_header).skip(h + 1) {
            if starts_project(row) && r > h + 1 {
                break;
            }
            if row.iter().all(|t| t.trim().is_empty()) {
                blank_run += 1;
                if blank_run >= 2 {
                    break;
                }
                continue;
            }
            blank_run = 0;
            bottom = r;
            if is_total_row(row) {
                break;
            }
        }
        // Up to the first title or 项目名称 row after the previous table.
        let top = (floor..h)
            .find(|&r| starts_project(&rows[r]))
            .unwrap_or(floor);
        // A header over two rows (年度指标值 above 指标性质|指标值|度量单位)
        // starts at the upper one.
        let h = if h > top && header_score(&rows[h - 1]) >= 2 {
            h - 1
        } else {
            h
        };
        blocks.push(Block {
            grid,
            top,
            header: h,
            bottom,
            data_from: None,
        });
        floor = bottom + 1;
    }
    blocks
}

/// Every 自评表 or 绩效目标申报表 in the workbook.
pub fn import_workbook(book: &Workbook) -> Imported {
    let mut out = Imported::default();
    for grid in &book.sheets {
        if grid.truncated {
            out.notes.push(format!(
                "工作表“{}”超过 {} 行或 {} 列，只读取了前面部分。",
                grid.name,
                super::read::MAX_ROWS,
                super::read::MAX_COLUMNS
            ));
        }
        let blocks = sheet_blocks(grid);
        if blocks.is_empty() {
            if grid.rows.iter().flatten().any(|t| !t.trim().is_empty()) {
                out.notes.push(format!(
                    "工作表“{}”中没有找到绩效指标表（需要有“三级指标”等列标题）。",
                    grid.name
                ));
            }
            continue;
        }
        for block in &blocks {
            out.found.extend(read_projects(block, book.by_jixiao));
        }
    }
    // A jixiao export carries its project's id: re-importing it can replace
    // the project it came from.
    if let (Some(id), [only]) = (&book.identifier, out.found.as_mut_slice()) {
        only.project.id = id.clone();
    }
    out
}

/// What the import preview shows for one table found, before anything is
/// stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// "县政务中心…（2024 年度）".
    pub title: String,
    /// "工作表“自评表” A1:I30".
    pub source: String,
    pub indicators: usize,
    /// The total jixiao computes, and its grade.
    pub total: String,
    pub grade: String,
    /// 表中总分, when the table printed one.
    pub stated_total: Option<String>,
    /// Every 表中得分 that disagrees with the rules, as the 体检 words it.
    pub disagreements: Vec<String>,
    pub not_understood: Vec<String>,
    pub targets_only: bool,
    /// 定性 grades read from the table, with their reasons, and the rows
    /// where the table's 得分 and words disagree.
    pub grades: Vec<GradeNote>,
    /// A project already here that this one would replace: its id and name.
    pub clash: Option<(String, String)>,
    /// No year in the title or a 年度 field: the preview asks for one.
    pub year_missing: bool,
    /// The amounts as written ("本年度项目金额 10185500"), when the table
    /// gives any; their unit is the project's `money_unit`.
    pub amounts: Option<String>,
    /// Why the money unit differs from the table's label (`Found::money_note`).
    pub money_note: Option<String>,
}

/// The project already stored that an imported one is: the same id (a
/// jixiao export read back), else the same 项目名称 and 年度.
pub fn clash_with(existing: &[Project], incoming: &Project) -> Option<(String, String)> {
    let same = |p: &&Project| {
        (!incoming.id.is_empty() && p.id == incoming.id)
            || (!incoming.name.trim().is_empty()
                && same_name(&p.name, &incoming.name)
                && p.year.trim() == incoming.year.trim())
    };
    existing
        .iter()
        .find(same)
        .map(|p| (p.id.clone(), p.name.clone()))
}

/// "项目总金额 2000，本年度项目金额 1018.55".
fn amounts_read(p: &Project) -> Option<String> {
    let d = &p.declaration;
    let parts: Vec<String> = [
        ("项目总金额", &d.total_amount),
        ("本年度项目金额", &d.year_amount),
    ]
    .into_iter()
    .filter(|(_, t)| !t.is_blank())
    .map(|(label, t)| format!("{label} {}", t.as_str().trim()))
    .collect();
    (!parts.is_empty()).then(|| parts.join("，"))
}

/// A project read from a table, as the preview and `jixiao score` name it:
/// "县政务中心…（2024 年度）", "（未命名）" when it has no name.
pub fn title(p: &Project) -> String {
    let name = match p.name.trim() {
        "" => "（未命名）",
        name => name,
    };
    match p.year.trim() {
        "" => name.to_string(),
        year => format!("{name}（{year} 年度）"),
    }
}

pub fn preview(found: &Found, existing: &[Project]) -> Preview {
    use crate::score::evaluate;
    let p = &found.project;
    let evaluation = evaluate(p);
    Preview {
        title: title(p),
        source: format!("工作表“{}” {}", found.sheet, found.range),
        indicators: p.indicators_in_order().count(),
        total: crate::number::format_score(evaluation.total),
        grade: evaluation.grade_label().to_string(),
        stated_total: (!p.stated.total.is_empty()).then(|| p.stated.total.clone()),
        disagreements: crate::checkup::stated::run(p, &evaluation)
            .into_iter()
            .map(|f| f.message)
            .collect(),
        not_understood: found.not_understood.clone(),
        targets_only: found.targets_only,
        grades: found.grades.clone(),
        clash: clash_with(existing, p),
        year_missing: p.year.trim().is_empty(),
        amounts: amounts_read(p),
        money_note: found.money_note.clone(),
    }
}

impl Found {
    /// The project to store: `id`, `updated_at`, and the file named in
    /// where its 表中得分 came from.
    pub fn into_project(self, file: &str, id: String, now: f64) -> Project {
        let mut p = self.project;
        p.id = id;
        p.updated_at = now;
        p.stated.source = format!("{file} · {}", p.stated.source);
        p
    }
}
