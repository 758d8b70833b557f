//! The command-line checker's row of `cargo xtask bench`: `jixiao check`
//! (built with the `cli` profile, as the README says to build it) over
//! [`FILES`] generated workbooks of [`INDICATORS`] indicators each, writing
//! Parquet with the findings, as a finance department would run it. Wall
//! time per run and the peak resident memory that `/usr/bin/time` reports.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use jixiao_core::formats::xlsx::import::import_workbook;
use jixiao_core::formats::xlsx::read::read_workbook;
use jixiao_core::formats::xlsx::self_evaluation_xlsx;
use jixiao_core::sample::generated_project;
use jixiao_core::score::evaluate;

use crate::util::{self, project_root, step};

pub const FILES: usize = 2_000;
pub const INDICATORS: usize = 40;
/// Files per second on the bench machine (2 cores).
pub const TARGET: f64 = 100.0;
const RUNS: usize = 3;

/// The generated workbooks, made once and kept in target/ (their bytes
/// depend only on the core that writes them, so a stale set is remade).
fn workbooks(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/bench-workbooks");
    let stamp = dir.join(format!("made-by-{}", jixiao_core::overview::SCORING_BUILD));
    if stamp.exists() {
        return Ok(dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    for n in 0..FILES {
        let project = generated_project(INDICATORS, n);
        let bytes = self_evaluation_xlsx(&project, &evaluate(&project));
        if n == 0 {
            // The bench measures whole tables: each file must read back as
            // the one project of INDICATORS indicators it was written from.
            let book = read_workbook(&bytes).map_err(|e| e.message())?;
            let found = import_workbook(&book).found;
            let read: Vec<usize> = found
                .iter()
                .map(|f| f.project.indicators_in_order().count())
                .collect();
            if read != [INDICATORS] {
                return Err(format!(
                    "a generated workbook reads back as {read:?} indicators"
                ));
            }
        }
        let path = dir.join(format!("{:02}/{n:05}.xlsx", n % 40));
        std::fs::create_dir_all(path.parent().unwrap()).map_err(|e| e.to_string())?;
        std::fs::write(path, bytes).map_err(|e| e.to_string())?;
    }
    std::fs::write(&stamp, "").map_err(|e| e.to_string())?;
    Ok(dir)
}

/// One run: seconds and peak memory in KB (`None` without /usr/bin/time).
fn run(binary: &Path, dir: &Path, out: &Path) -> Result<(f64, Option<u64>), String> {
    let timed = Path::new("/usr/bin/time").exists();
    let mut command = match timed {
        true => {
            let mut c = Command::new("/usr/bin/time");
            c.args(["-f", "peak-kb %M"]).arg(binary);
            c
        }
        false => Command::new(binary),
    };
    command
        .arg("check")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(["--findings", "--quiet"]);
    let started = Instant::now();
    let output = command.output().map_err(|e| format!("jixiao: {e}"))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        return Err(format!("jixiao check failed ({}): {stderr}", output.status));
    }
    let peak = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("peak-kb ")?.trim().parse().ok());
    Ok((seconds, peak))
}

/// The checker's rows for the results table, and its target if missed.
pub fn rows() -> Result<(String, Vec<String>), String> {
    step("command-line checker (jixiao check over generated workbooks)");
    let root = project_root();
    util::cargo(&["build", "--profile", "cli", "--package", "jixiao-cli"])?;
    // Where cargo put it: CARGO_TARGET_DIR when set (worktrees share one).
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"));
    let binary = target.join("cli/jixiao");
    let dir = workbooks(&root)?;
    let out_dir = root.join("target/bench-check");
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let out = out_dir.join("projects.parquet");
    let mut times = Vec::new();
    let mut peaks = Vec::new();
    for _ in 0..RUNS {
        let (seconds, peak) = run(&binary, &dir, &out)?;
        times.push(seconds);
        peaks.extend(peak);
    }
    times.sort_by(f64::total_cmp);
    let median = times[RUNS / 2];
    let rate = FILES as f64 / median;
    let slowest = FILES as f64 / times[RUNS - 1];
    let met = rate >= TARGET;
    let peak = peaks.iter().max().map_or("—".to_string(), |kb| {
        format!("{:.0} MB", *kb as f64 / 1024.0)
    });
    let mut rows = format!(
        "| command line: `jixiao check`, {FILES} workbooks × {INDICATORS} indicators → Parquet with findings | {rate:.0} files/s ({median:.2} s) | {slowest:.0} files/s (slowest) | {RUNS} | ≥ {TARGET:.0} files/s median | {} |\n",
        if met { "met" } else { "**missed**" }
    );
    rows.push_str(&format!(
        "| command line: peak memory of that run (max RSS, /usr/bin/time) | {peak} | | {RUNS} | | |\n"
    ));
    println!("  {rate:.0} files/s median over {RUNS} runs, peak memory {peak}");
    let missed = match met {
        true => Vec::new(),
        false => vec![format!("jixiao check {rate:.0} files/s < {TARGET:.0}")],
    };
    Ok((rows, missed))
}
