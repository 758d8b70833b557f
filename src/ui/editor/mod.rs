//! 编辑: the whole self-evaluation in the order of the 自评表, with the live
//! score panel beside it.

mod doc;
mod fields;
mod indicators;
mod narrative;
mod panel;
mod per_row;
mod rules;

use leptos::prelude::*;

use crate::model::number::{format_percent, format_score};
use crate::model::project::{FundsRow, NumberText, Project};
use crate::ui::AppState;
pub use doc::Doc;
use fields::{Input, field};

#[component]
pub fn Editor(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let doc = Doc::new(state, id);
    // A pending save must not wait in a timer when the page goes away.
    let listener = window_event_listener(leptos::ev::pagehide, move |_| doc.flush());
    on_cleanup(move || {
        listener.remove();
        doc.flush();
    });

    view! {
        <div class="editor-layout">
            <div class="editor-main">
                <BasicInfo doc=doc/>
                <FundsGrid doc=doc/>
                <Goals doc=doc/>
                <indicators::IndicatorTable doc=doc/>
                <rules::RulePicker doc=doc/>
                <narrative::Narrative doc=doc/>
            </div>
            <panel::ScorePanel doc=doc/>
        </div>
    }
}

#[component]
fn BasicInfo(doc: Doc) -> impl IntoView {
    let line = |label: &'static str,
                path: &'static str,
                get: fn(&Project) -> String,
                set: fn(&mut Project, String)| {
        field(doc, label, move || path.to_string(), Input::Line, get, set)
    };
    view! {
        <section class="card" aria-labelledby="sec-basic">
            <h2 id="sec-basic">"基本信息"</h2>
            <div class="grid-fields">
                {line("项目名称", "name", |p| p.name.clone(), |p, v| p.name = v)}
                {line("主管部门", "department", |p| p.department.clone(), |p, v| p.department = v)}
                {line("实施单位", "implementer", |p| p.implementer.clone(), |p, v| p.implementer = v)}
                {line("年度", "year", |p| p.year.clone(), |p, v| p.year = v)}
                {line("项目负责人", "leader", |p| p.leader.clone(), |p, v| p.leader = v)}
                {line("联系电话", "phone", |p| p.phone.clone(), |p, v| p.phone = v)}
            </div>
            {field(doc, "项目背景", || "background".to_string(), Input::Area, |p| p.background.clone(), |p, v| p.background = v)}
        </section>
    }
}

#[component]
fn Goals(doc: Doc) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sec-goals">
            <h2 id="sec-goals">"年度总体目标"</h2>
            <div class="grid-2">
                {field(doc, "预期目标", || "goal_expected".to_string(), Input::Area, |p| p.goal_expected.clone(), |p, v| p.goal_expected = v)}
                {field(doc, "实际完成情况", || "goal_actual".to_string(), Input::Area, |p| p.goal_actual.clone(), |p, v| p.goal_actual = v)}
            </div>
        </section>
    }
}

type RowAccess = fn(&Project) -> &FundsRow;
type RowAccessMut = fn(&mut Project) -> &mut FundsRow;

const FUNDS_ROWS: [(&str, &str, RowAccess, RowAccessMut); 4] = [
    (
        "年度资金总额",
        "total",
        |p| &p.funds.total,
        |p| &mut p.funds.total,
    ),
    (
        "当年财政拨款",
        "current_appropriation",
        |p| &p.funds.current_appropriation,
        |p| &mut p.funds.current_appropriation,
    ),
    (
        "上年结转资金",
        "carried_over",
        |p| &p.funds.carried_over,
        |p| &mut p.funds.carried_over,
    ),
    (
        "其他资金",
        "other",
        |p| &p.funds.other,
        |p| &mut p.funds.other,
    ),
];

#[derive(Clone, Copy)]
enum FundsColumn {
    Initial,
    Annual,
    Executed,
}

impl FundsColumn {
    fn key(self) -> &'static str {
        match self {
            FundsColumn::Initial => "initial_budget",
            FundsColumn::Annual => "annual_budget",
            FundsColumn::Executed => "executed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            FundsColumn::Initial => "年初预算数",
            FundsColumn::Annual => "全年预算数",
            FundsColumn::Executed => "全年执行数",
        }
    }
    fn of(self, row: &FundsRow) -> &NumberText {
        match self {
            FundsColumn::Initial => &row.initial_budget,
            FundsColumn::Annual => &row.annual_budget,
            FundsColumn::Executed => &row.executed,
        }
    }
    fn of_mut(self, row: &mut FundsRow) -> &mut NumberText {
        match self {
            FundsColumn::Initial => &mut row.initial_budget,
            FundsColumn::Annual => &mut row.annual_budget,
            FundsColumn::Executed => &mut row.executed,
        }
    }
}

#[component]
fn FundsGrid(doc: Doc) -> impl IntoView {
    let unit = move || doc.with(|p| p.money_unit.label()).unwrap_or("万元");
    let execution = move || {
        doc.evaluation
            .with(|e| e.as_ref().map(|e| e.execution.clone()))
    };
    let rows = FUNDS_ROWS
        .iter()
        .map(|&(label, key, get, get_mut)| {
            let cell = move |column: FundsColumn| {
                let path = format!("funds.{key}.{}", column.key());
                let read = move |p: &Project| column.of(get(p)).0.clone();
                let write = move |p: &mut Project, v: String| column.of_mut(get_mut(p)).0 = v;
                // The row name is read out with the column name; the column name alone is shown.
                let label = view! { <span class="sr-only">{label}</span>{column.label()} };
                view! { <td>{field(doc, label, move || path.clone(), Input::Line, read, write)}</td> }
            };
            let computed = if key == "total" {
                view! {
                    <td class="num">{move || execution().map(|e| format_score(e.weight))}</td>
                    <td class="num" id="execution-rate">{move || execution().and_then(|e| e.rate).map(format_percent).unwrap_or_else(|| "—".into())}</td>
                    <td class="num" title=move || execution().map(|e| e.explanation).unwrap_or_default()>{move || execution().map(|e| format_score(e.score))}</td>
                }
                .into_any()
            } else {
                view! { <td class="num">"—"</td><td class="num">"—"</td><td class="num">"—"</td> }.into_any()
            };
            let heading = if key == "total" { label.to_string() } else { format!("其中：{label}") };
            view! {
                <tr>
                    <th scope="row">{heading}</th>
                    {cell(FundsColumn::Initial)}
                    {cell(FundsColumn::Annual)}
                    {cell(FundsColumn::Executed)}
                    {computed}
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="sec-funds">
            <h2 id="sec-funds">"资金"</h2>
            <p class="hint">"单位：" {unit} "。执行率 = 全年执行数 ÷ 全年预算数。"</p>
            <div class="table-scroll">
                <table class="funds">
                    <thead>
                        <tr>
                            <th scope="col">"项目资金"</th>
                            <th scope="col">"年初预算数"</th>
                            <th scope="col">"全年预算数"</th>
                            <th scope="col">"全年执行数"</th>
                            <th scope="col">"分值"</th>
                            <th scope="col">"执行率"</th>
                            <th scope="col">"得分"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
