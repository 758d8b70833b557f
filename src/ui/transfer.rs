//! 导出 JSON / 导入 JSON and the backup reminder. Files are checked in full
//! before anything changes; an id that already exists asks replace or keep both.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, new_project_id};
use crate::browser::download::download_text;
use crate::browser::storage;
use crate::browser::upload::read_chosen_files;
use crate::ui::Replacement;
use jixiao_core::formats::json::exchange::{self, ImportItem};
use jixiao_core::formats::safe_file_name;
use jixiao_core::project::Project;

const WEEK_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// Today as YYYYMMDD, for file names.
pub fn date_stamp() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}{:02}{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// Downloads the given projects as one exchange file.
pub fn export_projects(projects: &[Project], stem: &str) -> Result<(), String> {
    let text = exchange::export(projects, &now_iso());
    download_text(
        &safe_file_name(&format!("{stem}-{}", date_stamp()), "json"),
        "application/json",
        &text,
    )
}

/// Exports every project and remembers when (for the backup reminder).
pub async fn export_all(state: AppState) -> Result<(), String> {
    let result = export_projects(&state.all_documents().await?, "项目支出绩效自评-全部项目");
    if result.is_ok() {
        storage::set_last_export(js_sys::Date::now());
    }
    result
}

/// An import waiting for the user's choices on conflicting ids.
#[derive(Clone)]
struct PendingImport {
    projects: Vec<Project>,
    items: Vec<ImportItem>,
    /// Per conflicting item: true = replace the existing project, false = keep both.
    replace: Vec<bool>,
}

async fn apply(state: AppState, pending: &PendingImport) -> String {
    let (mut added, mut replaced, mut same) = (0, 0, 0);
    for (n, item) in pending.items.iter().enumerate() {
        let project = pending.projects[item.incoming()].clone();
        match item {
            ImportItem::Identical { .. } => same += 1,
            ImportItem::New { .. } => {
                state.add(project);
                added += 1;
            }
            ImportItem::Conflict(_) if pending.replace[n] => {
                state.replace(project, Replacement::Import).await;
                replaced += 1;
            }
            ImportItem::Conflict(_) => {
                state.add(exchange::with_fresh_id(project, new_project_id()));
                added += 1;
            }
        }
    }
    format!(
        "导入完成：新增 {added} 个，替换 {replaced} 个，{same} 个与现有项目完全相同未重复导入。"
    )
}

#[component]
pub fn ImportExport() -> impl IntoView {
    let state = expect_context::<AppState>();
    let errors = RwSignal::new(Vec::<String>::new());
    let notice = RwSignal::new(None::<String>);
    let pending = RwSignal::new(None::<PendingImport>);

    let on_files = move |ev: leptos::ev::Event| {
        errors.set(Vec::new());
        notice.set(None);
        pending.set(None);
        spawn_local(async move {
            let chosen = read_chosen_files(&ev, exchange::MAX_IMPORT_BYTES).await;
            let mut problems = Vec::new();
            let mut incoming: Vec<Project> = Vec::new();
            for file in chosen {
                match file {
                    Err(message) => problems.push(message),
                    Ok(file) => match file.text {
                        None => problems.push(format!(
                            "“{}”有 {:.1} MB，超过 {} MB 的上限，未导入。",
                            file.name,
                            file.size / 1024.0 / 1024.0,
                            exchange::MAX_IMPORT_BYTES / 1024 / 1024
                        )),
                        Some(text) => match exchange::import(&text) {
                            Ok(projects) => incoming.extend(projects),
                            Err(err) => problems.push(format!("“{}”：{}", file.name, err.message)),
                        },
                    },
                }
            }
            // All or nothing: one bad file stops the whole import.
            if !problems.is_empty() {
                problems.push("未导入任何内容，本地数据没有改变。".to_string());
                errors.set(problems);
                return;
            }
            let existing = match state.all_documents().await {
                Ok(existing) => existing,
                Err(why) => {
                    errors.set(vec![why]);
                    return;
                }
            };
            let items = exchange::plan_import(&existing, &incoming);
            let replace = vec![false; items.len()];
            let plan = PendingImport {
                projects: incoming,
                items,
                replace,
            };
            if plan
                .items
                .iter()
                .any(|i| matches!(i, ImportItem::Conflict(_)))
            {
                pending.set(Some(plan));
            } else {
                notice.set(Some(apply(state, &plan).await));
            }
        });
    };

    let confirm = move |_| {
        if let Some(plan) = pending.get_untracked() {
            pending.set(None);
            spawn_local(async move { notice.set(Some(apply(state, &plan).await)) });
        }
    };

    let conflicts = move || {
        pending.get().map(|plan| {
            plan.items
                .iter()
                .enumerate()
                .filter_map(|(n, item)| match item {
                    ImportItem::Conflict(exchange::Conflict::SameId { existing_name, .. }) => Some((n, existing_name.clone())),
                    _ => None,
                })
                .map(|(n, name)| {
                    let choose = move |replace: bool| {
                        pending.update(|p| {
                            if let Some(p) = p {
                                p.replace[n] = replace;
                            }
                        })
                    };
                    let replacing = move || pending.with(|p| p.as_ref().is_some_and(|p| p.replace[n]));
                    view! {
                        <li>
                            {format!("“{name}”已存在。")}
                            <button type="button" class="small" aria-pressed=move || replacing().to_string() on:click=move |_| choose(true)>"替换"</button>
                            <button type="button" class="small" aria-pressed=move || (!replacing()).to_string() on:click=move |_| choose(false)>"保留两份"</button>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div class="transfer">
            <button type="button" on:click=move |_| {
                spawn_local(async move {
                    if let Err(e) = export_all(state).await {
                        errors.set(vec![e]);
                    }
                })
            }>"全部导出"</button>
            <label for="import-file" class="file-label">"导入 JSON"</label>
            <input type="file" id="import-file" accept=".json,application/json" multiple on:change=on_files/>
        </div>
        {move || (errors.with(|e| !e.is_empty())).then(|| view! {
            <div class="import-errors" role="alert">
                <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            </div>
        })}
        {move || (notice.with(Option::is_some)).then(|| view! {
            <p class="import-notice" role="status">{move || notice.get()}</p>
        })}
        <Show when=move || pending.with(Option::is_some)>
            <div class="import-review" role="dialog" aria-label="导入确认">
                <p>"以下项目在本浏览器中已存在，请逐个选择："</p>
                <ul>{conflicts}</ul>
                <button type="button" on:click=confirm>"确认导入"</button>
                " "
                <button type="button" on:click=move |_| pending.set(None)>"取消导入"</button>
            </div>
        </Show>
    }
}

/// "Nothing exported for 7 days of edits": shown on the list page.
#[component]
pub fn BackupReminder() -> impl IntoView {
    let state = expect_context::<AppState>();
    let refreshed = RwSignal::new(0u32);
    let due = move || {
        refreshed.track();
        let last = storage::last_export().unwrap_or(0.0);
        let oldest_unexported = state.summaries.with(|all| {
            all.iter()
                .map(|s| s.updated_at)
                .filter(|&t| t > last)
                .fold(f64::INFINITY, f64::min)
        });
        oldest_unexported.is_finite() && js_sys::Date::now() - oldest_unexported >= WEEK_MS
    };
    view! {
        {move || (due()).then(|| view! {
            <p class="banner-inline" role="status" id="backup-reminder">
                "已有 7 天以上的修改没有导出备份。数据只在本浏览器中，建议现在备份。"
                <button type="button" on:click=move |_| {
                    spawn_local(async move {
                        if export_all(state).await.is_ok() {
                            refreshed.update(|n| *n += 1);
                        }
                    })
                }>"全部导出"</button>
            </p>
        })}
    }
}
