//! The live score panel: 总分, 等级, 执行率, 一级 subtotals and the 体检 list.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser::route::Route;
use crate::ui::charts::horizontal_bars;
use crate::ui::checkup::{FilterControls, RuleCatalogue, export_findings, rule_tag, shown_of};
use crate::ui::cycle::monitor_dom_id;
use crate::ui::doc::{Doc, save_status_line, severity_class, severity_mark};
use crate::ui::report::paragraph_dom_id;
use crate::ui::transfer::export_projects;
use crate::ui::{SaveStatus, navigate};
use jixiao_core::charts::level1_rates;
use jixiao_core::finding::FindingCounts;
use jixiao_core::number::{format_percent, format_score};
use jixiao_core::path::FieldPath;

#[component]
pub fn ScorePanel(doc: Doc) -> impl IntoView {
    // A project being typed in is not yet a result: no 0.00 差 in red.
    let draft = Memo::new(move |_| doc.with(|p| p.is_draft()).unwrap_or(true));
    let total = move || {
        if draft.get() {
            return "—".to_string();
        }
        doc.evaluation.with(|e| {
            e.as_ref()
                .map(|e| format_score(e.total))
                .unwrap_or_default()
        })
    };
    let grade = move || {
        if draft.get() {
            return "草稿";
        }
        doc.evaluation
            .with(|e| e.as_ref().map(|e| e.grade_label()).unwrap_or_default())
    };
    let rate = move || {
        doc.evaluation
            .with(|e| {
                e.as_ref()
                    .and_then(|e| e.execution.rate)
                    .map(format_percent)
            })
            .unwrap_or_else(|| "—".to_string())
    };
    let cap = move || doc.evaluation.with(|e| e.as_ref().and_then(|e| e.cap));
    // 预算执行率 is a line like the 一级, so a rule change shows where it lands.
    let subtotals = move || {
        doc.evaluation.with(|e| {
            let Some(e) = e.as_ref() else {
                return Vec::new();
            };
            let execution = (e.execution.weight > 0.0).then(|| {
                view! {
                    <tr class="execution-line">
                        <th scope="row">"预算执行率"</th>
                        <td class="num">{format_score(e.execution.score)} " / " {format_score(e.execution.weight)}</td>
                    </tr>
                }
                .into_any()
            });
            execution
                .into_iter()
                .chain(e.level1.iter().map(|g| {
                    view! {
                        <tr>
                            <th scope="row">{g.name.clone()}</th>
                            <td class="num">{format_score(g.score)} " / " {format_score(g.weight)}</td>
                        </tr>
                    }
                    .into_any()
                }))
                .collect::<Vec<_>>()
        })
    };
    // The same 得分率 chart the overview draws for a project.
    let rates_chart = move || {
        let rates: Vec<(String, f64)> = doc.evaluation.with(|e| {
            e.iter()
                .flat_map(|e| e.level1.iter())
                .filter_map(|g| Some((g.name.clone(), g.rate()?)))
                .collect()
        });
        (!rates.is_empty()).then(|| horizontal_bars(level1_rates(&rates), "一级指标得分率"))
    };
    let filter = doc.state.checkup_filter;
    let findings = Memo::new(move |_| {
        let filter = filter.get();
        let mut list = doc.findings.get();
        list.retain(|f| filter.keeps(f));
        jixiao_core::sorting::sort_by_key(&mut list, |f| f.severity);
        list
    });
    let counts = move || {
        let c = doc.findings.with(|list| FindingCounts::of(list));
        format!("错误 {} · 警告 {} · 提示 {}", c.errors, c.warnings, c.hints)
    };
    let shown = move || {
        let all = doc.findings.with(Vec::len);
        findings.with(|list| shown_of(list.len(), all))
    };

    view! {
        <aside class="score-panel" aria-label="实时得分">
            <div class="score-head">
                <p class="total"><span class="k">"总分"</span> <strong id="total-score">{total}</strong><span id="f-total" tabindex="-1"></span></p>
                <p class="grade"><span class="k">"等级"</span> <strong id="grade" class:draft=move || draft.get()>{grade}</strong></p>
                {move || draft.get().then(|| view! {
                    <p class="draft-note" id="draft-note">"草稿：填好项目名称、全年预算数和至少一个三级指标后开始评分。"</p>
                })}
                {move || (!draft.get()).then(|| doc.evaluation.with(|e| e.as_ref().and_then(|e| e.ungraded_reason()))).flatten().map(|reason| view! {
                    <p class="ungraded" id="ungraded-reason">{reason}</p>
                })}
                <p class="rate"><span class="k">"执行率"</span> <span id="panel-rate">{rate}</span></p>
                {move || (cap().is_some()).then(|| view! {
                    <p class="cap">{move || cap().map(|c| format!("执行率偏低，总分封顶 {}", format_score(c)))}</p>
                })}
            </div>
            {save_status_line(doc.state)}
            // When saving fails the document is only in this page: offer the way out at once.
            {move || (matches!(doc.state.save_status.get(), SaveStatus::Failed(_))).then(|| view! {
                <button type="button" class="export-now" on:click=move |_| {
                    if let Some(project) = doc.with_untracked(Clone::clone) {
                        let _ = export_projects(std::slice::from_ref(&project), &project.name);
                    }
                }>"导出 JSON"</button>
            })}
            <table class="subtotals">
                <caption>"一级指标得分"</caption>
                <tbody>{subtotals}</tbody>
            </table>
            {rates_chart}
            <h2 class="checks-title">"体检" <span class="counts">{counts}</span></h2>
            <FilterControls filter=filter prefix="findings"/>
            <p class="findings-shown" role="status">{shown}</p>
            <ul class="findings">
                // A plain list, not <For>: the memo changes only when a
                // finding does, redrawing a few dozen items is quick, and a
                // keyed list costs kilobytes of wasm.
                {move || findings.get().into_iter().map(|finding| {
                    let path = finding.path.clone();
                    let class = format!("finding {}", severity_class(finding.severity));
                    // A fix the 体检 offers (95% for a rate typed 0.95): one click, never automatic.
                    let fix = finding.fix.clone().map(|text| {
                        let target = path.clone();
                        let typed = doc.with_untracked(|p| p.text_at(&target)).flatten().unwrap_or_default();
                        let label = format!("把“{}”改为“{text}”", typed.trim());
                        view! {
                            <button type="button" class="small fix" on:click=move |_| {
                                let (target, text) = (target.clone(), text.clone());
                                doc.write_redrawn(None, move |p| { p.set_text(&target, text); });
                            }>{label}</button>
                        }
                    });
                    view! {
                        <li class=class>
                            <button type="button" class="link" on:click=move |_| go_to_field(doc, &path)>
                                {severity_mark(finding.severity)}
                                <span class="sev">{finding.severity.label()}</span>
                                {finding.message.clone()}
                            </button>
                            {rule_tag(finding.rule)}
                            {fix}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" class="small" on:click=move |_| findings.with_untracked(|list| export_findings(doc, list))>"导出体检（CSV）"</button>
            <RuleCatalogue filter=filter/>
        </aside>
    }
}

/// Focuses the field a finding points at; a finding about an edited report
/// paragraph opens the report there, one about the 运行监控 form its page.
fn go_to_field(doc: Doc, path: &FieldPath) {
    match path {
        FieldPath::Report(paragraph) => {
            let target = paragraph_dom_id(paragraph);
            navigate(&Route::Report(Some(doc.id())));
            // The report renders on the hash change, after this handler.
            focus_when_present(target, 20);
        }
        FieldPath::Monitoring(field) => {
            navigate(&Route::Cycle(Some(doc.id())));
            focus_when_present(monitor_dom_id(*field), 20);
        }
        _ => focus_field(&path.dom_id()),
    }
}

/// Retries every 50 ms while the element is not rendered yet.
fn focus_when_present(dom_id: String, tries: u32) {
    if document().get_element_by_id(&dom_id).is_some() {
        focus_field(&dom_id);
    } else if tries > 0 {
        set_timeout(
            move || focus_when_present(dom_id, tries - 1),
            std::time::Duration::from_millis(50),
        );
    }
}

fn focus_field(dom_id: &str) {
    let Some(element) = document().get_element_by_id(dom_id) else {
        return;
    };
    // The middle of the screen, so the message under the field shows too.
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}
