//! Reads user-chosen files with the File API (no network, works on file://).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A chosen file: its name, size and, unless it was over `max_bytes`, its text.
pub struct Chosen {
    pub name: String,
    pub size: f64,
    pub text: Option<String>,
}

/// The files of an `<input type="file">` change event, read as text.
/// Files over `max_bytes` are not read at all: the size is enough to refuse them.
pub async fn read_chosen_files(
    event: &web_sys::Event,
    max_bytes: usize,
) -> Vec<Result<Chosen, String>> {
    let Some(input) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let Some(list) = input.files() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for n in 0..list.length() {
        let Some(file) = list.get(n) else { continue };
        let name = file.name();
        let size = file.size();
        if size > max_bytes as f64 {
            out.push(Ok(Chosen {
                name,
                size,
                text: None,
            }));
            continue;
        }
        let text = JsFuture::from(file.text()).await;
        out.push(match text {
            Ok(value) => Ok(Chosen {
                name,
                size,
                text: value.as_string(),
            }),
            Err(_) => Err(format!("无法读取文件“{name}”")),
        });
    }
    // Let the same file be chosen again after a failed import.
    input.set_value("");
    out
}

/// A file's bytes, unless it is over `max_bytes` (then `Ok(None)`: its size
/// is enough to refuse it).
pub async fn read_bytes(file: &web_sys::File, max_bytes: usize) -> Result<Option<Vec<u8>>, String> {
    if file.size() > max_bytes as f64 {
        return Ok(None);
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("无法读取文件“{}”", file.name()))?;
    Ok(Some(js_sys::Uint8Array::new(&buffer).to_vec()))
}

/// The first file of an `<input type="file">` change event or a drop; the
/// input is cleared so the same file can be chosen again.
pub fn first_file(event: &web_sys::Event) -> Option<web_sys::File> {
    all_files(event).into_iter().next()
}

/// Every file of an `<input type="file" multiple>` change event or a drop;
/// the input is cleared so the same files can be chosen again.
pub fn all_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let input = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
    let list = match event.dyn_ref::<web_sys::DragEvent>() {
        Some(drop) => drop.data_transfer().and_then(|d| d.files()),
        None => input.as_ref().and_then(|i| i.files()),
    };
    // The list is live: take the files before clearing the input.
    let files = list
        .map(|l| (0..l.length()).filter_map(|n| l.get(n)).collect())
        .unwrap_or_default();
    if let Some(input) = input {
        input.set_value("");
    }
    files
}
