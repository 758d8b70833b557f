//! The workbook: the projects on one sheet and, with `--findings`, the
//! findings on a second, written whole by the core's sheet writer with the
//! columns' Chinese heads.

use std::io;
use std::path::{Path, PathBuf};

use jixiao_core::formats::xlsx::data::{DataCell, DataSheet, MAX_DATA_ROWS, data_xlsx};

use crate::rows::{Column, FINDING_COLUMNS, PROJECT_COLUMNS, Row, Value};

pub struct Workbook {
    path: PathBuf,
    projects: DataSheet,
    findings: Option<DataSheet>,
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
    pub fn new(path: &Path, findings: bool) -> Self {
        Self {
            path: path.to_path_buf(),
            projects: sheet("项目", &PROJECT_COLUMNS),
            findings: findings.then(|| sheet("问题", &FINDING_COLUMNS)),
        }
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

    pub fn finish(self) -> io::Result<()> {
        let mut sheets = vec![self.projects];
        sheets.extend(self.findings);
        let bytes = data_xlsx(&sheets, "项目支出绩效自评检查结果");
        std::fs::write(&self.path, bytes)
            .map_err(|e| io::Error::new(e.kind(), format!("{}：{e}", self.path.display())))
    }
}
