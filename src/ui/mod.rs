//! The views. Components are thin: they read the document and memos of its
//! evaluation, and write the document; scoring lives in `model`.

mod charts;
mod cycle;
mod doc;
mod editor;
mod files;
mod list;
mod overview;
mod pages;
mod report;
mod transfer;
mod versions;
mod workbook;

use std::collections::HashMap;

use leptos::prelude::*;

use crate::browser::route::Route;
use crate::browser::storage;
use crate::model::history::History;
use crate::model::project::Project;

/// Save state shown to the user; the document stays in memory whatever happens.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saved,
    Failed(String),
}

const CONFLICT_STATUS: &str = "此项目已在另一个窗口中修改，本窗口的修改尚未保存";

/// The app-wide state, provided as context. Projects are kept in list order.
#[derive(Clone, Copy)]
pub struct AppState {
    pub projects: RwSignal<Vec<Project>>,
    pub last_opened: RwSignal<Option<String>>,
    pub save_status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Vec<storage::Recovered>>,
    /// The project another tab saved while this one had it open.
    pub conflict: RwSignal<Option<String>>,
    /// Bumped when the open document is replaced from outside (another tab,
    /// an import): the editor's inputs are read once, so it must re-mount.
    pub generation: RwSignal<u64>,
    /// The stored revision each project had when this tab last read or wrote it.
    revisions: StoredValue<HashMap<String, u64>>,
    /// Undo and redo, per project, for as long as the page is open.
    histories: StoredValue<HashMap<String, History>>,
    /// Bumped whenever a history gains or loses a step (the 撤销/重做 buttons).
    pub history_version: RwSignal<u64>,
    /// The DOM id to give focus back to when the editor re-mounts (after undo).
    pub refocus: StoredValue<Option<String>>,
    /// A notice that outlives a re-mount of the editor ("已粘贴…", "已撤销").
    pub flash: RwSignal<Option<String>>,
    /// The working file on disk, written after saves.
    pub work: files::WorkFile,
    /// Bumped when a 历史版本 has been written (the list re-reads).
    pub kept: RwSignal<u64>,
}

impl AppState {
    fn load() -> Self {
        let loaded = storage::load_all();
        let revisions = loaded
            .projects
            .iter()
            .map(|(p, revision)| (p.id.clone(), *revision))
            .collect();
        Self {
            projects: RwSignal::new(loaded.projects.into_iter().map(|(p, _)| p).collect()),
            last_opened: RwSignal::new(storage::last_opened()),
            save_status: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(loaded.recovered),
            conflict: RwSignal::new(None),
            generation: RwSignal::new(0),
            revisions: StoredValue::new(revisions),
            histories: StoredValue::new(HashMap::new()),
            history_version: RwSignal::new(0),
            refocus: StoredValue::new(None),
            flash: RwSignal::new(None),
            work: files::WorkFile::new(),
            kept: RwSignal::new(0),
        }
    }

    /// Runs `f` on the undo history of project `id`.
    pub fn history<T>(&self, id: &str, f: impl FnOnce(&mut History) -> T) -> T {
        let mut out = None;
        self.histories.update_value(|all| {
            out = Some(f(all.entry(id.to_string()).or_default()));
        });
        out.expect("the closure ran")
    }

    fn ids(&self) -> Vec<String> {
        self.projects
            .with_untracked(|all| all.iter().map(|p| p.id.clone()).collect())
    }

    fn known_revision(&self, id: &str) -> u64 {
        self.revisions
            .with_value(|r| r.get(id).copied().unwrap_or(0))
    }

    /// Writes one project (already updated in `projects`) to storage, unless
    /// another tab saved it meanwhile: then nothing is written and the user
    /// chooses (see [`ConflictBanner`]).
    pub fn persist(&self, id: &str) {
        if self.conflict.with_untracked(|c| c.as_deref() == Some(id)) {
            self.save_status
                .set(SaveStatus::Failed(CONFLICT_STATUS.to_string()));
            return;
        }
        let ids = self.ids();
        let known = self.known_revision(id);
        let result = self.projects.with_untracked(|all| {
            all.iter()
                .find(|p| p.id == id)
                .map(|project| storage::save(project, known, &ids))
        });
        match result {
            None => {}
            Some(Ok(revision)) => {
                self.revisions
                    .update_value(|r| _ = r.insert(id.to_string(), revision));
                self.save_status.set(SaveStatus::Saved);
                storage::ask_persist();
                self.work.schedule(*self);
            }
            Some(Err(storage::SaveError::Conflict)) => {
                self.conflict.set(Some(id.to_string()));
                self.save_status
                    .set(SaveStatus::Failed(CONFLICT_STATUS.to_string()));
            }
            Some(Err(storage::SaveError::Failed(reason))) => {
                self.save_status.set(SaveStatus::Failed(reason));
            }
        }
    }

    pub fn add(&self, project: Project) -> String {
        let id = project.id.clone();
        self.projects.update(|all| all.push(project));
        self.persist(&id);
        id
    }

    pub fn remove(&self, id: &str) {
        self.projects.update(|all| all.retain(|p| p.id != id));
        self.revisions.update_value(|r| _ = r.remove(id));
        let result = storage::remove(id, &self.ids());
        self.save_status.set(match result {
            Ok(()) => SaveStatus::Saved,
            Err(reason) => SaveStatus::Failed(reason),
        });
        self.work.schedule(*self);
    }

    pub fn open(&self, id: &str) {
        self.last_opened.set(Some(id.to_string()));
        storage::set_last_opened(id);
    }

    /// Another tab wrote `key`: take in new projects, flag edits to known ones.
    fn on_storage_changed(&self, key: &str) {
        let Some(id) = key.strip_prefix(storage::PROJECT_PREFIX) else {
            return;
        };
        let Some(record) = storage::read(id) else {
            return;
        };
        let known = self
            .projects
            .with_untracked(|all| all.iter().any(|p| p.id == id));
        if !known {
            self.revisions
                .update_value(|r| _ = r.insert(id.to_string(), record.revision));
            self.projects.update(|all| all.push(record.project));
        } else if record.revision > self.known_revision(id) {
            self.conflict.set(Some(id.to_string()));
        }
    }

    /// Conflict choice 1: drop this tab's version, show the stored one.
    pub fn reload_theirs(&self, id: &str) {
        if let Some(record) = storage::read(id) {
            self.revisions
                .update_value(|r| _ = r.insert(id.to_string(), record.revision));
            self.projects.update(|all| {
                if let Some(slot) = all.iter_mut().find(|p| p.id == id) {
                    *slot = record.project;
                }
            });
        }
        self.conflict.set(None);
        self.save_status.set(SaveStatus::Saved);
        self.generation.update(|g| *g += 1);
    }

    /// Conflict choice 2: keep both; this tab's version becomes a new project.
    pub fn keep_mine_as_copy(&self, id: &str) {
        let mine = self
            .projects
            .with_untracked(|all| all.iter().find(|p| p.id == id).cloned());
        self.reload_theirs(id);
        if let Some(mut mine) = mine {
            mine.id = new_project_id();
            mine.name = format!("{}（本窗口副本）", mine.name);
            let copy = self.add(mine);
            self.open(&copy);
            navigate(&Route::Edit(Some(copy)));
        }
    }
}

/// A fresh id, unique in this browser in practice (time + randomness).
pub fn new_project_id() -> String {
    let time = js_sys::Date::now() as u64;
    let noise = (js_sys::Math::random() * 1e9) as u64;
    format!("p{time:x}{noise:x}")
}

pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}

/// Focuses a control that is about to be rendered (a dialog's first button,
/// a form just opened, the button that opened a form just closed).
pub fn focus_by_id(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id)
            && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
        {
            let _ = element.focus();
        }
    });
}

fn current_route() -> Route {
    Route::parse(&window().location().hash().unwrap_or_default())
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    let route = RwSignal::new(current_route());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route());
    });
    // Fired only for writes made by other tabs or windows.
    let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
        if let Some(key) = ev.key() {
            state.on_storage_changed(&key);
        }
    });
    on_cleanup(move || {
        listener.remove();
        storage_listener.remove();
    });

    Effect::new(move |_| {
        let title = route.with(|r| r.title());
        document().set_title(&format!("{title} — 项目支出绩效自评"));
    });
    // Tests and the benchmark wait for this marker: mounted and data loaded.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-app-ready", "1");
        }
        if let Some(performance) = window().performance() {
            let _ = performance.mark("jixiao-ready");
        }
        files::start(state);
    });

    let nav_link = move |target: Route, label: &'static str| {
        let href = target.href();
        let current = move || {
            let same_page = std::mem::discriminant(&route.get()) == std::mem::discriminant(&target);
            if same_page { Some("page") } else { None }
        };
        view! { <a href=href aria-current=current>{label}</a> }
    };

    view! {
        <header class="app-header">
            <p class="app-title">"项目支出绩效自评"</p>
            <nav aria-label="主导航">
                {nav_link(Route::List, "项目列表")}
                {nav_link(Route::Edit(None), "编辑")}
                {nav_link(Route::Report(None), "报告")}
                {nav_link(Route::Cycle(None), "目标与监控")}
                {nav_link(Route::Overview, "汇总")}
            </nav>
            <files::WorkFileStatus/>
        </header>
        <RecoveryBanner/>
        <ConflictBanner/>
        <main id="main">
            {move || match route.get() {
                Route::List => list::ProjectList().into_any(),
                Route::Edit(id) => view! { <pages::EditPage id=id/> }.into_any(),
                Route::Report(id) => view! { <pages::ReportPage id=id/> }.into_any(),
                Route::Cycle(id) => view! { <pages::CyclePage id=id/> }.into_any(),
                Route::Overview => overview::OverviewPage().into_any(),
                Route::NotFound(hash) => view! { <pages::NotFound hash=hash/> }.into_any(),
            }}
        </main>
        <footer class="app-footer">
            "数据只保存在本浏览器中（localStorage），不会上传到任何服务器；换电脑或清理浏览器前请先导出备份。"
        </footer>
    }
}

#[component]
fn RecoveryBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = move || {
        state
            .recovered
            .get()
            .into_iter()
            .map(|item| {
                let key = item.recovery_key.clone();
                let download = move |_| {
                    if let Some(text) = storage::recovered_text(&key) {
                        let _ = crate::browser::download::download_text(&format!("{key}.txt"), "text/plain;charset=utf-8", &text);
                    }
                };
                view! {
                    <li>
                        {format!("{}：{}（原样保存在 {}）", item.original_key, item.reason, item.recovery_key)}
                        " "
                        <button type="button" class="small" on:click=download>"下载原始数据"</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        {move || (state.recovered.with(|r| !r.is_empty())).then(|| view! {
            <div class="banner banner-error" role="alert">
                <p>"部分本地数据无法读取。为防止丢失，它们已原样移至恢复区，没有删除；可下载原始数据交技术人员处理："</p>
                <ul>{items}</ul>
                <button type="button" class="small" on:click=move |_| state.recovered.set(Vec::new())>"知道了"</button>
            </div>
        })}
    }
}

#[component]
fn ConflictBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = move || {
        let id = state.conflict.get()?;
        state
            .projects
            .with(|all| all.iter().find(|p| p.id == id).map(|p| p.name.clone()))
    };
    let reload = move |_| {
        if let Some(id) = state.conflict.get_untracked() {
            state.reload_theirs(&id);
        }
    };
    let keep = move |_| {
        if let Some(id) = state.conflict.get_untracked() {
            state.keep_mine_as_copy(&id);
        }
    };
    view! {
        {move || (state.conflict.with(Option::is_some)).then(|| view! {
            <div class="banner banner-warning" role="alert" id="conflict-banner">
                <p>
                    {move || format!("项目“{}”已在另一个窗口或标签页中被修改并保存。为避免互相覆盖，本窗口之后的修改不会自动保存。请选择：", name().unwrap_or_default())}
                </p>
                <button type="button" on:click=reload>"载入对方的版本"</button>
                " "
                <button type="button" on:click=keep>"将我的版本另存为副本"</button>
            </div>
        })}
    }
}
