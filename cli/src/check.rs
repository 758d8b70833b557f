//! One file → its projects, each scored and checked exactly as the app's
//! import does it (`read_workbook` → `import_workbook` → `into_project`, or
//! the exchange file's `import`), then `evaluate` and the 体检
//! (`checkup::run`, the target review included for a declaration).

use jixiao_core::checkup;
use jixiao_core::finding::Finding;
use jixiao_core::formats::json::exchange;
use jixiao_core::formats::xlsx::import::import_workbook;
use jixiao_core::formats::xlsx::read::read_workbook;
use jixiao_core::project::Project;
use jixiao_core::review_rules::ReviewRules;
use jixiao_core::rules::RuleSet;
use jixiao_core::score::{Evaluation, evaluate};

use crate::error::FileError;
use crate::walk::{Input, Kind};

/// One table of a file, or one project of an exchange file.
pub struct Checked {
    /// Where in the file: the sheet and cell range of a table; blank for
    /// an exchange file.
    pub sheet: String,
    pub range: String,
    pub project: Project,
    pub evaluation: Evaluation,
    pub findings: Vec<Finding>,
}

/// The rules every project is scored and reviewed by, when a region gives
/// its own (`--rules`, `--review-rules`); otherwise each project's own: a
/// table's are the national defaults, an exchange file's the unit's.
#[derive(Clone, Debug, Default)]
pub struct Rules {
    pub scoring: Option<RuleSet>,
    pub review: Option<ReviewRules>,
}

impl Rules {
    /// As the app's 评分规则 card applies a file: the scoring rules (with
    /// their 审核口径 if the file has one), then a 审核口径 file.
    fn apply(&self, project: &mut Project) {
        if let Some(rules) = &self.scoring {
            project.choose_rules(rules.clone());
        }
        if let Some(review) = &self.review {
            project.set_review_rules(review.clone());
        }
    }
}

impl Checked {
    fn new(sheet: String, range: String, mut project: Project, rules: &Rules) -> Self {
        rules.apply(&mut project);
        let evaluation = evaluate(&project);
        let findings = checkup::run(&project, &evaluation);
        Self {
            sheet,
            range,
            project,
            evaluation,
            findings,
        }
    }
}

/// Every project of `input`, or why there is none.
pub fn check(input: &Input, rules: &Rules) -> Result<Vec<Checked>, FileError> {
    let data = read_bounded(&input.path, input.kind.limit())?;
    match input.kind {
        Kind::Workbook => workbook(input, &data, rules),
        Kind::Exchange => exchange_file(&data, rules),
    }
}

/// The file's bytes, never more than `limit`: the size is checked on the
/// open file, and the read stops one byte past the limit whatever the size
/// said (a file that grows, or a device that reports 0).
pub fn read_bounded(path: &std::path::Path, limit: usize) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(FileError::NotAFile);
    }
    if metadata.len() > limit as u64 {
        return Err(FileError::TooBig {
            bytes: metadata.len(),
            limit,
        });
    }
    let mut data = Vec::with_capacity(metadata.len() as usize);
    file.take(limit as u64 + 1).read_to_end(&mut data)?;
    if data.len() > limit {
        return Err(FileError::TooBig {
            bytes: data.len() as u64,
            limit,
        });
    }
    Ok(data)
}

fn workbook(input: &Input, data: &[u8], rules: &Rules) -> Result<Vec<Checked>, FileError> {
    let imported = import_workbook(&read_workbook(data)?);
    if imported.found.is_empty() {
        let why = match imported.notes.is_empty() {
            true => "工作簿中没有找到绩效指标表。".to_string(),
            false => imported.notes.join(""),
        };
        return Err(FileError::NoTable(why));
    }
    // The app names the file, not its folder, in 表中得分's source.
    let name = input
        .path
        .file_name()
        .map_or_else(|| input.shown.clone(), |n| n.to_string_lossy().into_owned());
    Ok(imported
        .found
        .into_iter()
        .map(|found| {
            let (sheet, range) = (found.sheet.clone(), found.range.clone());
            let id = found.project.id.clone();
            Checked::new(sheet, range, found.into_project(&name, id, 0.0), rules)
        })
        .collect())
}

fn exchange_file(data: &[u8], rules: &Rules) -> Result<Vec<Checked>, FileError> {
    // As the browser reads a chosen file's text: bytes that are not UTF-8
    // become U+FFFD, and the import says what it cannot read.
    let text = String::from_utf8_lossy(data);
    let projects = exchange::import(&text)?;
    Ok(projects
        .into_iter()
        .map(|p| Checked::new(String::new(), String::new(), p, rules))
        .collect())
}
