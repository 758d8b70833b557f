//! File formats, each a module with its writer (and, as they come, its
//! reader) side by side: the OOXML container and XML text, Excel workbooks,
//! CSV, and the JSON of stored records and exchange files. Formats read the
//! document, its evaluation and the composed report; nothing below them
//! depends on a format.

pub mod clipboard;
pub mod csv;
pub mod docx;
pub mod json;
pub mod package;
pub mod xlsx;
pub mod xml;
pub mod zip;

use super::project::Project;

/// Relative column widths of the 自评表 grid (characters): the header,
/// funds and goals use all nine; the indicator block has eight and its last
/// column (偏差原因分析及改进措施) spans the last two, where the long text goes.
pub const SELF_EVALUATION_WIDTHS: [f64; 9] = [9.5, 9.5, 16.0, 11.0, 14.0, 11.0, 8.5, 9.0, 13.5];

/// §7: the 自评表 goes landscape when a 偏差原因 is long, and that column
/// gets the extra width, rather than running as a narrow column over pages.
pub fn self_evaluation_is_landscape(project: &Project) -> bool {
    project
        .indicators_in_order()
        .any(|(_, i)| i.deviation_reason.trim().chars().count() > 80)
}

/// "<项目名称>-<what>.<extension>", safe on Windows; "项目支出绩效<what>" for a
/// project without a name.
pub fn project_file_name(project: &Project, what: &str, extension: &str) -> String {
    match project.name.trim() {
        "" => safe_file_name(&format!("项目支出绩效{what}"), extension),
        name => safe_file_name(&format!("{name}-{what}"), extension),
    }
}

/// A file name safe on Windows: `stem` without reserved characters.
pub fn safe_file_name(stem: &str, extension: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.');
    let stem = if cleaned.is_empty() {
        "jixiao"
    } else {
        cleaned
    };
    format!("{stem}.{extension}")
}
