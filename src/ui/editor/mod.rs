//! 编辑: the whole self-evaluation in the order of the 自评表, with the live
//! score panel beside it.

mod fields;
mod grid;
mod keys;
mod narrative;
mod panel;
mod paste;
mod per_row;
mod rules;

pub(crate) use paste::grade_notes;

use leptos::prelude::*;

use crate::ui::AppState;
use crate::ui::doc::Doc;
use fields::{Input, field};
use jixiao_core::number::{format_percent, format_score};
use jixiao_core::path::{FieldPath, FundsColumn, FundsLine, HeaderField};
use jixiao_core::project::MoneyUnit;
use jixiao_core::score::budget_change;

#[component]
pub fn Editor(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let doc = Doc::new(state, id);
    // A pending save must not wait in a timer when the page goes away; it
    // may not finish either, so its record is also kept aside (the app's
    // own page-hide listener ran before this one).
    let listener = window_event_listener(leptos::ev::pagehide, move |_| {
        doc.flush();
        state.keep_unsaved();
    });

    // Ctrl+Z / Ctrl+Y anywhere on the page (also when a delete took the
    // focus away) step through the history; the editor re-mounts with the
    // document as it was, and the cell that had the focus gets it back.
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let back = match ev.key().to_lowercase().as_str() {
            "z" if !ev.shift_key() => true,
            "y" | "z" => false,
            _ => return,
        };
        ev.prevent_default();
        let focused = document()
            .active_element()
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        state.refocus.set_value(focused);
        doc.step(back);
    };
    let keys = window_event_listener(leptos::ev::keydown, on_keydown);
    on_cleanup(move || {
        listener.remove();
        keys.remove();
        doc.flush();
    });
    Effect::new(move |_| {
        if let Some(id) = state.refocus.get_value() {
            state.refocus.set_value(None);
            keys::focus_cell(&id);
        }
    });

    view! {
        <div class="editor-layout">
            <div class="editor-main">
                <crate::ui::review::ReviewNotes doc=doc/>
                <BasicInfo doc=doc/>
                <Declaration doc=doc/>
                <FundsGrid doc=doc/>
                <Goals doc=doc/>
                <grid::IndicatorGrid doc=doc/>
                <rules::RulePicker doc=doc/>
                <narrative::Narrative doc=doc/>
            </div>
            <panel::ScorePanel doc=doc/>
        </div>
    }
}

/// One labelled input over a header text field of the document.
fn header_field(doc: Doc, field: HeaderField, input: Input) -> AnyView {
    fields::field(
        doc,
        field.label(),
        move || FieldPath::Header(field),
        input,
        move |p| p.text_at(&FieldPath::Header(field)).unwrap_or_default(),
        move |p, v| _ = p.set_text(&FieldPath::Header(field), v),
    )
}

#[component]
fn BasicInfo(doc: Doc) -> impl IntoView {
    let lines = HeaderField::LINES.map(|f| header_field(doc, f, Input::Line));
    view! {
        <section class="card" aria-labelledby="sec-basic">
            <h2 id="sec-basic">"基本信息"</h2>
            <div class="grid-fields">{lines.into_iter().collect_view()}</div>
            {header_field(doc, HeaderField::Background, Input::Area)}
        </section>
    }
}

/// The 绩效目标申报表's own fields: short ones in the grid of lines, the
/// texts (依据, 长期目标) as areas.
#[component]
fn Declaration(doc: Doc) -> impl IntoView {
    let fields = HeaderField::DECLARATION.map(|f| {
        let input = match f {
            HeaderField::IsNew => Input::YesNo,
            HeaderField::PolicyBasis | HeaderField::CostBasis | HeaderField::LongTermGoal => {
                Input::Area
            }
            _ => Input::Line,
        };
        (input, header_field(doc, f, input))
    });
    let (areas, lines): (Vec<_>, Vec<_>) = fields
        .into_iter()
        .partition(|(input, _)| *input == Input::Area);
    view! {
        <section class="card" aria-labelledby="sec-declaration">
            <h2 id="sec-declaration">"申报信息（绩效目标申报表）"</h2>
            <div class="grid-fields">{lines.into_iter().map(|(_, v)| v).collect_view()}</div>
            {areas.into_iter().map(|(_, v)| v).collect_view()}
        </section>
    }
}

#[component]
fn Goals(doc: Doc) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sec-goals">
            <h2 id="sec-goals">"年度总体目标"</h2>
            <div class="grid-2">
                {header_field(doc, HeaderField::GoalExpected, Input::Area)}
                {header_field(doc, HeaderField::GoalActual, Input::Area)}
            </div>
        </section>
    }
}

#[component]
fn FundsGrid(doc: Doc) -> impl IntoView {
    let unit = move || doc.with(|p| p.money_unit.label()).unwrap_or("万元");
    let execution = move || {
        doc.evaluation
            .with(|e| e.as_ref().map(|e| e.execution.clone()))
    };
    let rows = FundsLine::ALL
        .into_iter()
        .map(|line| {
            let cell = move |column: FundsColumn| {
                let read = move |p: &jixiao_core::project::Project| {
                    p.funds.row(line).cell(column).0.clone()
                };
                let write = move |p: &mut jixiao_core::project::Project, v: String| {
                    p.funds.row_mut(line).cell_mut(column).0 = v;
                };
                // The row name is read out with the column name; the column name alone is shown.
                let label = view! { <span class="sr-only">{line.label()}</span>{column.label()} };
                view! { <td>{field(doc, label, move || FieldPath::Funds(line, column), Input::Line, read, write)}</td> }
            };
            let computed = if line == FundsLine::Total {
                view! {
                    <td class="num">{move || execution().map(|e| format_score(e.weight))}</td>
                    <td class="num" id="execution-rate">{move || execution().and_then(|e| e.rate).map(format_percent).unwrap_or_else(|| "—".into())}</td>
                    <td class="num" title=move || execution().map(|e| e.explanation).unwrap_or_default()>{move || execution().map(|e| format_score(e.score))}</td>
                }
                .into_any()
            } else {
                view! { <td class="num">"—"</td><td class="num">"—"</td><td class="num">"—"</td> }.into_any()
            };
            view! {
                <tr>
                    <th scope="row">{line.table_label()}</th>
                    {FundsColumn::ALL.map(cell).into_iter().collect_view()}
                    {computed}
                </tr>
            }
        })
        .collect_view();
    let heads = FundsColumn::ALL
        .map(|c| view! { <th scope="col">{c.label()}</th> })
        .into_iter()
        .collect_view();
    view! {
        <section class="card" aria-labelledby="sec-funds">
            <h2 id="sec-funds">"资金"</h2>
            <div class="field compact money-unit">
                <label for="f-money-unit">"金额单位"</label>
                <select id="f-money-unit" on:change=move |ev| {
                    let unit = if event_target_value(&ev) == "Yuan" { MoneyUnit::Yuan } else { MoneyUnit::Wan };
                    doc.write(move |p| p.money_unit = unit);
                }>
                    <option value="Wan" selected=move || doc.with(|p| p.money_unit == MoneyUnit::Wan).unwrap_or(true)>"万元"</option>
                    <option value="Yuan" selected=move || doc.with(|p| p.money_unit == MoneyUnit::Yuan).unwrap_or(false)>"元"</option>
                </select>
            </div>
            <p class="hint">"单位：" {unit} "。执行率 = 全年执行数 ÷ 全年预算数；金额后写“万”或“元”会按本表单位换算。"</p>
            <div class="table-scroll">
                <table class="funds">
                    <thead>
                        <tr>
                            <th scope="col">"项目资金"</th>
                            {heads}
                            <th scope="col">"分值"</th>
                            <th scope="col">"执行率"</th>
                            <th scope="col">"得分"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {move || doc.with(budget_change).flatten().map(|change| view! {
                <p class="hint budget-change" id="budget-change">{change.sentence()}</p>
            })}
        </section>
    }
}
