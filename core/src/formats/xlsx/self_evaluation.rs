//! 附1 项目支出绩效自评表 as an Excel sheet, and the year's other two tables
//! (目标表, 监控表) laid out the same way.

use super::sheet::{Sheet, Value, split_to_fit, workbook};
use super::styles::{
    S_AMOUNT, S_CENTER, S_LABEL, S_LEFT, S_MISSED, S_NOTE, S_NOTE_RIGHT, S_PERCENT, S_SCORE,
    S_TITLE, S_TOTAL, S_TOTAL_SCORE,
};
use crate::formats::{SELF_EVALUATION_WIDTHS, self_evaluation_is_landscape};
use crate::project::Project;
use crate::report::{
    Cell, CellRole, CellValue, Document, Table, compose, monitoring_document, targets_document,
};
use crate::score::Evaluation;

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

/// Lays `table` out below the sheet's rows ([`Table::placed`]). A table
/// narrower than the sheet stretches its last column to the sheet's edge;
/// missing cells are left as bordered blanks, so the grid stays rectangular.
/// A long text (goals, 偏差原因) taller than Excel's tallest row (409 pt)
/// goes on in the rows below it ([`split_to_fit`]): its table row takes as
/// many sheet rows as its longest text needs, and the row's other cells are
/// merged down over them. Returns where each table row starts on the sheet
/// (`starts[r]..starts[r + 1]` hold table row `r`).
fn place_table(sheet: &mut Sheet, table: &Table) -> Vec<usize> {
    let width = table.column_count().clamp(1, sheet.columns());
    let last = sheet.columns() - 1;
    let sheet_col = |c: usize| if c + 1 == width { last } else { c };
    let placed = table.placed(width);
    let pieces: Vec<Option<Vec<String>>> = placed
        .iter()
        .map(|p| match &p.cell.value {
            // Only the long-text cells (goals, 偏差原因): a name or a figure
            // typed as text that long is capped rather than cut up.
            CellValue::Text(text) if p.height == 1 && p.cell.role == CellRole::LongText => {
                let columns = p.col..=sheet_col(p.col + p.width - 1);
                split_to_fit(text, sheet.widths[columns].iter().sum())
            }
            _ => None,
        })
        .collect();
    let mut rows = vec![1; table.row_count()];
    for (p, parts) in placed.iter().zip(&pieces) {
        if let Some(parts) = parts {
            rows[p.row] = rows[p.row].max(parts.len());
        }
    }
    // Sheet rows `start[r]..start[r + 1]` hold table row `r`.
    let mut start = vec![sheet.rows.len()];
    for n in rows {
        start.push(start[start.len() - 1] + n);
    }
    for _ in start[0]..start[table.row_count()] {
        sheet.push_row(0.0, S_CENTER);
    }
    for (p, parts) in placed.iter().zip(pieces) {
        let (c1, c2) = (p.col, sheet_col(p.col + p.width - 1));
        let (r1, r2) = (start[p.row], start[p.row + p.height] - 1);
        match parts {
            Some(parts) => {
                let n = parts.len();
                for (i, part) in parts.into_iter().enumerate() {
                    let piece = Cell {
                        value: CellValue::Text(part),
                        ..p.cell.clone()
                    };
                    let (value, style) = cell_value(&piece);
                    // The last piece takes what is left of the row.
                    let bottom = if i + 1 == n { r2 } else { r1 + i };
                    sheet.put([r1 + i, c1, bottom, c2], value, style);
                }
            }
            None => {
                let (value, style) = cell_value(p.cell);
                sheet.put([r1, c1, r2, c2], value, style);
            }
        }
    }
    if !table.footnote.trim().is_empty() {
        sheet.banner(&table.footnote, S_NOTE, 0.0);
    }
    start
}

/// Each indicator's 指标性质 and 计量单位 in the hidden columns, on the first
/// sheet row of its table row (the indicator block's rows are in tree order
/// after its `heads` header rows; `starts` from [`place_table`]: a row whose
/// long text goes on below takes several sheet rows).
fn kinds_and_units(sheet: &mut Sheet, project: &Project, starts: &[usize], heads: usize) {
    let kind = sheet.columns();
    let head = starts[heads] - 1;
    sheet.put(
        [head, kind, head, kind],
        Value::Text("指标性质".into()),
        S_LABEL,
    );
    sheet.put(
        [head, kind + 1, head, kind + 1],
        Value::Text("计量单位".into()),
        S_LABEL,
    );
    for (n, (_, ind)) in project.indicators_in_order().enumerate() {
        let Some(&r) = starts.get(heads + n).filter(|&&r| r < sheet.rows.len()) else {
            break;
        };
        sheet.put(
            [r, kind, r, kind],
            Value::Text(ind.kind.label().into()),
            S_CENTER,
        );
        let unit = crate::report::printed_unit(&ind.unit);
        if !unit.is_empty() {
            sheet.put([r, kind + 1, r, kind + 1], Value::Text(unit), S_CENTER);
        }
    }
}

/// A composed table document on `sheet`: its title, the 填报单位/金额单位
/// line, then its tables one under the other; the last table's column heads
/// repeat on every printed page. Returns where the last table's rows start
/// on the sheet ([`place_table`]) and how many header rows it has (0 when
/// the document has only one table).
pub(super) fn put_document(
    sheet: &mut Sheet,
    doc: &Document,
    project: &Project,
) -> (Vec<usize>, usize) {
    let tables: Vec<&Table> = doc.tables().collect();
    let caption = tables
        .first()
        .map_or(doc.title.as_str(), |t| t.caption.as_str());
    sheet.banner(caption, S_TITLE, 32.0);
    let r = sheet.push_row(20.0, 0);
    let unit = match project.implementer.trim() {
        "" => project.department.trim(),
        u => u,
    };
    let last = sheet.columns() - 1;
    let split = last * 2 / 3;
    sheet.put(
        [r, 0, r, split],
        Value::Text(format!("填报单位：{unit}")),
        S_NOTE,
    );
    sheet.put(
        [r, split + 1, r, last],
        Value::Text(format!("金额单位：{}", project.money_unit.label())),
        S_NOTE_RIGHT,
    );
    let mut out = (Vec::new(), 0);
    for (n, table) in tables.iter().enumerate() {
        let starts = place_table(sheet, table);
        let heads = table.header_rows.len();
        if n + 1 == tables.len() && n > 0 && heads > 0 {
            sheet.print_titles = Some((starts[0], starts[heads] - 1));
            out = (starts, heads);
        }
    }
    out
}

/// A sheet for one of the year's tables (目标表, 监控表): A4 with the
/// 公文 margins, no grid lines.
pub(super) fn table_sheet(
    name: &'static str,
    doc: &Document,
    project: &Project,
    widths: Vec<f64>,
    landscape: bool,
) -> Vec<u8> {
    let mut sheet = Sheet::new(name, widths);
    sheet.landscape = landscape;
    sheet.grid_lines = false;
    sheet.margins = [1.1, 1.02, 1.1, 1.1, 0.6, 0.9];
    put_document(&mut sheet, doc, project);
    sheet.fit_heights();
    workbook(&[sheet], &doc.title, Some(&project.id))
}

/// 附1 项目支出绩效自评表 as an Excel sheet: the same two tables the report
/// prints, so every figure is the report's; figures are stored as numbers
/// and shown with two decimals.
pub fn self_evaluation_xlsx(project: &Project, evaluation: &Evaluation) -> Vec<u8> {
    let doc = compose(project, evaluation);
    let landscape = self_evaluation_is_landscape(project);
    let mut widths = SELF_EVALUATION_WIDTHS.to_vec();
    if landscape {
        widths[8] += 30.0;
    }
    // Two hidden columns beside the indicator block (指标性质, 计量单位), which
    // 附1 does not print, so that the file imports back to the same document.
    widths.extend([10.0, 8.0]);
    let mut sheet = Sheet::new("自评表", widths);
    sheet.hidden_columns = 2;
    sheet.landscape = landscape;
    sheet.grid_lines = false;
    // GB/T 9704 margins (37/35/28/26 mm): the table is an attachment to a 公文.
    sheet.margins = [1.1, 1.02, 1.46, 1.38, 0.6, 0.9];

    let (starts, heads) = put_document(&mut sheet, &doc, project);
    if heads > 0 {
        kinds_and_units(&mut sheet, project, &starts, heads);
    }
    sheet.fit_heights();
    workbook(&[sheet], &doc.title, Some(&project.id))
}

/// 项目支出绩效目标申报表 as an Excel sheet (portrait, 7 columns, or 8
/// with an 指标解释 column when an indicator carries one).
pub fn targets_xlsx(project: &Project) -> Vec<u8> {
    let doc = targets_document(project);
    let columns = doc.tables().map(|t| t.column_count()).max().unwrap_or(7);
    let widths = if columns > 7 {
        // The same page width: the explanation takes room from the name and value.
        vec![11.0, 10.5, 17.0, 9.5, 11.0, 7.0, 6.5, 17.5]
    } else {
        vec![13.5, 12.0, 22.0, 11.0, 13.0, 9.0, 8.0]
    };
    table_sheet("目标表", &doc, project, widths, false)
}

/// 项目支出绩效目标执行监控表 as an Excel sheet (landscape, 10 columns);
/// `None` when the project is not monitored.
pub fn monitoring_xlsx(project: &Project) -> Option<Vec<u8>> {
    let doc = monitoring_document(project)?;
    let widths = vec![9.0, 10.0, 18.0, 11.0, 11.0, 11.0, 11.0, 11.0, 24.0, 8.0];
    Some(table_sheet("监控表", &doc, project, widths, true))
}
