//! Build, ship and test automation for jixiao, run as `cargo xtask <command>`.

mod arch;
mod bench;
mod browsers;
mod css_floor;
mod dist;
mod floor;
mod minify;
mod serve;
mod setup;
mod single_file;
mod tables;
mod util;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup   install what is missing (wasm target, trunk, wasm-bindgen-cli,
          binaryen 132 and playwright-core from npm, Debian chromium,
          the Python readers of .xlsx/.docx in .venv)
  serve   release build, then serve dist/ on http://127.0.0.1:8080
  dist    release build: dist/ for a web folder and dist/jixiao.html for a file share
  test    native tests, architecture rules, clippy, fmt, dist and the browser tests
  bench   timings in headless Chromium and of the native engine, sizes,
          and jixiao check over 2,000 generated workbooks; writes bench/results.md
  bench-cli  only the command-line checker's rows";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("serve") => setup::run()
            .and_then(|()| dist::run())
            .and_then(|()| serve::run()),
        Some("dist") => setup::run().and_then(|()| dist::run()),
        Some("test") => test(),
        Some("bench") => setup::run().and_then(|()| bench::run()),
        Some("bench-cli") => bench::checker_only(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn test() -> Result<(), String> {
    setup::run()?;
    util::step("native tests (cargo test)");
    util::cargo(&["test", "--workspace"])?;
    arch::run()?;
    tables::check()?;
    css_floor::check()?;
    util::step("clippy, native and wasm32 (-D warnings)");
    util::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    util::cargo(&[
        "clippy",
        "--package",
        "jixiao",
        "--package",
        "jixiao-core",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ])?;
    util::step("format check (cargo fmt --check)");
    util::cargo(&["fmt", "--all", "--", "--check"])?;
    dist::run()?;
    util::step("browser tests (node --test, headless Debian chromium)");
    let root = util::project_root();
    let mut node = std::process::Command::new("node");
    node.current_dir(&root)
        .arg("--test")
        .arg("--test-concurrency=1")
        .arg("tests/browser/")
        .env("JIXIAO_DIST", root.join("dist"));
    util::run(&mut node)?;
    util::step(
        "browser matrix (node --test tests/matrix/: old Chromium, Debian Chromium, Firefox ESR)",
    );
    let mut matrix = std::process::Command::new("node");
    matrix
        .current_dir(&root)
        .args(["--test", "--test-concurrency=1", "tests/matrix/"])
        .env("JIXIAO_DIST", root.join("dist"))
        .env("JIXIAO_BROWSERS", browsers::cache_dir());
    util::run(&mut matrix)
}
