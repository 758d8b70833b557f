//! Reading someone else's .xlsx into plain grids of text: one per sheet,
//! with its merged ranges. Cell values come as a person sees them:
//! shared, inline and rich-text strings joined, `_xHHHH_` escapes undone,
//! formulas by their cached value, percentages as "95%", dates as
//! "2023-03-15". Nothing here knows what a 自评表 is (`import.rs`
//! does).
//!
//! A file is checked before it is trusted: its kind by its first bytes
//! (legacy .xls/.et and password-protected workbooks are OLE files, not
//! zips), the zip directory and every inflated part against limits, XML
//! without DTDs or entities and nested no deeper than workbooks nest, and at
//! most [`MAX_ROWS`] rows of a sheet read.

use super::a1::parse_ref;
use crate::formats::xml::{Flow, Node, Tag, XmlError, walk};
use crate::formats::zip::{Archive, MAX_ENTRIES, ZipError};

/// Larger files are refused before they are read.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// What all parts of one workbook may inflate to.
const MAX_INFLATED_BYTES: usize = 100 * 1024 * 1024;
/// A 自评表 has a few dozen rows; rows past this are not read.
pub const MAX_ROWS: usize = 2_000;
/// Columns past this are not read.
pub const MAX_COLUMNS: usize = 60;

/// Why a file is not read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    NotXlsx,
    /// .xls (BIFF) or WPS .et/.wps.
    Legacy,
    Encrypted,
    FileTooLarge,
    TooLarge,
    TooManyEntries,
    XmlForbidden,
    TooDeep,
    Damaged(String),
}

impl XlsxError {
    /// A stable name for the kind, for a script or a query to group by
    /// (`jixiao check` writes it in its `error_kind` column).
    pub fn kind(&self) -> &'static str {
        match self {
            XlsxError::NotXlsx => "not_xlsx",
            XlsxError::Legacy => "legacy",
            XlsxError::Encrypted => "encrypted",
            XlsxError::FileTooLarge => "file_too_large",
            XlsxError::TooLarge => "too_large",
            XlsxError::TooManyEntries => "too_many_entries",
            XlsxError::XmlForbidden => "xml_forbidden",
            XlsxError::TooDeep => "too_deep",
            XlsxError::Damaged(_) => "damaged",
        }
    }

    /// What the user reads, in Chinese.
    pub fn message(&self) -> String {
        match self {
            XlsxError::NotXlsx => "不是 Excel 工作簿（.xlsx）文件，无法读取。".to_string(),
            XlsxError::Legacy => "这是旧版 Excel（.xls）或 WPS 表格（.et/.wps）文件。请在 Excel/WPS 中另存为 .xlsx，或复制表格后在编辑页粘贴。".to_string(),
            XlsxError::Encrypted => "工作簿设有打开密码，无法读取。请在 Excel/WPS 中取消密码后另存为 .xlsx。".to_string(),
            XlsxError::FileTooLarge => format!(
                "文件超过 {} MB，不像是绩效自评表，未读取。",
                MAX_FILE_BYTES / 1024 / 1024
            ),
            XlsxError::TooLarge => format!(
                "工作簿解压后超过 {} MB（可能是“压缩炸弹”），为安全起见未读取。",
                MAX_INFLATED_BYTES / 1024 / 1024
            ),
            XlsxError::TooManyEntries => format!(
                "工作簿包含超过 {MAX_ENTRIES} 个部件，不像是绩效自评表，为安全起见未读取。"
            ),
            XlsxError::XmlForbidden => {
                "工作簿中含有 DTD 或自定义实体（正常的 Excel 文件不会有），为安全起见未读取。"
                    .to_string()
            }
            XlsxError::TooDeep => "工作簿的 XML 嵌套异常深，为安全起见未读取。".to_string(),
            XlsxError::Damaged(why) => format!("工作簿已损坏，无法读取（{why}）。"),
        }
    }
}

impl From<ZipError> for XlsxError {
    fn from(e: ZipError) -> Self {
        match e {
            ZipError::NotZip => XlsxError::NotXlsx,
            ZipError::Encrypted => XlsxError::Encrypted,
            ZipError::TooManyEntries => XlsxError::TooManyEntries,
            ZipError::TooLarge => XlsxError::TooLarge,
            ZipError::Unsupported => XlsxError::Damaged("不支持的压缩方式".to_string()),
            ZipError::Corrupt => XlsxError::Damaged("压缩数据损坏".to_string()),
        }
    }
}

fn xml_error(part: &str, e: XmlError) -> XlsxError {
    match e {
        XmlError::Forbidden => XlsxError::XmlForbidden,
        XmlError::TooDeep => XlsxError::TooDeep,
        XmlError::Malformed(why) => XlsxError::Damaged(format!("{part}：{why}")),
    }
}

/// One sheet as text: `rows[r][c]` ("" where empty), merged ranges as
/// `[first row, first col, last row, last col]` (0-based, inclusive).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SheetGrid {
    pub name: String,
    pub rows: Vec<Vec<String>>,
    pub merges: Vec<[usize; 4]>,
    /// Rows or columns past the limits were left unread.
    pub truncated: bool,
    /// Cells with a formula but no stored result (a file no spreadsheet
    /// program has saved): read as blank, and said so.
    pub uncalculated: Vec<(usize, usize)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    pub sheets: Vec<SheetGrid>,
    /// The project id jixiao writes into its own exports (`dc:identifier`
    /// of a file whose creator is jixiao); `None` for anyone else's file.
    pub identifier: Option<String>,
    /// Written by jixiao (`dc:creator`): its own markings can be undone.
    pub by_jixiao: bool,
}

/// Undoes Excel's `_xHHHH_` escapes (control characters and the like).
fn unescape_x(text: &str) -> String {
    if !text.contains("_x") {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        out.push_str(&rest[..at]);
        let code = rest.get(at + 2..at + 6);
        let closed = rest.get(at + 6..at + 7) == Some("_");
        match code
            .filter(|_| closed)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
        {
            Some(c) => {
                out.push(c);
                rest = &rest[at + 7..];
            }
            None => {
                out.push_str("_x");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A number as a person reads it in Excel: 15 significant digits, so float
/// noise ("0.30000000000000004") is gone, and no exponent for ordinary
/// amounts.
pub fn number_text(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let v: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    format!("{v}")
}

/// "2023-03-15" for an Excel date serial (1900 or 1904 system).
fn date_text(serial: f64, date1904: bool) -> String {
    let mut days = serial.floor() as i64;
    if date1904 {
        days += 1462;
    } else if days < 60 {
        // Excel counts a 1900-02-29 that never was: serials before it are
        // a day behind 1899-12-30 + serial.
        days += 1;
    }
    let z = days - 25569 + 719_468; // days since 0000-03-01
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Plain,
    Percent,
    Date,
}

/// Whether a number format shows a date or a percentage.
fn shown_as(id: u32, code: Option<&str>) -> Shown {
    if let Some(code) = code {
        // Quoted text and [colour] blocks say nothing about the kind.
        let mut bare = String::new();
        let mut quoted = false;
        let mut bracket = false;
        for c in code.chars() {
            match c {
                '"' => quoted = !quoted,
                '[' if !quoted => bracket = true,
                ']' if !quoted => bracket = false,
                c if !quoted && !bracket => bare.push(c.to_ascii_lowercase()),
                _ => {}
            }
        }
        if bare.contains('%') {
            Shown::Percent
        } else if bare.contains('y') || bare.contains('d') || bare.contains("m/") {
            Shown::Date
        } else {
            Shown::Plain
        }
    } else {
        match id {
            9 | 10 => Shown::Percent,
            14..=22 | 27..=36 | 45..=47 | 50..=58 => Shown::Date,
            _ => Shown::Plain,
        }
    }
}

struct Parts<'a> {
    archive: Archive<'a>,
}

impl Parts<'_> {
    fn text(&mut self, name: &str) -> Result<Option<String>, XlsxError> {
        match self.archive.read(name) {
            None => Ok(None),
            Some(bytes) => {
                let bytes = bytes?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| XlsxError::Damaged(format!("{name} 不是 UTF-8 文本")))?;
                Ok(Some(text))
            }
        }
    }
}

/// The text of every `<si>` (shared strings) or of one `<is>`: its `<t>`
/// runs joined, phonetic guides (`<rPh>`) left out.
struct TextRuns {
    depth_in_phonetic: usize,
    in_t: bool,
    text: String,
}

impl TextRuns {
    fn new() -> Self {
        TextRuns {
            depth_in_phonetic: 0,
            in_t: false,
            text: String::new(),
        }
    }

    fn feed(&mut self, node: &Node) {
        match node {
            Node::Open(t) if t.name == "rPh" => self.depth_in_phonetic += 1,
            Node::Close(n) if n == "rPh" => {
                self.depth_in_phonetic = self.depth_in_phonetic.saturating_sub(1)
            }
            Node::Open(t) if t.name == "t" => self.in_t = true,
            Node::Close(n) if n == "t" => self.in_t = false,
            Node::Text(s) if self.in_t && self.depth_in_phonetic == 0 => self.text.push_str(s),
            _ => {}
        }
    }

    fn take(&mut self) -> String {
        unescape_x(&std::mem::take(&mut self.text))
    }
}

fn shared_strings(xml: &str) -> Result<Vec<String>, XmlError> {
    let mut out = Vec::new();
    let mut runs = TextRuns::new();
    walk(xml, |node| {
        match &node {
            Node::Open(t) if t.name == "si" => runs.text.clear(),
            Node::Empty(t) if t.name == "si" => out.push(String::new()),
            Node::Close(n) if n == "si" => out.push(runs.take()),
            _ => runs.feed(&node),
        }
        Flow::Go
    })?;
    Ok(out)
}

/// Per cell style (`s`), how its number shows.
fn styles(xml: &str) -> Result<Vec<Shown>, XmlError> {
    let mut formats: Vec<(u32, String)> = Vec::new();
    let mut xf_ids: Vec<u32> = Vec::new();
    let mut in_cell_xfs = false;
    walk(xml, |node| {
        match &node {
            Node::Open(t) | Node::Empty(t) if t.name == "numFmt" => {
                if let (Some(id), Some(code)) = (
                    t.attr("numFmtId").and_then(|v| v.parse().ok()),
                    t.attr("formatCode"),
                ) {
                    formats.push((id, code.to_string()));
                }
            }
            Node::Open(t) if t.name == "cellXfs" => in_cell_xfs = true,
            Node::Close(n) if n == "cellXfs" => in_cell_xfs = false,
            Node::Open(t) | Node::Empty(t) if in_cell_xfs && t.name == "xf" => {
                xf_ids.push(t.attr("numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0));
            }
            _ => {}
        }
        Flow::Go
    })?;
    Ok(xf_ids
        .into_iter()
        .map(|id| {
            let code = formats
                .iter()
                .find(|(f, _)| *f == id)
                .map(|(_, c)| c.as_str());
            shown_as(id, code)
        })
        .collect())
}

struct CellState {
    at: (usize, usize),
    kind: String,
    style: usize,
    value: Option<String>,
    formula: bool,
    in_v: bool,
    in_is: bool,
}

fn sheet_grid(
    name: &str,
    xml: &str,
    strings: &[String],
    shown: &[Shown],
    date1904: bool,
) -> Result<SheetGrid, XmlError> {
    let mut grid = SheetGrid {
        name: name.to_string(),
        ..SheetGrid::default()
    };
    let mut row_at = 0usize;
    let mut next_col = 0usize;
    let mut cell: Option<CellState> = None;
    let mut runs = TextRuns::new();
    let put = |grid: &mut SheetGrid, (r, c): (usize, usize), text: String| {
        if c >= MAX_COLUMNS {
            grid.truncated = true;
            return;
        }
        if grid.rows.len() <= r {
            grid.rows.resize(r + 1, Vec::new());
        }
        let row = &mut grid.rows[r];
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    };
    walk(xml, |node| {
        match node {
            Node::Open(t) | Node::Empty(t) if t.name == "row" => {
                row_at = t
                    .attr("r")
                    .and_then(|r| r.parse::<usize>().ok())
                    .map_or(row_at + 1, |r| r)
                    .max(1);
                next_col = 0;
                if row_at > MAX_ROWS {
                    grid.truncated = true;
                    return Flow::Stop;
                }
            }
            Node::Open(t) if t.name == "c" => cell = Some(open_cell(&t, row_at, next_col)),
            Node::Empty(t) if t.name == "c" => {
                next_col = open_cell(&t, row_at, next_col).at.1 + 1;
            }
            Node::Close(n) if n == "c" => {
                if let Some(c) = cell.take() {
                    next_col = c.at.1 + 1;
                    if c.formula && c.value.as_deref().is_none_or(str::is_empty) {
                        grid.uncalculated.push(c.at);
                    }
                    let text = cell_text(&c, strings, shown, date1904);
                    if !text.is_empty() {
                        put(&mut grid, c.at, text);
                    }
                }
            }
            Node::Open(t) | Node::Empty(t) if t.name == "f" => {
                if let Some(c) = &mut cell {
                    c.formula = true;
                }
            }
            Node::Open(t) if t.name == "v" => {
                if let Some(c) = &mut cell {
                    c.in_v = true;
                }
            }
            Node::Close(n) if n == "v" => {
                if let Some(c) = &mut cell {
                    c.in_v = false;
                }
            }
            Node::Open(t) if t.name == "is" => {
                if let Some(c) = &mut cell {
                    c.in_is = true;
                    runs.text.clear();
                }
            }
            Node::Close(n) if n == "is" => {
                if let Some(c) = &mut cell {
                    c.in_is = false;
                    c.value = Some(runs.take());
                }
            }
            Node::Text(s) if cell.as_ref().is_some_and(|c| c.in_v) => {
                if let Some(c) = &mut cell {
                    c.value.get_or_insert_with(String::new).push_str(&s);
                }
            }
            Node::Open(t) | Node::Empty(t) if t.name == "mergeCell" => {
                if let Some((a, b)) = t.attr("ref").and_then(|r| r.split_once(':'))
                    && let (Some((r1, c1)), Some((r2, c2))) = (parse_ref(a), parse_ref(b))
                {
                    grid.merges
                        .push([r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)]);
                }
            }
            node if cell.as_ref().is_some_and(|c| c.in_is) => runs.feed(&node),
            _ => {}
        }
        Flow::Go
    })?;
    Ok(grid)
}

fn open_cell(t: &Tag, row_at: usize, next_col: usize) -> CellState {
    let at = t
        .attr("r")
        .and_then(parse_ref)
        .unwrap_or((row_at.saturating_sub(1), next_col));
    CellState {
        at,
        kind: t.attr("t").unwrap_or("n").to_string(),
        style: t.attr("s").and_then(|s| s.parse().ok()).unwrap_or(0),
        value: None,
        formula: false,
        in_v: false,
        in_is: false,
    }
}

fn cell_text(c: &CellState, strings: &[String], shown: &[Shown], date1904: bool) -> String {
    let Some(raw) = &c.value else {
        return String::new();
    };
    match c.kind.as_str() {
        "s" => raw
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| strings.get(n))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" => raw.clone(),
        "str" => unescape_x(raw),
        "b" => if raw.trim() == "1" { "TRUE" } else { "FALSE" }.to_string(),
        "e" => raw.clone(),
        _ => match raw.trim().parse::<f64>() {
            Ok(v) => match shown.get(c.style).copied().unwrap_or(Shown::Plain) {
                Shown::Percent => format!("{}%", number_text(v * 100.0)),
                Shown::Date if (1.0..2_958_466.0).contains(&v) => date_text(v, date1904),
                _ => number_text(v),
            },
            Err(_) => raw.clone(),
        },
    }
}

/// Reads a workbook's sheets as text grids.
pub fn read_workbook(bytes: &[u8]) -> Result<Workbook, XlsxError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(XlsxError::FileTooLarge);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE compound file: an encrypted OOXML package keeps its key in
        // an "EncryptionInfo" stream; anything else is a legacy workbook.
        let marker: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(if bytes.windows(marker.len()).any(|w| w == marker) {
            XlsxError::Encrypted
        } else {
            XlsxError::Legacy
        });
    }
    if !bytes.starts_with(b"PK") {
        return Err(XlsxError::NotXlsx);
    }
    let mut parts = Parts {
        archive: Archive::open(bytes, MAX_INFLATED_BYTES)?,
    };
    let book = parts.text("xl/workbook.xml")?.ok_or(XlsxError::NotXlsx)?;
    let mut sheets: Vec<(String, String)> = Vec::new();
    let mut date1904 = false;
    walk(&book, |node| {
        match node {
            Node::Open(t) | Node::Empty(t) if t.name == "sheet" => {
                if let (Some(name), Some(id)) = (t.attr("name"), t.attr("id")) {
                    sheets.push((name.to_string(), id.to_string()));
                }
            }
            Node::Open(t) | Node::Empty(t) if t.name == "workbookPr" => {
                date1904 = matches!(t.attr("date1904"), Some("1" | "true"));
            }
            _ => {}
        }
        Flow::Go
    })
    .map_err(|e| xml_error("workbook.xml", e))?;

    let rels = parts
        .text("xl/_rels/workbook.xml.rels")?
        .unwrap_or_default();
    let mut targets: Vec<(String, String)> = Vec::new();
    walk(&rels, |node| {
        if let Node::Open(t) | Node::Empty(t) = node
            && let (Some(id), Some(target)) = (t.attr("Id"), t.attr("Target"))
        {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{}", target.trim_start_matches("./")),
            };
            targets.push((id.to_string(), path));
        }
        Flow::Go
    })
    .map_err(|e| xml_error("workbook.xml.rels", e))?;

    let strings = match parts.text("xl/sharedStrings.xml")? {
        Some(xml) => shared_strings(&xml).map_err(|e| xml_error("sharedStrings.xml", e))?,
        None => Vec::new(),
    };
    let shown = match parts.text("xl/styles.xml")? {
        Some(xml) => styles(&xml).map_err(|e| xml_error("styles.xml", e))?,
        None => Vec::new(),
    };
    let mut out = Workbook::default();
    for (n, (name, id)) in sheets.iter().enumerate() {
        let path = targets.iter().find(|(i, _)| i == id).map_or_else(
            || format!("xl/worksheets/sheet{}.xml", n + 1),
            |(_, p)| p.clone(),
        );
        // Chart sheets and the like have no cells to read.
        if !path.contains("worksheets/") {
            continue;
        }
        let Some(xml) = parts.text(&path)? else {
            continue;
        };
        let grid =
            sheet_grid(name, &xml, &strings, &shown, date1904).map_err(|e| xml_error(name, e))?;
        out.sheets.push(grid);
    }
    if let Some(core) = parts.text("docProps/core.xml")? {
        let (mut field, mut identifier, mut creator) = (String::new(), None, String::new());
        walk(&core, |node| {
            match node {
                Node::Open(t) => field = t.name,
                Node::Close(_) => field.clear(),
                Node::Text(s) if field == "identifier" => identifier = Some(s.trim().to_string()),
                Node::Text(s) if field == "creator" => creator = s.trim().to_string(),
                _ => {}
            }
            Flow::Go
        })
        .map_err(|e| xml_error("core.xml", e))?;
        // Only jixiao's own files say which project they hold.
        if creator == "jixiao" {
            out.by_jixiao = true;
            out.identifier = identifier.filter(|id| !id.is_empty());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_numbers_and_escapes_read_as_excel_shows_them() {
        assert_eq!(date_text(45000.0, false), "2023-03-15");
        assert_eq!(date_text(1.0, false), "1900-01-01");
        assert_eq!(date_text(45000.0 - 1462.0, true), "2023-03-15");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(27.5), "27.5");
        assert_eq!(number_text(1e6), "1000000");
        assert_eq!(unescape_x("a_x000D_b_x41_c_x004G_"), "a\rb_x41_c_x004G_");
        assert_eq!(shown_as(0, Some("0.00%")), Shown::Percent);
        assert_eq!(shown_as(0, Some("yyyy\"年\"m\"月\"d\"日\"")), Shown::Date);
        assert_eq!(shown_as(0, Some("[Red]0.00")), Shown::Plain);
        assert_eq!(shown_as(14, None), Shown::Date);
    }

    #[test]
    fn our_own_workbook_reads_back_as_grids() {
        use crate::formats::xlsx::self_evaluation_xlsx;
        use crate::sample::example_project;
        use crate::score::evaluate;
        let p = example_project();
        let bytes = self_evaluation_xlsx(&p, &evaluate(&p));
        let book = read_workbook(&bytes).unwrap();
        assert_eq!(book.sheets.len(), 1);
        let sheet = &book.sheets[0];
        let all: Vec<&str> = sheet.rows.iter().flatten().map(String::as_str).collect();
        assert!(all.contains(&p.name.as_str()));
        assert!(all.contains(&"三级指标"));
        assert!(all.contains(&"27.5"));
        assert!(!sheet.merges.is_empty());
        assert!(!sheet.truncated);
    }

    #[test]
    fn files_that_are_no_workbook_are_named() {
        assert_eq!(read_workbook(b"hello").err(), Some(XlsxError::NotXlsx));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0u8; 100]);
        assert_eq!(read_workbook(&ole).err(), Some(XlsxError::Legacy));
        ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read_workbook(&ole).err(), Some(XlsxError::Encrypted));
        let mut zip = crate::formats::zip::ZipWriter::new();
        zip.add("hello.txt", b"hi");
        assert_eq!(read_workbook(&zip.finish()).err(), Some(XlsxError::NotXlsx));
    }
}
