//! The 汇总 and the 体检 as CSV, for anything that does not read .xlsx.

use std::fmt::Write as _;

use crate::finding::Finding;
use crate::number::{format_percent, format_score};
use crate::overview::{Field, HEADS, OverviewRow, row_fields, sum_fields};

/// A text field for CSV: a leading = + - @ (or tab/CR) would make a
/// spreadsheet read it as a formula, so it gets an apostrophe; quoted when
/// it holds a comma, quote or line break (RFC 4180). The command-line
/// checker writes its text fields with it too.
pub fn csv_text(out: &mut String, text: &str) {
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

/// The columns of the 体检 as CSV: each finding with its rule, so a list
/// filtered in the page or in a spreadsheet says what was checked.
const FINDING_HEADS: [&str; 7] = [
    "严重程度",
    "类别",
    "规则",
    "适用阶段",
    "位置",
    "说明",
    "可改为",
];

/// The 体检 (as filtered) as CSV, written like the 汇总's.
pub fn findings_csv(findings: &[Finding]) -> String {
    let mut out = String::from("\u{FEFF}");
    let rows = findings.iter().map(|f| {
        let spec = f.rule.spec();
        [
            f.severity.label().to_string(),
            spec.category.label().to_string(),
            spec.id.to_string(),
            spec.stages_label(),
            f.path.to_string(),
            f.message.clone(),
            f.fix.clone().unwrap_or_default(),
        ]
    });
    let heads = FINDING_HEADS.map(str::to_string);
    for fields in [heads].into_iter().chain(rows) {
        for (c, field) in fields.iter().enumerate() {
            if c > 0 {
                out.push(',');
            }
            csv_text(&mut out, field);
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

    #[test]
    fn findings_carry_their_rule_category_and_stages() {
        use crate::finding::{Finding, Rule};
        use crate::path::{FieldPath, HeaderField};
        let found = [Finding::new(
            Rule::HeaderNameBlank,
            FieldPath::Header(HeaderField::Name),
            "m",
        )
        .with_fix("=x")];
        let csv = findings_csv(&found);
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines[0], "严重程度,类别,规则,适用阶段,位置,说明,可改为");
        assert_eq!(
            lines[1],
            "错误,完整性,header.name.blank,目标、监控、自评,name,m,'=x"
        );
        assert_eq!(lines[2], "");
    }
}
