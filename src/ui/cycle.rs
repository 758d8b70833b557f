//! 目标与监控: the year before the self-evaluation. 运行监控 at a cut-off
//! date with its lights, 目标调整 with their history, and the 目标表 and
//! 监控表 to print or export. Reads the document, `monitor::assess` and the
//! 体检's findings at the form's fields; writes through the document's own
//! methods (`cycle`, `edit`).

use leptos::prelude::*;

use super::doc::{Doc, severity_class};
use super::focus_by_id;
use super::report::render_tables;
use crate::browser::download::download_bytes;
use crate::browser::print::print_page;
use jixiao_core::cycle::{AdjustmentField, AdjustmentRequest};
use jixiao_core::finding::Severity;
use jixiao_core::formats::xlsx::{self, monitoring_xlsx, targets_xlsx};
use jixiao_core::formats::{docx, project_file_name};
use jixiao_core::monitor::{self, Light, MonitorField, MonitoringStatus};
use jixiao_core::number::{format_percent, parse_number};
use jixiao_core::path::FieldPath;
use jixiao_core::project::{DEVIATION_CAUSES, Likelihood, Project};
use jixiao_core::report::{Document, monitoring_document, targets_document};

#[component]
pub fn Cycle(id: String) -> impl IntoView {
    let state = expect_context::<super::AppState>();
    let doc = Doc::new(state, id);
    on_cleanup(move || doc.flush());
    let status = Memo::new(move |_| doc.with(monitor::assess).flatten());
    view! {
        <p class="hint no-print">{move || doc.with(|p| format!("{}（{} 年度）", p.name.trim(), p.year.trim())).unwrap_or_default()}
            "　阶段：" <strong id="cycle-stage">{move || doc.with(|p| monitor::stage(p).label()).unwrap_or_default()}</strong></p>
        <MonitoringCard doc=doc status=status/>
        <AdjustmentsCard doc=doc/>
        <TablesCard doc=doc/>
    }
}

/// A light as a coloured badge with its word (colour is never the only sign).
fn badge(light: Option<Light>) -> impl IntoView {
    let class = format!("light {}", light.map_or("light-none", Light::class));
    view! { <span class=class>{monitor::light_label(light)}</span> }
}

/// The id of a monitoring field's element on the 目标与监控 page (`mon-…`,
/// not the editor's `f-…`: the page is not the editor), for the 体检 to go to.
pub fn monitor_dom_id(field: MonitorField) -> String {
    match field {
        MonitorField::Cutoff => "mon-cutoff".to_string(),
        MonitorField::Executed => "mon-executed".to_string(),
        MonitorField::Forecast => "mon-forecast".to_string(),
        MonitorField::Progress(id) => format!("mon-{id}-progress"),
        MonitorField::IndicatorForecast(id) => format!("mon-{id}-forecast"),
        MonitorField::Cause(id) => format!("mon-{id}-cause"),
        MonitorField::Likelihood(id) => format!("mon-{id}-likelihood"),
        MonitorField::Remedy(id) => format!("mon-{id}-remedy"),
    }
}

/// A labelled text input writing one monitoring field; the message under it
/// is the 体检's finding at the field (a cut-off or a figure that cannot be
/// read), the text stays as typed.
fn monitor_input(
    doc: Doc,
    label: String,
    field: MonitorField,
    kind: &'static str,
) -> impl IntoView {
    let dom_id = monitor_dom_id(field);
    let initial = doc
        .with_untracked(|p| p.monitoring_text(field))
        .unwrap_or_default();
    let message_id = format!("{dom_id}-msg");
    // A row's fields share their labels; the row's 三级指标 says which row.
    let described = match field.indicator() {
        Some(id) => format!("mon-{id}-name {message_id}"),
        None => message_id.clone(),
    };
    let message = doc.message(move || FieldPath::Monitoring(field));
    let class = move || {
        let severity = message.with(|m| m.as_ref().map(|(s, _)| *s));
        format!("field-msg {}", severity.map_or("", severity_class))
    };
    view! {
        <div class="field compact">
            <label for=dom_id.clone()>{label}</label>
            <input type=kind id=dom_id value=initial aria-describedby=described
                aria-invalid=move || if message.with(|m| matches!(m, Some((Severity::Error, _)))) { "true" } else { "false" }
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let path = FieldPath::Monitoring(field);
                    doc.write_field(&path, move |p| p.set_monitoring(field, text));
                }/>
            <p class=class id=message_id>{move || message.with(|m| m.as_ref().map(|(_, text)| text.clone()))}</p>
        </div>
    }
}

/// A threshold of the lights, kept in the rule set like the scoring rules.
fn threshold_input(doc: Doc, red: bool, initial: f64) -> impl IntoView {
    let id = if red { "monitor-red" } else { "monitor-yellow" };
    let label = if red {
        "红灯：落后时间进度（百分点）"
    } else {
        "黄灯：落后时间进度（百分点）"
    };
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="field compact">
            <label for=id>{label}</label>
            <input type="text" id=id value=jixiao_core::number::format_value(initial) aria-describedby=format!("{id}-msg")
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                on:input=move |ev| match parse_number(&event_target_value(&ev)) {
                    Ok(Some(n)) => {
                        let mut outcome = Ok(());
                        doc.write_typing(id, |p| outcome = p.set_light_threshold(red, n.value));
                        error.set(outcome.err());
                    }
                    Ok(None) => error.set(Some("请输入百分点".into())),
                    Err(e) => error.set(Some(e.message())),
                }/>
            <p class="field-msg sev-error" id=format!("{id}-msg")>{move || error.get()}</p>
        </div>
    }
}

/// One indicator row of the monitoring form, as it was when the form opened.
struct Row {
    id: u64,
    name: String,
    cause: String,
    likelihood: String,
}

fn rows_of(p: &Project) -> Vec<Row> {
    p.indicators_in_order()
        .map(|(_, ind)| Row {
            id: ind.id,
            name: ind.name.trim().to_string(),
            cause: p.monitoring_text(MonitorField::Cause(ind.id)),
            likelihood: p.monitoring_text(MonitorField::Likelihood(ind.id)),
        })
        .collect()
}

#[component]
fn MonitoringCard(doc: Doc, status: Memo<Option<MonitoringStatus>>) -> impl IntoView {
    let monitored = move || doc.with(|p| p.monitoring.is_some()).unwrap_or(false);
    let summary = move || {
        status.with(|s| {
            let s = s.as_ref()?;
            let percent = |v: Option<f64>| v.map_or("—".to_string(), format_percent);
            Some(format!(
                "时间进度 {}，执行进度 {}；资金预警：{}。可能无法完成目标的指标 {} 项。",
                percent(s.time),
                percent(s.execution),
                s.funds_light.map_or("未判断", Light::label),
                s.lagging().len()
            ))
        })
    };
    let form = move || {
        let (rows, rules) = doc
            .with_untracked(|p| (rows_of(p), p.rules.monitoring.clone()))
            .unwrap_or_default();
        let unit = doc
            .with_untracked(|p| p.money_unit.label())
            .unwrap_or("万元");
        let body = rows
            .into_iter()
            .map(|row| {
                let id = row.id;
                let target = move || {
                    doc.with(|p| p.indicator(id).map(|i| format!("{}{}", i.target.as_str().trim(), i.unit.trim())))
                        .flatten()
                        .unwrap_or_default()
                };
                let light = move || status.with(|s| s.as_ref().and_then(|s| s.of(id)).map(|x| (x.light, x.why())));
                let causes = DEVIATION_CAUSES
                    .iter()
                    .map(|c| view! { <option value=*c selected=row.cause == *c>{*c}</option> })
                    .collect_view();
                let likelihoods = Likelihood::ALL
                    .iter()
                    .map(|l| view! { <option value=l.key() selected=row.likelihood == l.key()>{l.label()}</option> })
                    .collect_view();
                let select = move |field: MonitorField| {
                    move |ev: leptos::ev::Event| {
                        let text = event_target_value(&ev);
                        doc.write(move |p| p.set_monitoring(field, text));
                    }
                };
                view! {
                    <tr data-indicator=id>
                        <th scope="row"><span id=format!("mon-{id}-name")>{row.name.clone()}</span><br/><span class="hint">"年度指标值 "{target}</span></th>
                        <td>{monitor_input(doc, "截至目前完成情况".into(), MonitorField::Progress(id), "text")}</td>
                        <td>{monitor_input(doc, "全年预计完成值".into(), MonitorField::IndicatorForecast(id), "text")}</td>
                        <td><div class="field compact">
                            <label for=monitor_dom_id(MonitorField::Cause(id))>"偏差原因"</label>
                            <select id=monitor_dom_id(MonitorField::Cause(id)) aria-describedby=format!("mon-{id}-name") on:change=select(MonitorField::Cause(id))>
                                <option value="" selected=row.cause.is_empty()>"（无）"</option>
                                {causes}
                            </select>
                        </div></td>
                        <td><div class="field compact">
                            <label for=monitor_dom_id(MonitorField::Likelihood(id))>"完成目标可能性"</label>
                            <select id=monitor_dom_id(MonitorField::Likelihood(id)) aria-describedby=format!("mon-{id}-name") on:change=select(MonitorField::Likelihood(id))>
                                <option value="" selected=row.likelihood.is_empty()>"（未判断）"</option>
                                {likelihoods}
                            </select>
                        </div></td>
                        <td>{monitor_input(doc, "纠偏措施".into(), MonitorField::Remedy(id), "text")}</td>
                        <td class="mon-light" id=format!("mon-{id}-light")>{move || light().map(|(l, why)| view! { {badge(l)}<span class="hint">{why}</span> })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="rule-editors">
                {monitor_input(doc, "监控截止日期".into(), MonitorField::Cutoff, "date")}
                {monitor_input(doc, format!("截至监控日执行数（{unit}）"), MonitorField::Executed, "text")}
                {monitor_input(doc, format!("全年预计执行数（{unit}）"), MonitorField::Forecast, "text")}
                {threshold_input(doc, false, rules.yellow_behind)}
                {threshold_input(doc, true, rules.red_behind)}
            </div>
            <p class="monitor-summary" id="monitor-summary" aria-live="polite">
                "项目预警：" {move || badge(status.with(|s| s.as_ref().and_then(|s| s.light)))} " " {summary}
            </p>
            <div class="table-scroll">
                <table class="grid monitor-grid">
                    <thead><tr>
                        <th scope="col">"三级指标"</th><th scope="col">"截至目前完成情况"</th><th scope="col">"全年预计完成值"</th>
                        <th scope="col">"偏差原因"</th><th scope="col">"完成目标可能性"</th><th scope="col">"纠偏措施"</th><th scope="col">"预警"</th>
                    </tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <p class="hint">"预警规则为本项目评分规则的一部分：累计类指标的完成进度（截至目前完成值 ÷ 年度指标值）与时间进度比较；比率类指标与年度指标值比较；"
                "全年预计完成值达不到年度指标值或可能性为“完全不可能”为红灯，“有可能”为黄灯。未见全国统一的公开标准，请按本地办法修改。"</p>
        }
    };
    view! {
        <section class="card no-print" aria-labelledby="sec-monitor">
            <h2 id="sec-monitor">"运行监控"</h2>
            <Show when=monitored fallback=move || view! {
                <p class="hint">"年中（通常为 7 月 31 日）填报资金执行和各项指标的完成情况，系统按时间进度亮灯，提前发现可能完不成的指标。"</p>
                <button type="button" on:click=move |_| {
                    doc.write(Project::start_monitoring);
                    // The button gives way to the form: the keyboard goes on there.
                    focus_by_id(monitor_dom_id(MonitorField::Cutoff));
                }>"开始运行监控"</button>
            }>
                {form}
            </Show>
        </section>
    }
}

/// One recorded adjustment, keyed so that typing into it keeps its inputs.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Recorded {
    id: u64,
    n: usize,
    name: String,
    change: String,
    last: bool,
}

/// Today, when it falls in the project's year (an adjustment is recorded
/// as it happens); else blank, for the user to give the date of approval
/// rather than a date after the year, which the 体检 would flag.
fn today_in(year: Option<i32>) -> String {
    let now = js_sys::Date::new_0();
    if year.is_some_and(|y| y != now.get_full_year() as i32) {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

#[component]
fn AdjustmentsCard(doc: Doc) -> impl IntoView {
    let adjusting = RwSignal::new(None::<u64>);
    let undo_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    // A memo: typing elsewhere on the page leaves the table as it is.
    let indicators = Memo::new(move |_| {
        doc.with(|p| {
            p.indicators_in_order()
                .map(|(_, i)| {
                    (
                        i.id,
                        i.name.trim().to_string(),
                        i.target.as_str().trim().to_string(),
                        i.weight.as_str().trim().to_string(),
                        i.adjustments.len(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let rows = move || {
        indicators
            .get()
            .into_iter()
            .map(|(id, name, target, weight, count)| {
                let name_for_button = name.clone();
                view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td>{target}</td>
                        <td>{weight}</td>
                        <td>{if count == 0 { String::new() } else { format!("已调整 {count} 次") }}</td>
                        <td><button type="button" class="small" id=format!("adj-open-{id}")
                            on:click=move |_| { error.set(None); adjusting.set(Some(id)); focus_by_id("adj-target"); }>
                            "调整"<span class="sr-only">{format!("“{name}”", name = name_for_button)}</span></button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    let form = move || {
        let id = adjusting.get()?;
        let (name, target, weight) = doc
            .with_untracked(|p| {
                p.indicator(id).map(|i| {
                    (
                        i.name.trim().to_string(),
                        i.target.as_str().trim().to_string(),
                        i.weight.as_str().trim().to_string(),
                    )
                })
            })
            .flatten()?;
        let request = RwSignal::new(AdjustmentRequest {
            target: target.clone(),
            weight: weight.clone(),
            date: today_in(doc.with_untracked(monitor::project_year).flatten()),
            ..AdjustmentRequest::default()
        });
        let field = move |dom_id: &'static str,
                          label: &'static str,
                          kind: &'static str,
                          get: fn(&AdjustmentRequest) -> String,
                          set: fn(&mut AdjustmentRequest, String)| {
            view! {
                <div class="field compact">
                    <label for=dom_id>{label}</label>
                    <input type=kind id=dom_id value=request.with_untracked(get)
                        on:input=move |ev| { let v = event_target_value(&ev); request.update(|r| set(r, v)); }/>
                </div>
            }
        };
        let confirm = move |_| {
            let asked = request.get_untracked();
            let mut outcome = Ok(());
            doc.write(|p| outcome = p.adjust_indicator(id, asked));
            match outcome {
                Ok(()) => {
                    error.set(None);
                    adjusting.set(None);
                    focus_by_id(format!("adj-open-{id}"));
                }
                Err(message) => error.set(Some(message)),
            }
        };
        Some(view! {
            <fieldset class="adjust-form">
                <legend>{format!("调整“{name}”（当前指标值 {target}，分值 {weight}）")}</legend>
                <div class="rule-editors">
                    {field("adj-target", "调整后指标值", "text", |r| r.target.clone(), |r, v| r.target = v)}
                    {field("adj-weight", "调整后分值", "text", |r| r.weight.clone(), |r, v| r.weight = v)}
                    {field("adj-date", "调整日期", "date", |r| r.date.clone(), |r, v| r.date = v)}
                    {field("adj-approval", "批准文号", "text", |r| r.approval.clone(), |r, v| r.approval = v)}
                    {field("adj-reason", "调整原因", "text", |r| r.reason.clone(), |r, v| r.reason = v)}
                </div>
                <p class="field-msg sev-error" role="alert" id="adj-error">{move || error.get()}</p>
                <button type="button" on:click=confirm>"确认调整"</button>
                <button type="button" on:click=move |_| { adjusting.set(None); focus_by_id(format!("adj-open-{id}")); }>"取消"</button>
            </fieldset>
        })
    };
    let recorded = Memo::new(move |_| {
        doc.with(|p| {
            let mut out = Vec::new();
            for (_, ind) in p.indicators_in_order() {
                for (n, a) in ind.adjustments.iter().enumerate() {
                    out.push(Recorded {
                        id: ind.id,
                        n,
                        name: ind.name.trim().to_string(),
                        change: jixiao_core::cycle::change_words(a),
                        last: n + 1 == ind.adjustments.len(),
                    });
                }
            }
            out
        })
        .unwrap_or_default()
    });
    let history_item = move |r: Recorded| {
        let (id, n) = (r.id, r.n);
        let initial = doc
            .with_untracked(|p| p.indicator(id).and_then(|i| i.adjustments.get(n)).cloned())
            .flatten()
            .unwrap_or_default();
        let input = move |what: AdjustmentField,
                          label: &'static str,
                          kind: &'static str,
                          value: String| {
            let dom_id = format!(
                "adj-{id}-{n}-{}",
                match what {
                    AdjustmentField::Date => "date",
                    AdjustmentField::Reason => "reason",
                    AdjustmentField::Approval => "approval",
                }
            );
            let key = dom_id.clone();
            view! {
                <div class="field compact">
                    <label for=dom_id.clone()>{label}</label>
                    <input type=kind id=dom_id value=value on:input=move |ev| {
                        let text = event_target_value(&ev);
                        doc.write_typing(&key, move |p| p.set_adjustment_field(id, n, what, text));
                    }/>
                </div>
            }
        };
        view! {
            <li class="adjustment"><fieldset>
                <legend>{format!("“{}”{}", r.name, r.change)}</legend>
                <div class="rule-editors">
                    {input(AdjustmentField::Date, "调整日期", "date", initial.date.clone())}
                    {input(AdjustmentField::Approval, "批准文号", "text", initial.approval.clone())}
                    {input(AdjustmentField::Reason, "调整原因", "text", initial.reason.clone())}
                </div>
                {r.last.then(|| view! {
                    <button type="button" class="small danger" on:click=move |_| {
                        let mut outcome = Ok(());
                        doc.write(|p| outcome = p.undo_last_adjustment(id));
                        undo_error.set(outcome.err());
                    }>"撤销此次调整"</button>
                })}
            </fieldset></li>
        }
    };
    view! {
        <section class="card no-print" aria-labelledby="sec-adjust">
            <h2 id="sec-adjust">"目标调整"</h2>
            <p class="hint">"年度执行中经批准调整指标值或分值：记录日期、原因和批准文号，自评按调整后的值计分，报告和自评表同时写明原值和调整后的值。"</p>
            <div class="table-scroll">
                <table class="grid">
                    <thead><tr><th scope="col">"三级指标"</th><th scope="col">"年度指标值"</th><th scope="col">"分值"</th><th scope="col">"调整记录"</th><th scope="col">"操作"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {form}
            <h3>"调整记录"</h3>
            <Show when=move || recorded.with(Vec::is_empty)>
                <p class="hint">"尚无调整。"</p>
            </Show>
            <p class="field-msg sev-error" role="alert" id="adj-undo-error">{move || undo_error.get()}</p>
            // A plain list: `recorded` holds no editable text, so typing in
            // a record's fields does not redraw it (and a <For> costs kilobytes).
            <ul class="adjustments">
                {move || recorded.get().into_iter().map(history_item).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn TablesCard(doc: Doc) -> impl IntoView {
    // false: 目标表, true: 监控表.
    let monitoring = RwSignal::new(false);
    let document = Memo::new(move |_| {
        doc.with(|p| {
            if monitoring.get() {
                monitoring_document(p)
            } else {
                Some(targets_document(p))
            }
        })
        .flatten()
    });
    let tables = move || {
        document.with(|d| {
            d.as_ref()
                .map(|d: &Document| render_tables(d.tables().cloned().collect()))
        })
    };
    let export = move |which_monitoring: bool| {
        let file = doc.with_untracked(|p| {
            if which_monitoring {
                monitoring_xlsx(p).map(|b| (project_file_name(p, "监控表", "xlsx"), b))
            } else {
                Some((project_file_name(p, "目标表", "xlsx"), targets_xlsx(p)))
            }
        });
        if let Some(Some((name, bytes))) = file {
            let _ = download_bytes(&name, xlsx::MIME, &bytes);
        }
    };
    let has_monitoring = move || doc.with(|p| p.monitoring.is_some()).unwrap_or(false);
    view! {
        <section class="card no-print" aria-labelledby="sec-tables">
            <h2 id="sec-tables">"目标表与监控表"</h2>
            <div class="toolbar">
                <button type="button" aria-pressed=move || (!monitoring.get()).to_string() on:click=move |_| monitoring.set(false)>"显示绩效目标申报表"</button>
                <button type="button" aria-pressed=move || monitoring.get().to_string() disabled=move || !has_monitoring() on:click=move |_| monitoring.set(true)>"显示绩效监控表"</button>
                <button type="button" on:click=move |_| print_page()>"打印所示表格"</button>
                <button type="button" on:click=move |_| export(false)>"导出 Excel（目标表）"</button>
                <button type="button" disabled=move || !has_monitoring() on:click=move |_| export(true)>"导出 Excel（监控表）"</button>
                <button type="button" on:click=move |_| {
                    if let Some((name, bytes)) = doc.with_untracked(|p| (project_file_name(p, "目标表", "docx"), docx::targets_docx(p))) {
                        let _ = download_bytes(&name, docx::MIME, &bytes);
                    }
                }>"导出 Word（目标表）"</button>
            </div>
        </section>
        <article class=move || if monitoring.get() { "report-sheet cycle-sheet monitoring" } else { "report-sheet cycle-sheet targets" }
            aria-label=move || if monitoring.get() { "绩效监控表" } else { "绩效目标申报表" }>
            {tables}
        </article>
    }
}
