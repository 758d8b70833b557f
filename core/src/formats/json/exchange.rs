//! The exchange file: how evaluations travel between colleagues and to the
//! finance bureau (format described in `docs/format.md`).
//!
//! Import is all-or-nothing: a file is read, migrated and checked in full
//! before a single project is handed back, so a bad file can never leave the
//! user's list half-updated. Every refusal is a Chinese sentence that says
//! what is wrong and where, because the person reading it usually did not
//! write the file and has to tell the sender what to fix.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

use super::schema::{self, LoadError, bare_message};
use crate::project::{Project, SCHEMA_VERSION};

/// The `format` marker that tells our files apart from any other JSON.
pub const FORMAT: &str = "jixiao-export";
/// Version of the envelope (the fields around `projects`), independent of
/// [`SCHEMA_VERSION`], which versions the projects themselves.
pub const FORMAT_VERSION: u32 = 1;
pub const APP: &str = "jixiao";
/// Generous for text (a large project is tens of KB) yet small enough that a
/// wrongly picked video or database dump is refused before it is parsed.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
/// Ids become localStorage keys (`jixiao.v1.project.<id>`) and DOM ids.
pub const MAX_ID_LEN: usize = 64;
/// Appended to the name of a copy kept next to an existing project.
pub const IMPORTED_SUFFIX: &str = "（导入）";

#[derive(Serialize)]
struct ExportFile<'a> {
    format: &'static str,
    format_version: u32,
    schema_version: u32,
    exported_at: &'a str,
    app: &'static str,
    /// Values, not `Project`s: the document is serialized through
    /// `serde_json::Value` everywhere, so its derived code is compiled once
    /// into the wasm (each serializer type would instantiate it again).
    projects: Vec<Value>,
}

/// The exchange file for `projects` (one or all), as pretty JSON whose
/// envelope fields always come in the same order.
pub fn export(projects: &[Project], exported_at: &str) -> String {
    let file = ExportFile {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        schema_version: SCHEMA_VERSION,
        exported_at,
        app: APP,
        // A project in memory already has the current shape whatever its
        // field says; writing a stale number would make the reader migrate
        // data that needs no migration.
        projects: projects
            .iter()
            .map(|p| {
                schema::project_to_value(&Project {
                    schema_version: SCHEMA_VERSION,
                    ..p.clone()
                })
            })
            .collect(),
    };
    serde_json::to_string_pretty(&file).expect("projects have only string keys")
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// A complete Chinese sentence, including the location; show it as is.
    pub message: String,
    /// Where in the file, e.g. `projects[2].indicators[0].weight` (paths of
    /// a bare project file have no `projects[i]` prefix).
    pub path: Option<String>,
    /// Text position, for syntax errors only (1-based; the column counts
    /// characters, as an editor shows them, not bytes).
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl ImportError {
    fn new(message: String) -> Self {
        Self {
            message,
            path: None,
            line: None,
            column: None,
        }
    }

    fn at(path: String, message: String) -> Self {
        Self {
            path: Some(path),
            ..Self::new(message)
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Reads an exchange file, or for convenience one project as kept in
/// localStorage: a bare project object, or a stored record
/// `{"schema_version", "revision", "saved_at", "project": {…}}`.
///
/// Older projects are migrated with [`schema::migrate`]; error paths refer to
/// the migrated (current) shape.
pub fn import(text: &str) -> Result<Vec<Project>, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(too_large(text.len()));
    }
    // Windows Notepad saves UTF-8 with a byte-order mark, which JSON forbids.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::new(
            "文件是空的，没有可导入的内容。".to_string(),
        ));
    }
    let root: Value = serde_json::from_str(text).map_err(|e| syntax_error(text, &e))?;
    let Value::Object(mut root) = root else {
        return Err(ImportError::new(format!(
            "不是本工具导出的文件：文件内容应为一个 JSON 对象，实际为{}。",
            describe(Some(&root))
        )));
    };
    if root.contains_key("format") {
        read_envelope(root)
    } else if is_bare_project(&root) {
        let project = read_project(Value::Object(root), &Place::bare(""))?;
        Ok(vec![project])
    } else if let Some(project) = stored_record_project(&mut root) {
        Ok(vec![read_project(project, &Place::bare("project"))?])
    } else {
        Err(ImportError::at(
            "format".to_string(),
            format!("不是本工具导出的文件：缺少文件标记 format（应为“{FORMAT}”）。"),
        ))
    }
}

/// Every stored project has a version and at least one of these; other JSON
/// (a rule set file, someone else's export) has not.
fn is_bare_project(root: &Map<String, Value>) -> bool {
    root.contains_key("schema_version")
        && ["id", "name", "indicators", "funds"]
            .iter()
            .any(|k| root.contains_key(*k))
}

/// The project inside a stored record, taking the record's version when it
/// has none of its own.
fn stored_record_project(root: &mut Map<String, Value>) -> Option<Value> {
    let version = root.get("schema_version")?.clone();
    match root.remove("project") {
        Some(Value::Object(mut project)) => {
            project.entry("schema_version").or_insert(version);
            Some(Value::Object(project))
        }
        _ => None,
    }
}

fn read_envelope(mut root: Map<String, Value>) -> Result<Vec<Project>, ImportError> {
    match root.get("format") {
        Some(Value::String(s)) if s == FORMAT => {}
        other => {
            return Err(ImportError::at(
                "format".to_string(),
                format!(
                    "不是本工具导出的文件：文件标记 format 应为“{FORMAT}”，实际为{}。",
                    describe(other)
                ),
            ));
        }
    }
    let format_version = version_field(&root, "format_version", "格式版本")?;
    if format_version > u64::from(FORMAT_VERSION) {
        return Err(ImportError::at(
            "format_version".to_string(),
            format!(
                "文件来自更新版本（文件格式版本 {format_version}），当前版本最高支持 {FORMAT_VERSION}，请升级本工具。"
            ),
        ));
    }
    let schema_version = version_field(&root, "schema_version", "数据版本")?;
    if schema_version > u64::from(SCHEMA_VERSION) {
        return Err(too_new("schema_version".to_string(), schema_version));
    }
    let projects = match root.remove("projects") {
        Some(Value::Array(items)) => items,
        other => {
            return Err(ImportError::at(
                "projects".to_string(),
                format!(
                    "文件内容有误，位置 projects：应为项目列表，实际为{}。",
                    describe(other.as_ref())
                ),
            ));
        }
    };
    if projects.is_empty() {
        return Err(ImportError::at(
            "projects".to_string(),
            "文件中没有项目，没有可导入的内容。".to_string(),
        ));
    }

    let mut out: Vec<Project> = Vec::with_capacity(projects.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, item) in projects.into_iter().enumerate() {
        let Value::Object(mut obj) = item else {
            return Err(ImportError::at(
                format!("projects[{i}]"),
                format!(
                    "第 {} 个项目有误，位置 projects[{i}]：应为对象，实际为{}。",
                    i + 1,
                    describe(Some(&item))
                ),
            ));
        };
        // The envelope states the version for all; a project repeats it
        // only because stored records carry their own.
        obj.entry("schema_version")
            .or_insert_with(|| Value::from(schema_version));
        let place = Place::item(i, project_name(&obj));
        let project = read_project(Value::Object(obj), &place)?;
        if let Some(&first) = seen.get(&project.id) {
            let first_place = Place::item(first, Some(excerpt(&out[first].name)));
            return Err(ImportError::at(
                place.path(&[Seg::key("id")]),
                format!(
                    "{}的编号“{}”与{}相同，同一文件中的项目编号不能重复。",
                    place.who(),
                    excerpt(&project.id),
                    first_place.who()
                ),
            ));
        }
        seen.insert(project.id.clone(), i);
        out.push(project);
    }
    Ok(out)
}

/// A positive integer version field of the envelope.
fn version_field(root: &Map<String, Value>, key: &str, label: &str) -> Result<u64, ImportError> {
    let Some(value) = root.get(key) else {
        return Err(ImportError::at(
            key.to_string(),
            format!("文件缺少{label} {key}，可能不是本工具导出的文件。"),
        ));
    };
    match value.as_u64() {
        Some(n) if n > 0 => Ok(n),
        _ => Err(ImportError::at(
            key.to_string(),
            format!(
                "文件内容有误，位置 {key}：{label}应为正整数，实际为{}。",
                describe(Some(value))
            ),
        )),
    }
}

fn too_new(path: String, found: u64) -> ImportError {
    ImportError::at(
        path,
        format!(
            "文件来自更新版本（数据版本 {found}），当前版本最高支持 {SCHEMA_VERSION}，请升级本工具。"
        ),
    )
}

fn too_large(bytes: usize) -> ImportError {
    const MB: f64 = 1024.0 * 1024.0;
    // Rounded up, so a file just over the limit never reads as "5.0 MB".
    let size = (bytes as f64 / MB * 10.0).ceil() / 10.0;
    ImportError::new(format!(
        "文件大小为 {size:.1} MB，超过导入上限 {} MB，请确认选择的是本工具导出的文件。",
        MAX_IMPORT_BYTES / (1024 * 1024)
    ))
}

/// Which project an error is about, for the path prefix and the sentence.
#[derive(Clone)]
struct Place {
    /// `projects[i]` in an exchange file, `project` in a stored record,
    /// empty for a bare project.
    prefix: String,
    /// Index in `projects`, when there is a list.
    index: Option<usize>,
    name: Option<String>,
}

impl Place {
    fn item(index: usize, name: Option<String>) -> Self {
        Self {
            prefix: format!("projects[{index}]"),
            index: Some(index),
            name,
        }
    }

    fn bare(prefix: &str) -> Self {
        Self {
            prefix: prefix.to_string(),
            index: None,
            name: None,
        }
    }

    fn who(&self) -> String {
        let name = match &self.name {
            Some(n) if !n.is_empty() => format!("（“{n}”）"),
            _ => String::new(),
        };
        match self.index {
            Some(i) => format!("第 {} 个项目{name}", i + 1),
            None => format!("项目{name}"),
        }
    }

    fn path(&self, segs: &[Seg]) -> String {
        let mut out = self.prefix.clone();
        for seg in segs {
            match seg {
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn error(&self, segs: &[Seg], what: &str) -> ImportError {
        let path = self.path(segs);
        if path.is_empty() {
            ImportError::new(format!("{}有误：{what}。", self.who()))
        } else {
            ImportError::at(
                path.clone(),
                format!("{}有误，位置 {path}：{what}。", self.who()),
            )
        }
    }
}

fn project_name(obj: &Map<String, Value>) -> Option<String> {
    obj.get("name").and_then(Value::as_str).map(excerpt)
}

/// Migrates, deserializes and checks one project object.
fn read_project(value: Value, place: &Place) -> Result<Project, ImportError> {
    let place = Place {
        name: place
            .name
            .clone()
            .or_else(|| value.as_object().and_then(project_name)),
        ..place.clone()
    };
    let value = schema::migrate(value).map_err(|e| match e {
        LoadError::TooNew { found } => too_new(place.path(&[Seg::key("schema_version")]), found),
        other => {
            let why = match other {
                LoadError::NotAProject(why) => why,
                other => other.message(),
            };
            place.error(&[Seg::key("schema_version")], &why)
        }
    })?;
    let project = schema::project_from_value(&value).map_err(|e| {
        let (segs, what) = locate(&value, &e);
        place.error(&segs, &what)
    })?;
    if let Some(why) = id_problem(&project.id) {
        return Err(ImportError::at(
            place.path(&[Seg::key("id")]),
            format!(
                "{}的编号“{}”无效（{why}）：编号只能由英文字母、数字、“-”和“_”组成，长度为 1 到 {MAX_ID_LEN} 个字符。",
                place.who(),
                excerpt(&project.id)
            ),
        ));
    }
    Ok(project)
}

/// Why `id` cannot be a storage key, if it cannot.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("编号为空")
    } else if id.len() > MAX_ID_LEN {
        Some("超过长度上限")
    } else if !id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Some("含有不允许的字符")
    } else {
        None
    }
}

/// One step of a path into a project.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    fn key(k: &str) -> Self {
        Seg::Key(k.to_string())
    }
}

/// `value` written one member per line, with the path each line belongs to.
///
/// serde_json reports where a shape error is only as a text position, and
/// only when reading text; laying the value out so that every line belongs
/// to exactly one path turns that position back into a path without a second,
/// hand-written description of `Project` that would drift from the real one.
struct Layout {
    text: String,
    /// `lines[n]` is the path of line n + 1: the member that starts on it,
    /// or, for a closing bracket, the container it closes.
    lines: Vec<Vec<Seg>>,
}

impl Layout {
    fn of(value: &Value) -> Self {
        let mut layout = Layout {
            text: String::new(),
            lines: vec![Vec::new()],
        };
        layout.write(value, &mut Vec::new());
        layout
    }

    fn new_line(&mut self, path: &[Seg]) {
        self.text.push('\n');
        self.lines.push(path.to_vec());
    }

    fn write(&mut self, value: &Value, path: &mut Vec<Seg>) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                self.text.push('{');
                for (n, (key, child)) in map.iter().enumerate() {
                    if n > 0 {
                        self.text.push(',');
                    }
                    path.push(Seg::Key(key.clone()));
                    self.new_line(path);
                    self.text.push_str(&Value::from(key.as_str()).to_string());
                    self.text.push(':');
                    self.write(child, path);
                    path.pop();
                }
                self.new_line(path);
                self.text.push('}');
            }
            Value::Array(items) if !items.is_empty() => {
                self.text.push('[');
                for (n, child) in items.iter().enumerate() {
                    if n > 0 {
                        self.text.push(',');
                    }
                    path.push(Seg::Index(n));
                    self.new_line(path);
                    self.write(child, path);
                    path.pop();
                }
                self.new_line(path);
                self.text.push(']');
            }
            // Scalars and empty containers stay on their member's line.
            other => self.text.push_str(&other.to_string()),
        }
    }
}

/// The path and Chinese description of why `value` is not a [`Project`].
fn locate(value: &Value, err: &serde_json::Error) -> (Vec<Seg>, String) {
    let layout = Layout::of(value);
    let (segs, en) = match serde_json::from_str::<Project>(&layout.text) {
        Err(e) => (
            layout
                .lines
                .get(e.line().wrapping_sub(1))
                .cloned()
                .unwrap_or_default(),
            bare_message(&e),
        ),
        // Not expected (both readers are serde_json); the message still helps.
        Ok(_) => (Vec::new(), bare_message(err)),
    };
    explain_shape(value, segs, &en)
}

fn value_at<'a>(value: &'a Value, segs: &[Seg]) -> Option<&'a Value> {
    segs.iter().try_fold(value, |v, seg| match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.get(i),
    })
}

/// Names between backticks in a serde message, in order.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

fn explain_shape(value: &Value, mut segs: Vec<Seg>, en: &str) -> (Vec<Seg>, String) {
    let found = |segs: &[Seg]| describe(value_at(value, segs));
    if let Some(rest) = en.strip_prefix("missing field ") {
        if let Some(field) = backticked(rest).first() {
            segs.push(Seg::key(field));
        }
        return (segs, "缺少此字段".to_string());
    }
    if let Some(rest) = en.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        let variant = names.first().copied().unwrap_or_default();
        // A variant written as `{"Name": …}` errs on its key's line, whose
        // path points inside the enum; the field is the enum itself.
        if !value_at(value, &segs).is_some_and(Value::is_string) {
            segs.pop();
        }
        let allowed = names.get(1..).unwrap_or_default().join("、");
        return (
            segs,
            format!(
                "取值“{}”无法识别，应为以下之一：{allowed}",
                excerpt(variant)
            ),
        );
    }
    if en.starts_with("invalid type") || en.starts_with("invalid value") {
        let expected = en.rsplit(", expected ").next().unwrap_or_default();
        let what = format!("应为{}，实际为{}", expected_zh(expected), found(&segs));
        return (segs, what);
    }
    if en == "expected value" {
        // serde_json's word for "an enum given as neither text nor object".
        let allowed = variants_at(value, &segs);
        let what = if allowed.is_empty() {
            format!("应为规定的取值（文本），实际为{}", found(&segs))
        } else {
            format!(
                "应为以下之一：{}，实际为{}",
                allowed.join("、"),
                found(&segs)
            )
        };
        return (segs, what);
    }
    (segs, format!("内容无法读取（{en}）"))
}

/// The variant names of the enum at `segs`: serde lists them only when it
/// rejects a name, so ask it with a name that cannot exist.
fn variants_at(value: &Value, segs: &[Seg]) -> Vec<String> {
    let mut probe = value.clone();
    let slot = segs.iter().try_fold(&mut probe, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k),
        Seg::Index(i) => v.get_mut(*i),
    });
    let Some(slot) = slot else {
        return Vec::new();
    };
    *slot = Value::String(String::new());
    match schema::project_from_value(&probe) {
        Err(e) if e.to_string().starts_with("unknown variant ") => backticked(&e.to_string())
            .iter()
            .skip(1)
            .map(|s| s.to_string())
            .collect(),
        _ => Vec::new(),
    }
}

fn expected_zh(expected: &str) -> String {
    let digits_after = |p: char| {
        expected
            .strip_prefix(p)
            .is_some_and(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()) || r == "size")
    };
    if expected == "a string" {
        "文本".to_string()
    } else if digits_after('u') {
        "非负整数".to_string()
    } else if digits_after('i') {
        "整数".to_string()
    } else if expected == "f64" || expected == "f32" {
        "数字".to_string()
    } else if expected == "a boolean" {
        "true 或 false".to_string()
    } else if expected.starts_with("a sequence") || expected.starts_with("tuple") {
        "列表（[…]）".to_string()
    } else if expected.starts_with("struct ") || expected == "a map" {
        "对象（{…}）".to_string()
    } else if expected.starts_with("enum ") || expected.contains("variant") {
        "规定的取值之一".to_string()
    } else {
        format!("“{expected}”")
    }
}

/// What a JSON value is, in words, for "实际为…".
fn describe(value: Option<&Value>) -> String {
    match value {
        None => "缺失".to_string(),
        Some(Value::Null) => "空值 null".to_string(),
        Some(Value::Bool(b)) => format!("布尔值 {b}"),
        Some(Value::Number(n)) => format!("数字 {n}"),
        Some(Value::String(s)) => format!("文本“{}”", excerpt(s)),
        Some(Value::Array(_)) => "列表".to_string(),
        Some(Value::Object(_)) => "对象".to_string(),
    }
}

/// Long pasted text would swamp the message; the start is enough to find it.
fn excerpt(text: &str) -> String {
    const MAX: usize = 20;
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > MAX {
        let head: String = clean.chars().take(MAX).collect();
        format!("{head}…")
    } else {
        clean
    }
}

/// serde_json counts columns in bytes; a user counts characters (one
/// Chinese character is three bytes).
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column.max(1);
    };
    line_text
        .char_indices()
        .take_while(|(at, _)| *at < byte_column)
        .count()
        .max(1)
}

fn syntax_error(text: &str, e: &serde_json::Error) -> ImportError {
    let line = e.line();
    let column = char_column(text, line, e.column());
    let position = format!("第 {line} 行第 {column} 列");
    let message = if text.trim_start().starts_with('<') {
        // The usual culprit: a portal's error page saved under our file name.
        format!("不是本工具导出的文件：内容看起来是网页（HTML）或 XML，而不是 JSON（{position}）。")
    } else if e.is_eof() {
        format!("文件不是有效的 JSON，{position}：文件不完整（可能下载或复制时被截断）。")
    } else {
        format!(
            "文件不是有效的 JSON，{position}：{}。",
            syntax_zh(&bare_message(e))
        )
    };
    ImportError {
        message,
        path: None,
        line: Some(line),
        column: Some(column),
    }
}

/// What serde_json expected, in words a person editing the file can act on.
fn syntax_zh(en: &str) -> String {
    let text = match en {
        "expected `:`" => "此处应为英文冒号“:”",
        "expected `,` or `]`" => "此处应为英文逗号“,”或右方括号“]”（可能漏了逗号）",
        "expected `,` or `}`" => "此处应为英文逗号“,”或右花括号“}”（可能漏了逗号）",
        "expected ident" => "此处应为 true、false 或 null",
        "expected value" => "此处应为一个值（文本须用英文双引号括起）",
        "expected `\"`" => "此处应为英文双引号“\"”",
        "key must be a string" => "字段名应为用英文双引号括起的文本",
        "invalid escape" => "文本中的反斜杠转义无效",
        "invalid number" => "数字格式无效",
        "number out of range" => "数字超出范围",
        "trailing comma" => "最后一项之后多了逗号",
        "trailing characters" => "有效内容之后还有多余的字符",
        "recursion limit exceeded" => "嵌套层数过多",
        _ if en.starts_with("control character") => "文本中含有未转义的控制字符（如换行符）",
        _ if en.contains("hex escape") || en.contains("unicode code point") => {
            "文本中的 \\u 转义无效"
        }
        _ => return format!("无法解析（{en}）"),
    };
    text.to_string()
}

/// What happens to one incoming project, for the UI to confirm.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// An existing project has the same id but different content: the user
    /// chooses between replacing it and keeping both ([`with_fresh_id`]).
    SameId {
        incoming: usize,
        existing_name: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportItem {
    /// No existing project has this id.
    New {
        incoming: usize,
    },
    /// Already here, unchanged: nothing to do.
    Identical {
        incoming: usize,
    },
    Conflict(Conflict),
}

impl ImportItem {
    /// Index into the `incoming` slice given to [`plan_import`].
    pub fn incoming(&self) -> usize {
        match self {
            ImportItem::New { incoming }
            | ImportItem::Identical { incoming }
            | ImportItem::Conflict(Conflict::SameId { incoming, .. }) => *incoming,
        }
    }
}

/// One item per incoming project, in order. Projects are matched by id only;
/// "identical" means equal as JSON, `updated_at` included.
///
/// An id repeated within `incoming` (several files imported at once) is
/// compared with its first occurrence as if that were already here, so
/// applying the plan in order never creates two projects with one id.
pub fn plan_import(existing: &[Project], incoming: &[Project]) -> Vec<ImportItem> {
    // Positions in `existing`, then in `incoming` after it (a map of this
    // type is compiled in already; one of references would be another).
    let mut known: HashMap<&str, usize> = existing
        .iter()
        .enumerate()
        .map(|(n, p)| (p.id.as_str(), n))
        .collect();
    let at = |n: usize| {
        existing
            .get(n)
            .unwrap_or_else(|| &incoming[n - existing.len()])
    };
    let mut plan = Vec::with_capacity(incoming.len());
    for (i, p) in incoming.iter().enumerate() {
        plan.push(match known.get(p.id.as_str()).map(|&n| at(n)) {
            None => ImportItem::New { incoming: i },
            Some(old) if same_json(old, p) => ImportItem::Identical { incoming: i },
            Some(old) => ImportItem::Conflict(Conflict::SameId {
                incoming: i,
                existing_name: old.name.clone(),
            }),
        });
        known.entry(p.id.as_str()).or_insert(existing.len() + i);
    }
    plan
}

/// Compared as JSON so that what counts as "the same" is exactly what a
/// file can express.
fn same_json(a: &Project, b: &Project) -> bool {
    schema::project_to_value(a) == schema::project_to_value(b)
}

/// The "keep both" copy: a new id, and a name that tells the two apart.
pub fn with_fresh_id(mut project: Project, new_id: String) -> Project {
    project.id = new_id;
    project.name.push_str(IMPORTED_SUFFIX);
    project
}

/// Reading the working file back (reconnecting, or 打开文件): which of
/// `incoming` to take — those not here, and those edited later than the
/// copy here. Nothing is asked: the file is this browser's own copy, so the
/// later edit is the one the user made last, and the copy replaced is kept
/// as a 历史版本 first.
pub fn take_newer(existing: &[Project], incoming: &[Project]) -> Vec<usize> {
    plan_import(existing, incoming)
        .iter()
        .filter_map(|item| match item {
            ImportItem::New { incoming: i } => Some(*i),
            ImportItem::Conflict(Conflict::SameId { incoming: i, .. })
                if existing
                    .iter()
                    .find(|p| p.id == incoming[*i].id)
                    .is_some_and(|here| incoming[*i].updated_at > here.updated_at) =>
            {
                Some(*i)
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::example_project;
    use serde_json::json;

    #[test]
    fn reading_the_working_file_back_takes_new_and_later_projects_only() {
        let here = |id: &str, at: f64| Project {
            id: id.into(),
            updated_at: at,
            ..example_project()
        };
        let existing = [here("same", 1.0), here("older", 5.0), here("newer", 5.0)];
        let changed = |id: &str, at: f64| Project {
            name: format!("{id} 改"),
            ..here(id, at)
        };
        let incoming = [
            here("same", 1.0),
            changed("older", 4.0),
            changed("newer", 6.0),
            here("new", 0.0),
        ];
        assert_eq!(take_newer(&existing, &incoming), vec![2, 3]);
    }

    #[test]
    fn layout_lines_map_to_paths() {
        let v = json!({"a": {"b": [1, {"c": "x"}], "e": {}}, "d": []});
        let layout = Layout::of(&v);
        assert!(serde_json::from_str::<Value>(&layout.text).unwrap() == v);
        assert_eq!(layout.text.lines().count(), layout.lines.len());
        let rendered: Vec<String> = layout
            .lines
            .iter()
            .map(|segs| Place::bare("").path(segs))
            .collect();
        assert_eq!(
            rendered,
            [
                "", "a", "a.b", "a.b[0]", "a.b[1]", "a.b[1].c", "a.b[1]", "a.b", "a.e", "a", "d",
                ""
            ]
        );
    }

    #[test]
    fn column_counts_characters_not_bytes() {
        let text = "{\n  \"名称\": x\n}";
        let e = serde_json::from_str::<Value>(text).unwrap_err();
        assert_eq!(e.line(), 2);
        // Bytes put the x at column 13; an editor shows it at column 9.
        assert_eq!(e.column(), 13);
        assert_eq!(char_column(text, 2, e.column()), 9);
        assert_eq!(char_column(text, 9, 4), 4);
        assert_eq!(char_column("\n", 2, 0), 1);
    }

    #[test]
    fn syntax_messages_say_what_was_expected() {
        for (text, expected) in [
            ("{\"a\": 1 \"b\": 2}", "逗号"),
            ("{\"a\" 1}", "冒号"),
            ("{a: 1}", "双引号"),
            ("{\"a\": tru}", "true、false 或 null"),
            ("{\"a\": 1,}", "多了逗号"),
            ("{} x", "多余的字符"),
            ("{\"a\": 01}", "数字格式无效"),
            ("{\"a\": \"\\q\"}", "转义无效"),
            ("[", "截断"),
        ] {
            let e = import(text).unwrap_err();
            assert!(e.message.contains(expected), "{text}: {e}");
            assert!(e.message.contains("第 1 行第"), "{text}: {e}");
            assert!(e.line.is_some() && e.column.is_some());
        }
        let e = import("<!DOCTYPE html><html>").unwrap_err();
        assert!(e.message.contains("网页"), "{e}");
        let e = import(" \n ").unwrap_err();
        assert!(e.message.contains("空"), "{e}");
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let text = format!("\u{feff}{}", export(&[example_project()], "t"));
        assert_eq!(import(&text).unwrap(), vec![example_project()]);
    }

    #[test]
    fn size_is_rounded_up() {
        let e = too_large(MAX_IMPORT_BYTES + 1);
        assert!(e.message.starts_with("文件大小为 5.1 MB"), "{e}");
    }

    #[test]
    fn expected_types_in_words() {
        assert_eq!(expected_zh("a string"), "文本");
        assert_eq!(expected_zh("u64"), "非负整数");
        assert_eq!(expected_zh("usize"), "非负整数");
        assert_eq!(expected_zh("i32"), "整数");
        assert_eq!(expected_zh("f64"), "数字");
        assert_eq!(expected_zh("a sequence"), "列表（[…]）");
        assert_eq!(expected_zh("struct FundsRow"), "对象（{…}）");
        assert_eq!(expected_zh("unit"), "“unit”");
    }

    #[test]
    fn ids_that_cannot_be_storage_keys() {
        assert_eq!(id_problem("p18f2a-b_3"), None);
        assert_eq!(id_problem(&"a".repeat(MAX_ID_LEN)), None);
        assert!(id_problem("").is_some());
        assert!(id_problem(&"a".repeat(MAX_ID_LEN + 1)).is_some());
        for bad in ["a b", "a.b", "项目", "a/b", "a\n"] {
            assert!(id_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn stale_schema_version_in_memory_is_exported_as_current() {
        let p = Project {
            schema_version: 0,
            ..example_project()
        };
        let v: Value = serde_json::from_str(&export(&[p], "t")).unwrap();
        assert_eq!(v["projects"][0]["schema_version"], json!(SCHEMA_VERSION));
    }
}
