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
use crate::model::formats::json::schema::StoredRecord;
use crate::model::history::History;
use crate::model::overview::Summary;
use crate::model::project::Project;
use crate::model::versions::Reason;

/// Save state shown to the user; the document stays in memory whatever happens.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    Idle,
    Saved,
    Failed(String),
}

const CONFLICT_STATUS: &str = "此项目已在另一个窗口中修改，本窗口的修改尚未保存";

/// The app-wide state, provided as context.
///
/// Every project is known by its [`Summary`] (list order); a document is
/// read from storage only when a page, an export or an import needs it, so
/// startup does not grow with the number of projects.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every project, in list order, as the list and the 汇总 show it.
    pub summaries: RwSignal<Vec<Summary>>,
    /// The documents read so far (in no particular order).
    pub projects: RwSignal<Vec<Project>>,
    pub last_opened: RwSignal<Option<String>>,
    pub save_status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Vec<storage::Recovered>>,
    /// The project another tab saved while this one had it open.
    pub conflict: RwSignal<Option<String>>,
    /// Bumped when the open document is replaced from outside (another tab,
    /// an import): the editor's inputs are read once, so it must re-mount.
    pub generation: RwSignal<u64>,
    /// The stored revision and save time each read document had when this
    /// tab last read or wrote it.
    stamps: StoredValue<HashMap<String, (u64, f64)>>,
    /// Documents saved since their summary was made, as saved (a later edit
    /// whose save failed must not reach the stored summary), with their stamps.
    stale: StoredValue<Vec<(Project, u64, f64)>>,
    pending_summaries: StoredValue<Option<TimeoutHandle>>,
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

/// How long after the last save the edited documents' summaries are made
/// (the list and the 汇总 make them at once when they open).
const SUMMARY_DELAY: std::time::Duration = std::time::Duration::from_millis(1500);

impl AppState {
    fn load() -> Self {
        let loaded = storage::load_all();
        let state = Self {
            summaries: RwSignal::new(loaded.summaries),
            projects: RwSignal::new(Vec::new()),
            last_opened: RwSignal::new(storage::last_opened()),
            save_status: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(loaded.recovered),
            conflict: RwSignal::new(None),
            generation: RwSignal::new(0),
            stamps: StoredValue::new(HashMap::new()),
            stale: StoredValue::new(Vec::new()),
            pending_summaries: StoredValue::new(None),
            histories: StoredValue::new(HashMap::new()),
            history_version: RwSignal::new(0),
            refocus: StoredValue::new(None),
            flash: RwSignal::new(None),
            work: files::WorkFile::new(),
            kept: RwSignal::new(0),
        };
        state.keep_read(loaded.documents);
        state
    }

    /// Runs `f` on the undo history of project `id`.
    pub fn history<T>(&self, id: &str, f: impl FnOnce(&mut History) -> T) -> T {
        let mut out = None;
        self.histories.update_value(|all| {
            out = Some(f(all.entry(id.to_string()).or_default()));
        });
        out.expect("the closure ran")
    }

    /// Every project's id, in list order.
    fn ids(&self) -> Vec<String> {
        self.summaries
            .with_untracked(|all| all.iter().map(|s| s.row.id.clone()).collect())
    }

    fn known_revision(&self, id: &str) -> u64 {
        self.stamps
            .with_value(|r| r.get(id).map_or(0, |(revision, _)| *revision))
    }

    fn is_read(&self, id: &str) -> bool {
        self.projects
            .with_untracked(|all| all.iter().any(|p| p.id == id))
    }

    /// Reads project `id` from storage unless it is already in memory;
    /// `false` when there is no such project.
    pub fn read(&self, id: &str) -> bool {
        if self.is_read(id) {
            return true;
        }
        let Some(read) = storage::read(id) else {
            return false;
        };
        self.keep_read(vec![read]);
        true
    }

    /// Keeps documents read from storage in memory, with the revision and
    /// save time they were read at.
    fn keep_read(&self, records: Vec<(StoredRecord, f64)>) {
        if records.is_empty() {
            return;
        }
        self.stamps.update_value(|r| {
            for (record, saved_at) in &records {
                r.insert(record.project.id.clone(), (record.revision, *saved_at));
            }
        });
        self.projects
            .update(|all| all.extend(records.into_iter().map(|(record, _)| record.project)));
    }

    /// A copy of project `id`, read from storage if need be.
    pub fn document(&self, id: &str) -> Option<Project> {
        self.read(id);
        self.projects
            .with_untracked(|all| all.iter().find(|p| p.id == id).cloned())
    }

    /// Reads every project not yet in memory (an export, an import, the
    /// working file, batch printing need them all).
    pub fn read_all(&self) {
        let missing = self
            .ids()
            .iter()
            .filter(|id| !self.is_read(id))
            .filter_map(|id| storage::read(id))
            .collect();
        self.keep_read(missing);
    }

    /// Every project, in list order.
    pub fn all_documents(&self) -> Vec<Project> {
        self.read_all();
        let ids = self.ids();
        self.projects.with_untracked(|all| {
            ids.iter()
                .filter_map(|id| all.iter().find(|p| &p.id == id).cloned())
                .collect()
        })
    }

    /// Puts a changed document in place of the one with its id (or adds it
    /// at the end), keeps it as a 历史版本 first when `kept` says why, and saves it.
    pub fn replace(&self, project: Project, kept: Option<Reason>) {
        let id = project.id.clone();
        let Some(old) = self.document(&id) else {
            self.add(project);
            return;
        };
        if let Some(reason) = kept {
            versions::keep(*self, old, reason);
        }
        self.projects.update(|all| {
            if let Some(slot) = all.iter_mut().find(|p| p.id == id) {
                *slot = project;
            }
        });
        self.persist(&id);
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
            Some(Ok(stamp)) => {
                self.stamps
                    .update_value(|r| _ = r.insert(id.to_string(), stamp));
                if let Some(saved) = self
                    .projects
                    .with_untracked(|all| all.iter().find(|p| p.id == id).cloned())
                {
                    self.mark_stale(saved, stamp);
                }
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

    /// `saved` (as stored at `stamp`) needs its summary made again: shortly,
    /// not on every keystroke's save.
    fn mark_stale(&self, saved: Project, stamp: (u64, f64)) {
        self.stale.update_value(|all| {
            all.retain(|(p, _, _)| p.id != saved.id);
            all.push((saved, stamp.0, stamp.1));
        });
        if let Some(pending) = self.pending_summaries.get_value() {
            pending.clear();
        }
        let state = *self;
        let timer = set_timeout_with_handle(move || state.refresh_summaries(), SUMMARY_DELAY);
        self.pending_summaries.set_value(timer.ok());
    }

    /// Makes the summaries of the documents saved since, and stores them
    /// (the list and the 汇总 call this before they read the summaries).
    pub fn refresh_summaries(&self) {
        let saved = self
            .stale
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        if saved.is_empty() {
            return;
        }
        let made: Vec<Summary> = saved
            .iter()
            .map(|(project, revision, saved_at)| Summary::of(project, *revision, *saved_at))
            .collect();
        for summary in &made {
            storage::save_summary(summary);
        }
        self.summaries.update(|all| {
            for summary in made {
                put_summary(all, summary);
            }
        });
    }

    pub fn add(&self, project: Project) -> String {
        let at = self.summaries.with_untracked(Vec::len);
        self.insert(at, project)
    }

    /// Adds a project at list position `at` (an undone delete goes back where it was).
    pub fn insert(&self, at: usize, project: Project) -> String {
        let id = project.id.clone();
        // In the list order at once, so the index saved with it has it in place
        // (and once: an id listed already is moved, not listed twice).
        let placeholder = Summary::of(&project, 0, 0.0);
        self.summaries.update(|all| {
            all.retain(|s| s.row.id != id);
            all.insert(at.min(all.len()), placeholder);
        });
        self.projects.update(|all| {
            all.retain(|p| p.id != id);
            all.push(project);
        });
        self.persist(&id);
        // Saved: the summary made above describes what was stored; it only
        // lacks the stamp (scoring it a second time would change nothing).
        let saved = self.stale.try_update_value(|all| {
            let at = all.iter().position(|(p, _, _)| p.id == id)?;
            Some(all.remove(at))
        });
        if let Some(Some((_, revision, saved_at))) = saved {
            self.summaries.update(|all| {
                if let Some(summary) = all.iter_mut().find(|s| s.row.id == id) {
                    summary.revision = revision;
                    summary.saved_at = saved_at;
                    storage::save_summary(summary);
                }
            });
        }
        id
    }

    pub fn remove(&self, id: &str) {
        self.summaries.update(|all| all.retain(|s| s.row.id != id));
        self.projects.update(|all| all.retain(|p| p.id != id));
        self.stamps.update_value(|r| _ = r.remove(id));
        self.stale
            .update_value(|all| all.retain(|(p, _, _)| p.id != id));
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

    /// Another tab wrote `key`: take in new projects, flag edits to read
    /// ones; the list and the 汇总 show what is stored now.
    fn on_storage_changed(&self, key: &str) {
        let Some(id) = key.strip_prefix(storage::PROJECT_PREFIX) else {
            return;
        };
        let read_here = self.is_read(id);
        let Some((record, saved_at)) = storage::read(id) else {
            // Deleted there. A document open here stays (saving it brings it
            // back); one never read here leaves the list.
            if !read_here {
                self.summaries.update(|all| all.retain(|s| s.row.id != id));
            }
            return;
        };
        if read_here && record.revision != self.known_revision(id) {
            self.conflict.set(Some(id.to_string()));
        }
        // What this tab saved before is older than what is stored now.
        self.stale
            .update_value(|all| all.retain(|(p, _, _)| p.id != id));
        let summary = Summary::of(&record.project, record.revision, saved_at);
        let listed = self
            .summaries
            .with_untracked(|all| all.iter().any(|s| s.row.id == id));
        self.summaries.update(|all| put_summary(all, summary));
        if !listed && !read_here {
            self.keep_read(vec![(record, saved_at)]);
        }
    }

    /// Conflict choice 1: drop this tab's version, show the stored one.
    pub fn reload_theirs(&self, id: &str) {
        if let Some((record, saved_at)) = storage::read(id) {
            self.stamps
                .update_value(|r| _ = r.insert(id.to_string(), (record.revision, saved_at)));
            self.mark_stale(record.project.clone(), (record.revision, saved_at));
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

/// Puts `summary` in place of the one with its id, or at the end.
fn put_summary(all: &mut Vec<Summary>, summary: Summary) {
    match all.iter_mut().find(|s| s.row.id == summary.row.id) {
        Some(slot) => *slot = summary,
        None => all.push(summary),
    }
}

/// "共 N …，显示前 M …" with the button that draws the rest: the list and
/// the 汇总 draw a window of a long list.
pub fn show_all_note(text: String, button: String, show_all: RwSignal<bool>) -> impl IntoView {
    view! {
        <p class="list-more" role="status">
            {text}
            " "
            <button type="button" class="small" on:click=move |_| show_all.set(true)>{button}</button>
        </p>
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

/// The route in the address bar, with the document it shows read from
/// storage (the id in the route, else the project opened last).
fn current_route(state: AppState) -> Route {
    let route = Route::parse(&window().location().hash().unwrap_or_default());
    if let Route::Edit(id) | Route::Report(id) | Route::Cycle(id) = &route
        && let Some(id) = id.clone().or_else(|| state.last_opened.get_untracked())
    {
        state.read(&id);
    }
    route
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::load();
    provide_context(state);

    let route = RwSignal::new(current_route(state));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        route.set(current_route(state));
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
