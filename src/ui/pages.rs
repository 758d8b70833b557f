//! The 编辑, 报告 and 目标与监控 pages, which resolve their project (the id in the route,
//! else the project opened last), and the not-found page.

use leptos::prelude::*;

use super::AppState;
use super::cycle::Cycle;
use super::editor::Editor;
use super::report::Report;
use super::review::{ProjectReview, ReviewList};
use super::versions::VersionsPanel;
use crate::browser::route::Route;

/// The project a page shows (the id in the route, else the one opened
/// last), with how often its document was replaced as a whole (an import,
/// 撤销, a restore): the page draws its view anew then, and when another
/// project is opened, not on edits. Showing a project also makes it the
/// one opened last.
fn opened(state: AppState, id: Option<String>) -> Memo<Option<(String, u64)>> {
    let opened = Memo::new(move |_| {
        let wanted = id.clone().or_else(|| state.last_opened.get())?;
        let replaced = state.tracked_document(&wanted)?.replaced.get();
        Some((wanted, replaced))
    });
    Effect::new(move |_| {
        if let Some((id, _)) = opened.get() {
            state.open(&id);
        }
    });
    opened
}

/// The page's view of its project, built anew for each `opened` value. A
/// view of the same shape would otherwise be patched in place, and inputs
/// that read their value once would go on showing what was typed before
/// the document was replaced. One function type for the three pages: one
/// copy of the keyed list's code in the wasm.
fn drawn_anew(opened: Memo<Option<(String, u64)>>, draw: fn(String) -> AnyView) -> impl IntoView {
    view! {
        <For each=move || opened.get() key=|opened| opened.clone() children=move |(id, _)| draw(id)/>
        {move || opened.with(Option::is_none).then(no_project)}
    }
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
        {drawn_anew(opened, |id| view! { <Editor id=id/> }.into_any())}
        {move || project.get().map(|id| view! { <VersionsPanel id=id/> })}
    }
}

#[component]
pub fn ReportPage(id: Option<String>) -> impl IntoView {
    let opened = opened(expect_context::<AppState>(), id);
    view! {
        <h1 class="no-print">"报告"</h1>
        {drawn_anew(opened, |id| view! { <Report id=id/> }.into_any())}
    }
}

#[component]
pub fn CyclePage(id: Option<String>) -> impl IntoView {
    let opened = opened(expect_context::<AppState>(), id);
    view! {
        <h1 class="no-print">"目标与监控"</h1>
        {drawn_anew(opened, |id| view! { <Cycle id=id/> }.into_any())}
    }
}

/// 审核: the list of every project, or one project's review. Unlike the
/// other pages, no id shows the list, not the project opened last.
#[component]
pub fn ReviewPage(id: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    match id {
        None => ReviewList().into_any(),
        Some(id) => {
            let opened = opened(state, Some(id));
            view! {
                <h1 class="no-print">"审核"</h1>
                {drawn_anew(opened, |id| view! { <ProjectReview id=id/> }.into_any())}
            }
            .into_any()
        }
    }
}

#[component]
pub fn NotFound(hash: String) -> impl IntoView {
    view! {
        <h1>"页面不存在"</h1>
        <p>"地址 " <code>{hash}</code> " 没有对应的页面。"<a href=Route::List.href()>"返回项目列表"</a></p>
    }
}
