//! The report's blocks as WordprocessingML: paragraphs in the styles of
//! [`super::parts`], and the 自评表 as real Word tables (merged cells,
//! header rows repeated on every page, rows never split).

use std::fmt::Write as _;

use super::parts::{NS_W, section, text_width};
use crate::formats::SELF_EVALUATION_WIDTHS;
use crate::formats::package::NS_REL;
use crate::formats::xml::{XML_HEAD, push_escaped};
use crate::report::{Block, Cell, CellRole, Document, Placed, Table};

/// Text as runs: line breaks typed by the user become `<w:br/>`, tabs
/// `<w:tab/>`. `rpr` is the runs' properties (may be empty).
fn runs(x: &mut String, text: &str, rpr: &str) {
    for (n, line) in text.split('\n').enumerate() {
        x.push_str("<w:r>");
        x.push_str(rpr);
        if n > 0 {
            x.push_str("<w:br/>");
        }
        for (k, part) in line.split('\t').enumerate() {
            if k > 0 {
                x.push_str("<w:tab/>");
            }
            if !part.is_empty() {
                x.push_str("<w:t xml:space=\"preserve\">");
                for c in part.chars() {
                    push_escaped(x, c);
                }
                x.push_str("</w:t>");
            }
        }
        x.push_str("</w:r>");
    }
}

/// A paragraph: `ppr` is the inside of `<w:pPr>` (style first).
fn paragraph(x: &mut String, ppr: &str, text: &str, rpr: &str) {
    let _ = write!(x, "<w:p><w:pPr>{ppr}</w:pPr>");
    runs(x, text, rpr);
    x.push_str("</w:p>");
}

fn styled(style: &str, page_break_before: bool) -> String {
    let mut ppr = format!("<w:pStyle w:val=\"{style}\"/>");
    if page_break_before {
        ppr.push_str("<w:pageBreakBefore/>");
    }
    ppr
}

/// Column widths in twips: the 自评表's grid when the table is one of its
/// two, else equal columns; they fill the type area. On a landscape page
/// the indicator block's last column (偏差原因) takes all the extra width;
/// other tables widen evenly.
fn column_widths(columns: usize, landscape: bool) -> Vec<u32> {
    let mut weights: Vec<f64> = match columns {
        9 => SELF_EVALUATION_WIDTHS.to_vec(),
        8 => {
            let mut w = SELF_EVALUATION_WIDTHS[..8].to_vec();
            w[7] += SELF_EVALUATION_WIDTHS[8];
            w
        }
        n => vec![1.0; n.max(1)],
    };
    let wide_last = landscape && columns == 8;
    let scale_to = text_width(landscape && !wide_last) as f64;
    let sum: f64 = weights.iter().sum();
    for w in &mut weights {
        *w = (*w / sum * scale_to).floor();
    }
    let mut widths: Vec<u32> = weights.iter().map(|w| *w as u32).collect();
    let used: u32 = widths[..widths.len() - 1].iter().sum();
    if let Some(last) = widths.last_mut() {
        *last = text_width(landscape) - used;
    }
    widths
}

/// What stands at one place of a table row.
enum Slot<'a> {
    /// A cell starts here.
    Start(&'a Placed<'a>),
    /// A cell merged down from a row above continues here.
    Below(usize),
    /// No cell was given for this place.
    Empty,
}

fn row_slots<'a>(placed: &'a [Placed<'a>], width: usize, rows: usize) -> Vec<Vec<Slot<'a>>> {
    let mut owner: Vec<Vec<Option<usize>>> = vec![vec![None; width]; rows];
    for (n, p) in placed.iter().enumerate() {
        for row in &mut owner[p.row..p.row + p.height] {
            row[p.col..p.col + p.width].fill(Some(n));
        }
    }
    owner
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let mut slots = Vec::new();
            let mut c = 0;
            while c < width {
                match row[c] {
                    None => {
                        slots.push(Slot::Empty);
                        c += 1;
                    }
                    Some(n) => {
                        let p = &placed[n];
                        slots.push(if p.row == r {
                            Slot::Start(p)
                        } else {
                            Slot::Below(p.width)
                        });
                        c += p.width;
                    }
                }
            }
            slots
        })
        .collect()
}

fn cell_open(x: &mut String, widths: &[u32], col: usize, span: usize, merge: &str) {
    let w: u32 = widths[col..col + span].iter().sum();
    let _ = write!(x, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(x, "<w:gridSpan w:val=\"{span}\"/>");
    }
    x.push_str(merge);
    x.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
}

fn cell_text(x: &mut String, cell: &Cell, keep_with_next: bool) {
    let align = if cell.role == CellRole::LongText {
        "left"
    } else if cell.is_figure() {
        "right"
    } else {
        "center"
    };
    let keep = if keep_with_next { "<w:keepNext/>" } else { "" };
    let ppr = format!("<w:pStyle w:val=\"TableText\"/>{keep}<w:jc w:val=\"{align}\"/>");
    let rpr = match cell.role {
        CellRole::Label | CellRole::Total => "<w:rPr><w:b/></w:rPr>",
        // The report's mark for a score below its 分值 (explained in the
        // table's note).
        CellRole::Missed => "<w:rPr><w:u w:val=\"single\"/></w:rPr>",
        _ => "",
    };
    paragraph(x, &ppr, &cell.display(), rpr);
}

/// A report table as a Word table. Header rows repeat on every page; no
/// row splits across pages; `keep_with_next` keeps the whole table on the
/// page of what follows (the funds block with the indicator block).
fn table(x: &mut String, table: &Table, landscape: bool, keep_with_next: bool) {
    let width = table.column_count().max(1);
    let widths = column_widths(width, landscape);
    let total: u32 = widths.iter().sum();
    let _ = write!(
        x,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            x,
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    x.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in &widths {
        let _ = write!(x, "<w:gridCol w:w=\"{w}\"/>");
    }
    x.push_str("</w:tblGrid>");
    let placed = table.placed(width);
    let heads = table.header_rows.len();
    for (r, slots) in row_slots(&placed, width, table.row_count())
        .iter()
        .enumerate()
    {
        let keep = keep_with_next || r < heads;
        x.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < heads {
            x.push_str("<w:tblHeader/>");
        }
        x.push_str("</w:trPr>");
        let mut col = 0;
        for slot in slots {
            match slot {
                Slot::Start(p) => {
                    let merge = if p.height > 1 {
                        "<w:vMerge w:val=\"restart\"/>"
                    } else {
                        ""
                    };
                    cell_open(x, &widths, col, p.width, merge);
                    cell_text(x, p.cell, keep);
                    col += p.width;
                }
                Slot::Below(span) => {
                    cell_open(x, &widths, col, *span, "<w:vMerge/>");
                    x.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
                    col += span;
                }
                Slot::Empty => {
                    cell_open(x, &widths, col, 1, "");
                    x.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>");
                    col += 1;
                }
            }
            x.push_str("</w:tc>");
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
}

/// `word/document.xml` of the composed report. The 附件 (after the page
/// break) is a section of its own on landscape pages when `landscape`.
pub fn document_xml(doc: &Document, landscape: bool) -> String {
    let mut x = String::from(XML_HEAD);
    let _ = write!(
        x,
        "<w:document xmlns:w=\"{NS_W}\" xmlns:r=\"{NS_REL}\"><w:body>"
    );
    // A table document (the 目标表, a 审核意见 sheet) is titled by its first
    // table's caption: printed once, as its Excel sheet prints it.
    let titled_by_table =
        matches!(doc.blocks.first(), Some(Block::Table(t)) if t.caption == doc.title);
    if !titled_by_table {
        paragraph(&mut x, &styled("Title", false), &doc.title, "");
    }
    let mut break_before = false;
    let mut in_annex = false;
    for (n, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading { level, text } => {
                let style = if *level == 1 { "Heading1" } else { "Heading2" };
                paragraph(&mut x, &styled(style, break_before), text, "");
            }
            // Blank paragraphs are gaps the 体检 reports; paper shows none.
            Block::Paragraph(p) if p.text.trim().is_empty() => continue,
            // A line break typed in a paragraph starts a new one, indented
            // like the first: justified text must not stretch a short line.
            Block::Paragraph(p) => {
                for line in p.text.split('\n').filter(|l| !l.trim().is_empty()) {
                    paragraph(&mut x, &styled("Normal", break_before), line, "");
                    break_before = false;
                }
            }
            Block::Table(t) => {
                if !t.caption.is_empty() {
                    paragraph(
                        &mut x,
                        &styled("TableCaption", break_before),
                        &t.caption,
                        "",
                    );
                }
                let next_is_table = matches!(doc.blocks.get(n + 1), Some(Block::Table(_)));
                table(&mut x, t, landscape && in_annex, next_is_table);
                if !t.footnote.trim().is_empty() {
                    paragraph(&mut x, "<w:pStyle w:val=\"TableNote\"/>", &t.footnote, "");
                } else {
                    // Word joins two tables with nothing between them into one.
                    x.push_str("<w:p><w:pPr><w:pStyle w:val=\"TableNote\"/><w:keepNext/><w:spacing w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr></w:p>");
                }
            }
            Block::PageBreak if landscape => {
                // The section so far ends here, on portrait pages.
                x.push_str("<w:p><w:pPr><w:spacing w:line=\"20\" w:lineRule=\"exact\"/>");
                section(&mut x, false);
                x.push_str("</w:pPr></w:p>");
                in_annex = true;
                continue;
            }
            Block::PageBreak => {
                break_before = true;
                in_annex = true;
                continue;
            }
            Block::Signature { unit, date } => {
                let ppr = "<w:pStyle w:val=\"Normal\"/><w:spacing w:before=\"1158\" w:line=\"579\" w:lineRule=\"exact\"/><w:ind w:rightChars=\"400\" w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>";
                paragraph(&mut x, ppr, &format!("{unit}（盖章）"), "");
                if !date.is_empty() {
                    let ppr = "<w:pStyle w:val=\"Normal\"/><w:ind w:rightChars=\"400\" w:right=\"1280\" w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/>";
                    paragraph(&mut x, ppr, date, "");
                }
            }
        }
        break_before = false;
    }
    section(&mut x, landscape && in_annex);
    x.push_str("</w:body></w:document>");
    x
}
