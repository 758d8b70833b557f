//! 附1 项目支出绩效自评表 as an Excel sheet.

use super::sheet::{Sheet, Value, workbook};
use super::styles::{
    S_AMOUNT, S_CENTER, S_LABEL, S_LEFT, S_MISSED, S_NOTE, S_NOTE_RIGHT, S_PERCENT, S_SCORE,
    S_TITLE, S_TOTAL, S_TOTAL_SCORE,
};
use crate::model::project::Project;
use crate::model::report::{Block, Cell, CellRole, CellValue, Table, compose};
use crate::model::score::Evaluation;

/// Sheet columns of the 自评表, in characters. The header/funds/goals grid
/// uses all nine as the report does; the indicator grid has eight and its
/// last column (偏差原因分析及改进措施) spans the last two, where the long text
/// goes.
const SELF_WIDTHS: [f64; 9] = [9.5, 9.5, 16.0, 11.0, 14.0, 11.0, 8.5, 9.0, 13.5];

/// The sheet value and style of a report cell: figures stay figures, shown
/// with two decimals by their number format.
fn cell_value(cell: &Cell) -> (Value, u8) {
    let figure_style = |plain| match cell.role {
        CellRole::Total => S_TOTAL_SCORE,
        CellRole::Missed => S_MISSED,
        _ => plain,
    };
    match &cell.value {
        CellValue::Amount(v) if v.is_finite() => (Value::Number(*v), figure_style(S_AMOUNT)),
        CellValue::Score(v) if v.is_finite() => (Value::Number(*v), figure_style(S_SCORE)),
        CellValue::Percent(v) if v.is_finite() => (Value::Number(*v), S_PERCENT),
        CellValue::Text(text) => {
            let style = match cell.role {
                CellRole::Label => S_LABEL,
                CellRole::LongText => S_LEFT,
                CellRole::Total => S_TOTAL,
                _ => S_CENTER,
            };
            let value = if text.is_empty() {
                Value::Blank
            } else {
                Value::Text(text.clone())
            };
            (value, style)
        }
        // "—", and a figure too large to compute with.
        _ => (Value::Text(cell.display()), S_CENTER),
    }
}

/// Lays `table` out below the sheet's rows, as a browser lays out an HTML
/// table: each cell takes the next column its row has free, and a cell
/// merged down holds its columns in the rows below. A table narrower than the
/// sheet stretches its last column to the sheet's edge. Cells that would run
/// into a held column or past the edge are cut short, and missing cells are
/// left as bordered blanks, so the grid stays rectangular and merges never
/// overlap. Returns the sheet rows of the table's header rows.
fn place_table(sheet: &mut Sheet, table: &Table) -> Option<(usize, usize)> {
    let width = table.column_count().clamp(1, sheet.columns());
    let last = sheet.columns() - 1;
    let sheet_col = |c: usize| if c + 1 == width { last } else { c };
    let grid: Vec<&Vec<Cell>> = table.header_rows.iter().chain(&table.rows).collect();
    let top = sheet.rows.len();
    for _ in &grid {
        sheet.push_row(0.0, S_CENTER);
    }
    let mut held = vec![0usize; width];
    for (r, row) in grid.iter().enumerate() {
        let mut c = 0;
        for cell in row.iter() {
            while c < width && held[c] > 0 {
                c += 1;
            }
            if c == width {
                break;
            }
            let mut span = 1;
            while span < cell.colspan as usize && c + span < width && held[c + span] == 0 {
                span += 1;
            }
            let down = (cell.rowspan as usize).clamp(1, grid.len() - r);
            held[c..c + span].fill(down);
            let (value, style) = cell_value(cell);
            let range = [top + r, c, top + r + down - 1, sheet_col(c + span - 1)];
            sheet.put(range, value, style);
            c += span;
        }
        for h in &mut held {
            *h = h.saturating_sub(1);
        }
    }
    if !table.footnote.trim().is_empty() {
        sheet.banner(&table.footnote, S_NOTE, 0.0);
    }
    let heads = table.header_rows.len();
    (heads > 0).then(|| (top, top + heads - 1))
}

/// 附1 项目支出绩效自评表 as an Excel sheet: the same two tables the report
/// prints, so every figure is the report's; figures are stored as numbers
/// and shown with two decimals.
pub fn self_evaluation_xlsx(project: &Project, evaluation: &Evaluation) -> Vec<u8> {
    let doc = compose(project, evaluation);
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    // §7: landscape when the 偏差原因 text is long, and that column gets the
    // extra width.
    let landscape = project
        .indicators_in_order()
        .any(|(_, i)| i.deviation_reason.trim().chars().count() > 80);
    let mut widths = SELF_WIDTHS.to_vec();
    if landscape {
        widths[8] += 30.0;
    }
    let mut sheet = Sheet::new("自评表", widths);
    sheet.landscape = landscape;
    sheet.grid_lines = false;
    // GB/T 9704 margins (37/35/28/26 mm): the table is an attachment to a 公文.
    sheet.margins = [1.1, 1.02, 1.46, 1.38, 0.6, 0.9];

    let caption = tables
        .first()
        .map_or("项目支出绩效自评表", |t| t.caption.as_str());
    sheet.banner(caption, S_TITLE, 32.0);
    let r = sheet.push_row(20.0, 0);
    let unit = match project.implementer.trim() {
        "" => project.department.trim(),
        u => u,
    };
    sheet.put(
        [r, 0, r, 5],
        Value::Text(format!("填报单位：{unit}")),
        S_NOTE,
    );
    sheet.put(
        [r, 6, r, 8],
        Value::Text(format!("金额单位：{}", project.money_unit.label())),
        S_NOTE_RIGHT,
    );

    for (n, table) in tables.iter().enumerate() {
        let heads = place_table(&mut sheet, table);
        if n + 1 == tables.len() && n > 0 {
            sheet.print_titles = heads;
        }
    }
    sheet.fit_heights();
    workbook(&[sheet], &doc.title)
}
