//! 评分规则: pick a preset; the project keeps its own copy, which can be edited.

use leptos::prelude::*;

use super::doc::Doc;
use crate::model::number::{format_score, parse_number};
use crate::model::rules::{ExecutionScoring, presets};

#[component]
pub fn RulePicker(doc: Doc) -> impl IntoView {
    let current_id = move || doc.with(|p| p.rules.id.clone()).unwrap_or_default();
    let options = presets()
        .into_iter()
        .map(|preset| {
            let id = preset.id.clone();
            view! { <option value=id.clone() selected=move || current_id() == id>{preset.name}</option> }
        })
        .collect_view();
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(preset) = presets().into_iter().find(|p| p.id == id) {
            doc.write(move |p| p.rules = preset);
        }
    };
    let source = move || doc.with(|p| p.rules.source.clone()).unwrap_or_default();
    let weights = move || {
        doc.with(|p| {
            let mut rows = vec![("预算执行率".to_string(), format_score(p.rules.execution_weight))];
            rows.extend(p.rules.level1_weights.iter().map(|w| {
                (w.name.clone(), w.weight.map(format_score).unwrap_or_else(|| "由单位设定".to_string()))
            }));
            rows.into_iter()
                .map(|(name, weight)| view! { <tr><th scope="row">{name}</th><td class="num">{weight}</td></tr> })
                .collect_view()
        })
    };
    let scoring = move || {
        doc.with(|p| match p.rules.execution_scoring {
            ExecutionScoring::Proportional => "执行率得分：分值 × 执行率（不超过 100%）",
            ExecutionScoring::Banded(_) => "执行率得分：分档计分（100% 满分；80%–100% 得 70%；60%–80% 得 50%；低于 60% 不得分）",
        })
        .unwrap_or_default()
    };
    // Editing the copy: the execution weight is the figure units most often change.
    let weight_text = RwSignal::new(
        doc.with_untracked(|p| format_score(p.rules.execution_weight))
            .unwrap_or_default(),
    );
    let weight_error = RwSignal::new(None::<String>);
    let edit_weight = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        weight_text.set(raw.clone());
        match parse_number(&raw) {
            Ok(Some(n)) if (0.0..=100.0).contains(&n.value) => {
                weight_error.set(None);
                doc.write(move |p| p.rules.execution_weight = n.value);
            }
            Ok(_) => weight_error.set(Some("请输入 0 到 100 之间的分值".to_string())),
            Err(err) => weight_error.set(Some(err.message())),
        }
    };
    view! {
        <section class="card" aria-labelledby="sec-rules">
            <h2 id="sec-rules">"评分规则"</h2>
            <div class="field">
                <label for="rules-preset">"评分规则"</label>
                <select id="rules-preset" on:change=choose>{options}</select>
            </div>
            <p class="hint">{source}</p>
            <p class="hint">{scoring}</p>
            <table class="weights">
                <thead><tr><th scope="col">"一级指标"</th><th scope="col">"分值"</th></tr></thead>
                <tbody>{weights}</tbody>
            </table>
            <div class="field">
                <label for="rules-execution-weight">"预算执行率分值"</label>
                <input type="text" id="rules-execution-weight" prop:value=move || weight_text.get() on:input=edit_weight aria-describedby="rules-execution-weight-msg"/>
                <p class="field-msg sev-error" id="rules-execution-weight-msg">{move || weight_error.get()}</p>
            </div>
        </section>
    }
}
