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
