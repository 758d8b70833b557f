//! The views. Components are thin: they read the document and memos of its
//! evaluation, and write the document; scoring lives in `model`.

mod charts;
mod checkup;
mod cycle;
mod doc;
mod editor;
mod files;
mod list;
mod overview;
mod pages;
mod report;
mod review;
mod transfer;
mod versions;
mod workbook;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::browser::route::Route;
use crate::browser::storage;
use jixiao_core::finding::Filter;
use jixiao_core::formats::json::schema::{self, StoredRecord};
use jixiao_core::history::History;
use jixiao_core::overview::Summary;
use jixiao_core::project::Project;
use jixiao_core::versions::Reason;
use jixiao_core::workspace::{Command, Event, SaveFailure, Stamp, Workspace};
pub use jixiao_core::workspace::{Replacement, SaveStatus};

/// One document read into memory, owned here alone: its own signal (an
/// edit re-runs what shows this document, not what shows the others), how
/// many times it was replaced as a whole (what shows it is drawn again
/// then: inputs read their value once), and its undo history.
#[derive(Clone)]
pub struct OpenDocument {
    id: String,
    pub project: ArcRwSignal<Project>,
    pub replaced: ArcRwSignal<u64>,
    history: ArcStoredValue<History>,
}

impl OpenDocument {
    fn new(project: Project) -> Self {
        Self {
            id: project.id.clone(),
            project: ArcRwSignal::new(project),
            replaced: ArcRwSignal::new(0),
            history: ArcStoredValue::new(History::default()),
        }
    }
}

/// The app-wide state, provided as context.
///
/// Every project is known by its [`Summary`] (list order); a document is
/// read from storage only when a page, an export or an import needs it, so
/// startup does not grow with the number of projects. Storage is
/// IndexedDB, so reads and saves finish later: the document in memory is
/// what the user sees. What to save when, and what a save's outcome means,
/// is decided by the [`Workspace`] (`jixiao_core::workspace`): this carries out
/// its commands and tells it what happened.
#[derive(Clone, Copy)]
pub struct AppState {
    /// Every project, in list order, as the list and the 汇总 show it.
    pub summaries: RwSignal<Vec<Summary>>,
    /// The documents read so far (in no particular order); this list
    /// changes when one is read, added or removed, not on edits.
    documents: RwSignal<Vec<OpenDocument>>,
    pub last_opened: RwSignal<Option<String>>,
    pub save_status: RwSignal<SaveStatus>,
    pub recovered: RwSignal<Vec<storage::Recovered>>,
    /// The project another tab saved while this one had it open.
    pub conflict: RwSignal<Option<String>>,
    /// Why the stored projects could not be read, if they could not: then
    /// nothing is saved either, so nothing stored is overwritten.
    pub problem: RwSignal<Option<String>>,
    /// What this tab knows of each read document's storage: stamps, saves
    /// under way or failed, copies kept aside, summaries due.
    workspace: StoredValue<Workspace<Project>>,
    pending_summaries: StoredValue<Option<TimeoutHandle>>,
    /// False until the stored projects have been read.
    loaded: StoredValue<bool>,
    /// The page shown is the list or the 汇总, which show the summaries.
    summaries_shown: StoredValue<bool>,
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
    /// Which findings the 体检 lists (by category and stage), the same in
    /// the editor and the report for as long as the page is open.
    pub checkup_filter: RwSignal<Filter>,
}

/// How long after the last save the edited documents' summaries are made
/// (the list and the 汇总 make them at once when they open).
const SUMMARY_DELAY: std::time::Duration = std::time::Duration::from_millis(1500);

impl AppState {
    fn new() -> Self {
        Self {
            summaries: RwSignal::new(Vec::new()),
            documents: RwSignal::new(Vec::new()),
            last_opened: RwSignal::new(storage::last_opened()),
            save_status: RwSignal::new(SaveStatus::Idle),
            recovered: RwSignal::new(Vec::new()),
            conflict: RwSignal::new(None),
            problem: RwSignal::new(None),
            workspace: StoredValue::new(Workspace::default()),
            pending_summaries: StoredValue::new(None),
            loaded: StoredValue::new(false),
            summaries_shown: StoredValue::new(false),
            history_version: RwSignal::new(0),
            refocus: StoredValue::new(None),
            flash: RwSignal::new(None),
            work: files::WorkFile::new(),
            kept: RwSignal::new(0),
            checkup_filter: RwSignal::new(Filter::default()),
        }
    }

    async fn load(&self) {
        let loaded = storage::load_all().await;
        self.feed(Event::Loaded {
            problem: loaded.problem.clone(),
        });
        self.problem.set(loaded.problem);
        self.recovered.set(loaded.recovered);
        self.summaries.set(loaded.summaries);
        self.keep_read(loaded.documents);
        self.loaded.set_value(true);
    }

    /// The document of project `id` if it is read (untracked).
    pub fn open_document(&self, id: &str) -> Option<OpenDocument> {
        self.documents
            .with_untracked(|all| all.iter().find(|d| d.id == id).cloned())
    }

    /// The document of project `id` if it is read, tracked: re-runs the
    /// caller when a document is read, added or removed (not on edits).
    pub fn tracked_document(&self, id: &str) -> Option<OpenDocument> {
        self.documents
            .with(|all| all.iter().find(|d| d.id == id).cloned())
    }

    /// Runs `f` on the undo history of project `id` (a passing one when it
    /// is not read).
    pub fn history<T>(&self, id: &str, f: impl FnOnce(&mut History) -> T) -> T {
        match self.open_document(id) {
            Some(document) => f(&mut document.history.write_value()),
            None => f(&mut History::default()),
        }
    }

    /// Every project's id, in list order.
    fn ids(&self) -> Vec<String> {
        self.summaries
            .with_untracked(|all| all.iter().map(|s| s.row.id.clone()).collect())
    }

    /// What the workspace makes of `event`.
    fn decide(&self, event: Event<Project>) -> Vec<Command<Project>> {
        self.workspace
            .try_update_value(|workspace| workspace.on(event))
            .unwrap_or_default()
    }

    /// Tells the workspace of `event` and carries out what it says.
    fn feed(&self, event: Event<Project>) {
        for command in self.decide(event) {
            self.carry_out(command);
        }
    }

    fn carry_out(&self, command: Command<Project>) {
        match command {
            Command::Save {
                id,
                base,
                revision,
                with_summary,
            } => self.save(id, base, revision, with_summary),
            Command::SummariesDue => self.summaries_due(),
            Command::StoreSummaries(saved) => {
                let made: Vec<Summary> = saved
                    .iter()
                    .map(|(project, (revision, saved_at))| {
                        Summary::of(project, *revision, *saved_at)
                    })
                    .collect();
                self.summaries.update(|all| {
                    for summary in &made {
                        put_summary(all, summary.clone());
                    }
                });
                spawn_local(async move { storage::store_summaries(&made).await });
            }
            Command::WriteIndex => _ = storage::write_index(&self.ids()),
            Command::KeepAside { id, revision } => {
                if let Some(project) = self.in_memory(&id) {
                    let text = schema::record_to_json(&project, revision, js_sys::Date::now());
                    storage::keep_unsaved(&id, &text);
                }
            }
            Command::DropKeptCopy { id } => storage::drop_unsaved(&id),
            Command::ShowConflict(id) => self.conflict.set(id),
            Command::SetStatus(status) => self.save_status.set(status),
            Command::AskPersist => storage::ask_persist(),
            Command::ScheduleWorkFile => self.work.schedule(*self),
            Command::Delete { id, stamp } => {
                let state = *self;
                spawn_local(async move {
                    let result = storage::remove(&id).await;
                    state.feed(Event::DeleteFinished { id, stamp, result });
                });
            }
            Command::Unlist { id } => self.summaries.update(|all| all.retain(|s| s.row.id != id)),
            Command::KeepVersion { id, reason } => {
                if let Some(project) = self.in_memory(&id) {
                    versions::keep(*self, project, reason);
                }
            }
            Command::RecordUndoStep { id } => {
                if let Some(document) = self.open_document(&id) {
                    let current = document.project.get_untracked();
                    document.history.write_value().record(&current, None);
                    self.history_version.update(|v| *v += 1);
                }
            }
            Command::Swap { id, document } => {
                if let Some(open) = self.open_document(&id) {
                    open.project.set(document);
                }
            }
            Command::Remount { id } => {
                if let Some(document) = self.open_document(&id) {
                    document.replaced.update(|n| *n += 1);
                }
            }
            // Carried out where the summary or the stored record is at hand
            // (`save`, `on_changed_elsewhere`).
            Command::ListSavedSummary { .. } | Command::ListStored { .. } => {}
        }
    }

    fn is_read(&self, id: &str) -> bool {
        self.documents
            .with_untracked(|all| all.iter().any(|d| d.id == id))
    }

    /// Reads project `id` from storage unless it is already in memory;
    /// `false` when there is no such project.
    pub async fn read(&self, id: &str) -> bool {
        if !self.is_read(id) {
            self.read_ids(vec![id.to_string()]).await;
        }
        self.is_read(id)
    }

    async fn read_ids(&self, ids: Vec<String>) {
        let (records, recovered) = storage::read_many(ids).await;
        self.set_aside(recovered);
        // Read meanwhile by another task (and perhaps edited since): keep that one.
        let records = records
            .into_iter()
            .filter(|(record, _)| !self.is_read(&record.project.id))
            .collect();
        self.keep_read(records);
    }

    /// Keeps documents read from storage in memory, with the revision and
    /// save time they were read at.
    fn keep_read(&self, records: Vec<(StoredRecord, f64)>) {
        if records.is_empty() {
            return;
        }
        let read: Vec<(String, Stamp)> = records
            .iter()
            .map(|(record, saved_at)| (record.project.id.clone(), (record.revision, *saved_at)))
            .collect();
        self.documents.update(|all| {
            all.extend(
                records
                    .into_iter()
                    .map(|(record, _)| OpenDocument::new(record.project)),
            )
        });
        for (id, stamp) in read {
            self.feed(Event::Read { id, stamp });
        }
    }

    /// Records that could not be read were moved aside: shown in the
    /// banner, no longer listed.
    fn set_aside(&self, recovered: Vec<storage::Recovered>) {
        if recovered.is_empty() {
            return;
        }
        self.summaries.update(|all| {
            all.retain(|s| {
                !recovered
                    .iter()
                    .any(|r| r.project.as_deref() == Some(s.row.id.as_str()))
            })
        });
        self.recovered.update(|all| all.extend(recovered));
    }

    fn in_memory(&self, id: &str) -> Option<Project> {
        self.open_document(id).map(|d| d.project.get_untracked())
    }

    /// A copy of project `id`, read from storage if need be.
    pub async fn document(&self, id: &str) -> Option<Project> {
        self.read(id).await;
        self.in_memory(id)
    }

    /// Runs `then` with a copy of project `id` once it is read (if it exists).
    pub fn with_document(&self, id: String, then: impl FnOnce(Project) + 'static) {
        self.with_document_boxed(id, Box::new(then));
    }

    // One future for every caller, not one per closure: each costs wasm.
    fn with_document_boxed(&self, id: String, then: Box<dyn FnOnce(Project)>) {
        let state = *self;
        spawn_local(async move {
            if let Some(project) = state.document(&id).await {
                then(project);
            }
        });
    }

    /// Reads every project not yet in memory. What needs them all (an
    /// export, the working file, an import's comparison, batch printing)
    /// must not go on with part of them: an error says how many are missing.
    pub async fn read_all(&self) -> Result<(), String> {
        let unread = || -> Vec<String> {
            self.ids()
                .into_iter()
                .filter(|id| !self.is_read(id))
                .collect()
        };
        self.read_ids(unread()).await;
        match unread().len() {
            0 => Ok(()),
            n => Err(format!(
                "有 {n} 个项目未能从浏览器存储中读取，为免结果不完整，没有继续。请刷新页面后再试。"
            )),
        }
    }

    /// Every project, in list order.
    pub async fn all_documents(&self) -> Result<Vec<Project>, String> {
        self.read_all().await?;
        Ok(self
            .ids()
            .iter()
            .filter_map(|id| self.in_memory(id))
            .collect())
    }

    /// Puts `project` in place of the one with its id, read from storage
    /// first if need be (or adds it at the end when there is none).
    pub async fn replace(&self, project: Project, why: Replacement) {
        if self.read(&project.id).await {
            self.replace_read(project, why);
        } else {
            self.add(project);
        }
    }

    /// The one way a document in memory is replaced as a whole: what the
    /// workspace says is kept of the one replaced (a 历史版本, an undo
    /// step) is kept first, the new one is saved, and what shows it is
    /// drawn again.
    pub fn replace_read(&self, project: Project, why: Replacement) {
        self.feed(Event::Replaced {
            id: project.id.clone(),
            document: project,
            why,
        });
    }

    /// Project `id` is about to be edited: the workspace says whether the
    /// document as it is now is kept as a 历史版本 first.
    pub fn editing(&self, id: &str, kept: Option<Reason>) {
        self.feed(Event::Editing {
            id: id.to_string(),
            at: js_sys::Date::now(),
            kept,
        });
    }

    /// Writes one project (already updated in memory) to storage, unless
    /// another tab saved it meanwhile: then nothing is written and the user
    /// chooses (see [`ConflictBanner`]).
    pub fn persist(&self, id: &str) {
        self.feed(Event::Edited { id: id.to_string() });
    }

    /// Writes the document in memory as record `revision` if storage still
    /// holds `base`; with the summary listed for it when `with_summary`
    /// (made of it when it was added).
    fn save(&self, id: String, base: Stamp, revision: u64, with_summary: bool) {
        let state = *self;
        // Taken now: the one `insert` listed, made of the document it added.
        let listed = with_summary
            .then(|| {
                self.summaries
                    .with_untracked(|all| all.iter().find(|s| s.row.id == id).cloned())
            })
            .flatten();
        spawn_local(async move {
            let Some(project) = state.in_memory(&id) else {
                // Deleted meanwhile: the workspace lets the save go.
                let failure = SaveFailure::Refused(String::new());
                return state.feed(Event::SaveFailed { id, failure });
            };
            let stamp = (revision, js_sys::Date::now());
            let text = schema::record_to_json(&project, stamp.0, stamp.1);
            let mut summary = listed.map(|s| Summary {
                revision: stamp.0,
                saved_at: stamp.1,
                ..s
            });
            let result = storage::save(
                &id,
                &text,
                base,
                summary.as_ref().map(schema::summary_to_json),
            )
            .await;
            let event = match result {
                Ok(()) => Event::SaveDone {
                    id,
                    stamp,
                    document: project,
                },
                Err(storage::SaveError::Conflict) => Event::SaveFailed {
                    id,
                    failure: SaveFailure::Conflict,
                },
                Err(storage::SaveError::Failed(reason)) => Event::SaveFailed {
                    id,
                    failure: SaveFailure::Refused(reason),
                },
            };
            for command in state.decide(event) {
                match command {
                    Command::ListSavedSummary { .. } => {
                        if let Some(stored) = summary.take() {
                            state.summaries.update(|all| put_summary(all, stored));
                        }
                    }
                    command => state.carry_out(command),
                }
            }
        });
    }

    /// The page is going away: what is not stored yet (saves under way, or
    /// failed) also goes where the next start moves it in from, which keeps
    /// it aside if storage holds a later save.
    pub fn keep_unsaved(&self) {
        self.feed(Event::PageHidden);
    }

    /// Saved documents need their summaries made again: shortly, not on
    /// every keystroke's save.
    fn summaries_due(&self) {
        // A save that finishes once the list or the 汇总 is open (leaving the
        // editor saves): they show it at once.
        if self.summaries_shown.get_value() {
            self.refresh_summaries();
            return;
        }
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
        self.feed(Event::SummariesWanted);
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
            all.insert(at.min(all.len()), placeholder.clone());
        });
        self.documents.update(|all| {
            all.retain(|d| d.id != id);
            all.push(OpenDocument::new(project));
        });
        // The summary made above is stored with the record: scoring it a
        // second time would change nothing.
        self.feed(Event::Added { id: id.clone() });
        id
    }

    pub fn remove(&self, id: &str) {
        self.summaries.update(|all| all.retain(|s| s.row.id != id));
        self.documents.update(|all| all.retain(|d| d.id != id));
        self.feed(Event::Deleted { id: id.to_string() });
    }

    pub fn open(&self, id: &str) {
        self.last_opened.set(Some(id.to_string()));
        storage::set_last_opened(id);
    }

    /// The record stored for `id` now (an unreadable one is set aside).
    async fn read_stored(&self, id: &str) -> Option<(StoredRecord, f64)> {
        let (mut records, recovered) = storage::read_many(vec![id.to_string()]).await;
        self.set_aside(recovered);
        records.pop()
    }

    /// Another tab saved or deleted project `id`: take in new projects, flag
    /// edits to read ones; the list and the 汇总 show what is stored now.
    async fn on_changed_elsewhere(&self, id: &str) {
        let Some((record, saved_at)) = self.read_stored(id).await else {
            let stored = None;
            return self.feed(Event::ChangedElsewhere {
                id: id.to_string(),
                stored,
            });
        };
        let stored = Some((record.revision, saved_at));
        let mut record = Some(record);
        for command in self.decide(Event::ChangedElsewhere {
            id: id.to_string(),
            stored,
        }) {
            let Command::ListStored { take_document, .. } = command else {
                self.carry_out(command);
                continue;
            };
            let Some(record) = record.take() else {
                continue;
            };
            let summary = Summary::of(&record.project, record.revision, saved_at);
            let listed = self
                .summaries
                .with_untracked(|all| all.iter().any(|s| s.row.id == id));
            self.summaries.update(|all| put_summary(all, summary));
            if !listed && take_document {
                self.keep_read(vec![(record, saved_at)]);
            }
        }
    }

    /// Conflict choice 1: drop this tab's version, show the stored one.
    /// This tab's version is kept as a 历史版本 first: nothing typed is lost.
    pub async fn reload_theirs(&self, id: &str) {
        let stored = self.read_stored(id).await.map(|(record, saved_at)| {
            let project = record.project;
            self.replace_read(project.clone(), Replacement::Theirs);
            ((record.revision, saved_at), project)
        });
        self.feed(Event::ReloadedTheirs {
            id: id.to_string(),
            stored,
        });
    }

    /// Conflict choice 2: keep both; this tab's version becomes a new project.
    pub async fn keep_mine_as_copy(&self, id: &str) {
        let mine = self.in_memory(id);
        self.reload_theirs(id).await;
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
    when_rendered(id.into(), |element| {
        if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
            let _ = element.focus();
        }
    });
}

/// How many microtask turns to wait for an element before the next frame.
const RENDER_TURNS: usize = 32;

/// Runs `then` on the element with this id once it is rendered, within the
/// same task as the event that asked for it: Leptos renders a change in
/// microtasks, which all run before the browser dispatches the next key. A
/// frame later (`requestAnimationFrame`), keys typed meanwhile would go to
/// the element left behind and replace its text (issue 25). The next frame
/// stays as a fallback for an element drawn later still.
pub fn when_rendered(id: String, then: impl FnOnce(&Element) + 'static) {
    spawn_local(async move {
        for _ in 0..RENDER_TURNS {
            if let Some(element) = document().get_element_by_id(&id) {
                then(&element);
                return;
            }
            let turn = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
            let _ = wasm_bindgen_futures::JsFuture::from(turn).await;
        }
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(&id) {
                then(&element);
            }
        });
    });
}

/// The route in the address bar, once the document it shows is read from
/// storage (the id in the route, else the project opened last). `None` when
/// the address changed again meanwhile.
async fn current_route(state: AppState) -> Option<Route> {
    let hash = window().location().hash().unwrap_or_default();
    let route = Route::parse(&hash);
    let shown = match &route {
        Route::Edit(id) | Route::Report(id) | Route::Cycle(id) => {
            id.clone().or_else(|| state.last_opened.get_untracked())
        }
        // Without an id, 审核 shows its list.
        Route::Review(id) => id.clone(),
        _ => None,
    };
    if let Some(id) = shown {
        state.read(&id).await;
    }
    (window().location().hash().unwrap_or_default() == hash).then_some(route)
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);

    // Nothing is shown until the stored projects are known.
    let route = RwSignal::new(None::<Route>);
    // Before the stored projects are known, an address change waits: the
    // load shows the address as it is then.
    let show = move || {
        if state.loaded.get_value() {
            spawn_local(async move {
                if let Some(current) = current_route(state).await {
                    route.set(Some(current));
                }
            })
        }
    };
    spawn_local(async move {
        state.load().await;
        show();
    });
    let listener = window_event_listener(leptos::ev::hashchange, move |_| show());
    // Fired only for writes made by other tabs or windows.
    let storage_listener = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() == Some(storage::CHANGED_KEY)
            && let Some(value) = ev.new_value()
        {
            let id = storage::changed_id(&value).to_string();
            spawn_local(async move { state.on_changed_elsewhere(&id).await });
        }
    });
    let hide_listener = window_event_listener(leptos::ev::pagehide, move |_| state.keep_unsaved());
    on_cleanup(move || {
        listener.remove();
        storage_listener.remove();
        hide_listener.remove();
    });

    Effect::new(move |_| {
        if let Some(title) = route.with(|r| r.as_ref().map(Route::title)) {
            document().set_title(&format!("{title} — 项目支出绩效自评"));
        }
    });
    // Tests and the benchmark wait for this marker: data loaded and the
    // first page drawn (the microtask runs once the page is in the DOM).
    let ready = StoredValue::new(false);
    let mark_ready = move || {
        if !ready.get_value() {
            ready.set_value(true);
            queue_microtask(move || {
                if let Some(root) = document().document_element() {
                    let _ = root.set_attribute("data-app-ready", "1");
                }
                if let Some(performance) = window().performance() {
                    let _ = performance.mark("jixiao-ready");
                }
                files::start(state);
            });
        }
    };

    let nav_link = move |target: Route, label: &'static str| {
        let href = target.href();
        let current = move || {
            let same_page = route.with(|r| {
                r.as_ref()
                    .is_some_and(|r| std::mem::discriminant(r) == std::mem::discriminant(&target))
            });
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
                {nav_link(Route::Review(None), "审核")}
            </nav>
            <files::WorkFileStatus/>
        </header>
        {move || state.problem.get().map(|problem| view! {
            <div class="banner banner-error" role="alert"><p>{problem}</p></div>
        })}
        <RecoveryBanner/>
        <ConflictBanner/>
        <main id="main">
            {move || {
                let Some(route) = route.get() else {
                    return ().into_any();
                };
                mark_ready();
                state
                    .summaries_shown
                    .set_value(matches!(route, Route::List | Route::Overview));
                match route {
                    Route::List => list::ProjectList().into_any(),
                    Route::Edit(id) => view! { <pages::EditPage id=id/> }.into_any(),
                    Route::Report(id) => view! { <pages::ReportPage id=id/> }.into_any(),
                    Route::Cycle(id) => view! { <pages::CyclePage id=id/> }.into_any(),
                    Route::Overview => overview::OverviewPage().into_any(),
                    Route::Review(id) => view! { <pages::ReviewPage id=id/> }.into_any(),
                    Route::NotFound(hash) => view! { <pages::NotFound hash=hash/> }.into_any(),
                }
            }}
        </main>
        <footer class="app-footer">
            "数据只保存在本浏览器中（IndexedDB），不会上传到任何服务器；换电脑或清理浏览器前请先导出备份。"
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
            .tracked_document(&id)
            .map(|d| d.project.with(|p| p.name.clone()))
    };
    let reload = move |_| {
        if let Some(id) = state.conflict.get_untracked() {
            spawn_local(async move { state.reload_theirs(&id).await });
        }
    };
    let keep = move |_| {
        if let Some(id) = state.conflict.get_untracked() {
            spawn_local(async move { state.keep_mine_as_copy(&id).await });
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
