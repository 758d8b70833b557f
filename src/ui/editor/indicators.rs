//! 绩效指标: the 一级 → 二级 → 三级 tree as one list of rows. Indicator rows are
//! keyed by indicator id, so adding, deleting or moving a row never
//! re-renders the others and a row keeps its input text.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::fields::{FieldMessage, Input, field_with_message};
use super::per_row::PerRow;
use crate::model::library;
use crate::model::number::format_score;
use crate::model::path::{FieldPath, GroupField, IndicatorField};
use crate::model::project::{Indicator, IndicatorKind, Project, QualitativeGrade};
use crate::model::score::suggested_qualitative_score;
use crate::ui::doc::{Doc, IndicatorMessage};

#[derive(Clone, PartialEq, Eq, Hash)]
enum Row {
    Level1(usize),
    Level2(usize, usize),
    Indicator(u64),
}

impl Row {
    fn key(&self) -> String {
        match self {
            Row::Level1(i) => format!("l1-{i}"),
            Row::Level2(i, j) => format!("l2-{i}-{j}"),
            Row::Indicator(id) => format!("ind-{id}"),
        }
    }
}

fn focus_later(path: FieldPath) {
    let dom_id = path.dom_id();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&dom_id) {
            use wasm_bindgen::JsCast;
            if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        }
    });
}

#[component]
pub fn IndicatorTable(doc: Doc) -> impl IntoView {
    let rows = Memo::new(move |_| {
        doc.with(|p| {
            let mut rows = Vec::new();
            for (i, l1) in p.indicators.iter().enumerate() {
                rows.push(Row::Level1(i));
                for (j, l2) in l1.groups.iter().enumerate() {
                    rows.push(Row::Level2(i, j));
                    rows.extend(l2.indicators.iter().map(|ind| Row::Indicator(ind.id)));
                }
            }
            rows
        })
        .unwrap_or_default()
    });
    // Each indicator's kind. Rows read this memo, which changes when a kind
    // does, not on every keystroke.
    let kinds = Memo::new(move |_| {
        doc.with(|p| {
            p.indicators_in_order()
                .map(|(_, ind)| (ind.id, ind.kind))
                .collect::<HashMap<_, _>>()
        })
        .unwrap_or_default()
    });
    let scores = PerRow::new(Memo::new(move |_| {
        doc.evaluation.with(|e| {
            e.iter()
                .flat_map(|e| e.indicators.iter())
                .map(|s| (s.id, (format_score(s.score), s.explanation.clone())))
                .collect::<HashMap<_, _>>()
        })
    }));
    let findings = PerRow::new(doc.indicator_messages);

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
            focus_later(FieldPath::Indicator(id, IndicatorField::Target));
        }
    };

    view! {
        // `f-indicators` is where the 体检 points for the tree as a whole (weight sums, missing 一级).
        <section class="card" aria-labelledby="sec-indicators" id="f-indicators" tabindex="-1">
            <h2 id="sec-indicators">"绩效指标"</h2>
            <div class="toolbar">
                <button type="button" on:click=move |_| doc.write(Project::apply_framework)>"使用共性指标框架"</button>
                <button type="button" on:click=move |_| {
                    let mut at = 0;
                    doc.write(|p| at = p.add_level1());
                    focus_later(FieldPath::Level1(at, GroupField::Name));
                }>"添加一级指标"</button>
                <label for="library-pick">"指标库"</label>
                <select id="library-pick" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"（选择常用指标）"</option>
                    {library_options}
                </select>
                <button type="button" on:click=add_chosen>"从指标库添加"</button>
            </div>
            {move || (rows.with(Vec::is_empty)).then(|| view! {
                <p class="empty">"还没有指标。点击“使用共性指标框架”按所选评分规则建立一级、二级指标，再在各二级指标下“添加指标”。"</p>
            })}
            <div class="indicator-rows" role="list">
                <For each=move || rows.get() key=Row::key let:row>
                    {match row {
                        Row::Level1(i) => level1_row(doc, i).into_any(),
                        Row::Level2(i, j) => level2_row(doc, i, j).into_any(),
                        Row::Indicator(id) => indicator_row(doc, id, kinds, scores, findings).into_any(),
                    }}
                </For>
            </div>
        </section>
    }
}

fn level1_row(doc: Doc, i: usize) -> impl IntoView {
    let subtotal = move || {
        doc.evaluation.with(|e| {
            e.as_ref().and_then(|e| e.level1.get(i)).map(|g| {
                format!(
                    "合计分值 {}，得分 {}",
                    format_score(g.weight_sum),
                    format_score(g.score)
                )
            })
        })
    };
    let group = move || {
        doc.with(|p| p.indicators.get(i).map(|l| l.name.clone()))
            .flatten()
            .unwrap_or_default()
    };
    view! {
        <div class="row-level1" role="listitem" data-group=group>
            {controlled(doc, "一级指标", FieldPath::Level1(i, GroupField::Name), move |p| p.indicators.get(i).map(|l| l.name.clone()), move |p, v| if let Some(l) = p.indicators.get_mut(i) { l.name = v })}
            {controlled(doc, "一级分值", FieldPath::Level1(i, GroupField::Weight), move |p| p.indicators.get(i).map(|l| l.weight.0.clone()), move |p, v| if let Some(l) = p.indicators.get_mut(i) { l.weight.0 = v })}
            <p class="subtotal">{subtotal}</p>
            <button type="button" class="small" on:click=move |_| doc.write(|p| { p.add_level2(i); })>"添加二级指标"</button>
            <button type="button" class="small danger" on:click=move |_| doc.write(|p| { p.remove_level1(i); })>"删除一级指标"</button>
        </div>
    }
}

fn level2_row(doc: Doc, i: usize, j: usize) -> impl IntoView {
    let subtotal = move || {
        doc.evaluation.with(|e| {
            e.as_ref().and_then(|e| e.level2_score(i, j)).map(|g| {
                format!(
                    "合计分值 {}，得分 {}",
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
            focus_later(FieldPath::Indicator(id, IndicatorField::Name));
        }
    };
    fn group_at(p: &Project, i: usize, j: usize) -> Option<&crate::model::project::Level2> {
        p.indicators.get(i)?.groups.get(j)
    }
    view! {
        <div class="row-level2" role="listitem" data-group=group_name>
            {controlled(doc, "二级指标", FieldPath::Level2(i, j, GroupField::Name), move |p| group_at(p, i, j).map(|g| g.name.clone()), move |p, v| if let Some(g) = p.indicators.get_mut(i).and_then(|l| l.groups.get_mut(j)) { g.name = v })}
            {controlled(doc, "二级分值", FieldPath::Level2(i, j, GroupField::Weight), move |p| group_at(p, i, j).map(|g| g.weight.0.clone()), move |p, v| if let Some(g) = p.indicators.get_mut(i).and_then(|l| l.groups.get_mut(j)) { g.weight.0 = v })}
            <p class="subtotal">{subtotal}</p>
            <button type="button" class="small" on:click=add>"添加指标"</button>
            <button type="button" class="small danger" on:click=move |_| doc.write(|p| { p.remove_level2(i, j); })>"删除二级指标"</button>
        </div>
    }
}

/// Group rows are keyed by position, so their inputs follow the document
/// (there are few of them; setting an unchanged value keeps the caret).
fn controlled(
    doc: Doc,
    label: &'static str,
    path: FieldPath,
    get: impl Fn(&Project) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Project, String) + Send + Sync + 'static,
) -> AnyView {
    // Type-erased so the view is compiled once, not once per call site.
    controlled_input(doc, label, path, Arc::new(get), Arc::new(set))
}

type GetText = Arc<dyn Fn(&Project) -> Option<String> + Send + Sync>;
type SetText = Arc<dyn Fn(&mut Project, String) + Send + Sync>;

fn controlled_input(
    doc: Doc,
    label: &'static str,
    path: FieldPath,
    get: GetText,
    set: SetText,
) -> AnyView {
    let id = path.dom_id();
    let message_id = format!("{id}-msg");
    let message = doc.message(move || path.clone());
    let value = move || doc.with(|p| get(p)).flatten().unwrap_or_default();
    // The message sits after the field, not inside it: in a group row it
    // takes the row's full width instead of wrapping under a narrow input.
    view! {
        <div class="field compact">
            <label for=id.clone()>{label}</label>
            <input type="text" id=id prop:value=value aria-describedby=message_id.clone()
                on:input=move |ev| { let v = event_target_value(&ev); let set = set.clone(); doc.write(move |p| set(p, v)); }/>
        </div>
        <FieldMessage id=move || message_id.clone() message=message/>
    }
    .into_any()
}

fn indicator_row(
    doc: Doc,
    id: u64,
    kinds: Memo<HashMap<u64, IndicatorKind>>,
    scores: PerRow<(String, String)>,
    findings: PerRow<Vec<IndicatorMessage>>,
) -> impl IntoView {
    let kind = Memo::new(move |_| kinds.with(|m| m.get(&id).copied().unwrap_or_default()));
    let row_findings = findings.row(id);
    let message_of = move |field: IndicatorField| {
        Memo::new(move |_| {
            row_findings.with(|list| {
                list.iter()
                    .filter(|(f, _, _)| *f == field)
                    .min_by_key(|(_, severity, _)| *severity)
                    .map(|(_, severity, text)| (*severity, text.clone()))
            })
        })
    };
    let path_of = move |field: IndicatorField| move || FieldPath::Indicator(id, field);
    let text = move |label: &'static str,
                     field: IndicatorField,
                     input: Input,
                     get: fn(&Indicator) -> String,
                     set: fn(&mut Project, u64, String)| {
        field_with_message(
            doc,
            label,
            path_of(field),
            message_of(field),
            input,
            move |p| p.indicator(id).map(get).unwrap_or_default(),
            move |p, v| set(p, id, v),
        )
    };
    let score = scores.row(id);
    let explain_id = format!("explain-{id}");

    let kind_select = {
        let select_id = FieldPath::Indicator(id, IndicatorField::Kind).dom_id();
        let options = IndicatorKind::ALL
            .iter()
            .map(|value| {
                let value = *value;
                view! { <option value=value.key() selected=move || kind.get() == value>{value.label()}</option> }
            })
            .collect_view();
        view! {
            <div class="field compact">
                <label for=select_id.clone()>"指标性质"</label>
                <select id=select_id on:change=move |ev| {
                    if let Some(value) = IndicatorKind::from_key(&event_target_value(&ev)) {
                        doc.write(move |p| if let Some(ind) = p.indicator_mut(id) { ind.kind = value });
                    }
                }>{options}</select>
            </div>
        }
    };

    let actual_cell = move || {
        if kind.get() == IndicatorKind::Qualitative {
            let grade = move || {
                doc.with(|p| p.indicator(id).and_then(|ind| ind.qualitative_grade))
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
            // The score the chosen grade suggests, shown until one is typed.
            let suggested = move || {
                doc.with(|p| {
                    let ind = p.indicator(id)?;
                    let weight = crate::model::number::parse_number(ind.weight.as_str())
                        .ok()??
                        .value;
                    let score =
                        suggested_qualitative_score(&p.rules, ind.qualitative_grade?, weight);
                    Some(format!("建议 {}", format_score(score)))
                })
                .flatten()
                .unwrap_or_default()
            };
            view! {
                <div class="field compact">
                    <label for=grade_id.clone()>"实际完成值"</label>
                    <select id=grade_id on:change=move |ev| {
                        let value = QualitativeGrade::from_key(&event_target_value(&ev));
                        doc.write(move |p| if let Some(ind) = p.indicator_mut(id) { ind.qualitative_grade = value });
                    }>
                        <option value="" selected=move || grade().is_none()>"（选择）"</option>
                        {options}
                    </select>
                </div>
                <div class="qualitative-score" data-suggested=suggested>
                    {text("定性得分", IndicatorField::QualitativeScore, Input::Line, |ind| ind.qualitative_score.0.clone(), |p, id, v| if let Some(ind) = p.indicator_mut(id) { ind.qualitative_score.0 = v })}
                    <p class="hint">{suggested}</p>
                </div>
            }
            .into_any()
        } else {
            text(
                "实际完成值",
                IndicatorField::Actual,
                Input::Line,
                |ind| ind.actual.0.clone(),
                |p, id, v| {
                    if let Some(ind) = p.indicator_mut(id) {
                        ind.actual.0 = v;
                    }
                },
            )
            .into_any()
        }
    };

    // Enter in the last cell adds a row below (Shift+Enter still breaks the line).
    let on_reason_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() != "Enter" || ev.shift_key() || ev.is_composing() {
            return;
        }
        ev.prevent_default();
        let mut new_id = None;
        doc.write(|p| new_id = p.insert_indicator_after(id));
        if let Some(new_id) = new_id {
            focus_later(FieldPath::Indicator(new_id, IndicatorField::Name));
        }
    };

    view! {
        <div class="row-indicator" role="listitem" data-indicator=id.to_string()>
            {text("三级指标", IndicatorField::Name, Input::Line, |ind| ind.name.clone(), |p, id, v| if let Some(ind) = p.indicator_mut(id) { ind.name = v })}
            {kind_select}
            {text("年度指标值", IndicatorField::Target, Input::Line, |ind| ind.target.0.clone(), Project::set_target)}
            {text("计量单位", IndicatorField::Unit, Input::Line, |ind| ind.unit.clone(), |p, id, v| if let Some(ind) = p.indicator_mut(id) { ind.unit = v })}
            <div class="actual-cell">{actual_cell}</div>
            {text("分值", IndicatorField::Weight, Input::Line, |ind| ind.weight.0.clone(), |p, id, v| if let Some(ind) = p.indicator_mut(id) { ind.weight.0 = v })}
            <div class="field compact score-cell">
                <span class="label-like" id=format!("score-label-{id}")>"得分"</span>
                <output class="score" tabindex="0" aria-labelledby=format!("score-label-{id}") aria-describedby=explain_id.clone()
                    data-score-for=id.to_string()>{move || score.with(|(s, _)| s.clone())}</output>
                <span class="explain" role="tooltip" id=explain_id>{move || score.with(|(_, e)| e.clone())}</span>
            </div>
            <div class="reason-cell" on:keydown=on_reason_key>
                {text("偏差原因分析及改进措施", IndicatorField::DeviationReason, Input::Area, |ind| ind.deviation_reason.clone(), |p, id, v| if let Some(ind) = p.indicator_mut(id) { ind.deviation_reason = v })}
            </div>
            <div class="row-actions">
                <button type="button" class="small" on:click=move |_| doc.write(|p| { p.move_indicator(id, true); })>"上移"</button>
                <button type="button" class="small" on:click=move |_| doc.write(|p| { p.move_indicator(id, false); })>"下移"</button>
                <button type="button" class="small danger" on:click=move |_| doc.write(|p| { p.remove_indicator(id); })>"删除"</button>
            </div>
        </div>
    }
}
