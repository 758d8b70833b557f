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

mod args;
mod check;
mod error;
mod out;
mod rows;
mod run;
mod score;
mod walk;

use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;

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

以 - 开头的文件名写在 -- 之后。

退出码：0 全部文件已读取；1 有文件未能读取（每个都在结果中占一行并写明原因）；2 用法错误或无法写出结果。";

/// Why a command did not run to the end: the arguments (the usage is
/// shown), or the output could not be written. Both exit with 2.
enum Failure {
    Usage(String),
    Output(String),
}

impl From<args::Usage> for Failure {
    fn from(args::Usage(why): args::Usage) -> Self {
        Failure::Usage(why)
    }
}

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = match args.first() {
        Some(first) => first.to_string_lossy().into_owned(),
        None => String::new(),
    };
    let rest = if args.is_empty() {
        Vec::new()
    } else {
        args.split_off(1)
    };
    let outcome = match command.as_str() {
        "check" => args::check(rest)
            .map_err(Failure::from)
            .and_then(run::check_command),
        "score" => args::score(rest)
            .map_err(Failure::from)
            .and_then(score_command),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "-V" | "--version" => {
            println!("jixiao {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        "" => Err(Failure::Usage("缺少命令".to_string())),
        other => Err(Failure::Usage(format!("不认识的命令“{other}”"))),
    };
    outcome.unwrap_or_else(|failure| {
        match failure {
            Failure::Usage(why) => eprintln!("jixiao：{why}\n\n{USAGE}"),
            Failure::Output(why) => eprintln!("jixiao：无法写出结果：{why}"),
        }
        ExitCode::from(2)
    })
}

fn score_command(options: args::ScoreOptions) -> Result<ExitCode, Failure> {
    let walked = walk::walk(std::slice::from_ref(&options.file));
    let Some(input) = walked.files.first() else {
        let why = walked
            .problems
            .first()
            .map(|(_, e)| e.message())
            .unwrap_or_default();
        eprintln!("{}：{why}", options.file.display());
        return Ok(ExitCode::from(1));
    };
    let tables = match check::check(input, &options.rules) {
        Ok(tables) => tables,
        Err(e) => {
            eprintln!("{}：{}", input.shown, e.message());
            return Ok(ExitCode::from(1));
        }
    };
    let chosen: Vec<(usize, &check::Checked)> = match options.table {
        Some(n) => match tables.get(n - 1) {
            Some(t) => vec![(n, t)],
            None => {
                return Err(Failure::Usage(format!(
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
