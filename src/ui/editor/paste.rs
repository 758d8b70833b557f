//! Pasting a copied table into the grid: read the clipboard's HTML table
//! (Excel, WPS, Word, web pages) or its tab-separated text, plan it with
//! `jixiao_core::paste`, show what will change, and apply it as one undoable edit.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::doc::Doc;
use jixiao_core::columns::Column;
use jixiao_core::formats::clipboard::{parse_html_table, parse_tsv};
use jixiao_core::grades::GradeNote;
use jixiao_core::paste::{PastePlan, plan};
use jixiao_core::versions::Reason;

/// A paste waiting for 应用 or 取消.
#[derive(Clone)]
pub struct PastePreview {
    plan: PastePlan,
    summary: String,
    /// The 定性 grades the paste will read from the table, with reasons.
    grades: Vec<GradeNote>,
}

type Handler = Arc<dyn Fn(leptos::ev::Event) + Send + Sync>;

/// The paste handler for the grid and the paste box: a pasted block is
/// planned and shown; a single value pastes into its cell as usual.
pub fn paste_handler(doc: Doc, preview: RwSignal<Option<PastePreview>>) -> Handler {
    Arc::new(move |ev: leptos::ev::Event| {
        let Some(ev) = ev.dyn_ref::<web_sys::ClipboardEvent>() else {
            return;
        };
        let Some(data) = ev.clipboard_data() else {
            return;
        };
        let html = data.get_data("text/html").unwrap_or_default();
        let text = data.get_data("text/plain").unwrap_or_default();
        let grid = parse_html_table(&html).unwrap_or_else(|| parse_tsv(&text));
        let cells = grid.iter().map(Vec::len).max().unwrap_or(0) * grid.len();
        if cells <= 1 {
            return;
        }
        ev.prevent_default();
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        // Without a header, columns count from the cell pasted into; the
        // paste box stands for the whole block, from the 一级 column.
        let column = target
            .as_ref()
            .and_then(|t| t.get_attribute("data-c"))
            .and_then(|c| c.parse::<usize>().ok())
            .and_then(|c| Column::ALL.get(c).copied())
            .unwrap_or(Column::Level1);
        let row = target
            .and_then(|t| t.closest("tr[data-indicator]").ok().flatten())
            .and_then(|tr| tr.get_attribute("data-indicator"))
            .and_then(|id| id.parse::<u64>().ok());
        let plan = plan(&grid, column, row);
        let (summary, grades) = doc
            .with_untracked(|p| {
                let mut probe = p.clone();
                let outcome = probe.apply_paste(&plan);
                (outcome.summary(), outcome.grades)
            })
            .unwrap_or_default();
        preview.set(Some(PastePreview {
            plan,
            summary,
            grades,
        }));
        crate::ui::focus_by_id("paste-apply");
    })
}

/// Where a table can be pasted when the grid has no cell yet.
#[component]
pub fn PasteTarget(on_paste: Handler) -> impl IntoView {
    view! {
        <div class="field paste-box">
            <label for="paste-target">"粘贴区：复制自评表的指标部分（可含表头），在此按 Ctrl+V"</label>
            <textarea id="paste-target" rows="1" placeholder="在此粘贴表格" on:paste=move |ev| on_paste(ev.into())></textarea>
        </div>
    }
}

/// What a paste will do, before it is done.
#[component]
pub fn PastePreview(doc: Doc, preview: RwSignal<Option<PastePreview>>) -> impl IntoView {
    // Inferred grades the user took back in the preview (indicator ids: the
    // paste gives the same ids to the document as to the preview's probe).
    let taken_back = RwSignal::new(Vec::<u64>::new());
    let close = move || {
        preview.set(None);
        taken_back.set(Vec::new());
    };
    let apply = move |_| {
        let Some(pending) = preview.get_untracked() else {
            return;
        };
        let mut summary = String::new();
        let undo = taken_back.get_untracked();
        doc.write_redrawn(Some(Reason::Paste), |p| {
            summary = p.apply_paste(&pending.plan).summary();
            for id in undo {
                p.take_back_grade(id);
            }
        });
        close();
        doc.state.flash.set(Some(format!(
            "已粘贴：{summary}。按 Ctrl+Z 或点击“撤销”可恢复。"
        )));
    };
    view! {
        {move || preview.get().map(|pending| {
            // Every column the paste will write, in the 附1 order.
            let heads: Vec<Column> = Column::ALL
                .into_iter()
                .filter(|c| *c != Column::Score && pending.plan.columns.contains(&Some(*c)))
                .collect();
            let rows = pending.plan.rows.iter().take(50).map(|row| {
                let cells = heads.iter().map(|&c| {
                    let text = match c {
                        Column::Level1 => row.level1.clone().unwrap_or_default(),
                        Column::Level2 => row.level2.clone().unwrap_or_default(),
                        c => row.get(c).unwrap_or("").to_string(),
                    };
                    view! { <td>{text}</td> }
                });
                view! { <tr>{cells.collect_view()}</tr> }
            }).collect_view();
            let more = pending.plan.rows.len().saturating_sub(50);
            let left_out = pending.plan.left_out.clone();
            let by = if pending.plan.by_header { "按表头识别列" } else { "无表头，按粘贴位置对应列" };
            view! {
                <div class="paste-preview" role="dialog" aria-labelledby="paste-preview-title" id="paste-preview"
                    on:keydown=move |ev| if ev.key() == "Escape" { close(); }>
                    <h3 id="paste-preview-title">"粘贴预览"</h3>
                    <p>{format!("共 {} 行（{by}）：将{}。", pending.plan.rows.len(), pending.summary)}</p>
                    {(!left_out.is_empty()).then(|| view! {
                        <p class="sev-warning">"以下列不会导入：" {left_out.join("；")}</p>
                    })}
                    {grade_notes(pending.grades.clone(), taken_back)}
                    <div class="table-scroll">
                        <table class="paste-rows">
                            <thead><tr>{heads.iter().map(|c| view! { <th scope="col">{c.label()}</th> }).collect_view()}</tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                    {(more > 0).then(|| view! { <p class="hint">{format!("……另有 {more} 行")}</p> })}
                    <button type="button" id="paste-apply" on:click=apply>"应用粘贴"</button>
                    " "
                    <button type="button" id="paste-cancel" on:click=move |_| close()>"取消"</button>
                </div>
            }
        })}
    }
}

/// The 定性 grades read from the table, each with its reason and a button
/// that takes it back; the rows where the table's 得分 and words disagree.
/// Shared by the paste and the Excel import previews.
pub fn grade_notes(notes: Vec<GradeNote>, taken_back: RwSignal<Vec<u64>>) -> impl IntoView {
    let (inferred, left): (Vec<GradeNote>, Vec<GradeNote>) =
        notes.into_iter().partition(|n| n.inferred);
    let inferred = (!inferred.is_empty()).then(|| {
        let items = inferred
            .into_iter()
            .map(|note| {
                let id = note.id;
                let back = move || taken_back.with(|ids| ids.contains(&id));
                view! {
                    <li>
                        {format!("“{}”：{}", note.name, note.reason)}
                        " "
                        <button type="button" class="small take-back" disabled=back
                            on:click=move |_| taken_back.update(|ids| ids.push(id))>
                            {move || if back() { "已撤回" } else { "撤回" }}
                        </button>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="grades-inferred">
                <p>"以下定性指标的评价等级从表中读出（可撤回，撤回后需自行选择）："</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let left = (!left.is_empty()).then(|| {
        view! {
            <div class="grades-left sev-warning">
                <p>"以下定性指标未推断等级："</p>
                <ul>{left.into_iter().map(|n| view! { <li>{format!("“{}”：{}", n.name, n.reason)}</li> }).collect_view()}</ul>
            </div>
        }
    });
    view! { {inferred} {left} }
}
