//! The two tables `jixiao check` writes: one row per project (or per file
//! that gave none, with its error) and one row per finding. Columns are
//! listed once here, with the id the machine formats use (csv, jsonl,
//! parquet: snake_case, so a query needs no quoting) and the Chinese head
//! the workbook shows.

use jixiao_core::finding::{Category, Finding, FindingCounts};
use jixiao_core::number::figure;
use jixiao_core::overview::OverviewRow;
use jixiao_core::stage::Stage;

use crate::check::Checked;
use crate::error::FileError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    Text,
    Number,
    Count,
}

pub struct Column {
    pub id: &'static str,
    pub head: &'static str,
    pub kind: Type,
}

const fn text(id: &'static str, head: &'static str) -> Column {
    Column {
        id,
        head,
        kind: Type::Text,
    }
}

const fn number(id: &'static str, head: &'static str) -> Column {
    Column {
        id,
        head,
        kind: Type::Number,
    }
}

const fn count(id: &'static str, head: &'static str) -> Column {
    Column {
        id,
        head,
        kind: Type::Count,
    }
}

/// A cell: text and numbers may be missing (null), counts never are.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Number(Option<f64>),
    Count(u64),
}

pub type Row = Vec<Value>;

pub const PROJECT_COLUMNS: [Column; 35] = [
    text("key", "项目键"),
    text("file", "文件"),
    text("sheet", "工作表"),
    text("range", "区域"),
    text("code", "项目编码"),
    text("name", "项目名称"),
    text("department", "主管部门"),
    text("unit", "实施单位"),
    text("year", "年度"),
    text("stage", "阶段"),
    text("rules", "评分规则"),
    text("money_unit", "表中金额单位"),
    number("budget_wan", "全年预算数（万元）"),
    number("executed_wan", "全年执行数（万元）"),
    number("execution_rate", "预算执行率"),
    count("indicators", "三级指标数"),
    number("total", "总分"),
    text("grade", "等级"),
    number("stated_total", "表中总分"),
    number("difference", "表中总分−总分"),
    count("errors", "错误"),
    count("warnings", "警告"),
    count("hints", "提示"),
    count("completeness", "完整性"),
    count("form", "规范性"),
    count("consistency", "一致性"),
    count("plausibility", "合理性"),
    count("continuity", "延续性"),
    count("progress", "进度"),
    count("measurability", "可测性"),
    count("feasibility", "可行性"),
    count("clarity", "清晰性"),
    text("stated_total_text", "表中总分（原文）"),
    text("error_kind", "错误类型"),
    text("error", "未能读取的原因"),
];

pub const FINDING_COLUMNS: [Column; 8] = [
    text("key", "项目键"),
    text("file", "文件"),
    text("name", "项目名称"),
    text("rule", "规则"),
    text("severity", "严重程度"),
    text("category", "类别"),
    text("path", "位置"),
    text("message", "说明"),
];

/// The project's key in both tables: the file and the table's place in it
/// (`表格/甲.xlsx#2`), so findings join to their project.
pub fn key(file: &str, n: usize) -> String {
    format!("{file}#{n}")
}

/// A figure, or nothing when it is not one (NaN or infinite): every
/// format then writes the same blank.
fn figure_value(v: Option<f64>) -> Value {
    Value::Number(v.filter(|v| v.is_finite()))
}

fn some(text: &str) -> Value {
    let t = text.trim();
    Value::Text((!t.is_empty()).then(|| t.to_string()))
}

/// The row of the `n`th (1-based) project of `file`.
pub fn project_row(file: &str, n: usize, c: &Checked) -> Row {
    let p = &c.project;
    let overview = OverviewRow::new(p, &c.evaluation, &c.findings);
    // A declaration has nothing achieved yet: its total and grade would be
    // a 0 that reads as a failing project.
    let scored = overview.stage != Stage::Targets;
    let total = scored.then_some(c.evaluation.total);
    let stated = figure(&p.stated.total);
    let counts = FindingCounts::of(&c.findings);
    let mut row = vec![
        Value::Text(Some(key(file, n))),
        Value::Text(Some(file.to_string())),
        some(&c.sheet),
        some(&c.range),
        some(&p.declaration.code),
        some(&p.name),
        some(&p.department),
        some(&p.implementer),
        some(&p.year),
        Value::Text(Some(overview.stage.label().to_string())),
        some(&p.rules.name),
        Value::Text(Some(p.money_unit.label().to_string())),
        figure_value(overview.annual_budget_wan),
        figure_value(overview.executed_wan),
        figure_value(overview.execution_rate),
        Value::Count(p.indicators_in_order().count() as u64),
        figure_value(total),
        Value::Text(scored.then(|| c.evaluation.grade_label().to_string())),
        figure_value(stated),
        figure_value(match (stated, total) {
            (Some(s), Some(t)) => Some(jixiao_core::number::round2(s - t)),
            _ => None,
        }),
        Value::Count(counts.errors as u64),
        Value::Count(counts.warnings as u64),
        Value::Count(counts.hints as u64),
    ];
    for category in Category::ALL {
        let n = c
            .findings
            .iter()
            .filter(|f| f.rule.spec().category == category)
            .count();
        row.push(Value::Count(n as u64));
    }
    row.push(some(&p.stated.total));
    row.push(Value::Text(None));
    row.push(Value::Text(None));
    debug_assert_eq!(row.len(), PROJECT_COLUMNS.len());
    row
}

/// The row of a file that gave no project: its key is the file itself.
pub fn error_row(file: &str, error: &FileError) -> Row {
    PROJECT_COLUMNS
        .iter()
        .map(|column| match column.id {
            "key" | "file" => Value::Text(Some(file.to_string())),
            "error_kind" => Value::Text(Some(error.kind().to_string())),
            "error" => Value::Text(Some(error.message())),
            _ => match column.kind {
                Type::Text => Value::Text(None),
                Type::Number => Value::Number(None),
                Type::Count => Value::Count(0),
            },
        })
        .collect()
}

/// One row per finding of the `n`th project of `file`, in the 体检's order.
pub fn finding_rows(file: &str, n: usize, c: &Checked) -> Vec<Row> {
    c.findings
        .iter()
        .map(|f: &Finding| {
            let spec = f.rule.spec();
            vec![
                Value::Text(Some(key(file, n))),
                Value::Text(Some(file.to_string())),
                some(&c.project.name),
                Value::Text(Some(spec.id.to_string())),
                Value::Text(Some(f.severity.label().to_string())),
                Value::Text(Some(spec.category.label().to_string())),
                Value::Text(Some(f.path.to_string())),
                Value::Text(Some(f.message.clone())),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_columns_follow_the_catalogue() {
        let first = PROJECT_COLUMNS
            .iter()
            .position(|c| c.id == "completeness")
            .unwrap();
        let heads: Vec<&str> = PROJECT_COLUMNS[first..first + Category::ALL.len()]
            .iter()
            .map(|c| c.head)
            .collect();
        let labels: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(heads, labels);
    }

    #[test]
    fn ids_are_unique_snake_case() {
        for columns in [&PROJECT_COLUMNS[..], &FINDING_COLUMNS[..]] {
            let mut ids: Vec<&str> = columns.iter().map(|c| c.id).collect();
            assert!(
                ids.iter()
                    .all(|id| id.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            );
            ids.sort();
            ids.dedup();
            assert_eq!(ids.len(), columns.len());
        }
    }

    /// docs/format.md §10 lists every column with its head, in both parts.
    #[test]
    fn the_format_document_lists_every_column() {
        let doc = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/format.md"),
        )
        .unwrap();
        for column in PROJECT_COLUMNS.iter().chain(&FINDING_COLUMNS) {
            let row = format!("| `{}` | {} |", column.id, column.head);
            assert!(doc.matches(&row).count() >= 2, "docs/format.md lacks {row}");
        }
    }
}
