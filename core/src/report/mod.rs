//! The report: a project and its evaluation composed into headings,
//! paragraphs and tables for the UI to render and print.
//!
//! Every paragraph has a stable id. The user's text in
//! `project.report.edits` replaces the drafted text, and the draft is kept,
//! so the view can show what was changed and restore it. User text is data:
//! it is copied into the document verbatim and never read as markup;
//! escaping is the renderer's business.
//!
//! A blank field never becomes placeholder text: its paragraph drafts the
//! empty string (the id stays, so an edit still lands), sentences leave the
//! missing part out, and the 体检 asks for the field. Only the screen shows
//! the gap, with a hint that is not printed.
//!
//! Paragraph ids (both templates use the same id for the same content, so an
//! edit shows in either):
//! - `background`, `goal`, `budget`: 项目背景, 年度总体目标, 预算与执行情况;
//! - `summary`: the total and grade opening the indicator analysis;
//! - `prior`: last year's score and the targets changed since (a 年度复制);
//! - `adjustments`: the year's 目标调整 with dates, 文号 and reasons;
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

mod compose;
mod cycle_tables;
mod edits;
mod items;
mod layout;
mod table;

pub use compose::compose;
pub use cycle_tables::{monitoring_document, targets_document};
pub use edits::edit_findings;
#[cfg(test)]
pub use edits::paragraph_in_use;
pub use layout::Placed;

use super::number::{format_amount, format_percent, format_score, round2};
use super::project::Project;

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
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

#[derive(Clone, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub caption: String,
    /// Rows to repeat at the top of every printed page.
    pub header_rows: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub footnote: String,
}

impl Document {
    /// The tables, in order (the 自评表's two in both templates).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
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

/// What a table cell holds: the figure itself, not its printed form, so
/// every renderer (screen, print, Excel, Word) formats it its own way and
/// no export ever reads a number back out of display text.
#[derive(Clone, Debug, PartialEq)]
pub enum CellValue {
    Text(String),
    /// A sum of money in the project's unit (万元 or 元).
    Amount(f64),
    /// A score or 分值.
    Score(f64),
    /// A rate; 1.0 is 100%.
    Percent(f64),
    /// A figure column that has no figure in this row ("—").
    NotApplicable,
}

/// What a cell is for, which decides how it is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellRole {
    Plain,
    /// A printed field name or column head.
    Label,
    /// A merged 一级/二级 cell.
    Group,
    /// Long text, left-aligned (goals, 偏差原因).
    LongText,
    /// A score below its 分值.
    Missed,
    /// The 总分 row.
    Total,
}

impl CellRole {
    /// The class the HTML renderer gives the cell.
    pub fn class(self) -> &'static str {
        match self {
            CellRole::Plain => "",
            CellRole::Label => "label",
            CellRole::Group => "group",
            CellRole::LongText => "text",
            CellRole::Missed => "missed",
            CellRole::Total => "total",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub value: CellValue,
    pub colspan: u32,
    pub rowspan: u32,
    pub role: CellRole,
}

impl Cell {
    fn of(value: CellValue) -> Self {
        Self {
            value,
            colspan: 1,
            rowspan: 1,
            role: CellRole::Plain,
        }
    }

    pub fn text(text: impl Into<String>) -> Self {
        Self::of(CellValue::Text(printable(text.into())))
    }

    pub fn amount(value: f64) -> Self {
        Self::of(CellValue::Amount(value))
    }

    pub fn score(value: f64) -> Self {
        Self::of(CellValue::Score(value))
    }

    pub fn percent(value: f64) -> Self {
        Self::of(CellValue::Percent(value))
    }

    pub fn not_applicable() -> Self {
        Self::of(CellValue::NotApplicable)
    }

    pub(crate) fn label(text: impl Into<String>) -> Self {
        Self::text(text).role(CellRole::Label)
    }

    pub(crate) fn span(mut self, colspan: u32, rowspan: u32) -> Self {
        self.colspan = colspan.max(1);
        self.rowspan = rowspan.max(1);
        self
    }

    pub(crate) fn role(mut self, role: CellRole) -> Self {
        self.role = role;
        self
    }

    /// A figure (or the dash standing for one): right-aligned.
    pub fn is_figure(&self) -> bool {
        !matches!(self.value, CellValue::Text(_))
    }

    /// The cell as printed. Amounts in a table always show two decimals
    /// (27.50, 0.00), as the 自评表 prints them; prose keeps "27.5 万元".
    pub fn display(&self) -> String {
        match &self.value {
            CellValue::Text(text) => text.clone(),
            // `+ 0.0` turns a negative zero into 0.00.
            CellValue::Amount(v) if v.is_finite() => format!("{:.2}", round2(*v) + 0.0),
            CellValue::Amount(v) => format_amount(*v),
            CellValue::Score(v) => format_score(*v),
            CellValue::Percent(v) => format_percent(*v),
            CellValue::NotApplicable => "—".to_string(),
        }
    }
}

/// A 计量单位 as every output prints it, beside a figure or in its own
/// column: what `printable` keeps, trimmed. One spelling for both places, so
/// an import can take the unit back off the figure it follows.
pub(crate) fn printed_unit(unit: &str) -> String {
    printable(unit.to_string()).trim().to_string()
}

/// Text as every output may show it: control characters pasted in from
/// other programs (they print as boxes) are dropped; tabs stay, and CRLF
/// or a lone CR becomes one line break.
pub(crate) fn printable(text: String) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text;
    }
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect()
}

/// The paragraph ids of a document, in order.
#[cfg(test)]
pub fn paragraph_ids(doc: &Document) -> Vec<String> {
    paragraphs(doc).map(|p| p.id.clone()).collect()
}

/// The paragraphs of a document, in order.
#[cfg(test)]
pub fn paragraphs(doc: &Document) -> impl Iterator<Item = &Paragraph> {
    doc.blocks.iter().filter_map(|b| match b {
        Block::Paragraph(p) => Some(p),
        _ => None,
    })
}

/// The document as plain text: one block per line, table cells separated
/// by tabs.
#[cfg(test)]
pub fn to_plain_text(doc: &Document) -> String {
    let mut out = vec![doc.title.clone()];
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Paragraph(p) => out.push(p.text.clone()),
            Block::Table(t) => {
                out.push(t.caption.clone());
                for row in t.header_rows.iter().chain(&t.rows) {
                    let cells: Vec<String> = row.iter().map(Cell::display).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_drop_control_characters_and_show_amounts_with_two_decimals() {
        assert_eq!(
            printable("保障\u{7}终端\r\n数量\t台\u{0}\r".into()),
            "保障终端\n数量\t台\n"
        );
        assert_eq!(printable("\u{7f}\u{85}".into()), "");
        assert_eq!(Cell::text("a\u{1b}b").display(), "ab");
        assert_eq!(Cell::amount(27.5).display(), "27.50");
        assert_eq!(Cell::amount(0.0).display(), "0.00");
        assert_eq!(Cell::amount(-0.0).display(), "0.00");
        assert_eq!(Cell::amount(1234.005).display(), "1234.01");
    }

    /// Title, headings and the 落款 carry names as typed: no control character survives.
    #[test]
    fn no_block_of_a_composed_report_keeps_a_control_character() {
        use crate::sample::example_project;
        use crate::score::evaluate;
        let mut p = example_project();
        p.name = "县\u{7}政务项目".into();
        p.implementer = "县政务\u{1b}服务中心".into();
        p.indicators[0].groups[1].name = "数量\u{0}指标".into();
        let doc = compose(&p, &evaluate(&p));
        let mut texts = vec![doc.title.clone()];
        for block in &doc.blocks {
            match block {
                Block::Heading { text, .. } => texts.push(text.clone()),
                Block::Paragraph(para) => texts.push(para.text.clone()),
                Block::Signature { unit, date } => texts.extend([unit.clone(), date.clone()]),
                Block::Table(t) => texts.extend(
                    t.header_rows
                        .iter()
                        .chain(&t.rows)
                        .flatten()
                        .map(Cell::display),
                ),
                Block::PageBreak => {}
            }
        }
        let bad: Vec<&String> = texts
            .iter()
            .filter(|t| t.chars().any(|c| c.is_control() && c != '\n' && c != '\t'))
            .collect();
        assert!(bad.is_empty(), "{bad:?}");
        assert!(
            texts.iter().any(|t| t.contains("数量指标")),
            "the name is kept, less the control character"
        );
    }
}
