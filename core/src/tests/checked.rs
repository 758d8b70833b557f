//! One expectation for every reader of the fixtures:
//! `tests/fixtures/checked.json` holds, for each fixture file, the projects
//! the app's import makes of it (its 总分, 等级, 表中总分 and findings), or
//! the kind of error that refuses it. This test reads the files as the app
//! does (`read_workbook` → `import_workbook` → `into_project`, or the
//! exchange `import`); `cli/tests/check.rs` runs `jixiao check` over the
//! same folder against the same file, so the two cannot drift apart.
//!
//! `JIXIAO_BLESS=1 cargo test -p jixiao-core checked` writes the file anew
//! from what the app reads; review its diff like code.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::checkup;
use crate::formats::json::exchange;
use crate::formats::xlsx::import::import_workbook;
use crate::formats::xlsx::read::read_workbook;
use crate::monitor;
use crate::project::Project;
use crate::score::evaluate;

fn fixtures() -> PathBuf {
    super::repository().join("tests/fixtures")
}

/// Every workbook and exchange file under the fixtures, by relative path.
fn fixture_files(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        // As `jixiao check` walks a folder (cli/src/walk.rs): hidden files
        // and Office's ~$ lock files are not tables.
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        if path.is_dir() {
            fixture_files(&path, out);
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let table = ["xlsx", "xlsm", "xls", "et", "wps", "json"].contains(&ext.as_str());
        if table && !path.ends_with("checked.json") {
            let relative = path.strip_prefix(fixtures()).unwrap();
            out.push(relative.display().to_string());
        }
    }
}

/// A project as the expectation records it.
fn expected_project(p: &Project) -> Value {
    let evaluation = evaluate(p);
    let mut findings: Vec<String> = checkup::run(p, &evaluation)
        .iter()
        .map(|f| format!("{} {}", f.rule.spec().id, f.path))
        .collect();
    findings.sort();
    json!({
        "name": p.name.trim(),
        "stage": monitor::stage(p).label(),
        "total": evaluation.total,
        "grade": evaluation.grade_label(),
        "stated_total": p.stated.total.trim(),
        "findings": findings,
    })
}

/// What the app's import makes of one file.
fn read_as_the_app_does(relative: &str) -> Value {
    let path = fixtures().join(relative);
    let bytes = std::fs::read(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if relative.to_ascii_lowercase().ends_with(".json") {
        // As the browser reads a chosen file's text.
        let text = String::from_utf8_lossy(&bytes);
        return match exchange::import(&text) {
            Ok(projects) => json!({
                "file": relative,
                "projects": projects.iter().map(expected_project).collect::<Vec<_>>(),
            }),
            Err(_) => json!({ "file": relative, "error": "not_exchange_file" }),
        };
    }
    match read_workbook(&bytes) {
        Err(e) => json!({ "file": relative, "error": e.kind() }),
        Ok(book) => {
            let imported = import_workbook(&book);
            if imported.found.is_empty() {
                return json!({ "file": relative, "error": "no_table" });
            }
            let projects: Vec<Value> = imported
                .found
                .into_iter()
                .map(|found| {
                    let id = found.project.id.clone();
                    expected_project(&found.into_project(&name, id, 0.0))
                })
                .collect();
            json!({ "file": relative, "projects": projects })
        }
    }
}

#[test]
fn the_fixtures_read_as_checked_json_says() {
    let mut files = Vec::new();
    fixture_files(&fixtures(), &mut files);
    let found: Vec<Value> = files.iter().map(|f| read_as_the_app_does(f)).collect();
    let path = fixtures().join("checked.json");
    if std::env::var_os("JIXIAO_BLESS").is_some() {
        let file = json!({
            "about": "What the app's import and `jixiao check` make of every fixture file: per project its stage, 总分, 等级, 表中总分 as written and its findings (rule id and path), or the kind of error that refuses the file. Checked by core/src/tests/checked.rs and cli/tests/check.rs; rewritten by `JIXIAO_BLESS=1 cargo test -p jixiao-core checked`.",
            "files": found,
        });
        let text = serde_json::to_string_pretty(&file).unwrap() + "\n";
        std::fs::write(&path, text).unwrap();
        return;
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let want: Value = serde_json::from_str(&text).unwrap();
    let want = want["files"].as_array().unwrap();
    let names = |files: &[Value]| -> Vec<String> {
        files
            .iter()
            .map(|f| f["file"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&found),
        names(want),
        "a fixture was added or removed: bless"
    );
    for (ours, theirs) in found.iter().zip(want) {
        assert_eq!(ours, theirs, "{}", theirs["file"]);
    }
    // The expectation is not empty: it names projects, findings and errors.
    let projects: usize = want
        .iter()
        .filter_map(|f| f["projects"].as_array())
        .map(Vec::len)
        .sum();
    assert!(projects >= 15, "{projects}");
    assert!(want.iter().filter(|f| f.get("error").is_some()).count() >= 8);
}
