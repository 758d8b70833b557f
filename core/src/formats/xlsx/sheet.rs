//! The sheet model (rows of styled cells, merges, print settings) and the
//! workbook package it is written into.

use std::fmt::Write as _;

use super::NS_MAIN;
use super::a1::{push_column, push_range, push_ref};
use super::styles::styles_xml;
use crate::formats::package::{NS_PKG_REL, NS_REL, Package, THEME};
use crate::formats::xml::{XML_HEAD, escape, push_escaped};

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
            // Pasted control characters print as boxes (§ every output).
            c if c.is_control() && c != '\n' && c != '\t' => {}
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
    /// The last this many columns are hidden: data for a re-import, not
    /// for the page.
    pub(super) hidden_columns: usize,
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
        .map(|line| ((text_width(line) / room).ceil() as usize).max(1))
        .sum()
}

/// How wide `text` is in digits of the default font: a Chinese character
/// is about two.
pub(super) fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// Excel refuses taller rows: a longer text is cut off on screen (the cell
/// keeps all of it) rather than making the file unreadable.
pub(super) const MAX_ROW_HEIGHT: f64 = 409.0;

fn row_height(lines: usize) -> f64 {
    (lines as f64 * LINE + PAD).min(MAX_ROW_HEIGHT)
}

/// Lines of text the tallest row Excel allows holds.
const MAX_ROW_LINES: usize = ((MAX_ROW_HEIGHT - PAD) / LINE) as usize;

/// `text` cut into pieces that each fit one row of the tallest height Excel
/// allows in a column `width` characters wide, or `None` when it fits whole.
/// Writers put the pieces in rows one under another, so no character is
/// hidden below a capped row. A piece ends at a sentence end (。；！？ or a
/// line break) in its second half when there is one; a line break it ends
/// at is dropped (the next row starts the next line), nothing else is.
pub(super) fn split_to_fit(text: &str, width: f64) -> Option<Vec<String>> {
    if lines(text, width) <= MAX_ROW_LINES {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let fits = |piece: &[char]| lines(&piece.iter().collect::<String>(), width) <= MAX_ROW_LINES;
    let mut pieces = Vec::new();
    let mut rest = &chars[..];
    while !rest.is_empty() {
        if fits(rest) {
            pieces.push(rest.iter().collect());
            break;
        }
        // The longest prefix that fits (at least one character).
        let (mut lo, mut hi) = (1, rest.len());
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if fits(&rest[..mid]) {
                lo = mid
            } else {
                hi = mid
            }
        }
        let end = rest[lo / 2..lo]
            .iter()
            .rposition(|c| matches!(c, '。' | '；' | '！' | '？' | '\n'))
            .map_or(lo, |at| lo / 2 + at + 1);
        let piece = &rest[..end];
        let piece = piece.strip_suffix(&['\n']).unwrap_or(piece);
        pieces.push(piece.iter().collect());
        rest = &rest[end..];
    }
    Some(pieces)
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
            hidden_columns: 0,
        }
    }

    /// The visible columns.
    pub(super) fn columns(&self) -> usize {
        self.widths.len() - self.hidden_columns
    }

    /// Appends a row of empty cells in `style`; returns its index.
    pub(super) fn push_row(&mut self, height: f64, style: u8) -> usize {
        let cells = (0..self.widths.len())
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
            let hidden = if n >= self.columns() {
                " hidden=\"1\""
            } else {
                ""
            };
            let _ = write!(
                x,
                "<col min=\"{0}\" max=\"{0}\" width=\"{w}\"{hidden} customWidth=\"1\"/>",
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

/// The sheet name as a formula reference: quoted, since it is Chinese.
fn push_sheet_ref(x: &mut String, name: &str) {
    x.push('\'');
    escape(x, &name.replace('\'', "''"));
    x.push_str("'!");
}

/// The workbook package around `sheets`; `title` goes into the document
/// properties.
pub(super) fn workbook(sheets: &[Sheet], title: &str, identifier: Option<&str>) -> Vec<u8> {
    let mut package = Package::new(
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        title,
        identifier,
    );
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
    package.add("xl/workbook.xml", None, book.into_bytes());

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
    package.add("xl/_rels/workbook.xml.rels", None, book_rels.into_bytes());
    package.add(
        "xl/styles.xml",
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
        styles_xml().into_bytes(),
    );
    let mut theme = String::from(XML_HEAD);
    theme.push_str(THEME);
    package.add(
        "xl/theme/theme1.xml",
        Some("application/vnd.openxmlformats-officedocument.theme+xml"),
        theme.into_bytes(),
    );
    let mut strings = SharedStrings::default();
    for (n, sheet) in sheets.iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", n + 1);
        package.add(
            &name,
            Some("application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"),
            sheet.xml(n == 0, &mut strings).into_bytes(),
        );
    }
    package.add(
        "xl/sharedStrings.xml",
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"),
        strings.xml().into_bytes(),
    );
    package.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn text_taller_than_a_row_is_cut_into_pieces_that_fit() {
        assert_eq!(split_to_fit("一二三。四五", 10.0), None);
        let text = "偏差原因说明。".repeat(300);
        let pieces = split_to_fit(&text, 20.0).unwrap();
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), text);
        for piece in &pieces {
            assert!(lines(piece, 20.0) <= MAX_ROW_LINES, "{piece}");
            assert!(row_height(lines(piece, 20.0)) <= MAX_ROW_HEIGHT);
            assert!(piece.ends_with('。'), "{piece}");
        }
        // No sentence end: cut anywhere; a line break at a cut is the row's end.
        let text = "字".repeat(2000);
        assert_eq!(split_to_fit(&text, 10.0).unwrap().concat(), text);
        let text = format!("{}\n{}", "字".repeat(120), "字".repeat(120));
        let pieces = split_to_fit(&text, 10.0).unwrap();
        assert_eq!(pieces.concat(), text.replace('\n', ""));
        assert!(pieces.iter().all(|p| !p.contains('\n')), "{pieces:?}");
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
