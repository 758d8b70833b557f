//! The 汇总 as CSV, for anything that does not read .xlsx.

use std::fmt::Write as _;

use crate::model::number::{format_percent, format_score};
use crate::model::overview::{Field, HEADS, OverviewRow, row_fields, sum_fields};

/// A text field for CSV: a leading = + - @ (or tab/CR) would make a
/// spreadsheet read it as a formula, so it gets an apostrophe; quoted when
/// it holds a comma, quote or line break (RFC 4180).
fn csv_text(out: &mut String, text: &str) {
    let guard = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// 汇总 as CSV, for Excel: UTF-8 with a BOM (else Excel reads the Chinese as
/// the local code page), CRLF line ends, figures with two decimals.
pub fn overview_csv(rows: &[OverviewRow]) -> String {
    let mut out = String::from("\u{FEFF}");
    for (c, head) in HEADS.iter().enumerate() {
        if c > 0 {
            out.push(',');
        }
        csv_text(&mut out, head);
    }
    out.push_str("\r\n");
    for fields in rows.iter().map(row_fields).chain([sum_fields(rows)]) {
        for (c, field) in fields.iter().enumerate() {
            if c > 0 {
                out.push(',');
            }
            match field {
                Field::Text(t) => csv_text(&mut out, t),
                Field::Amount(v) => out.push_str(&v.map(format_score).unwrap_or_default()),
                Field::Percent(v) => out.push_str(&v.map(format_percent).unwrap_or_default()),
                Field::Score(v) => out.push_str(&format_score(*v)),
                Field::Count(v) => {
                    let _ = write!(out, "{v}");
                }
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        let field = |t| {
            let mut s = String::new();
            csv_text(&mut s, t);
            s
        };
        assert_eq!(field("甲"), "甲");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
    }
}
