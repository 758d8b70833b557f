//! What the 编辑 panel and the 报告's summary share of the 体检: the filter
//! by category and stage (one per page session, in `AppState`, so both
//! show the same selection), each finding's rule, the rule catalogue and
//! the CSV of the findings shown.

use leptos::prelude::*;

use crate::browser::download::download_text;
use crate::ui::doc::Doc;
use jixiao_core::finding::{CATALOGUE, Category, Filter, Finding, Rule};
use jixiao_core::formats::csv::findings_csv;
use jixiao_core::formats::project_file_name;
use jixiao_core::stage::Stage;

/// A labelled select of 全部 and `labels`; an option's value is its index
/// in `labels`, "" for 全部. Closures type-erased: one instance for both
/// selects.
fn choice(
    id: String,
    label: &'static str,
    labels: Vec<&'static str>,
    current: Box<dyn Fn() -> Option<usize> + Send + Sync>,
    pick: Box<dyn Fn(Option<usize>) + Send + Sync>,
) -> impl IntoView {
    let count = labels.len();
    let options = labels
        .into_iter()
        .enumerate()
        .map(|(i, text)| view! { <option value=i.to_string()>{text}</option> })
        .collect_view();
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id
            prop:value=move || current().map_or_else(String::new, |i| i.to_string())
            on:change=move |ev| {
                let index = event_target_value(&ev).parse::<usize>().ok();
                pick(index.filter(|i| *i < count));
            }>
            <option value="">"全部"</option>
            {options}
        </select>
    }
}

fn position<T: PartialEq>(all: &[T], chosen: Option<T>) -> Option<usize> {
    chosen.and_then(|c| all.iter().position(|x| *x == c))
}

/// The two labelled selects; `prefix` keeps their ids apart when two
/// filters are on one page.
#[component]
pub fn FilterControls(filter: RwSignal<Filter>, prefix: &'static str) -> impl IntoView {
    let category = choice(
        format!("{prefix}-category"),
        "类别",
        Category::ALL.iter().map(|c| c.label()).collect(),
        Box::new(move || position(&Category::ALL, filter.get().category)),
        Box::new(move |i| filter.update(|f| f.category = i.map(|i| Category::ALL[i]))),
    );
    let stage = choice(
        format!("{prefix}-stage"),
        "适用阶段",
        Stage::ALL.iter().map(|s| s.label()).collect(),
        Box::new(move || position(&Stage::ALL, filter.get().stage)),
        Box::new(move |i| filter.update(|f| f.stage = i.map(|i| Stage::ALL[i]))),
    );
    view! { <div class="findings-filter no-print">{category}{stage}</div> }
}

/// The rule a finding names: its category and id, with what the rule
/// checks and what to do on hover.
pub fn rule_tag(rule: Rule) -> impl IntoView {
    let spec = rule.spec();
    let title = format!("检查：{}\n处理：{}", spec.checks, spec.fix);
    view! { <span class="rule" title=title>{spec.category.label()} " · " {spec.id}</span> }
}

/// "显示 3 / 12 项" while a filter hides some findings.
pub fn shown_of(shown: usize, all: usize) -> Option<String> {
    (shown < all).then(|| format!("按筛选显示 {shown} / {all} 项"))
}

/// The findings shown, as CSV with their rules.
pub fn export_findings(doc: Doc, shown: &[Finding]) {
    let name = doc
        .with_untracked(|p| project_file_name(p, "体检", "csv"))
        .unwrap_or_else(|| "体检.csv".to_string());
    let _ = download_text(&name, "text/csv;charset=utf-8", &findings_csv(shown));
}

/// Every rule of the 体检 under the filter: what it checks, at which
/// stages, what to do, what it reads from the rule set.
#[component]
pub fn RuleCatalogue(filter: RwSignal<Filter>) -> impl IntoView {
    let rows = move || {
        let filter = filter.get();
        CATALOGUE
            .iter()
            .filter(|spec| filter.keeps_rule(spec.rule))
            .map(|spec| {
                let params: Vec<String> = spec
                    .params
                    .iter()
                    .map(|p| format!("{}（{}）", p.what, p.key))
                    .collect();
                // A list, not a table: the panel is narrow.
                view! {
                    <li>
                        <code>{spec.id}</code>
                        <span class="rule-facts">{spec.severity.label()} " · " {spec.category.label()} " · " {spec.stages_label()}</span>
                        <span>"检查：" {spec.checks}</span>
                        <span>"处理：" {spec.fix}</span>
                        {(!params.is_empty()).then(|| view! { <span>"参数：" {params.join("；")}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    let count = move || {
        let filter = filter.get();
        CATALOGUE
            .iter()
            .filter(|spec| filter.keeps_rule(spec.rule))
            .count()
    };
    view! {
        <details class="rule-catalogue no-print">
            <summary>"规则目录（" {count} " 条）"</summary>
            <ul>{rows}</ul>
        </details>
    }
}
