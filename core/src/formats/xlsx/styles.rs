//! The one style sheet both workbooks share: fonts (宋体/仿宋 at the sizes
//! 公文 attachments use), the grey fill of field names, thin borders, and
//! Excel's built-in number formats (every Excel knows them, so there is no
//! `<numFmts>`).

use std::fmt::Write as _;

use super::NS_MAIN;
use crate::formats::xml::XML_HEAD;

/// Fonts, by index: 宋体 11 (the workbook default, also the 汇总), 宋体 11
/// bold, 宋体 10.5 = 5号 (the 自评表 grid), 5号 bold, 宋体 16 bold = 3号
/// (title), 仿宋 5号 (unit line and notes), 5号 dark red and underlined (a
/// score below its 分值: it stands out on screen, and the underline the
/// table's footnote explains still shows when printed in grey).
const FONTS: &str = concat!(
    "<fonts count=\"7\">",
    "<font><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"11\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"10.5\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"10.5\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><b/><sz val=\"16\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><sz val=\"10.5\"/><name val=\"仿宋\"/><family val=\"3\"/><charset val=\"134\"/></font>",
    "<font><u/><sz val=\"10.5\"/><color rgb=\"FFC00000\"/><name val=\"宋体\"/><family val=\"3\"/><charset val=\"134\"/></font>",
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
pub(super) const S_TITLE: u8 = 1;
pub(super) const S_NOTE: u8 = 2;
pub(super) const S_NOTE_RIGHT: u8 = 3;
pub(super) const S_LABEL: u8 = 4;
pub(super) const S_CENTER: u8 = 5;
pub(super) const S_LEFT: u8 = 6;
pub(super) const S_AMOUNT: u8 = 7;
pub(super) const S_SCORE: u8 = 8;
pub(super) const S_PERCENT: u8 = 9;
pub(super) const S_MISSED: u8 = 10;
pub(super) const S_TOTAL: u8 = 11;
pub(super) const S_TOTAL_SCORE: u8 = 12;
pub(super) const O_HEAD: u8 = 13;
pub(super) const O_LEFT: u8 = 14;
pub(super) const O_CENTER: u8 = 15;
pub(super) const O_AMOUNT: u8 = 16;
pub(super) const O_SCORE: u8 = 17;
pub(super) const O_PERCENT: u8 = 18;
pub(super) const O_SUM: u8 = 19;
pub(super) const O_SUM_AMOUNT: u8 = 20;
pub(super) const O_SUM_PERCENT: u8 = 21;

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

pub(super) fn styles_xml() -> String {
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
