//! The 编辑, 报告 and 目标与监控 pages, which resolve their project (the id in the route,
//! else the project opened last), and the not-found page.

use leptos::prelude::*;

use super::AppState;
use super::cycle::Cycle;
use super::editor::Editor;
use super::report::Report;
use super::versions::VersionsPanel;
use crate::browser::route::Route;

/// The project a page shows (the id in the route, else the one opened
/// last), with `AppState::generation`: the page re-mounts its view when
/// another project is opened or the document is replaced from outside, not
/// on edits. Showing a project also makes it the one opened last.
fn opened(state: AppState, id: Option<String>) -> Memo<Option<(String, u64)>> {
    let opened = Memo::new(move |_| {
        let wanted = id.clone().or_else(|| state.last_opened.get())?;
        let exists = state
            .projects
            .with(|all| all.iter().any(|p| p.id == wanted));
        exists.then(|| (wanted, state.generation.get()))
    });
    Effect::new(move |_| {
        if let Some((id, _)) = opened.get() {
            state.open(&id);
        }
    });
    opened
}

fn no_project() -> impl IntoView {
    view! {
        <p class="empty">"尚未选择项目。请先在" <a href=Route::List.href()>"项目列表"</a> "中新建或打开一个项目。"</p>
    }
}

#[component]
pub fn EditPage(id: Option<String>) -> impl IntoView {
    let opened = opened(expect_context::<AppState>(), id);
    // Not re-mounted with the editor: a restore re-mounts the editor, and
    // the list (open, with its message) stays where the user is.
    let project = Memo::new(move |_| opened.get().map(|(id, _)| id));
    view! {
        <h1>"编辑"</h1>
        {move || match opened.get() {
            Some((id, _)) => view! { <Editor id=id/> }.into_any(),
            None => no_project().into_any(),
        }}
        {move || project.get().map(|id| view! { <VersionsPanel id=id/> })}
    }
}

#[component]
pub fn ReportPage(id: Option<String>) -> impl IntoView {
    let opened = opened(expect_context::<AppState>(), id);
    view! {
        <h1 class="no-print">"报告"</h1>
        {move || match opened.get() {
            Some((id, _)) => view! { <Report id=id/> }.into_any(),
            None => no_project().into_any(),
        }}
    }
}

#[component]
pub fn CyclePage(id: Option<String>) -> impl IntoView {
    let opened = opened(expect_context::<AppState>(), id);
    view! {
        <h1 class="no-print">"目标与监控"</h1>
        {move || match opened.get() {
            Some((id, _)) => view! { <Cycle id=id/> }.into_any(),
            None => no_project().into_any(),
        }}
    }
}

#[component]
pub fn NotFound(hash: String) -> impl IntoView {
    view! {
        <h1>"页面不存在"</h1>
        <p>"地址 " <code>{hash}</code> " 没有对应的页面。"<a href=Route::List.href()>"返回项目列表"</a></p>
    }
}
