//! Tables on the clipboard: what Excel, WPS, Word, web pages and the
//! 一体化 systems' grids put there when a block is copied. The HTML form
//! (`text/html`) keeps merged cells as `rowspan`/`colspan`; the plain form
//! (`text/plain`) is tab-separated, with Excel's quoting of cells that hold
//! tabs, line breaks or quotes.
//!
//! Both come out as a rectangular grid of cell texts. A cell merged over
//! several rows or columns has its text in every position it covers, so a
//! 一级 name merged down its rows reads on each of them.

/// The first table of an HTML fragment, or `None` when there is none.
pub fn parse_html_table(html: &str) -> Option<Vec<Vec<String>>> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<table")?;
    let end = lower[start..]
        .find("</table")
        .map_or(html.len(), |e| start + e);
    let (body, body_lower) = (&html[start..end], &lower[start..end]);

    // Rows of (text, rowspan, colspan) as written.
    let mut rows: Vec<Vec<(String, usize, usize)>> = Vec::new();
    let mut at = 0;
    while let Some(tr) = find_tag(body_lower, at, "tr") {
        let row_end = find_tag(body_lower, tr + 3, "tr").unwrap_or(body.len());
        let mut cells = Vec::new();
        let mut c = tr;
        while let Some(open) = find_cell(body_lower, c, row_end) {
            let tag_end = body_lower[open..].find('>').map_or(row_end, |e| open + e);
            let tag = &body_lower[open..tag_end];
            let content_end = find_cell_end(body_lower, tag_end, row_end);
            let text = cell_text(&body[(tag_end + 1).min(content_end)..content_end]);
            cells.push((text, span(tag, "rowspan"), span(tag, "colspan")));
            c = content_end;
        }
        // A row whose every cell is merged from above has no cells of its
        // own (Excel writes `<tr></tr>`) and still is a row.
        rows.push(cells);
        at = row_end;
    }
    if rows.iter().all(Vec::is_empty) {
        return None;
    }
    Some(lay_out(&rows))
}

/// `<name` at or after `from` as a tag (not `<trx`).
fn find_tag(lower: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = lower.get(at..)?.find(&format!("<{name}")) {
        let pos = at + found;
        let next = lower.as_bytes().get(pos + name.len() + 1).copied();
        if matches!(next, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return Some(pos);
        }
        at = pos + 1;
    }
    None
}

/// The next `<td` or `<th` before `limit`.
fn find_cell(lower: &str, from: usize, limit: usize) -> Option<usize> {
    let td = find_tag(lower, from, "td").filter(|p| *p < limit);
    let th = find_tag(lower, from, "th").filter(|p| *p < limit);
    match (td, th) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where a cell's content ends: its closing tag, the next cell or the row's end.
fn find_cell_end(lower: &str, from: usize, limit: usize) -> usize {
    let close = ["</td", "</th"]
        .iter()
        .filter_map(|t| lower[from..limit].find(t).map(|p| from + p))
        .min();
    let next = find_cell(lower, from + 1, limit);
    match (close, next) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(limit),
    }
}

/// `rowspan="3"` in a tag, at least 1 and at most 1000 (a bad file must
/// not make a huge grid).
fn span(tag: &str, name: &str) -> usize {
    let Some(at) = tag.find(name) else { return 1 };
    let digits: String = tag[at + name.len()..]
        .chars()
        .skip_while(|c| matches!(c, '=' | '"' | '\'' | ' '))
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or(1).clamp(1, 1000)
}

/// The text of a cell's HTML: tags dropped (`<br>` and block ends become
/// line breaks), entities decoded, white space folded as a browser shows it.
fn cell_text(html: &str) -> String {
    let mut out = String::new();
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                let close = html[i..].find('>').map_or(html.len(), |e| i + e);
                let tag = html[i + 1..close]
                    .trim_start_matches('/')
                    .to_ascii_lowercase();
                let name: String = tag
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if matches!(name.as_str(), "br" | "p" | "div")
                    && !out.ends_with('\n')
                    && !out.is_empty()
                {
                    out.push('\n');
                }
                while chars.peek().is_some_and(|(j, _)| *j <= close) {
                    chars.next();
                }
            }
            '&' => {
                let end = html[i..].find(';').filter(|e| *e <= 10).map(|e| i + e);
                match end.and_then(|e| entity(&html[i + 1..e])) {
                    Some(decoded) => {
                        out.push(decoded);
                        let e = end.unwrap_or(i);
                        while chars.peek().is_some_and(|(j, _)| *j <= e) {
                            chars.next();
                        }
                    }
                    None => out.push('&'),
                }
            }
            '\r' | '\n' | '\t' => {
                if !out.ends_with([' ', '\n']) {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out.lines()
        .map(|l| l.trim_matches(|c: char| c == ' ' || c == '\u{a0}'))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// Places written cells on a grid as a browser lays out a table, copying a
/// merged cell's text into every position it covers.
fn lay_out(rows: &[Vec<(String, usize, usize)>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        while grid.len() <= r {
            grid.push(Vec::new());
        }
        let mut c = 0;
        for (text, rowspan, colspan) in row {
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let last_row = (r + rowspan).min(rows.len());
            for rr in r..last_row {
                while grid.len() <= rr {
                    grid.push(Vec::new());
                }
                for cc in c..c + colspan {
                    if grid[rr].len() <= cc {
                        grid[rr].resize(cc + 1, None);
                    }
                    grid[rr][cc] = Some(text.clone());
                }
            }
            c += colspan;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .map(|row| {
            let mut row: Vec<String> = row.into_iter().map(Option::unwrap_or_default).collect();
            row.resize(width, String::new());
            row
        })
        .collect()
}

/// Tab-separated text as Excel and WPS copy it: cells split at tabs, rows at
/// line breaks, a cell in double quotes may hold tabs, line breaks and
/// doubled quotes.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell: up to the closing quote; "" is one quote.
                while let Some(q) = chars.next() {
                    if q == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(q);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(width, String::new());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    /// Excel's clipboard HTML: styles, conditional comments, merged cells.
    #[test]
    fn excel_html_with_merged_cells() {
        let html = r#"<html><head><style><!--td {mso-number-format:General}--></style></head>
<body><!--StartFragment--><table border=0 cellpadding=0 cellspacing=0 width=500>
 <tr height=19><td rowspan=2 height=38 class=xl65>产出指标</td><td>数量指标</td><td class=xl66>保障网络终端数量</td><td>&gt;=200</td></tr>
 <tr height=19><td>质量指标</td><td>网络终端稳定运行<br>保障天数</td><td align=right>365&nbsp;</td></tr>
 <tr><td colspan="2">合计</td><td>A &amp; B</td><td>&#8805;1&#x30;</td></tr>
</table><!--EndFragment--></body></html>"#;
        assert_eq!(
            parse_html_table(html).unwrap(),
            grid(&[
                &["产出指标", "数量指标", "保障网络终端数量", ">=200"],
                &["产出指标", "质量指标", "网络终端稳定运行\n保障天数", "365"],
                &["合计", "合计", "A & B", "≥10"],
            ])
        );
        assert_eq!(parse_html_table("<p>no table</p>"), None);
    }

    /// Word and web pages: th cells, missing closing tags, attributes in quotes.
    #[test]
    fn loose_html() {
        let html =
            "<TABLE><TR><TH>一级指标<TH>三级指标<TR><TD ROWSPAN='2'>产出<TD>甲<TR><TD>乙</TABLE>";
        assert_eq!(
            parse_html_table(html).unwrap(),
            grid(&[&["一级指标", "三级指标"], &["产出", "甲"], &["产出", "乙"]])
        );
        // A hostile span does not make a huge grid.
        let huge = "<table><tr><td colspan=99999999>x</td></tr></table>";
        assert_eq!(parse_html_table(huge).unwrap()[0].len(), 1000);
    }

    #[test]
    fn tsv_with_quotes_and_merged_blanks() {
        let text = "产出指标\t数量指标\t\"终端\n数量\"\t≥200\r\n\t\t\"说\"\"明\"\"\"\t\r\n";
        assert_eq!(
            parse_tsv(text),
            grid(&[
                &["产出指标", "数量指标", "终端\n数量", "≥200"],
                &["", "", "说\"明\"", ""],
            ])
        );
        assert_eq!(parse_tsv("a\tb"), grid(&[&["a", "b"]]));
        assert!(parse_tsv("").is_empty());
    }

    /// Excel's TSV: a cell is quoted when it holds a tab, a line break or a quote.
    fn to_tsv(grid: &[Vec<String>]) -> String {
        grid.iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        if c.contains(['\t', '\n', '\r', '"']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.clone()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\t")
                    + "\r\n"
            })
            .collect()
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }

    /// The table a spreadsheet writes: the first column's runs of equal
    /// text merged into one cell with a rowspan.
    fn to_html(grid: &[Vec<String>]) -> String {
        let mut html = String::from("<table>");
        for (r, row) in grid.iter().enumerate() {
            html.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                if c == 0 {
                    if r > 0 && grid[r - 1][0] == *cell {
                        continue;
                    }
                    let span = grid[r..].iter().take_while(|x| x[0] == *cell).count();
                    html.push_str(&format!(
                        "<td rowspan={span} class=xl65>{}</td>",
                        escape(cell)
                    ));
                } else {
                    html.push_str(&format!("<td>{}</td>", escape(cell)));
                }
            }
            html.push_str("</tr>\n");
        }
        html + "</table>"
    }

    fn grids(cell: &'static str) -> impl proptest::strategy::Strategy<Value = Vec<Vec<String>>> {
        use proptest::prelude::*;
        (1usize..6, 1usize..8).prop_flat_map(move |(width, height)| {
            proptest::collection::vec(proptest::collection::vec(cell, width), height)
        })
    }

    proptest::proptest! {
        #[test]
        fn tsv_reads_back_what_a_spreadsheet_writes(grid in grids("[a-z产出指标\"\t\n≥ ]{0,6}")) {
            proptest::prop_assert_eq!(parse_tsv(&to_tsv(&grid)), grid);
        }

        #[test]
        fn html_reads_back_merged_cells_in_every_row(grid in grids("[a-c产出指标\"<&>≥#;]{1,4}")) {
            proptest::prop_assert_eq!(parse_html_table(&to_html(&grid)), Some(grid));
        }
    }
}
