//! 汇总: every project in this browser in one sortable, filterable table,
//! with totals, charts, Excel/CSV export, merging colleagues' files and
//! batch printing of the 自评表.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::charts::{horizontal_bars, scatter, vertical_bars};
use super::transfer::{ImportExport, date_stamp};
use super::{AppState, show_all_note};
use crate::browser::download::{download_bytes, download_text};
use crate::browser::print::print_page;
use crate::browser::route::Route;
use jixiao_core::charts::{grade_distribution, level1_rates, rate_vs_total};
use jixiao_core::formats::csv::overview_csv;
use jixiao_core::formats::docx::reports_zip;
use jixiao_core::formats::xlsx::{self, overview_xlsx};
use jixiao_core::number::{format_amount, format_percent, format_score};
use jixiao_core::overview::{
    Filter, GRADES, OverviewRow, SortKey, default_sort, grade_label, light_words, sort, totals,
};
use jixiao_core::report::{Block, compose};
use jixiao_core::score::evaluate;

const COLUMNS: [(SortKey, &str); 11] = [
    (SortKey::Name, "项目名称"),
    (SortKey::Department, "主管部门"),
    (SortKey::Year, "年度"),
    (SortKey::Budget, "全年预算数（万元）"),
    (SortKey::Executed, "全年执行数（万元）"),
    (SortKey::Rate, "执行率"),
    (SortKey::Total, "总分"),
    (SortKey::Grade, "等级"),
    (SortKey::Problems, "体检（错误/警告）"),
    (SortKey::Stage, "阶段"),
    (SortKey::Light, "监控预警"),
];

/// Rows drawn before 显示全部: a table of a thousand rows takes longer to lay
/// out than the rest of the page; the totals, charts and exports take all rows.
const SHOWN_ROWS: usize = 100;

fn distinct(rows: &[OverviewRow], field: fn(&OverviewRow) -> &str) -> Vec<String> {
    let mut values: Vec<String> = rows.iter().map(|r| field(r).to_string()).collect();
    jixiao_core::sorting::sort_by(&mut values, String::cmp);
    values.dedup();
    values
}

/// The option value standing for a blank field: "" already means 全部.
const BLANK: &str = "\u{1}blank";

/// A filter choice: "" = all, [`BLANK`] = the field left empty.
fn optional(text: String) -> Option<String> {
    match text.as_str() {
        "" => None,
        BLANK => Some(String::new()),
        _ => Some(text),
    }
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Read from the summaries: the 汇总 of a thousand projects neither reads
    // nor scores a thousand documents.
    state.refresh_summaries();
    let all_rows = Memo::new(move |_| {
        state
            .summaries
            .with(|all| all.iter().map(|s| s.row.clone()).collect::<Vec<_>>())
    });
    let year = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let sort_by = RwSignal::new(all_rows.with_untracked(|r| default_sort(r)));
    let filter = Memo::new(move |_| Filter {
        year: optional(year.get()),
        department: optional(department.get()),
        grade: GRADES
            .iter()
            .copied()
            .find(|g| grade_label(*g) == grade.get()),
    });
    let rows = Memo::new(move |_| {
        let filter = filter.get();
        let mut rows: Vec<OverviewRow> =
            all_rows.with(|all| all.iter().filter(|r| filter.accepts(r)).cloned().collect());
        let (key, ascending) = sort_by.get();
        sort(&mut rows, key, ascending);
        rows
    });
    let sums = Memo::new(move |_| rows.with(|r| totals(r)));

    let select = move |id: &'static str,
                       label: &'static str,
                       signal: RwSignal<String>,
                       options: Signal<Vec<String>>| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| signal.set(event_target_value(&ev))>
                    <option value="">"全部"</option>
                    {move || options.get().into_iter().map(|value| {
                        let (value, shown) = if value.is_empty() { (BLANK.to_string(), "（未填写）".to_string()) } else { (value.clone(), value) };
                        let selected = value == signal.get_untracked();
                        view! { <option value=value selected=selected>{shown}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let years = Signal::derive(move || all_rows.with(|r| distinct(r, |r| &r.year)));
    let departments = Signal::derive(move || all_rows.with(|r| distinct(r, |r| &r.department)));
    let grades = Signal::derive(|| GRADES.iter().map(|g| grade_label(*g).to_string()).collect());

    let export_xlsx = move |_| {
        let bytes = rows.with_untracked(|r| overview_xlsx(r));
        let _ = download_bytes(
            &format!("绩效自评汇总-{}.xlsx", date_stamp()),
            xlsx::MIME,
            &bytes,
        );
    };
    let export_csv = move |_| {
        let text = rows.with_untracked(|r| overview_csv(r));
        let _ = download_text(
            &format!("绩效自评汇总-{}.csv", date_stamp()),
            "text/csv;charset=utf-8",
            &text,
        );
    };
    let export_docx = move |_| {
        let ids: Vec<String> = rows.with_untracked(|r| r.iter().map(|r| r.id.clone()).collect());
        spawn_local(async move {
            let all = match state.all_documents().await {
                Ok(all) => all,
                Err(why) => return alert(&why),
            };
            let bytes = reports_zip(ids.iter().filter_map(|id| all.iter().find(|p| &p.id == id)));
            let _ = download_bytes(
                &format!("绩效自评报告-{}.zip", date_stamp()),
                "application/zip",
                &bytes,
            );
        });
    };
    let batch = RwSignal::new(false);
    let start_batch = move |_| {
        // The sheets are composed from the documents: read them all first.
        spawn_local(async move {
            if let Err(why) = state.read_all().await {
                return alert(&why);
            }
            batch.set(true);
            // Print once the sheets are in the page.
            request_animation_frame(print_page);
        });
    };

    let header = COLUMNS
        .iter()
        .map(|&(key, label)| {
            let state_of = move || {
                let (current, ascending) = sort_by.get();
                match (current == key, ascending) {
                    (false, _) => "none",
                    (true, true) => "ascending",
                    (true, false) => "descending",
                }
            };
            let arrow = move || match state_of() {
                "ascending" => " ▲",
                "descending" => " ▼",
                _ => "",
            };
            view! {
                <th scope="col" aria-sort=state_of>
                    <button type="button" class="sort" on:click=move |_| sort_by.update(|(k, asc)| {
                        if *k == key { *asc = !*asc } else { *k = key; *asc = true }
                    })>{label}{arrow}</button>
                </th>
            }
        })
        .collect_view();

    let show_all = RwSignal::new(false);
    let shown = move || {
        if show_all.get() {
            usize::MAX
        } else {
            SHOWN_ROWS
        }
    };
    let table_rows = move || {
        let shown = shown();
        rows.get()
            .into_iter()
            .take(shown)
            .map(|r| {
                let outlier = r.execution_rate.is_some_and(|rate| jixiao_core::charts::is_outlier(rate, r.total));
                view! {
                    <tr class:outlier=outlier>
                        <td><a href=Route::Edit(Some(r.id.clone())).href()>{r.shown_name().to_string()}</a></td>
                        <td>{r.department.clone()}</td>
                        <td>{r.year.clone()}</td>
                        <td class="num">{r.annual_budget_wan.map(format_amount).unwrap_or_default()}</td>
                        <td class="num">{r.executed_wan.map(format_amount).unwrap_or_default()}</td>
                        <td class="num">{r.execution_rate.map(format_percent).unwrap_or_else(|| "—".into())}</td>
                        <td class="num">{format_score(r.total)}</td>
                        <td>{grade_label(r.grade)}</td>
                        <td class="num">{format!("{} / {}", r.errors, r.warnings)}</td>
                        <td><a href=Route::Cycle(Some(r.id.clone())).href()>{r.stage.label()}</a></td>
                        <td class=r.light.map_or("", |l| l.class())>{light_words(&r)}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    let chosen = RwSignal::new(String::new());
    let project_chart = move || {
        let id = chosen.get();
        let rates = all_rows.with(|all| {
            all.iter()
                .find(|r| r.id == id)
                .map(|r| r.level1_rates.clone())
        })?;
        Some(horizontal_bars(level1_rates(&rates), "一级指标得分率"))
    };

    view! {
        <h1>"汇总"</h1>
        <div class="toolbar no-print">
            {select("filter-year", "年度", year, years)}
            {select("filter-department", "主管部门", department, departments)}
            {select("filter-grade", "等级", grade, grades)}
        </div>
        <div class="toolbar no-print">
            <button type="button" on:click=export_xlsx>"导出 Excel"</button>
            <button type="button" on:click=export_csv>"导出 CSV"</button>
            <button type="button" on:click=export_docx>"导出 Word 报告（所列项目各一份，zip）"</button>
            <button type="button" on:click=start_batch>"批量打印自评表"</button>
        </div>
        <details class="merge no-print">
            <summary>"合并同事的文件（可多选 JSON 文件）"</summary>
            <ImportExport/>
        </details>
        <p class="totals" id="overview-totals">
            {move || sums.with(|t| {
                let ungraded = if t.per_grade[4] > 0 { format!("，不能定级 {} 个", t.per_grade[4]) } else { String::new() };
                format!(
                    "共 {} 个项目；全年预算数合计 {} 万元，全年执行数合计 {} 万元，加权执行率 {}；优 {} 个，良 {} 个，中 {} 个，差 {} 个{ungraded}。",
                    t.projects,
                    format_amount(t.budget_wan),
                    format_amount(t.executed_wan),
                    t.weighted_rate.map(format_percent).unwrap_or_else(|| "—".into()),
                    t.per_grade[0], t.per_grade[1], t.per_grade[2], t.per_grade[3],
                )
            })}
        </p>
        <div class="table-scroll">
            <table class="overview" id="overview-table">
                <thead><tr>{header}</tr></thead>
                <tbody>{table_rows}</tbody>
            </table>
        </div>
        {move || rows.with(|r| (r.len() > shown()).then(|| {
            let count = r.len();
            show_all_note(
                format!("共 {count} 行，按当前排序显示前 {SHOWN_ROWS} 行；合计、图表和导出包括全部 {count} 行。"),
                format!("显示全部 {count} 行"),
                show_all,
            )
        }))}
        <div class="charts">
            <figure>
                {move || vertical_bars(grade_distribution(sums.with(|t| t.per_grade)), "等级分布")}
                <figcaption>"等级分布"</figcaption>
            </figure>
            <figure>
                {move || rows.with(|r| scatter(rate_vs_total(r), "执行率与总分"))}
                <figcaption>"执行率与总分（▲ 为高分低执行率或不及格的项目）"</figcaption>
            </figure>
            <figure class="no-print-if-empty">
                <div class="field">
                    <label for="chart-project">"一级指标得分率：选择项目"</label>
                    <select id="chart-project" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"（选择）"</option>
                        {move || rows.with(|r| r.iter().take(shown()).map(|r| view! { <option value=r.id.clone()>{r.name.clone()}</option> }).collect_view())}
                    </select>
                </div>
                {project_chart}
            </figure>
        </div>
        <Show when=move || batch.get()>
            <BatchSheets rows=rows on_close=move || batch.set(false)/>
        </Show>
    }
}

/// The 自评表 of every shown project, one per printed page.
#[component]
fn BatchSheets(
    rows: Memo<Vec<OverviewRow>>,
    on_close: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sheets = move || {
        let ids: Vec<String> = rows.with(|r| r.iter().map(|r| r.id.clone()).collect());
        // The documents are read before the sheets are shown.
        ids.iter()
            .filter_map(|id| state.tracked_document(id))
            .map(|document| {
                document.project.with(|project| {
                    let document = compose(project, &evaluate(project));
                    let mut tables = document
                        .blocks
                        .into_iter()
                        .filter_map(|b| match b {
                            Block::Table(t) => Some(t),
                            _ => None,
                        })
                        .rev()
                        .take(2)
                        .collect::<Vec<_>>();
                    tables.reverse();
                    super::report::render_tables(tables)
                })
            })
            .map(|tables| view! { <section class="batch-sheet">{tables}</section> })
            .collect_view()
    };
    // Printing shows the sheets alone; the print styles read this mark on
    // <html> because `body:has(.batch)` would need Chromium 105.
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-print", "batch");
    }
    on_cleanup(move || {
        if let Some(root) = document().document_element() {
            let _ = root.remove_attribute("data-print");
        }
    });
    let close = on_close.clone();
    view! {
        <section class="batch" aria-label="批量打印预览">
            <div class="toolbar no-print">
                <button type="button" on:click=move |_| print_page()>"打印"</button>
                <button type="button" on:click=move |_| close()>"关闭批量打印"</button>
            </div>
            {sheets}
        </section>
    }
}

/// A storage failure on an action of this page, which has no status line.
fn alert(message: &str) {
    let _ = window().alert_with_message(message);
}
