//! 工作文件 (a file on disk that every autosave also writes, in the
//! exchange format of docs/format.md) and the 存储 panel.
//!
//! The file holds every project. Reading it back (打开文件, 重新连接, or a
//! kept handle that is still permitted) takes the projects that are new or
//! edited later there (`exchange::take_newer`); a project replaced is kept
//! as a 历史版本 first. localStorage stays the working copy: a failed file
//! write is shown and changes nothing else.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use super::AppState;
use super::transfer::{export_all, now_iso};
use crate::browser::clock::local_time;
use crate::browser::files::{self, FileHandle};
use crate::browser::{idb, storage};
use crate::ui::Replacement;
use jixiao_core::formats::json::exchange;
use jixiao_core::project::Project;

/// Long enough to batch a burst of saves into one file write.
const WRITE_DELAY: Duration = Duration::from_millis(1000);

thread_local! {
    static HANDLE: RefCell<Option<FileHandle>> = const { RefCell::new(None) };
    static PENDING: RefCell<Option<TimeoutHandle>> = const { RefCell::new(None) };
}

/// What the page shows of the working file.
#[derive(Clone, Copy)]
pub struct WorkFile {
    /// The connected file's name.
    pub name: RwSignal<Option<String>>,
    /// When it was last written (ms).
    pub written: RwSignal<Option<f64>>,
    pub error: RwSignal<Option<String>>,
    pub notice: RwSignal<Option<String>>,
    /// A file known from before that needs one click to be used again.
    pub offer: RwSignal<Option<String>>,
}

impl WorkFile {
    pub fn new() -> Self {
        Self {
            name: RwSignal::new(None),
            written: RwSignal::new(None),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
            offer: RwSignal::new(None),
        }
    }

    /// After a save: write the file once saves pause.
    pub fn schedule(self, state: AppState) {
        if self.name.get_untracked().is_none() {
            return;
        }
        if let Some(pending) = PENDING.take() {
            pending.clear();
        }
        let timer =
            set_timeout_with_handle(move || spawn_local(self.write_now(state)), WRITE_DELAY);
        PENDING.set(timer.ok());
    }

    async fn write_now(self, state: AppState) {
        let Some(handle) = HANDLE.with_borrow(Clone::clone) else {
            return;
        };
        let all = match state.all_documents().await {
            Ok(all) => all,
            Err(why) => {
                self.error.set(Some(format!("没有写入工作文件：{why}")));
                return;
            }
        };
        let text = exchange::export(&all, &now_iso());
        match files::write(&handle, &text).await {
            Ok(()) => {
                let now = js_sys::Date::now();
                // The file on disk is a backup: the 7-day reminder counts it.
                storage::set_last_export(now);
                self.written.set(Some(now));
                self.error.set(None);
            }
            Err(why) => self.error.set(Some(format!(
                "写入工作文件失败：{why}。修改仍保存在本浏览器中，没有丢失。"
            ))),
        }
    }

    /// Makes `handle` the working file: optionally asks for permission and
    /// reads it back first, then writes every project to it.
    async fn adopt(self, state: AppState, handle: FileHandle, read: bool, ask: bool) {
        self.error.set(None);
        let name = handle.name();
        let permitted = files::permitted(&handle, ask).await;
        if permitted != Ok(true) {
            // Asking needs a click of its own (after 打开文件's picker the
            // browser may refuse to ask): offer the one-click reconnect.
            HANDLE.set(Some(handle));
            // Not written until permitted (the file connected before, if
            // any, is no longer the one written).
            self.name.set(None);
            self.offer.set(Some(name));
            self.error.set(permitted.err());
            return;
        }
        if read {
            match files::read(&handle).await {
                // An empty file is a new one: nothing to read.
                Ok((text, _)) if text.trim().is_empty() => {}
                Ok((text, _)) => match exchange::import(&text) {
                    Ok(incoming) => self.take(state, &name, incoming).await,
                    Err(err) => {
                        // Not ours: never overwrite it, nor offer it again.
                        self.offer.set(None);
                        self.error.set(Some(format!(
                            "“{name}”不是可用的数据文件，未连接，以免覆盖它：{}",
                            err.message
                        )));
                        return;
                    }
                },
                Err(why) => {
                    self.error.set(Some(why));
                    return;
                }
            }
        }
        HANDLE.set(Some(handle.clone()));
        self.offer.set(None);
        self.name.set(Some(name));
        let _ = idb::keep_handle(&handle).await;
        self.write_now(state).await;
    }

    async fn take(self, state: AppState, name: &str, incoming: Vec<Project>) {
        let all = match state.all_documents().await {
            Ok(all) => all,
            Err(why) => {
                self.error.set(Some(format!("没有读入“{name}”：{why}")));
                return;
            }
        };
        let chosen = exchange::take_newer(&all, &incoming);
        for &n in &chosen {
            state
                .replace(incoming[n].clone(), Replacement::Import)
                .await;
        }
        self.notice.set(Some(format!(
            "已读取“{name}”：其中 {} 个项目，{} 个是新的或比本浏览器中的更新，已读入。",
            incoming.len(),
            chosen.len()
        )));
    }
}

/// On every page: the file's name and last write, or the offer to reconnect.
#[component]
pub fn WorkFileStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let work = state.work;
    let reconnect = move |_| {
        if let Some(handle) = HANDLE.with_borrow(Clone::clone) {
            spawn_local(work.adopt(state, handle, true, true));
        }
    };
    view! {
        {move || work.name.get().map(|name| view! {
            <p class="work-file" role="status">
                {format!("工作文件：{name}")}
                {move || work.written.get().map(|at| format!(" · {} 已写入", local_time(at)))}
            </p>
        })}
        {move || work.offer.get().map(|name| view! {
            <p class="work-file">
                {format!("上次使用的工作文件“{name}”尚未连接。")}
                <button type="button" class="small" on:click=reconnect>"重新连接工作文件"</button>
            </p>
        })}
        {move || work.error.get().map(|e| view! { <p class="work-file sev-error" role="alert">{e}</p> })}
    }
}

/// 保存到文件 / 打开文件, on the 项目列表.
#[component]
pub fn FileControls() -> impl IntoView {
    let state = expect_context::<AppState>();
    let work = state.work;
    let save = move |_| {
        work.notice.set(None);
        if !files::supported() {
            spawn_local(async move {
                match export_all(state).await {
                    Ok(()) => work.notice.set(Some("此浏览器不能直接写入文件，已改为下载：请在浏览器的“下载”中找到该文件，保存到共享文件夹。".to_string())),
                    Err(e) => work.error.set(Some(e)),
                }
            });
            return;
        }
        spawn_local(async move {
            match files::pick_save().await {
                Ok(Some(handle)) => work.adopt(state, handle, false, false).await,
                Ok(None) => {}
                Err(why) => work.error.set(Some(why)),
            }
        });
    };
    let open = move |_| {
        work.notice.set(None);
        spawn_local(async move {
            match files::pick_open().await {
                Ok(Some(handle)) => work.adopt(state, handle, true, true).await,
                Ok(None) => {}
                Err(why) => work.error.set(Some(why)),
            }
        });
    };
    view! {
        <div class="transfer">
            <button type="button" on:click=save>"保存到文件"</button>
            {files::supported().then(|| view! { <button type="button" on:click=open>"打开文件"</button> })}
            <span class="hint">{if files::supported() {
                "选定的文件成为工作文件：之后每次自动保存都会写入它，可放在共享文件夹中备份。"
            } else {
                // Firefox and Chromium before 86 have no File System Access API.
                "本浏览器不能直接写入文件：“保存到文件”改为下载全部项目（格式同“全部导出”），请保存到共享文件夹；恢复时用“导入 JSON”。"
            }}</span>
        </div>
        // Errors show in the header, beside the file's name and 重新连接.
        {move || work.notice.get().map(|n| view! { <p class="import-notice" role="status">{n}</p> })}
    }
}

/// Starts after the page is up (IndexedDB is off the startup path): a
/// handle kept from an earlier visit is used again if still permitted,
/// else offered. Also installs the test hook.
pub fn start(state: AppState) {
    let work = state.work;
    // window.__jixiaoUseHandle(handle): hands the page a FileSystemFileHandle
    // as if kept from an earlier visit (offered for 重新连接工作文件). The
    // pickers cannot be driven headless; the browser tests use this with a
    // file of the origin-private file system. It only offers the file.
    let hook = Closure::<dyn Fn(JsValue)>::new(move |handle: JsValue| {
        let handle: FileHandle = handle.unchecked_into();
        work.name.set(None);
        work.offer.set(Some(handle.name()));
        HANDLE.set(Some(handle));
    });
    let _ = js_sys::Reflect::set(
        &js_sys::global(),
        &"__jixiaoUseHandle".into(),
        hook.as_ref(),
    );
    hook.forget();
    if !files::supported() {
        return;
    }
    spawn_local(async move {
        if let Some(handle) = idb::kept_handle().await {
            work.adopt(state, handle.unchecked_into(), true, false)
                .await;
        }
    });
}

fn size_label(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / 1024.0 / 1024.0)
    } else {
        format!("{:.1} KB", bytes / 1024.0)
    }
}

/// The 存储 panel: where the data is and how much room it takes.
#[component]
pub fn StoragePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let open = RwSignal::new(false);
    let facts = RwSignal::new(Vec::<(&'static str, String)>::new());
    let refresh = move || {
        spawn_local(async move {
            let (keys, chars) = storage::our_chars();
            let (persisted, estimate) = storage::browser_facts().await;
            let versions = super::versions::totals().await;
            let origin = window().location().origin().unwrap_or_default();
            let work = state.work;
            facts.set(vec![
                ("数据位置", format!("本浏览器（来源 {origin}）：项目、历史版本和工作文件的位置在 IndexedDB，列表顺序等少量设置在 localStorage")),
                ("本工具的项目", format!("{} 个", state.summaries.with_untracked(Vec::len))),
                ("localStorage 中的设置", format!("{keys} 个键，{chars} 个字符")),
                ("历史版本", versions.map_or("无法读取 IndexedDB".to_string(), |(n, bytes)| format!("{n} 个，{}", size_label(bytes as f64)))),
                ("浏览器报告的用量", estimate.map_or("浏览器未提供".to_string(), |(usage, quota)| format!("已用 {}，上限 {}（含项目和历史版本）", size_label(usage), size_label(quota)))),
                ("持久保存", match persisted { Some(true) => "是：浏览器不会因空间不足自动清除".to_string(), Some(false) => "否：空间不足时浏览器可能清除，请使用工作文件或定期导出".to_string(), None => "浏览器未提供：空间不足时浏览器可能清除，请定期“全部导出”备份".to_string() }),
                ("工作文件", if !files::supported() { "本浏览器不能直接写入文件：请用“保存到文件”（下载）或“全部导出”备份".to_string() } else { work.name.get_untracked().map_or_else(|| work.offer.get_untracked().map_or("未设置".to_string(), |n| format!("“{n}”（尚未重新连接）")), |n| format!("“{n}”")) }),
                ("最近备份", storage::last_export().map_or("从未导出或写入工作文件".to_string(), local_time)),
            ]);
        });
    };
    let toggle = move |_| {
        open.update(|o| *o = !*o);
        if open.get_untracked() {
            refresh();
        }
    };
    view! {
        <button type="button" aria-expanded=move || open.get().to_string() on:click=toggle>"存储"</button>
        {move || open.get().then(|| view! {
            <section class="storage-panel" aria-label="存储">
                <dl>
                    {move || facts.get().into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
        })}
    }
}
