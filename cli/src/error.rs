//! Why a file gave no project: one error for every way a file can fail,
//! converted from each format's own error (`XlsxError`, `ImportError`).
//! A failure is a row of the output, never a crash.

use std::fmt;

use jixiao_core::formats::json::exchange::ImportError;
use jixiao_core::formats::xlsx::read::XlsxError;

#[derive(Debug)]
pub enum FileError {
    /// The file system refused (gone, no permission, a folder too deep).
    Io(String),
    /// A pipe, a device or a socket: reading one may never end.
    NotAFile,
    /// Larger than the app reads, so not read at all.
    TooBig {
        bytes: u64,
        limit: usize,
    },
    Xlsx(XlsxError),
    /// Not a jixiao exchange file, or a damaged one.
    Json(ImportError),
    /// A workbook read whole, with no 自评表 or 申报表 in it.
    NoTable(String),
    /// The check itself failed (a defect of jixiao, not of the file).
    Internal(String),
}

impl From<XlsxError> for FileError {
    fn from(e: XlsxError) -> Self {
        FileError::Xlsx(e)
    }
}

impl From<ImportError> for FileError {
    fn from(e: ImportError) -> Self {
        FileError::Json(e)
    }
}

impl From<std::io::Error> for FileError {
    fn from(e: std::io::Error) -> Self {
        FileError::Io(e.to_string())
    }
}

impl FileError {
    /// A stable name for the kind, for grouping in a query
    /// (`GROUP BY error_kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            FileError::Io(_) => "io",
            FileError::NotAFile => "not_a_file",
            FileError::TooBig { .. } => "file_too_large",
            FileError::Xlsx(e) => e.kind(),
            FileError::Json(_) => "not_exchange_file",
            FileError::NoTable(_) => "no_table",
            FileError::Internal(_) => "internal",
        }
    }

    /// What the user reads, in Chinese, as the app says it.
    pub fn message(&self) -> String {
        match self {
            FileError::Io(why) => format!("无法读取文件（{why}）。"),
            FileError::NotAFile => "不是普通文件（可能是设备、管道或套接字），未读取。".to_string(),
            FileError::TooBig { bytes, limit } => format!(
                "文件有 {:.1} MB，超过 {} MB，未读取。",
                *bytes as f64 / 1024.0 / 1024.0,
                limit / 1024 / 1024
            ),
            FileError::Xlsx(e) => e.message(),
            FileError::Json(e) => e.to_string(),
            FileError::NoTable(why) => why.clone(),
            FileError::Internal(why) => {
                format!("检查这个文件时 jixiao 出错（{why}），请把文件发给开发者。")
            }
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind a file can fail with is named in docs/format.md §10,
    /// where a query writer looks them up.
    #[test]
    fn every_kind_is_documented() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/format.md"),
        )
        .unwrap();
        let xlsx = [
            XlsxError::NotXlsx,
            XlsxError::Legacy,
            XlsxError::Encrypted,
            XlsxError::FileTooLarge,
            XlsxError::TooLarge,
            XlsxError::TooManyEntries,
            XlsxError::XmlForbidden,
            XlsxError::TooDeep,
            XlsxError::Damaged(String::new()),
        ];
        let json = jixiao_core::formats::json::exchange::import("{").unwrap_err();
        let mut errors: Vec<FileError> = xlsx.into_iter().map(FileError::from).collect();
        errors.extend([
            FileError::Io(String::new()),
            FileError::NotAFile,
            FileError::TooBig { bytes: 1, limit: 1 },
            FileError::from(json),
            FileError::NoTable("工作簿中没有找到绩效指标表。".into()),
            FileError::Internal(String::new()),
        ]);
        for e in &errors {
            assert!(doc.contains(&format!("`{}`", e.kind())), "{}", e.kind());
            assert!(!e.message().is_empty());
        }
    }
}
