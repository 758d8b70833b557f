//! Where the rows go, by the extension of `--out`: each format a file of
//! its own, with its writer. The projects table goes to the named file; with
//! `--findings` the findings table goes beside it (`结果-findings.csv`), or
//! into a second sheet of the same workbook for .xlsx.
//!
//! Rows arrive in batches, in file order, and the streaming formats (csv,
//! jsonl, parquet) write them as they come, so memory stays flat however
//! many files are read. A workbook is built whole, as the app's writer does.

mod csv;
mod jsonl;
mod parquet;
mod xlsx;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::rows::{Column, FINDING_COLUMNS, PROJECT_COLUMNS, Row};

pub use xlsx::is_a_result;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
    Xlsx,
}

impl Format {
    /// The format a file name asks for, or the sentence to print.
    pub fn of(path: &Path) -> Result<Format, String> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("csv") => Ok(Format::Csv),
            Some("jsonl" | "ndjson") => Ok(Format::Jsonl),
            Some("parquet") => Ok(Format::Parquet),
            Some("xlsx") => Ok(Format::Xlsx),
            _ => Err(format!(
                "--out {}：不认识的输出格式，请用 .csv、.xlsx、.parquet 或 .jsonl 结尾的文件名",
                path.display()
            )),
        }
    }
}

/// A table written as rows come.
trait Sink {
    fn write(&mut self, rows: &[Row]) -> io::Result<()>;
    fn finish(self: Box<Self>) -> io::Result<()>;
}

fn sink(
    format: Format,
    out: Box<dyn Write + Send>,
    columns: &'static [Column],
    bom: bool,
) -> io::Result<Box<dyn Sink>> {
    Ok(match format {
        Format::Csv => Box::new(csv::CsvSink::new(out, columns, bom)?),
        Format::Jsonl => Box::new(jsonl::JsonlSink::new(out, columns)),
        Format::Parquet => Box::new(parquet::ParquetSink::new(out, columns)?),
        Format::Xlsx => unreachable!("a workbook is written whole"),
    })
}

enum Writers {
    Streams {
        projects: Box<dyn Sink>,
        findings: Option<Box<dyn Sink>>,
    },
    Workbook(xlsx::Workbook),
}

/// The open output, and how many rows each table got.
pub struct Output {
    writers: Writers,
    written: Written,
}

/// What an output holds once finished: its files (none for standard
/// output) and the rows of each table.
pub struct Written {
    files: Vec<PathBuf>,
    project_rows: usize,
    finding_rows: usize,
}

impl Written {
    fn to(files: Vec<PathBuf>) -> Self {
        Self {
            files,
            project_rows: 0,
            finding_rows: 0,
        }
    }

    /// The summary's line.
    pub fn print(&self, e: &mut impl Write) -> io::Result<()> {
        let (p, f) = (self.project_rows, self.finding_rows);
        match self.files.as_slice() {
            // Standard output: the rows said it.
            [] => Ok(()),
            [one] if f > 0 => writeln!(e, "写出 {}：项目 {p} 行，问题 {f} 行", one.display()),
            [one] => writeln!(e, "写出 {}：{p} 行", one.display()),
            [projects, findings, ..] => writeln!(
                e,
                "写出 {}：{p} 行；{}：{f} 行",
                projects.display(),
                findings.display()
            ),
        }
    }
}

/// The findings file beside `out`: `结果.csv` → `结果-findings.csv`.
pub fn findings_path(out: &Path) -> PathBuf {
    let stem = out.file_stem().unwrap_or_default().to_string_lossy();
    let ext = out.extension().unwrap_or_default().to_string_lossy();
    out.with_file_name(format!("{stem}-findings.{ext}"))
}

fn create(path: &Path) -> io::Result<Box<dyn Write + Send>> {
    let file = std::fs::File::create(path)
        .map_err(|e| io::Error::new(e.kind(), format!("{}：{e}", path.display())))?;
    Ok(Box::new(io::BufWriter::with_capacity(1 << 16, file)))
}

impl Output {
    /// The output to `out` (`-`: the projects as csv on standard output).
    pub fn open(out: &Path, findings: bool) -> io::Result<Output> {
        if out == Path::new("-") {
            let stdout: Box<dyn Write + Send> = Box::new(io::BufWriter::new(io::stdout()));
            return Ok(Output {
                writers: Writers::Streams {
                    projects: sink(Format::Csv, stdout, &PROJECT_COLUMNS, false)?,
                    findings: None,
                },
                written: Written::to(Vec::new()),
            });
        }
        let format = Format::of(out).map_err(io::Error::other)?;
        let mut files = vec![out.to_path_buf()];
        let writers = match format {
            Format::Xlsx => Writers::Workbook(xlsx::Workbook::new(out, findings)?),
            _ => {
                let projects = sink(format, create(out)?, &PROJECT_COLUMNS, true)?;
                let findings = match findings {
                    true => {
                        let path = findings_path(out);
                        let sink = sink(format, create(&path)?, &FINDING_COLUMNS, true)?;
                        files.push(path);
                        Some(sink)
                    }
                    false => None,
                };
                Writers::Streams { projects, findings }
            }
        };
        Ok(Output {
            writers,
            written: Written::to(files),
        })
    }

    pub fn write(&mut self, projects: &[Row], findings: &[Row]) -> io::Result<()> {
        let written = &mut self.written;
        written.project_rows += projects.len();
        match &mut self.writers {
            Writers::Streams {
                projects: p,
                findings: f,
            } => {
                p.write(projects)?;
                if let Some(f) = f {
                    written.finding_rows += findings.len();
                    f.write(findings)?;
                }
            }
            Writers::Workbook(book) => {
                if book.wants_findings() {
                    written.finding_rows += findings.len();
                }
                book.add(projects, findings)?;
            }
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<Written> {
        match self.writers {
            Writers::Streams { projects, findings } => {
                projects.finish()?;
                if let Some(f) = findings {
                    f.finish()?;
                }
            }
            Writers::Workbook(book) => book.finish()?,
        }
        Ok(self.written)
    }
}
