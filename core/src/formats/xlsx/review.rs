//! The 审核意见表 as an Excel sheet: one row per project reviewed.

use super::sheet::{Sheet, Value, XCell, workbook};
use super::styles::{O_AMOUNT, O_CENTER, O_HEAD, O_LEFT};
use crate::review::numbered;
use crate::review_sheet::{ReviewRow, categories};

/// 序号, 项目编码, 项目名称, 申报单位, 申报金额（万元）, then one column per
/// category with its numbered opinions, 小结 and 结论. `rows` carry their
/// amounts in 万元 (`ReviewRow::amount_wan`).
pub fn review_xlsx(rows: &[ReviewRow]) -> Vec<u8> {
    let categories = categories(rows);
    let mut heads: Vec<String> = [
        "序号",
        "项目编码",
        "项目名称",
        "申报单位",
        "申报金额（万元）",
    ]
    .map(String::from)
    .to_vec();
    heads.extend(categories.iter().map(|c| format!("{c}意见")));
    heads.extend(["小结", "审核结论"].map(String::from));
    let mut widths = vec![6.0, 16.0, 30.0, 22.0, 13.0];
    widths.extend(categories.iter().map(|_| 40.0));
    widths.extend([30.0, 10.0]);
    let mut sheet = Sheet::new("审核意见表", widths);
    sheet.landscape = true;
    sheet.freeze_rows = 1;
    sheet.print_titles = Some((0, 0));
    sheet.filter = Some([0, 0, rows.len(), heads.len() - 1]);
    let r = sheet.push_row(0.0, O_HEAD);
    for (c, head) in heads.into_iter().enumerate() {
        sheet.rows[r].cells[c].value = Value::Text(head);
    }
    for (n, row) in rows.iter().enumerate() {
        let mut cells = vec![
            (Value::Number((n + 1) as f64), O_CENTER),
            (text(&row.code), O_CENTER),
            (text(&row.name), O_LEFT),
            (text(&row.unit), O_LEFT),
            (row.amount_wan.map_or(Value::Blank, Value::Number), O_AMOUNT),
        ];
        for category in &categories {
            let list = row
                .opinions
                .iter()
                .find(|(c, _)| c == category)
                .map(|(_, list)| numbered(list))
                .unwrap_or_default();
            cells.push((text(&list), O_LEFT));
        }
        cells.push((text(&row.summary), O_LEFT));
        cells.push((text(row.conclusion), O_CENTER));
        let r = sheet.push_row(0.0, 0);
        for (c, (value, style)) in cells.into_iter().enumerate() {
            sheet.rows[r].cells[c] = XCell { value, style };
        }
    }
    sheet.fit_heights();
    workbook(&[sheet], "项目支出绩效目标审核意见表", None)
}

fn text(s: &str) -> Value {
    match s.trim() {
        "" => Value::Blank,
        s => Value::Text(s.to_string()),
    }
}
