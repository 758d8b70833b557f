//! The Word export read back by other software: openxml-audit finds no
//! schema error, python-docx reads the report's text in the report's
//! styles and the 自评表 in the report's grid, and LibreOffice renders it
//! on GB/T 9704 pages with page numbers and the table header repeated.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;

use crate::formats::docx::{report_docx, reports_zip};
use crate::formats::self_evaluation_is_landscape;
use crate::project::{NumberText, Project};
use crate::report::{Block, CellRole, Document, Table, compose};
use crate::sample::example_project;
use crate::score::evaluate;

/// The example with a signature, an edited paragraph holding a line break,
/// markup-like text and control characters.
fn edited_example() -> Project {
    let mut p = example_project();
    p.report.show_signature = true;
    p.report.signature_date = "2025年3月15日".into();
    p.set_paragraph("background", "第一行 <b>&amp;\n第二行\u{7}\t制表".into());
    p
}

/// 40 indicators in one group, so the 自评表 runs over pages.
fn forty_indicators() -> Project {
    super::common::forty_indicator_project(|n| format!("补充指标{n}"))
}

/// A long 偏差原因: the 附件 goes on landscape pages.
fn long_reason() -> Project {
    let mut p = example_project();
    let ind = &mut p.indicators[0].groups[0].indicators[0];
    ind.actual = NumberText::new("300");
    ind.deviation_reason = "受设备更换影响，部分终端停机检修。".repeat(12);
    p
}

/// What python-docx should read as paragraphs, in order: (style, text).
fn expected_paragraphs(doc: &Document) -> Vec<(String, String)> {
    let mut out = vec![("Title".to_string(), doc.title.clone())];
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => out.push((format!("Heading {level}"), text.clone())),
            Block::Paragraph(p) => out.extend(
                p.text
                    .split('\n')
                    .filter(|line| !line.trim().is_empty())
                    .map(|line| ("Normal".to_string(), line.to_string())),
            ),
            Block::Table(t) => {
                if !t.caption.is_empty() {
                    out.push(("表格标题".into(), t.caption.clone()));
                }
                if !t.footnote.trim().is_empty() {
                    out.push(("表注".into(), t.footnote.clone()));
                }
            }
            Block::Signature { unit, date } => {
                out.push(("Normal".into(), format!("{unit}（盖章）")));
                out.push(("Normal".into(), date.clone()));
            }
            _ => {}
        }
    }
    out
}

/// The table as python-docx reads it: a merged cell's text at every place
/// it covers.
fn expected_grid(table: &Table) -> Vec<Vec<String>> {
    let width = table.column_count();
    let mut grid = vec![vec![String::new(); width]; table.row_count()];
    for p in table.placed(width) {
        for row in &mut grid[p.row..p.row + p.height] {
            for cell in &mut row[p.col..p.col + p.width] {
                *cell = p.cell.display();
            }
        }
    }
    grid
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

const MM: f64 = 72.0 / 25.4;

fn words(page: &Value) -> impl Iterator<Item = &Value> {
    page["words"].as_array().unwrap().iter()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap()
}

#[test]
fn word_and_libreoffice_read_the_report_as_composed() {
    let projects = [edited_example(), forty_indicators(), long_reason()];
    let files: Vec<(String, Vec<u8>)> = projects
        .iter()
        .enumerate()
        .map(|(n, p)| (format!("report-{n}.docx"), report_docx(p, &evaluate(p))))
        .collect();
    let reports = super::consumers::read_back_rendered(&files);
    for ((project, (name, _)), report) in projects.iter().zip(&files).zip(&reports) {
        assert_eq!(report["audit"], serde_json::json!([]), "{name}: {report:#}");
        assert!(report.get("open_error").is_none(), "{name}: {report:#}");
        let doc = compose(project, &evaluate(project));

        // The text in the report's styles, nothing left out or added.
        let read: Vec<(String, String)> = report["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| !p["text"].as_str().unwrap().is_empty())
            .map(|p| {
                (
                    p["style"].as_str().unwrap().to_string(),
                    p["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(read, expected_paragraphs(&doc), "{name}");

        // The 自评表 in the report's grid, header rows marked to repeat and
        // no row allowed to split; missed scores underlined.
        let ours = tables(&doc);
        let theirs = report["tables"].as_array().unwrap();
        assert_eq!(theirs.len(), ours.len(), "{name}");
        for (table, read) in ours.iter().zip(theirs) {
            let cells: Vec<Vec<String>> = serde_json::from_value(read["cells"].clone()).unwrap();
            assert_eq!(cells, expected_grid(table), "{name}");
            assert_eq!(read["header_rows"], table.header_rows.len(), "{name}");
            assert_eq!(read["unsplittable_rows"], table.row_count(), "{name}");
            let missed: Vec<String> = table
                .rows
                .iter()
                .flatten()
                .filter(|c| c.role == CellRole::Missed)
                .map(|c| c.display())
                .collect();
            let underlined: Vec<String> =
                serde_json::from_value(read["underlined"].clone()).unwrap();
            assert_eq!(underlined, missed, "{name}");
        }

        // Styles: headings are Word's own, with outline levels.
        let styles = &report["styles"];
        assert_eq!(styles["Heading 1"]["outline_level"], 0);
        assert_eq!(styles["Heading 2"]["outline_level"], 1);
        assert_eq!(styles["Heading 1"]["east_asia_font"], "黑体");
        assert_eq!(styles["Heading 2"]["east_asia_font"], "楷体_GB2312");
        assert_eq!(styles["Title"]["size_pt"], 22.0);
        assert_eq!(styles["Title"]["east_asia_font"], "方正小标宋简体");
        assert_eq!(report["even_and_odd_footers"], true);

        // GB/T 9704 pages; the 附件 landscape only when a 偏差原因 is long.
        let landscape = self_evaluation_is_landscape(project);
        let sections = report["sections"].as_array().unwrap();
        assert_eq!(sections.len(), if landscape { 2 } else { 1 }, "{name}");
        for (n, s) in sections.iter().enumerate() {
            let turned = landscape && n == 1;
            assert_eq!(s["landscape"], turned, "{name}");
            let (w, h) = if turned {
                (297.0, 210.0)
            } else {
                (210.0, 297.0)
            };
            for (key, mm) in [
                ("width_mm", w),
                ("height_mm", h),
                ("top_mm", 37.0),
                ("bottom_mm", 35.0),
                ("left_mm", 28.0),
                ("right_mm", 26.0),
            ] {
                assert!((f(s, key) - mm).abs() < 0.2, "{name} {key}: {s}");
            }
            assert_eq!(s["footer_align"], "RIGHT (2)", "{name}");
            assert_eq!(s["even_footer_align"], "LEFT (0)", "{name}");
        }

        // As LibreOffice prints it.
        let pages = report["pdf"]["pages"].as_array().unwrap();
        assert!(pages.len() >= 3, "{name}: {} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            let (w, h, _) = super::consumers::a4_page(page);
            // Everything but the page number inside the type area; the page
            // number "— n —" below it, right on odd pages, left on even.
            let bottom = h - 35.0 * MM;
            let (body, foot): (Vec<&Value>, Vec<&Value>) =
                words(page).partition(|word| f(word, "y2") <= bottom + 1.0);
            for word in &body {
                assert!(f(word, "y") >= 37.0 * MM - 1.0, "{name} page {n}: {word}");
                assert!(f(word, "x") >= 28.0 * MM - 1.0, "{name} page {n}: {word}");
                // LibreOffice lets a closing mark hang past the edge (CJK
                // typesetting allows it; Word is told not to), by one character.
                let text = word["text"].as_str().unwrap();
                let hangs = text.ends_with(['。', '，', '、', '；', '：', '）', '”']);
                let slack = if hangs { 17.0 } else { 1.0 };
                assert!(
                    f(word, "x2") <= w - 26.0 * MM + slack,
                    "{name} page {n}: {word}"
                );
            }
            let number = (n + 1).to_string();
            let digits: Vec<&&Value> = foot
                .iter()
                .filter(|w| w["text"] == number.as_str())
                .collect();
            assert_eq!(digits.len(), 1, "{name} page {n}: footer {foot:?}");
            assert!(
                foot.iter().filter(|w| w["text"] == "—").count() == 2,
                "{name} page {n}: {foot:?}"
            );
            let x = f(digits[0], "x");
            if n % 2 == 0 {
                assert!(x > w / 2.0, "{name}: page {} number on the right", n + 1);
            } else {
                assert!(x < w / 2.0, "{name}: page {} number on the left", n + 1);
            }
        }
        let annex = pages
            .iter()
            .position(|p| words(p).any(|w| w["text"].as_str().unwrap().starts_with("附件")))
            .expect("the 附件 is printed");
        // 28 characters a line: the longest run of Chinese text in the body
        // holds exactly 28 (a line without spaces is one word to pdftotext).
        let cjk_line = |t: &str| {
            t.chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "，。、；：“”（）".contains(c))
        };
        let longest = pages[..annex]
            .iter()
            .flat_map(words)
            .filter(|w| f(w, "y") < f(&pages[0], "height") - 35.0 * MM)
            .map(|w| w["text"].as_str().unwrap())
            .filter(|t| cjk_line(t))
            // A closing mark LibreOffice hangs past the edge is not one of the 28.
            .map(|t| {
                t.chars().count()
                    - usize::from(t.ends_with(['。', '，', '、', '；', '：', '”', '）']))
            })
            .max();
        assert_eq!(longest, Some(28), "{name}: 28 characters a line");
        // 22 lines a page: body lines 28.95 pt (579 twips) apart.
        for page in &pages[1..annex] {
            let bottom = f(page, "height") - 35.0 * MM;
            let mut tops: Vec<f64> = words(page)
                .filter(|w| f(w, "y2") <= bottom)
                .map(|w| (f(w, "y") * 10.0).round() / 10.0)
                .collect();
            tops.sort_by(f64::total_cmp);
            tops.dedup_by(|a, b| (*a - *b).abs() < 2.0);
            assert!(tops.len() <= 22, "{name}: {} lines", tops.len());
            for pair in tops.windows(2) {
                let steps = (pair[1] - pair[0]) / 28.95;
                assert!(
                    (steps - steps.round()).abs() < 0.05,
                    "{name}: lines at {pair:?}"
                );
            }
        }
        // Every page of the indicator table starts with its header.
        let table_pages: Vec<&Value> = pages[annex..]
            .iter()
            .filter(|p| words(p).any(|w| w["text"].as_str().unwrap().starts_with("补充指标")))
            .collect();
        if project.indicators[0].groups[0].indicators.len() == 40 {
            assert!(table_pages.len() >= 2, "{name}: the table fits one page");
            for page in table_pages {
                let head = words(page)
                    .find(|w| w["text"] == "三级指标")
                    .expect("header on the page");
                let first = words(page)
                    .filter(|w| w["text"].as_str().unwrap().starts_with("补充指标"))
                    .map(|w| f(w, "y"))
                    .fold(f64::MAX, f64::min);
                assert!(f(head, "y") < first, "{name}: header above the rows");
            }
        }
    }
}

/// 汇总's batch: one .docx per project in a zip, names made unique.
#[test]
fn batch_export_zips_one_report_per_project() {
    let a = example_project();
    let b = example_project();
    let mut c = forty_indicators();
    c.name = "a/b:c".into();
    let unnamed = Project::default();
    let bytes = reports_zip([&a, &b, &c, &unnamed]);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = (0..archive.len())
        .map(|n| archive.by_index(n).unwrap().name().to_string())
        .collect();
    let stem = a.name.trim();
    assert_eq!(
        names,
        [
            format!("{stem}-自评报告.docx"),
            format!("{stem}-自评报告（2）.docx"),
            "a_b_c-自评报告.docx".to_string(),
            "项目支出绩效自评报告.docx".to_string()
        ]
    );
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut archive.by_index(0).unwrap(), &mut first).unwrap();
    assert_eq!(first, report_docx(&a, &evaluate(&a)));
}
