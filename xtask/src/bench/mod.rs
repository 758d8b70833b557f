//! `cargo xtask bench`: one run that measures startup, editing, overview,
//! report and sizes in headless Chromium, plus the native engine (criterion),
//! printed as one table and written to bench/results.md.

use std::process::Command;

use crate::util::{self, project_root, step, version_of};

mod checker;

/// Only the command-line checker's rows: `cargo xtask bench-cli`.
pub fn checker_only() -> Result<(), String> {
    let (rows, missed) = checker::rows()?;
    println!("\n| measure | median | p95 | runs | target | |\n|---|---|---|---|---|---|\n{rows}");
    match missed.is_empty() {
        true => Ok(()),
        false => Err(format!("targets missed: {}", missed.join(", "))),
    }
}

pub fn run() -> Result<(), String> {
    crate::dist::run()?;
    let root = project_root();

    step("native engine (cargo bench --bench engine)");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .current_dir(&root)
        .args([
            "bench",
            "--package",
            "jixiao-core",
            "--bench",
            "engine",
            "--",
            "--warm-up-time",
            "1",
            "--measurement-time",
            "3",
        ])
        .env("PATH", util::tool_path())
        .output()
        .map_err(|err| format!("cargo bench: {err}"))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "cargo bench failed:\n{text}{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let native = criterion_medians(&text);

    step("browser timings (headless Debian chromium, file://)");
    let output = Command::new("node")
        .current_dir(&root)
        .arg("tests/browser/tools/bench.mjs")
        .env("JIXIAO_DIST", root.join("dist"))
        .env("PATH", util::tool_path())
        .output()
        .map_err(|err| format!("node: {err}"))?;
    if !output.status.success() {
        return Err(format!(
            "browser bench failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = stdout.lines().last().unwrap_or_default();

    let machine = machine();
    let date = Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let (mut timings, mut missed) = table(json, &native)?;
    let (checker, checker_missed) = checker::rows()?;
    timings.push_str(&checker);
    missed.extend(checker_missed);
    let table = format!("{timings}\n{}", size_table()?);
    let report = format!(
        "# Benchmark results\n\n- command: `cargo xtask bench`\n- date: {date}\n- machine: {machine}\n- browser: Debian {}, headless, `dist/jixiao.html` opened as file://\n\n{table}\n\
         Timings are median and 95th percentile over the runs shown; browser timings are\n\
         measured in the page with `performance.now()` (startup: navigation start to the\n\
         `jixiao-ready` mark the app sets once mounted with its data loaded; edit: input\n\
         event to the total's text changing; overview/report: hash change to the table\n\
         rows present (the 汇总 draws its first 100), layout included; with 100 or 1,000\n\
         projects, the starts after the first, which stores every project's summary; Excel import: the file input's change event to the\n\
         preview's scores painted, for a 40-indicator workbook written by openpyxl). The\n\
         command-line rows time the whole `jixiao check` process (walk, read, score, 体检,\n\
         write Parquet with the findings) over 2,000 workbooks the core writes, files per\n\
         second = 2,000 ÷ wall time; peak memory is the largest resident set of the 3 runs.\n",
        version_of("chromium").unwrap_or_else(|| "chromium".into())
    );
    std::fs::create_dir_all(root.join("bench")).map_err(|e| e.to_string())?;
    std::fs::write(root.join("bench/results.md"), &report).map_err(|e| e.to_string())?;
    println!("\n{table}\nwritten to bench/results.md");
    if missed.is_empty() {
        Ok(())
    } else {
        Err(format!("targets missed: {}", missed.join(", ")))
    }
}

/// Which statistic a target holds to.
#[derive(Clone, Copy)]
enum Stat {
    Median,
    P95,
}

/// A browser measure: its label, its key in the bench JSON, and its target.
const MEASURES: [(&str, &str, f64, Stat); 11] = [
    ("startup, empty store", "startup_empty", 150.0, Stat::Median),
    // Issue 24: the same target on the oldest kernel users run.
    (
        "startup, empty store, Chromium 86",
        "startup_empty_chromium86",
        150.0,
        Stat::Median,
    ),
    ("startup, 100 projects", "startup_100", 300.0, Stat::Median),
    // Issue 16: startup must not grow with the store.
    (
        "startup, 1,000 projects",
        "startup_1000",
        120.0,
        Stat::Median,
    ),
    ("edit latency, 10 indicators", "edit_10", 16.0, Stat::P95),
    ("edit latency, 300 indicators", "edit_300", 16.0, Stat::P95),
    (
        "overview, 500 projects",
        "overview_500",
        300.0,
        Stat::Median,
    ),
    (
        "overview, 1,000 projects",
        "overview_1000",
        150.0,
        Stat::Median,
    ),
    ("report, 40 indicators", "report_40", 150.0, Stat::Median),
    (
        "Excel import, 40 indicators (file pick → scores shown)",
        "import_40",
        300.0,
        Stat::Median,
    ),
    (
        "审核, 300 declarations in 3 workbooks (files → preview, 确认导入 → list drawn)",
        "review_300",
        3000.0,
        Stat::Median,
    ),
];

/// `name  time: [low mid high]` lines of criterion's output → (name, mid).
fn criterion_medians(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut last_name = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(at) = trimmed.find("time:") {
            let name = trimmed[..at].trim();
            let name = if name.is_empty() {
                last_name.clone()
            } else {
                name.to_string()
            };
            let values: Vec<&str> = trimmed[at + 5..]
                .trim()
                .trim_matches(['[', ']'])
                .split_whitespace()
                .collect();
            if values.len() >= 6 {
                out.push((name, format!("{} {}", values[2], values[3])));
            }
        } else if !trimmed.is_empty()
            && !trimmed.contains(':')
            && !trimmed.starts_with("Benchmarking")
        {
            last_name = trimmed.to_string();
        }
    }
    out
}

fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_default();
    format!("{cores} cores, {cpu}")
}

/// Pulls `"key":{"median":…,"p95":…,"runs":…}` out of the bench JSON
/// without a JSON dependency in the xtask.
fn timing(json: &str, key: &str) -> Option<(f64, f64, u64)> {
    let start = json.find(&format!("\"{key}\":{{"))? + key.len() + 3;
    let body = &json[start..start + json[start..].find('}')?];
    let field = |name: &str| -> Option<f64> {
        let at = body.find(&format!("\"{name}\":"))? + name.len() + 3;
        body[at..].split([',', '}']).next()?.parse().ok()
    };
    Some((field("median")?, field("p95")?, field("runs")? as u64))
}

/// The results as Markdown tables, and the measures that missed their target.
fn table(json: &str, native: &[(String, String)]) -> Result<(String, Vec<String>), String> {
    let mut out =
        String::from("| measure | median | p95 | runs | target | |\n|---|---|---|---|---|---|\n");
    let mut missed = Vec::new();
    for (label, key, limit, stat) in MEASURES {
        let (median, p95, runs) =
            timing(json, key).ok_or_else(|| format!("bench output lacks {key}: {json}"))?;
        let (value, which) = match stat {
            Stat::Median => (median, "median"),
            Stat::P95 => (p95, "p95"),
        };
        let met = value <= limit;
        if !met {
            missed.push(format!("{label} {value:.1} ms > {limit} ms {which}"));
        }
        out.push_str(&format!(
            "| {label} | {median:.1} ms | {p95:.1} ms | {runs} | ≤ {limit} ms {which} | {} |\n",
            if met { "met" } else { "**missed**" }
        ));
    }
    for (name, median) in native {
        out.push_str(&format!(
            "| native: {name} | {median} | | criterion | | |\n"
        ));
    }
    Ok((out, missed))
}

/// The sizes of what `cargo xtask dist` built.
fn size_table() -> Result<String, String> {
    let mut out = String::from(
        "| file | raw | gzip (flate2 best; GNU gzip -9 is ~1% larger) |\n|---|---|---|\n",
    );
    // The same compressor as the budget check in `cargo xtask dist`.
    let dist = project_root().join("dist");
    let mut names: Vec<String> = std::fs::read_dir(&dist)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let pick = |test: &dyn Fn(&str) -> bool| names.iter().find(|n| test(n)).cloned();
    for (label, name) in [
        ("wasm", pick(&|n| n.ends_with("_bg.wasm"))),
        ("jixiao.html", pick(&|n| n == "jixiao.html")),
        (
            "JS glue",
            pick(&|n| n.starts_with("jixiao") && n.ends_with(".js")),
        ),
        ("CSS", pick(&|n| n.ends_with(".css"))),
    ] {
        let name = name.ok_or_else(|| format!("dist/ has no {label}"))?;
        let bytes = std::fs::read(dist.join(&name)).map_err(|e| e.to_string())?;
        out.push_str(&format!(
            "| {label} | {:.1} KB | {:.1} KB |\n",
            bytes.len() as f64 / 1000.0,
            crate::dist::gzip_len(&bytes) as f64 / 1000.0
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_timings_and_criterion_lines() {
        let json = r#"{"edit_300":{"median":12.5,"p95":20.25,"runs":12},"x":1}"#;
        assert_eq!(timing(json, "edit_300"), Some((12.5, 20.25, 12)));
        assert_eq!(timing(json, "missing"), None);
        let all: String = MEASURES
            .iter()
            .map(|(_, key, _, _)| {
                format!("\"{key}\":{{\"median\":10.0,\"p95\":12.0,\"runs\":12}},")
            })
            .collect();
        let slow = all.replace(
            "\"startup_empty\":{\"median\":10.0",
            "\"startup_empty\":{\"median\":151.0",
        );
        let (_, missed) = table(&format!("{{{all}}}"), &[]).unwrap();
        assert!(missed.is_empty());
        let (text, missed) = table(&format!("{{{slow}}}"), &[]).unwrap();
        assert_eq!(missed.len(), 1, "{missed:?}");
        assert!(text.contains("**missed**"));
        let text = "evaluate/300 indicators\n                        time:   [580.12 µs 587.40 µs 595.01 µs]\n";
        assert_eq!(
            criterion_medians(text),
            vec![(
                "evaluate/300 indicators".to_string(),
                "587.40 µs".to_string()
            )]
        );
    }
}
