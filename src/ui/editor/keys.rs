//! Spreadsheet keys in the indicator grid, as in Excel and WPS: arrows move
//! between cells, Tab/Shift+Tab across, Enter down (and adds a row after the
//! last), typing or F2 edits, Esc takes back the cell's edit.
//!
//! A cell reached by keyboard has its text selected: typing replaces it,
//! and arrows still move to the next cell (Excel's "enter" mode), so a
//! column can be typed down with the arrows. F2 or a click switch to "edit"
//! mode, where arrows move the caret within the text. Every cell stays a
//! labelled form control; nothing here is needed to use the grid with a
//! mouse or a screen reader's own keys.

use std::cell::{Cell, RefCell};
use std::str::FromStr;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::ui::doc::Doc;
use crate::ui::when_rendered;
use jixiao_core::columns::Column;
use jixiao_core::path::FieldPath;

/// The grid column a cell is in, as the keyboard code reads it (`data-c`).
pub(super) fn column_index(column: Column) -> usize {
    Column::ALL.iter().position(|c| *c == column).unwrap_or(0)
}

thread_local! {
    /// Whether arrows move the caret in the focused cell (edit mode, after
    /// F2 or a click) rather than to the next cell.
    static EDITING: Cell<bool> = const { Cell::new(false) };
    /// The next focus comes from keyboard navigation.
    static NAVIGATING: Cell<bool> = const { Cell::new(false) };
    /// The focused cell's text when it got focus, for Esc.
    static ORIGINAL: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The field a cell edits, from its DOM id (`f-indicator-7-actual`).
pub(super) fn path_of(element: &Element) -> Option<FieldPath> {
    let id = element.id();
    FieldPath::from_str(&id.strip_prefix("f-")?.replace('-', ".")).ok()
}

fn value_of(element: &Element) -> Option<String> {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        Some(input.value())
    } else {
        element
            .dyn_ref::<HtmlTextAreaElement>()
            .map(HtmlTextAreaElement::value)
    }
}

fn select_all(element: &Element) {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.select();
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        area.select();
    }
}

fn caret_to_end(element: &Element) {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        let n = input.value().encode_utf16().count() as u32;
        let _ = input.set_selection_range(n, n);
    } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
        let n = area.value().encode_utf16().count() as u32;
        let _ = area.set_selection_range(n, n);
    }
}

/// Focuses a cell as keyboard navigation does (its text selected).
fn enter_cell(element: &Element) {
    NAVIGATING.with(|n| n.set(true));
    if let Some(html) = element.dyn_ref::<HtmlElement>() {
        let _ = html.focus();
    }
}

/// Focuses the cell with this DOM id once it is rendered, before the next
/// key is handled (see [`when_rendered`]).
pub fn focus_cell(dom_id: &str) {
    when_rendered(dom_id.to_string(), enter_cell);
}

/// A cell got focus: remember its text; select it when reached by keyboard.
pub(super) fn on_grid_focusin(ev: leptos::ev::FocusEvent, focused: RwSignal<Option<FieldPath>>) {
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if !element.class_list().contains("cell") {
        return;
    }
    ORIGINAL.with(|o| *o.borrow_mut() = value_of(&element).unwrap_or_default());
    let by_keyboard = NAVIGATING.with(|n| n.replace(false));
    EDITING.with(|e| e.set(!by_keyboard));
    if by_keyboard {
        select_all(&element);
    }
    focused.set(path_of(&element).or_else(|| {
        let id: u64 = element.get_attribute("data-score-for")?.parse().ok()?;
        Some(FieldPath::Indicator(
            id,
            jixiao_core::path::IndicatorField::QualitativeScore,
        ))
    }));
}

fn column_of(element: &Element) -> Option<usize> {
    element.get_attribute("data-c")?.parse().ok()
}

fn rect(element: &Element) -> (f64, f64) {
    let r = element.get_bounding_client_rect();
    (r.top(), r.bottom())
}

/// The cell of column `c` whose table cell covers row `tr` (a merged group
/// cell covers every row of its group).
fn cell_in_row(table: &Element, tr: &Element, c: usize) -> Option<Element> {
    let (top, bottom) = rect(tr);
    let middle = (top + bottom) / 2.0;
    let cells = table
        .query_selector_all(&format!("[data-c=\"{c}\"]"))
        .ok()?;
    (0..cells.length())
        .filter_map(|n| cells.item(n)?.dyn_into::<Element>().ok())
        .find(|cell| {
            cell.closest("td").ok().flatten().is_some_and(|td| {
                let (t, b) = rect(&td);
                t <= middle && middle < b
            })
        })
}

/// The body rows in order.
fn body_rows(table: &Element) -> Vec<Element> {
    let Ok(list) = table.query_selector_all("tbody > tr") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|n| list.item(n)?.dyn_into::<Element>().ok())
        .collect()
}

/// The row `steps` rows below (or above) the cell's own rows; a merged cell
/// moves past all the rows it covers.
fn row_beside(table: &Element, from: &Element, down: bool) -> Option<Element> {
    let td = from.closest("td").ok()??;
    let (top, bottom) = rect(&td);
    let rows = body_rows(table);
    if down {
        rows.into_iter().find(|tr| rect(tr).0 >= bottom - 1.0)
    } else {
        rows.into_iter().rev().find(|tr| rect(tr).1 <= top + 1.0)
    }
}

/// The row a cell stands in (for a merged cell, its first).
fn own_row(from: &Element) -> Option<Element> {
    from.closest("tr").ok()?
}

fn move_vertically(table: &Element, from: &Element, down: bool) -> bool {
    let Some(c) = column_of(from) else {
        return false;
    };
    let Some(row) = row_beside(table, from, down) else {
        return false;
    };
    match cell_in_row(table, &row, c).or_else(|| first_cell(table, &row)) {
        Some(cell) => {
            enter_cell(&cell);
            true
        }
        None => false,
    }
}

fn first_cell(table: &Element, tr: &Element) -> Option<Element> {
    (column_index(Column::Name)..Column::ALL.len()).find_map(|c| cell_in_row(table, tr, c))
}

fn move_across(table: &Element, from: &Element, right: bool, wrap: bool) -> bool {
    let (Some(c), Some(row)) = (column_of(from), own_row(from)) else {
        return false;
    };
    let last = Column::ALL.len() - 1;
    let mut next = c;
    loop {
        next = match (right, next) {
            (true, n) if n < last => n + 1,
            (false, n) if n > 0 => n - 1,
            _ => break,
        };
        if let Some(cell) = cell_in_row(table, &row, next) {
            enter_cell(&cell);
            return true;
        }
    }
    if !wrap {
        return false;
    }
    // Tab past the row's end goes on to the next row's 三级指标, Shift+Tab back.
    let beside = row_beside(table, from, right);
    let Some(beside) = beside else {
        return false;
    };
    let target = if right {
        cell_in_row(table, &beside, column_index(Column::Name))
    } else {
        cell_in_row(table, &beside, column_index(Column::Reason))
    };
    match target {
        Some(cell) => {
            enter_cell(&cell);
            true
        }
        None => false,
    }
}

/// Enter in the grid's last indicator row adds a row below and goes there.
fn add_row_after(doc: Doc, from: &Element) {
    let Some(tr) = own_row(from) else { return };
    let Some(id) = tr
        .get_attribute("data-indicator")
        .and_then(|v| v.parse::<u64>().ok())
    else {
        return;
    };
    let column = column_of(from).and_then(|c| Column::ALL.get(c).copied());
    let mut new_id = None;
    doc.write(|p| new_id = p.insert_indicator_after(id));
    if let Some(new_id) = new_id {
        let field = column
            .and_then(Column::field)
            .unwrap_or(jixiao_core::path::IndicatorField::Name);
        focus_cell(&FieldPath::Indicator(new_id, field).dom_id());
    }
}

pub(super) fn on_grid_keydown(doc: Doc, ev: leptos::ev::KeyboardEvent) {
    if ev.is_composing() || ev.ctrl_key() || ev.meta_key() {
        return;
    }
    let Some(element) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if !element.class_list().contains("cell") {
        return;
    }
    let Some(table) = element.closest("table").ok().flatten() else {
        return;
    };
    let editing = EDITING.with(Cell::get);
    let is_select = element.tag_name() == "SELECT";
    let is_area = element.tag_name() == "TEXTAREA";
    let key = ev.key();
    let handled = match key.as_str() {
        "ArrowUp" | "ArrowDown" if ev.alt_key() => false,
        "ArrowUp" | "ArrowDown" if !editing || !is_area => {
            move_vertically(&table, &element, key == "ArrowDown")
        }
        "ArrowLeft" | "ArrowRight" if !editing || is_select => {
            move_across(&table, &element, key == "ArrowRight", false)
        }
        "Tab" => move_across(&table, &element, !ev.shift_key(), true),
        // Shift+Enter breaks a line in a long cell.
        "Enter" if ev.shift_key() && is_area => false,
        "Enter" => {
            EDITING.with(|e| e.set(false));
            if !move_vertically(&table, &element, true) {
                add_row_after(doc, &element);
            }
            true
        }
        "F2" => {
            EDITING.with(|e| e.set(true));
            caret_to_end(&element);
            true
        }
        "Escape" => {
            let original = ORIGINAL.with(|o| o.borrow().clone());
            if value_of(&element).is_some_and(|v| v != original) {
                if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
                    input.set_value(&original);
                } else if let Some(area) = element.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(&original);
                }
                // The document follows the input, as for any typing.
                if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &{
                    let init = web_sys::EventInit::new();
                    init.set_bubbles(true);
                    init
                }) {
                    let _ = element.dispatch_event(&event);
                }
            }
            EDITING.with(|e| e.set(false));
            select_all(&element);
            true
        }
        // Typing replaces the selected text; the arrows still move on.
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}
