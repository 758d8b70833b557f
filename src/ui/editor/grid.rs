//! 绩效指标 as the 附1 自评表 grid: one row per 三级指标 in the 附1 column
//! order, 一级/二级 as merged group cells, a sticky header, spreadsheet keys
//! (`keys.rs`), paste of whole blocks with a preview (`paste.rs`), and a
//! cell bar that shows the focused cell in full with its 体检 message. A
//! cell with a finding shows only a marker: a message never makes a row taller.
//!
//! Indicator rows are keyed by id; a row's score and messages are per-row
//! signals fed by one effect (`per_row.rs`), so typing in one of 300 rows
//! touches only that row and the totals. Cells are uncontrolled inputs: they
//! read the document once and write every keystroke.

use leptos::prelude::*;

use super::fields::{self, Input};
use super::keys::{column_index, focus_cell, on_grid_focusin, on_grid_keydown};
use super::paste::{PastePreview, PasteTarget, paste_handler};
use super::per_row::PerRow;
use crate::ui::doc::{
    Doc, FieldMessage as Message, IndicatorMessage, severity_class, severity_mark,
};
use crate::ui::focus_by_id;
use jixiao_core::columns::Column;
use jixiao_core::finding::Severity;
use jixiao_core::library;
use jixiao_core::number::{format_score, parse_number};
use jixiao_core::path::{FieldPath, GroupField, IndicatorField};
use jixiao_core::project::{Indicator, IndicatorKind, Project, QualitativeGrade};
use jixiao_core::score::{Attainment, suggested_qualitative_score};
use jixiao_core::versions::Reason;

/// What a row of the grid shows: an indicator with the group cells it
/// opens, or a group that has no indicator yet.
#[derive(Clone, Debug, PartialEq, Eq)]
enum GridRow {
    Indicator {
        id: u64,
        /// The 一级 cell this row opens: (一级 index, rows it spans).
        level1: Option<(usize, usize)>,
        /// The 二级 cell this row opens: ((一级, 二级), rows it spans).
        level2: Option<((usize, usize), usize)>,
    },
    /// A 二级 without 三级, or (j = None) a 一级 without 二级.
    Empty {
        i: usize,
        j: Option<usize>,
        level1: Option<usize>,
        level2: bool,
    },
}

impl GridRow {
    /// Rows re-render when the group cells they hold change shape.
    fn key(&self) -> String {
        match self {
            GridRow::Indicator { id, level1, level2 } => format!("i{id}:{level1:?}:{level2:?}"),
            GridRow::Empty {
                i,
                j,
                level1,
                level2,
            } => format!("e{i}:{j:?}:{level1:?}:{level2}"),
        }
    }
}

fn layout(p: &Project) -> Vec<GridRow> {
    let mut rows = Vec::new();
    for (i, l1) in p.indicators.iter().enumerate() {
        let l1_rows: usize = l1
            .groups
            .iter()
            .map(|g| g.indicators.len().max(1))
            .sum::<usize>()
            .max(1);
        if l1.groups.is_empty() {
            rows.push(GridRow::Empty {
                i,
                j: None,
                level1: Some(1),
                level2: false,
            });
            continue;
        }
        for (j, l2) in l1.groups.iter().enumerate() {
            let first_of_l1 = j == 0;
            if l2.indicators.is_empty() {
                rows.push(GridRow::Empty {
                    i,
                    j: Some(j),
                    level1: first_of_l1.then_some(l1_rows),
                    level2: true,
                });
                continue;
            }
            for (k, ind) in l2.indicators.iter().enumerate() {
                rows.push(GridRow::Indicator {
                    id: ind.id,
                    level1: (first_of_l1 && k == 0).then_some((i, l1_rows)),
                    level2: (k == 0).then_some(((i, j), l2.indicators.len())),
                });
            }
        }
    }
    rows
}

/// The column-head ids cells are labelled by (visible text of the header).
pub(super) fn head_id(column: Column) -> &'static str {
    match column {
        Column::Level1 => "gh-level1",
        Column::Level2 => "gh-level2",
        Column::Name => "gh-name",
        Column::Kind => "gh-kind",
        Column::Target => "gh-target",
        Column::Unit => "gh-unit",
        Column::Actual => "gh-actual",
        Column::Weight => "gh-weight",
        Column::Score => "gh-score",
        Column::Reason => "gh-reason",
    }
}

/// A delete waiting for the user's yes: what goes, and how to delete it.
#[derive(Clone)]
struct PendingDelete {
    what: String,
    i: usize,
    j: Option<usize>,
}

#[component]
pub fn IndicatorGrid(doc: Doc) -> impl IntoView {
    let rows = Memo::new(move |_| doc.with(layout).unwrap_or_default());
    let kinds = PerRow::new(Memo::new(move |_| {
        doc.with(|p| {
            p.indicators_in_order()
                .map(|(_, ind)| (ind.id, ind.kind))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    }));
    let scores = PerRow::new(Memo::new(move |_| {
        doc.evaluation.with(|e| {
            e.iter()
                .flat_map(|e| e.indicators.iter())
                .map(|s| {
                    let over = s.over_achieved || s.attainment == Attainment::Exceeded;
                    (s.id, (format_score(s.score), s.explanation.clone(), over))
                })
                .collect::<Vec<_>>()
        })
    }));
    // The unit read from a value ("≥200台") when the 计量单位 field is blank:
    // shown in the field as a placeholder, never written into it.
    let units_read = PerRow::new(Memo::new(move |_| {
        let mut blank_units = doc
            .with(|p| {
                p.indicators_in_order()
                    .filter(|(_, ind)| ind.unit.trim().is_empty())
                    .map(|(_, ind)| ind.id)
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        // Sorted once, searched per score: this runs on every keystroke.
        blank_units.sort_unstable();
        doc.evaluation.with(|e| {
            e.iter()
                .flat_map(|e| e.indicators.iter())
                .filter(|s| !s.unit.is_empty() && blank_units.binary_search(&s.id).is_ok())
                .map(|s| (s.id, s.unit.clone()))
                .collect::<Vec<_>>()
        })
    }));
    let messages = PerRow::new(doc.indicator_messages);
    let focused = RwSignal::new(None::<FieldPath>);
    let pending_delete = RwSignal::new(None::<PendingDelete>);
    let notice = doc.state.flash;
    let preview = RwSignal::new(None::<PastePreview>);

    let entries = library::library();
    let library_options = library::categories()
        .into_iter()
        .map(|category| {
            let options = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.category == category)
                .map(|(n, e)| {
                    let text = format!("{} · {}（参考值 {}）", e.level2, e.name, e.target_hint);
                    view! { <option value=n.to_string()>{text}</option> }
                })
                .collect_view();
            view! { <optgroup label=category>{options}</optgroup> }
        })
        .collect_view();
    let chosen = RwSignal::new(String::new());
    let add_chosen = move |_| {
        let Ok(n) = chosen.get_untracked().parse::<usize>() else {
            return;
        };
        let Some(entry) = library::library().into_iter().nth(n) else {
            return;
        };
        let mut new_id = None;
        doc.write(|p| new_id = Some(p.add_from_library(&entry)));
        if let Some(id) = new_id {
            focus_cell(&FieldPath::Indicator(id, IndicatorField::Target).dom_id());
        }
    };
    let ask_delete = move |i: usize, j: Option<usize>| {
        let what = doc.with_untracked(|p| p.removal_of(i, j)).flatten();
        match what {
            // Something typed would go: ask once.
            Some(what) => {
                notice.set(None);
                pending_delete.set(Some(PendingDelete { what, i, j }));
                // The safe answer has the focus; 删除 is one Tab away.
                focus_by_id("confirm-cancel");
            }
            None => doc.write_kept(Reason::Delete, |p| _ = p.remove_group(i, j)),
        }
    };
    let confirm_delete = move |_| {
        if let Some(PendingDelete { what, i, j }) = pending_delete.get_untracked() {
            doc.write_kept(Reason::Delete, |p| _ = p.remove_group(i, j));
            notice.set(Some(format!(
                "已删除{what}。按 Ctrl+Z 或点击“撤销”可恢复。"
            )));
        }
        pending_delete.set(None);
        // The button went with the question: keep the focus in the table's section.
        focus_by_id("f-indicators");
    };

    // A notice goes after a while; the history keeps what it offered to undo.
    Effect::new(move |_| {
        if let Some(text) = notice.get() {
            set_timeout(
                move || {
                    if notice.try_get_untracked().flatten().as_deref() == Some(text.as_str()) {
                        notice.set(None);
                    }
                },
                std::time::Duration::from_secs(12),
            );
        }
    });
    let on_paste = paste_handler(doc, preview);
    let heads = Column::ALL
        .map(|c| view! { <th scope="col" id=head_id(c) class=format!("gc-{}", column_index(c))>{c.label()}</th> })
        .into_iter()
        .collect_view();

    view! {
        // `f-indicators` is where the 体检 points for the tree as a whole (weight sums, missing 一级).
        <section class="card indicators" aria-labelledby="sec-indicators" id="f-indicators" tabindex="-1">
            <h2 id="sec-indicators">"绩效指标"</h2>
            <div class="toolbar">
                <button type="button" on:click=move |_| doc.write(Project::apply_framework)>"使用共性指标框架"</button>
                <button type="button" on:click=move |_| {
                    let mut at = 0;
                    doc.write(|p| at = p.add_level1());
                    focus_cell(&FieldPath::Level1(at, GroupField::Name).dom_id());
                }>"添加一级指标"</button>
                <label for="library-pick">"指标库"</label>
                <select id="library-pick" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"（选择常用指标）"</option>
                    {library_options}
                </select>
                <button type="button" on:click=add_chosen>"从指标库添加"</button>
                <button type="button" id="undo" disabled=move || !doc.can_step(true) on:click=move |_| doc.step(true)>"撤销"</button>
                <button type="button" id="redo" disabled=move || !doc.can_step(false) on:click=move |_| doc.step(false)>"重做"</button>
            </div>
            <p class="hint">"方向键在单元格间移动，直接输入即替换本格；按 F2 或点击后方向键在文字中移动；Esc 取消本格的修改；Enter 下移（最后一行时新增一行）；可从 Excel、WPS、Word 或网页复制整块表格，在表中或下方粘贴区按 Ctrl+V 粘贴；Ctrl+Z 撤销，Ctrl+Y 重做。"</p>
            <PasteTarget on_paste=on_paste.clone()/>
            <PastePreview doc=doc preview=preview/>
            {move || pending_delete.get().map(|d| view! {
                <div class="banner banner-warning confirm" role="alertdialog" aria-labelledby="confirm-delete-text">
                    <p id="confirm-delete-text">{format!("将删除{}。删除后可以撤销。", d.what)}</p>
                    <button type="button" class="danger" id="confirm-delete" on:click=confirm_delete>"删除"</button>
                    " "
                    <button type="button" id="confirm-cancel" on:click=move |_| {
                        pending_delete.set(None);
                        focus_by_id("f-indicators");
                    }>"取消"</button>
                </div>
            })}
            {move || notice.get().map(|text| view! {
                <p class="banner-inline" role="status" id="grid-notice">{text}
                    " " <button type="button" class="small" on:click=move |_| notice.set(None)>"知道了"</button>
                </p>
            })}
            <CellBar doc=doc focused=focused/>
            {move || (rows.with(Vec::is_empty)).then(|| view! {
                <p class="empty">"还没有指标。点击“使用共性指标框架”按所选评分规则建立一级、二级指标，或把自评表的指标部分复制后粘贴到上面的粘贴区。"</p>
            })}
            <div class="grid-scroll">
                <table class="indicator-grid" id="indicator-grid"
                    on:keydown=move |ev| on_grid_keydown(doc, ev)
                    on:focusin=move |ev| on_grid_focusin(ev, focused)
                    on:paste=move |ev| on_paste(ev.into())>
                    <thead><tr>{heads}</tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=GridRow::key let:row>
                            {match row {
                                GridRow::Indicator { id, level1, level2 } => indicator_row(doc, id, level1, level2, kinds, scores, units_read, messages, ask_delete).into_any(),
                                GridRow::Empty { i, j, level1, level2 } => empty_row(doc, i, j, level1, level2, ask_delete).into_any(),
                            }}
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The focused cell in full: where it is, all of its text, its message.
#[component]
fn CellBar(doc: Doc, focused: RwSignal<Option<FieldPath>>) -> impl IntoView {
    let place = move || {
        let path = focused.get()?;
        doc.with(|p| describe(p, &path)).flatten()
    };
    let text = move || {
        let path = focused.get()?;
        doc.with(|p| p.text_at(&path)).flatten()
    };
    let message = move || {
        let path = focused.get()?;
        doc.findings.with(|all| {
            all.iter()
                .filter(|f| f.path == path)
                .min_by_key(|f| f.severity)
                .map(|f| (f.severity, f.message.clone()))
        })
    };
    // The row actions work on the row of the focused cell, as a sheet's
    // toolbar does, so rows stay one line high.
    let row = move || match focused.get() {
        Some(FieldPath::Indicator(id, field))
            if doc.with(|p| p.indicator(id).is_some()).unwrap_or(false) =>
        {
            Some((id, field))
        }
        _ => None,
    };
    let move_row = move |up: bool| {
        let Some((id, field)) = row() else { return };
        doc.write(|p| _ = p.move_indicator(id, up));
        focus_cell(&FieldPath::Indicator(id, field).dom_id());
    };
    let insert_row = move |_| {
        let Some((id, field)) = row() else { return };
        let mut new_id = None;
        doc.write(|p| new_id = p.insert_indicator_after(id));
        if let Some(new_id) = new_id {
            focus_cell(&FieldPath::Indicator(new_id, field).dom_id());
        }
    };
    let delete_row = move |_| {
        let Some((id, field)) = row() else { return };
        // The focus goes on to the row that takes this one's place.
        let next = doc
            .with_untracked(|p| {
                let order: Vec<u64> = p.indicators_in_order().map(|(_, ind)| ind.id).collect();
                let at = order.iter().position(|x| *x == id)?;
                order
                    .get(at + 1)
                    .or_else(|| at.checked_sub(1).and_then(|b| order.get(b)))
                    .copied()
            })
            .flatten();
        let name = doc
            .with_untracked(|p| p.indicator(id).map(|i| i.name.trim().to_string()))
            .flatten()
            .unwrap_or_default();
        doc.write(|p| _ = p.remove_indicator(id));
        focused.set(next.map(|n| FieldPath::Indicator(n, field)));
        if let Some(next) = next {
            focus_cell(&FieldPath::Indicator(next, field).dom_id());
        }
        let shown = if name.is_empty() {
            "（未命名）".to_string()
        } else {
            name
        };
        doc.state.flash.set(Some(format!(
            "已删除三级指标“{shown}”。按 Ctrl+Z 或点击“撤销”可恢复。"
        )));
    };
    // The 申报表's notes of the focused row (指标解释 …), kept out of the
    // grid so rows stay one line high; drawn again only when the row changes.
    let row_id = Memo::new(move |_| row().map(|(id, _)| id));
    let notes = move || {
        let id = row_id.get()?;
        let note = move |field: IndicatorField| {
            let path = FieldPath::Indicator(id, field);
            let get = path.clone();
            let set = path.clone();
            fields::field(
                doc,
                field.note_label().unwrap_or_default(),
                move || path.clone(),
                Input::Area,
                move |p| p.text_at(&get).unwrap_or_default(),
                move |p, v| _ = p.set_text(&set, v),
            )
        };
        let [explanation, rest @ ..] = IndicatorField::NOTES;
        Some(view! {
            <div class="row-notes">
                {note(explanation)}
                <details>
                    <summary>"指标来源、设定依据、取值方式、数据来源、佐证资料"</summary>
                    {rest.map(note).into_iter().collect_view()}
                </details>
            </div>
        })
    };
    view! {
        <div class="cell-bar" id="cell-bar">
            <div class="cell-info" aria-live="polite">
                <span class="cell-where">{move || place().unwrap_or_else(|| "（未选中单元格）".to_string())}</span>
                <span class="cell-text" id="cell-bar-text">{text}</span>
                {move || message().map(|(severity, text)| view! {
                    <span class=format!("cell-msg {}", severity_class(severity)) id="cell-bar-msg">
                        {severity_mark(severity)}
                        {format!("{}：{text}", severity.label())}
                    </span>
                })}
            </div>
            <div class="row-actions" role="group" aria-label="当前行">
                <button type="button" class="small" disabled=move || row().is_none() on:click=move |_| move_row(true)>"上移"</button>
                <button type="button" class="small" disabled=move || row().is_none() on:click=move |_| move_row(false)>"下移"</button>
                <button type="button" class="small" disabled=move || row().is_none() on:click=insert_row>"下方插入行"</button>
                <button type="button" class="small danger" disabled=move || row().is_none() on:click=delete_row>"删除本行"</button>
            </div>
            {notes}
        </div>
    }
}

/// "三级指标 · 保障网络终端数量" for the cell bar.
fn describe(p: &Project, path: &FieldPath) -> Option<String> {
    Some(match path {
        FieldPath::Indicator(id, field) => {
            let ind = p.indicator(*id)?;
            let column = Column::of_field(*field).map_or("得分", Column::label);
            let name = match ind.name.trim() {
                "" => "（未命名指标）",
                n => n,
            };
            format!("{column} · {name}")
        }
        FieldPath::Level1(i, field) => format!(
            "一级指标{} · 第 {} 个",
            if *field == GroupField::Weight {
                "分值"
            } else {
                ""
            },
            i + 1
        ),
        FieldPath::Level2(i, j, field) => format!(
            "二级指标{} · {}",
            if *field == GroupField::Weight {
                "分值"
            } else {
                ""
            },
            p.indicators.get(*i)?.groups.get(*j)?.name.trim()
        ),
        _ => return None,
    })
}

/// The 一级 cell: name, 分值, subtotal, actions; merged over its rows.
fn level1_cell(
    doc: Doc,
    i: usize,
    span: usize,
    ask_delete: impl Fn(usize, Option<usize>) + Copy + 'static,
) -> AnyView {
    let subtotal = move || {
        doc.evaluation.with(|e| {
            e.as_ref().and_then(|e| e.level1.get(i)).map(|g| {
                format!(
                    "合计 {} 得 {}",
                    format_score(g.weight_sum),
                    format_score(g.score)
                )
            })
        })
    };
    view! {
        <td class="gc-0 group-cell level1-cell" rowspan=span data-level1=i.to_string()>
            {group_input(doc, FieldPath::Level1(i, GroupField::Name), "一级")}
            {group_input(doc, FieldPath::Level1(i, GroupField::Weight), "一级")}
            <p class="subtotal">{subtotal}</p>
            // Short visible words in a narrow cell; the names read out in full.
            <button type="button" class="small" on:click=move |_| {
                let mut j = None;
                doc.write(|p| j = p.add_level2(i));
                if let Some(j) = j { focus_cell(&FieldPath::Level2(i, j, GroupField::Name).dom_id()); }
            } aria-label="添加二级指标">"添加二级"</button>
            <button type="button" class="small danger" aria-label="删除一级指标" on:click=move |_| ask_delete(i, None)>"删除"</button>
        </td>
    }
    .into_any()
}

/// The 二级 cell, merged over its rows.
fn level2_cell(
    doc: Doc,
    i: usize,
    j: usize,
    span: usize,
    ask_delete: impl Fn(usize, Option<usize>) + Copy + 'static,
) -> AnyView {
    let subtotal = move || {
        doc.evaluation.with(|e| {
            e.as_ref().and_then(|e| e.level2_score(i, j)).map(|g| {
                format!(
                    "合计 {} 得 {}",
                    format_score(g.weight_sum),
                    format_score(g.score)
                )
            })
        })
    };
    let group_name = move || {
        doc.with(|p| {
            let l1 = p.indicators.get(i)?;
            Some(format!("{}/{}", l1.name, l1.groups.get(j)?.name))
        })
        .flatten()
        .unwrap_or_default()
    };
    let add = move |_| {
        let mut new_id = None;
        doc.write(|p| new_id = p.insert_indicator(i, j, None));
        if let Some(id) = new_id {
            focus_cell(&FieldPath::Indicator(id, IndicatorField::Name).dom_id());
        }
    };
    view! {
        <td class="gc-1 group-cell level2-cell row-level2" rowspan=span data-group=group_name>
            {group_input(doc, FieldPath::Level2(i, j, GroupField::Name), "二级")}
            {group_input(doc, FieldPath::Level2(i, j, GroupField::Weight), "二级")}
            <p class="subtotal">{subtotal}</p>
            <button type="button" class="small" on:click=add>"添加指标"</button>
            <button type="button" class="small danger" aria-label="删除二级指标" on:click=move |_| ask_delete(i, Some(j))>"删除"</button>
        </td>
    }
    .into_any()
}

/// A group's name (labelled by its column head, like the indicator cells)
/// or its 分值 (labelled "分值", read out as "一级分值"). Group cells are
/// keyed by position, so their text follows the document.
fn group_input(doc: Doc, path: FieldPath, level: &'static str) -> AnyView {
    let id = path.dom_id();
    let column = match path {
        FieldPath::Level1(..) => Column::Level1,
        _ => Column::Level2,
    };
    let is_name = matches!(
        path,
        FieldPath::Level1(_, GroupField::Name) | FieldPath::Level2(_, _, GroupField::Name)
    );
    let message_id = format!("{id}-msg");
    let message = doc.message({
        let path = path.clone();
        move || path.clone()
    });
    let value = {
        let path = path.clone();
        move || doc.with(|p| p.text_at(&path)).flatten().unwrap_or_default()
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            let path = path.clone();
            doc.write_field(&path.clone(), move |p| _ = p.set_text(&path, v));
        }
    };
    let invalid = move || invalid(message);
    let marked = move || marked(message);
    if is_name {
        // Group cells follow the document, so their height's copy does too.
        let copy = value.clone();
        view! {
            <div class="field compact group-name">
                <div class="grow" class:marked=marked data-value=copy>
                    <textarea id=id rows="1" class="cell" data-c=column_index(column).to_string() prop:value=value
                        aria-labelledby=head_id(column) aria-describedby=message_id.clone() aria-invalid=invalid
                        on:input=on_input on:blur=move |_| doc.seal()></textarea>
                    <CellMark id=message_id message=message/>
                </div>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="field compact group-weight">
                <label for=id.clone()>"分值"</label>
                <div class="line" class:marked=marked>
                    <input type="text" id=id class="cell" data-c=column_index(column).to_string() prop:value=value
                        aria-label=format!("{level}分值") aria-invalid=invalid
                        aria-describedby=message_id.clone() on:input=on_input on:blur=move |_| doc.seal()/>
                    <CellMark id=message_id message=message/>
                </div>
            </div>
        }
        .into_any()
    }
}

/// The rows of a group that has no 三级 yet: its group cells and a way to add one.
fn empty_row(
    doc: Doc,
    i: usize,
    j: Option<usize>,
    level1: Option<usize>,
    level2: bool,
    ask_delete: impl Fn(usize, Option<usize>) + Copy + 'static,
) -> impl IntoView {
    let first = level1.map(|span| level1_cell(doc, i, span, ask_delete));
    let second = j
        .filter(|_| level2)
        .map(|j| level2_cell(doc, i, j, 1, ask_delete));
    let colspan = if j.is_some() { 8 } else { 9 };
    // 不适用: a state of a 二级 with no 三级, said in the 申报表 and the 目标表.
    let not_applicable = j.map(|j| {
        let path = FieldPath::Level2(i, j, GroupField::NotApplicable);
        let checked = {
            let path = path.clone();
            move || {
                doc.with(|p| p.text_at(&path))
                    .flatten()
                    .is_some_and(|t| t == "是")
            }
        };
        let id = path.dom_id();
        let toggle = move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            let path = path.clone();
            doc.write_field(&path.clone(), move |p| {
                _ = p.set_text(&path, if on { "是" } else { "" }.to_string());
            });
        };
        let checked_for_hint = checked.clone();
        let hint = move || {
            if checked_for_hint() {
                "此二级指标不适用：不计分，也不算缺项；目标表中注明“不适用”。"
            } else {
                "此二级指标下还没有三级指标：点击左侧“添加指标”，或在此粘贴表格。"
            }
        };
        view! {
            <span class="check not-applicable">
                <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                <label for=id>"不适用"</label>
            </span>
            " "
            <span>{hint}</span>
        }
    });
    let hint = j
        .is_none()
        .then_some("此一级指标下还没有二级指标：点击左侧“添加二级指标”。");
    view! {
        <tr class="row-empty">
            {first}
            {second}
            <td colspan=colspan class="empty-cell">{not_applicable}{hint}</td>
        </tr>
    }
}

type GetText = fn(&Indicator) -> String;

/// One labelled cell of an indicator row: an uncontrolled text control
/// labelled by its column head, with the marker of its finding.
fn text_cell(
    doc: Doc,
    id: u64,
    field: IndicatorField,
    get: GetText,
    message: Memo<Message>,
    multiline: bool,
    read_elsewhere: Option<ReadSignal<String>>,
) -> AnyView {
    let path = FieldPath::Indicator(id, field);
    let dom_id = path.dom_id();
    let message_id = format!("{dom_id}-msg");
    // 定性得分 and 调减分值 sit in the 得分 column under their own labels.
    let column = Column::of_field(field);
    let labelled_by = column.map(head_id);
    let column = column.unwrap_or(Column::Score);
    let initial = doc
        .with_untracked(|p| p.indicator(id).map(get))
        .flatten()
        .unwrap_or_default();
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        if multiline {
            copy_for_height(&ev, &v);
        }
        let path = FieldPath::Indicator(id, field);
        doc.write_field(&path.clone(), move |p| _ = p.set_text(&path, v));
    };
    let invalid = move || invalid(message);
    let marked = move || marked(message);
    let placeholder = move || {
        read_elsewhere
            .map(|read| read.get())
            .filter(|r| !r.is_empty())
    };
    let placeholder_title = move || placeholder().map(|unit| format!("取自数值中的单位：{unit}"));
    if multiline {
        let copy = initial.clone();
        view! {
            <div class="grow" class:marked=marked data-value=copy>
                <textarea id=dom_id class="cell" rows="1" data-c=column_index(column).to_string()
                    placeholder=placeholder title=placeholder_title
                    aria-labelledby=labelled_by aria-describedby=message_id.clone() aria-invalid=invalid
                    prop:value=initial on:input=on_input on:blur=move |_| doc.seal()></textarea>
                <CellMark id=message_id message=message/>
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="line" class:marked=marked>
                <input type="text" id=dom_id class="cell" data-c=column_index(column).to_string()
                    aria-labelledby=labelled_by aria-describedby=message_id.clone() aria-invalid=invalid
                    value=initial on:input=on_input on:blur=move |_| doc.seal()/>
                <CellMark id=message_id message=message/>
            </div>
        }
        .into_any()
    }
}

/// Hands what was typed to the hidden copy that sets a text cell's height
/// (`.grow` in main.css): the cell is uncontrolled, so nothing else would.
/// Escape's restore and a paste into the cell come through `input` too; undo
/// and whole-table pastes re-mount the editor with the new text.
fn copy_for_height(ev: &leptos::ev::Event, text: &str) {
    if let Some(wrap) = event_target::<web_sys::Element>(ev).parent_element() {
        let _ = wrap.set_attribute("data-value", text);
    }
}

/// The 错误/警告 a cell shows (提示 are for the cell bar only).
fn shown(message: Memo<Message>) -> Message {
    message.with(|m| m.clone().filter(|(s, _)| *s != Severity::Hint))
}

/// Whether a cell keeps room for its marker.
fn marked(message: Memo<Message>) -> bool {
    message.with(|m| matches!(m, Some((s, _)) if *s != Severity::Hint))
}

/// `aria-invalid`: an 错误 makes a value invalid; a 警告 only asks a question.
fn invalid(message: Memo<Message>) -> &'static str {
    let is_error = message.with(|m| matches!(m, Some((Severity::Error, _))));
    if is_error { "true" } else { "false" }
}

/// A cell's 错误/警告 as a marker in its corner, so a message never makes
/// its row taller: the symbol is what the eye sees, the text (the cell's
/// `aria-describedby`) is what a screen reader reads, and the cell bar and
/// the 体检 show it in full.
#[component]
fn CellMark(id: String, message: Memo<Message>) -> impl IntoView {
    view! {
        <span class=move || format!("cell-msg {}", shown(message).map(|(s, _)| severity_class(s)).unwrap_or("")) id=id>
            {move || shown(message).map(|(s, text)| view! {
                {severity_mark(s)}
                <span class="sr-only">{format!("{}：{text}", s.label())}</span>
            })}
        </span>
    }
}

#[allow(clippy::too_many_arguments)]
fn indicator_row(
    doc: Doc,
    id: u64,
    level1: Option<(usize, usize)>,
    level2: Option<((usize, usize), usize)>,
    kinds: PerRow<IndicatorKind>,
    scores: PerRow<(String, String, bool)>,
    units_read: PerRow<String>,
    messages: PerRow<Vec<IndicatorMessage>>,
    ask_delete: impl Fn(usize, Option<usize>) + Copy + 'static,
) -> impl IntoView {
    let kind = kinds.row(id);
    let row_messages = messages.row(id);
    let message_of = move |field: IndicatorField| {
        Memo::new(move |_| {
            row_messages.with(|list| {
                list.iter()
                    .filter(|(f, _, _)| *f == field)
                    .min_by_key(|(_, severity, _)| *severity)
                    .map(|(_, severity, text)| (*severity, text.clone()))
            })
        })
    };
    let cell = move |field: IndicatorField, get: GetText, multiline: bool| {
        text_cell(doc, id, field, get, message_of(field), multiline, None)
    };
    let score = scores.row(id);
    let explain_id = format!("explain-{id}");

    let kind_cell = {
        let select_id = FieldPath::Indicator(id, IndicatorField::Kind).dom_id();
        let options = IndicatorKind::ALL
            .iter()
            .map(|value| {
                let value = *value;
                view! { <option value=value.key() selected=move || kind.get() == value>{value.label()}</option> }
            })
            .collect_view();
        view! {
            <select id=select_id class="cell" data-c=column_index(Column::Kind).to_string() aria-labelledby=head_id(Column::Kind)
                on:change=move |ev| {
                    let key = event_target_value(&ev);
                    doc.write(move |p| _ = p.set_text(&FieldPath::Indicator(id, IndicatorField::Kind), key));
                }>{options}</select>
        }
    };

    // 定性: the 实际完成情况 text and the grade, read in full.
    let actual_cell = move || {
        if kind.get() == IndicatorKind::Qualitative {
            let grade = move || {
                doc.with(|p| p.indicator(id).and_then(|ind| ind.qualitative_grade))
                    .flatten()
            };
            let inferred = move || {
                doc.with(|p| {
                    p.indicator(id)
                        .and_then(|ind| ind.inferred_grade.as_ref().map(|g| g.reason.clone()))
                })
                .flatten()
            };
            let options = QualitativeGrade::ALL
                .iter()
                .map(|value| {
                    let value = *value;
                    view! { <option value=value.key() selected=move || grade() == Some(value)>{value.label()}</option> }
                })
                .collect_view();
            let grade_id = FieldPath::Indicator(id, IndicatorField::QualitativeGrade).dom_id();
            let grade_message = message_of(IndicatorField::QualitativeGrade);
            view! {
                {cell(IndicatorField::Actual, |ind| ind.actual.0.clone(), true)}
                // The marker sits on the label's line: a select's arrow is where it would go.
                <div class="line grade-line">
                    <label for=grade_id.clone() class="grade-label">"评价等级"</label>
                    <select id=grade_id.clone() class="cell grade" data-c=column_index(Column::Actual).to_string()
                        aria-describedby=format!("{grade_id}-msg") on:change=move |ev| {
                        let key = event_target_value(&ev);
                        doc.write(move |p| _ = p.set_text(&FieldPath::Indicator(id, IndicatorField::QualitativeGrade), key));
                    }>
                        <option value="" selected=move || grade().is_none()>"（选择评价等级）"</option>
                        {options}
                    </select>
                    <CellMark id=format!("{grade_id}-msg") message=grade_message/>
                </div>
                <p class="grade-text">{move || grade().map(QualitativeGrade::label)}</p>
                {move || inferred().map(|reason| view! {
                    <p class="grade-inferred">
                        {format!("据表推断：{reason}")}
                        " "
                        <button type="button" class="small take-back" on:click=move |_| {
                            // The 定性得分 cell reads the document once: drawn again, blank.
                            doc.write_redrawn(None, move |p| _ = p.take_back_grade(id));
                        }>"撤回推断"</button>
                    </p>
                })}
            }
            .into_any()
        } else {
            cell(IndicatorField::Actual, |ind| ind.actual.0.clone(), true)
        }
    };

    // 得分: computed; a 定性 score may be typed within its band, and an
    // over-achieved row may take a 调减 (10号 第十六条).
    let score_cell = move || {
        let qualitative = kind.get() == IndicatorKind::Qualitative;
        let over = score.with(|(_, _, over)| *over);
        let suggested = move || {
            doc.with(|p| {
                let ind = p.indicator(id)?;
                let weight = parse_number(ind.weight.as_str()).ok()??.value;
                let score = suggested_qualitative_score(&p.rules, ind.qualitative_grade?, weight);
                Some(format!("建议 {}", format_score(score)))
            })
            .flatten()
            .unwrap_or_default()
        };
        let typed_score = qualitative.then(|| {
            let score_id = FieldPath::Indicator(id, IndicatorField::QualitativeScore).dom_id();
            view! {
                <label for=score_id.clone() class="grade-label">"定性得分"</label>
                {text_cell(doc, id, IndicatorField::QualitativeScore, |ind| ind.qualitative_score.0.clone(), message_of(IndicatorField::QualitativeScore), false, None)}
                <p class="hint">{suggested}</p>
            }
        });
        let reduction = (over || doc.with_untracked(|p| p.indicator(id).is_some_and(|i| !i.over_achievement_reduction.is_blank())).unwrap_or(false)).then(|| {
            let reduction_id = FieldPath::Indicator(id, IndicatorField::OverAchievementReduction).dom_id();
            view! {
                <label for=reduction_id.clone() class="grade-label">"调减分值"</label>
                {text_cell(doc, id, IndicatorField::OverAchievementReduction, |ind| ind.over_achievement_reduction.0.clone(), message_of(IndicatorField::OverAchievementReduction), false, None)}
            }
        });
        view! {
            <output class="score cell" tabindex="0" data-c=column_index(Column::Score).to_string()
                aria-labelledby=head_id(Column::Score) aria-describedby=explain_id.clone() data-score-for=id.to_string()>
                {move || score.with(|(s, _, _)| s.clone())}
            </output>
            <span class="explain" role="tooltip" id=explain_id.clone()>{move || score.with(|(_, e, _)| e.clone())}</span>
            {typed_score}
            {reduction}
        }
    };

    let first = level1.map(|(i, span)| level1_cell(doc, i, span, ask_delete));
    let second = level2.map(|((i, j), span)| level2_cell(doc, i, j, span, ask_delete));
    view! {
        <tr class="row-indicator" data-indicator=id.to_string()>
            {first}
            {second}
            <td class="gc-2">{cell(IndicatorField::Name, |ind| ind.name.clone(), true)}</td>
            <td class="gc-3">{kind_cell}</td>
            <td class="gc-4">{cell(IndicatorField::Target, |ind| ind.target.0.clone(), true)}</td>
            <td class="gc-5">{text_cell(doc, id, IndicatorField::Unit, |ind| ind.unit.clone(), message_of(IndicatorField::Unit), true, Some(units_read.row(id)))}</td>
            <td class="gc-6 actual-cell">{actual_cell}</td>
            <td class="gc-7">{cell(IndicatorField::Weight, |ind| ind.weight.0.clone(), false)}</td>
            <td class="gc-8 score-cell">{score_cell}</td>
            <td class="gc-9 reason-cell">{cell(IndicatorField::DeviationReason, |ind| ind.deviation_reason.clone(), true)}</td>
        </tr>
    }
}
