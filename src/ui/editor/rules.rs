//! 评分规则: pick a preset; the project keeps its own copy, which can be
//! edited (the copy is then marked as changed, and other projects keep theirs).

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::browser::download::download_text;
use crate::browser::upload::read_chosen_files;
use crate::ui::doc::Doc;
use jixiao_core::formats::json::schema::{
    MAX_RULE_FILE_BYTES, load_review_rules_json, load_rule_set_json, review_rules_to_json,
    rule_set_to_json,
};
use jixiao_core::formats::safe_file_name;
use jixiao_core::number::format_score;
use jixiao_core::rules::{
    CapBand, ExecutionScoring, InverseFormula, OverBudget, QuantitativeScoring, Rounding, RuleSet,
    SatisfactionScoring, parse_rule_weight, presets,
};
use jixiao_core::versions::Reason;

/// Changes the project's own copy of the rule set (marked as edited).
fn edit_rules(doc: Doc, change: impl FnOnce(&mut RuleSet) + 'static) {
    doc.write(move |p| p.edit_rules(change));
}

/// One labelled weight input over the rule copy; keeps its text while invalid.
fn weight_input(
    doc: Doc,
    id: String,
    label: String,
    initial: String,
    blank_ok: bool,
    apply: impl Fn(&mut RuleSet, Option<f64>) + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let message_id = format!("{id}-msg");
    view! {
        <div class="field compact">
            <label for=id.clone()>{label}</label>
            <input type="text" id=id value=initial aria-describedby=message_id.clone()
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:input=move |ev| {
                    let raw = event_target_value(&ev);
                    match parse_rule_weight(&raw, blank_ok) {
                        Ok(value) => {
                            error.set(None);
                            let apply = apply.clone();
                            edit_rules(doc, move |rules| apply(rules, value));
                        }
                        Err(message) => error.set(Some(message)),
                    }
                }/>
            <p class="field-msg sev-error" id=message_id>{move || error.get()}</p>
        </div>
    }
}

/// A rule that is one of two ways: a labelled select whose options are
/// (value, label) pairs; `set` writes whether the second was chosen.
fn two_way_select(
    doc: Doc,
    id: &'static str,
    label: &'static str,
    first: (&'static str, &'static str),
    second: (&'static str, &'static str),
    is_second: bool,
    set: fn(&mut RuleSet, bool),
) -> impl IntoView {
    view! {
        <div class="field compact">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| {
                let chose_second = event_target_value(&ev) == second.0;
                edit_rules(doc, move |r| set(r, chose_second));
            }>
                <option value=first.0 selected=!is_second>{first.1}</option>
                <option value=second.0 selected=is_second>{second.1}</option>
            </select>
        </div>
    }
}

#[component]
pub fn RulePicker(doc: Doc) -> impl IntoView {
    let current_id = Memo::new(move |_| doc.with(|p| p.rules.id.clone()).unwrap_or_default());
    let options = presets()
        .into_iter()
        .map(|preset| {
            let id = preset.id.clone();
            view! { <option value=id.clone() selected=move || current_id.get() == id>{preset.name}</option> }
        })
        .collect_view();
    let choose = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(preset) = presets().into_iter().find(|p| p.id == id) {
            doc.write_kept(Reason::Rules, move |p| p.choose_rules(preset));
        }
    };
    let name = move || doc.with(|p| p.rules.name.clone()).unwrap_or_default();
    let source = move || doc.with(|p| p.rules.source.clone()).unwrap_or_default();

    // Re-created when another preset is chosen, so the inputs show its figures.
    let editors = move || {
        let _ = current_id.get();
        let rules = doc.with_untracked(|p| p.rules.clone()).unwrap_or_default();
        let level1 = rules
            .level1_weights
            .iter()
            .enumerate()
            .map(|(n, w)| {
                weight_input(
                    doc,
                    format!("rules-level1-{n}"),
                    format!("{}原则分值", w.name),
                    w.weight.map(format_score).unwrap_or_default(),
                    true,
                    move |rules, value| {
                        if let Some(slot) = rules.level1_weights.get_mut(n) {
                            slot.weight = value;
                        }
                    },
                )
            })
            .collect_view();
        let banded = matches!(rules.execution_scoring, ExecutionScoring::Banded(_));
        let capped = rules.total_cap.is_some();
        let ratio = rules.inverse_formula == InverseFormula::Ratio;
        let pass_mark = matches!(
            rules.quantitative_scoring,
            QuantitativeScoring::PassMark { .. }
        );
        let satisfaction_banded =
            matches!(rules.satisfaction_scoring, SatisfactionScoring::Banded(_));
        view! {
            <div class="rule-editors">
                {weight_input(doc, "rules-execution-weight".into(), "预算执行率分值".into(), format_score(rules.execution_weight), false,
                    |rules, value| rules.execution_weight = value.unwrap_or(0.0))}
                {level1}
            </div>
            // The project's own 一级 weights live in the grid's 一级 cells; these
            // are the rule's, which the framework fills in and the 体检 compares.
            <p class="hint">"本项目的一级指标分值在上方绩效指标表的一级单元格中填写；此处是规则的原则分值："
                "使用共性指标框架时填入，体检据此提示不一致。留空表示由单位自行设定。"</p>
            <div class="rule-editors">
                {two_way_select(doc, "rules-execution-scoring", "执行率计分方式",
                    ("proportional", "分值 × 执行率（10号）"), ("banded", "分档计分（101号/江西）"), banded,
                    |r, banded| r.execution_scoring = if banded { ExecutionScoring::banded_101() } else { ExecutionScoring::Proportional })}
                {two_way_select(doc, "rules-quantitative", "定量指标未达目标时",
                    ("proportional", "分值 × 完成率（10号）"),
                    ("pass-mark", "完成率低于 60% 不得分，其上 (完成率 − 60%) ÷ 40% × 分值（101号）"), pass_mark,
                    |r, pass_mark| r.quantitative_scoring = if pass_mark { QuantitativeScoring::PASS_MARK_101 } else { QuantitativeScoring::Proportional })}
                {two_way_select(doc, "rules-inverse", "反向指标计分公式",
                    ("linear", "分值 × (1 − 超出 ÷ 目标)"), ("ratio", "分值 × 目标 ÷ 实际"), ratio,
                    |r, ratio| r.inverse_formula = if ratio { InverseFormula::Ratio } else { InverseFormula::Linear })}
                {two_way_select(doc, "rules-satisfaction", "满意度计分方式",
                    ("proportional", "按目标值比例"), ("banded", "分档计分（101号）"), satisfaction_banded,
                    |r, banded| r.satisfaction_scoring = if banded { SatisfactionScoring::banded_101() } else { SatisfactionScoring::Proportional })}
                <div class="field compact">
                    <label for="rules-over-budget">"超预算的执行率"</label>
                    <select id="rules-over-budget" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(rule) = OverBudget::ALL.into_iter().find(|r| format!("{r:?}") == chosen) {
                            edit_rules(doc, move |r| r.over_budget = rule);
                        }
                    }>
                        {OverBudget::ALL.map(|rule| view! {
                            <option value=format!("{rule:?}") selected=rules.over_budget == rule>{rule.label()}</option>
                        }).into_iter().collect_view()}
                    </select>
                </div>
                <div class="field compact">
                    <label for="rules-rounding">"得分取舍"</label>
                    <select id="rules-rounding" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        if let Some(rule) = Rounding::ALL.into_iter().find(|r| format!("{r:?}") == chosen) {
                            edit_rules(doc, move |r| r.rounding = rule);
                        }
                    }>
                        {Rounding::ALL.map(|rule| view! {
                            <option value=format!("{rule:?}") selected=rules.rounding == rule>{rule.label()}</option>
                        }).into_iter().collect_view()}
                    </select>
                </div>
                <div class="check">
                    <input type="checkbox" id="rules-cap" checked=capped on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit_rules(doc, move |r| r.total_cap = on.then(CapBand::manual_bands));
                    }/>
                    <label for="rules-cap">"执行率偏低时总分封顶（70%–80% ≤ 89 分；60%–70% ≤ 79 分；50%–60% ≤ 69 分；< 50% ≤ 59 分）"</label>
                </div>
            </div>
        }
    };

    view! {
        <section class="card" aria-labelledby="sec-rules">
            <h2 id="sec-rules">"评分规则"</h2>
            <div class="field">
                <label for="f-rules">"评分规则"</label>
                <select id="f-rules" on:change=choose
                    // A document replaced in place (restore, undo) keeps this
                    // element: the `selected` attributes no longer move a
                    // select the user has changed, its value does.
                    prop:value=move || {
                        let id = current_id.get();
                        if presets().iter().any(|r| r.id == id) { id } else { String::new() }
                    }>
                    {options}
                    <option value="" disabled=true selected=move || !presets().iter().any(|r| r.id == current_id.get())>{name}</option>
                </select>
            </div>
            <p class="hint">{source}</p>
            {editors}
            <RuleFiles doc=doc/>
            <ReviewFiles doc=doc/>
        </section>
    }
}

/// The file chosen in a rule-file input, read by `load`; the error says
/// which file and why, in the words of the kind of file (`what`). `None`
/// when no file was chosen.
async fn read_rule_file<T, E: std::fmt::Display>(
    ev: &leptos::ev::Event,
    what: &str,
    load: impl FnOnce(&str) -> Result<T, E>,
) -> Option<Result<T, String>> {
    let file = read_chosen_files(ev, MAX_RULE_FILE_BYTES).await.pop()?;
    Some(file.and_then(|file| match file.text {
        None => Err(format!("“{}”超过 1 MB，不是{what}文件", file.name)),
        Some(text) => load(&text).map_err(|err| format!("“{}”未导入：{err}", file.name)),
    }))
}

/// A region's rules as a file: export this project's, or use one a
/// colleague or the finance bureau sent.
#[component]
fn RuleFiles(doc: Doc) -> impl IntoView {
    let notice = RwSignal::new(None::<(bool, String)>);
    let export = move |_| {
        if let Some(rules) = doc.with_untracked(|p| p.rules.clone()) {
            let name = safe_file_name(&format!("评分规则-{}", rules.name), "json");
            let _ = download_text(&name, "application/json", &rule_set_to_json(&rules));
        }
    };
    let import = move |ev: leptos::ev::Event| {
        notice.set(None);
        spawn_local(async move {
            let Some(result) = read_rule_file(&ev, "评分规则", load_rule_set_json).await else {
                return;
            };
            match result {
                Ok(rules) => {
                    let name = rules.name.clone();
                    doc.write_kept(Reason::Rules, move |p| p.choose_rules(rules));
                    notice.set(Some((true, format!("已使用评分规则“{name}”。"))));
                }
                Err(message) => notice.set(Some((false, message))),
            }
        });
    };
    view! {
        <div class="toolbar">
            <button type="button" on:click=export>"导出评分规则"</button>
            <label for="rules-import" class="file-label">"导入评分规则（JSON）"</label>
            <input type="file" id="rules-import" accept=".json,application/json" on:change=import/>
        </div>
        {move || notice.get().map(|(ok, text)| view! {
            <p class=if ok { "import-notice" } else { "import-errors" } role="status" id="rules-import-msg">{text}</p>
        })}
    }
}

/// The 审核口径 of the target review as a file: a finance bureau exports
/// its own, the units it reviews import it. A file with a bad pattern is
/// refused whole, with the pattern and the reason.
#[component]
fn ReviewFiles(doc: Doc) -> impl IntoView {
    let notice = RwSignal::new(None::<(bool, String)>);
    let current = move || {
        doc.with(|p| format!("目标审核按“{}”的审核口径。", p.rules.review.name))
            .unwrap_or_default()
    };
    let export = move |_| {
        if let Some(review) = doc.with_untracked(|p| p.rules.review.clone()) {
            let name = safe_file_name(&format!("审核口径-{}", review.name), "json");
            let _ = download_text(&name, "application/json", &review_rules_to_json(&review));
        }
    };
    let import = move |ev: leptos::ev::Event| {
        notice.set(None);
        spawn_local(async move {
            let Some(result) = read_rule_file(&ev, "审核口径", load_review_rules_json).await
            else {
                return;
            };
            match result {
                Ok(review) => {
                    let name = review.name.clone();
                    doc.write_kept(Reason::Rules, move |p| p.set_review_rules(review));
                    notice.set(Some((true, format!("已使用审核口径“{name}”。"))));
                }
                Err(message) => notice.set(Some((false, message))),
            }
        });
    };
    view! {
        <p class="hint" id="review-rules-current">{current}</p>
        <div class="toolbar">
            <button type="button" id="review-export" on:click=export>"导出审核口径"</button>
            <label for="review-import" class="file-label">"导入审核口径（JSON）"</label>
            <input type="file" id="review-import" accept=".json,application/json" on:change=import/>
        </div>
        {move || notice.get().map(|(ok, text)| view! {
            <p class=if ok { "import-notice" } else { "import-errors" } role="status" id="review-import-msg">{text}</p>
        })}
    }
}
