//! 历史版本: keeping snapshots (queued, one IndexedDB write at a time) and
//! the list on the 编辑 page with 恢复. What is kept is decided by
//! `jixiao_core::versions`.

use std::cell::RefCell;
use std::collections::VecDeque;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{AppState, Replacement};
use crate::browser::clock::local_time;
use crate::browser::idb;
use jixiao_core::project::Project;
use jixiao_core::versions::{self, Entry, Plan, Reason, Shelf};

thread_local! {
    /// The store's metadata, read once on first use, then kept in step.
    static SHELF: RefCell<Option<Shelf>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<(Project, Reason, f64)>> = const { RefCell::new(VecDeque::new()) };
    static RUNNING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Keeps `project` as a version (unless the newest one is the same).
/// Writes are queued so that two snapshots never plan from the same shelf.
pub fn keep(state: AppState, project: Project, reason: Reason) {
    QUEUE.with_borrow_mut(|q| q.push_back((project, reason, js_sys::Date::now())));
    if !RUNNING.replace(true) {
        spawn_local(drain(state));
    }
}

async fn shelf() -> Option<Shelf> {
    if let Some(shelf) = SHELF.with_borrow(Clone::clone) {
        return Some(shelf);
    }
    let shelf = idb::shelf().await.ok()?;
    SHELF.set(Some(shelf.clone()));
    Some(shelf)
}

fn quota_exceeded(err: &wasm_bindgen::JsValue) -> bool {
    js_sys::Reflect::get(err, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|n| n == "QuotaExceededError")
}

async fn drain(state: AppState) {
    // Without IndexedDB (disabled by policy) there are no versions; the
    // document itself is in localStorage either way.
    let Some(mut shelf) = shelf().await else {
        QUEUE.with_borrow_mut(VecDeque::clear);
        RUNNING.set(false);
        return;
    };
    while let Some((project, reason, at)) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
        let plan = shelf.plan(&project, reason, at);
        if plan.add.is_none() {
            continue;
        }
        // The browser's quota can be below our own cap: old versions make
        // room, oldest first, never the document (that is in localStorage).
        loop {
            match idb::write(&plan).await {
                Ok(()) => {
                    shelf.apply(&plan);
                    break;
                }
                Err(err) if quota_exceeded(&err) => {
                    let Some(oldest) = shelf.oldest() else { break };
                    let room = Plan {
                        add: None,
                        drop: vec![oldest],
                    };
                    if idb::write(&room).await.is_err() {
                        break;
                    }
                    shelf.apply(&room);
                }
                Err(_) => break,
            }
        }
        SHELF.set(Some(shelf.clone()));
    }
    RUNNING.set(false);
    state.kept.update(|n| *n += 1);
}

/// How many versions there are and their size, for the 存储 panel.
pub async fn totals() -> Option<(usize, usize)> {
    shelf().await.map(|s| (s.metas.len(), s.bytes()))
}

async fn restore(state: AppState, id: String, version: u64, at: f64) -> Result<String, String> {
    let text = idb::text(version)
        .await
        .ok()
        .flatten()
        .ok_or("找不到这个版本（可能已被清理）")?;
    let restored = versions::load(&text).map_err(|e| e.message())?;
    if state.open_document(&id).is_none() {
        return Err("项目已不存在".to_string());
    }
    let restored = Project {
        id: id.clone(),
        updated_at: js_sys::Date::now(),
        ..restored
    };
    state.replace_read(restored, Replacement::Restore);
    Ok(format!(
        "已恢复 {} 的版本；恢复前的内容已另存为一个历史版本，也可按“撤销”退回。",
        local_time(at)
    ))
}

/// The list of the open project's versions, under the editor.
#[component]
pub fn VersionsPanel(id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let entries = RwSignal::new(None::<Vec<Entry>>);
    let message = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    Effect::new(move |_| {
        state.kept.track();
        let document = state.open_document(&id.get_value());
        if let Some(document) = &document {
            document.replaced.track();
        }
        if !open.get() {
            return;
        }
        spawn_local(async move {
            let shelf = shelf().await.unwrap_or_default();
            let listed = document.map(|d| d.project.with_untracked(|p| shelf.entries(p)));
            entries.set(listed);
        });
    });
    let rows = move || {
        entries.get().map(|list| {
            if list.is_empty() {
                return view! { <p class="empty">"还没有历史版本：编辑时每 10 分钟、粘贴、删除一级/二级指标、修改评分规则、导入和恢复之前都会自动保存一个。"</p> }.into_any();
            }
            let rows = list
                .into_iter()
                .map(|entry| {
                    let (version, at) = (entry.id, entry.at);
                    let restore_click = move |_| {
                        spawn_local(async move {
                            let said = restore(state, id.get_value(), version, at).await;
                            message.set(Some(said.unwrap_or_else(|e| format!("恢复失败：{e}"))));
                        });
                    };
                    view! {
                        <tr>
                            <td>{local_time(entry.at)}</td>
                            <td>{entry.reason}</td>
                            <td>{entry.summary}</td>
                            <td><button type="button" class="small" on:click=restore_click>"恢复此版本"</button></td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="versions-list">
                    <thead><tr><th scope="col">"时间"</th><th scope="col">"保存原因"</th><th scope="col">"之后的变化"</th><th scope="col">"操作"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        })
    };
    view! {
        <section class="versions no-print" aria-label="历史版本">
            <button type="button" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>"历史版本"</button>
            {move || message.get().map(|m| view! { <p role="status" class="import-notice">{m}</p> })}
            {move || open.get().then(rows)}
        </section>
    }
}
