//! 绩效指标: the 一级 → 二级 → 三级 tree as one list of rows. Indicator rows are
//! keyed by indicator id, so adding, deleting or moving a row never
//! re-renders the others and a row keeps its input text.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use super::doc::{Doc, FieldFinding, TreePath, field_dom_id, severity_rank};
use super::fields::{FieldMessage, Input, field_with_message};
use super::per_row::PerRow;
use crate::model::library;
use crate::model::number::format_score;
use crate::model::project::{Indicator, IndicatorKind, Level1, Level2, Project, QualitativeGrade};
use crate::model::score::qualitative_grade_label;

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

const KINDS: [(IndicatorKind, &str, &str); 8] = [
    (IndicatorKind::AtLeast, "AtLeast", "≥ 正向"),
    (IndicatorKind::MoreThan, "MoreThan", "> 正向"),
    (IndicatorKind::AtMost, "AtMost", "≤ 反向"),
    (IndicatorKind::LessThan, "LessThan", "< 反向"),
    (IndicatorKind::Equal, "Equal", "= 等于"),
    (IndicatorKind::Deviation, "Deviation", "± 区间/偏差"),
    (IndicatorKind::Qualitative, "Qualitative", "定性"),
    (IndicatorKind::Satisfaction, "Satisfaction", "满意度"),
];

const GRADES: [(QualitativeGrade, &str); 3] = [
    (QualitativeGrade::Achieved, "Achieved"),
    (QualitativeGrade::PartlyAchieved, "PartlyAchieved"),
    (QualitativeGrade::NotAchieved, "NotAchieved"),
];

fn find_mut(project: &mut Project, id: u64) -> Option<&mut Indicator> {
    project
        .indicators
        .iter_mut()
        .flat_map(|l1| l1.groups.iter_mut())
        .flat_map(|l2| l2.indicators.iter_mut())
        .find(|ind| ind.id == id)
}

fn find(project: &Project, id: u64) -> Option<&Indicator> {
    project
        .indicators_in_order()
        .find(|(_, ind)| ind.id == id)
        .map(|(_, ind)| ind)
}

/// Inserts a blank indicator in group (i, j) at `at` (end if `None`); returns its id.
fn insert_blank(project: &mut Project, i: usize, j: usize, at: Option<usize>) -> Option<u64> {
    let id = project.next_indicator_id();
    let group = project.indicators.get_mut(i)?.groups.get_mut(j)?;
    let at = at
        .unwrap_or(group.indicators.len())
        .min(group.indicators.len());
    group.indicators.insert(
        at,
        Indicator {
            id,
            ..Indicator::default()
        },
    );
    Some(id)
}

/// Moves an indicator one place up or down within its 二级 group.
fn move_within_group(project: &mut Project, id: u64, up: bool) {
    for group in project
        .indicators
        .iter_mut()
        .flat_map(|l1| l1.groups.iter_mut())
    {
        if let Some(k) = group.indicators.iter().position(|ind| ind.id == id) {
            let other = if up {
                k.checked_sub(1)
            } else {
                Some(k + 1).filter(|&n| n < group.indicators.len())
            };
            if let Some(other) = other {
                group.indicators.swap(k, other);
            }
            return;
        }
    }
}

/// Adds the 共性 framework's groups that the tree does not have yet.
fn add_framework(project: &mut Project) {
    for l1 in library::common_framework() {
        let existing = match project.indicators.iter().position(|x| x.name == l1.name) {
            Some(i) => i,
            None => {
                project.indicators.push(Level1 {
                    groups: Vec::new(),
                    ..l1.clone()
                });
                project.indicators.len() - 1
            }
        };
        for l2 in l1.groups {
            let groups = &mut project.indicators[existing].groups;
            if !groups.iter().any(|g| g.name == l2.name) {
                groups.push(l2);
            }
        }
    }
}

/// Places a library indicator under its 一级/二级, creating them if needed.
fn add_from_library(project: &mut Project, entry: &library::LibraryEntry) -> u64 {
    let id = project.next_indicator_id();
    let i = match project
        .indicators
        .iter()
        .position(|x| x.name == entry.level1)
    {
        Some(i) => i,
        None => {
            project.indicators.push(Level1 {
                name: entry.level1.to_string(),
                ..Level1::default()
            });
            project.indicators.len() - 1
        }
    };
    let groups = &mut project.indicators[i].groups;
    let j = match groups.iter().position(|g| g.name == entry.level2) {
        Some(j) => j,
        None => {
            groups.push(Level2 {
                name: entry.level2.to_string(),
                ..Level2::default()
            });
            groups.len() - 1
        }
    };
    groups[j].indicators.push(entry.to_indicator(id));
    id
}

fn focus_later(dom_id: String) {
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
    // Where each indicator sits now (its field paths follow it when rows
    // move) and its kind. One memo reads the document; rows read this memo,
    // which changes only when the layout does, not on every keystroke.
    let positions = Memo::new(move |_| {
        doc.with(|p| {
            p.indicators_in_order()
                .map(|(path, ind)| (ind.id, (path, ind.kind)))
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
    let findings = PerRow::new(Memo::new(move |_| {
        positions.with(|layout| {
            doc.indicator_findings.with(|by_path| {
                layout
                    .iter()
                    .filter_map(|(id, (at, _))| Some((*id, by_path.get(at)?.clone())))
                    .collect::<HashMap<_, _>>()
            })
        })
    }));

    let library = library::library();
    let library_options = library
        .iter()
        .enumerate()
        .map(|(n, entry)| {
            view! { <option value=n.to_string()>{format!("{} · {} · {}", entry.category, entry.level2, entry.name)}</option> }
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
        doc.write(|p| new_id = Some(add_from_library(p, &entry)));
        if let Some(id) = new_id {
            let path = positions.with_untracked(|m| m.get(&id).map(|(at, _)| *at));
            if let Some((i, j, k)) = path {
                focus_later(field_dom_id(&format!("indicators.{i}.{j}.{k}.actual")));
            }
        }
    };

    view! {
        // `f-indicators` is where the 体检 points for the tree as a whole (weight sums, missing 一级).
        <section class="card" aria-labelledby="sec-indicators" id="f-indicators" tabindex="-1">
            <h2 id="sec-indicators">"绩效指标"</h2>
            <div class="toolbar">
                <button type="button" on:click=move |_| doc.write(add_framework)>"使用共性指标框架"</button>
                <label for="library-pick">"指标库"</label>
                <select id="library-pick" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"（选择常用指标）"</option>
                    {library_options}
                </select>
                <button type="button" on:click=add_chosen>"从指标库添加"</button>
            </div>
            {move || (rows.with(Vec::is_empty)).then(|| view! {
                <p class="empty">"还没有指标。点击“使用共性指标框架”建立产出、效益、满意度指标的分组，再在各二级指标下“添加指标”。"</p>
            })}
            <div class="indicator-rows" role="list">
                <For each=move || rows.get() key=Row::key let:row>
                    {match row {
                        Row::Level1(i) => level1_row(doc, i).into_any(),
                        Row::Level2(i, j) => level2_row(doc, i, j).into_any(),
                        Row::Indicator(id) => indicator_row(doc, id, positions, scores, findings).into_any(),
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
            {controlled(doc, "一级指标", format!("indicators.{i}.name"), move |p| p.indicators.get(i).map(|l| l.name.clone()), move |p, v| if let Some(l) = p.indicators.get_mut(i) { l.name = v })}
            {controlled(doc, "一级分值", format!("indicators.{i}.weight"), move |p| p.indicators.get(i).map(|l| l.weight.0.clone()), move |p, v| if let Some(l) = p.indicators.get_mut(i) { l.weight.0 = v })}
            <p class="subtotal">{subtotal}</p>
            <button type="button" class="small" on:click=move |_| doc.write(|p| if let Some(l) = p.indicators.get_mut(i) { l.groups.push(Level2::default()) })>"添加二级指标"</button>
            <button type="button" class="small danger" on:click=move |_| doc.write(|p| { if i < p.indicators.len() { p.indicators.remove(i); } })>"删除一级指标"</button>
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
        doc.write(|p| new_id = insert_blank(p, i, j, None));
        if let Some(id) = new_id {
            let k = doc
                .with_untracked(|p| {
                    p.indicators[i].groups[j]
                        .indicators
                        .iter()
                        .position(|x| x.id == id)
                })
                .flatten();
            if let Some(k) = k {
                focus_later(field_dom_id(&format!("indicators.{i}.{j}.{k}.name")));
            }
        }
    };
    fn group_at(p: &Project, i: usize, j: usize) -> Option<&Level2> {
        p.indicators.get(i)?.groups.get(j)
    }
    view! {
        <div class="row-level2" role="listitem" data-group=group_name>
            {controlled(doc, "二级指标", format!("indicators.{i}.{j}.name"), move |p| group_at(p, i, j).map(|g| g.name.clone()), move |p, v| if let Some(g) = p.indicators.get_mut(i).and_then(|l| l.groups.get_mut(j)) { g.name = v })}
            {controlled(doc, "二级分值", format!("indicators.{i}.{j}.weight"), move |p| group_at(p, i, j).map(|g| g.weight.0.clone()), move |p, v| if let Some(g) = p.indicators.get_mut(i).and_then(|l| l.groups.get_mut(j)) { g.weight.0 = v })}
            <p class="subtotal">{subtotal}</p>
            <button type="button" class="small" on:click=add>"添加指标"</button>
            <button type="button" class="small danger" on:click=move |_| doc.write(|p| if let Some(l) = p.indicators.get_mut(i) && j < l.groups.len() { l.groups.remove(j); })>"删除二级指标"</button>
        </div>
    }
}

/// Group rows are keyed by position, so their inputs follow the document
/// (there are few of them; setting an unchanged value keeps the caret).
fn controlled(
    doc: Doc,
    label: &'static str,
    path: String,
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
    path: String,
    get: GetText,
    set: SetText,
) -> AnyView {
    let id = field_dom_id(&path);
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
    positions: Memo<HashMap<u64, (TreePath, IndicatorKind)>>,
    scores: PerRow<(String, String)>,
    findings: PerRow<Vec<FieldFinding>>,
) -> impl IntoView {
    let layout = Memo::new(move |_| positions.with(|m| m.get(&id).copied()));
    let at = move || layout.get().map(|(at, _)| at);
    let kind = Signal::derive(move || layout.get().map(|(_, kind)| kind).unwrap_or_default());
    let row_findings = findings.row(id);
    let message_of = move |field_name: &'static str| {
        Memo::new(move |_| {
            row_findings.with(|list| {
                list.iter()
                    .filter(|(f, _, _)| f == field_name)
                    .min_by_key(|(_, severity, _)| severity_rank(*severity))
                    .map(|(_, severity, text)| (*severity, text.clone()))
            })
        })
    };
    let path_of = move |field: &'static str| {
        move || {
            at().map(|(i, j, k)| format!("indicators.{i}.{j}.{k}.{field}"))
                .unwrap_or_default()
        }
    };
    let text = move |label: &'static str,
                     field_name: &'static str,
                     input: Input,
                     get: fn(&Indicator) -> String,
                     set: fn(&mut Indicator, String)| {
        field_with_message(
            doc,
            label,
            path_of(field_name),
            message_of(field_name),
            input,
            move |p| find(p, id).map(get).unwrap_or_default(),
            move |p, v| {
                if let Some(ind) = find_mut(p, id) {
                    set(ind, v);
                }
            },
        )
    };
    let score = scores.row(id);
    let explain_id = format!("explain-{id}");

    let kind_select = {
        let select_id = path_of("kind");
        let options = KINDS
            .iter()
            .map(|(value, key, label)| {
                let value = *value;
                view! { <option value=*key selected=move || kind.get() == value>{*label}</option> }
            })
            .collect_view();
        view! {
            <div class="field compact">
                <label for=move || field_dom_id(&select_id())>"指标性质"</label>
                <select id={let s = path_of("kind"); move || field_dom_id(&s())} on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some((value, _, _)) = KINDS.iter().find(|(_, key, _)| *key == chosen) {
                        let value = *value;
                        doc.write(move |p| if let Some(ind) = find_mut(p, id) { ind.kind = value });
                    }
                }>{options}</select>
            </div>
        }
    };

    let actual_cell = move || {
        if kind.get() == IndicatorKind::Qualitative {
            let grade = move || {
                doc.with(|p| find(p, id).and_then(|ind| ind.qualitative_grade))
                    .flatten()
            };
            let options = GRADES
                .iter()
                .map(|(value, key)| {
                    let value = *value;
                    view! { <option value=*key selected=move || grade() == Some(value)>{qualitative_grade_label(value)}</option> }
                })
                .collect_view();
            let grade_path = path_of("qualitative_grade");
            let grade_id = move || field_dom_id(&grade_path());
            view! {
                <div class="field compact">
                    <label for=grade_id>"实际完成值"</label>
                    <select id=grade_id on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        let value = GRADES.iter().find(|(_, key)| *key == chosen).map(|(v, _)| *v);
                        doc.write(move |p| if let Some(ind) = find_mut(p, id) { ind.qualitative_grade = value });
                    }>
                        <option value="" selected=move || grade().is_none()>"（选择）"</option>
                        {options}
                    </select>
                </div>
                {text("定性得分", "qualitative_score", Input::Line, |ind| ind.qualitative_score.0.clone(), |ind, v| ind.qualitative_score.0 = v)}
            }
            .into_any()
        } else {
            text(
                "实际完成值",
                "actual",
                Input::Line,
                |ind| ind.actual.0.clone(),
                |ind, v| ind.actual.0 = v,
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
        let Some((i, j, k)) = layout.get_untracked().map(|(at, _)| at) else {
            return;
        };
        let mut new_id = None;
        doc.write(|p| new_id = insert_blank(p, i, j, Some(k + 1)));
        if new_id.is_some() {
            focus_later(field_dom_id(&format!("indicators.{i}.{j}.{}.name", k + 1)));
        }
    };

    view! {
        <div class="row-indicator" role="listitem" data-indicator=id.to_string()>
            {text("三级指标", "name", Input::Line, |ind| ind.name.clone(), |ind, v| ind.name = v)}
            {kind_select}
            {text("年度指标值", "target", Input::Line, |ind| ind.target.0.clone(), |ind, v| ind.target.0 = v)}
            {text("计量单位", "unit", Input::Line, |ind| ind.unit.clone(), |ind, v| ind.unit = v)}
            <div class="actual-cell">{actual_cell}</div>
            {text("分值", "weight", Input::Line, |ind| ind.weight.0.clone(), |ind, v| ind.weight.0 = v)}
            <div class="field compact score-cell">
                <span class="label-like" id=format!("score-label-{id}")>"得分"</span>
                <output class="score" tabindex="0" aria-labelledby=format!("score-label-{id}") aria-describedby=explain_id.clone()
                    data-score-for=id.to_string()>{move || score.with(|(s, _)| s.clone())}</output>
                <span class="explain" role="tooltip" id=explain_id>{move || score.with(|(_, e)| e.clone())}</span>
            </div>
            <div class="reason-cell" on:keydown=on_reason_key>
                {text("偏差原因分析及改进措施", "deviation_reason", Input::Area, |ind| ind.deviation_reason.clone(), |ind, v| ind.deviation_reason = v)}
            </div>
            <div class="row-actions">
                <button type="button" class="small" on:click=move |_| doc.write(|p| move_within_group(p, id, true))>"上移"</button>
                <button type="button" class="small" on:click=move |_| doc.write(|p| move_within_group(p, id, false))>"下移"</button>
                <button type="button" class="small danger" on:click=move |_| doc.write(|p| {
                    for group in p.indicators.iter_mut().flat_map(|l1| l1.groups.iter_mut()) {
                        group.indicators.retain(|ind| ind.id != id);
                    }
                })>"删除"</button>
            </div>
        </div>
    }
}
