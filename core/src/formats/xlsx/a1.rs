//! A1 references, as SpreadsheetML writes cells and ranges: "B7" for the
//! 0-based (row 6, column 1), "A1:C3" for a range. Printed by the writer
//! (`sheet.rs`), read by the reader (`read.rs`) and named in the import's
//! messages (`import.rs`).

use std::fmt::Write as _;

/// "A", …, "Z", "AA", … for a 0-based column.
pub(super) fn push_column(out: &mut String, col: usize) {
    if col >= 26 {
        push_column(out, col / 26 - 1);
    }
    out.push((b'A' + (col % 26) as u8) as char);
}

/// "B7" for 0-based (row, col).
pub(super) fn push_ref(out: &mut String, row: usize, col: usize) {
    push_column(out, col);
    let _ = write!(out, "{}", row + 1);
}

/// "A1:C3" for 0-based corners.
pub(super) fn push_range(out: &mut String, [r1, c1, r2, c2]: [usize; 4]) {
    push_ref(out, r1, c1);
    out.push(':');
    push_ref(out, r2, c2);
}

/// "B7" → (6, 1).
pub(super) fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = r[..letters].chars().fold(0usize, |n, c| {
        n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1)
    });
    let row: usize = r[letters..].parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// "B7" for 0-based (row, col).
pub(super) fn cell_ref(row: usize, col: usize) -> String {
    let mut out = String::new();
    push_ref(&mut out, row, col);
    out
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
    fn references_read_and_print_as_excel_writes_them() {
        assert_eq!(parse_ref("B7"), Some((6, 1)));
        assert_eq!(parse_ref("AA10"), Some((9, 26)));
        assert_eq!(parse_ref("7"), None);
        assert_eq!(cell_ref(9, 26), "AA10");
        let mut range = String::new();
        push_range(&mut range, [0, 0, 2, 2]);
        assert_eq!(range, "A1:C3");
    }
}
