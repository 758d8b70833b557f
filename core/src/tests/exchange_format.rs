//! The exchange file as a user meets it: files that round-trip exactly, and
//! files that are refused with a sentence saying what is wrong and where.
#![cfg(not(target_arch = "wasm32"))]

use super::common::{broken_project_json, project};
use crate::formats::json::exchange::{
    Conflict, ImportError, ImportItem, MAX_IMPORT_BYTES, export, import, plan_import, with_fresh_id,
};
use crate::formats::json::schema::to_json;
use crate::project::{NumberText, Project, SCHEMA_VERSION};
use crate::rules::RuleSet;
use crate::sample::example_project;
use crate::score::evaluate;
use proptest::prelude::*;
use serde_json::{Value, json};

const WHEN: &str = "2025-03-01T09:30:00+08:00";

fn as_json(p: &Project) -> Value {
    serde_json::to_value(p).unwrap()
}

fn with_id(id: &str, name: &str) -> Project {
    Project {
        id: id.to_string(),
        name: name.to_string(),
        ..example_project()
    }
}

/// Three projects in one file, as a JSON value to corrupt.
fn three_project_file() -> Value {
    let text = export(
        &[with_id("a", "甲"), with_id("b", "乙"), with_id("c", "丙")],
        WHEN,
    );
    serde_json::from_str(&text).unwrap()
}

fn import_value(v: &Value) -> Result<Vec<Project>, ImportError> {
    import(&serde_json::to_string_pretty(v).unwrap())
}

#[test]
fn round_trip_of_sample_gives_identical_project_and_score() {
    let p = example_project();
    let back = import(&export(std::slice::from_ref(&p), WHEN)).unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(as_json(&back[0]), as_json(&p));
    let (before, after) = (evaluate(&p), evaluate(&back[0]));
    assert_eq!(after.total, before.total);
    assert_eq!(after.raw_total, before.raw_total);
    assert_eq!(after.grade, before.grade);
}

#[test]
fn export_writes_envelope_fields_in_fixed_order() {
    let text = export(&[example_project()], WHEN);
    assert!(
        text.starts_with(&format!(
            "{{\n  \"format\": \"jixiao-export\",\n  \"format_version\": 1,\n  \"schema_version\": {SCHEMA_VERSION},\n  \"exported_at\": \"{WHEN}\",\n  \"app\": \"jixiao\",\n  \"projects\": [\n    {{\n"
        )),
        "{}",
        &text[..200]
    );
}

#[test]
fn all_projects_in_one_file_round_trip_in_order() {
    let all = [with_id("a", "甲"), with_id("b", "乙"), with_id("c", "丙")];
    let back = import(&export(&all, WHEN)).unwrap();
    let ids: Vec<_> = back.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(back, all);
}

#[test]
fn truncated_file_is_reported_as_truncated_with_line() {
    let text = export(&[example_project()], WHEN);
    let cut = &text[..text.char_indices().nth(text.chars().count() / 2).unwrap().0];
    let e = import(cut).unwrap_err();
    assert!(
        e.message.contains("截断") && e.message.contains("不完整"),
        "{e}"
    );
    let line = e.line.expect("a line for a syntax error");
    assert_eq!(line, cut.lines().count());
    assert!(e.message.contains(&format!("第 {line} 行第 ")), "{e}");
    assert!(e.column.is_some() && e.path.is_none());
}

#[test]
fn syntax_error_position_counts_characters() {
    let text = "{\n  \"format\": \"jixiao-export\",\n  \"名称\": 县\n}";
    let e = import(text).unwrap_err();
    assert_eq!((e.line, e.column), (Some(3), Some(9)));
    assert!(
        e.message
            .starts_with("文件不是有效的 JSON，第 3 行第 9 列：此处应为一个值"),
        "{e}"
    );
}

#[test]
fn wrong_format_marker_is_refused_as_not_ours() {
    let mut v = three_project_file();
    v["format"] = json!("other-tool");
    let e = import_value(&v).unwrap_err();
    assert!(e.message.starts_with("不是本工具导出的文件"), "{e}");
    assert!(e.message.contains("other-tool"), "{e}");
    assert_eq!(e.path.as_deref(), Some("format"));

    v["format"] = json!(1);
    assert!(
        import_value(&v)
            .unwrap_err()
            .message
            .starts_with("不是本工具导出的文件")
    );

    // A rule set file, someone else's JSON, a list: none is ours.
    let rules = serde_json::to_string(&RuleSet::default()).unwrap();
    for text in [rules.as_str(), r#"{"projects": []}"#, "[1, 2]", "\"x\""] {
        let e = import(text).unwrap_err();
        assert!(e.message.starts_with("不是本工具导出的文件"), "{text}: {e}");
    }
}

#[test]
fn schema_version_newer_than_supported_asks_for_upgrade() {
    let newer = SCHEMA_VERSION + 1;
    let expected = format!(
        "文件来自更新版本（数据版本 {newer}），当前版本最高支持 {SCHEMA_VERSION}，请升级本工具。"
    );
    let mut v = three_project_file();
    v["schema_version"] = json!(newer);
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.message, expected);
    assert_eq!(e.path.as_deref(), Some("schema_version"));

    // One newer project inside a current envelope.
    let mut v = three_project_file();
    v["projects"][1]["schema_version"] = json!(newer);
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.message, expected);
    assert_eq!(e.path.as_deref(), Some("projects[1].schema_version"));

    // A bare project.
    let mut p = as_json(&example_project());
    p["schema_version"] = json!(newer);
    assert_eq!(import_value(&p).unwrap_err().message, expected);

    let mut v = three_project_file();
    v["format_version"] = json!(2);
    let e = import_value(&v).unwrap_err();
    assert!(
        e.message.contains("文件来自更新版本（文件格式版本 2）"),
        "{e}"
    );
}

#[test]
fn invalid_versions_are_refused() {
    for (key, bad) in [
        ("schema_version", json!(0)),
        ("schema_version", json!("1")),
        ("format_version", json!(null)),
        ("format_version", json!(1.5)),
    ] {
        let mut v = three_project_file();
        v[key] = bad.clone();
        let e = import_value(&v).unwrap_err();
        assert_eq!(e.path.as_deref(), Some(key), "{bad}: {e}");
        assert!(e.message.contains("应为正整数"), "{bad}: {e}");
    }
    let mut v = three_project_file();
    v.as_object_mut().unwrap().remove("format_version");
    assert!(
        import_value(&v)
            .unwrap_err()
            .message
            .contains("缺少格式版本")
    );

    let mut v = three_project_file();
    v["projects"][0]["schema_version"] = json!(0);
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("projects[0].schema_version"));
}

/// The envelope states the version for all; a project may leave it out.
#[test]
fn project_without_own_version_takes_the_file_version() {
    let mut v = three_project_file();
    for p in v["projects"].as_array_mut().unwrap() {
        p.as_object_mut().unwrap().remove("schema_version");
    }
    let back = import_value(&v).unwrap();
    assert!(back.iter().all(|p| p.schema_version == SCHEMA_VERSION));
}

#[test]
fn ten_megabyte_text_is_refused_by_size_without_parsing() {
    // Not JSON at all: a parser would have said so, with a line number.
    let text = "x".repeat(10 * 1024 * 1024);
    let e = import(&text).unwrap_err();
    assert_eq!(
        e.message,
        "文件大小为 10.0 MB，超过导入上限 5 MB，请确认选择的是本工具导出的文件。"
    );
    assert_eq!((e.line, e.column, e.path), (None, None, None));
    assert!(
        import(&"x".repeat(MAX_IMPORT_BYTES))
            .unwrap_err()
            .line
            .is_some()
    );
}

#[test]
fn html_and_script_in_text_fields_are_kept_verbatim() {
    let nasty = [
        "<script>alert('x')</script>",
        "<img src=x onerror=\"alert(1)\">",
        "</textarea><b>粗体</b>&amp;&lt;",
        "\"}]}, {\"format\": \"jixiao-export\"",
        "javascript:alert(document.cookie)",
        "{{ 模板 }} ${注入} \u{202e}反向 \u{0}零",
    ];
    let mut p = example_project();
    p.name = nasty[0].to_string();
    p.background = nasty[1].to_string();
    p.goal_actual = nasty[2].to_string();
    p.problems = nasty.iter().map(|s| s.to_string()).collect();
    p.other_notes = nasty.concat();
    p.indicators[0].name = nasty[3].to_string();
    p.indicators[0].groups[0].indicators[0].unit = nasty[4].to_string();
    p.indicators[0].groups[0].indicators[0].target = NumberText::new(nasty[5]);
    p.funds.other.executed = NumberText::new(nasty[0]);
    p.rules.name = nasty[1].to_string();

    let back = import(&export(std::slice::from_ref(&p), WHEN)).unwrap();
    assert_eq!(back, vec![p.clone()]);
    assert_eq!(back[0].name, "<script>alert('x')</script>");
    assert_eq!(back[0].problems, nasty);
    // The bare form (as stored) keeps them too.
    assert_eq!(import(&to_json(&p)).unwrap(), vec![p]);
}

#[test]
fn wrong_type_deep_in_tree_is_reported_with_exact_path() {
    let deep = "/projects/2/indicators/0/groups/3/indicators/1";
    let cases: Vec<(&str, Value, &str, &str)> = vec![
        (
            "/projects/2/indicators/0/groups/3/indicators/1/weight",
            json!(20),
            "projects[2].indicators[0].groups[3].indicators[1].weight",
            "应为文本，实际为数字 20",
        ),
        (
            "/projects/2/indicators/0/groups/3/indicators/1/kind",
            json!("Bigger"),
            "projects[2].indicators[0].groups[3].indicators[1].kind",
            "取值“Bigger”无法识别，应为以下之一：AtLeast、MoreThan",
        ),
        (
            "/projects/2/indicators/0/groups/3/indicators/1/qualitative_grade",
            json!(3),
            "projects[2].indicators[0].groups[3].indicators[1].qualitative_grade",
            "应为以下之一：Achieved、PartlyAchieved、NotAchieved，实际为数字 3",
        ),
        (
            "/projects/2/indicators/0/groups/3/indicators/1/qualitative_grade",
            json!("Done"),
            "projects[2].indicators[0].groups[3].indicators[1].qualitative_grade",
            "取值“Done”无法识别，应为以下之一：Achieved、PartlyAchieved、NotAchieved",
        ),
        (
            "/projects/2/indicators/0/groups/3/indicators/1/id",
            json!("7"),
            "projects[2].indicators[0].groups[3].indicators[1].id",
            "应为非负整数，实际为文本“7”",
        ),
        (
            "/projects/2/indicators/0/groups/3/indicators/0/id",
            json!(-1),
            "projects[2].indicators[0].groups[3].indicators[0].id",
            "应为非负整数，实际为数字 -1",
        ),
        (
            "/projects/1/problems/1",
            json!(5),
            "projects[1].problems[1]",
            "应为文本，实际为数字 5",
        ),
        (
            "/projects/0/indicators",
            json!({}),
            "projects[0].indicators",
            "应为列表（[…]），实际为对象",
        ),
        (
            "/projects/0/funds",
            json!("27.5"),
            "projects[0].funds",
            "应为对象（{…}），实际为文本“27.5”",
        ),
        (
            "/projects/0/money_unit",
            json!("Jin"),
            "projects[0].money_unit",
            "取值“Jin”无法识别，应为以下之一：Wan、Yuan",
        ),
        (
            "/projects/0/money_unit",
            json!(null),
            "projects[0].money_unit",
            "应为以下之一：Wan、Yuan，实际为空值 null",
        ),
        (
            "/projects/0/updated_at",
            json!("昨天"),
            "projects[0].updated_at",
            "应为数字，实际为文本“昨天”",
        ),
        (
            "/projects/0/id",
            json!(5),
            "projects[0].id",
            "应为文本，实际为数字 5",
        ),
        (
            "/projects/2/rules/level1_weights/1/weight",
            json!("30"),
            "projects[2].rules.level1_weights[1].weight",
            "应为数字，实际为文本“30”",
        ),
        (
            "/projects/2/rules/execution_scoring",
            json!({"Banded": [{"from": 100, "factor": 1}, {"from": "八十", "factor": 0.7}]}),
            "projects[2].rules.execution_scoring.Banded[1].from",
            "应为数字，实际为文本“八十”",
        ),
        (
            "/projects/2/rules/execution_scoring",
            json!({"Stepped": []}),
            "projects[2].rules.execution_scoring",
            "取值“Stepped”无法识别，应为以下之一：Proportional、Banded",
        ),
        (
            "/projects/2/rules/total_cap",
            json!([{"below": 80, "max_total": true}]),
            "projects[2].rules.total_cap[0].max_total",
            "应为数字，实际为布尔值 true",
        ),
    ];
    for (pointer, bad, path, what) in cases {
        let mut v = three_project_file();
        assert!(v.pointer(deep).is_some());
        *v.pointer_mut(pointer).expect(pointer) = bad.clone();
        let e = import_value(&v).unwrap_err();
        assert_eq!(e.path.as_deref(), Some(path), "{pointer} = {bad}: {e}");
        assert!(
            e.message.contains(&format!("{path}：{what}")),
            "{pointer} = {bad}: {e}"
        );
        assert!(e.message.ends_with('。'), "{e}");
        assert_eq!((e.line, e.column), (None, None));
    }
}

#[test]
fn missing_field_is_reported_with_its_path() {
    let mut v = three_project_file();
    v["projects"][1]["funds"]["total"]
        .as_object_mut()
        .unwrap()
        .remove("executed");
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("projects[1].funds.total.executed"));
    assert_eq!(
        e.message,
        "第 2 个项目（“乙”）有误，位置 projects[1].funds.total.executed：缺少此字段。"
    );

    let mut v = three_project_file();
    v["projects"][0].as_object_mut().unwrap().remove("name");
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("projects[0].name"));
}

#[test]
fn bare_project_errors_have_paths_without_prefix() {
    let mut p = as_json(&example_project());
    p["indicators"][0]["groups"][1]["indicators"][0]["weight"] = json!(20);
    let e = import_value(&p).unwrap_err();
    assert_eq!(
        e.path.as_deref(),
        Some("indicators[0].groups[1].indicators[0].weight")
    );
    assert!(
        e.message
            .starts_with("项目（“县政务中心互联网网络费、IMS 通讯费”）有误，位置 indicators[0]"),
        "{e}"
    );
}

#[test]
fn one_bad_project_refuses_the_whole_file() {
    let mut v = three_project_file();
    v["projects"][2]["year"] = json!(2024);
    let e = import_value(&v).unwrap_err();
    assert!(e.message.starts_with("第 3 个项目（“丙”）有误"), "{e}");

    let mut v = three_project_file();
    v["projects"][1] = json!("乙");
    let e = import_value(&v).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("projects[1]"));

    let mut v = three_project_file();
    v["projects"] = json!([]);
    assert!(import_value(&v).unwrap_err().message.contains("没有项目"));
    v["projects"] = json!({});
    assert_eq!(
        import_value(&v).unwrap_err().path.as_deref(),
        Some("projects")
    );
}

#[test]
fn unknown_fields_are_ignored_for_forward_compatibility() {
    let mut v = three_project_file();
    v["generator_note"] = json!("由某版本生成");
    v["projects"][0]["field_from_the_future"] = json!({"x": 1});
    assert_eq!(import_value(&v).unwrap().len(), 3);
}

#[test]
fn duplicate_ids_in_one_file_are_refused() {
    let text = export(
        &[with_id("a", "甲"), with_id("b", "乙"), with_id("a", "丙")],
        WHEN,
    );
    let e = import(&text).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("projects[2].id"));
    assert_eq!(
        e.message,
        "第 3 个项目（“丙”）的编号“a”与第 1 个项目（“甲”）相同，同一文件中的项目编号不能重复。"
    );
}

#[test]
fn ids_that_cannot_be_storage_keys_are_refused() {
    let long = "x".repeat(65);
    for bad in ["", "a b", "../etc", "项目一", "a.b", "a\nb", long.as_str()] {
        let text = export(&[with_id("ok-1", "甲"), with_id(bad, "乙")], WHEN);
        let e = import(&text).unwrap_err();
        assert_eq!(e.path.as_deref(), Some("projects[1].id"), "{bad:?}: {e}");
        assert!(
            e.message.starts_with("第 2 个项目（“乙”）的编号")
                && e.message.contains("只能由英文字母、数字、“-”和“_”组成"),
            "{bad:?}: {e}"
        );
    }
    let ok = "A-z_09".repeat(10) + "abcd";
    assert_eq!(ok.len(), 64);
    assert!(import(&export(&[with_id(&ok, "甲")], WHEN)).is_ok());
}

#[test]
fn bare_project_object_is_accepted() {
    let p = example_project();
    assert_eq!(import(&to_json(&p)).unwrap(), vec![p.clone()]);
    // Compact, as some tools re-save it.
    assert_eq!(
        import(&serde_json::to_string(&p).unwrap()).unwrap(),
        vec![p.clone()]
    );
    let mut v = as_json(&p);
    v["id"] = json!("has space");
    assert_eq!(import_value(&v).unwrap_err().path.as_deref(), Some("id"));
}

#[test]
fn plan_import_classifies_new_identical_and_conflict() {
    let existing = vec![with_id("a", "甲"), with_id("b", "乙")];
    let mut changed = with_id("b", "乙（对方修改）");
    changed.year = "2025".to_string();
    let incoming = vec![with_id("c", "丙"), with_id("a", "甲"), changed];
    let plan = plan_import(&existing, &incoming);
    assert_eq!(
        plan,
        vec![
            ImportItem::New { incoming: 0 },
            ImportItem::Identical { incoming: 1 },
            ImportItem::Conflict(Conflict::SameId {
                incoming: 2,
                existing_name: "乙".to_string()
            }),
        ]
    );
    assert_eq!(
        plan.iter().map(ImportItem::incoming).collect::<Vec<_>>(),
        [0, 1, 2]
    );

    // Only a later edit time differs: still a conflict (the user decides).
    let touched = Project {
        updated_at: 1.0,
        ..with_id("a", "甲")
    };
    assert!(matches!(
        plan_import(&existing, &[touched])[..],
        [ImportItem::Conflict(_)]
    ));
    assert!(
        plan_import(&[], &incoming)
            .iter()
            .all(|i| matches!(i, ImportItem::New { .. }))
    );
}

#[test]
fn keep_both_gets_fresh_id_and_marked_name() {
    let copy = with_fresh_id(with_id("a", "甲"), "p18f0c2a9".to_string());
    assert_eq!(copy.id, "p18f0c2a9");
    assert_eq!(copy.name, "甲（导入）");
    assert_eq!(copy.indicators, example_project().indicators);
}

/// The example in docs/format.md must stay a file the tool accepts.
#[test]
fn example_in_format_doc_still_imports() {
    let doc = include_str!("../../../docs/format.md");
    let marker = "<!-- example-file -->";
    let after = &doc[doc.find(marker).expect("example marker") + marker.len()..];
    let start = after.find("```json\n").expect("json block") + "```json\n".len();
    let block = &after[start..start + after[start..].find("```").expect("block end")];
    let projects = import(block).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(projects.len(), 1);
    assert_eq!(as_json(&projects[0]), as_json(&example_project()));
    let v: Value = serde_json::from_str(block).unwrap();
    assert_eq!(v["format"], "jixiao-export");
}

// ---- generated projects ----

/// Several projects with distinct valid ids, as "export all" produces.
fn projects() -> impl Strategy<Value = Vec<Project>> {
    prop::collection::vec(("[A-Za-z0-9_-]{1,60}", project()), 1..4).prop_map(|items| {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (id, p))| Project {
                id: format!("{id}{i}"),
                ..p
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn round_trip_of_generated_projects_gives_identical_json_and_totals(
        ps in projects(),
        when in ".{0,30}",
    ) {
        let back = import(&export(&ps, &when));
        prop_assert!(back.is_ok(), "{}", back.unwrap_err());
        let back = back.unwrap();
        prop_assert_eq!(back.len(), ps.len());
        for (p, q) in ps.iter().zip(&back) {
            prop_assert_eq!(as_json(q), as_json(p));
            let (a, b) = (evaluate(p), evaluate(q));
            prop_assert_eq!(a.total, b.total);
            prop_assert_eq!(a.raw_total, b.raw_total);
            prop_assert_eq!(a.grade, b.grade);
        }
        let plan = plan_import(&ps, &back);
        let all_identical = plan.iter().all(|i| matches!(i, ImportItem::Identical { .. }));
        prop_assert!(all_identical, "{:?}", plan);
    }

    /// Any cut of a valid file is refused (never a panic, never a partial list).
    #[test]
    fn every_prefix_of_a_file_is_refused(ps in projects(), cut in 0.0f64..1.0) {
        let text = export(&ps, WHEN);
        let mut at = (text.len() as f64 * cut) as usize;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        prop_assert!(import(&text[..at]).is_err());
    }

    /// Valid files, then broken inside one project: the import is all or
    /// nothing, never panics, and a refusal points at the place in the file.
    #[test]
    fn broken_files_import_whole_or_not_at_all(
        ps in projects(),
        broken in broken_project_json(),
        at in any::<prop::sample::Index>(),
    ) {
        let text = export(&ps, WHEN);
        let mut file: Value = serde_json::from_str(&text).unwrap();
        let projects = file["projects"].as_array_mut().unwrap();
        let n = at.index(projects.len());
        projects[n] = broken;
        match import(&file.to_string()) {
            Ok(back) => prop_assert_eq!(back.len(), ps.len()),
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                if let Some(path) = &e.path {
                    prop_assert!(path.starts_with(&format!("projects[{n}]")), "{} for project {}", path, n);
                }
            }
        }
    }
}

/// What storage keeps under a project's key: the project inside a record.
#[test]
fn stored_record_is_accepted_as_one_project() {
    let p = example_project();
    let record = json!({
        "schema_version": SCHEMA_VERSION,
        "revision": 7,
        "saved_at": 1.7e12,
        "project": as_json(&p),
    });
    assert_eq!(import_value(&record).unwrap(), vec![p]);

    let mut bad = record.clone();
    bad["project"]["funds"]["other"]["executed"] = json!(0);
    let e = import_value(&bad).unwrap_err();
    assert_eq!(e.path.as_deref(), Some("project.funds.other.executed"));
    assert!(
        e.message.contains("project.funds.other.executed：应为文本"),
        "{e}"
    );
}

/// Two files imported together may carry the same id.
#[test]
fn plan_import_compares_repeated_incoming_ids_with_the_first() {
    let mut other = with_id("x", "乙");
    other.year = "2025".to_string();
    let incoming = [with_id("x", "甲"), with_id("x", "甲"), other];
    assert_eq!(
        plan_import(&[], &incoming),
        vec![
            ImportItem::New { incoming: 0 },
            ImportItem::Identical { incoming: 1 },
            ImportItem::Conflict(Conflict::SameId {
                incoming: 2,
                existing_name: "甲".to_string()
            }),
        ]
    );
}

/// The 申报表's fields (issue 27) travel in the file and come back as they
/// went; a file without them (every file written before) loads with them
/// empty and writes nothing new.
#[test]
fn declaration_fields_round_trip_and_old_files_do_not_grow() {
    use crate::project::{Declaration, IndicatorKind, Level2};
    let mut p = with_id("d", "智慧城管平台运维");
    p.declaration = Declaration {
        code: "440105230001".into(),
        period: "2023年1月-2023年12月".into(),
        project_type: "经常性项目".into(),
        is_new: "延续项目".into(),
        total_amount: NumberText::new("10185500"),
        year_amount: NumberText::new(" 1,018.55万元 "),
        policy_basis: "《某市数字化城市管理条例》".into(),
        cost_basis: "13台×50万元".into(),
        long_term_goal: "建成感知网络".into(),
    };
    let ind = &mut p.indicators[0].groups[0].indicators[0];
    ind.notes.explanation = "在网终端台数".into();
    ind.notes.evidence = "验收单".into();
    ind.kind = IndicatorKind::Deadline;
    ind.target = NumberText::new("11月底前完成");
    p.indicators[0].groups.push(Level2 {
        name: "成本指标".into(),
        not_applicable: true,
        ..Level2::default()
    });
    let text = export(std::slice::from_ref(&p), WHEN);
    let back = import(&text).unwrap();
    assert_eq!(back[0], p);
    assert!(text.contains("\"not_applicable\": true") && text.contains("\"Deadline\""));

    assert!(text.contains("\"is_new\": \"延续项目\""));
    // An old file: nothing of the above, and nothing of it written back.
    let old = include_str!("../../../tests/fixtures/export-v1.json");
    for project in import(old).unwrap() {
        assert!(project.declaration.is_empty());
        assert!(
            project
                .indicators
                .iter()
                .flat_map(|l| &l.groups)
                .all(|g| !g.not_applicable && g.indicators.iter().all(|i| i.notes.is_empty()))
        );
        let written = serde_json::to_string(&project).unwrap();
        for key in ["declaration", "notes", "not_applicable"] {
            assert!(!written.contains(&format!("\"{key}\"")), "{key}");
        }
    }
}

/// 是否新增 was a boolean in the first builds with the 申报表 fields: a
/// record or file of theirs reads as 是/否 (and `null` as not said), and is
/// written back as text.
#[test]
fn is_new_of_the_boolean_builds_reads_as_yes_or_no() {
    let p = with_id("d", "项目");
    let text = export(std::slice::from_ref(&p), WHEN);
    for (stored, read) in [
        (json!(true), "是"),
        (json!(false), "否"),
        (Value::Null, ""),
        (json!("否（延续）"), "否（延续）"),
    ] {
        let mut file: Value = serde_json::from_str(&text).unwrap();
        file["projects"][0]["declaration"] = json!({ "code": "1", "is_new": stored });
        let back = import(&file.to_string()).unwrap();
        assert_eq!(back[0].declaration.is_new, read, "{stored}");
        let written = export(&back, WHEN);
        let again: Value = serde_json::from_str(&written).unwrap();
        let is_new = &again["projects"][0]["declaration"]["is_new"];
        if read.is_empty() {
            assert!(is_new.is_null(), "{stored}: not said is not written");
        } else {
            assert_eq!(is_new, &json!(read), "{stored}");
        }
    }
    // A number is neither: refused with its path, like any mistyped field.
    let mut file: Value = serde_json::from_str(&text).unwrap();
    file["projects"][0]["declaration"] = json!({ "is_new": 1 });
    assert!(import(&file.to_string()).is_err());
}
