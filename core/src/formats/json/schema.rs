//! Loading and saving project documents (JSON), with version migration.
//!
//! Files outlive the app version that wrote them: a stored record is read as
//! a generic JSON value first, upgraded step by step to [`SCHEMA_VERSION`],
//! and only then turned into a [`Project`]. Errors are in Chinese with the
//! line and column, because the person reading them is the one who picked
//! the file.

use std::fmt;

use serde_json::Value;

use crate::finding::CATALOGUE;
use crate::overview::Summary;
use crate::project::{Project, SCHEMA_VERSION};
use crate::review_rules::ReviewRules;
use crate::rules::RuleSet;

/// One upgrade step: the document at version n in, version n + 1 out.
pub type Step = fn(Value) -> Value;

/// `MIGRATIONS[n - 1]` upgrades version n to n + 1; a new version adds its
/// step here and bumps `SCHEMA_VERSION`.
pub const MIGRATIONS: &[Step] = &[v1_to_v2, v2_to_v3];

/// v2 added the report settings (template, edited paragraphs, 落款) and the
/// last-edit time. A v1 record gets explicit defaults, so what it loads as
/// does not depend on serde defaults staying the same.
fn v1_to_v2(mut value: Value) -> Value {
    if let Some(project) = value.as_object_mut() {
        project.entry("report").or_insert_with(|| {
            serde_json::json!({
                "template": "CountyA",
                "edits": {},
                "show_signature": false,
                "signature_unit": "",
                "signature_date": "",
                "show_checks": false,
            })
        });
        project
            .entry("updated_at")
            .or_insert_with(|| Value::from(0.0));
    }
    value
}

/// v3 added the year's cycle: 目标调整 (`adjustments` of an indicator),
/// 运行监控 (`monitoring`) and its lights' thresholds in the rule set. The
/// first two are absent until used; the thresholds are written out, as v1's
/// report settings are. Versioned so that an older app refuses a file whose
/// monitoring it would drop on its next save.
fn v2_to_v3(mut value: Value) -> Value {
    if let Some(rules) = value.get_mut("rules").and_then(Value::as_object_mut) {
        rules
            .entry("monitoring")
            .or_insert_with(|| serde_json::json!({"yellow_behind": 10.0, "red_behind": 20.0}));
    }
    value
}

const _: () = assert!(MIGRATIONS.len() + 1 == SCHEMA_VERSION as usize);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON at all (truncated, wrong file type …).
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not a project file.
    NotAProject(String),
    /// Written by a newer version of the app.
    TooNew { found: u64 },
    /// A project file whose fields do not fit (wrong type, missing field …).
    Shape {
        /// 0 when unknown (after a migration the text positions are gone).
        line: usize,
        column: usize,
        detail: String,
    },
}

fn position(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!("第 {line} 行第 {column} 列：")
    }
}

impl LoadError {
    pub fn message(&self) -> String {
        match self {
            LoadError::Syntax {
                line,
                column,
                detail,
            } => format!("文件不是有效的 JSON，{}{detail}", position(*line, *column)),
            LoadError::NotAProject(why) => format!("这不是绩效自评项目文件：{why}"),
            LoadError::TooNew { found } => format!(
                "此文件由更新版本的绩效自评工具保存（数据版本 {found}），当前工具只能读取版本 {SCHEMA_VERSION} 及以前的文件，请使用新版工具打开"
            ),
            LoadError::Shape {
                line,
                column,
                detail,
            } => format!("项目文件内容有误，{}{detail}", position(*line, *column)),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for LoadError {}

/// serde_json's English message without its " at line … column …" tail.
pub(crate) fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The Chinese reading of a serde_json message, with the original kept in
/// brackets for whoever has to debug the file.
fn explain(e: &serde_json::Error) -> String {
    let en = bare_message(e);
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or("").to_string();
    let zh = if en.starts_with("missing field") {
        format!("缺少字段“{}”", quoted(&en))
    } else if en.starts_with("unknown variant") {
        format!("取值“{}”无法识别", quoted(&en))
    } else if en.starts_with("duplicate field") {
        format!("字段“{}”重复", quoted(&en))
    } else if en.starts_with("invalid type") {
        "数据类型不正确".to_string()
    } else if en.starts_with("invalid value") || en.starts_with("invalid length") {
        "取值无效".to_string()
    } else if en.starts_with("EOF") {
        "内容不完整，文件可能被截断".to_string()
    } else if en.starts_with("trailing") {
        "末尾有多余内容".to_string()
    } else if en.starts_with("expected") || en.starts_with("key must be") {
        "格式不正确".to_string()
    } else if en.contains("control character") {
        "含有非法字符".to_string()
    } else if en.contains("number out of range") {
        "数字超出范围".to_string()
    } else {
        "无法读取".to_string()
    };
    format!("{zh}（{en}）")
}

fn syntax_error(e: &serde_json::Error) -> LoadError {
    LoadError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: explain(e),
    }
}

fn shape_error(e: &serde_json::Error) -> LoadError {
    LoadError::Shape {
        line: e.line(),
        column: e.column(),
        detail: explain(e),
    }
}

/// The document's `schema_version`, checked.
fn version_of(value: &Value, current: u64) -> Result<u64, LoadError> {
    let Some(obj) = value.as_object() else {
        return Err(LoadError::NotAProject(
            "文件内容应为一个项目对象".to_string(),
        ));
    };
    let Some(v) = obj.get("schema_version") else {
        return Err(LoadError::NotAProject(
            "缺少数据版本号 schema_version".to_string(),
        ));
    };
    match v.as_u64() {
        Some(0) => Err(LoadError::NotAProject(
            "数据版本号 schema_version 无效".to_string(),
        )),
        Some(n) if n > current => Err(LoadError::TooNew { found: n }),
        Some(n) => Ok(n),
        None => Err(LoadError::NotAProject(
            "数据版本号 schema_version 应为正整数".to_string(),
        )),
    }
}

/// Upgrades a document through `steps` to version `steps.len() + 1`.
fn migrate_with(mut value: Value, steps: &[Step]) -> Result<Value, LoadError> {
    let current = steps.len() as u64 + 1;
    let from = version_of(&value, current)?;
    for step in &steps[(from - 1) as usize..] {
        value = step(value);
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema_version".to_string(), Value::from(current));
    }
    Ok(value)
}

/// Upgrades a stored document of any known version to [`SCHEMA_VERSION`].
pub fn migrate(value: Value) -> Result<Value, LoadError> {
    migrate_with(value, MIGRATIONS)
}

/// The document as a JSON value. All serialization goes through `Value`,
/// and all deserialization through JSON text, so the derived code of
/// `Project` is compiled into the wasm once each way: every other serializer
/// or deserializer type would instantiate it again.
pub fn project_to_value(project: &Project) -> Value {
    serde_json::to_value(project).unwrap_or(Value::Null)
}

/// Reads a document from a (migrated) JSON value, through its text: see
/// [`project_to_value`]. Errors carry the line and column of that text.
pub fn project_from_value(value: &Value) -> Result<Project, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

/// Reads a project file (as exported by [`to_json`] or kept in storage).
pub fn load_project_json(text: &str) -> Result<Project, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    let version = version_of(&value, u64::from(SCHEMA_VERSION))?;
    if version == u64::from(SCHEMA_VERSION) {
        // Current files: shape errors get their line and column from the text.
        return serde_json::from_str(text).map_err(|e| shape_error(&e));
    }
    let value = migrate(value)?;
    project_from_value(&value).map_err(|e| shape_error(&e))
}

/// Pretty JSON of one bare project (tests write fixtures with it; the app
/// writes exchange files and stored records).
#[cfg(test)]
pub fn to_json(project: &Project) -> String {
    serde_json::to_string_pretty(&project_to_value(project)).unwrap_or_default()
}

/// A rule set as a file of its own, so a region's rules can be shared
/// without code (through `serde_json::Value`, see [`project_to_value`]).
pub fn rule_set_to_json(rules: &RuleSet) -> String {
    let value = serde_json::to_value(rules).unwrap_or(Value::Null);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Reads a rule set file written by [`rule_set_to_json`] (or by hand).
/// Rule-set and 审核口径 files larger than this are refused unread (a rule
/// set is a few KB): the editor's file inputs and `jixiao --rules` both
/// hold to it.
pub const MAX_RULE_FILE_BYTES: usize = 1024 * 1024;

pub fn load_rule_set_json(text: &str) -> Result<RuleSet, LoadError> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            syntax_error(&e)
        } else {
            shape_error(&e)
        }
    })
}

/// A 审核口径 as a file of its own: every field written out, defaults
/// included, so a region edits the file it exported rather than a blank.
pub fn review_rules_to_json(rules: &ReviewRules) -> String {
    let value = serde_json::to_value(rules).unwrap_or(Value::Null);
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// Reads a 审核口径 file, refusing it whole (in Chinese, naming the field
/// or the pattern and why) when it is not JSON, has a field it does not
/// know (a misspelt list would otherwise be dropped in silence), names a
/// rule that is not a target rule, or holds a pattern the matcher refuses.
pub fn load_review_rules_json(text: &str) -> Result<ReviewRules, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e).message())?;
    let Some(fields) = value.as_object() else {
        return Err("这不是审核口径文件：内容应为一个对象".into());
    };
    let known = serde_json::to_value(ReviewRules::default()).unwrap_or(Value::Null);
    let unknown: Vec<&str> = fields
        .keys()
        .filter(|k| known.get(k.as_str()).is_none())
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "这不是审核口径文件，或其中有无法识别的字段：{}",
            unknown.join("、")
        ));
    }
    let rules: ReviewRules = serde_json::from_value(value)
        .map_err(|e| format!("审核口径文件的字段有误：{}", explain(&e)))?;
    let target_rule =
        |id: &str| id.starts_with("target.") && CATALOGUE.iter().any(|spec| spec.id == id);
    let mut problems: Vec<String> = rules
        .advice
        .keys()
        .filter(|id| !target_rule(id))
        .map(|id| format!("审核口径中的建议“{id}”不是目标审核规则的编号"))
        .collect();
    if let Err(more) = rules.compile() {
        problems.extend(more);
    }
    if problems.is_empty() {
        Ok(rules)
    } else {
        Err(problems.join("；"))
    }
}

/// What storage keeps under one project's key: the document plus the
/// revision that stops two tabs from silently overwriting each other. The
/// revision is storage bookkeeping, so it stays out of the document and out
/// of exported files.
pub struct StoredRecord {
    pub project: Project,
    pub revision: u64,
}

/// Compact JSON of a stored record (storage space is the scarce resource).
pub fn record_to_json(project: &Project, revision: u64, saved_at: f64) -> String {
    serde_json::json!({
        "schema_version": SCHEMA_VERSION,
        "revision": revision,
        "saved_at": saved_at,
        "project": project_to_value(project),
    })
    .to_string()
}

/// Reads a stored record; a bare project (as exported) is accepted as revision 0.
pub fn load_record(text: &str) -> Result<StoredRecord, LoadError> {
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
    match value {
        Value::Object(mut record) if record.contains_key("project") => {
            let revision = record.get("revision").and_then(Value::as_u64).unwrap_or(0);
            let project = record.remove("project").unwrap_or(Value::Null);
            let project = migrate(project)?;
            let project = project_from_value(&project).map_err(|e| shape_error(&e))?;
            Ok(StoredRecord { project, revision })
        }
        _ => Ok(StoredRecord {
            project: load_project_json(text)?,
            revision: 0,
        }),
    }
}

/// What becomes of a record found in localStorage (an older build's, or a
/// save a closed page could not finish), given the record stored now.
#[derive(Debug, PartialEq)]
pub enum MoveIn {
    Take,
    /// The stored record says the same: nothing to move.
    AlreadyThere,
    /// Saved again since the copy's base (by another tab, or by an older
    /// build's own count): kept aside, never written over the stored one.
    SetAside,
}

/// `copy` and `stored` are record texts; the documents are compared as
/// written (one writer, keys in order), which needs neither read in full.
pub fn move_in(copy: &str, stored: Option<&str>) -> MoveIn {
    let revision = |text: &str| record_stamp(text).map(|(revision, _)| revision);
    let document = |text: &str| {
        text.rsplit_once(",\"revision\":")
            .map(|(document, _)| document.to_string())
    };
    match stored {
        None => MoveIn::Take,
        // Nothing was saved after the save the copy was made from (a stored
        // text without a stamp says nothing of that: not written over).
        Some(stored) if revision(stored).is_some_and(|r| Some(r) < revision(copy)) => MoveIn::Take,
        Some(stored) if document(stored).is_some() && document(stored) == document(copy) => {
            MoveIn::AlreadyThere
        }
        Some(_) => MoveIn::SetAside,
    }
}

/// How many characters at the end of a stored record [`record_stamp`] needs:
/// the record's keys are written in order, so the revision and save time
/// follow the document.
pub const STAMP_TAIL_CHARS: u32 = 120;

/// The revision and save time of a stored record, read from the last
/// [`STAMP_TAIL_CHARS`] characters of its text: checking that a project's
/// summary is current must not read the whole document. `None` when the
/// tail does not hold them (then the record is read in full).
pub fn record_stamp(tail: &str) -> Option<(u64, f64)> {
    fn number_after<'a>(text: &'a str, key: &str) -> Option<&'a str> {
        let start = text.rfind(key)? + key.len();
        let rest = &text[start..];
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        Some(rest[..end].trim())
    }
    let revision = number_after(tail, "\"revision\":")?.parse().ok()?;
    let saved_at = number_after(tail, "\"saved_at\":")?.parse().ok()?;
    Some((revision, saved_at))
}

/// Whether `summary` still describes the record whose last characters are
/// `record_tail`, as scored by this build.
pub fn summary_describes(summary: &Summary, record_tail: &str) -> bool {
    record_stamp(record_tail)
        .is_some_and(|(revision, saved_at)| summary.describes(revision, saved_at))
}

/// A summary as stored: a JSON array of its fields.
pub fn summary_to_json(summary: &Summary) -> String {
    // A slice, as the index is written: one serializer in the wasm, not two.
    serde_json::to_string(&summary.to_fields()[..]).unwrap_or_default()
}

pub fn summary_from_json(text: &str) -> Option<Summary> {
    Summary::from_fields(&serde_json::from_str::<Vec<String>>(text).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::preset;
    use crate::sample::example_project;

    #[test]
    fn round_trip() {
        let p = example_project();
        let text = to_json(&p);
        assert!(text.contains(&format!("\n  \"schema_version\": {SCHEMA_VERSION}")));
        assert_eq!(load_project_json(&text).unwrap(), p);
    }

    /// The stamp is read from the record's last characters (as the browser
    /// slices them, in UTF-16 units), whatever the document holds.
    #[test]
    fn a_records_stamp_is_in_its_tail() {
        let mut p = example_project();
        p.goal_actual = "\"revision\": 9, \"saved_at\": 1 的说明".repeat(3);
        let text = record_to_json(&p, 42, 1_764_937_083_123.0);
        let units: Vec<u16> = text.encode_utf16().collect();
        let tail = String::from_utf16_lossy(&units[units.len() - STAMP_TAIL_CHARS as usize..]);
        assert_eq!(record_stamp(&tail), Some((42, 1_764_937_083_123.0)));
        assert_eq!(load_record(&text).unwrap().revision, 42);
        // A bare project (an exported file put in storage) has no stamp.
        assert_eq!(record_stamp(&to_json(&p)), None);
        assert_eq!(record_stamp("}"), None);
    }

    #[test]
    fn syntax_errors_have_position_and_chinese() {
        let e = load_project_json("{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        let LoadError::Syntax { line, column, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!((*line, *column), (3, 3));
        assert!(
            e.message()
                .starts_with("文件不是有效的 JSON，第 3 行第 3 列："),
            "{e}"
        );
        let e = load_project_json("{\"schema_version\": 1,").unwrap_err();
        assert!(e.message().contains("截断"), "{e}");
        assert!(matches!(
            load_project_json(""),
            Err(LoadError::Syntax { .. })
        ));
    }

    #[test]
    fn shape_errors_have_position_and_chinese() {
        let mut v: Value = serde_json::from_str(&to_json(&example_project())).unwrap();
        v.as_object_mut().unwrap().remove("name");
        let e = load_project_json(&serde_json::to_string_pretty(&v).unwrap()).unwrap_err();
        assert!(
            matches!(e, LoadError::Shape { line, .. } if line > 0),
            "{e:?}"
        );
        assert!(e.message().contains("缺少字段“name”"), "{e}");

        let text = to_json(&example_project()).replace("\"Wan\"", "\"Jin\"");
        let e = load_project_json(&text).unwrap_err();
        assert!(e.message().contains("取值“Jin”无法识别"), "{e}");
        let text = to_json(&example_project()).replace("\"year\": \"2024\"", "\"year\": 2024");
        let e = load_project_json(&text).unwrap_err();
        assert!(e.message().contains("数据类型不正确"), "{e}");
    }

    #[test]
    fn version_checks() {
        let newer = SCHEMA_VERSION as u64 + 1;
        let e = load_project_json(&format!(r#"{{"schema_version": {newer}}}"#)).unwrap_err();
        assert_eq!(e, LoadError::TooNew { found: newer });
        assert!(e.message().contains("更新版本"));
        for text in [
            r#"{"name": "x"}"#,
            r#"{"schema_version": 0}"#,
            r#"{"schema_version": "1"}"#,
            "[1]",
            "3",
        ] {
            let e = load_project_json(text).unwrap_err();
            assert!(matches!(e, LoadError::NotAProject(_)), "{text}: {e:?}");
            assert!(e.message().starts_with("这不是绩效自评项目文件"));
        }
    }

    /// The chain runs every step from the file's version up, in order.
    #[test]
    fn migration_chain() {
        fn v1_to_v2(mut v: Value) -> Value {
            let o = v.as_object_mut().unwrap();
            let name = o.remove("title").unwrap_or_default();
            o.insert("name".into(), name);
            v
        }
        fn v2_to_v3(mut v: Value) -> Value {
            v.as_object_mut()
                .unwrap()
                .insert("added_in_v3".into(), Value::Bool(true));
            v
        }
        let steps: &[Step] = &[v1_to_v2, v2_to_v3];
        let v = migrate_with(
            serde_json::json!({"schema_version": 1, "title": "旧"}),
            steps,
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"schema_version": 3, "name": "旧", "added_in_v3": true})
        );
        let v = migrate_with(
            serde_json::json!({"schema_version": 2, "name": "新"}),
            steps,
        )
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"schema_version": 3, "name": "新", "added_in_v3": true})
        );
        assert!(matches!(
            migrate_with(serde_json::json!({"schema_version": 4}), steps),
            Err(LoadError::TooNew { found: 4 })
        ));
        // The real chain is the identity at v1.
        let p = serde_json::to_value(example_project()).unwrap();
        assert_eq!(migrate(p.clone()).unwrap(), p);
    }

    #[test]
    fn rule_set_files() {
        let r = preset("hubei").unwrap();
        let text = rule_set_to_json(&r);
        assert!(text.contains("\"execution_weight\": 20.0"));
        assert_eq!(load_rule_set_json(&text).unwrap(), r);
        let e = load_rule_set_json(r#"{"execution_weight": "x"}"#).unwrap_err();
        assert!(matches!(e, LoadError::Shape { .. }), "{e:?}");
        assert!(matches!(
            load_rule_set_json("{"),
            Err(LoadError::Syntax { .. })
        ));
    }

    #[test]
    fn review_rule_files_round_trip() {
        let mut rules = ReviewRules {
            name: "某市审核口径".into(),
            name_max_chars: 12,
            ..ReviewRules::default()
        };
        rules.deadline_patterns.push("竣工前".into());
        rules
            .advice
            .insert("target.value.vague".into(), "写成数值".into());
        let text = review_rules_to_json(&rules);
        assert!(text.contains("\"name_max_chars\": 12"));
        assert_eq!(load_review_rules_json(&text).unwrap(), rules);
        // The defaults are written out whole, and read back the same.
        let defaults = review_rules_to_json(&ReviewRules::default());
        assert!(defaults.contains("document_patterns"));
        assert!(load_review_rules_json(&defaults).unwrap().is_default());
        // Carried in the rule set, and in its file, once changed.
        let mut set = preset("hubei").unwrap();
        assert!(!rule_set_to_json(&set).contains("\"review\""));
        set.review = rules.clone();
        assert_eq!(
            load_rule_set_json(&rule_set_to_json(&set)).unwrap().review,
            rules
        );
    }

    #[test]
    fn bad_review_rule_files_are_refused_with_the_reason() {
        let refused = |text: &str| load_review_rules_json(text).unwrap_err();
        assert!(refused("{").contains("不是有效的 JSON"));
        assert!(refused("[]").contains("不是审核口径文件"));
        // A scoring rule set is not a 审核口径.
        assert!(refused(&rule_set_to_json(&preset("hubei").unwrap())).contains("execution_weight"));
        assert!(refused(r##"{"deadline_pattern": ["#月"]}"##).contains("deadline_pattern"));
        assert!(refused(r#"{"name_max_chars": "十五"}"#).contains("字段有误"));
        assert_eq!(
            refused(r#"{"vague_words": [{"pattern": "很*|*", "suggestion": "写数字"}]}"#),
            "审核口径中“模糊用语”的第 1 个模式“很*|*”无效：第 2 个备选只有通配符，会匹配任何文字"
        );
        assert!(
            refused(r#"{"advice": {"indicator.actual.blank": "x"}}"#)
                .contains("“indicator.actual.blank”不是目标审核规则的编号")
        );
        let long = format!(r#"{{"graded_words": ["{}"]}}"#, "好".repeat(100));
        assert!(refused(&long).contains("超过上限 64"));
    }

    #[test]
    fn stored_record_round_trips_with_its_revision() {
        let project = example_project();
        let text = record_to_json(&project, 7, 1.0);
        let record = load_record(&text).unwrap();
        assert_eq!(record.project, project);
        assert_eq!(record.revision, 7);
        assert_eq!(record_stamp(&text), Some((7, 1.0)));
    }

    #[test]
    fn a_copy_moves_in_only_over_its_own_base() {
        let mut project = example_project();
        let copy = record_to_json(&project, 6, 2000.0);
        assert_eq!(move_in(&copy, None), MoveIn::Take);
        let base = record_to_json(&project, 5, 1000.0);
        assert_eq!(move_in(&copy, Some(&base)), MoveIn::Take);
        // Its own save finished before the page closed: the same document.
        let own = record_to_json(&project, 6, 1500.0);
        assert_eq!(move_in(&copy, Some(&own)), MoveIn::AlreadyThere);
        // Another tab saved revision 6 too, or later: never overwritten.
        project.name.push('乙');
        let theirs = record_to_json(&project, 6, 1500.0);
        assert_eq!(move_in(&copy, Some(&theirs)), MoveIn::SetAside);
        let later = record_to_json(&project, 9, 9000.0);
        assert_eq!(move_in(&copy, Some(&later)), MoveIn::SetAside);
        // A stored text that is no record of ours is never written over.
        assert_eq!(move_in(&copy, Some("{\"x\": 1}")), MoveIn::SetAside);
    }

    #[test]
    fn a_bare_project_loads_as_revision_zero() {
        let project = example_project();
        let record = load_record(&to_json(&project)).unwrap();
        assert_eq!(record.project, project);
        assert_eq!(record.revision, 0);
    }

    #[test]
    fn a_garbled_record_is_an_error_not_a_panic() {
        assert!(load_record("{\"project\": 5}").is_err());
        assert!(load_record("not json").is_err());
        assert_eq!(record_stamp("{\"revision\": \"x\", \"saved_at\": 1}"), None);
    }
}
