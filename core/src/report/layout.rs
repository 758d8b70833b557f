//! A table's cells placed on its grid, the way a browser lays out an HTML
//! table, for the writers that need coordinates (Excel, Word).

use super::{Cell, Table};

/// One cell at its place on the grid.
#[derive(Debug)]
pub struct Placed<'a> {
    pub cell: &'a Cell,
    /// Row among header rows then body rows.
    pub row: usize,
    pub col: usize,
    /// Columns and rows taken, cut to the grid.
    pub width: usize,
    pub height: usize,
}

impl Table {
    /// Every cell placed on a grid `width` columns wide: each cell takes the
    /// next column its row has free, and a cell merged down holds its columns
    /// in the rows below. Cells that would run into a held column or past the
    /// edge are cut short, and what overflows a row is left out, so merges
    /// never overlap. Places no cell is given stay empty.
    pub fn placed(&self, width: usize) -> Vec<Placed<'_>> {
        let grid: Vec<&Vec<Cell>> = self.header_rows.iter().chain(&self.rows).collect();
        let mut held = vec![0usize; width];
        let mut out = Vec::new();
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
                out.push(Placed {
                    cell,
                    row: r,
                    col: c,
                    width: span,
                    height: down,
                });
                c += span;
            }
            for h in &mut held {
                *h = h.saturating_sub(1);
            }
        }
        out
    }

    /// Rows in the grid: header rows and body rows.
    pub fn row_count(&self) -> usize {
        self.header_rows.len() + self.rows.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            caption: String::new(),
            header_rows: Vec::new(),
            rows,
            footnote: String::new(),
        }
    }

    #[test]
    fn merged_cells_hold_their_columns_below_and_overflow_is_cut() {
        let t = table(vec![
            vec![Cell::text("a").span(1, 2), Cell::text("b").span(3, 1)],
            vec![Cell::text("c"), Cell::text("d").span(5, 9)],
        ]);
        let placed: Vec<(usize, usize, usize, usize)> = t
            .placed(4)
            .iter()
            .map(|p| (p.row, p.col, p.width, p.height))
            .collect();
        // "a" holds column 0 in row 1, "c" goes to column 1, and "d" is cut
        // to the two columns and one row left.
        assert_eq!(
            placed,
            vec![(0, 0, 1, 2), (0, 1, 3, 1), (1, 1, 1, 1), (1, 2, 2, 1)]
        );
    }
}
