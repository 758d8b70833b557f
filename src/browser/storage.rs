//! localStorage glue. Keys are namespaced and versioned because Chromium gives
//! every file:// page one shared store: `jixiao.v1.project.<id>` (one record
//! each: schema version, revision, document), `jixiao.v1.summary.<id>` (what
//! the list and the 汇总 show of it, see `overview::Summary`),
//! `jixiao.v1.index` (list order), `jixiao.v1.last_opened`,
//! `jixiao.v1.last_export`. Unreadable records are moved aside under
//! `jixiao.recovery.*`, never deleted.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::wasm_bindgen;

use crate::model::formats::json::schema::{self, STAMP_TAIL_CHARS, record_stamp};
use crate::model::overview::Summary;
use crate::model::project::Project;

const INDEX_KEY: &str = "jixiao.v1.index";
const LAST_OPENED_KEY: &str = "jixiao.v1.last_opened";
const LAST_EXPORT_KEY: &str = "jixiao.v1.last_export";
pub const PROJECT_PREFIX: &str = "jixiao.v1.project.";
const SUMMARY_PREFIX: &str = "jixiao.v1.summary.";
const RECOVERY_PREFIX: &str = "jixiao.recovery.";

/// What loading found: every project's summary in list order, the documents
/// that had to be read to make one (with their save times), and keys whose
/// text could not be read (moved aside).
pub struct Loaded {
    pub summaries: Vec<Summary>,
    pub documents: Vec<(schema::StoredRecord, f64)>,
    pub recovered: Vec<Recovered>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub original_key: String,
    pub recovery_key: String,
    pub reason: String,
}

pub enum SaveError {
    /// Storage holds another revision than this tab last read or wrote:
    /// another tab saved the project meanwhile.
    Conflict,
    /// The browser refused the write (quota, disabled storage…).
    Failed(String),
}

fn raw() -> Option<web_sys::Storage> {
    // Storage can be disabled by policy; the app still runs, in memory only.
    std::panic::catch_unwind(LocalStorage::raw).ok()
}

pub fn project_key(id: &str) -> String {
    format!("{PROJECT_PREFIX}{id}")
}

fn summary_key(id: &str) -> String {
    format!("{SUMMARY_PREFIX}{id}")
}

fn keys(store: &web_sys::Storage) -> Vec<String> {
    let count = store.length().unwrap_or(0);
    (0..count)
        .filter_map(|n| store.key(n).ok().flatten())
        .collect()
}

#[wasm_bindgen]
extern "C" {
    /// `localStorage.getItem` without copying the text into wasm.
    #[wasm_bindgen(catch, js_namespace = localStorage, js_name = getItem)]
    fn stored_js_text(key: &str) -> Result<Option<js_sys::JsString>, wasm_bindgen::JsValue>;
}

/// The last characters of a stored record, where its revision and save
/// time are: copying every document into wasm is what made startup grow.
fn stored_tail(key: &str) -> Option<String> {
    let text = stored_js_text(key).ok()??;
    let length = text.length();
    Some(
        text.slice(length.saturating_sub(STAMP_TAIL_CHARS), length)
            .into(),
    )
}

/// The summary stored for `id`, if it still describes the record stored now.
fn current_summary(store: &web_sys::Storage, id: &str) -> Option<Summary> {
    let tail = stored_tail(&project_key(id))?;
    let text = store.get_item(&summary_key(id)).ok().flatten()?;
    schema::current_summary(id, &text, &tail)
}

/// Every project under our prefix, in the index's order (projects the index
/// does not list come last: a damaged index never hides a project). A
/// project whose summary is current is not read; the others are read,
/// scored and their summary written again.
pub fn load_all() -> Loaded {
    let mut loaded = Loaded {
        summaries: Vec::new(),
        documents: Vec::new(),
        recovered: Vec::new(),
    };
    let Some(store) = raw() else {
        return loaded;
    };
    let order: Vec<String> = match store.get_item(INDEX_KEY).ok().flatten() {
        None => Vec::new(),
        Some(text) => serde_json::from_str(&text).unwrap_or_else(|err| {
            loaded
                .recovered
                .push(move_aside(&store, INDEX_KEY, &text, err.to_string()));
            Vec::new()
        }),
    };
    let position: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    let mut ids: Vec<String> = keys(&store)
        .into_iter()
        .filter_map(|key| key.strip_prefix(PROJECT_PREFIX).map(str::to_string))
        .collect();
    ids.sort_by_key(|id| {
        (
            position.get(id.as_str()).copied().unwrap_or(usize::MAX),
            id.clone(),
        )
    });
    for id in ids {
        if let Some(summary) = current_summary(&store, &id) {
            loaded.summaries.push(summary);
            continue;
        }
        let key = project_key(&id);
        let Some(text) = store.get_item(&key).ok().flatten() else {
            continue;
        };
        match parse(&id, &text) {
            Ok((record, saved_at)) => {
                let summary = Summary::of(&record.project, record.revision, saved_at);
                save_summary(&summary);
                loaded.summaries.push(summary);
                loaded.documents.push((record, saved_at));
            }
            Err(err) => loaded
                .recovered
                .push(move_aside(&store, &key, &text, err.to_string())),
        }
    }
    loaded
}

/// A stored record and the save time it states. A record whose document id
/// disagrees with its key is repaired to the key.
fn parse(id: &str, text: &str) -> Result<(schema::StoredRecord, f64), schema::LoadError> {
    let mut record = schema::load_record(text)?;
    record.project.id = id.to_string();
    Ok((record, record_stamp(text).map_or(0.0, |(_, at)| at)))
}

/// Keeps a project's summary beside its record. A failed write costs only
/// time: the next start reads and scores that record again.
pub fn save_summary(summary: &Summary) {
    if let Some(store) = raw() {
        let text = schema::summary_to_json(summary);
        let _ = store.set_item(&summary_key(&summary.row.id), &text);
    }
}

fn move_aside(store: &web_sys::Storage, key: &str, text: &str, reason: String) -> Recovered {
    let recovery_key = format!("{RECOVERY_PREFIX}{}.{key}", js_sys::Date::now() as u64);
    // If even this write fails the original stays where it was: still not lost.
    if store.set_item(&recovery_key, text).is_ok() {
        let _ = store.remove_item(key);
    }
    Recovered {
        original_key: key.to_string(),
        recovery_key,
        reason,
    }
}

/// The raw text kept under a recovery key, for download.
pub fn recovered_text(recovery_key: &str) -> Option<String> {
    raw()?.get_item(recovery_key).ok().flatten()
}

/// Writes one project if storage still holds the revision this tab knows;
/// returns the new revision and the save time the record states.
pub fn save(
    project: &Project,
    known_revision: u64,
    all_ids: &[String],
) -> Result<(u64, f64), SaveError> {
    let store = raw().ok_or_else(|| SaveError::Failed("浏览器禁止使用本地存储".to_string()))?;
    let key = project_key(&project.id);
    if let Some(current) = store.get_item(&key).ok().flatten() {
        let stored = schema::stored_revision(&current).unwrap_or(0);
        // Any other revision, lower too: another tab may have deleted the
        // project and saved it again from revision 1 (撤销 of a delete).
        if stored != known_revision {
            return Err(SaveError::Conflict);
        }
    }
    let revision = known_revision + 1;
    let saved_at = js_sys::Date::now();
    let text = schema::record_to_json(project, revision, saved_at);
    store
        .set_item(&key, &text)
        .map_err(|err| SaveError::Failed(describe_js_error(err)))?;
    write_index(&store, all_ids).map_err(SaveError::Failed)?;
    Ok((revision, saved_at))
}

/// The stored version of a project (as another tab left it, or not read
/// yet), with the save time its record states.
pub fn read(id: &str) -> Option<(schema::StoredRecord, f64)> {
    let text = raw()?.get_item(&project_key(id)).ok().flatten()?;
    parse(id, &text).ok()
}

pub fn remove(id: &str, all_ids: &[String]) -> Result<(), String> {
    let store = raw().ok_or_else(|| "浏览器禁止使用本地存储".to_string())?;
    store
        .remove_item(&project_key(id))
        .map_err(describe_js_error)?;
    let _ = store.remove_item(&summary_key(id));
    write_index(&store, all_ids)
}

fn write_index(store: &web_sys::Storage, all_ids: &[String]) -> Result<(), String> {
    let index = serde_json::to_string(all_ids).map_err(|err| err.to_string())?;
    store.set_item(INDEX_KEY, &index).map_err(describe_js_error)
}

pub fn last_opened() -> Option<String> {
    raw()?.get_item(LAST_OPENED_KEY).ok().flatten()
}

pub fn set_last_opened(id: &str) {
    if let Some(store) = raw() {
        let _ = store.set_item(LAST_OPENED_KEY, id);
    }
}

/// When everything was last exported (ms since 1970), if ever.
pub fn last_export() -> Option<f64> {
    raw()?
        .get_item(LAST_EXPORT_KEY)
        .ok()
        .flatten()?
        .parse()
        .ok()
}

pub fn set_last_export(ms: f64) {
    if let Some(store) = raw() {
        let _ = store.set_item(LAST_EXPORT_KEY, &format!("{ms}"));
    }
}

fn describe_js_error(err: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        "本地存储空间已满（QuotaExceededError），请先导出备份，再删除不需要的项目".to_string()
    } else {
        format!("浏览器拒绝写入：{}", err.as_string().unwrap_or(name))
    }
}

/// Characters (UTF-16 code units, as the browser counts the localStorage
/// limit) of our keys and values: `estimate()` does not count localStorage.
pub fn our_chars() -> (usize, usize) {
    let Some(store) = raw() else { return (0, 0) };
    keys(&store)
        .into_iter()
        .filter(|key| key.starts_with("jixiao."))
        .fold((0, 0), |(count, chars), key| {
            let value = store.get_item(&key).ok().flatten().unwrap_or_default();
            (
                count + 1,
                chars + key.encode_utf16().count() + value.encode_utf16().count(),
            )
        })
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["navigator", "storage"], js_name = persist)]
    fn persist_call() -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["navigator", "storage"], js_name = persisted)]
    fn persisted_call() -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = ["navigator", "storage"], js_name = estimate)]
    fn estimate_call() -> Result<js_sys::Promise, wasm_bindgen::JsValue>;
}

thread_local! {
    static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks once per page that the browser not evict this origin's data under
/// storage pressure (`navigator.storage.persist()`); the browser decides.
pub fn ask_persist() {
    if !ASKED.replace(true)
        && let Ok(promise) = persist_call()
    {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// What the browser says of this origin's storage: whether it is
/// persistent, and `estimate()`'s usage and quota in bytes.
pub async fn browser_facts() -> (Option<bool>, Option<(f64, f64)>) {
    use wasm_bindgen_futures::JsFuture;
    let persisted = match persisted_call() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let estimate = match estimate_call() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| {
            let number = |key: &str| js_sys::Reflect::get(&v, &key.into()).ok()?.as_f64();
            Some((number("usage")?, number("quota")?))
        }),
        Err(_) => None,
    };
    (persisted, estimate)
}
