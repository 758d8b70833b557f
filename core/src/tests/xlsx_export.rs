//! The Excel and CSV exports: the package opens as a ZIP, every XML part is
//! well-formed, the 自评表 sheet holds the report's figures in the report's
//! grid, and the 汇总 agrees with `OverviewRow` and `totals`.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use crate::checkup;
use crate::formats::csv::overview_csv;
use crate::formats::xlsx::{overview_xlsx, self_evaluation_xlsx};
use crate::formats::zip::{ZipWriter, crc32};
use crate::number::{format_percent, format_score};
use crate::overview::{GRADES, OverviewRow, grade_label, totals};
use crate::project::{Indicator, IndicatorKind, Level2, NumberText, Project, ReportTemplate};
use crate::report::{Block, CellValue, Table, compose};
use crate::sample::example_project;
use crate::score::Evaluation;
use crate::score::evaluate;
use proptest::prelude::*;

fn overview_row(p: &Project, ev: &Evaluation) -> OverviewRow {
    OverviewRow::new(p, ev, &checkup::run(p, ev))
}

// ---- reading the package back ---------------------------------------------

const PARTS: [&str; 10] = [
    "[Content_Types].xml",
    "_rels/.rels",
    "docProps/app.xml",
    "docProps/core.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "xl/styles.xml",
    "xl/sharedStrings.xml",
    "xl/theme/theme1.xml",
    "xl/worksheets/sheet1.xml",
];

/// Every entry of the archive by name, as text.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a readable ZIP");
    let mut parts = BTreeMap::new();
    for n in 0..archive.len() {
        let mut entry = archive.by_index(n).unwrap();
        let mut text = String::new();
        entry.read_to_string(&mut text).expect("UTF-8 content");
        parts.insert(entry.name().to_string(), text);
    }
    parts
}

/// A tag-stack check: declaration first, one root, every tag closed in
/// order, attribute quotes paired, and every `&` a known entity.
fn assert_well_formed(name: &str, xml: &str) {
    assert!(xml.starts_with("<?xml"), "{name}: no XML declaration");
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        assert_entities(name, &rest[..open]);
        if !rest[..open].trim().is_empty() {
            assert!(!stack.is_empty(), "{name}: text outside the root");
        }
        let close = open + rest[open..].find('>').expect("an unclosed tag");
        let tag = &rest[open + 1..close];
        assert!(!tag.contains('<'), "{name}: `<` inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "{name}: {tag}");
        assert_entities(name, tag);
        if tag.starts_with('?') {
            assert!(tag.ends_with('?'), "{name}: {tag}");
        } else if let Some(closing) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(closing.trim()), "{name}: </{closing}>");
        } else {
            let element = tag.split_whitespace().next().unwrap().trim_end_matches('/');
            if stack.is_empty() {
                roots += 1;
            }
            if !tag.ends_with('/') {
                stack.push(element);
            }
        }
        rest = &rest[close + 1..];
    }
    assert!(rest.trim().is_empty(), "{name}: text after the root");
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
    assert_eq!(roots, 1, "{name}: {roots} roots");
}

fn assert_entities(name: &str, text: &str) {
    for (at, _) in text.match_indices('&') {
        let after = &text[at + 1..];
        let known = ["amp;", "lt;", "gt;", "quot;", "apos;"]
            .iter()
            .any(|e| after.starts_with(e));
        assert!(known, "{name}: a bare & in {text:?}");
    }
    let forbidden = |c: char| (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r');
    assert!(!text.contains(forbidden), "{name}: a control character");
}

/// XML entities, then the `_xHHHH_` escapes as Excel reads them.
fn unescape(text: &str) -> String {
    let xml = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let chars: Vec<char> = xml.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let escape = chars.len() >= i + 7
            && chars[i] == '_'
            && chars[i + 1] == 'x'
            && chars[i + 2..i + 6].iter().all(char::is_ascii_hexdigit)
            && chars[i + 6] == '_';
        if escape {
            let hex: String = chars[i + 2..i + 6].iter().collect();
            out.extend(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()));
            i += 7;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Blank,
    Text(String),
    Number(f64),
}

#[derive(Debug, Clone)]
struct XCell {
    style: usize,
    value: Val,
}

/// The cells of a worksheet by reference ("A1").
/// The shared-string table, in order.
fn shared_strings(sst: &str) -> Vec<String> {
    sst.split("<si>")
        .skip(1)
        .map(|si| {
            let start = si.find("<t").unwrap();
            let start = start + si[start..].find('>').unwrap() + 1;
            unescape(&si[start..si.find("</t>").unwrap()])
        })
        .collect()
}

fn cells(sheet: &str, strings: &[String]) -> BTreeMap<String, XCell> {
    let mut out = BTreeMap::new();
    for piece in sheet.split("<c r=\"").skip(1) {
        let reference = piece[..piece.find('"').unwrap()].to_string();
        let tag_end = piece.find('>').unwrap();
        let tag = &piece[..tag_end];
        let style = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
        let value = if tag.ends_with('/') {
            Val::Blank
        } else {
            let body = &piece[tag_end + 1..piece.find("</c>").unwrap()];
            if attr(tag, "t") == Some("s") {
                let n: usize = body
                    .strip_prefix("<v>")
                    .and_then(|v| v.strip_suffix("</v>"))
                    .unwrap()
                    .parse()
                    .unwrap();
                Val::Text(strings[n].clone())
            } else {
                let v = body
                    .strip_prefix("<v>")
                    .unwrap()
                    .strip_suffix("</v>")
                    .unwrap();
                Val::Number(v.parse().unwrap())
            }
        };
        out.insert(reference, XCell { style, value });
    }
    out
}

fn merges(sheet: &str) -> Vec<String> {
    sheet
        .split("<mergeCell ref=\"")
        .skip(1)
        .map(|p| p[..p.find('"').unwrap()].to_string())
        .collect()
}

/// (numFmtId, borderId) of each cell style.
fn cell_styles(styles: &str) -> Vec<(u32, u32)> {
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    xfs.split("<xf ")
        .skip(1)
        .map(|xf| {
            let n = |key| attr(&format!(" {xf}"), key).unwrap().parse().unwrap();
            (n("numFmtId"), n("borderId"))
        })
        .collect()
}

fn split_ref(reference: &str) -> (usize, usize) {
    let letters = reference.trim_end_matches(|c: char| c.is_ascii_digit());
    let col = letters
        .bytes()
        .fold(0, |acc, b| acc * 26 + (b - b'A' + 1) as usize)
        - 1;
    (reference[letters.len()..].parse().unwrap(), col)
}

/// "A14:A18" → (14, 0, 18, 0).
fn split_range(range: &str) -> (usize, usize, usize, usize) {
    let (a, b) = range.split_once(':').unwrap();
    let ((r1, c1), (r2, c2)) = (split_ref(a), split_ref(b));
    (r1, c1, r2, c2)
}

fn find_text<'a>(cells: &'a BTreeMap<String, XCell>, text: &str) -> Option<&'a str> {
    cells
        .iter()
        .find(|(_, c)| c.value == Val::Text(text.to_string()))
        .map(|(r, _)| r.as_str())
}

struct Book {
    parts: BTreeMap<String, String>,
}

impl Book {
    fn open(bytes: &[u8]) -> Self {
        Self {
            parts: unzip(bytes),
        }
    }

    fn sheet(&self) -> &str {
        &self.parts["xl/worksheets/sheet1.xml"]
    }

    fn cells(&self) -> BTreeMap<String, XCell> {
        cells(
            self.sheet(),
            &shared_strings(&self.parts["xl/sharedStrings.xml"]),
        )
    }

    fn num_fmt(&self, cell: &XCell) -> u32 {
        cell_styles(&self.parts["xl/styles.xml"])[cell.style].0
    }
}

fn example_book() -> (Project, Book) {
    let p = example_project();
    let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
    (p, Book::open(&bytes))
}

fn report_tables(p: &Project) -> Vec<Table> {
    compose(p, &evaluate(p))
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

// ---- ZIP --------------------------------------------------------------------

#[test]
fn crc32_of_the_check_string_is_cbf43926() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(
        crc32(b"The quick brown fox jumps over the lazy dog"),
        0x414F_A339
    );
}

#[test]
fn zip_entries_read_back_with_utf8_names_and_their_crc() {
    let mut zip = ZipWriter::new();
    zip.add("a.txt", b"hello");
    zip.add("目录/文件.xml", "<x>汉字</x>".as_bytes());
    zip.add("empty", b"");
    let bytes = zip.finish();
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    assert_eq!(archive.len(), 3);
    let names: Vec<&str> = archive.file_names().collect();
    assert!(names.contains(&"目录/文件.xml"), "{names:?}");
    let mut entry = archive.by_name("目录/文件.xml").unwrap();
    assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
    assert_eq!(entry.crc32(), crc32("<x>汉字</x>".as_bytes()));
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    assert_eq!(text, "<x>汉字</x>");
    drop(entry);
    // 1980-01-01 00:00, the fixed date.
    let date = archive.by_name("a.txt").unwrap().last_modified().unwrap();
    assert_eq!((date.year(), date.month(), date.day()), (1980, 1, 1));
}

#[test]
fn same_input_gives_identical_bytes() {
    let p = example_project();
    let ev = evaluate(&p);
    assert_eq!(self_evaluation_xlsx(&p, &ev), self_evaluation_xlsx(&p, &ev));
    let rows = [overview_row(&p, &ev)];
    assert_eq!(overview_xlsx(&rows), overview_xlsx(&rows));
    assert_eq!(overview_csv(&rows), overview_csv(&rows));
}

// ---- 自评表 -------------------------------------------------------------------

#[test]
fn every_part_is_present_and_well_formed() {
    let (_, book) = example_book();
    let names: Vec<&str> = book.parts.keys().map(String::as_str).collect();
    for part in PARTS {
        assert!(names.contains(&part), "{part} missing from {names:?}");
    }
    assert_eq!(book.parts.len(), PARTS.len());
    for (name, xml) in &book.parts {
        assert_well_formed(name, xml);
    }
    let types = &book.parts["[Content_Types].xml"];
    for part in PARTS
        .iter()
        .filter(|p| p.starts_with("xl/") && !p.contains("_rels"))
    {
        assert!(types.contains(&format!("PartName=\"/{part}\"")), "{part}");
    }
    assert!(book.parts["xl/workbook.xml"].contains("<sheet name=\"自评表\""));
}

#[test]
fn sheet_holds_the_example_figures_as_numbers() {
    let (_, book) = example_book();
    let cells = book.cells();
    let numbers: Vec<(&String, f64)> = cells
        .iter()
        .filter_map(|(r, c)| match c.value {
            Val::Number(v) => Some((r, v)),
            _ => None,
        })
        .collect();
    // 年初预算数, 全年预算数, 全年执行数 of 年度资金总额 and 当年财政拨款.
    let amounts: Vec<_> = numbers.iter().filter(|(_, v)| *v == 27.5).collect();
    assert_eq!(amounts.len(), 6, "{amounts:?}");
    for (r, _) in &amounts {
        assert_eq!(book.num_fmt(&cells[r.as_str()]), 4, "{r}: #,##0.00");
    }
    // 执行率 100% is stored as 1 and shown as a percentage.
    let rate: Vec<_> = numbers
        .iter()
        .filter(|(r, _)| book.num_fmt(&cells[r.as_str()]) == 10)
        .collect();
    assert_eq!(rate.len(), 1, "{rate:?}");
    assert_eq!(rate[0].1, 1.0);
    // 总分 100 in 0.00, next to its 分值 100.
    let total_label = split_ref(find_text(&cells, "总分").unwrap());
    let total_row: Vec<f64> = numbers
        .iter()
        .filter(|(r, _)| split_ref(r).0 == total_label.0)
        .map(|(_, v)| *v)
        .collect();
    assert_eq!(total_row, [100.0, 100.0]);
    for (r, _) in numbers
        .iter()
        .filter(|(r, _)| split_ref(r).0 == total_label.0)
    {
        assert_eq!(book.num_fmt(&cells[r.as_str()]), 2);
    }
    assert!(find_text(&cells, "235 台").is_some());
    assert!(find_text(&cells, "绩效等级：优").is_some());
    assert!(find_text(&cells, "项目支出绩效自评表（2024 年度）").is_some());
    assert_eq!(
        cells["A1"].value,
        Val::Text("项目支出绩效自评表（2024 年度）".into())
    );
    // "—" of the 其中 rows stays text.
    let dashes = cells
        .values()
        .filter(|c| c.value == Val::Text("—".into()))
        .count();
    assert_eq!(dashes, 9);
}

/// Every cell text of the report's two tables is in the sheet: figures as
/// the numbers they show, the rest as the same text.
#[test]
fn sheet_holds_exactly_the_report_table_texts() {
    let mut p = example_project();
    p.indicators[0].groups[1].indicators[0].actual = NumberText::new("190");
    p.indicators[0].groups[1].indicators[0].deviation_reason = "终端报废 10 台".into();
    p.funds.total.executed = NumberText::new("26.125");
    let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
    let cells = book.cells();
    let sheet_numbers: Vec<f64> = cells
        .values()
        .filter_map(|c| match c.value {
            Val::Number(v) => Some(v),
            _ => None,
        })
        .collect();
    let mut figures = 0;
    for t in report_tables(&p) {
        for cell in t.header_rows.iter().chain(&t.rows).flatten() {
            match &cell.value {
                CellValue::Amount(v) | CellValue::Score(v) | CellValue::Percent(v) => {
                    figures += 1;
                    assert!(
                        sheet_numbers.iter().any(|n| (n - v).abs() < 1e-12),
                        "{v} not in the sheet"
                    );
                }
                CellValue::Text(text) if text.trim().is_empty() => {}
                _ => {
                    let text = cell.display();
                    assert!(
                        find_text(&cells, text.trim()).is_some(),
                        "{text} not in the sheet"
                    );
                }
            }
        }
    }
    assert!(figures >= 20, "{figures}");
    // The missed score and the 95% rate the report shows.
    assert!(sheet_numbers.contains(&0.95));
    assert!(find_text(&cells, "终端报废 10 台").is_some());
}

#[test]
fn merged_ranges_follow_the_table_spans() {
    let (_, book) = example_book();
    let cells = book.cells();
    let merged = merges(book.sheet());
    let merged_from = |text: &str| {
        let at = find_text(&cells, text).unwrap_or_else(|| panic!("{text}"));
        merged
            .iter()
            .find(|m| m.split(':').next() == Some(at))
            .map(|m| split_range(m))
            .unwrap_or_else(|| panic!("{text} at {at} is not merged"))
    };
    assert!(merged.contains(&"A1:I1".to_string()), "title");
    // 产出指标 over its 5 indicators, 时效指标 over its 2.
    let (r1, c1, r2, c2) = merged_from("产出指标");
    assert_eq!((c1, r2 - r1 + 1, c2), (0, 5, 0));
    let (r1, c1, r2, c2) = merged_from("时效指标");
    assert_eq!((c1, r2 - r1 + 1, c2), (1, 2, 1));
    // 项目资金 down the five funds rows; 年度总体目标 down two.
    let (r1, _, r2, _) = merged_from("项目资金（万元）");
    assert_eq!(r2 - r1 + 1, 5);
    let (r1, _, r2, _) = merged_from("年度总体目标");
    assert_eq!(r2 - r1 + 1, 2);
    // The project name across the 8 columns after its label.
    assert_eq!(
        merged_from("县政务中心互联网网络费、IMS 通讯费"),
        (3, 1, 3, 8)
    );
    // The indicator grid's 8 columns fill the 9: 偏差原因 takes H:I.
    let (r, c1, _, c2) = merged_from("偏差原因分析及改进措施");
    assert_eq!((c1, c2), (7, 8));
    let (_, c1, _, c2) = merged_from("绩效指标");
    assert_eq!((c1, c2), (0, 8));
    assert_eq!(merged_from("总分").1, 0);
    assert_eq!(merged_from("总分").3, 4);
    assert_eq!(merged_from("绩效等级：优").3, 8);
    // Each indicator row's 偏差原因 cell spans H:I too.
    for row in r + 1..=r + 5 {
        assert!(merged.contains(&format!("H{row}:I{row}")), "row {row}");
    }
    assert_no_overlap(&merged);
}

fn assert_no_overlap(merged: &[String]) {
    let ranges: Vec<_> = merged.iter().map(|m| split_range(m)).collect();
    for (i, a) in ranges.iter().enumerate() {
        assert!(a.0 <= a.2 && a.1 <= a.3 && a.3 < 9, "{a:?}");
        for b in &ranges[i + 1..] {
            let apart = a.2 < b.0 || b.2 < a.0 || a.3 < b.1 || b.3 < a.1;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

/// From the first row of the grid to the 总分 row, all nine columns have a
/// bordered cell, merged or not.
#[test]
fn every_cell_of_the_grid_has_a_border() {
    let (_, book) = example_book();
    let cells = book.cells();
    let styles = cell_styles(&book.parts["xl/styles.xml"]);
    let first = split_ref(find_text(&cells, "项目名称").unwrap()).0;
    let last = split_ref(find_text(&cells, "总分").unwrap()).0;
    assert!(last > first + 15);
    for row in first..=last {
        for col in "ABCDEFGHI".chars() {
            let reference = format!("{col}{row}");
            let cell = cells
                .get(&reference)
                .unwrap_or_else(|| panic!("{reference}"));
            assert_eq!(styles[cell.style].1, 1, "{reference} has no border");
        }
    }
    // The footnote sits under the table, outside the grid.
    let note = find_text(&cells, &report_tables(&example_project())[1].footnote).unwrap();
    assert_eq!(split_ref(note), (last + 1, 0));
}

#[test]
fn indicator_heads_repeat_on_every_printed_page() {
    let (_, book) = example_book();
    let cells = book.cells();
    let workbook = &book.parts["xl/workbook.xml"];
    let head = split_ref(find_text(&cells, "绩效指标").unwrap()).0;
    assert_eq!(
        split_ref(find_text(&cells, "一级指标").unwrap()).0,
        head + 1
    );
    let expected = format!(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'自评表'!${head}:${}</definedName>",
        head + 1
    );
    assert!(workbook.contains(&expected), "{workbook}");
}

#[test]
fn page_setup_is_a4_fitted_to_width_and_centred() {
    let (_, book) = example_book();
    let sheet = book.sheet();
    assert!(sheet.contains("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"));
    assert!(sheet.contains(
        "<pageSetup paperSize=\"9\" orientation=\"portrait\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    ));
    assert!(sheet.contains("<printOptions horizontalCentered=\"1\"/>"));
    assert!(sheet.contains("<pageMargins "));
    // Element order is fixed by the schema; Excel refuses another.
    let order = [
        "<sheetPr>",
        "<dimension ",
        "<sheetViews>",
        "<sheetFormatPr ",
        "<cols>",
        "<sheetData>",
        "<mergeCells ",
        "<printOptions ",
        "<pageMargins ",
        "<pageSetup ",
        "<headerFooter>",
    ];
    let at: Vec<usize> = order.iter().map(|t| sheet.find(t).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
}

#[test]
fn long_deviation_reasons_turn_the_page_to_landscape() {
    let mut p = example_project();
    p.indicators[0].groups[0].indicators[0].deviation_reason = "原因".repeat(60);
    let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
    assert!(
        book.sheet()
            .contains("paperSize=\"9\" orientation=\"landscape\"")
    );
}

#[test]
fn wrapped_text_rows_are_taller() {
    let (_, book) = example_book();
    let cells = book.cells();
    let goal_row = split_ref(find_text(&cells, example_project().goal_expected.trim()).unwrap()).0;
    let sheet = book.sheet();
    let tag = format!("<row r=\"{goal_row}\"");
    let row = &sheet[sheet.find(&tag).unwrap()..];
    let height: f64 = attr(&row[..row.find('>').unwrap()], "ht")
        .unwrap()
        .parse()
        .unwrap();
    assert!(height >= 4.0 * 14.25, "{height}");
}

/// The texts of sheet column `col` (0-based), in row order.
fn column_texts(cells: &BTreeMap<String, XCell>, col: usize) -> Vec<(usize, String)> {
    let mut texts: Vec<(usize, String)> = cells
        .iter()
        .filter_map(|(r, c)| match &c.value {
            Val::Text(t) if split_ref(r).1 == col => Some((split_ref(r).0, t.clone())),
            _ => None,
        })
        .collect();
    texts.sort();
    texts
}

/// Issue 15: Excel's rows are at most 409 pt. A 偏差原因 far taller than
/// that goes on in the rows below it, every character readable, and the
/// indicator's other cells (三级, figures, 二级) are merged down over them.
#[test]
fn a_text_taller_than_the_tallest_row_goes_on_in_the_rows_below() {
    let p = hostile_project();
    let reason = p.indicators[0].groups[0].indicators[0]
        .deviation_reason
        .clone();
    let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
    let sheet = book.sheet();
    for row in sheet.split("<row ").skip(1) {
        let tag = format!(" {}", &row[..row.find('>').unwrap()]);
        if let Some(height) = attr(&tag, "ht") {
            let height: f64 = height.parse().unwrap();
            assert!(height <= 409.0, "{tag}");
        }
    }
    let cells = book.cells();
    // 偏差原因分析及改进措施 is column H (merged with I).
    let pieces: Vec<(usize, String)> = column_texts(&cells, 7)
        .into_iter()
        .filter(|(_, t)| t.starts_with("很长的原因"))
        .collect();
    assert!(pieces.len() >= 3, "{} pieces", pieces.len());
    let joined: String = pieces.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(joined, reason, "every character, in order");
    let (first, last) = (pieces[0].0, pieces[pieces.len() - 1].0);
    assert_eq!(last - first + 1, pieces.len(), "one piece a row");
    for (_, piece) in &pieces {
        assert!(piece.ends_with('。'), "pieces end at a sentence: {piece}");
    }
    let merged = merges(sheet);
    for (col, text) in [("C", "=SUM(A1)"), ("B", "质量指标")] {
        let at = find_text(&cells, text).unwrap();
        assert_eq!(split_ref(at).0, first, "{text}");
        assert!(
            merged.contains(&format!("{col}{first}:{col}{last}")),
            "{text}: {merged:?}"
        );
    }
    for piece in pieces.iter().map(|(r, _)| r) {
        assert!(merged.contains(&format!("H{piece}:I{piece}")));
    }
    assert_no_overlap(&merged);
}

#[test]
fn user_markup_is_escaped_and_reads_back_intact() {
    let mut p = example_project();
    p.name = "<script>alert(1)</script> & \"甲\"\u{1}乙".to_string();
    p.indicators[0].groups[0].indicators[0].name = "a<b & c>d".to_string();
    let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
    let book = Book::open(&bytes);
    for (name, xml) in &book.parts {
        assert_well_formed(name, xml);
        assert!(!xml.contains("<script>"), "{name}");
    }
    assert!(
        book.parts["xl/sharedStrings.xml"]
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;甲&quot;乙")
    );
    let cells = book.cells();
    assert!(find_text(&cells, "<script>alert(1)</script> & \"甲\"乙").is_some());
    assert!(find_text(&cells, "a<b & c>d").is_some());
    assert!(book.parts["docProps/core.xml"].contains("&lt;script&gt;"));
}

#[test]
fn the_sheet_is_the_same_for_both_report_templates() {
    let mut p = example_project();
    let a = self_evaluation_xlsx(&p, &evaluate(&p));
    p.report.template = ReportTemplate::MinistryB;
    assert_eq!(self_evaluation_xlsx(&p, &evaluate(&p)), a);
}

#[test]
fn a_project_without_indicators_or_year_still_makes_a_grid() {
    let p = Project::default();
    let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
    for (name, xml) in &book.parts {
        assert_well_formed(name, xml);
    }
    let cells = book.cells();
    assert_eq!(cells["A1"].value, Val::Text("项目支出绩效自评表".into()));
    let at = find_text(&cells, "（未设置绩效指标）").unwrap();
    let row = split_ref(at).0;
    assert!(merges(book.sheet()).contains(&format!("A{row}:I{row}")));
}

#[test]
fn many_indicators_keep_the_levels_merged() {
    let mut p = example_project();
    p.indicators[0].groups = (0..8)
        .map(|g| Level2 {
            name: format!("二级{g}"),
            weight: NumberText::default(),
            indicators: (0..5)
                .map(|k| Indicator {
                    id: (g * 5 + k + 1) as u64,
                    name: format!("指标{g}-{k}"),
                    kind: IndicatorKind::AtLeast,
                    target: NumberText::new("≥10"),
                    actual: NumberText::new("9"),
                    weight: NumberText::new("2.25"),
                    ..Indicator::default()
                })
                .collect(),
            not_applicable: false,
        })
        .collect();
    let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
    let cells = book.cells();
    let merged = merges(book.sheet());
    let at = split_ref(find_text(&cells, "产出指标").unwrap()).0;
    assert!(merged.contains(&format!("A{at}:A{}", at + 39)));
    for g in 0..8 {
        let row = split_ref(find_text(&cells, &format!("二级{g}")).unwrap()).0;
        assert!(merged.contains(&format!("B{row}:B{}", row + 4)), "二级{g}");
    }
    assert_no_overlap(&merged);
}

// ---- 汇总 ---------------------------------------------------------------------

fn overview_rows() -> Vec<OverviewRow> {
    let mut rows = Vec::new();
    let mut p = example_project();
    rows.push(overview_row(&p, &evaluate(&p)));
    p.name = "乙, 项目 \"二期\"".to_string();
    p.department = "=1+1".to_string();
    p.funds.total.annual_budget = NumberText::new("100");
    p.funds.total.executed = NumberText::new("50");
    p.indicators[0].groups[0].indicators[0].actual = NumberText::new("0");
    rows.push(overview_row(&p, &evaluate(&p)));
    p.name = "丙".to_string();
    p.department = "-负数部门".to_string();
    p.funds.total.annual_budget = NumberText::new("");
    p.funds.total.executed = NumberText::new("3.333");
    rows.push(overview_row(&p, &evaluate(&p)));
    rows
}

#[test]
fn overview_workbook_holds_the_rows_and_the_totals() {
    let rows = overview_rows();
    let book = Book::open(&overview_xlsx(&rows));
    for (name, xml) in &book.parts {
        assert_well_formed(name, xml);
    }
    let cells = book.cells();
    let value = |r: &str| cells.get(r).map_or(Val::Blank, |c| c.value.clone());
    let number = |v: Option<f64>| v.map_or(Val::Blank, Val::Number);
    let text = |t: &str| {
        if t.is_empty() {
            Val::Blank
        } else {
            Val::Text(t.to_string())
        }
    };
    let heads: Vec<Val> = "ABCDEFGHIJ"
        .chars()
        .map(|c| value(&format!("{c}1")))
        .collect();
    assert_eq!(heads[0], Val::Text("项目名称".into()));
    assert_eq!(heads[3], Val::Text("全年预算数（万元）".into()));
    assert_eq!(heads[9], Val::Text("警告".into()));
    for (n, row) in rows.iter().enumerate() {
        let r = n + 2;
        assert_eq!(value(&format!("A{r}")), text(&row.name));
        assert_eq!(value(&format!("B{r}")), text(&row.department));
        assert_eq!(value(&format!("C{r}")), text(&row.year));
        assert_eq!(value(&format!("D{r}")), number(row.annual_budget_wan));
        assert_eq!(value(&format!("E{r}")), number(row.executed_wan));
        assert_eq!(value(&format!("F{r}")), number(row.execution_rate));
        assert_eq!(value(&format!("G{r}")), Val::Number(row.total));
        assert_eq!(
            value(&format!("H{r}")),
            Val::Text(grade_label(row.grade).into())
        );
        assert_eq!(value(&format!("I{r}")), Val::Number(row.errors as f64));
        assert_eq!(value(&format!("J{r}")), Val::Number(row.warnings as f64));
        assert_eq!(value(&format!("K{r}")), Val::Text(row.stage.label().into()));
        assert_eq!(book.num_fmt(&cells[&format!("D{r}")]), 4);
        assert_eq!(book.num_fmt(&cells[&format!("G{r}")]), 2);
    }
    assert_eq!(book.num_fmt(&cells["F2"]), 10);
    let t = totals(&rows);
    let r = rows.len() + 2;
    assert_eq!(value(&format!("A{r}")), Val::Text("合计".into()));
    assert_eq!(
        value(&format!("B{r}")),
        Val::Text(format!("共 {} 个项目", t.projects))
    );
    assert_eq!(value(&format!("D{r}")), Val::Number(t.budget_wan));
    assert_eq!(value(&format!("E{r}")), Val::Number(t.executed_wan));
    assert_eq!(value(&format!("F{r}")), number(t.weighted_rate));
    let grades: Vec<String> = GRADES
        .iter()
        .zip(t.per_grade)
        .map(|(g, n)| format!("{} {n}", grade_label(*g)))
        .collect();
    assert_eq!(value(&format!("H{r}")), Val::Text(grades.join(" / ")));
    assert_eq!(t.per_grade, [1, 0, 2, 0, 0]);
    assert!(cells.keys().all(|k| split_ref(k).0 <= r));

    let sheet = book.sheet();
    assert!(sheet.contains("<autoFilter ref=\"A1:L4\"/>"));
    assert!(sheet.contains("orientation=\"landscape\""));
    assert!(sheet.contains("paperSize=\"9\""));
    assert!(sheet.contains("state=\"frozen\""));
    let workbook = &book.parts["xl/workbook.xml"];
    assert!(workbook.contains(
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'汇总'!$1:$1</definedName>"
    ));
    assert!(workbook.contains("'汇总'!$A$1:$L$4</definedName>"));
}

#[test]
fn overview_of_no_projects_is_a_header_and_a_zero_total() {
    let book = Book::open(&overview_xlsx(&[]));
    let cells = book.cells();
    assert_eq!(cells["A2"].value, Val::Text("合计".into()));
    assert_eq!(cells["D2"].value, Val::Number(0.0));
    assert_eq!(
        cells["H2"].value,
        Val::Text("优 0 / 良 0 / 中 0 / 差 0 / 不能定级 0".into())
    );
    let csv = overview_csv(&[]);
    assert_eq!(csv.split("\r\n").filter(|l| !l.is_empty()).count(), 2);
}

#[test]
fn overview_csv_is_excel_ready() {
    let rows = overview_rows();
    let csv = overview_csv(&rows);
    assert!(csv.starts_with('\u{FEFF}'));
    assert!(csv.ends_with("\r\n"));
    assert!(!csv.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{FEFF}')
        .split_terminator("\r\n")
        .collect();
    assert_eq!(lines.len(), rows.len() + 2);
    assert_eq!(
        lines[0],
        "项目名称,主管部门,年度,全年预算数（万元）,全年执行数（万元）,执行率,总分,等级,错误,警告,阶段,监控预警"
    );
    let first = &rows[0];
    assert_eq!(
        lines[1],
        format!(
            "县政务中心互联网网络费、IMS 通讯费,,2024,27.50,27.50,100.00%,100.00,优,0,{},自评,",
            first.warnings
        )
    );
    assert!(
        lines[2].starts_with("\"乙, 项目 \"\"二期\"\"\",'=1+1,2024,100.00,50.00,50.00%,"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("丙,'-负数部门,2024,,3.33,,"),
        "{}",
        lines[3]
    );
    let t = totals(&rows);
    assert_eq!(
        lines[4],
        format!(
            "合计,共 3 个项目,,{},{},{},,优 1 / 良 0 / 中 2 / 差 0 / 不能定级 0,{},{},,红灯 0 / 黄灯 0",
            format_score(t.budget_wan),
            format_score(t.executed_wan),
            format_percent(t.weighted_rate.unwrap()),
            rows.iter().map(|r| r.errors).sum::<usize>(),
            rows.iter().map(|r| r.warnings).sum::<usize>(),
        )
    );
}

// ---- arbitrary text -------------------------------------------------------

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,12}",
        "[<>&\"'\u{0}-\u{1f}\u{7f}a甲 ]{0,12}",
        Just("\u{FFFE}\u{FFFF}\u{1F600}".to_string()),
        Just(" 前后空格 ".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::tests::proptest_cases(64)))]

    /// Whatever the user types, every part stays well-formed, merges never
    /// overlap, and text comes back as typed (minus what XML cannot hold).
    #[test]
    fn any_text_gives_a_well_formed_workbook(
        name in any_text(),
        department in any_text(),
        group in any_text(),
        indicator in any_text(),
        reason in any_text(),
        executed in any_text(),
    ) {
        let mut p = example_project();
        p.name = name.clone();
        p.department = department;
        p.indicators[0].groups[0].name = group;
        p.indicators[0].groups[1].indicators[0].name = indicator;
        p.indicators[0].groups[1].indicators[0].deviation_reason = reason;
        p.funds.total.executed = NumberText::new(executed);
        let book = Book::open(&self_evaluation_xlsx(&p, &evaluate(&p)));
        for (part, xml) in &book.parts {
            assert_well_formed(part, xml);
        }
        assert_no_overlap(&merges(book.sheet()));
        let kept: String = name
            .trim()
            .chars()
            .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            .collect::<String>()
            .replace("\r\n", "\n")
            .replace('\r', "\n");
        let cells = book.cells();
        if !kept.is_empty() {
            prop_assert_eq!(&cells["B3"].value, &Val::Text(kept));
        }
        let rows = [overview_row(&p, &evaluate(&p))];
        let overview = Book::open(&overview_xlsx(&rows));
        for (part, xml) in &overview.parts {
            assert_well_formed(part, xml);
        }
    }
}

// ---- read by other software ---------------------------------------------------

/// A project whose texts are what people paste: markup, control
/// characters, a literal `_x000D_`, a 偏差原因 far taller than Excel's
/// largest row.
fn hostile_project() -> Project {
    let mut p = example_project();
    p.name = "<b>项目</b> & \"引号\" _x000D_ 与 _x4E00_".to_string();
    p.department = "\u{1}\u{8}部门\u{1b}".to_string();
    let ind = &mut p.indicators[0].groups[0].indicators[0];
    ind.deviation_reason = "很长的原因。".repeat(600);
    ind.name = "=SUM(A1)".to_string();
    p
}

fn sample_workbooks() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut rows = Vec::new();
    for (n, p) in [
        example_project(),
        hostile_project(),
        forty_indicator_project(),
    ]
    .into_iter()
    .enumerate()
    {
        let ev = evaluate(&p);
        files.push((format!("self-{n}.xlsx"), self_evaluation_xlsx(&p, &ev)));
        rows.push(overview_row(&p, &ev));
    }
    files.push(("overview.xlsx".to_string(), overview_xlsx(&rows)));
    files
}

/// 40 indicators, so the table runs over pages.
fn forty_indicator_project() -> Project {
    super::common::forty_indicator_project(|n| format!("指标 {n}"))
}

/// openxml-audit finds no schema error, and openpyxl reads every cell our
/// own reader reads, with the same text or number, and no other.
#[test]
fn other_software_reads_the_workbooks_as_written() {
    let files = sample_workbooks();
    let reports = super::consumers::read_back(&files);
    for ((name, bytes), report) in files.iter().zip(&reports) {
        assert_eq!(report["audit"], serde_json::json!([]), "{name}: {report:#}");
        assert!(report.get("open_error").is_none(), "{name}: {report:#}");
        let sheets = report["sheets"].as_object().expect("sheets");
        assert_eq!(sheets.len(), 1, "{name}");
        let sheet = sheets.values().next().unwrap();
        let theirs = sheet["cells"].as_object().unwrap();
        let ours = Book::open(bytes).cells();
        let mut compared = 0;
        for (reference, cell) in &ours {
            let read = theirs.get(reference);
            match &cell.value {
                Val::Blank => assert!(read.is_none(), "{name} {reference}: {read:?}"),
                Val::Text(text) => {
                    assert_eq!(
                        read.and_then(|v| v["text"].as_str()),
                        Some(text.as_str()),
                        "{name} {reference}"
                    );
                    compared += 1;
                }
                Val::Number(v) => {
                    let number = read.and_then(|r| r["number"].as_f64());
                    assert_eq!(number, Some(*v), "{name} {reference}");
                    compared += 1;
                }
            }
        }
        assert_eq!(
            compared,
            theirs.len(),
            "{name}: openpyxl read cells we did not write"
        );
        for (row, height) in sheet["row_heights"].as_object().unwrap() {
            let height = height.as_f64().unwrap();
            assert!(height <= 409.0, "{name} row {row}: {height} pt");
        }
        // Figures show two decimals; in the 自评表 every one of them.
        for read in theirs.values().filter(|v| v.get("number").is_some()) {
            let format = read["format"].as_str().unwrap();
            let formats: &[&str] = if name.starts_with("self-") {
                &["0.00", "#,##0.00", "0.00%"]
            } else {
                &["0.00", "#,##0.00", "0.00%", "General"]
            };
            assert!(formats.contains(&format), "{name}: {format}");
        }
    }
    // The hostile texts arrive as typed, less what XML cannot hold.
    let hostile = reports[1]["sheets"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    let texts: Vec<&str> = hostile["cells"]
        .as_object()
        .unwrap()
        .values()
        .filter_map(|v| v["text"].as_str())
        .collect();
    assert!(
        texts.contains(&"<b>项目</b> & \"引号\" _x000D_ 与 _x4E00_"),
        "{texts:?}"
    );
    assert!(texts.contains(&"部门"));
    assert!(texts.contains(&"=SUM(A1)"));
    // The 偏差原因 taller than a row: all of it, over the rows below (column H).
    let mut column_h: Vec<(usize, &str)> = hostile["cells"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(r, _)| split_ref(r).1 == 7)
        .filter_map(|(r, v)| Some((split_ref(r).0, v["text"].as_str()?)))
        .collect();
    column_h.sort();
    let column_h: String = column_h.into_iter().map(|(_, t)| t).collect();
    let reason = &hostile_project().indicators[0].groups[0].indicators[0].deviation_reason;
    assert!(column_h.contains(reason.as_str()), "{column_h}");
    // The 40-indicator table repeats its head rows on every printed page.
    let forty = reports[2]["sheets"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert!(
        forty["print_title_rows"]
            .as_str()
            .is_some_and(|r| r.contains(':')),
        "{forty:#}"
    );
}

/// As LibreOffice prints the 自评表 workbooks: A4 pages inside the margins,
/// the example on one page, and a 40-indicator table with its column heads
/// repeated on every page it runs over (the sheet's print titles).
#[test]
fn libreoffice_prints_the_self_evaluation_workbooks_on_a4() {
    let files: Vec<(String, Vec<u8>)> = [example_project(), forty_indicator_project()]
        .iter()
        .enumerate()
        .map(|(n, p)| {
            (
                format!("print-{n}.xlsx"),
                self_evaluation_xlsx(p, &evaluate(p)),
            )
        })
        .collect();
    let reports = super::consumers::read_back_rendered(&files);
    for (n, report) in reports.iter().enumerate() {
        let pages = report["pdf"]["pages"].as_array().unwrap();
        for page in pages {
            let (w, h, _) = super::consumers::a4_page(page);
            for word in page["words"].as_array().unwrap() {
                let at = |k: &str| word[k].as_f64().unwrap();
                if at("y") >= h - 1.38 * 72.0 {
                    continue; // the page number, in the footer
                }
                // The sheet's margins (GB/T 9704: left 28, right 26, top 37,
                // bottom 35 mm), in points.
                let inside = at("x") >= 1.1 * 72.0 - 2.0
                    && at("x2") <= w - 1.02 * 72.0 + 2.0
                    && at("y") >= 1.46 * 72.0 - 2.0
                    && at("y2") <= h - 1.38 * 72.0 + 2.0;
                assert!(inside, "{word}");
            }
        }
        let words_of = |page: &serde_json::Value| -> Vec<String> {
            page["words"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["text"].as_str().unwrap().to_string())
                .collect()
        };
        if n == 0 {
            assert_eq!(pages.len(), 1, "the example's 自评表 fits one A4 page");
        } else {
            let table_pages: Vec<Vec<String>> = pages
                .iter()
                .map(words_of)
                .filter(|w| w.iter().any(|t| t.starts_with("指标")))
                .collect();
            assert!(table_pages.len() >= 2, "the 40 indicators run over pages");
            for words in &table_pages {
                assert!(
                    words.iter().any(|t| t == "三级指标"),
                    "column heads repeated: {words:?}"
                );
            }
        }
    }
}

/// The plain data workbook (what `jixiao check --out x.xlsx` writes): other
/// software opens it without a complaint, reads every sheet's heads and
/// numbers as numbers, and LibreOffice prints it.
#[test]
fn a_data_workbook_opens_clean_in_other_software() {
    use crate::formats::xlsx::data::{DataCell, DataSheet, data_xlsx};
    let projects = DataSheet {
        name: "项目",
        heads: vec!["项目名称".into(), "总分".into(), "等级".into()],
        rows: (0..50)
            .map(|n| {
                vec![
                    DataCell::Text(format!("项目{n} <&>")),
                    DataCell::Number(60.0 + f64::from(n) * 0.5),
                    if n % 7 == 0 {
                        DataCell::Blank
                    } else {
                        DataCell::Text("良".into())
                    },
                ]
            })
            .collect(),
    };
    let findings = DataSheet {
        name: "问题",
        heads: vec!["规则".into(), "说明".into()],
        rows: vec![vec![
            DataCell::Text("weights.sum.not_100".into()),
            DataCell::Text("分值合计 110（应为 100）".into()),
        ]],
    };
    let files = vec![(
        "检查结果.xlsx".to_string(),
        data_xlsx(&[projects, findings], "检查结果"),
    )];
    let report = &super::consumers::read_back_rendered(&files)[0];
    assert_eq!(report["audit"], serde_json::json!([]), "{report:#}");
    let sheets = report["sheets"].as_object().unwrap();
    let names: Vec<&String> = sheets.keys().collect();
    assert_eq!(names.len(), 2, "{names:?}");
    let first = sheets["项目"]["cells"].as_object().unwrap();
    assert_eq!(first["A1"]["text"], "项目名称");
    assert_eq!(first["A2"]["text"], "项目0 <&>");
    assert_eq!(first["B51"]["number"].as_f64(), Some(84.5));
    assert!(!first.contains_key("C2"), "a blank cell stays blank");
    assert_eq!(
        sheets["问题"]["cells"]["B2"]["text"],
        "分值合计 110（应为 100）"
    );
    assert!(
        !report["pdf"]["pages"].as_array().unwrap().is_empty(),
        "LibreOffice prints it"
    );
}
