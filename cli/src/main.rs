//! `jixiao`: the 体检 and scoring of the browser app, run over folders of
//! tables on the command line, for finance departments that collect
//! thousands of 自评表 and work in a data warehouse.
//!
//! `jixiao check PATH…` reads every .xlsx and exchange .json under the
//! paths, scores and checks each project with `jixiao-core` (the app's own
//! code) in parallel over files, and writes one row per project (and per
//! finding) as csv, xlsx, parquet or jsonl. `jixiao score FILE` prints one
//! project's arithmetic.
//!
//! Exit codes: 0 every file was read, 1 some were not (each is a row with
//! its error), 2 a usage error or an output that could not be written.

mod check;
mod error;
mod out;
mod rows;
mod score;
mod walk;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use check::check;
use walk::Input;

const USAGE: &str = "\
用法：
  jixiao check [选项] 路径…   检查文件和文件夹（含子文件夹）中的 .xlsx 自评表/申报表和 .json 交换文件
      --out 文件            写出结果，格式按扩展名：.csv .xlsx .parquet .jsonl；- 为标准输出（csv）
      --findings            另写每条体检问题一行（xlsx 为第二张工作表，其余格式写在“文件名-findings.扩展名”）
      --jobs N              同时读取的文件数（默认为处理器核数）
      --quiet               不显示进度和汇总
  jixiao score 文件 [--table N]   显示一个项目的计算过程（与网页中的得分说明相同）
  jixiao --help | --version

退出码：0 全部文件已读取；1 有文件未能读取（每个都在结果中占一行并写明原因）；2 用法错误或无法写出结果。";

/// Files checked between two writes: the work of one batch runs in
/// parallel, its rows are written in file order, then the next batch.
const BATCH: usize = 256;

struct Usage(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.first().map(String::as_str) {
        Some("check") => check_command(&args[1..]),
        Some("score") => score_command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some("-V" | "--version") => {
            println!("jixiao {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Usage(format!("不认识的命令“{other}”"))),
        None => Err(Usage("缺少命令".to_string())),
    };
    outcome.unwrap_or_else(|Usage(why)| {
        eprintln!("jixiao：{why}\n\n{USAGE}");
        ExitCode::from(2)
    })
}

struct CheckOptions {
    paths: Vec<PathBuf>,
    out: Option<PathBuf>,
    findings: bool,
    jobs: Option<usize>,
    quiet: bool,
}

fn parse_check(args: &[String]) -> Result<CheckOptions, Usage> {
    let mut options = CheckOptions {
        paths: Vec::new(),
        out: None,
        findings: false,
        jobs: None,
        quiet: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" | "-o" => {
                let path = args.next().ok_or(Usage("--out 后面要写文件名".into()))?;
                out::Format::of(std::path::Path::new(path))
                    .or_else(|e| {
                        if path == "-" {
                            Ok(out::Format::Csv)
                        } else {
                            Err(e)
                        }
                    })
                    .map_err(Usage)?;
                options.out = Some(PathBuf::from(path));
            }
            "--findings" => options.findings = true,
            "--quiet" | "-q" => options.quiet = true,
            "--jobs" | "-j" => {
                let n = args.next().and_then(|n| n.parse::<usize>().ok());
                options.jobs = Some(
                    n.filter(|n| *n > 0)
                        .ok_or(Usage("--jobs 后面要写正整数".into()))?,
                );
            }
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(Usage(format!("不认识的选项“{flag}”")));
            }
            path => options.paths.push(PathBuf::from(path)),
        }
    }
    if options.paths.is_empty() {
        return Err(Usage("请给出要检查的文件或文件夹".into()));
    }
    if let Some(missing) = options.paths.iter().find(|p| !p.exists()) {
        return Err(Usage(format!("找不到“{}”", missing.display())));
    }
    if options.findings && options.out.as_deref() == Some(std::path::Path::new("-")) {
        return Err(Usage(
            "--findings 需要 --out 文件名（标准输出只写项目表）".into(),
        ));
    }
    Ok(options)
}

/// What one file gave: its rows, ready to write, and what the summary counts.
struct FileRows {
    projects: Vec<rows::Row>,
    findings: Vec<rows::Row>,
    error: Option<(&'static str, String)>,
    project_count: usize,
    by_severity: [usize; 3],
}

fn file_rows(input: &Input, with_findings: bool) -> FileRows {
    // A defect in the core must not end a run over 10⁵ files: the file
    // becomes a row that says so.
    let checked = std::panic::catch_unwind(|| check(input)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(error::FileError::Internal(why))
    });
    match checked {
        Ok(tables) => {
            let mut rows = FileRows {
                projects: Vec::with_capacity(tables.len()),
                findings: Vec::new(),
                error: None,
                project_count: tables.len(),
                by_severity: [0; 3],
            };
            for (n, table) in tables.iter().enumerate() {
                rows.projects
                    .push(rows::project_row(&input.shown, n + 1, table));
                for f in &table.findings {
                    rows.by_severity[f.severity as usize] += 1;
                }
                if with_findings {
                    rows.findings
                        .extend(rows::finding_rows(&input.shown, n + 1, table));
                }
            }
            rows
        }
        Err(e) => FileRows {
            projects: vec![rows::error_row(&input.shown, &e)],
            findings: Vec::new(),
            error: Some((e.kind(), input.shown.clone())),
            project_count: 0,
            by_severity: [0; 3],
        },
    }
}

fn check_command(args: &[String]) -> Result<ExitCode, Usage> {
    let options = parse_check(args)?;
    let started = Instant::now();
    let walked = walk::walk(&options.paths);
    let mut output = match &options.out {
        Some(path) => Some(
            out::Output::open(path, options.findings)
                .map_err(|e| Usage(format!("无法写出结果：{e}")))?,
        ),
        None => None,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        .build()
        .map_err(|e| Usage(e.to_string()))?;
    let bar = match options.quiet {
        true => ProgressBar::hidden(),
        // Drawn only on a terminal: a pipe or a CI log gets the summary alone.
        false => ProgressBar::new(walked.files.len() as u64),
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} 个文件  {per_sec}  剩余 {eta}  {wide_msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );

    let mut files_read = 0usize;
    let mut projects = 0usize;
    let mut by_severity = [0usize; 3];
    let mut failed: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    let mut write_error = None;
    let mut write = |output: &mut Option<out::Output>, p: &[rows::Row], f: &[rows::Row]| {
        if let Some(out) = output
            && write_error.is_none()
            && let Err(e) = out.write(p, f)
        {
            write_error = Some(e);
        }
    };
    for (folder, problem) in &walked.problems {
        failed
            .entry(problem.kind())
            .or_default()
            .push(folder.clone());
        write(&mut output, &[rows::error_row(folder, problem)], &[]);
    }
    // Quiet panics: each is reported in its file's row instead.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for batch in walked.files.chunks(BATCH) {
        let results: Vec<FileRows> = pool.install(|| {
            batch
                .par_iter()
                .map(|input| {
                    let rows = file_rows(input, options.findings);
                    bar.inc(1);
                    rows
                })
                .collect()
        });
        for r in results {
            match r.error {
                Some((kind, file)) => failed.entry(kind).or_default().push(file),
                None => files_read += 1,
            }
            projects += r.project_count;
            for (sum, n) in by_severity.iter_mut().zip(r.by_severity) {
                *sum += n;
            }
            write(&mut output, &r.projects, &r.findings);
        }
    }
    std::panic::set_hook(default_hook);
    bar.finish_and_clear();
    let written = match output {
        Some(out) if write_error.is_none() => {
            let summary = (out.files.clone(), out.project_rows, out.finding_rows);
            out.finish()
                .map(|()| Some(summary))
                .map_err(|e| Usage(format!("无法写出结果：{e}")))?
        }
        Some(_) => {
            let e = write_error.map(|e| e.to_string()).unwrap_or_default();
            return Err(Usage(format!("无法写出结果：{e}")));
        }
        None => None,
    };

    let unread: usize = failed.values().map(Vec::len).sum::<usize>() - walked.problems.len();
    if !options.quiet {
        let seconds = started.elapsed().as_secs_f64();
        let total = walked.files.len();
        let mut e = std::io::stderr().lock();
        let _ = writeln!(
            e,
            "读取 {files_read}/{total} 个文件，项目 {projects} 个，用时 {seconds:.1} 秒（每秒 {:.0} 个文件）",
            total as f64 / seconds.max(1e-9)
        );
        if !failed.is_empty() {
            let _ = writeln!(e, "未能读取，按原因：");
            for (kind, files) in &failed {
                let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
                let more = if files.len() > 3 { " …" } else { "" };
                let _ = writeln!(e, "  {kind} {} 个：{}{more}", files.len(), shown.join("，"));
            }
        }
        let _ = writeln!(
            e,
            "体检：错误 {} 条，警告 {} 条，提示 {} 条",
            by_severity[0], by_severity[1], by_severity[2]
        );
        if walked.skipped > 0 {
            let _ = writeln!(e, "跳过 {} 个不是表格或交换文件的文件", walked.skipped);
        }
        if let Some((files, project_rows, finding_rows)) = &written {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            match names.as_slice() {
                [] => {}
                [one] if options.findings => {
                    let _ = writeln!(
                        e,
                        "写出 {one}：项目 {project_rows} 行，问题 {finding_rows} 行"
                    );
                }
                [one] => {
                    let _ = writeln!(e, "写出 {one}：{project_rows} 行");
                }
                [p, f, ..] => {
                    let _ = writeln!(e, "写出 {p}：{project_rows} 行；{f}：{finding_rows} 行");
                }
            }
        }
    }
    Ok(if unread > 0 || !walked.problems.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn score_command(args: &[String]) -> Result<ExitCode, Usage> {
    let mut file = None;
    let mut table = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--table" | "-t" => {
                let n = args.next().and_then(|n| n.parse::<usize>().ok());
                table = Some(
                    n.filter(|n| *n > 0)
                        .ok_or(Usage("--table 后面要写表格序号（从 1 起）".into()))?,
                );
            }
            flag if flag.starts_with('-') => return Err(Usage(format!("不认识的选项“{flag}”"))),
            path if file.is_none() => file = Some(PathBuf::from(path)),
            _ => return Err(Usage("jixiao score 一次只看一个文件".into())),
        }
    }
    let path = file.ok_or(Usage("请给出一个文件".into()))?;
    if !path.is_file() {
        return Err(Usage(format!("找不到文件“{}”", path.display())));
    }
    let walked = walk::walk(std::slice::from_ref(&path));
    let input = &walked.files[0];
    let tables = match check(input) {
        Ok(tables) => tables,
        Err(e) => {
            eprintln!("{}：{}", input.shown, e.message());
            return Ok(ExitCode::from(1));
        }
    };
    let chosen: Vec<(usize, &check::Checked)> = match table {
        Some(n) => match tables.get(n - 1) {
            Some(t) => vec![(n, t)],
            None => {
                return Err(Usage(format!(
                    "“{}”中只有 {} 个表格",
                    input.shown,
                    tables.len()
                )));
            }
        },
        None => tables.iter().enumerate().map(|(i, t)| (i + 1, t)).collect(),
    };
    let many = chosen.len() > 1;
    let mut stdout = std::io::stdout().lock();
    for (i, (n, t)) in chosen.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(stdout);
        }
        if many {
            let _ = writeln!(stdout, "—— 第 {n} 个表格 ——");
        }
        let _ = write!(stdout, "{}", score::arithmetic(&input.shown, t));
    }
    Ok(ExitCode::SUCCESS)
}
