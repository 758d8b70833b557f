//! The File System Access API (Chromium, also on file://): the save and
//! open pickers, and reading, writing and re-permitting a file handle.
//! Bound by hand: web-sys has these only behind `web_sys_unstable_apis`.
//!
//! Every failure comes back as a Chinese sentence; `Ok(None)` from a picker
//! means the user cancelled (`AbortError`, also what headless Chromium
//! answers at once), which is not an error.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// A `FileSystemFileHandle`.
    #[wasm_bindgen(extends = js_sys::Object)]
    #[derive(Clone)]
    pub type FileHandle;
    #[wasm_bindgen(method, getter)]
    pub fn name(this: &FileHandle) -> String;
    #[wasm_bindgen(method, js_name = createWritable)]
    fn create_writable(this: &FileHandle) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = getFile)]
    fn get_file(this: &FileHandle) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = queryPermission)]
    fn query_permission(this: &FileHandle, options: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = requestPermission)]
    fn request_permission(this: &FileHandle, options: &JsValue) -> js_sys::Promise;

    type Writable;
    #[wasm_bindgen(method)]
    fn write(this: &Writable, text: &str) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn close(this: &Writable) -> js_sys::Promise;

    #[wasm_bindgen(catch, js_name = showSaveFilePicker)]
    fn show_save_file_picker(options: &JsValue) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch, js_name = showOpenFilePicker)]
    fn show_open_file_picker(options: &JsValue) -> Result<js_sys::Promise, JsValue>;
}

/// Picker options as JSON: parsed, not built field by field (less code).
const SAVE_OPTIONS: &str = r#"{"id":"jixiao","suggestedName":"项目支出绩效自评.json","types":[{"description":"绩效自评数据（JSON）","accept":{"application/json":[".json"]}}]}"#;
const OPEN_OPTIONS: &str = r#"{"id":"jixiao","types":[{"description":"绩效自评数据（JSON）","accept":{"application/json":[".json"]}}]}"#;
const READ_WRITE: &str = r#"{"mode":"readwrite"}"#;

fn json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or_default()
}

/// Whether this browser can write to a chosen file.
pub fn supported() -> bool {
    js_sys::Reflect::has(&js_sys::global(), &"showSaveFilePicker".into()).unwrap_or(false)
}

fn error_name(err: &JsValue) -> String {
    js_sys::Reflect::get(err, &"name".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// What went wrong with the file, for the person looking at it.
pub fn describe(err: &JsValue) -> String {
    match error_name(err).as_str() {
        "NotAllowedError" | "SecurityError" => {
            "没有获得读写此文件的权限，请点击“重新连接工作文件”并选择“允许”".to_string()
        }
        "NotFoundError" => "找不到此文件：可能已被移动、改名或删除".to_string(),
        "NoModificationAllowedError" | "InvalidModificationError" | "InvalidStateError" => {
            "文件正被其他程序使用或为只读，暂时无法写入".to_string()
        }
        "QuotaExceededError" => "磁盘空间不足，无法写入文件".to_string(),
        name => format!(
            "读写文件失败（{}）",
            js_sys::Reflect::get(err, &"message".into())
                .ok()
                .and_then(|v| v.as_string())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| name.to_string())
        ),
    }
}

async fn pick(shown: Result<js_sys::Promise, JsValue>) -> Result<Option<JsValue>, String> {
    let picked = match shown {
        Ok(promise) => JsFuture::from(promise).await,
        Err(err) => Err(err),
    };
    match picked {
        Ok(value) => Ok(Some(value)),
        Err(err) if error_name(&err) == "AbortError" => Ok(None),
        Err(err) => Err(describe(&err)),
    }
}

/// 保存到文件: the file the user names (`None`: cancelled).
pub async fn pick_save() -> Result<Option<FileHandle>, String> {
    Ok(pick(show_save_file_picker(&json(SAVE_OPTIONS)))
        .await?
        .map(JsCast::unchecked_into))
}

/// 打开文件: the file the user chooses (`None`: cancelled).
pub async fn pick_open() -> Result<Option<FileHandle>, String> {
    let chosen = pick(show_open_file_picker(&json(OPEN_OPTIONS))).await?;
    Ok(chosen.map(|list| js_sys::Array::from(&list).get(0).unchecked_into()))
}

/// Whether writing is allowed now; with `ask`, asks the user (one click,
/// which must be the gesture that called this).
pub async fn permitted(handle: &FileHandle, ask: bool) -> Result<bool, String> {
    let promise = if ask {
        handle.request_permission(&json(READ_WRITE))
    } else {
        handle.query_permission(&json(READ_WRITE))
    };
    let state = JsFuture::from(promise).await.map_err(|e| describe(&e))?;
    Ok(state.as_string().as_deref() == Some("granted"))
}

/// The file's text and size in bytes.
pub async fn read(handle: &FileHandle) -> Result<(String, f64), String> {
    let file: web_sys::File = JsFuture::from(handle.get_file())
        .await
        .map_err(|e| describe(&e))?
        .unchecked_into();
    let size = file.size();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| describe(&e))?;
    Ok((text.as_string().unwrap_or_default(), size))
}

/// Replaces the file's content. `createWritable` writes to a temporary file
/// that replaces the original only on `close`: a failed write leaves the
/// file as it was.
pub async fn write(handle: &FileHandle, text: &str) -> Result<(), String> {
    let writable: Writable = JsFuture::from(handle.create_writable())
        .await
        .map_err(|e| describe(&e))?
        .unchecked_into();
    JsFuture::from(writable.write(text))
        .await
        .map_err(|e| describe(&e))?;
    JsFuture::from(writable.close())
        .await
        .map_err(|e| describe(&e))?;
    Ok(())
}
