//! The report as a Word document (.docx): the composed report with the
//! user's edits, on GB/T 9704 pages, and the 附件 自评表 as real tables.
//!
//! Hand-written WordprocessingML (a docx crate costs about 250 KB gzip of
//! wasm and writes elements out of schema order). The same input always
//! gives the same bytes: stored ZIP entries, no timestamps.

mod body;
mod parts;

use super::package::{Package, THEME};
use super::xml::XML_HEAD;
use super::zip::ZipWriter;
use super::{project_file_name, self_evaluation_is_landscape};
use crate::project::Project;
use crate::report::{Document, compose};
use crate::score::{Evaluation, evaluate};

/// The media type browsers and Windows expect for .docx downloads.
pub const MIME: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// The project's 自评报告 as a .docx file.
pub fn report_docx(project: &Project, evaluation: &Evaluation) -> Vec<u8> {
    let doc = compose(project, evaluation);
    document_docx(&doc, self_evaluation_is_landscape(project), &project.id)
}

/// One project's 绩效目标审核意见 sheet as a .docx file (A4 portrait).
pub fn review_docx(project: &Project) -> Vec<u8> {
    document_docx(
        &crate::review_sheet::review_document(project),
        false,
        &project.id,
    )
}

/// The project's 绩效目标申报表 (the 目标表) as a .docx file (A4 portrait,
/// as printed).
pub fn targets_docx(project: &Project) -> Vec<u8> {
    document_docx(
        &crate::report::targets_document(project),
        false,
        &project.id,
    )
}

/// Any composed document of project `id` as a .docx file.
fn document_docx(doc: &Document, landscape: bool, id: &str) -> Vec<u8> {
    let mut package = Package::new(
        "word/document.xml",
        &format!("{WML}.document.main+xml"),
        &doc.title,
        Some(id),
    );
    package.add(
        "word/document.xml",
        None,
        body::document_xml(doc, landscape).into_bytes(),
    );
    package.add(
        "word/_rels/document.xml.rels",
        None,
        parts::document_rels().into_bytes(),
    );
    for (name, kind, xml) in [
        ("word/styles.xml", "styles", parts::styles()),
        ("word/settings.xml", "settings", parts::settings()),
        ("word/fontTable.xml", "fontTable", parts::font_table()),
        ("word/footer1.xml", "footer", parts::footer(true)),
        ("word/footer2.xml", "footer", parts::footer(false)),
    ] {
        package.add(name, Some(&format!("{WML}.{kind}+xml")), xml.into_bytes());
    }
    let mut theme = String::from(XML_HEAD);
    theme.push_str(THEME);
    package.add(
        "word/theme/theme1.xml",
        Some("application/vnd.openxmlformats-officedocument.theme+xml"),
        theme.into_bytes(),
    );
    package.finish()
}

/// The file name of a project's report.
pub fn report_file_name(project: &Project) -> String {
    project_file_name(project, "自评报告", "docx")
}

/// One .docx per project in a .zip, for 汇总's batch export. Names that
/// repeat get "（2）", "（3）"….
pub fn reports_zip<'a>(projects: impl IntoIterator<Item = &'a Project>) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    let mut names: Vec<String> = Vec::new();
    for project in projects {
        let base = report_file_name(project);
        let stem = base.trim_end_matches(".docx");
        let mut name = base.clone();
        let mut n = 1;
        while names.contains(&name) {
            n += 1;
            name = format!("{stem}（{n}）.docx");
        }
        zip.add(&name, &report_docx(project, &evaluate(project)));
        names.push(name);
    }
    zip.finish()
}
