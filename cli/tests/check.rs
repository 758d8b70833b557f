//! `jixiao check` and `jixiao score` as a user runs them: the built binary
//! over the repository's fixtures, its outputs read back by other readers
//! (the `parquet` crate, DuckDB, openpyxl and openxml-audit from `.venv`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(repository())
        .args(args)
        .output()
        .expect("jixiao runs")
}

/// `jixiao check INPUT --out OUT EXTRA…`.
fn check_to(input: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["check", input, "--out", out.to_str().unwrap()];
    args.extend(extra);
    jixiao(&args)
}

/// The run ended with `code`; if not, what it said.
fn exits(run: &Output, code: i32) {
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(code), "{said}");
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn python() -> PathBuf {
    let python = repository().join(".venv/bin/python");
    assert!(
        python.exists(),
        "run `cargo xtask setup` first (it makes .venv)"
    );
    python
}

/// The same totals, grades and findings as the app's import, by the
/// expectation file `core/src/tests/checked.rs` holds the app to.
#[test]
fn the_fixtures_check_as_the_app_imports_them() {
    let dir = scratch("fixtures");
    let out = dir.join("all.jsonl");
    let run = check_to("tests/fixtures", &out, &["--findings", "-q"]);
    // The hostile workbooks are among the fixtures: some files are not read.
    exits(&run, 1);
    let projects = jsonl(&out);
    let findings = jsonl(&dir.join("all-findings.jsonl"));

    let text = std::fs::read_to_string(repository().join("tests/fixtures/checked.json")).unwrap();
    let expected: Value = serde_json::from_str(&text).unwrap();
    let mut by_file: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for row in &projects {
        by_file
            .entry(row["file"].as_str().unwrap().to_string())
            .or_default()
            .push(row);
    }
    let mut found_by_key: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in &findings {
        found_by_key
            .entry(f["key"].as_str().unwrap().to_string())
            .or_default()
            .push(format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["path"].as_str().unwrap()
            ));
    }
    let files = expected["files"].as_array().unwrap();
    let shown: Vec<String> = files
        .iter()
        .map(|f| format!("tests/fixtures/{}", f["file"].as_str().unwrap()))
        .collect();
    // The expectation file sits among the fixtures, and is not an exchange
    // file: one error row, like any stray .json in a folder.
    let itself = "tests/fixtures/checked.json";
    assert_eq!(by_file[itself].len(), 1);
    assert_eq!(by_file[itself][0]["error_kind"], "not_exchange_file");
    let mut sorted = shown.clone();
    sorted.push(itself.to_string());
    sorted.sort();
    assert_eq!(by_file.keys().cloned().collect::<Vec<_>>(), sorted);
    let mut compared = 0;
    for (file, want) in shown.iter().zip(files) {
        let rows = &by_file[file];
        if let Some(kind) = want.get("error") {
            assert_eq!(rows.len(), 1, "{file}: one row for a file not read");
            assert_eq!(rows[0]["error_kind"], *kind, "{file}");
            assert!(!rows[0]["error"].as_str().unwrap().is_empty());
            continue;
        }
        let want = want["projects"].as_array().unwrap();
        assert_eq!(rows.len(), want.len(), "{file}");
        for (n, (row, want)) in rows.iter().zip(want).enumerate() {
            let at = format!("{file} #{}", n + 1);
            assert_eq!(row["key"], format!("{file}#{}", n + 1));
            assert_eq!(row["name"], want["name"], "{at}");
            assert_eq!(row["stage"], want["stage"], "{at}");
            if want["stage"] == "目标" {
                // A declaration is not scored: no 0 that reads as failing.
                assert_eq!(row["total"], Value::Null, "{at}");
                assert_eq!(row["grade"], Value::Null, "{at}");
            } else {
                assert_eq!(row["total"].as_f64(), want["total"].as_f64(), "{at}");
                assert_eq!(row["grade"], want["grade"], "{at}");
            }
            let stated = want["stated_total"].as_str().unwrap();
            assert_eq!(
                row["stated_total_text"].as_str().unwrap_or(""),
                stated,
                "{at}"
            );
            let mut ours = found_by_key
                .get(row["key"].as_str().unwrap())
                .cloned()
                .unwrap_or_default();
            ours.sort();
            let theirs: Vec<String> = serde_json::from_value(want["findings"].clone()).unwrap();
            assert_eq!(ours, theirs, "{at}");
            let counted: u64 = ["errors", "warnings", "hints"]
                .iter()
                .map(|c| row[*c].as_u64().unwrap())
                .sum();
            assert_eq!(
                counted as usize,
                theirs.len(),
                "{at}: counts by severity add up"
            );
            compared += 1;
        }
    }
    assert!(compared >= 15, "{compared}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_hostile_folder_gives_one_error_row_per_file_and_exit_code_1() {
    let dir = scratch("hostile");
    let out = dir.join("hostile.csv");
    let run = check_to("tests/fixtures/xlsx/hostile", &out, &[]);
    assert_eq!(run.status.code(), Some(1));
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(summary.contains("未能读取，按原因"), "{summary}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "Excel needs the BOM to read Chinese"
    );
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let kind_at = head.iter().position(|h| *h == "error_kind").unwrap();
    let file_at = head.iter().position(|h| *h == "file").unwrap();
    // No field of these rows holds a comma: the error text is last.
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let kinds: BTreeMap<String, String> = rows
        .iter()
        .map(|r| {
            let name = r[file_at].rsplit('/').next().unwrap().to_string();
            (name, r[kind_at].clone())
        })
        .collect();
    let want = [
        ("deep-nesting.xlsx", "too_deep"),
        ("encrypted.xlsx", "encrypted"),
        ("entity-expansion.xlsx", "xml_forbidden"),
        ("legacy.et", "legacy"),
        ("legacy.xls", "legacy"),
        ("many-entries.xlsx", "too_many_entries"),
        ("not-a-zip.xlsx", "not_xlsx"),
        ("zip-bomb.xlsx", "too_large"),
        // 100,000 rows: its table is read, the rest of the sheet is not.
        ("rows-100k.xlsx", ""),
    ];
    assert_eq!(rows.len(), want.len(), "{text}");
    for (file, kind) in want {
        assert_eq!(kinds.get(file).map(String::as_str), Some(kind), "{file}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_with_2_and_a_clean_folder_with_0() {
    for args in [
        &[][..],
        &["check"][..],
        &["check", "no/such/folder"][..],
        &["check", "tests/fixtures/published", "--out", "x.txt"][..],
        &["check", "tests/fixtures/published", "--frobnicate"][..],
        &[
            "check",
            "tests/fixtures/published",
            "--out",
            "-",
            "--findings",
        ][..],
        &["check", "tests/fixtures/published", "--jobs", "0"][..],
        &["check", "tests/fixtures/published", "--jobs", "100000"][..],
        &["score"][..],
        &[
            "score",
            "tests/fixtures/xlsx/01-yongde-yuan.xlsx",
            "--table",
            "9",
        ][..],
        &["frobnicate"][..],
    ] {
        let run = jixiao(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&run.stderr).contains("用法"),
            "{args:?}"
        );
    }
    // An output that cannot be written is exit 2 too, with its reason and
    // no usage text.
    let run = jixiao(&[
        "check",
        "tests/fixtures/published",
        "--out",
        "/no/such/folder/结果.csv",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("无法写出结果") && !said.contains("用法"),
        "{said}"
    );

    let run = jixiao(&["check", "tests/fixtures/published", "--out", "-", "-q"]);
    assert_eq!(run.status.code(), Some(0));
    let csv = String::from_utf8(run.stdout).unwrap();
    // A header and one row per exchange file; no BOM on a pipe.
    assert!(csv.starts_with("key,file,"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 5, "{csv}");
}

#[test]
fn parquet_reads_back_in_the_parquet_crate_and_duckdb() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let dir = scratch("parquet");
    let out = dir.join("projects.parquet");
    let args = |out: &Path| check_to("tests/fixtures/xlsx", out, &["--findings", "-q"]);
    assert_eq!(args(&out).status.code(), Some(1));
    let also = dir.join("projects.jsonl");
    assert_eq!(args(&also).status.code(), Some(1));
    let rows = jsonl(&also);
    let findings = jsonl(&dir.join("projects-findings.jsonl"));
    // The columns in order, from the csv header; the jsonl has the same.
    let csv = jixiao(&["check", "tests/fixtures/xlsx", "--out", "-", "-q"]).stdout;
    let csv = String::from_utf8(csv).unwrap();
    let ids: Vec<String> = csv
        .lines()
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let mut keys: Vec<&String> = rows[0].as_object().unwrap().keys().collect();
    let mut sorted: Vec<&String> = ids.iter().collect();
    keys.sort();
    sorted.sort();
    assert_eq!(keys, sorted);

    let reader = SerializedFileReader::new(std::fs::File::open(&out).unwrap()).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows() as usize, rows.len());
    let columns: Vec<String> = meta
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(columns, ids, "the same columns as the other formats");
    // Row for row, the same keys, totals and counts as the jsonl.
    let mut read = 0;
    for (row, want) in reader.get_row_iter(None).unwrap().zip(&rows) {
        let row = row.unwrap();
        let fields: BTreeMap<String, String> = row
            .get_column_iter()
            .map(|(name, field)| (name.clone(), field.to_string()))
            .collect();
        assert_eq!(
            fields["key"],
            format!("{:?}", want["key"].as_str().unwrap())
        );
        match want["total"].as_f64() {
            Some(total) => assert_eq!(fields["total"].parse::<f64>().unwrap(), total),
            None => assert_eq!(fields["total"], "null"),
        }
        assert_eq!(fields["errors"], want["errors"].to_string());
        read += 1;
    }
    assert_eq!(read, rows.len());

    // The query the README shows, run as written on this file.
    let readme = std::fs::read_to_string(repository().join("README.md")).unwrap();
    let query = readme
        .split("```sql\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README.md shows a DuckDB query")
        .replace("'结果.parquet'", &format!("'{}'", out.display()));
    let script = format!(
        "import duckdb, json, sys\n\
         p = duckdb.sql(\"select * from '{p}'\")\n\
         f = duckdb.sql(\"select count(*) from '{f}'\").fetchall()[0][0]\n\
         over = duckdb.sql(sys.stdin.read()).fetchall()\n\
         print(json.dumps({{'columns': p.columns, 'rows': len(p.fetchall()), 'findings': f, 'over': over}}))",
        p = out.display(),
        f = dir.join("projects-findings.parquet").display()
    );
    let mut duck = Command::new(python())
        .args(["-c", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        duck.stdin
            .take()
            .unwrap()
            .write_all(query.as_bytes())
            .unwrap();
    }
    let duck = duck.wait_with_output().unwrap();
    assert!(
        duck.status.success(),
        "{}",
        String::from_utf8_lossy(&duck.stderr)
    );
    let read: Value = serde_json::from_slice(&duck.stdout).unwrap();
    assert_eq!(read["rows"].as_u64().unwrap() as usize, rows.len());
    assert_eq!(read["findings"].as_u64().unwrap() as usize, findings.len());
    let columns: Vec<String> = serde_json::from_value(read["columns"].clone()).unwrap();
    assert_eq!(columns, ids);
    // The README's query: tables whose own total is over 5 points above
    // jixiao's, counted by unit (second column).
    let over = rows
        .iter()
        .filter(|r| r["difference"].as_f64().is_some_and(|d| d > 5.0))
        .count();
    let counted: u64 = read["over"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g[1].as_u64().unwrap())
        .sum();
    assert!(
        over > 0,
        "the fixtures hold an inflated table (05 天长: 100 against 40)"
    );
    assert_eq!(counted as usize, over);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_workbook_output_opens_clean_with_both_tables() {
    let dir = scratch("xlsx");
    let out = dir.join("结果.xlsx");
    let run = check_to("tests/fixtures/published", &out, &["--findings", "-q"]);
    assert_eq!(run.status.code(), Some(0));
    let read = Command::new(python())
        .arg(repository().join("tests/tools/read_ooxml.py"))
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let report: Value = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(report["audit"], serde_json::json!([]), "{report:#}");
    let sheets = report["sheets"].as_object().unwrap();
    let projects = sheets["项目"]["cells"].as_object().unwrap();
    assert_eq!(projects["A1"]["text"], "项目键");
    assert_eq!(projects["F1"]["text"], "项目名称");
    assert!(
        projects.contains_key("A6") && !projects.contains_key("A7"),
        "5 projects"
    );
    let issues = sheets["问题"]["cells"].as_object().unwrap();
    assert_eq!(issues["D1"]["text"], "规则");
    assert!(issues.len() > 20);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The arithmetic `jixiao score` prints is the app's: every explanation of
/// the project's scores, the total and the grade.
#[test]
fn score_prints_the_apps_explanations() {
    use jixiao_core::formats::xlsx::import::import_workbook;
    use jixiao_core::formats::xlsx::read::read_workbook;
    use jixiao_core::number::format_score;
    use jixiao_core::score::evaluate;
    let file = "tests/fixtures/xlsx/07-08-two-sheets.xlsx";
    let run = jixiao(&["score", file, "--table", "2"]);
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8(run.stdout).unwrap();
    let bytes = std::fs::read(repository().join(file)).unwrap();
    let found = import_workbook(&read_workbook(&bytes).unwrap())
        .found
        .remove(1);
    let evaluation = evaluate(&found.project);
    assert!(text.starts_with(found.project.name.trim()), "{text}");
    assert!(text.contains(&evaluation.execution.explanation));
    assert!(!evaluation.indicators.is_empty());
    for s in &evaluation.indicators {
        assert!(
            text.contains(&s.explanation),
            "missing {:?} in\n{text}",
            s.explanation
        );
    }
    assert!(text.contains(&format!("总分 {}", format_score(evaluation.total))));
    assert!(text.contains(&format!("等级 {}", evaluation.grade_label())));
    // Both tables without --table, each under its own heading.
    let both = String::from_utf8(jixiao(&["score", file]).stdout).unwrap();
    assert!(both.contains("—— 第 1 个表格 ——") && both.contains("—— 第 2 个表格 ——"));
}

/// A region's rule files, as the app exports them, score every project:
/// stricter grade thresholds grade 永德县's 99.80 良, and the row names the
/// rule set. A file the app would refuse is a usage error.
#[test]
fn a_regions_rule_files_score_every_table() {
    use jixiao_core::formats::json::schema::rule_set_to_json;
    use jixiao_core::rules::RuleSet;
    let dir = scratch("rules");
    let mut strict = RuleSet {
        name: "某市细则".into(),
        ..RuleSet::default()
    };
    strict.grade_thresholds.excellent = 99.9;
    let rules = dir.join("评分规则.json");
    std::fs::write(&rules, rule_set_to_json(&strict)).unwrap();
    let file = "tests/fixtures/xlsx/01-yongde-yuan.xlsx";
    let row = |extra: &[&str]| -> Value {
        let mut args = vec!["check", file, "--out", "-", "-q"];
        args.extend(extra);
        let run = jixiao(&args);
        exits(&run, 0);
        let csv = String::from_utf8(run.stdout).unwrap();
        let mut lines = csv.lines();
        let head: Vec<&str> = lines.next().unwrap().split(',').collect();
        let values: Vec<&str> = lines.next().unwrap().split(',').collect();
        head.iter()
            .zip(values)
            .map(|(h, v)| (h.to_string(), Value::from(v)))
            .collect()
    };
    let national = row(&[]);
    assert_eq!(national["total"], "99.8");
    assert_eq!(national["grade"], "优");
    let regional = row(&["--rules", rules.to_str().unwrap()]);
    assert_eq!(regional["total"], "99.8");
    assert_eq!(regional["grade"], "良");
    assert_eq!(regional["rules"], "某市细则");
    assert_ne!(national["rules"], "某市细则");
    let scored =
        String::from_utf8(jixiao(&["score", file, "--rules", rules.to_str().unwrap()]).stdout)
            .unwrap();
    assert!(scored.contains("总分 99.80，等级 良"), "{scored}");

    let bad = dir.join("审核口径.json");
    std::fs::write(&bad, "{\"no_such_field\": 1}").unwrap();
    let run = jixiao(&["check", file, "--review-rules", bad.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("审核口径.json"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Writing the result into the folder being checked, twice: the second run
/// does not read the first one's workbook as a table.
#[test]
fn a_result_written_into_the_folder_is_not_read_back() {
    let dir = scratch("inside");
    std::fs::copy(
        repository().join("tests/fixtures/xlsx/01-yongde-yuan.xlsx"),
        dir.join("01.xlsx"),
    )
    .unwrap();
    let out = dir.join("结果.xlsx");
    for _ in 0..2 {
        let run = check_to(dir.to_str().unwrap(), &out, &["--findings"]);
        let said = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{said}");
        assert!(said.contains("读取 1/1 个文件"), "{said}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What a hostile or careless command line brings: a file name that is not
/// UTF-8, a file named like an option, an output that would overwrite an
/// input, a rule file kept in the folder, an output path that cannot be
/// written. None of it crashes; each gets its exit code.
#[cfg(unix)]
#[test]
fn odd_command_lines_end_cleanly() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("odd");
    let table = repository().join("tests/fixtures/xlsx/01-yongde-yuan.xlsx");
    let odd = dir.join(OsStr::from_bytes(b"n\xffame.xlsx"));
    std::fs::copy(&table, &odd).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("check")
        .arg(&odd)
        .args(["--out", "-", "-q"])
        .output()
        .unwrap();
    exits(&run, 0);
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 2);
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .arg("score")
        .arg(&odd)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));

    // A file whose name starts with "-", after "--".
    let dashed = dir.join("-甲.xlsx");
    std::fs::copy(&table, &dashed).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args(["check", "--out", "-", "-q", "--", "-甲.xlsx"])
        .output()
        .unwrap();
    exits(&run, 0);

    // --out naming a table to be checked: refused, the table untouched.
    let before = std::fs::read(&dashed).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .current_dir(&dir)
        .args(["check", ".", "--out", "-甲.xlsx"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("会覆盖要检查的文件"));
    assert_eq!(std::fs::read(&dashed).unwrap(), before);

    // A rule file kept beside the tables is not read as one.
    let rules = dir.join("评分规则.json");
    std::fs::write(
        &rules,
        jixiao_core::formats::json::schema::rule_set_to_json(&Default::default()),
    )
    .unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "-q", "--rules"])
        .arg(&rules)
        .arg(&dir)
        .output()
        .unwrap();
    exits(&run, 0);

    // A workbook output that cannot be created fails before reading.
    let folder = dir.join("已有文件夹.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "-q"])
        .arg(&table)
        .arg("--out")
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("无法写出结果"));
    std::fs::remove_dir_all(&dir).unwrap();
}
