//! The workbook: the projects on one sheet and, with `--findings`, the
//! findings on a second, written whole by the core's sheet writer with the
//! columns' Chinese heads.

use std::io;
use std::path::{Path, PathBuf};

use jixiao_core::formats::xlsx::data::{DataCell, DataSheet, MAX_DATA_ROWS, data_xlsx};
use jixiao_core::formats::xlsx::read::{MAX_FILE_BYTES, read_workbook};

use crate::check::read_bounded;

use crate::rows::{Column, FINDING_COLUMNS, PROJECT_COLUMNS, Row, Value};

pub struct Workbook {
    path: PathBuf,
    /// Created when the run starts, so a path that cannot be written is
    /// said before any file is read, not after all of them.
    file: std::fs::File,
    projects: DataSheet,
    findings: Option<DataSheet>,
}

/// Whether the workbook at `path` is an earlier `jixiao check` result (so a
/// run writing into the folder it reads may replace it), not a table.
pub fn is_a_result(path: &Path) -> bool {
    let Ok(bytes) = read_bounded(path, MAX_FILE_BYTES) else {
        return false;
    };
    let Ok(book) = read_workbook(&bytes) else {
        return false;
    };
    let first = book.sheets.first();
    book.by_jixiao
        && first.is_some_and(|s| {
            s.name == "项目"
                && s.rows.first().and_then(|r| r.first()).map(String::as_str)
                    == Some(PROJECT_COLUMNS[0].head)
        })
}

fn sheet(name: &'static str, columns: &[Column]) -> DataSheet {
    DataSheet {
        name,
        heads: columns.iter().map(|c| c.head.to_string()).collect(),
        rows: Vec::new(),
    }
}

fn cells(row: &Row) -> Vec<DataCell> {
    row.iter()
        .map(|value| match value {
            Value::Text(Some(t)) => DataCell::Text(t.clone()),
            Value::Number(Some(v)) => DataCell::Number(*v),
            Value::Count(n) => DataCell::Number(*n as f64),
            _ => DataCell::Blank,
        })
        .collect()
}

fn room(sheet: &DataSheet, more: usize) -> io::Result<()> {
    if sheet.rows.len() + more > MAX_DATA_ROWS {
        return Err(io::Error::other(format!(
            "“{}”超过 Excel 一张工作表的 {MAX_DATA_ROWS} 行，请改用 .csv 或 .parquet 输出",
            sheet.name
        )));
    }
    Ok(())
}

impl Workbook {
    pub fn new(path: &Path, findings: bool) -> io::Result<Self> {
        let file = std::fs::File::create(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}：{e}", path.display())))?;
        Ok(Self {
            path: path.to_path_buf(),
            file,
            projects: sheet("项目", &PROJECT_COLUMNS),
            findings: findings.then(|| sheet("问题", &FINDING_COLUMNS)),
        })
    }

    pub fn wants_findings(&self) -> bool {
        self.findings.is_some()
    }

    pub fn add(&mut self, projects: &[Row], findings: &[Row]) -> io::Result<()> {
        room(&self.projects, projects.len())?;
        self.projects.rows.extend(projects.iter().map(cells));
        if let Some(sheet) = &mut self.findings {
            room(sheet, findings.len())?;
            sheet.rows.extend(findings.iter().map(cells));
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        use std::io::Write;
        let mut sheets = vec![self.projects];
        sheets.extend(self.findings);
        let bytes = data_xlsx(&sheets, "项目支出绩效自评检查结果");
        self.file
            .write_all(&bytes)
            .and_then(|()| self.file.flush())
            .map_err(|e| io::Error::new(e.kind(), format!("{}：{e}", self.path.display())))
    }
}
