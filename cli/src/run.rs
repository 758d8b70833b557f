//! `jixiao check`: the files, read and checked in parallel batches, their
//! rows written in file order, and the summary.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::finding::FindingCounts;
use rayon::prelude::*;

use crate::args::{CheckOptions, Usage};
use crate::check::{Rules, check};
use crate::error::FileError;
use crate::walk::{Input, Walked};
use crate::{Failure, out, rows, walk};

/// Files checked between two writes: the work of one batch runs in
/// parallel, its rows are written in file order, then the next batch.
const BATCH: usize = 256;

/// What one file gave: its rows, ready to write, and what the summary counts.
struct FileRows {
    projects: Vec<rows::Row>,
    findings: Vec<rows::Row>,
    error: Option<(&'static str, String)>,
    project_count: usize,
    counts: FindingCounts,
}

impl FileRows {
    fn failed(input: &Input, e: &FileError) -> Self {
        FileRows {
            projects: vec![rows::error_row(&input.shown, e)],
            findings: Vec::new(),
            error: Some((e.kind(), input.shown.clone())),
            project_count: 0,
            counts: FindingCounts::default(),
        }
    }
}

fn built_rows(input: &Input, rules: &Rules, with_findings: bool) -> Result<FileRows, FileError> {
    let tables = check(input, rules)?;
    let mut rows = FileRows {
        projects: Vec::with_capacity(tables.len()),
        findings: Vec::new(),
        error: None,
        project_count: tables.len(),
        counts: FindingCounts::default(),
    };
    for (n, table) in tables.iter().enumerate() {
        rows.projects
            .push(rows::project_row(&input.shown, n + 1, table));
        rows.counts += FindingCounts::of(&table.findings);
        if with_findings {
            rows.findings
                .extend(rows::finding_rows(&input.shown, n + 1, table));
        }
    }
    Ok(rows)
}

fn file_rows(input: &Input, rules: &Rules, with_findings: bool) -> FileRows {
    // A defect in the core must not end a run over 10⁵ files: reading,
    // scoring, checking and laying out the rows of this file, whatever
    // panics becomes the file's row.
    let built = std::panic::catch_unwind(|| built_rows(input, rules, with_findings));
    match built {
        Ok(Ok(rows)) => rows,
        Ok(Err(e)) => FileRows::failed(input, &e),
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            FileRows::failed(input, &FileError::Internal(why))
        }
    }
}

/// Leaves out of the inputs what this run itself reads or writes: the rule
/// files, and the output when it is an earlier run's result. An output that
/// would overwrite a file to be checked is refused before anything is read.
fn leave_out_own_files(walked: &mut Walked, options: &CheckOptions) -> Result<(), Usage> {
    let outputs: Vec<PathBuf> = match &options.out {
        Some(out) if out != Path::new("-") => vec![out.clone(), out::findings_path(out)],
        _ => Vec::new(),
    };
    let ids =
        |paths: &[PathBuf]| -> Vec<PathBuf> { paths.iter().map(|p| walk::identity(p)).collect() };
    let (outputs, rule_files) = (ids(&outputs), ids(&options.rule_files));
    let mut clash = None;
    walked.files.retain(|file| {
        if rule_files.contains(&file.id) {
            return false;
        }
        if outputs.contains(&file.id) {
            if !out::is_a_result(&file.path) {
                clash.get_or_insert_with(|| file.shown.clone());
            }
            return false;
        }
        true
    });
    match clash {
        Some(file) => Err(Usage(format!(
            "--out 会覆盖要检查的文件“{file}”，请换一个文件名"
        ))),
        None => Ok(()),
    }
}

pub fn check_command(options: CheckOptions) -> Result<ExitCode, Failure> {
    let started = Instant::now();
    let mut walked = walk::walk(&options.paths);
    leave_out_own_files(&mut walked, &options).map_err(|Usage(why)| Failure::Usage(why))?;
    if cfg!(panic = "abort") && !options.quiet {
        eprintln!(
            "注意：此程序按 panic = \"abort\" 构建，某个文件触发程序缺陷时整次运行会中止；请用 cargo build --profile cli -p jixiao-cli 构建"
        );
    }
    let output = match &options.out {
        Some(path) => Some(
            out::Output::open(path, options.findings)
                .map_err(|e| Failure::Output(e.to_string()))?,
        ),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let bar = match options.quiet {
        true => ProgressBar::hidden(),
        // Drawn only on a terminal: a pipe or a CI log gets the summary alone.
        false => ProgressBar::new(walked.files.len() as u64),
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} 个文件  剩余 {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut tally = Tally::default();
    let mut sink = Sink {
        output,
        error: None,
    };
    for (folder, problem) in &walked.problems {
        tally.not_read(problem.kind(), folder);
        sink.write(&[rows::error_row(folder, problem)], &[]);
    }
    // Quiet panics: each is reported in its file's row instead.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for batch in walked.files.chunks(BATCH) {
        if sink.error.is_some() || (sink.output.is_none() && options.out.is_some()) {
            // The output failed (a full disk, a workbook past Excel's rows)
            // or its reader stopped (`| head`): reading on is wasted.
            break;
        }
        let results: Vec<FileRows> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let rows = file_rows(input, &options.rules, options.findings);
                    bar.inc(1);
                    rows
                })
                .collect()
        });
        for r in results {
            tally.add(&r);
            sink.write(&r.projects, &r.findings);
        }
    }
    std::panic::set_hook(default_hook);
    bar.finish_and_clear();
    let written = sink.finish().map_err(|e| Failure::Output(e.to_string()))?;
    if !options.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let mut e = std::io::stderr().lock();
        let _ = tally.print(&mut e, walked.files.len(), seconds);
        if walked.files.is_empty() && walked.problems.is_empty() {
            let _ = writeln!(e, "没有找到 .xlsx 或 .json 文件：请检查路径");
        }
        if options.out.is_none() {
            let _ = writeln!(
                e,
                "未写出结果：用 --out 文件名 指定（.csv .xlsx .parquet .jsonl）"
            );
        }
        if walked.skipped > 0 {
            let _ = writeln!(e, "跳过 {} 个不是表格或交换文件的文件", walked.skipped);
        }
        if let Some(out) = &written {
            let _ = out.print(&mut e);
        }
    }
    // A folder that could not be listed counts as files not read.
    Ok(match tally.failed.is_empty() {
        true => ExitCode::SUCCESS,
        false => ExitCode::from(1),
    })
}

/// What the summary counts, file by file.
#[derive(Default)]
struct Tally {
    /// Files checked, read or not (fewer than found when the run stopped).
    checked: usize,
    files_read: usize,
    projects: usize,
    findings: FindingCounts,
    /// By error kind, how many files (or folders) were not read, and the
    /// first few, to name them.
    failed: BTreeMap<&'static str, (usize, Vec<String>)>,
}

/// Files named per error kind in the summary; the rows name them all.
const NAMED: usize = 3;

impl Tally {
    fn not_read(&mut self, kind: &'static str, file: &str) {
        let (count, named) = self.failed.entry(kind).or_default();
        *count += 1;
        if named.len() < NAMED {
            named.push(file.to_string());
        }
    }

    fn add(&mut self, r: &FileRows) {
        self.checked += 1;
        match &r.error {
            Some((kind, file)) => self.not_read(kind, file),
            None => self.files_read += 1,
        }
        self.projects += r.project_count;
        self.findings += r.counts;
    }

    fn print(
        &self,
        e: &mut impl std::io::Write,
        files: usize,
        seconds: f64,
    ) -> std::io::Result<()> {
        writeln!(
            e,
            "读取 {}/{files} 个文件，项目 {} 个，用时 {seconds:.1} 秒（每秒 {:.0} 个文件）",
            self.files_read,
            self.projects,
            self.checked as f64 / seconds.max(1e-9)
        )?;
        if !self.failed.is_empty() {
            writeln!(e, "未能读取，按原因：")?;
            for (kind, (count, named)) in &self.failed {
                let more = if *count > named.len() { " …" } else { "" };
                writeln!(e, "  {kind} {count} 个：{}{more}", named.join("，"))?;
            }
        }
        let FindingCounts {
            errors,
            warnings,
            hints,
        } = self.findings;
        writeln!(
            e,
            "体检：错误 {errors} 条，警告 {warnings} 条，提示 {hints} 条"
        )
    }
}

/// The output, and the first error writing it: after one, nothing more is
/// written and the run ends with it. A reader that stops early (`| head`)
/// is not an error: the rows it did not want are not written.
struct Sink {
    output: Option<out::Output>,
    error: Option<std::io::Error>,
}

impl Sink {
    fn write(&mut self, projects: &[rows::Row], findings: &[rows::Row]) {
        if let Some(out) = &mut self.output
            && self.error.is_none()
            && let Err(e) = out.write(projects, findings)
        {
            self.closed_or_failed(e);
        }
    }

    fn closed_or_failed(&mut self, e: std::io::Error) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            self.output = None;
        } else {
            self.error = Some(e);
        }
    }

    /// What was written, once it is complete on disk.
    fn finish(self) -> std::io::Result<Option<out::Written>> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let Some(out) = self.output else {
            return Ok(None);
        };
        match out.finish() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(None),
            Err(e) => Err(e),
            Ok(written) => Ok(Some(written)),
        }
    }
}
