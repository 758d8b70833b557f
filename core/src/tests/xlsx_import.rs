//! Reading workbooks: jixiao's own 自评表 export reads back to the same
//! document, and the fixtures in `tests/fixtures/xlsx/` (published layouts
//! written by other software, and hostile files) read as their README says.
#![cfg(not(target_arch = "wasm32"))]

use crate::formats::xlsx::import::import_workbook;
use crate::formats::xlsx::read::read_workbook;
use crate::formats::xlsx::self_evaluation_xlsx;
use crate::number::parse_number;
use crate::project::{NumberText, Project};
use crate::sample::example_project;
use crate::score::evaluate;

fn figure(text: &NumberText) -> Option<f64> {
    crate::number::figure(text.as_str())
}

/// Text as every output shows it (control characters dropped), trimmed.
fn shown(text: &str) -> String {
    crate::report::printable(text.to_string())
        .trim()
        .to_string()
}

/// What the 自评表 carries, compared field by field.
fn assert_same_table(ours: &Project, back: &Project) {
    assert_eq!(back.name.trim(), shown(&ours.name));
    assert_eq!(back.department.trim(), shown(&ours.department));
    assert_eq!(back.implementer.trim(), shown(&ours.implementer));
    assert_eq!(back.year.trim(), shown(&ours.year));
    assert_eq!(back.money_unit, ours.money_unit);
    assert_eq!(back.goal_expected.trim(), shown(&ours.goal_expected));
    assert_eq!(back.goal_actual.trim(), shown(&ours.goal_actual));
    for line in crate::path::FundsLine::ALL {
        for column in crate::path::FundsColumn::ALL {
            // As printed: control characters dropped (see `shown`).
            let read = |p: &Project| {
                let text = NumberText::new(shown(p.funds.row(line).cell(column).as_str()));
                p.money_unit.read(&text).ok().flatten()
            };
            // Excel shows 15 significant digits; so does the import.
            match (read(back), read(ours)) {
                (Some(a), Some(b)) => assert!(
                    (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                    "{line:?} {column:?}: {a} {b}"
                ),
                (a, b) => assert_eq!(
                    a,
                    b,
                    "{line:?} {column:?}: {:?} {:?}",
                    back.funds.row(line).cell(column),
                    ours.funds.row(line).cell(column)
                ),
            }
        }
    }
    let a: Vec<_> = ours.indicators_in_order().map(|(_, i)| i).collect();
    let b: Vec<_> = back.indicators_in_order().map(|(_, i)| i).collect();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(y.name.trim(), shown(&x.name));
        assert_eq!(y.kind, x.kind, "{}", x.name);
        let printed_weight = NumberText::new(shown(x.weight.as_str()));
        match (figure(&y.weight), figure(&printed_weight)) {
            (Some(a), Some(b)) => assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1.0),
                "{}: {a} {b}",
                x.name
            ),
            (a, b) => assert_eq!(a, b, "{}", x.name),
        }
        assert_eq!(
            y.deviation_reason.trim(),
            shown(&x.deviation_reason),
            "{}",
            x.name
        );
        // A grade only means something (and only prints) for 定性.
        if x.kind == crate::project::IndicatorKind::Qualitative {
            assert_eq!(y.qualitative_grade, x.qualitative_grade, "{}", x.name);
        }
    }
    // The table does not carry the rule set it was scored with: scored
    // with the same rules, the same total.
    let mut back = back.clone();
    back.rules = ours.rules.clone();
    // Figures travel with Excel's 15 significant digits, so a total can
    // land on the other side of a half cent.
    let (e1, e2) = (evaluate(ours), evaluate(&back));
    assert!(
        (e2.total - e1.total).abs() <= 0.0100001,
        "{} {}",
        e2.total,
        e1.total
    );
}

#[test]
fn our_own_export_reads_back_to_the_same_table_and_score() {
    let p = example_project();
    let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
    let imported = import_workbook(&read_workbook(&bytes).unwrap());
    assert_eq!(imported.found.len(), 1, "{imported:#?}");
    let found = &imported.found[0];
    assert!(
        found.not_understood.is_empty(),
        "{:?}",
        found.not_understood
    );
    assert!(!found.targets_only);
    assert_eq!(
        found.project.id, p.id,
        "the export carries the project's id"
    );
    assert_same_table(&p, &found.project);
    // The table's own figures are kept as 表中得分.
    let e = evaluate(&p);
    assert_eq!(
        parse_number(&found.project.stated.total)
            .unwrap()
            .unwrap()
            .value,
        e.total
    );
    for (_, ind) in found.project.indicators_in_order() {
        assert!(!ind.stated_score.is_empty(), "{}", ind.name);
    }
}

/// A control character inside a figure ("\u{0}7") makes it unreadable
/// in the app, while every output, the 自评表 too, prints it without the
/// character ("7"), which then reads: such a table cannot score the same
/// once read back. Those characters are taken out of the figure fields and
/// the funds (names and reasons keep theirs, compared as printed).
fn without_control_characters_in_figures(mut p: Project) -> Project {
    let clean = |text: &mut NumberText| {
        *text = NumberText::new(text.as_str().replace(char::is_control, ""));
    };
    for line in crate::path::FundsLine::ALL {
        for column in crate::path::FundsColumn::ALL {
            clean(p.funds.row_mut(line).cell_mut(column));
        }
    }
    for level1 in &mut p.indicators {
        for group in &mut level1.groups {
            for ind in &mut group.indicators {
                for text in [
                    &mut ind.target,
                    &mut ind.actual,
                    &mut ind.weight,
                    &mut ind.qualitative_score,
                    &mut ind.over_achievement_reduction,
                ] {
                    clean(text);
                }
            }
        }
    }
    p
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(crate::tests::proptest_cases(64)))]

    /// Any project jixiao exports as a 自评表 imports back to the same
    /// table: header, funds, goals, every indicator and the same score.
    #[test]
    fn any_exported_table_imports_back_the_same(p in super::common::project()) {
        let p = without_control_characters_in_figures(p);
        let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
        let imported = import_workbook(&read_workbook(&bytes).unwrap());
        proptest::prop_assert_eq!(imported.found.len(), 1);
        assert_same_table(&p, &imported.found[0].project);
    }
}

// ---- fixtures: published layouts written by other software ------------------

fn fixtures() -> std::path::PathBuf {
    super::repository().join("tests/fixtures/xlsx")
}

fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn published_layouts_read_as_their_readme_says() {
    use crate::names::same_name;
    let all = expected();
    for file in all["files"].as_array().unwrap() {
        let name = file["file"].as_str().unwrap();
        if file.get("error").is_some_and(|e| !e.is_null()) {
            continue;
        }
        let bytes = std::fs::read(fixtures().join(name)).unwrap();
        let imported =
            import_workbook(&read_workbook(&bytes).unwrap_or_else(|e| panic!("{name}: {e:?}")));
        let want = file["projects"].as_array().unwrap();
        assert_eq!(imported.found.len(), want.len(), "{name}: {imported:#?}");
        for (found, want) in imported.found.iter().zip(want) {
            let p = &found.project;
            let at = format!("{name} {}", want["name"]);
            assert_eq!(found.sheet, want["sheet"].as_str().unwrap(), "{at}");
            assert_eq!(
                compact(&p.name),
                compact(want["name"].as_str().unwrap()),
                "{at}"
            );
            for (field, ours) in [
                ("department", &p.department),
                ("implementer", &p.implementer),
                ("year", &p.year),
            ] {
                if let Some(w) = want[field].as_str() {
                    assert_eq!(compact(ours), compact(w), "{at} {field}");
                }
            }
            let unit = if p.money_unit == crate::project::MoneyUnit::Yuan {
                "元"
            } else {
                "万元"
            };
            assert_eq!(unit, want["money_unit"].as_str().unwrap(), "{at}");
            if let Some(budget) = want["budget_annual"].as_f64() {
                assert_eq!(
                    figure(&p.funds.total.annual_budget),
                    Some(budget),
                    "{at} 全年预算数"
                );
            }
            if let Some(executed) = want["executed"].as_f64() {
                assert_eq!(
                    figure(&p.funds.total.executed),
                    Some(executed),
                    "{at} 全年执行数"
                );
            }
            assert_eq!(
                found.targets_only,
                want["targets_only"].as_bool().unwrap_or(false),
                "{at}"
            );
            // The tree groups rows by 一级/二级, so a table that lists them
            // interleaved reads in another order: match by name.
            let mut indicators: Vec<_> = p.indicators_in_order().map(|(_, i)| i).collect();
            let want_ind = want["indicators"].as_array().unwrap();
            let mut names: Vec<String> = indicators.iter().map(|i| compact(&i.name)).collect();
            let mut want_names: Vec<String> = want_ind
                .iter()
                .map(|i| compact(i["name"].as_str().unwrap()))
                .collect();
            names.sort();
            want_names.sort();
            assert_eq!(names, want_names, "{at}");
            let level1: Vec<String> = p.indicators.iter().map(|l| l.name.clone()).collect();
            for theirs in want["level1"].as_array().unwrap() {
                let theirs = theirs.as_str().unwrap();
                assert!(
                    level1.iter().any(|ours| same_name(ours, theirs)),
                    "{at}: {theirs} in {level1:?}"
                );
            }
            for w in want_ind {
                let at_name = indicators
                    .iter()
                    .position(|i| compact(&i.name) == compact(w["name"].as_str().unwrap()))
                    .unwrap();
                let ind = indicators.remove(at_name);
                if let Some(weight) = w["weight"].as_f64() {
                    assert_eq!(figure(&ind.weight), Some(weight), "{at} {}", ind.name);
                }
                match w["stated_score"].as_f64() {
                    Some(s) => assert_eq!(
                        figure(&NumberText::new(ind.stated_score.clone())),
                        Some(s),
                        "{at} {}",
                        ind.name
                    ),
                    None => assert_eq!(ind.stated_score, "", "{at} {}", ind.name),
                }
                if let Some(target) = w["target"].as_str() {
                    assert!(
                        compact(ind.target.as_str()).contains(&compact(target)),
                        "{at} {}: {:?} vs {target}",
                        ind.name,
                        ind.target
                    );
                }
            }
            match want["stated_total"].as_f64() {
                Some(t) => assert_eq!(
                    figure(&NumberText::new(p.stated.total.clone())),
                    Some(t),
                    "{at}"
                ),
                None => assert_eq!(p.stated.total, "", "{at}"),
            }
        }
    }
}

#[test]
fn hostile_files_are_refused_with_their_reason_quickly() {
    use crate::formats::xlsx::read::XlsxError;
    let all = expected();
    for file in all["files"].as_array().unwrap() {
        let Some(error) = file["error"].as_str() else {
            continue;
        };
        let name = file["file"].as_str().unwrap();
        let path = fixtures().join(name);
        if !path.exists() {
            continue; // generated at test time (the 50 MB file)
        }
        let bytes = std::fs::read(&path).unwrap();
        let started = std::time::Instant::now();
        let result = read_workbook(&bytes);
        let took = started.elapsed();
        let want = match error {
            "not_zip" => Some(XlsxError::NotXlsx),
            "encrypted" => Some(XlsxError::Encrypted),
            "legacy" => Some(XlsxError::Legacy),
            "too_large" => Some(XlsxError::TooLarge),
            "too_many_entries" => Some(XlsxError::TooManyEntries),
            "xml_forbidden" => Some(XlsxError::XmlForbidden),
            "too_deep" => Some(XlsxError::TooDeep),
            _ => None,
        };
        match want {
            Some(want) => assert_eq!(result.as_ref().err(), Some(&want), "{name}"),
            // 100,000 rows: read, but only the first MAX_ROWS.
            None => {
                let book = result.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert!(book.sheets.iter().any(|s| s.truncated), "{name}");
            }
        }
        // A guard against unbounded work, not a timing: a bomb read whole
        // takes minutes and gigabytes, a refused one milliseconds. The bound
        // is loose so a loaded CI machine (debug build, other tests on both
        // cores) cannot fail it; speed is the bench's to measure.
        assert!(took.as_secs_f64() < 20.0, "{name}: {took:?}");
    }
    // A 50 MB file is refused by its size before it is read.
    assert_eq!(
        read_workbook(&vec![b'P'; 50 * 1024 * 1024]).err(),
        Some(XlsxError::FileTooLarge)
    );
}

/// A formula saved without its result (a file no spreadsheet program has
/// saved) reads as blank, and the preview says which cell and why.
#[test]
fn a_formula_without_a_stored_result_is_named() {
    use std::io::Read;
    let p = example_project();
    let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = crate::formats::zip::ZipWriter::new();
    for n in 0..archive.len() {
        let mut entry = archive.by_index(n).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry.name() == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap();
            // The first figure 27.5 (年度资金总额 年初预算数) becomes a formula.
            let at = xml.find("<v>27.5</v>").unwrap();
            data = format!(
                "{}<f>SUM(D7:D9)</f>{}",
                &xml[..at],
                &xml[at + "<v>27.5</v>".len()..]
            )
            .into_bytes();
        }
        out.add(entry.name(), &data);
    }
    let book = read_workbook(&out.finish()).unwrap();
    let found = &import_workbook(&book).found[0];
    assert_eq!(found.project.funds.total.initial_budget.as_str(), "");
    assert!(
        found.not_understood.iter().any(|n| n
            .ends_with("公式没有保存计算结果，按空白读取（请在 Excel/WPS 中打开并保存后再导入）")),
        "{:?}",
        found.not_understood
    );
}

/// A 偏差原因 too tall for one Excel row goes on in the rows below; the
/// indicators after it still read back with their own 指标性质 and 计量单位
/// (the hidden columns follow the table rows, not the sheet rows).
#[test]
fn a_split_reason_leaves_the_rows_below_their_own_kind_and_unit() {
    let mut p = example_project();
    let first = &mut p.indicators[0].groups[0].indicators[0];
    first.deviation_reason = "受设备更换影响，部分终端停机检修。".repeat(400);
    // An 反向 target written without its sign: only the hidden column says so.
    let second = &mut p.indicators[0].groups[1].indicators[0];
    second.kind = crate::project::IndicatorKind::AtMost;
    second.target = NumberText::new("300");
    second.unit = "台".into();
    let rows = |p: &Project| {
        read_workbook(&self_evaluation_xlsx(p, &evaluate(p)))
            .unwrap()
            .sheets[0]
            .rows
            .len()
    };
    let mut short = p.clone();
    short.indicators[0].groups[0].indicators[0].deviation_reason = "见说明。".into();
    assert!(rows(&p) > rows(&short) + 1, "the reason fills several rows");
    let book = read_workbook(&self_evaluation_xlsx(&p, &evaluate(&p))).unwrap();
    let back = &import_workbook(&book).found[0].project;
    assert_same_table(&p, back);
    let second_back = &back.indicators[0].groups[1].indicators[0];
    assert_eq!(second_back.unit, "台");
    assert_eq!(second_back.target.as_str(), "300");
}

/// A 计量单位 whose visible part is preceded by invisible characters prints
/// beside the figure as it prints in its own column, so the import takes it
/// back off ("0 0" with unit "0", not "0 \t0", which scores nothing).
#[test]
fn a_unit_with_invisible_characters_reads_back_off_its_figure() {
    use crate::project::IndicatorKind;
    let mut p = example_project();
    let ind = &mut p.indicators[0].groups[0].indicators[0];
    ind.kind = IndicatorKind::AtLeast;
    ind.target = NumberText::new("0");
    ind.actual = NumberText::new("0");
    ind.unit = "\0\t0".into();
    let name = ind.name.clone();
    let before = evaluate(&p);
    let bytes = self_evaluation_xlsx(&p, &before);
    let imported = import_workbook(&read_workbook(&bytes).unwrap());
    let back = &imported.found[0].project;
    let read = &back.indicators[0].groups[0].indicators[0];
    assert_eq!(read.name, name);
    assert_eq!(
        (
            read.target.as_str(),
            read.actual.as_str(),
            read.unit.as_str()
        ),
        ("0", "0", "0")
    );
    assert_eq!(evaluate(back).total, before.total);
}

/// Issue 27: a district's 申报表, one project per sheet, imports whole: the
/// header block into `declaration`, 指标解释 onto each indicator, 不适用
/// rows as 不适用 groups (no indicator), deadlines as 时限, the year from
/// the title only, and 元 chosen (and said) where a 万元 label holds 元.
#[test]
fn a_district_declaration_keeps_all_of_it() {
    use crate::checkup;
    use crate::finding::Rule;
    use crate::formats::xlsx::import::preview;
    use crate::path::{FieldPath, HeaderField};
    use crate::project::{IndicatorKind, MoneyUnit};
    let all = expected();
    let file = all["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "district-declaration.xlsx")
        .unwrap();
    let bytes = std::fs::read(fixtures().join("district-declaration.xlsx")).unwrap();
    let imported = import_workbook(&read_workbook(&bytes).unwrap());
    let want = file["projects"].as_array().unwrap();
    assert_eq!(imported.found.len(), want.len());
    for (found, want) in imported.found.iter().zip(want) {
        let p = &found.project;
        let at = want["name"].as_str().unwrap();
        assert!(
            found.not_understood.is_empty(),
            "{at}: {:?}",
            found.not_understood
        );
        for (key, text) in want["declaration"].as_object().unwrap() {
            let field = HeaderField::ALL
                .into_iter()
                .find(|f| f.key() == key)
                .unwrap();
            assert_eq!(
                p.text_at(&FieldPath::Header(field)).as_deref(),
                text.as_str(),
                "{at} {key}"
            );
        }
        assert_eq!(
            compact(&p.goal_expected),
            compact(want["goal_expected"].as_str().unwrap()),
            "{at}"
        );
        // The year is the title's or none, never 测算依据's 2022.
        assert_eq!(p.year, want["year"].as_str().unwrap(), "{at}");
        let preview = preview(found, &[]);
        assert_eq!(preview.year_missing, p.year.is_empty(), "{at}");
        // 元 or 万元, and the note when the label was overruled.
        let unit = if p.money_unit == MoneyUnit::Yuan {
            "元"
        } else {
            "万元"
        };
        assert_eq!(unit, want["money_unit"].as_str().unwrap(), "{at}");
        assert_eq!(
            found.money_note.is_some(),
            want["money_note"].as_bool().unwrap(),
            "{at}"
        );
        if let Some(note) = &found.money_note {
            assert!(
                note.contains("10185500") && note.contains("按“元”读取"),
                "{note}"
            );
            assert_eq!(preview.money_note.as_ref(), Some(note));
            let mut switched = found.clone();
            switched.switch_money_unit();
            assert_eq!(switched.project.money_unit, MoneyUnit::Wan);
        }
        // 不适用 groups: there, marked, empty.
        let na: Vec<(String, String)> = p
            .indicators
            .iter()
            .flat_map(|l1| {
                l1.groups
                    .iter()
                    .filter(|g| g.not_applicable)
                    .map(move |g| (l1.name.clone(), g.name.clone()))
            })
            .collect();
        let want_na: Vec<(String, String)> = want["not_applicable"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| {
                (
                    pair[0].as_str().unwrap().to_string(),
                    pair[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(na, want_na, "{at}");
        for l1 in &p.indicators {
            for g in l1.groups.iter().filter(|g| g.not_applicable) {
                assert!(g.indicators.is_empty(), "{at} {}", g.name);
            }
        }
        for (_, ind) in p.indicators_in_order() {
            assert_ne!(ind.name, "不适用", "{at}");
            let kind = want["kinds"][&ind.name].as_str().unwrap();
            assert_eq!(ind.kind.key(), kind, "{at} {}", ind.name);
            assert_eq!(
                ind.notes.explanation,
                want["notes"][&ind.name].as_str().unwrap(),
                "{at} {}",
                ind.name
            );
        }
        // A unit written in the value is the unit; a deadline reads as a
        // date of the year (the yearless sheet asks for the year instead).
        let findings = checkup::run(p, &evaluate(p));
        assert!(
            !findings.iter().any(|f| f.rule == Rule::IndicatorUnitBlank),
            "{at}: {findings:?}"
        );
        let unreadable = findings
            .iter()
            .any(|f| f.rule == Rule::IndicatorDeadlineUnreadable);
        let month_only = p
            .indicators_in_order()
            .any(|(_, i)| i.kind == IndicatorKind::Deadline && !i.target.as_str().contains('年'));
        assert_eq!(unreadable, p.year.is_empty() && month_only, "{at}");
    }
}
