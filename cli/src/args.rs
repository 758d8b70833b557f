//! The command line as given: arguments are taken as the system gives them
//! (`args_os`), so a file name that is not UTF-8 is a path like any other;
//! only options must be text. `--` ends the options.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use jixiao_core::formats::json::schema::{
    MAX_RULE_FILE_BYTES, load_review_rules_json, load_rule_set_json,
};

use crate::check::Rules;
use crate::out::Format;

/// Why the arguments cannot be run, in Chinese; the usage follows it.
pub struct Usage(pub String);

/// More threads than this only add memory: each holds a workbook.
const MAX_JOBS: usize = 256;

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub rules: Rules,
    /// The rule files given: not tables, so not read as inputs.
    pub rule_files: Vec<PathBuf>,
    pub out: Option<PathBuf>,
    pub findings: bool,
    pub jobs: Option<usize>,
    pub quiet: bool,
}

pub struct ScoreOptions {
    pub file: PathBuf,
    pub table: Option<usize>,
    pub rules: Rules,
}

/// The arguments one by one: an option as text, anything else as a path.
struct Args {
    rest: std::vec::IntoIter<OsString>,
    options_done: bool,
}

enum Arg {
    Flag(String),
    Path(PathBuf),
}

impl Args {
    fn new(args: Vec<OsString>) -> Self {
        Self {
            rest: args.into_iter(),
            options_done: false,
        }
    }

    fn next(&mut self) -> Option<Arg> {
        let arg = self.rest.next()?;
        if self.options_done {
            return Some(Arg::Path(PathBuf::from(arg)));
        }
        match arg.to_str() {
            Some("--") => {
                self.options_done = true;
                self.next()
            }
            Some(flag) if flag.starts_with('-') && flag != "-" => Some(Arg::Flag(flag.to_string())),
            _ => Some(Arg::Path(PathBuf::from(arg))),
        }
    }

    /// The value after an option (`--out 结果.csv`).
    fn value(&mut self, flag: &str, what: &str) -> Result<OsString, Usage> {
        self.rest
            .next()
            .ok_or_else(|| Usage(format!("{flag} 后面要写{what}")))
    }

    fn count(&mut self, flag: &str, what: &str) -> Result<usize, Usage> {
        let value = self.value(flag, what)?;
        value
            .to_str()
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n > 0)
            .ok_or_else(|| Usage(format!("{flag} 后面要写{what}")))
    }
}

pub fn check(args: Vec<OsString>) -> Result<CheckOptions, Usage> {
    let mut options = CheckOptions {
        paths: Vec::new(),
        rules: Rules::default(),
        rule_files: Vec::new(),
        out: None,
        findings: false,
        jobs: None,
        quiet: false,
    };
    let mut args = Args::new(args);
    while let Some(arg) = args.next() {
        let flag = match arg {
            Arg::Path(path) => {
                options.paths.push(path);
                continue;
            }
            Arg::Flag(flag) => flag,
        };
        match flag.as_str() {
            "--out" | "-o" => {
                let path = PathBuf::from(args.value(&flag, "文件名")?);
                if path != Path::new("-") {
                    Format::of(&path).map_err(Usage)?;
                }
                options.out = Some(path);
            }
            "--findings" => options.findings = true,
            "--rules" | "--review-rules" => {
                let path = PathBuf::from(args.value(&flag, " JSON 文件名")?);
                rule_file(&flag, &path, &mut options.rules)?;
                options.rule_files.push(path);
            }
            "--quiet" | "-q" => options.quiet = true,
            "--jobs" | "-j" => {
                let jobs = args.count(&flag, "正整数")?;
                if jobs > MAX_JOBS {
                    return Err(Usage(format!("--jobs 最多 {MAX_JOBS}")));
                }
                options.jobs = Some(jobs);
            }
            _ => return Err(Usage(format!("不认识的选项“{flag}”"))),
        }
    }
    if options.paths.is_empty() {
        return Err(Usage("请给出要检查的文件或文件夹".into()));
    }
    if let Some(missing) = options.paths.iter().find(|p| !p.exists()) {
        return Err(Usage(format!("找不到“{}”", missing.display())));
    }
    if options.findings && options.out.as_deref() == Some(Path::new("-")) {
        return Err(Usage(
            "--findings 需要 --out 文件名（标准输出只写项目表）".into(),
        ));
    }
    Ok(options)
}

pub fn score(args: Vec<OsString>) -> Result<ScoreOptions, Usage> {
    let mut file = None;
    let mut table = None;
    let mut rules = Rules::default();
    let mut args = Args::new(args);
    while let Some(arg) = args.next() {
        match arg {
            Arg::Path(path) if file.is_none() => file = Some(path),
            Arg::Path(_) => return Err(Usage("jixiao score 一次只看一个文件".into())),
            Arg::Flag(flag) => match flag.as_str() {
                "--table" | "-t" => table = Some(args.count(&flag, "表格序号（从 1 起）")?),
                "--rules" | "--review-rules" => {
                    let path = PathBuf::from(args.value(&flag, " JSON 文件名")?);
                    rule_file(&flag, &path, &mut rules)?;
                }
                _ => return Err(Usage(format!("不认识的选项“{flag}”"))),
            },
        }
    }
    let file = file.ok_or(Usage("请给出一个文件".into()))?;
    if file.is_dir() {
        return Err(Usage(format!(
            "“{}”是文件夹：jixiao score 一次看一个文件（文件夹请用 jixiao check）",
            file.display()
        )));
    }
    if !file.is_file() {
        return Err(Usage(format!("找不到文件“{}”", file.display())));
    }
    Ok(ScoreOptions { file, table, rules })
}

/// Reads the rule file an option names into `rules`, as the app's 评分规则
/// card reads it; a file it would refuse is a usage error.
fn rule_file(flag: &str, path: &Path, rules: &mut Rules) -> Result<(), Usage> {
    let shown = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| Usage(format!("{flag} {shown}：{e}")))?;
    if !metadata.is_file() || metadata.len() > MAX_RULE_FILE_BYTES as u64 {
        return Err(Usage(format!("{flag} {shown}：不是 1 MB 以内的规则文件")));
    }
    let bytes = std::fs::read(path).map_err(|e| Usage(format!("{flag} {shown}：{e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    match flag {
        "--rules" => {
            let set = load_rule_set_json(&text)
                .map_err(|e| Usage(format!("{flag} {shown}：{}", e.message())))?;
            rules.scoring = Some(set);
        }
        _ => {
            let review =
                load_review_rules_json(&text).map_err(|e| Usage(format!("{flag} {shown}：{e}")))?;
            rules.review = Some(review);
        }
    }
    Ok(())
}
