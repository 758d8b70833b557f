//! The fixed parts of the report's .docx: styles, settings, font table
//! and the two page-number footers.
//!
//! GB/T 9704—2012 in twips (1/1440 inch) and half-points: A4 (210 × 297 mm);
//! margins top 37, bottom 35, left 28, right 26 mm; 3号 (16 pt) 仿宋_GB2312
//! body on 22 lines of 28 characters; title 2号 (22 pt) 小标宋; page numbers
//! 4号 (14 pt) 宋体 "— 1 —", odd pages right and even pages left, each one
//! character in from the edge of the type area.

use std::fmt::Write as _;

use crate::formats::package::NS_REL;
use crate::formats::xml::XML_HEAD;

pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub const PAGE_SHORT: u32 = 11906;
pub const PAGE_LONG: u32 = 16838;
pub const MARGIN_TOP: u32 = 2098;
pub const MARGIN_BOTTOM: u32 = 1984;
pub const MARGIN_LEFT: u32 = 1587;
pub const MARGIN_RIGHT: u32 = 1474;
/// The type area's height (225 mm) over 22 lines.
pub const LINE_PITCH: u32 = 579;
/// 28 characters over the type area's 156 mm (442 pt): the 16 pt body
/// characters set 0.25 pt (5 twips) closer. A character grid
/// (`linesAndChars`) would say the same to Word, but LibreOffice lays such
/// a grid out with far wider characters; letter spacing reads alike in
/// Word, WPS and LibreOffice.
const BODY_CHARACTER_SPACING: i32 = -5;
/// The footer's bottom from the page edge, so the page number sits about
/// 7 mm below the type area as the standard asks.
const FOOTER_DISTANCE: u32 = 1304;

/// Width of the type area in twips, portrait or landscape.
pub fn text_width(landscape: bool) -> u32 {
    let page = if landscape { PAGE_LONG } else { PAGE_SHORT };
    page - MARGIN_LEFT - MARGIN_RIGHT
}

/// A section's properties: the page, its margins, grid and footers.
pub fn section(out: &mut String, landscape: bool) {
    let (w, h, orient) = if landscape {
        (PAGE_LONG, PAGE_SHORT, " w:orient=\"landscape\"")
    } else {
        (PAGE_SHORT, PAGE_LONG, "")
    };
    let _ = write!(
        out,
        "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:footerReference w:type=\"even\" r:id=\"rId5\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/><w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"851\" w:footer=\"{FOOTER_DISTANCE}\" w:gutter=\"0\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"lines\" w:linePitch=\"{LINE_PITCH}\"/></w:sectPr>"
    );
}

pub fn document_rels() -> String {
    let mut x = String::from(XML_HEAD);
    x.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (id, kind, target) in [
        (1, "styles", "styles.xml"),
        (2, "settings", "settings.xml"),
        (3, "fontTable", "fontTable.xml"),
        (4, "footer", "footer1.xml"),
        (5, "footer", "footer2.xml"),
        (6, "theme", "theme/theme1.xml"),
    ] {
        let _ = write!(
            x,
            "<Relationship Id=\"rId{id}\" Type=\"{NS_REL}/{kind}\" Target=\"{target}\"/>"
        );
    }
    x.push_str("</Relationships>");
    x
}

/// The page-number footer: odd pages right-aligned, even pages left, one
/// 4号 character in from the type area's edge.
pub fn footer(odd: bool) -> String {
    let (indent, align) = if odd {
        ("w:right=\"280\"", "right")
    } else {
        ("w:left=\"280\"", "left")
    };
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<w:ftr xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_REL}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:ind {indent}/><w:jc w:val=\"{align}\"/></w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>"
    );
    x
}

pub fn settings() -> String {
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<w:settings xmlns:w=\"{NS_W}\"><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"compressPunctuation\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
    );
    x
}

/// The fonts the styles name. A PC without a 公文 font substitutes the
/// alternative name, then a font of the same character set (GB2312) and
/// family.
pub fn font_table() -> String {
    let mut x = String::from(XML_HEAD);
    let _ = write!(x, "<w:fonts xmlns:w=\"{NS_W}\">");
    for (name, alt, family) in [
        ("仿宋_GB2312", "仿宋", "modern"),
        ("楷体_GB2312", "楷体", "modern"),
        ("方正小标宋简体", "华文中宋", "roman"),
        ("黑体", "SimHei", "modern"),
        ("宋体", "SimSun", "roman"),
    ] {
        let _ = write!(
            x,
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"86\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"variable\"/></w:font>"
        );
    }
    x.push_str("<w:font w:name=\"Times New Roman\"><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>");
    x
}

/// Paragraph styles: Word's built-in Title, heading 1/2 (so the navigation
/// pane and a table of contents work) and footer, and three of our own for
/// tables. Body text is the default style: 3号 仿宋 on the 579-twip line,
/// first line indented two characters.
pub fn styles() -> String {
    let font = |name: &str| {
        format!("<w:rFonts w:ascii=\"{name}\" w:eastAsia=\"{name}\" w:hAnsi=\"{name}\"/>")
    };
    let east = |name: &str| format!("<w:rFonts w:eastAsia=\"{name}\"/>");
    let no_indent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";
    // Table text keeps its own line height: the page grid is for prose.
    let table_lines = "<w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>";
    let style = |x: &mut String, id: &str, name: &str, ppr: &str, rpr: &str| {
        let _ = write!(
            x,
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
        );
    };
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<w:styles xmlns:w=\"{NS_W}\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:overflowPunct w:val=\"0\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    );
    let _ = write!(
        x,
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:overflowPunct w:val=\"0\"/><w:spacing w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr><w:rPr><w:spacing w:val=\"{BODY_CHARACTER_SPACING}\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>"
    );
    style(
        &mut x,
        "Title",
        "Title",
        &format!(
            "<w:keepNext/><w:spacing w:after=\"{LINE_PITCH}\" w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>{no_indent}<w:jc w:val=\"center\"/>"
        ),
        &format!(
            "{}<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>",
            font("方正小标宋简体")
        ),
    );
    for (level, face) in [(1, "黑体"), (2, "楷体_GB2312")] {
        style(
            &mut x,
            &format!("Heading{level}"),
            &format!("heading {level}"),
            &format!(
                "<w:keepNext/><w:keepLines/><w:outlineLvl w:val=\"{}\"/>",
                level - 1
            ),
            &east(face),
        );
    }
    style(
        &mut x,
        "TableCaption",
        "表格标题",
        &format!(
            "<w:keepNext/><w:spacing w:after=\"120\" w:line=\"{LINE_PITCH}\" w:lineRule=\"exact\"/>{no_indent}<w:jc w:val=\"center\"/>"
        ),
        &format!(
            "{}<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/>",
            font("方正小标宋简体")
        ),
    );
    // 小五 (9 pt), as the printed 自评表 uses to fit one A4 page.
    style(
        &mut x,
        "TableText",
        "表格文字",
        &format!("{table_lines}{no_indent}<w:jc w:val=\"center\"/>"),
        "<w:spacing w:val=\"0\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
    );
    style(
        &mut x,
        "TableNote",
        "表注",
        &format!("{table_lines}{no_indent}"),
        "<w:spacing w:val=\"0\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>",
    );
    style(
        &mut x,
        "Footer",
        "footer",
        &format!("{table_lines}{no_indent}"),
        &format!("{}<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>", font("宋体")),
    );
    x.push_str("</w:styles>");
    x
}
