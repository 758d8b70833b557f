//! What a 绩效目标审核 hands out: the 审核意见表 (one row per project, for
//! the 主管部门 or 财政 file) and one project's 审核意见 sheet, printed or
//! as Word, for the unit.

use super::checkup;
use super::path::{FundsColumn, FundsLine};
use super::project::{MoneyUnit, Project};
use super::report::{Block, Cell, CellRole, Document, Table};
use super::review::{self, Line};
use super::score::evaluate;

/// One project in the 审核意见表.
#[derive(Clone, Debug, PartialEq)]
pub struct ReviewRow {
    pub id: String,
    pub code: String,
    pub name: String,
    /// 申报单位 (the 实施单位), else the 主管部门.
    pub unit: String,
    pub amount: Option<f64>,
    /// The same in 万元, as the 审核意见表 lists every project's.
    pub amount_wan: Option<f64>,
    /// Every finding of the review, with its decision.
    pub lines: Vec<Line>,
    /// The opinions by category (`review::opinions`).
    pub opinions: Vec<(String, Vec<String>)>,
    pub summary: String,
    pub conclusion: &'static str,
}

impl ReviewRow {
    pub fn of(project: &Project) -> Self {
        let review = project.review.as_ref();
        let lines = review::lines(review, &checkup::run(project, &evaluate(project)));
        let opinions = review::opinions(review, &lines);
        let unit = unit_of(project);
        Self {
            id: project.id.clone(),
            code: project.declaration_code().to_string(),
            name: project.name.trim().to_string(),
            unit: unit.to_string(),
            amount: project.declared_amount(),
            amount_wan: project
                .declared_amount()
                .map(|v| MoneyUnit::Wan.convert(v, project.money_unit)),
            summary: review::summary(&opinions),
            conclusion: review::conclusion(review),
            lines,
            opinions,
        }
    }

    /// How many findings the review still counts, by category label (the
    /// dismissed ones left out).
    pub fn open_count(&self, category: &str) -> usize {
        self.lines
            .iter()
            .filter(|l| l.category == category && l.opinion().is_some())
            .count()
    }
}

/// The unit a review names for a project: its 申报单位 (the 实施单位),
/// else its 主管部门.
pub fn unit_of(project: &Project) -> &str {
    match project.implementer.trim() {
        "" => project.department.trim(),
        unit => unit,
    }
}

impl Project {
    /// 项目编码 as declared; blank when the project carries none.
    pub fn declaration_code(&self) -> &str {
        self.declaration.code.trim()
    }

    /// The money the declaration asks for this year, in the project's money
    /// unit: its 本年度项目金额, else the 年初预算数 of the funds table.
    pub fn declared_amount(&self) -> Option<f64> {
        self.money_unit
            .read(&self.declaration.year_amount)
            .ok()
            .flatten()
            .or_else(|| self.amount(FundsLine::Total, FundsColumn::Initial))
    }
}

/// The categories of the 审核意见表's columns: those any project has an
/// opinion in, in the order the reviews give them.
pub fn categories(rows: &[ReviewRow]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in rows {
        for (category, _) in &row.opinions {
            if !out.contains(category) {
                out.push(category.clone());
            }
        }
    }
    out
}

/// Columns of the sheet: label, value, label, value.
const SHEET_COLUMNS: u32 = 4;

/// One project's 审核意见 sheet (A4 portrait): who and what was reviewed,
/// the opinions by category, numbered, the 小结 and the conclusion, and
/// lines for the reviewer's signature.
pub fn review_document(project: &Project) -> Document {
    let row = ReviewRow::of(project);
    let money = project.money_unit.label();
    let amount = row.amount.map_or_else(|| Cell::text(""), Cell::amount);
    let mut rows = vec![
        vec![
            Cell::label("项目名称"),
            Cell::text(&row.name).span(SHEET_COLUMNS - 1, 1),
        ],
        vec![
            Cell::label("项目编码"),
            Cell::text(&row.code),
            Cell::label(format!("申报金额（{money}）")),
            amount,
        ],
        vec![
            Cell::label("申报单位"),
            Cell::text(&row.unit),
            Cell::label("主管部门"),
            Cell::text(project.department.trim()),
        ],
    ];
    if row.opinions.is_empty() {
        rows.push(vec![
            Cell::label("审核意见"),
            Cell::text(&row.summary).span(SHEET_COLUMNS - 1, 1),
        ]);
    }
    for (category, list) in &row.opinions {
        rows.push(vec![
            Cell::label(category.as_str()),
            Cell::text(review::numbered(list))
                .span(SHEET_COLUMNS - 1, 1)
                .role(CellRole::LongText),
        ]);
    }
    if !row.opinions.is_empty() {
        rows.push(vec![
            Cell::label("小结"),
            Cell::text(&row.summary).span(SHEET_COLUMNS - 1, 1),
        ]);
    }
    rows.push(vec![
        Cell::label("审核结论"),
        Cell::text(row.conclusion).span(SHEET_COLUMNS - 1, 1),
    ]);
    let year = match project.year.trim() {
        "" => String::new(),
        year => format!("（{year} 年度）"),
    };
    Document {
        title: format!("项目支出绩效目标审核意见{year}"),
        blocks: vec![Block::Table(Table {
            caption: format!("项目支出绩效目标审核意见{year}"),
            header_rows: Vec::new(),
            rows,
            footnote: "审核人（签字）：　　　　　　　　　　审核日期：　　　　年　　月　　日"
                .to_string(),
        })],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Choice, Verdict};
    use crate::sample::example_project;

    fn declaration() -> Project {
        let mut p = example_project();
        p.name = "测试项目".into();
        p.goal_expected = String::new();
        p
    }

    #[test]
    fn a_row_follows_the_reviewers_decisions() {
        let mut p = declaration();
        let row = ReviewRow::of(&p);
        assert!(!row.lines.is_empty(), "the blank 年度目标 is a finding");
        assert_eq!(row.conclusion, "未审核");
        let line = row.lines[0].clone();
        let before: usize = row.opinions.iter().map(|(_, l)| l.len()).sum();

        p.decide_finding(line.rule, &line.path, Some(Choice::Dismissed));
        p.add_opinion("相关性".into(), "指标与年度目标关联不紧密".into());
        p.set_verdict(Some(Verdict::Return));
        let row = ReviewRow::of(&p);
        let after: usize = row.opinions.iter().map(|(_, l)| l.len()).sum();
        assert_eq!(after, before, "one dismissed, one added");
        assert_eq!(row.conclusion, "退回修改");
        assert!(
            row.opinions
                .iter()
                .any(|(c, l)| c == "相关性" && l.len() == 1)
        );
        assert_eq!(row.open_count(line.category) + 1, {
            let fresh = ReviewRow::of(&declaration());
            fresh.open_count(line.category)
        });

        // Everything taken back: no review is left on the record.
        p.decide_finding(line.rule, &line.path, None);
        p.remove_opinion(0);
        p.set_verdict(None);
        assert_eq!(p.review, None);
    }

    #[test]
    fn year_end_findings_are_not_part_of_a_review() {
        use crate::finding::CATALOGUE;
        use crate::stage::Stage;
        let row = ReviewRow::of(&declaration());
        assert!(row.lines.iter().all(|l| {
            let spec = CATALOGUE.iter().find(|s| s.id == l.rule).unwrap();
            spec.rule.applies_at(Stage::Targets)
        }));
    }

    #[test]
    fn the_sheet_numbers_the_opinions_by_category() {
        let mut p = declaration();
        p.add_opinion("完整性".into(), "补充测算依据".into());
        p.add_opinion("完整性".into(), "补充政策依据文号".into());
        p.set_verdict(Some(Verdict::Pass));
        let doc = review_document(&p);
        let table = doc.tables().next().unwrap();
        let text: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(Cell::display).collect())
            .collect();
        let completeness = text.iter().find(|r| r[0] == "完整性").unwrap();
        assert!(completeness[1].contains("1. "), "{completeness:?}");
        assert!(completeness[1].contains("补充政策依据文号"));
        assert_eq!(text.last().unwrap(), &["审核结论", "通过"]);
        assert!(text.iter().any(|r| r[0] == "小结"));
    }
}
