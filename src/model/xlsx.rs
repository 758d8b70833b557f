//! Excel (.xlsx) and CSV exports of the 自评表 and the 汇总.
//!
//! Hand-written rather than built on an xlsx crate: the browser build has a
//! size budget that a full writer would blow. What is written is the small,
//! strict subset of SpreadsheetML that Excel, WPS and LibreOffice all open
//! without a repair prompt: inline strings (no shared-string table), one
//! fixed style sheet, stored (uncompressed) ZIP entries. The output carries no
//! timestamps, so the same input always gives the same bytes.

use std::fmt::Write as _;

use super::number::{format_percent, format_score};
use super::overview::{GRADES, OverviewRow, totals};
use super::project::Project;
use super::report::{Block, Cell, Table, compose};
use super::score::Evaluation;

// ---- ZIP ----------------------------------------------------------------

const fn crc_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
}

static CRC_TABLE: [u32; 256] = crc_table();

/// CRC-32 (IEEE 802.3), as ZIP stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c = CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// 1980-01-01, the earliest DOS date: a fixed date keeps the output
/// byte-identical across runs.
const DOS_DATE: u16 = (1 << 5) | 1;
/// Bit 11: names are UTF-8.
const UTF8_NAMES: u16 = 0x0800;

/// A ZIP archive of stored (uncompressed) entries. Archives stay far below
/// the 4 GB and 65 535-entry limits, so there is no ZIP64.
#[derive(Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

fn put16(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&v.to_le_bytes());
}

fn put32(buf: &mut Vec<u8>, v: u32) {
    buf.extend_from_slice(&v.to_le_bytes());
}

/// The fields local and central headers share, from "version needed" to
/// "extra field length".
fn shared_fields(buf: &mut Vec<u8>, crc: u32, size: u32, name_len: u16) {
    for v in [20, UTF8_NAMES, 0, 0, DOS_DATE] {
        put16(buf, v);
    }
    for v in [crc, size, size] {
        put32(buf, v);
    }
    put16(buf, name_len);
    put16(buf, 0);
}

impl ZipWriter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: &str, data: &[u8]) {
        let offset = self.out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let name_len = name.len() as u16;

        put32(&mut self.out, 0x0403_4B50);
        shared_fields(&mut self.out, crc, size, name_len);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        put32(c, 0x0201_4B50);
        put16(c, 20);
        shared_fields(c, crc, size, name_len);
        // Comment length, disk number, internal attributes.
        for v in [0, 0, 0] {
            put16(c, v);
        }
        put32(c, 0);
        put32(c, offset);
        c.extend_from_slice(name.as_bytes());
        self.entries += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let offset = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.append(&mut self.central);
        put32(&mut self.out, 0x0605_4B50);
        for v in [0, 0, self.entries, self.entries] {
            put16(&mut self.out, v);
        }
        put32(&mut self.out, size);
        put32(&mut self.out, offset);
        put16(&mut self.out, 0);
        self.out
    }
}

// ---- XML ----------------------------------------------------------------

const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const NS_MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Excel rejects the whole file when a cell holds more than this many UTF-16
/// units.
const MAX_CELL_UNITS: usize = 32_767;

/// Escapes text for XML content or a quoted attribute. Characters XML 1.0
/// forbids (most C0 controls, U+FFFE/U+FFFF) are dropped: user text can hold
/// anything pasted from anywhere, and one such character makes the file
/// unreadable. Text past Excel's cell limit is cut.
fn escape(out: &mut String, text: &str) {
    let mut units = 0;
    let mut after_cr = false;
    for c in text.chars() {
        units += c.len_utf16();
        if units > MAX_CELL_UNITS {
            break;
        }
        // A cell breaks lines at LF; CR LF and a lone CR become one LF.
        let cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' if cr => {}
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
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

// ---- styles -------------------------------------------------------------

/// Fonts, by index: 宋体 11 (the workbook default, also the 汇总), 宋体 11
/// bold, 宋体 10.5 = 5号 (the 自评表 grid), 5号 bold, 宋体 16 bold = 3号
/// (title), 仿宋 5号 (unit line and notes), 5号 dark red (a score below its
/// 分值, so it stands out on screen and still prints legibly in grey).
const FONTS: &str = concat!(
    "<fonts count=\"7\">",
    "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"10.5\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"10.5\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"16\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"10.5\"/><name val=\"仿宋\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"10.5\"/><color rgb=\"FFC00000\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "</fonts>",
    // The first two fills are reserved by the format; the third is the
    // light grey of printed field names and column heads.
    "<fills count=\"3\">",
    "<fill><patternFill patternType=\"none\"/></fill>",
    "<fill><patternFill patternType=\"gray125\"/></fill>",
    "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE7E6E6\"/><bgColor indexed=\"64\"/></patternFill></fill>",
    "</fills>",
    "<borders count=\"2\">",
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    "<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>",
    "<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border>",
    "</borders>",
);

/// Built-in number formats: every Excel knows them, so no `<numFmts>`.
const GENERAL: u8 = 0;
const FMT_SCORE: u8 = 2; // 0.00
const FMT_AMOUNT: u8 = 4; // #,##0.00
const FMT_PERCENT: u8 = 10; // 0.00%

const NONE: u8 = 0;
const LEFT: u8 = 1;
const CENTER: u8 = 2;
const RIGHT: u8 = 3;

/// One `<xf>`: (number format, font, fill, border, horizontal alignment).
/// Aligned styles also centre vertically and wrap.
type Xf = (u8, u8, u8, u8, u8);

// Indices into XFS.
const S_TITLE: u8 = 1;
const S_NOTE: u8 = 2;
const S_NOTE_RIGHT: u8 = 3;
const S_LABEL: u8 = 4;
const S_CENTER: u8 = 5;
const S_LEFT: u8 = 6;
const S_AMOUNT: u8 = 7;
const S_SCORE: u8 = 8;
const S_PERCENT: u8 = 9;
const S_MISSED: u8 = 10;
const S_TOTAL: u8 = 11;
const S_TOTAL_SCORE: u8 = 12;
const O_HEAD: u8 = 13;
const O_LEFT: u8 = 14;
const O_CENTER: u8 = 15;
const O_AMOUNT: u8 = 16;
const O_SCORE: u8 = 17;
const O_PERCENT: u8 = 18;
const O_SUM: u8 = 19;
const O_SUM_AMOUNT: u8 = 20;
const O_SUM_PERCENT: u8 = 21;

const XFS: [Xf; 22] = [
    (GENERAL, 0, 0, 0, NONE),
    // 自评表: title, unit line / footnote, right-hand unit line.
    (GENERAL, 4, 0, 0, CENTER),
    (GENERAL, 5, 0, 0, LEFT),
    (GENERAL, 5, 0, 0, RIGHT),
    // 自评表 grid.
    (GENERAL, 3, 2, 1, CENTER),
    (GENERAL, 2, 0, 1, CENTER),
    (GENERAL, 2, 0, 1, LEFT),
    (FMT_AMOUNT, 2, 0, 1, RIGHT),
    (FMT_SCORE, 2, 0, 1, RIGHT),
    (FMT_PERCENT, 2, 0, 1, RIGHT),
    (FMT_SCORE, 6, 0, 1, RIGHT),
    (GENERAL, 3, 0, 1, CENTER),
    (FMT_SCORE, 3, 0, 1, RIGHT),
    // 汇总.
    (GENERAL, 1, 2, 1, CENTER),
    (GENERAL, 0, 0, 1, LEFT),
    (GENERAL, 0, 0, 1, CENTER),
    (FMT_AMOUNT, 0, 0, 1, RIGHT),
    (FMT_SCORE, 0, 0, 1, RIGHT),
    (FMT_PERCENT, 0, 0, 1, RIGHT),
    (GENERAL, 1, 0, 1, CENTER),
    (FMT_AMOUNT, 1, 0, 1, RIGHT),
    (FMT_PERCENT, 1, 0, 1, RIGHT),
];

fn styles_xml() -> String {
    let mut x = String::with_capacity(4096);
    x.push_str(XML_HEAD);
    let _ = write!(x, "<styleSheet xmlns=\"{NS_MAIN}\">");
    x.push_str(FONTS);
    x.push_str("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>");
    let _ = write!(x, "<cellXfs count=\"{}\">", XFS.len());
    for (fmt, font, fill, border, align) in XFS {
        let _ = write!(
            x,
            "<xf numFmtId=\"{fmt}\" fontId=\"{font}\" fillId=\"{fill}\" borderId=\"{border}\" xfId=\"0\""
        );
        if fmt != GENERAL {
            x.push_str(" applyNumberFormat=\"1\"");
        }
        x.push_str(" applyFont=\"1\"");
        if fill != 0 {
            x.push_str(" applyFill=\"1\"");
        }
        if border != 0 {
            x.push_str(" applyBorder=\"1\"");
        }
        if align == NONE {
            x.push_str("/>");
            continue;
        }
        let horizontal = ["", "left", "center", "right"][align as usize];
        let _ = write!(
            x,
            " applyAlignment=\"1\"><alignment horizontal=\"{horizontal}\" vertical=\"center\" wrapText=\"1\"/></xf>"
        );
    }
    x.push_str("</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>");
    x
}

// ---- the sheet model ----------------------------------------------------

enum Value {
    Blank,
    Text(String),
    Number(f64),
}

struct XCell {
    value: Value,
    style: u8,
}

struct Row {
    /// In points; 0 = estimate from the wrapped text.
    height: f64,
    cells: Vec<XCell>,
}

struct Sheet {
    name: &'static str,
    widths: Vec<f64>,
    rows: Vec<Row>,
    /// 0-based inclusive [first row, first col, last row, last col].
    merges: Vec<[usize; 4]>,
    /// Rows repeated at the top of every printed page.
    print_titles: Option<(usize, usize)>,
    filter: Option<[usize; 4]>,
    /// Rows above this are frozen on screen.
    freeze_rows: usize,
    landscape: bool,
    /// Inches: left, right, top, bottom, header, footer.
    margins: [f64; 6],
    grid_lines: bool,
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

fn row_height(lines: usize) -> f64 {
    lines as f64 * LINE + PAD
}

impl Sheet {
    fn new(name: &'static str, widths: Vec<f64>) -> Self {
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

    fn columns(&self) -> usize {
        self.widths.len()
    }

    /// Appends a row of empty cells in `style`; returns its index.
    fn push_row(&mut self, height: f64, style: u8) -> usize {
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
    fn put(&mut self, [r1, c1, r2, c2]: [usize; 4], value: Value, style: u8) {
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
    fn banner(&mut self, text: &str, style: u8, height: f64) {
        let r = self.push_row(height, 0);
        let last = self.columns() - 1;
        self.put([r, 0, r, last], Value::Text(text.to_string()), style);
    }

    /// Gives rows whose height is 0 room for their wrapped text. A cell
    /// merged down several rows shares its extra lines among them.
    fn fit_heights(&mut self) {
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
                    self.rows[r].height += extra;
                }
            }
        }
    }

    fn xml(&self, selected: bool) -> String {
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
                        // Always preserve: whether the text starts or ends with
                        // a space is only known after dropping what XML forbids.
                        x.push_str(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                        escape(&mut x, t);
                        x.push_str("</t></is></c>");
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

/// The sheet name as a formula reference: quoted, since it is Chinese.
fn push_sheet_ref(x: &mut String, name: &str) {
    x.push('\'');
    escape(x, &name.replace('\'', "''"));
    x.push_str("'!");
}

/// The workbook package around `sheets`; `title` goes into the document
/// properties.
fn workbook(sheets: &[Sheet], title: &str) -> Vec<u8> {
    let mut zip = ZipWriter::new();
    let mut types = String::from(XML_HEAD);
    types.push_str(concat!(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
        "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
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
    let _ = write!(
        book_rels,
        "<Relationship Id=\"rId{}\" Type=\"{NS_REL}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets.len() + 1
    );
    zip.add("xl/_rels/workbook.xml.rels", book_rels.as_bytes());
    zip.add("xl/styles.xml", styles_xml().as_bytes());
    for (n, sheet) in sheets.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", n + 1);
        zip.add(&name, sheet.xml(n == 0).as_bytes());
    }
    zip.finish()
}

// ---- 自评表 ---------------------------------------------------------------

/// Sheet columns of the 自评表, in characters. The header/funds/goals grid
/// uses all nine as the report does; the indicator grid has eight and its
/// last column (偏差原因分析及改进措施) spans the last two, where the long text
/// goes.
const SELF_WIDTHS: [f64; 9] = [9.5, 9.5, 16.0, 11.0, 14.0, 11.0, 8.5, 9.0, 13.5];

/// A displayed figure read back: "27.5" → 27.5, "100.00%" → (1.0, percent).
/// Only plain decimals qualify; "—" and anything typed oddly stay text.
fn parse_shown(text: &str) -> Option<(f64, bool)> {
    let t = text.trim();
    let (digits, percent) = match t.strip_suffix('%') {
        Some(d) => (d, true),
        None => (t, false),
    };
    let plain = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    if !plain || !digits.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: f64 = digits.parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(if percent {
        (v / 100.0, true)
    } else {
        (v, false)
    })
}

/// The sheet value and style of a report cell. `amount` says the cell is in
/// a money column.
fn cell_value(cell: &Cell, amount: bool) -> (Value, u8) {
    let text = cell.text.as_str();
    let class = cell.class.unwrap_or("");
    if cell.numeric {
        if text.trim().is_empty() {
            return (Value::Blank, S_CENTER);
        }
        return match parse_shown(text) {
            Some((v, true)) => (Value::Number(v), S_PERCENT),
            Some((v, false)) => {
                let style = match class {
                    "total" => S_TOTAL_SCORE,
                    "missed" => S_MISSED,
                    _ if amount => S_AMOUNT,
                    _ => S_SCORE,
                };
                (Value::Number(v), style)
            }
            None => (Value::Text(text.to_string()), S_CENTER),
        };
    }
    let style = match class {
        "label" => S_LABEL,
        "text" => S_LEFT,
        "total" => S_TOTAL,
        _ => S_CENTER,
    };
    let value = if text.is_empty() {
        Value::Blank
    } else {
        Value::Text(text.to_string())
    };
    (value, style)
}

/// Lays `table` out below the sheet's rows, as a browser lays out an HTML
/// table: each cell takes the next column its row has free, and a cell
/// merged down holds its columns in the rows below. A table narrower than the
/// sheet stretches its last column to the sheet's edge. Cells that would run
/// into a held column or past the edge are cut short, and missing cells are
/// left as bordered blanks, so the grid stays rectangular and merges never
/// overlap. `amounts` are the table's money columns. Returns the sheet rows
/// of the table's header rows.
fn place_table(
    sheet: &mut Sheet,
    table: &Table,
    amounts: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let width = table.column_count().clamp(1, sheet.columns());
    let last = sheet.columns() - 1;
    let sheet_col = |c: usize| if c + 1 == width { last } else { c };
    let grid: Vec<&Vec<Cell>> = table.header_rows.iter().chain(&table.rows).collect();
    let top = sheet.rows.len();
    for _ in &grid {
        sheet.push_row(0.0, S_CENTER);
    }
    let mut held = vec![0usize; width];
    for (r, row) in grid.iter().enumerate() {
        let mut c = 0;
        for cell in row.iter() {
            while c < width && held[c] > 0 {
                c += 1;
            }
            if c == width {
                break;
            }
            let mut span = 1;
            while span < cell.colspan as usize && c + span < width && held[c + span] == 0 {
                span += 1;
            }
            let down = (cell.rowspan as usize).clamp(1, grid.len() - r);
            held[c..c + span].fill(down);
            let (value, style) = cell_value(cell, amounts.contains(&c));
            let range = [top + r, c, top + r + down - 1, sheet_col(c + span - 1)];
            sheet.put(range, value, style);
            c += span;
        }
        for h in &mut held {
            *h = h.saturating_sub(1);
        }
    }
    if !table.footnote.trim().is_empty() {
        sheet.banner(&table.footnote, S_NOTE, 0.0);
    }
    let heads = table.header_rows.len();
    (heads > 0).then(|| (top, top + heads - 1))
}

/// 附1 项目支出绩效自评表 as an Excel sheet: the same two tables the report
/// prints, so every figure is the report's; figures are stored as numbers
/// and shown with two decimals.
pub fn self_evaluation_xlsx(project: &Project, evaluation: &Evaluation) -> Vec<u8> {
    let doc = compose(project, evaluation);
    let tables: Vec<&Table> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    // §7: landscape when the 偏差原因 text is long, and that column gets the
    // extra width.
    let landscape = project
        .indicators_in_order()
        .any(|(_, i)| i.deviation_reason.trim().chars().count() > 80);
    let mut widths = SELF_WIDTHS.to_vec();
    if landscape {
        widths[8] += 30.0;
    }
    let mut sheet = Sheet::new("自评表", widths);
    sheet.landscape = landscape;
    sheet.grid_lines = false;
    // GB/T 9704 margins (37/35/28/26 mm): the table is an attachment to a 公文.
    sheet.margins = [1.1, 1.02, 1.46, 1.38, 0.6, 0.9];

    let caption = tables
        .first()
        .map_or("项目支出绩效自评表", |t| t.caption.as_str());
    sheet.banner(caption, S_TITLE, 32.0);
    let r = sheet.push_row(20.0, 0);
    let unit = match project.implementer.trim() {
        "" => project.department.trim(),
        u => u,
    };
    sheet.put(
        [r, 0, r, 5],
        Value::Text(format!("填报单位：{unit}")),
        S_NOTE,
    );
    sheet.put(
        [r, 6, r, 8],
        Value::Text(format!("金额单位：{}", project.money_unit.label())),
        S_NOTE_RIGHT,
    );

    for (n, table) in tables.iter().enumerate() {
        // The first table's 年初预算数, 全年预算数, 全年执行数.
        let amounts = if n == 0 { 3..6 } else { 0..0 };
        let heads = place_table(&mut sheet, table, amounts);
        if n + 1 == tables.len() && n > 0 {
            sheet.print_titles = heads;
        }
    }
    sheet.fit_heights();
    workbook(&[sheet], &doc.title)
}

// ---- 汇总 -----------------------------------------------------------------

const OVERVIEW_HEADS: [&str; 10] = [
    "项目名称",
    "主管部门",
    "年度",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "总分",
    "等级",
    "错误",
    "警告",
];

const OVERVIEW_WIDTHS: [f64; 10] = [36.0, 18.0, 7.0, 12.0, 12.0, 10.0, 9.0, 14.0, 6.5, 6.5];

/// One value of the 汇总, before it becomes a sheet cell or a CSV field.
enum Field {
    Text(String),
    Amount(Option<f64>),
    Percent(Option<f64>),
    Score(f64),
    Count(usize),
}

fn overview_fields(row: &OverviewRow) -> [Field; 10] {
    [
        Field::Text(row.name.clone()),
        Field::Text(row.department.clone()),
        Field::Text(row.year.clone()),
        Field::Amount(row.annual_budget_wan),
        Field::Amount(row.executed_wan),
        Field::Percent(row.execution_rate),
        Field::Score(row.total),
        Field::Text(row.grade.label().to_string()),
        Field::Count(row.errors),
        Field::Count(row.warnings),
    ]
}

/// 合计: count, Σ 预算, Σ 执行, the budget-weighted 执行率, projects per
/// grade, Σ 错误/警告.
fn overview_sum(rows: &[OverviewRow]) -> [Field; 10] {
    let t = totals(rows);
    let mut grades = String::new();
    for (grade, count) in GRADES.iter().zip(t.per_grade) {
        if !grades.is_empty() {
            grades.push_str(" / ");
        }
        let _ = write!(grades, "{} {count}", grade.label());
    }
    [
        Field::Text("合计".to_string()),
        Field::Text(format!("共 {} 个项目", t.projects)),
        Field::Text(String::new()),
        Field::Amount(Some(t.budget_wan)),
        Field::Amount(Some(t.executed_wan)),
        Field::Percent(t.weighted_rate),
        Field::Text(String::new()),
        Field::Text(grades),
        Field::Count(rows.iter().map(|r| r.errors).sum()),
        Field::Count(rows.iter().map(|r| r.warnings).sum()),
    ]
}

/// 汇总 as an Excel sheet: one row per project, then 合计.
pub fn overview_xlsx(rows: &[OverviewRow]) -> Vec<u8> {
    let mut sheet = Sheet::new("汇总", OVERVIEW_WIDTHS.to_vec());
    sheet.landscape = true;
    sheet.freeze_rows = 1;
    sheet.print_titles = Some((0, 0));
    sheet.filter = Some([0, 0, rows.len(), OVERVIEW_HEADS.len() - 1]);
    let r = sheet.push_row(0.0, O_HEAD);
    for (c, head) in OVERVIEW_HEADS.iter().enumerate() {
        sheet.rows[r].cells[c].value = Value::Text(head.to_string());
    }
    let sum = overview_sum(rows);
    let body = rows.iter().map(overview_fields).chain([sum]);
    let count = rows.len();
    for (n, fields) in body.enumerate() {
        let total = n == count;
        let r = sheet.push_row(0.0, 0);
        for (c, field) in fields.into_iter().enumerate() {
            let (value, style) = match field {
                Field::Text(t) if t.is_empty() => (Value::Blank, O_CENTER),
                Field::Text(t) => (Value::Text(t), if c < 2 { O_LEFT } else { O_CENTER }),
                Field::Amount(v) => (v.map_or(Value::Blank, Value::Number), O_AMOUNT),
                Field::Percent(v) => (v.map_or(Value::Blank, Value::Number), O_PERCENT),
                Field::Score(v) => (Value::Number(v), O_SCORE),
                Field::Count(v) => (Value::Number(v as f64), O_CENTER),
            };
            let style = match (total, style) {
                (false, s) => s,
                (true, O_AMOUNT) => O_SUM_AMOUNT,
                (true, O_PERCENT) => O_SUM_PERCENT,
                (true, _) => O_SUM,
            };
            let value = match value {
                Value::Number(v) if !v.is_finite() => Value::Text("—".to_string()),
                v => v,
            };
            sheet.rows[r].cells[c] = XCell { value, style };
        }
    }
    sheet.fit_heights();
    workbook(&[sheet], "项目支出绩效自评汇总")
}

/// A text field for CSV: a leading = + - @ (or tab/CR) would make a
/// spreadsheet read it as a formula, so it gets an apostrophe; quoted when
/// it holds a comma, quote or line break (RFC 4180).
fn csv_text(out: &mut String, text: &str) {
    let guard = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if guard {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// 汇总 as CSV, for Excel: UTF-8 with a BOM (else Excel reads the Chinese as
/// the local code page), CRLF line ends, figures with two decimals.
pub fn overview_csv(rows: &[OverviewRow]) -> String {
    let mut out = String::from("\u{FEFF}");
    for (c, head) in OVERVIEW_HEADS.iter().enumerate() {
        if c > 0 {
            out.push(',');
        }
        csv_text(&mut out, head);
    }
    out.push_str("\r\n");
    for fields in rows.iter().map(overview_fields).chain([overview_sum(rows)]) {
        for (c, field) in fields.iter().enumerate() {
            if c > 0 {
                out.push(',');
            }
            match field {
                Field::Text(t) => csv_text(&mut out, t),
                Field::Amount(v) => out.push_str(&v.map(format_score).unwrap_or_default()),
                Field::Percent(v) => out.push_str(&v.map(format_percent).unwrap_or_default()),
                Field::Score(v) => out.push_str(&format_score(*v)),
                Field::Count(v) => {
                    let _ = write!(out, "{v}");
                }
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

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
    fn escaping_drops_what_xml_forbids() {
        let mut s = String::new();
        escape(&mut s, "a<b>&\"c\u{0}\u{1b}\td\u{FFFF}\r\ne\rf");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c\td\ne\nf");
    }

    #[test]
    fn shown_figures_parse_back() {
        assert_eq!(parse_shown("27.5"), Some((27.5, false)));
        assert_eq!(parse_shown("100.00%"), Some((1.0, true)));
        assert_eq!(parse_shown("—"), None);
        assert_eq!(parse_shown("1e5"), None);
        assert_eq!(parse_shown("%"), None);
        assert_eq!(parse_shown("-5.00"), Some((-5.0, false)));
    }

    #[test]
    fn csv_fields_are_quoted_and_guarded() {
        let field = |t| {
            let mut s = String::new();
            csv_text(&mut s, t);
            s
        };
        assert_eq!(field("甲"), "甲");
        assert_eq!(field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn wrapped_lines_are_estimated() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("一二三四", 10.0), 1);
        assert_eq!(lines("一二三四五六", 10.0), 2);
        assert_eq!(lines("a\nb", 10.0), 2);
    }
}
