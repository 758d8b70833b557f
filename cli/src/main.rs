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
      --rules 文件          按该评分规则（网页“导出评分规则”的 JSON）计分，代替各项目自带的规则
      --review-rules 文件   按该审核口径（网页“导出审核口径”的 JSON）审核绩效目标
      --jobs N              同时读取的文件数（默认为处理器核数）
      --quiet               不显示进度和汇总
  jixiao score 文件 [--table N] [--rules 文件]   显示一个项目的计算过程（与网页中的得分说明相同）
  jixiao --help | --version

退出码：0 全部文件已读取；1 有文件未能读取（每个都在结果中占一行并写明原因）；2 用法错误或无法写出结果。";

/// Files checked between two writes: the work of one batch runs in
/// parallel, its rows are written in file order, then the next batch.
const BATCH: usize = 256;

/// Why a command did not run to the end: the arguments (the usage is
/// shown), or the output could not be written. Both exit with 2.
enum Failure {
    Usage(String),
    Output(String),
}

use Failure::Usage;

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
    outcome.unwrap_or_else(|failure| {
        match failure {
            Failure::Usage(why) => eprintln!("jixiao：{why}\n\n{USAGE}"),
            Failure::Output(why) => eprintln!("jixiao：无法写出结果：{why}"),
        }
        ExitCode::from(2)
    })
}

struct CheckOptions {
    paths: Vec<PathBuf>,
    rules: check::Rules,
    out: Option<PathBuf>,
    findings: bool,
    jobs: Option<usize>,
    quiet: bool,
}

fn parse_check(args: &[String]) -> Result<CheckOptions, Failure> {
    let mut options = CheckOptions {
        paths: Vec::new(),
        rules: check::Rules::default(),
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
            "--rules" | "--review-rules" => rule_option(arg, args.next(), &mut options.rules)?,
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

/// Reads the rule file an option names into `rules`, as the app's 评分规则
/// card reads it; a file it would refuse is a usage error.
fn rule_option(flag: &str, path: Option<&String>, rules: &mut check::Rules) -> Result<(), Failure> {
    use jixiao_core::formats::json::schema::{load_review_rules_json, load_rule_set_json};
    let path = path.ok_or_else(|| Usage(format!("{flag} 后面要写 JSON 文件名")))?;
    let metadata = std::fs::metadata(path).map_err(|e| Usage(format!("{flag} {path}：{e}")))?;
    if metadata.len() > MAX_RULE_FILE_BYTES {
        return Err(Usage(format!("{flag} {path}：超过 1 MB，不是规则文件")));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Usage(format!("{flag} {path}：{e}")))?;
    match flag {
        "--rules" => {
            let set = load_rule_set_json(&text)
                .map_err(|e| Usage(format!("{flag} {path}：{}", e.message())))?;
            rules.scoring = Some(set);
        }
        _ => {
            let review =
                load_review_rules_json(&text).map_err(|e| Usage(format!("{flag} {path}：{e}")))?;
            rules.review = Some(review);
        }
    }
    Ok(())
}

/// Rule files larger than this are refused, as in the app.
const MAX_RULE_FILE_BYTES: u64 = 1024 * 1024;

fn file_rows(input: &Input, rules: &check::Rules, with_findings: bool) -> FileRows {
    // A defect in the core must not end a run over 10⁵ files: the file
    // becomes a row that says so.
    let checked = std::panic::catch_unwind(|| check(input, rules)).unwrap_or_else(|panic| {
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

fn check_command(args: &[String]) -> Result<ExitCode, Failure> {
    let options = parse_check(args)?;
    let started = Instant::now();
    let mut walked = walk::walk(&options.paths);
    // A run writing into the folder it reads must not read its last result.
    if let Some(out) = &options.out {
        let same = |a: &std::path::Path, b: &std::path::Path| {
            a.canonicalize()
                .ok()
                .is_some_and(|a| b.canonicalize().is_ok_and(|b| a == b))
        };
        let written = [out.clone(), out::findings_path(out)];
        walked
            .files
            .retain(|f| !written.iter().any(|w| same(&f.path, w)));
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
        .map_err(|e| Usage(e.to_string()))?;
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
        if sink.error.is_some() {
            // The output failed (a full disk, a workbook past Excel's rows):
            // reading on would only delay the message.
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
    files_read: usize,
    projects: usize,
    /// 错误, 警告, 提示.
    by_severity: [usize; 3],
    /// The files (or folders) not read, by error kind.
    failed: BTreeMap<&'static str, Vec<String>>,
}

impl Tally {
    fn not_read(&mut self, kind: &'static str, file: &str) {
        self.failed.entry(kind).or_default().push(file.to_string());
    }

    fn add(&mut self, r: &FileRows) {
        match &r.error {
            Some((kind, file)) => self.not_read(kind, file),
            None => self.files_read += 1,
        }
        self.projects += r.project_count;
        for (sum, n) in self.by_severity.iter_mut().zip(r.by_severity) {
            *sum += n;
        }
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
            files as f64 / seconds.max(1e-9)
        )?;
        if !self.failed.is_empty() {
            writeln!(e, "未能读取，按原因：")?;
            for (kind, files) in &self.failed {
                let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
                let more = if files.len() > 3 { " …" } else { "" };
                writeln!(e, "  {kind} {} 个：{}{more}", files.len(), shown.join("，"))?;
            }
        }
        let [errors, warnings, hints] = self.by_severity;
        writeln!(
            e,
            "体检：错误 {errors} 条，警告 {warnings} 条，提示 {hints} 条"
        )
    }
}

/// The output, and the first error writing it: after one, nothing more is
/// written and the run ends with it.
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
            self.error = Some(e);
        }
    }

    /// What was written, once it is complete on disk.
    fn finish(self) -> std::io::Result<Option<Written>> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let Some(out) = self.output else {
            return Ok(None);
        };
        let written = Written {
            files: out.files.clone(),
            project_rows: out.project_rows,
            finding_rows: out.finding_rows,
        };
        out.finish()?;
        Ok(Some(written))
    }
}

struct Written {
    files: Vec<PathBuf>,
    project_rows: usize,
    finding_rows: usize,
}

impl Written {
    fn print(&self, e: &mut impl std::io::Write) -> std::io::Result<()> {
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

fn score_command(args: &[String]) -> Result<ExitCode, Failure> {
    let mut file = None;
    let mut table = None;
    let mut rules = check::Rules::default();
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
            "--rules" | "--review-rules" => rule_option(arg, args.next(), &mut rules)?,
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
    let tables = match check(input, &rules) {
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
