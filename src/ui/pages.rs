//! Pages that later issues fill: for now each names itself and resolves its
//! project (explicit id, else the project opened last).

use leptos::prelude::*;

use super::AppState;
use super::editor::Editor;
use super::report::Report;
use crate::route::Route;

/// The project a page shows: the id in the route, else the one opened last.
fn resolve(state: AppState, id: Option<String>) -> Memo<Option<(String, String)>> {
    Memo::new(move |_| {
        let wanted = id.clone().or_else(|| state.last_opened.get())?;
        state.projects.with(|all| {
            all.iter()
                .find(|p| p.id == wanted)
                .map(|p| (p.id.clone(), p.name.clone()))
        })
    })
}

fn no_project() -> impl IntoView {
    view! {
        <p class="empty">"尚未选择项目。请先在" <a href=Route::List.href()>"项目列表"</a> "中新建或打开一个项目。"</p>
    }
}

#[component]
pub fn EditPage(id: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let project = resolve(state, id);
    // Re-mount the editor only when another project is opened or the
    // document is replaced from outside, not on edits.
    let opened = Memo::new(move |_| project.get().map(|(id, _)| (id, state.generation.get())));
    Effect::new(move |_| {
        if let Some((id, _)) = opened.get() {
            state.open(&id);
        }
    });
    view! {
        <h1>"编辑"</h1>
        {move || match opened.get() {
            Some((id, _)) => view! { <Editor id=id/> }.into_any(),
            None => no_project().into_any(),
        }}
    }
}

#[component]
pub fn ReportPage(id: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let project = resolve(state, id);
    let opened = Memo::new(move |_| project.get().map(|(id, _)| (id, state.generation.get())));
    Effect::new(move |_| {
        if let Some((id, _)) = opened.get() {
            state.open(&id);
        }
    });
    view! {
        <h1 class="no-print">"报告"</h1>
        {move || match opened.get() {
            Some((id, _)) => view! { <Report id=id/> }.into_any(),
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
