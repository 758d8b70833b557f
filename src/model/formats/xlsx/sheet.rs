//! The sheet model (rows of styled cells, merges, print settings) and the
//! workbook package it is written into.

use std::fmt::Write as _;

use super::styles::styles_xml;
use super::{NS_MAIN, NS_PKG_REL, NS_REL};
use crate::model::formats::xml::{XML_HEAD, escape, push_escaped};
use crate::model::formats::zip::ZipWriter;

/// Excel rejects the whole file when a cell holds more than this many UTF-16
/// units.
const MAX_CELL_UNITS: usize = 32_767;

/// Cell text: cut at Excel's cell limit, line breaks as one LF, and a literal
/// `_xHHHH_` written as `_x005F_xHHHH_`, since Excel would otherwise decode
/// it as an escaped character (ECMA-376 Part 1, ST_Xstring).
fn escape_cell_text(out: &mut String, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut units = 0;
    let mut after_cr = false;
    for (i, &c) in chars.iter().enumerate() {
        units += c.len_utf16();
        if units > MAX_CELL_UNITS {
            break;
        }
        let cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if cr => {}
            '\r' => out.push('\n'),
            '_' if is_escape_sequence(&chars[i..]) => out.push_str("_x005F_"),
            c => push_escaped(out, c),
        }
    }
}

/// `_xHHHH_` at the start of `chars`.
fn is_escape_sequence(chars: &[char]) -> bool {
    chars.len() >= 7
        && chars[1] == 'x'
        && chars[2..6].iter().all(char::is_ascii_hexdigit)
        && chars[6] == '_'
}

pub(super) enum Value {
    Blank,
    Text(String),
    Number(f64),
}

pub(super) struct XCell {
    pub(super) value: Value,
    pub(super) style: u8,
}

pub(super) struct Row {
    /// In points; 0 = estimate from the wrapped text.
    pub(super) height: f64,
    pub(super) cells: Vec<XCell>,
}

pub(super) struct Sheet {
    pub(super) name: &'static str,
    pub(super) widths: Vec<f64>,
    pub(super) rows: Vec<Row>,
    /// 0-based inclusive [first row, first col, last row, last col].
    pub(super) merges: Vec<[usize; 4]>,
    /// Rows repeated at the top of every printed page.
    pub(super) print_titles: Option<(usize, usize)>,
    pub(super) filter: Option<[usize; 4]>,
    /// Rows above this are frozen on screen.
    pub(super) freeze_rows: usize,
    pub(super) landscape: bool,
    /// Inches: left, right, top, bottom, header, footer.
    pub(super) margins: [f64; 6],
    pub(super) grid_lines: bool,
}

/// Line height of 10.5–11 pt 宋体, and the padding that keeps text off the
/// borders.
const LINE: f64 = 14.25;
const PAD: f64 = 6.0;

/// Lines `text` wraps to in a column `width` characters wide. Column widths
/// count digits of the default font, and a Chinese character is about two.
fn lines(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(1.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum();
            ((w / room).ceil() as usize).max(1)
        })
        .sum()
}

/// Excel refuses taller rows: a longer text is cut off on screen (the cell
/// keeps all of it) rather than making the file unreadable.
pub(super) const MAX_ROW_HEIGHT: f64 = 409.0;

fn row_height(lines: usize) -> f64 {
    (lines as f64 * LINE + PAD).min(MAX_ROW_HEIGHT)
}

impl Sheet {
    pub(super) fn new(name: &'static str, widths: Vec<f64>) -> Self {
        Self {
            name,
            widths,
            rows: Vec::new(),
            merges: Vec::new(),
            print_titles: None,
            filter: None,
            freeze_rows: 0,
            landscape: false,
            margins: [0.6, 0.6, 0.75, 0.75, 0.3, 0.3],
            grid_lines: true,
        }
    }

    pub(super) fn columns(&self) -> usize {
        self.widths.len()
    }

    /// Appends a row of empty cells in `style`; returns its index.
    pub(super) fn push_row(&mut self, height: f64, style: u8) -> usize {
        let cells = (0..self.columns())
            .map(|_| XCell {
                value: Value::Blank,
                style,
            })
            .collect();
        self.rows.push(Row { height, cells });
        self.rows.len() - 1
    }

    /// Puts `value` at the top-left of the range and `style` on every cell of
    /// it, so borders and fill cover the whole merged area.
    pub(super) fn put(&mut self, [r1, c1, r2, c2]: [usize; 4], value: Value, style: u8) {
        for row in &mut self.rows[r1..=r2] {
            for cell in &mut row.cells[c1..=c2] {
                cell.style = style;
            }
        }
        self.rows[r1].cells[c1].value = value;
        if r2 > r1 || c2 > c1 {
            self.merges.push([r1, c1, r2, c2]);
        }
    }

    /// A row with one text merged across the sheet.
    pub(super) fn banner(&mut self, text: &str, style: u8, height: f64) {
        let r = self.push_row(height, 0);
        let last = self.columns() - 1;
        self.put([r, 0, r, last], Value::Text(text.to_string()), style);
    }

    /// Gives rows whose height is 0 room for their wrapped text. A cell
    /// merged down several rows shares its extra lines among them.
    pub(super) fn fit_heights(&mut self) {
        let auto: Vec<bool> = self.rows.iter().map(|r| r.height == 0.0).collect();
        let mut tall = Vec::new();
        for (r, row) in self.rows.iter_mut().enumerate() {
            if row.height == 0.0 {
                row.height = row_height(1);
            }
            for (c, cell) in row.cells.iter().enumerate() {
                let Value::Text(text) = &cell.value else {
                    continue;
                };
                let [_, _, r2, c2] = self
                    .merges
                    .iter()
                    .find(|m| m[0] == r && m[1] == c)
                    .copied()
                    .unwrap_or([r, c, r, c]);
                let width: f64 = self.widths[c..=c2].iter().sum();
                let need = row_height(lines(text, width));
                if r2 == r {
                    if auto[r] {
                        row.height = row.height.max(need);
                    }
                } else {
                    tall.push((r, r2, need));
                }
            }
        }
        for (r1, r2, need) in tall {
            let have: f64 = self.rows[r1..=r2].iter().map(|r| r.height).sum();
            let grow: Vec<usize> = (r1..=r2).filter(|&r| auto[r]).collect();
            if need > have && !grow.is_empty() {
                let extra = ((need - have) / grow.len() as f64 * 4.0).ceil() / 4.0;
                for r in grow {
                    self.rows[r].height = (self.rows[r].height + extra).min(MAX_ROW_HEIGHT);
                }
            }
        }
    }

    fn xml(&self, selected: bool, strings: &mut SharedStrings) -> String {
        let mut x = String::with_capacity(8192 + self.rows.len() * 512);
        x.push_str(XML_HEAD);
        let _ = write!(
            x,
            "<worksheet xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr><dimension ref=\""
        );
        let last_row = self.rows.len().max(1) - 1;
        push_range(&mut x, [0, 0, last_row, self.columns() - 1]);
        x.push_str("\"/><sheetViews><sheetView");
        if selected {
            x.push_str(" tabSelected=\"1\"");
        }
        if !self.grid_lines {
            x.push_str(" showGridLines=\"0\"");
        }
        x.push_str(" workbookViewId=\"0\">");
        if self.freeze_rows > 0 {
            x.push_str("<pane ySplit=\"");
            let _ = write!(x, "{}", self.freeze_rows);
            x.push_str("\" topLeftCell=\"");
            push_ref(&mut x, self.freeze_rows, 0);
            x.push_str(
                "\" activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\"/>",
            );
        }
        x.push_str("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"14.25\"/><cols>");
        for (n, w) in self.widths.iter().enumerate() {
            let _ = write!(
                x,
                "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>",
                n + 1
            );
        }
        x.push_str("</cols><sheetData>");
        for (r, row) in self.rows.iter().enumerate() {
            let _ = write!(x, "<row r=\"{}\"", r + 1);
            if row.height > 0.0 {
                let _ = write!(x, " ht=\"{}\" customHeight=\"1\"", row.height);
            }
            x.push('>');
            for (c, cell) in row.cells.iter().enumerate() {
                if cell.style == 0 && matches!(cell.value, Value::Blank) {
                    continue;
                }
                x.push_str("<c r=\"");
                push_ref(&mut x, r, c);
                x.push('"');
                if cell.style != 0 {
                    let _ = write!(x, " s=\"{}\"", cell.style);
                }
                match &cell.value {
                    Value::Blank => x.push_str("/>"),
                    Value::Number(v) => {
                        let _ = write!(x, "><v>{v}</v></c>");
                    }
                    Value::Text(t) => {
                        let _ = write!(x, " t=\"s\"><v>{}</v></c>", strings.index(t));
                    }
                }
            }
            x.push_str("</row>");
        }
        x.push_str("</sheetData>");
        if let Some(range) = self.filter {
            x.push_str("<autoFilter ref=\"");
            push_range(&mut x, range);
            x.push_str("\"/>");
        }
        if !self.merges.is_empty() {
            let _ = write!(x, "<mergeCells count=\"{}\">", self.merges.len());
            for &m in &self.merges {
                x.push_str("<mergeCell ref=\"");
                push_range(&mut x, m);
                x.push_str("\"/>");
            }
            x.push_str("</mergeCells>");
        }
        let [left, right, top, bottom, header, footer] = self.margins;
        let orientation = if self.landscape {
            "landscape"
        } else {
            "portrait"
        };
        let _ = write!(
            x,
            "<printOptions horizontalCentered=\"1\"/><pageMargins left=\"{left}\" right=\"{right}\" top=\"{top}\" bottom=\"{bottom}\" header=\"{header}\" footer=\"{footer}\"/><pageSetup paperSize=\"9\" orientation=\"{orientation}\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        );
        // Page numbers as GB/T 9704 prints them: "— 1 —".
        x.push_str(
            "<headerFooter><oddFooter>&amp;C— &amp;P —</oddFooter></headerFooter></worksheet>",
        );
        x
    }
}

/// The workbook's shared-string table: Excel keeps cell text there, and
/// rewrites a file that holds it inline the first time it is saved.
#[derive(Default)]
struct SharedStrings {
    index: std::collections::HashMap<String, usize>,
    order: Vec<String>,
    uses: usize,
}

impl SharedStrings {
    fn index(&mut self, text: &str) -> usize {
        self.uses += 1;
        if let Some(&n) = self.index.get(text) {
            return n;
        }
        self.order.push(text.to_string());
        self.index.insert(text.to_string(), self.order.len() - 1);
        self.order.len() - 1
    }

    fn xml(&self) -> String {
        let mut x = String::from(XML_HEAD);
        let _ = write!(
            x,
            "<sst xmlns=\"{NS_MAIN}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.order.len()
        );
        for text in &self.order {
            // Always preserve: whether the text starts or ends with a space
            // is only known after dropping what XML forbids.
            x.push_str("<si><t xml:space=\"preserve\">");
            escape_cell_text(&mut x, text);
            x.push_str("</t></si>");
        }
        x.push_str("</sst>");
        x
    }
}

/// The smallest theme Excel accepts: the Office colours and fonts. A
/// workbook without one is valid to read but fails Open XML validation.
const THEME: &str = concat!(
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office\"><a:themeElements>",
    "<a:clrScheme name=\"Office\">",
    "<a:dk1><a:sysClr val=\"windowText\" lastClr=\"000000\"/></a:dk1><a:lt1><a:sysClr val=\"window\" lastClr=\"FFFFFF\"/></a:lt1>",
    "<a:dk2><a:srgbClr val=\"44546A\"/></a:dk2><a:lt2><a:srgbClr val=\"E7E6E6\"/></a:lt2>",
    "<a:accent1><a:srgbClr val=\"4472C4\"/></a:accent1><a:accent2><a:srgbClr val=\"ED7D31\"/></a:accent2>",
    "<a:accent3><a:srgbClr val=\"A5A5A5\"/></a:accent3><a:accent4><a:srgbClr val=\"FFC000\"/></a:accent4>",
    "<a:accent5><a:srgbClr val=\"5B9BD5\"/></a:accent5><a:accent6><a:srgbClr val=\"70AD47\"/></a:accent6>",
    "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink><a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink>",
    "</a:clrScheme>",
    "<a:fontScheme name=\"Office\">",
    "<a:majorFont><a:latin typeface=\"Calibri Light\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线 Light\"/></a:majorFont>",
    "<a:minorFont><a:latin typeface=\"Calibri\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/><a:font script=\"Hans\" typeface=\"等线\"/></a:minorFont>",
    "</a:fontScheme>",
    "<a:fmtScheme name=\"Office\">",
    "<a:fillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:fillStyleLst>",
    "<a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>",
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>",
    "<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst>",
    "</a:fmtScheme></a:themeElements></a:theme>",
);

/// The sheet name as a formula reference: quoted, since it is Chinese.
fn push_sheet_ref(x: &mut String, name: &str) {
    x.push('\'');
    escape(x, &name.replace('\'', "''"));
    x.push_str("'!");
}

/// The workbook package around `sheets`; `title` goes into the document
/// properties.
pub(super) fn workbook(sheets: &[Sheet], title: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    let mut types = String::from(XML_HEAD);
    types.push_str(concat!(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
        "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
        "<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>",
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    ));
    for n in 1..=sheets.len() {
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    types.push_str("</Types>");
    zip.add("[Content_Types].xml", types.as_bytes());

    let mut rels = String::from(XML_HEAD);
    let _ = write!(
        rels,
        "<Relationships xmlns=\"{NS_PKG_REL}\"><Relationship Id=\"rId1\" Type=\"{NS_REL}/officeDocument\" Target=\"xl/workbook.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/><Relationship Id=\"rId3\" Type=\"{NS_REL}/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
    );
    zip.add("_rels/.rels", rels.as_bytes());

    let mut core = String::from(XML_HEAD);
    core.push_str("<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    escape(&mut core, title);
    core.push_str("</dc:title><dc:creator>jixiao</dc:creator></cp:coreProperties>");
    zip.add("docProps/core.xml", core.as_bytes());
    let mut app = String::from(XML_HEAD);
    app.push_str("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>jixiao</Application></Properties>");
    zip.add("docProps/app.xml", app.as_bytes());

    let mut book = String::from(XML_HEAD);
    let _ = write!(
        book,
        "<workbook xmlns=\"{NS_MAIN}\" xmlns:r=\"{NS_REL}\"><bookViews><workbookView/></bookViews><sheets>"
    );
    let mut names = String::new();
    for (n, sheet) in sheets.iter().enumerate() {
        book.push_str("<sheet name=\"");
        escape(&mut book, sheet.name);
        let _ = write!(book, "\" sheetId=\"{}\" r:id=\"rId{}\"/>", n + 1, n + 1);
        if let Some(range) = sheet.filter {
            // Excel keeps the filter's range under this hidden name.
            let _ = write!(
                names,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{n}\" hidden=\"1\">"
            );
            push_sheet_ref(&mut names, sheet.name);
            let [r1, c1, r2, c2] = range;
            for (r, c) in [(r1, c1), (r2, c2)] {
                names.push('$');
                push_column(&mut names, c);
                let _ = write!(names, "${}", r + 1);
                names.push(':');
            }
            names.pop();
            names.push_str("</definedName>");
        }
        if let Some((first, last)) = sheet.print_titles {
            let _ = write!(
                names,
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{n}\">"
            );
            push_sheet_ref(&mut names, sheet.name);
            let _ = write!(names, "${}:${}</definedName>", first + 1, last + 1);
        }
    }
    book.push_str("</sheets>");
    if !names.is_empty() {
        let _ = write!(book, "<definedNames>{names}</definedNames>");
    }
    book.push_str("</workbook>");
    zip.add("xl/workbook.xml", book.as_bytes());

    let mut book_rels = String::from(XML_HEAD);
    let _ = write!(book_rels, "<Relationships xmlns=\"{NS_PKG_REL}\">");
    for n in 1..=sheets.len() {
        let _ = write!(
            book_rels,
            "<Relationship Id=\"rId{n}\" Type=\"{NS_REL}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
    }
    let next = sheets.len() + 1;
    let _ = write!(
        book_rels,
        "<Relationship Id=\"rId{next}\" Type=\"{NS_REL}/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId{}\" Type=\"{NS_REL}/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId{}\" Type=\"{NS_REL}/theme\" Target=\"theme/theme1.xml\"/></Relationships>",
        next + 1,
        next + 2
    );
    zip.add("xl/_rels/workbook.xml.rels", book_rels.as_bytes());
    zip.add("xl/styles.xml", styles_xml().as_bytes());
    let mut theme = String::from(XML_HEAD);
    theme.push_str(THEME);
    zip.add("xl/theme/theme1.xml", theme.as_bytes());
    let mut strings = SharedStrings::default();
    for (n, sheet) in sheets.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", n + 1);
        zip.add(&name, sheet.xml(n == 0, &mut strings).as_bytes());
    }
    zip.add("xl/sharedStrings.xml", strings.xml().as_bytes());
    zip.finish()
}

/// "A", …, "Z", "AA", … for a 0-based column.
fn push_column(out: &mut String, col: usize) {
    if col >= 26 {
        push_column(out, col / 26 - 1);
    }
    out.push((b'A' + (col % 26) as u8) as char);
}

/// "B7" for 0-based (row, col).
fn push_ref(out: &mut String, row: usize, col: usize) {
    push_column(out, col);
    let _ = write!(out, "{}", row + 1);
}

/// "A1:C3" for 0-based corners.
fn push_range(out: &mut String, [r1, c1, r2, c2]: [usize; 4]) {
    push_ref(out, r1, c1);
    out.push(':');
    push_ref(out, r2, c2);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_excel() {
        let name = |c| {
            let mut s = String::new();
            push_column(&mut s, c);
            s
        };
        assert_eq!(name(0), "A");
        assert_eq!(name(25), "Z");
        assert_eq!(name(26), "AA");
        assert_eq!(name(701), "ZZ");
        assert_eq!(name(702), "AAA");
    }

    #[test]
    fn cell_text_is_escaped_for_excel() {
        let mut s = String::new();
        escape_cell_text(&mut s, "a<b>&\"c\u{0}\u{1b}\td\u{FFFF}\r\ne\rf");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c\td\ne\nf");
        let mut s = String::new();
        escape_cell_text(&mut s, "_x000D_ and _x00e9_ but not _x12_ or _xZZZZ_");
        assert_eq!(
            s,
            "_x005F_x000D_ and _x005F_x00e9_ but not _x12_ or _xZZZZ_"
        );
    }

    #[test]
    fn cell_text_stops_at_excels_limit() {
        let mut s = String::new();
        escape_cell_text(&mut s, &"字".repeat(40_000));
        assert_eq!(s.chars().count(), MAX_CELL_UNITS);
    }

    #[test]
    fn wrapped_lines_are_estimated_and_rows_capped() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("一二三四", 10.0), 1);
        assert_eq!(lines("一二三四五六", 10.0), 2);
        assert_eq!(lines("a\nb", 10.0), 2);
        assert_eq!(row_height(1000), MAX_ROW_HEIGHT);
    }
}
