//! Other software reading what the app writes: `tests/tools/read_ooxml.py`
//! in the project's `.venv` (openxml-audit, openpyxl, python-docx; made by
//! `cargo xtask setup`). Files go to a temporary folder; one JSON report per
//! file comes back.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    super::repository()
}

fn python() -> PathBuf {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run `cargo xtask setup` (it installs openpyxl, python-docx and openxml-audit there)",
        python.display()
    );
    python
}

/// Writes each `(file name, bytes)` and reads it back with the Python tools.
pub fn read_back(files: &[(String, Vec<u8>)]) -> Vec<Value> {
    run_reader(files, false)
}

/// As [`read_back`], and each file rendered to PDF by LibreOffice headless:
/// `"pdf": {"pages": [{"width", "height", "words": [{x, y, x2, y2, text}]}]}`
/// in points. With `JIXIAO_KEEP_PDF` set the files and PDFs stay in the
/// temporary folder, to be looked at.
pub fn read_back_rendered(files: &[(String, Vec<u8>)]) -> Vec<Value> {
    run_reader(files, true)
}

fn run_reader(files: &[(String, Vec<u8>)], pdf: bool) -> Vec<Value> {
    // One folder per call: tests run in parallel and two of them may write
    // files of the same name (目标表.xlsx), and each removes its folder.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "jixiao-consumers-{}-{call}-{}",
        std::process::id(),
        files.first().map_or("none", |(name, _)| name.as_str())
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let paths: Vec<PathBuf> = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    let output = Command::new(python())
        .arg(root().join("tests/tools/read_ooxml.py"))
        .args(pdf.then_some("--pdf"))
        .args(&paths)
        .output()
        .expect("the Python tools run");
    if std::env::var_os("JIXIAO_KEEP_PDF").is_some() {
        eprintln!("files kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "read_ooxml.py failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let reports: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON report per line"))
        .collect();
    assert_eq!(reports.len(), files.len());
    reports
}

/// A rendered page's size in points and whether it is A4 landscape; panics
/// unless it is A4 one way or the other.
pub fn a4_page(page: &Value) -> (f64, f64, bool) {
    let mm = 72.0 / 25.4;
    let (w, h) = (
        page["width"].as_f64().unwrap(),
        page["height"].as_f64().unwrap(),
    );
    let landscape = w > h;
    let (pw, ph) = if landscape {
        (297.0, 210.0)
    } else {
        (210.0, 297.0)
    };
    assert!(
        (w - pw * mm).abs() < 1.0 && (h - ph * mm).abs() < 1.0,
        "{w}×{h} is not A4"
    );
    (w, h, landscape)
}
