//! The 汇总 as an Excel sheet.

use super::sheet::{Sheet, Value, XCell, workbook};
use super::styles::{
    O_AMOUNT, O_CENTER, O_HEAD, O_LEFT, O_PERCENT, O_SCORE, O_SUM, O_SUM_AMOUNT, O_SUM_PERCENT,
};
use crate::overview::{Field, HEADS, OverviewRow, row_fields, sum_fields};

const OVERVIEW_WIDTHS: [f64; 12] = [
    36.0, 18.0, 7.0, 12.0, 12.0, 10.0, 9.0, 14.0, 6.5, 6.5, 6.5, 16.0,
];

/// 汇总 as an Excel sheet: one row per project, then 合计.
pub fn overview_xlsx(rows: &[OverviewRow]) -> Vec<u8> {
    let mut sheet = Sheet::new("汇总", OVERVIEW_WIDTHS.to_vec());
    sheet.landscape = true;
    sheet.freeze_rows = 1;
    sheet.print_titles = Some((0, 0));
    sheet.filter = Some([0, 0, rows.len(), HEADS.len() - 1]);
    let r = sheet.push_row(0.0, O_HEAD);
    for (c, head) in HEADS.iter().enumerate() {
        sheet.rows[r].cells[c].value = Value::Text(head.to_string());
    }
    let sum = sum_fields(rows);
    let body = rows.iter().map(row_fields).chain([sum]);
    let count = rows.len();
    for (n, fields) in body.enumerate() {
        let total = n == count;
        let r = sheet.push_row(0.0, 0);
        for (c, field) in fields.into_iter().enumerate() {
            let (value, style) = match field {
                Field::Text(t) if t.is_empty() => (Value::Blank, O_CENTER),
                Field::Text(t) => (Value::Text(t), if c < 2 { O_LEFT } else { O_CENTER }),
                Field::Amount(v) => (v.map_or(Value::Blank, Value::Number), O_AMOUNT),
                Field::Percent(v) => (v.map_or(Value::Blank, Value::Number), O_PERCENT),
                Field::Score(v) => (Value::Number(v), O_SCORE),
                Field::Count(v) => (Value::Number(v as f64), O_CENTER),
            };
            let style = match (total, style) {
                (false, s) => s,
                (true, O_AMOUNT) => O_SUM_AMOUNT,
                (true, O_PERCENT) => O_SUM_PERCENT,
                (true, _) => O_SUM,
            };
            let value = match value {
                Value::Number(v) if !v.is_finite() => Value::Text("—".to_string()),
                v => v,
            };
            sheet.rows[r].cells[c] = XCell { value, style };
        }
    }
    sheet.fit_heights();
    workbook(&[sheet], "项目支出绩效自评汇总", None)
}
