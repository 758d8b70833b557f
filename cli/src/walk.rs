//! The files a `jixiao check` reads, from the paths it was given: a file as
//! named, a folder's workbooks and exchange files at any depth, in name
//! order so two runs over the same folder give the same rows.
//!
//! A folder tree is hostile input too: symbolic links to folders are not
//! followed (a link to a parent would never end) and a tree deeper than
//! [`MAX_DEPTH`] is read down to that depth, with a row saying so.

use std::path::{Path, PathBuf};

use crate::error::FileError;

/// Folders nested deeper than this are not entered.
pub const MAX_DEPTH: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// .xlsx, and the old formats the reader names when it refuses them
    /// (.xls, .et, .wps), so a folder's old tables are reported, not skipped.
    Workbook,
    /// A jixiao exchange file (.json).
    Exchange,
}

impl Kind {
    /// The largest file of the kind that is read, as in the app.
    pub fn limit(self) -> usize {
        match self {
            Kind::Workbook => jixiao_core::formats::xlsx::read::MAX_FILE_BYTES,
            Kind::Exchange => jixiao_core::formats::json::exchange::MAX_IMPORT_BYTES,
        }
    }

    /// The kind a file name says, `None` for files a folder walk leaves out.
    fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "et" | "wps" => Some(Kind::Workbook),
            "json" => Some(Kind::Exchange),
            _ => None,
        }
    }
}

/// One file to read.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    /// As the output names it: the path as reached from the argument.
    pub shown: String,
    pub kind: Kind,
    /// Where the path leads ([`identity`]): one file however it is named.
    pub id: PathBuf,
}

impl Input {
    fn new(path: PathBuf, kind: Kind) -> Self {
        Self {
            shown: path.display().to_string(),
            id: identity(&path),
            path,
            kind,
        }
    }
}

#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<Input>,
    /// Folders that could not be listed or were too deep: a row each.
    pub problems: Vec<(String, FileError)>,
    /// Files in folders that are neither workbooks nor exchange files.
    pub skipped: usize,
}

/// Whether a name is one a walk leaves out: hidden files and folders, and
/// the `~$` lock files Office leaves beside an open workbook.
fn is_hidden(name: &str) -> bool {
    name.starts_with('.') || name.starts_with("~$")
}

/// Where a path leads, for telling two spellings of one file apart
/// (`a/x.xlsx`, `./a/x.xlsx`, a link to it).
pub fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The files under `paths`. A path that does not exist is the caller's
/// usage error, checked before. A file reached twice (named twice, or
/// inside a folder also given) is read once; so is a folder's problem.
pub fn walk(paths: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    for path in paths {
        if path.is_dir() {
            folder(path, 0, &mut walked);
        } else if path.is_file() {
            // A file named on the command line is read whatever its name
            // says: the reader knows a workbook by its first bytes.
            let kind = Kind::of(path).unwrap_or(Kind::Workbook);
            walked.files.push(Input::new(path.clone(), kind));
        } else {
            walked
                .problems
                .push((path.display().to_string(), FileError::NotAFile));
        }
    }
    let mut seen = std::collections::HashSet::new();
    walked.files.retain(|f| seen.insert(f.id.clone()));
    let mut seen = std::collections::HashSet::new();
    walked
        .problems
        .retain(|(shown, _)| seen.insert(identity(Path::new(shown))));
    walked
}

fn folder(dir: &Path, depth: usize, walked: &mut Walked) {
    if depth > MAX_DEPTH {
        walked.problems.push((
            dir.display().to_string(),
            FileError::Io(format!(
                "文件夹嵌套超过 {MAX_DEPTH} 层，没有继续读取其中的文件"
            )),
        ));
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walked
                .problems
                .push((dir.display().to_string(), FileError::from(e)));
            return;
        }
    };
    let mut entries: Vec<(String, PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let kind = e.file_type().ok()?;
            Some((name, e.path(), kind))
        })
        .filter(|(name, _, _)| !is_hidden(name))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, path, file_type) in entries {
        if file_type.is_dir() {
            folder(&path, depth + 1, walked);
            continue;
        }
        // A link is followed to a file, never to a folder (a link to a
        // parent would never end); pipes and devices are not read at all.
        let regular = file_type.is_file() || (file_type.is_symlink() && path.is_file());
        match Kind::of(&path).filter(|_| regular) {
            Some(kind) => walked.files.push(Input::new(path, kind)),
            None => walked.skipped += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_gives_its_tables_in_name_order_and_skips_the_rest() {
        let root = std::env::temp_dir().join(format!("jixiao-walk-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in [
            "b/2.xlsx",
            "b/1.JSON",
            "a.xls",
            "notes.txt",
            ".hidden/x.xlsx",
            "~$open.xlsx",
        ] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(&root, root.join("b/loop")).unwrap();
        let walked = walk(std::slice::from_ref(&root));
        let names: Vec<String> = walked
            .files
            .iter()
            .map(|f| f.path.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.xls", "b/1.JSON", "b/2.xlsx"]);
        assert_eq!(walked.files[1].kind, Kind::Exchange);
        assert!(walked.problems.is_empty());
        // notes.txt, and the link back to the root (not followed).
        assert_eq!(walked.skipped, if cfg!(unix) { 2 } else { 1 });
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_tree_too_deep_is_read_to_its_limit_and_reported() {
        let root = std::env::temp_dir().join(format!("jixiao-deep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mut dir = root.clone();
        for _ in 0..MAX_DEPTH + 3 {
            dir.push("d");
        }
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("deep.xlsx"), b"x").unwrap();
        std::fs::write(root.join("top.xlsx"), b"x").unwrap();
        let walked = walk(std::slice::from_ref(&root));
        assert_eq!(walked.files.len(), 1);
        assert_eq!(walked.problems.len(), 1);
        assert!(walked.problems[0].1.message().contains("嵌套超过"));
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn pipes_are_not_read_and_two_spellings_of_a_file_are_one() {
        let root = std::env::temp_dir().join(format!("jixiao-pipe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("a.xlsx"), b"x").unwrap();
        let pipe = root.join("pipe.xlsx");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let dotted = root.join(".").join("a.xlsx");
        let walked = walk(&[root.clone(), dotted, pipe.clone()]);
        let names: Vec<&Path> = walked.files.iter().map(|f| f.path.as_path()).collect();
        assert_eq!(names, [root.join("a.xlsx")]);
        // In a folder the pipe is skipped; named, it is a row saying why.
        assert_eq!(walked.skipped, 1);
        assert_eq!(walked.problems.len(), 1);
        assert!(walked.problems[0].1.message().contains("不是普通文件"));
        std::fs::remove_dir_all(&root).unwrap();
    }
}
