//! 附1 项目支出绩效自评表 as two tables printed one under the other: the
//! header, funds and goals; then the indicator block.

use super::items::{Group, Item, with_unit};
use super::{Cell, CellRole, Table};
use crate::number::{format_score, parse_number};
use crate::path::{FundsColumn, FundsLine};
use crate::project::{FundsRow, IndicatorKind, MoneyUnit, NumberText, Project};
use crate::score::Evaluation;

/// Columns of the 自评表's first grid (header, funds, goals).
const COLUMNS: u32 = 9;
/// Columns of the indicator block.
const INDICATOR_COLUMNS: u32 = 8;

/// The legend of [`CellRole::Missed`], under the indicator block.
const MISSED_LEGEND: &str = "得分下加横线者为未得满分的指标。";

/// A money cell: the figure, or the text as typed when it is no figure
/// (the 体检 reports it), or blank.
pub(super) fn amount_cell(text: &NumberText, unit: MoneyUnit) -> Cell {
    match unit.read(text) {
        Ok(Some(v)) => Cell::amount(v),
        Ok(None) => Cell::text(""),
        Err(_) => Cell::text(text.as_str().trim()),
    }
}

fn funds_row_cells(line: FundsLine, row: &FundsRow, unit: MoneyUnit) -> Vec<Cell> {
    let mut cells = vec![Cell::label(line.table_label()).span(2, 1)];
    cells.extend(FundsColumn::ALL.map(|column| amount_cell(row.cell(column), unit)));
    cells
}

/// 附1 项目支出绩效自评表 as two tables printed one under the other: the
/// header, funds and goals; then the indicator block with 一级/二级 cells
/// merged over their rows (see [`indicator_table`]).
pub(super) fn self_evaluation_tables(
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
    let mut total = funds_row_cells(FundsLine::Total, &project.funds.total, project.money_unit);
    total.push(Cell::score(e.weight));
    total.push(e.rate.map_or_else(Cell::not_applicable, Cell::percent));
    total.push(Cell::score(e.score));
    rows.push(total);
    for line in FundsLine::PARTS {
        let mut cells = funds_row_cells(line, project.funds.row(line), project.money_unit);
        cells.extend([(); 3].map(|()| Cell::not_applicable()));
        rows.push(cells);
    }

    rows.push(vec![
        Cell::label("年度总体目标").span(1, 2),
        Cell::label("预期目标").span(4, 1),
        Cell::label("实际完成情况").span(4, 1),
    ]);
    rows.push(vec![
        text(&project.goal_expected)
            .span(4, 1)
            .role(CellRole::LongText),
        text(&project.goal_actual)
            .span(4, 1)
            .role(CellRole::LongText),
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
                cells.push(Cell::text(name).span(1, span as u32).role(CellRole::Group));
            }
            if k == 0 {
                cells.push(
                    Cell::text(g.name.trim())
                        .span(1, g.items.len() as u32)
                        .role(CellRole::Group),
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
        Cell::label("总分").span(5, 1).role(CellRole::Total),
        Cell::score(weight_sum).role(CellRole::Total),
        Cell::score(evaluation.total).role(CellRole::Total),
        Cell::text(match evaluation.ungraded_reason() {
            Some(reason) => reason,
            None => format!("绩效等级：{}", evaluation.grade_label()),
        })
        .role(CellRole::Total),
    ]);

    let mut footnote = project.rules.rounding.footnote().to_string();
    if let Some(cap) = evaluation.cap {
        footnote.push_str(&format!(
            "按所用计分规则，总分受预算执行率限制，以 {} 分为上限。",
            format_score(cap)
        ));
    }
    if let Some(note) = crate::cycle::adjustments_note(project) {
        footnote.push_str(&note);
    }
    if let Some(prior) = crate::cycle::prior_score(project) {
        footnote.push_str(&prior);
    }
    // The key to the one mark the table uses (every renderer underlines a
    // missed score), given only when a score carries it.
    if rows.iter().flatten().any(|c| c.role == CellRole::Missed) {
        footnote.push_str(MISSED_LEGEND);
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
            ("", Some(g)) => g.label().to_string(),
            (a, Some(g)) => format!("{a}（{}）", g.label()),
            (a, None) => a.to_string(),
        };
        (ind.target.as_str().trim().to_string(), actual)
    } else {
        (
            with_unit(ind.target.as_str(), &ind.unit),
            with_unit(ind.actual.as_str(), &ind.unit),
        )
    };
    // A 分值 that is no valid weight is shown as typed (the 体检 reports it).
    let weight = match parse_number(ind.weight.as_str()) {
        Ok(Some(n)) if n.value >= 0.0 => Cell::score(s.weight),
        _ => Cell::text(ind.weight.as_str().trim()),
    };
    let mut score = Cell::score(s.score);
    if s.score < s.weight - 1e-9 * s.weight.max(1.0) {
        score = score.role(CellRole::Missed);
    }
    [
        Cell::text(ind.name.trim()),
        Cell::text(target),
        Cell::text(actual),
        weight,
        score,
        // A 调减 is stated where the table explains its scores.
        Cell::text(if s.reduction > 0.0 {
            format!(
                "调减 {} 分。{}",
                format_score(s.reduction),
                ind.deviation_reason.trim()
            )
            .trim()
            .to_string()
        } else {
            ind.deviation_reason.trim().to_string()
        })
        .role(CellRole::LongText),
    ]
}
