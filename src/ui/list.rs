//! 项目列表: every project in this browser, with search, copy and delete
//! (undoable). It reads the projects' summaries, never the documents, and
//! shows the ones changed last when there are many.

use leptos::prelude::*;

use super::files::{FileControls, StoragePanel};
use super::transfer::{BackupReminder, ImportExport, export_projects};
use super::workbook::WorkbookImport;
use super::{AppState, navigate, new_project_id, show_all_note};
use crate::browser::clock::local_time;
use crate::browser::route::Route;
use jixiao_core::number::format_score;
use jixiao_core::overview::{Summary, grade_label};
use jixiao_core::project::Project;
use jixiao_core::{sample, score};

/// How many rows the list shows before 显示全部: a thousand rows take longer
/// to draw than the rest of the page, and search reaches every project.
const SHOWN: usize = 50;

/// A row of the list, taken from the summary (the view computes nothing).
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: String,
    name: String,
    year: String,
    total: String,
    grade: &'static str,
    edited: String,
}

fn display_name(project: &Project) -> String {
    if project.name.trim().is_empty() {
        "（未命名）".to_string()
    } else {
        project.name.clone()
    }
}

#[component]
pub fn ProjectList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let query = RwSignal::new(String::new());
    // The last deleted project and where it stood, for 撤销.
    let deleted = RwSignal::new(None::<(usize, Project)>);

    let open_new = move |project: Project| {
        let id = state.add(project);
        state.open(&id);
        navigate(&Route::Edit(Some(id)));
    };
    let create = move |_| {
        // The first thing to type is the name: the editor focuses it on mount.
        state.refocus.set_value(Some("f-name".to_string()));
        open_new(Project {
            id: new_project_id(),
            updated_at: js_sys::Date::now(),
            ..Project::default()
        })
    };
    let load_sample = move |_| {
        let mut project = sample::example_project();
        project.id = new_project_id();
        project.updated_at = js_sys::Date::now();
        open_new(project);
    };
    let copy = move |id: String| {
        state.with_document(id, move |mut project| {
            project.id = new_project_id();
            project.name = format!("{}（副本）", display_name(&project));
            project.updated_at = js_sys::Date::now();
            state.add(project);
        })
    };
    // 年度复制: next year's project from this one, opened to fill in.
    let next_year = move |id: String| {
        state.with_document(id, move |p| {
            open_new(p.next_year_copy(&score::evaluate(&p), new_project_id(), js_sys::Date::now()));
        })
    };
    // Read first: 撤销 puts the whole document back.
    let delete = move |id: String| {
        state.with_document(id, move |project| {
            let id = project.id.clone();
            let at = state
                .summaries
                .with_untracked(|all| all.iter().position(|s| s.row.id == id));
            if let Some(at) = at {
                state.remove(&id);
                deleted.set(Some((at, project)));
            }
        })
    };
    let undo = move |_| {
        if let Some((at, project)) = deleted.get_untracked() {
            state.insert(at, project);
            deleted.set(None);
        }
    };

    state.refresh_summaries();
    let show_all = RwSignal::new(false);
    // The matching rows in list order, and how many match.
    let rows = Memo::new(move |_| {
        let needle = query.get().trim().to_lowercase();
        state.summaries.with(|all| {
            let mut matching: Vec<&Summary> = all.iter().filter(|s| s.matches(&needle)).collect();
            let count = matching.len();
            if count > SHOWN && !show_all.get() {
                // The SHOWN touched last (edited, imported or restored: saved
                // most recently), still in list order; a pass, not a sort.
                let touched = |s: &Summary| s.saved_at.max(s.updated_at);
                let mut latest: Vec<f64> = Vec::with_capacity(SHOWN);
                for s in &matching {
                    if latest.len() < SHOWN {
                        latest.push(touched(s));
                    } else if let Some(oldest) = latest.iter_mut().min_by(|a, b| a.total_cmp(b))
                        && touched(s) > *oldest
                    {
                        *oldest = touched(s);
                    }
                }
                let cut = latest.iter().copied().fold(f64::INFINITY, f64::min);
                matching.retain(|s| touched(s) >= cut);
                matching.truncate(SHOWN);
            }
            let rows = matching
                .into_iter()
                .map(|s| {
                    // A draft is not scored yet: nothing to show.
                    let (total, grade) = if s.draft {
                        ("—".to_string(), "草稿")
                    } else {
                        (format_score(s.row.total), grade_label(s.row.grade))
                    };
                    Row {
                        id: s.row.id.clone(),
                        name: s.row.shown_name().to_string(),
                        year: s.row.year.clone(),
                        total,
                        grade,
                        edited: local_time(s.updated_at),
                    }
                })
                .collect::<Vec<_>>();
            (rows, count)
        })
    });
    let more = move || {
        rows.with(|(shown, count)| {
            (shown.len() < *count).then(|| {
                let (shown, count) = (shown.len(), *count);
                let which = if query.with(|q| q.trim().is_empty()) { "" } else { "符合搜索条件的" };
                show_all_note(
                    format!("共 {count} 个{which}项目，这里显示最近修改的 {shown} 个；搜索可查找全部项目。"),
                    format!("显示全部 {count} 个"),
                    show_all,
                )
            })
        })
    };

    view! {
        <h1>"项目列表"</h1>
        <div class="toolbar">
            <button type="button" on:click=create>"新建项目"</button>
            <button type="button" on:click=load_sample>"载入示例"</button>
            <label for="project-search">"搜索"</label>
            <input type="search" id="project-search" placeholder="项目名称、部门、年度"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        <ImportExport/>
        <FileControls/>
        <div class="toolbar"><StoragePanel/></div>
        <WorkbookImport/>
        <BackupReminder/>
        {move || (deleted.with(Option::is_some)).then(|| view! {
            <p class="banner-inline" role="status">
                {move || deleted.with(|d| d.as_ref().map(|(_, p)| format!("已删除“{}”。", display_name(p))))}
                <button type="button" on:click=undo>"撤销"</button>
            </p>
        })}
        <Show
            when=move || state.summaries.with(|all| !all.is_empty())
            fallback=|| view! { <p class="empty">"本浏览器中还没有项目。点击“新建项目”开始，或“载入示例”查看一份完整的自评。"</p> }
        >
            <table class="project-list">
                <thead>
                    <tr>
                        <th scope="col">"项目名称"</th>
                        <th scope="col">"年度"</th>
                        <th scope="col">"总分"</th>
                        <th scope="col">"等级"</th>
                        <th scope="col">"最后编辑"</th>
                        <th scope="col">"操作"</th>
                    </tr>
                </thead>
                <tbody>
                    // A plain list, not <For>: the list is short and each
                    // keyed-list instantiation costs kilobytes of wasm.
                    {move || rows.get().0.into_iter().map(|row| {
                            let id_copy = row.id.clone();
                            let id_next = row.id.clone();
                            let id_delete = row.id.clone();
                            let id_export = row.id.clone();
                            let export_one = move |_| {
                                state.with_document(id_export.clone(), |project| {
                                    let _ = export_projects(std::slice::from_ref(&project), &display_name(&project));
                                })
                            };
                            let report = Route::Report(Some(row.id.clone())).href();
                            view! {
                                <tr>
                                    <td><a href=Route::Edit(Some(row.id.clone())).href()>{row.name.clone()}</a></td>
                                    <td>{row.year.clone()}</td>
                                    <td class="num">{row.total.clone()}</td>
                                    <td>{row.grade}</td>
                                    <td>{row.edited.clone()}</td>
                                    <td class="actions">
                                        <a href=report>"报告"</a>
                                        <a href=Route::Cycle(Some(row.id.clone())).href()>"目标与监控"</a>
                                        <button type="button" class="small" on:click=export_one>"导出"</button>
                                        <button type="button" class="small" on:click=move |_| copy(id_copy.clone())>"复制"</button>
                                        <button type="button" class="small" on:click=move |_| next_year(id_next.clone())>"下一年度"</button>
                                        <button type="button" class="small danger" on:click=move |_| delete(id_delete.clone())>"删除"</button>
                                    </td>
                                </tr>
                            }
                                            }).collect_view()}
                </tbody>
            </table>
            {more}
            {move || (rows.with(|(shown, _)| shown.is_empty())).then(|| view! {
                <p class="empty">"没有符合搜索条件的项目。"</p>
            })}
        </Show>
    }
}
