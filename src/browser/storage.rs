//! Where the projects are kept. Each project's record (schema version,
//! revision, save time, document) and its summary (what the list and the
//! 汇总 show, see `overview::Summary`) live in IndexedDB (`idb`): reading
//! every record at startup is what made startup grow with the store, and
//! Chromium copies an origin's whole localStorage into the page on first use.
//!
//! localStorage keeps the small keys, namespaced and versioned because
//! Chromium gives every file:// page one shared store: `jixiao.v1.index`
//! (list order), `jixiao.v1.last_opened`, `jixiao.v1.last_export`,
//! `jixiao.v1.changed` (written after every save and delete: the `storage`
//! event it fires tells other tabs, which IndexedDB does not), and
//! `jixiao.v1.project.<id>`: records written by an older build or by a page
//! closed while its save was under way, moved into IndexedDB at the next
//! start. Unreadable records are moved aside under `jixiao.recovery.*`,
//! never deleted.

use std::collections::HashMap;

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::wasm_bindgen;

use super::idb;
use jixiao_core::formats::json::schema::{self, STAMP_TAIL_CHARS, record_stamp};
use jixiao_core::overview::{SCORING_BUILD, Summary};
use jixiao_core::sorting;

const INDEX_KEY: &str = "jixiao.v1.index";
const LAST_OPENED_KEY: &str = "jixiao.v1.last_opened";
const LAST_EXPORT_KEY: &str = "jixiao.v1.last_export";
pub const CHANGED_KEY: &str = "jixiao.v1.changed";
const PROJECT_PREFIX: &str = "jixiao.v1.project.";
const SUMMARY_PREFIX: &str = "jixiao.v1.summary.";
const RECOVERY_PREFIX: &str = "jixiao.recovery.";

/// What loading found: every project's summary in list order, the documents
/// that had to be read to make one (with their save times), keys whose
/// text could not be read (moved aside), and why storage is unusable, if it is.
pub struct Loaded {
    pub summaries: Vec<Summary>,
    pub documents: Vec<(schema::StoredRecord, f64)>,
    pub recovered: Vec<Recovered>,
    pub problem: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Recovered {
    pub original_key: String,
    pub recovery_key: String,
    pub reason: String,
    /// The project whose stored record it was, if it was one.
    pub project: Option<String>,
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

fn project_key(id: &str) -> String {
    format!("{PROJECT_PREFIX}{id}")
}

fn keys(store: &web_sys::Storage) -> Vec<String> {
    let count = store.length().unwrap_or(0);
    (0..count)
        .filter_map(|n| store.key(n).ok().flatten())
        .collect()
}

/// The last characters of a stored record, where its revision and save
/// time are: the rest of the text stays in JS, not copied into wasm.
fn tail(text: &js_sys::JsString) -> String {
    let length = text.length();
    text.slice(length.saturating_sub(STAMP_TAIL_CHARS), length)
        .into()
}

fn stamp(text: &js_sys::JsString) -> Option<(u64, f64)> {
    record_stamp(&tail(text))
}

/// Every project, in the index's order (projects the index does not list
/// come last: a damaged index never hides a project). A project whose
/// summary is stored is not read; the others are read, scored and their
/// summary stored.
pub async fn load_all() -> Loaded {
    let opened = idb::start().await;
    let mut loaded = Loaded {
        summaries: Vec::new(),
        documents: Vec::new(),
        recovered: Vec::new(),
        problem: None,
    };
    if let Some(problem) = opened.problem {
        // Nothing is read or moved: the data stays where it is for a later start.
        loaded.problem = Some(if problem == "blocked" {
            "另一个窗口中打开着旧版本的本工具，本页无法读取项目。请关闭其他窗口中的本工具，再刷新本页。"
                .to_string()
        } else {
            format!(
                "浏览器不允许本页使用 IndexedDB（{problem}）：已保存的项目无法读取，修改也不会保存。\
                 可能是浏览器设置禁用了网站数据，或是隐私（无痕）窗口。请在普通窗口中打开本页；\
                 在此之前，请用“全部导出”把修改存为文件，关闭本页时未保存的修改会暂存在本浏览器中，下次能使用 IndexedDB 时移入。"
            )
        });
        // Without IndexedDB, the copies closing pages kept in localStorage are
        // what there is: shown and edited in memory, kept there again at
        // page-hide, moved in (over the revision each was based on) once
        // IndexedDB opens. Nothing is removed here.
        if let Some(store) = raw() {
            for (key, text) in project_copies(&store, &keys(&store)) {
                let id = &key[PROJECT_PREFIX.len()..];
                if let Ok((mut record, saved_at)) = parse(id, &text) {
                    // A kept copy is one revision past the save it was based on.
                    record.revision = record.revision.saturating_sub(1);
                    loaded
                        .summaries
                        .push(Summary::of(&record.project, record.revision, saved_at));
                    loaded.documents.push((record, saved_at));
                }
            }
        }
        return loaded;
    }
    let mut ids = opened.ids;
    let mut moved = Vec::new();
    let mut order: Vec<String> = Vec::new();
    if let Some(store) = raw() {
        if let Some(text) = store.get_item(INDEX_KEY).ok().flatten() {
            order = serde_json::from_str(&text).unwrap_or_else(|err| {
                loaded
                    .recovered
                    .push(move_aside(&store, INDEX_KEY, &text, err.to_string()));
                Vec::new()
            });
        }
        moved = move_in(&store, &mut ids, &mut loaded).await;
    }
    let moved_any = !moved.is_empty();
    let position: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(n, id)| (id.as_str(), n))
        .collect();
    let place = |id: &String| position.get(id.as_str()).copied().unwrap_or(usize::MAX);
    sorting::sort_by(&mut ids, |a, b| (place(a), a).cmp(&(place(b), b)));
    // Summaries by id, as positions in `summaries` (a map of that type is
    // compiled in already).
    let mut summaries: Vec<Option<Summary>> = opened
        .summaries
        .iter()
        .filter_map(|text| schema::summary_from_json(text))
        .filter(|summary| summary.build == SCORING_BUILD)
        .map(Some)
        .collect();
    let mut by_id: HashMap<String, usize> = summaries
        .iter()
        .flatten()
        .enumerate()
        .map(|(n, summary)| (summary.row.id.clone(), n))
        .collect();
    // The catalog was read before these were moved in.
    for summary in moved {
        by_id.insert(summary.row.id.clone(), summaries.len());
        summaries.push(Some(summary));
    }
    let unsummarized: Vec<String> = ids
        .iter()
        .filter(|id| !by_id.contains_key(*id))
        .cloned()
        .collect();
    let (documents, recovered) = read_many(unsummarized).await;
    loaded.recovered.extend(recovered);
    let made: Vec<Summary> = documents
        .iter()
        .map(|(record, saved_at)| Summary::of(&record.project, record.revision, *saved_at))
        .collect();
    // Storing summaries makes the catalog again; so does this when none were
    // made but the catalog was missing or records were moved in.
    store_summaries(&made).await;
    if made.is_empty() && (moved_any || !opened.from_catalog) {
        wasm_bindgen_futures::spawn_local(async {
            let _ = idb::remake_catalog().await;
        });
    }
    for summary in made {
        by_id.insert(summary.row.id.clone(), summaries.len());
        summaries.push(Some(summary));
    }
    loaded.summaries = ids
        .iter()
        .filter_map(|id| summaries[*by_id.get(id)?].take())
        .collect();
    loaded.documents = documents;
    loaded
}

/// The project records in localStorage (copies closing pages kept, or an
/// older build's records): each key among `keys` with its text.
fn project_copies(store: &web_sys::Storage, keys: &[String]) -> Vec<(String, String)> {
    keys.iter()
        .filter(|key| key.starts_with(PROJECT_PREFIX))
        .filter_map(|key| Some((key.clone(), store.get_item(key).ok().flatten()?)))
        .collect()
}

/// Moves records found in localStorage into IndexedDB and returns their
/// summaries. A copy is written only over the save it was based on; one
/// saved over since is kept aside, never dropped (`schema::move_in`).
async fn move_in(
    store: &web_sys::Storage,
    ids: &mut Vec<String>,
    loaded: &mut Loaded,
) -> Vec<Summary> {
    let keys = keys(store);
    // An older build's summaries: made again from the records.
    for key in keys.iter().filter(|k| k.starts_with(SUMMARY_PREFIX)) {
        let _ = store.remove_item(key);
    }
    let mut moving = Vec::new();
    let mut summaries = Vec::new();
    for (key, text) in project_copies(store, &keys) {
        let id = &key[PROJECT_PREFIX.len()..];
        match parse(id, &text) {
            Err(err) => loaded
                .recovered
                .push(move_aside(store, &key, &text, err.to_string())),
            Ok((record, saved_at)) => {
                let summary = Summary::of(&record.project, record.revision, saved_at);
                moving.push((id.to_string(), text, schema::summary_to_json(&summary)));
                summaries.push(summary);
            }
        }
    }
    if moving.is_empty() {
        return Vec::new();
    }
    let mut outcomes = Vec::new();
    let decided = idb::put_records(&moving, |n, stored| {
        let stored = stored.map(String::from);
        let outcome = schema::move_in(&moving[n].1, stored.as_deref());
        let take = outcome == schema::MoveIn::Take;
        outcomes.push(outcome);
        take
    })
    .await;
    if let Err(err) = decided {
        loaded.problem = Some(format!(
            "保存在 localStorage 中的 {} 个项目未能移入 IndexedDB（{}），它们仍原样保存在 localStorage 中。",
            moving.len(),
            describe_js_error(err)
        ));
        return Vec::new();
    }
    let mut moved = Vec::new();
    for (((id, text, _), summary), outcome) in moving.into_iter().zip(summaries).zip(outcomes) {
        let key = project_key(&id);
        match outcome {
            schema::MoveIn::Take => {
                let _ = store.remove_item(&key);
                announce(&id);
                if !ids.contains(&id) {
                    ids.push(id);
                }
                moved.push(summary);
            }
            schema::MoveIn::AlreadyThere => {
                let _ = store.remove_item(&key);
            }
            schema::MoveIn::SetAside => loaded.recovered.push(move_aside(
                store,
                &key,
                &text,
                "本浏览器中的此项目在这份副本之后又保存过（可能在另一个窗口中），这份副本没有覆盖它".to_string(),
            )),
        }
    }
    moved
}

/// A stored record and the save time it states. A record whose document id
/// disagrees with its key is repaired to the key.
fn parse(id: &str, text: &str) -> Result<(schema::StoredRecord, f64), schema::LoadError> {
    let mut record = schema::load_record(text)?;
    record.project.id = id.to_string();
    Ok((record, record_stamp(text).map_or(0.0, |(_, at)| at)))
}

/// The stored records of `ids` (those that are stored), with their save
/// times; unreadable ones are moved aside.
pub async fn read_many(ids: Vec<String>) -> (Vec<(schema::StoredRecord, f64)>, Vec<Recovered>) {
    let mut read = (Vec::new(), Vec::new());
    if ids.is_empty() {
        return read;
    }
    let Ok(texts) = idb::records(&ids).await else {
        return read;
    };
    for (id, text) in ids.iter().zip(texts) {
        let Some(text) = text.map(String::from) else {
            continue;
        };
        match parse(id, &text) {
            Ok(record) => read.0.push(record),
            Err(err) => {
                if let Some(store) = raw() {
                    let (aside, kept) =
                        keep_aside(&store, &project_key(id), &text, err.to_string());
                    // Only once the text is safe in localStorage; a copy
                    // under the record's localStorage key is not this one.
                    if kept {
                        let _ = idb::delete_record(id).await;
                    }
                    read.1.push(aside);
                }
            }
        }
    }
    read
}

/// Stores the summaries made of records, each only while its record is
/// still the one it was made from. A failed write costs only time: the
/// next start reads and scores that record again.
pub async fn store_summaries(made: &[Summary]) {
    if made.is_empty() {
        return;
    }
    let items: Vec<(String, String)> = made
        .iter()
        .map(|s| (s.row.id.clone(), schema::summary_to_json(s)))
        .collect();
    let _ = idb::put_summaries(&items, |n, stored| {
        stored.is_some_and(|text| schema::summary_describes(&made[n], &tail(text)))
    })
    .await;
}

/// Moves the text under localStorage `key` to a recovery key.
fn move_aside(store: &web_sys::Storage, key: &str, text: &str, reason: String) -> Recovered {
    let (recovered, kept) = keep_aside(store, key, text, reason);
    // If even that write failed the original stays where it was: still not lost.
    if kept {
        let _ = store.remove_item(key);
    }
    recovered
}

/// Keeps `text`, once stored under `key`, under a recovery key; `true` when
/// it is there.
fn keep_aside(
    store: &web_sys::Storage,
    key: &str,
    text: &str,
    reason: String,
) -> (Recovered, bool) {
    let recovery_key = format!("{RECOVERY_PREFIX}{}.{key}", js_sys::Date::now() as u64);
    let kept = store.set_item(&recovery_key, text).is_ok();
    let recovered = Recovered {
        original_key: key.to_string(),
        recovery_key,
        reason,
        project: key.strip_prefix(PROJECT_PREFIX).map(str::to_string),
    };
    (recovered, kept)
}

/// The raw text kept under a recovery key, for download.
pub fn recovered_text(recovery_key: &str) -> Option<String> {
    raw()?.get_item(recovery_key).ok().flatten()
}

/// Writes record `text` of project `id` (with its summary, when one was
/// made of it) if storage still holds the revision and save time this tab
/// knows.
pub async fn save(
    id: &str,
    text: &str,
    known: (u64, f64),
    summary: Option<String>,
) -> Result<(), SaveError> {
    // Any other stamp, lower too: another tab may have deleted the project
    // and saved it again from revision 1 (撤销 of a delete).
    let current = |stored: Option<&js_sys::JsString>| {
        stored.is_none_or(|text| stamp(text).unwrap_or((0, 0.0)) == known)
    };
    match idb::put_record(id, text, summary.as_deref(), current).await {
        Ok(true) => {
            announce(id);
            Ok(())
        }
        Ok(false) => Err(SaveError::Conflict),
        Err(err) => Err(SaveError::Failed(describe_js_error(err))),
    }
}

/// A record this page could not finish saving before it closed, kept where
/// the next start moves it in from.
pub fn keep_unsaved(id: &str, text: &str) {
    if let Some(store) = raw() {
        let _ = store.set_item(&project_key(id), text);
    }
}

/// The save [`keep_unsaved`] stood in for has finished after all (the page
/// came back from the back-forward cache).
pub fn drop_unsaved(id: &str) {
    if let Some(store) = raw() {
        let _ = store.remove_item(&project_key(id));
    }
}

pub async fn remove(id: &str) -> Result<(), String> {
    idb::delete_record(id).await.map_err(describe_js_error)?;
    announce(id);
    Ok(())
}

/// Tells other tabs that project `id` was saved or deleted.
fn announce(id: &str) {
    if let Some(store) = raw() {
        let _ = store.set_item(CHANGED_KEY, &format!("{id} {}", js_sys::Math::random()));
    }
}

/// The project a `jixiao.v1.changed` value names.
pub fn changed_id(value: &str) -> &str {
    value.split(' ').next().unwrap_or_default()
}

pub fn write_index(all_ids: &[String]) -> Result<(), String> {
    let store = raw().ok_or_else(|| "浏览器禁止使用本地存储".to_string())?;
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
        "浏览器存储空间已满（QuotaExceededError），请先导出备份，再删除不需要的项目".to_string()
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
