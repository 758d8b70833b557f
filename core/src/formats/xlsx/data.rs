//! Plain data tables as a workbook: a bold header row, frozen and filtered,
//! then one row per record, nothing merged and nothing printed around it.
//! What the command-line checker writes for `--out 结果.xlsx`; the same
//! sheet writer as every other workbook, so Excel, WPS and LibreOffice open
//! it without a repair prompt.

use super::sheet::{Sheet, Value, XCell, text_width, workbook};
use super::styles::{O_CENTER, O_HEAD, O_LEFT};

/// Rows a sheet holds: Excel's limit, less the header row.
pub const MAX_DATA_ROWS: usize = 1_048_575;

/// One cell of a data row.
#[derive(Clone, Debug, PartialEq)]
pub enum DataCell {
    Blank,
    Text(String),
    Number(f64),
}

/// One sheet: its tab name, column heads and rows (each as long as `heads`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataSheet {
    pub name: &'static str,
    pub heads: Vec<String>,
    pub rows: Vec<Vec<DataCell>>,
}

/// Column widths in digits, from the head and the first rows: a Chinese
/// character counts two, and nothing is wider than 60.
fn widths(sheet: &DataSheet) -> Vec<f64> {
    (0..sheet.heads.len())
        .map(|c| {
            let body = sheet.rows.iter().take(200).map(|row| match row.get(c) {
                Some(DataCell::Text(t)) => text_width(t),
                Some(DataCell::Number(_)) => 10.0,
                _ => 0.0,
            });
            body.fold(text_width(&sheet.heads[c]), f64::max)
                .clamp(6.0, 60.0)
                + 2.0
        })
        .collect()
}

/// The sheets as one workbook titled `title`. Rows past [`MAX_DATA_ROWS`]
/// are not written: the caller says so before it calls this.
pub fn data_xlsx(sheets: &[DataSheet], title: &str) -> Vec<u8> {
    let written: Vec<Sheet> = sheets
        .iter()
        .map(|data| {
            let columns = data.heads.len();
            let mut sheet = Sheet::new(data.name, widths(data));
            sheet.freeze_rows = 1;
            sheet.print_titles = Some((0, 0));
            let rows = data.rows.len().min(MAX_DATA_ROWS);
            sheet.filter = Some([0, 0, rows, columns.saturating_sub(1)]);
            let r = sheet.push_row(0.0, O_HEAD);
            for (c, head) in data.heads.iter().enumerate() {
                sheet.rows[r].cells[c].value = Value::Text(head.clone());
            }
            for row in data.rows.iter().take(MAX_DATA_ROWS) {
                let r = sheet.push_row(0.0, O_CENTER);
                for (c, cell) in row.iter().take(columns).enumerate() {
                    sheet.rows[r].cells[c] = match cell {
                        DataCell::Blank => XCell {
                            value: Value::Blank,
                            style: O_CENTER,
                        },
                        DataCell::Text(t) => XCell {
                            value: Value::Text(t.clone()),
                            style: O_LEFT,
                        },
                        DataCell::Number(v) if v.is_finite() => XCell {
                            value: Value::Number(*v),
                            style: O_CENTER,
                        },
                        DataCell::Number(_) => XCell {
                            value: Value::Blank,
                            style: O_CENTER,
                        },
                    };
                }
            }
            sheet
        })
        .collect();
    workbook(&written, title, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::xlsx::read::read_workbook;

    #[test]
    fn a_data_table_reads_back_cell_for_cell() {
        let sheet = DataSheet {
            name: "项目",
            heads: vec!["项目名称".into(), "总分".into(), "备注".into()],
            rows: vec![
                vec![
                    DataCell::Text("义务教育营养改善".into()),
                    DataCell::Number(92.5),
                    DataCell::Blank,
                ],
                vec![
                    DataCell::Text("a < b & \"c\"".into()),
                    DataCell::Number(f64::NAN),
                    DataCell::Text("第二行".into()),
                ],
            ],
        };
        let book = read_workbook(&data_xlsx(&[sheet], "检查结果")).unwrap();
        let grid = &book.sheets[0];
        assert_eq!(grid.name, "项目");
        let cells: Vec<Vec<&str>> = grid
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(cells[0], ["项目名称", "总分", "备注"]);
        // The reader drops a row's trailing blank cells.
        assert_eq!(cells[1], ["义务教育营养改善", "92.5"]);
        // A number that is not one is left blank, never written as NaN.
        assert_eq!(cells[2][..2], ["a < b & \"c\"", ""]);
        assert_eq!(cells[2][2], "第二行");
    }
}
