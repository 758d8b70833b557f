//! localStorage glue. Keys are namespaced and versioned because Chromium gives
//! every file:// page one shared store: `jixiao.v1.index` (project ids in list
//! order), `jixiao.v1.project.<id>` (one record each), `jixiao.v1.last_opened`.
//! Unreadable records are moved aside, never deleted.

use gloo_storage::{LocalStorage, Storage};

use crate::model::project::Project;
use crate::model::schema;

const INDEX_KEY: &str = "jixiao.v1.index";
const LAST_OPENED_KEY: &str = "jixiao.v1.last_opened";
const PROJECT_PREFIX: &str = "jixiao.v1.project.";
const RECOVERY_PREFIX: &str = "jixiao.recovery.";

/// What loading found: the projects, plus keys whose text could not be read
/// (moved aside under `jixiao.recovery.*`).
pub struct Loaded {
    pub projects: Vec<Project>,
    pub recovered: Vec<Recovered>,
}

pub struct Recovered {
    pub original_key: String,
    pub recovery_key: String,
    pub reason: String,
}

fn raw() -> Option<web_sys::Storage> {
    // Storage can be disabled by policy; the app still runs, in memory only.
    std::panic::catch_unwind(LocalStorage::raw).ok()
}

fn project_key(id: &str) -> String {
    format!("{PROJECT_PREFIX}{id}")
}

pub fn load_all() -> Loaded {
    let mut loaded = Loaded {
        projects: Vec::new(),
        recovered: Vec::new(),
    };
    let Some(store) = raw() else {
        return loaded;
    };
    let ids: Vec<String> = match store.get_item(INDEX_KEY).ok().flatten() {
        None => Vec::new(),
        Some(text) => match serde_json::from_str(&text) {
            Ok(ids) => ids,
            Err(err) => {
                loaded
                    .recovered
                    .push(move_aside(&store, INDEX_KEY, &text, err.to_string()));
                Vec::new()
            }
        },
    };
    for id in ids {
        let key = project_key(&id);
        let Some(text) = store.get_item(&key).ok().flatten() else {
            continue;
        };
        match schema::load_project_json(&text) {
            Ok(project) => loaded.projects.push(project),
            Err(err) => loaded
                .recovered
                .push(move_aside(&store, &key, &text, err.to_string())),
        }
    }
    loaded
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

/// Writes one project and the index. The error is the browser's reason, for
/// the 保存失败 status.
pub fn save(project: &Project, all_ids: &[String]) -> Result<(), String> {
    let store = raw().ok_or_else(|| "浏览器禁止使用本地存储".to_string())?;
    let text = schema::to_json(project);
    store
        .set_item(&project_key(&project.id), &text)
        .map_err(describe_js_error)?;
    write_index(&store, all_ids)
}

pub fn remove(id: &str, all_ids: &[String]) -> Result<(), String> {
    let store = raw().ok_or_else(|| "浏览器禁止使用本地存储".to_string())?;
    store
        .remove_item(&project_key(id))
        .map_err(describe_js_error)?;
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

fn describe_js_error(err: wasm_bindgen::JsValue) -> String {
    let name = js_sys::Reflect::get(&err, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" {
        "本地存储空间已满（QuotaExceededError）".to_string()
    } else {
        format!("浏览器拒绝写入：{}", err.as_string().unwrap_or(name))
    }
}
