//! `cargo xtask dist`: the release build for a web folder (`dist/`) and the
//! single file for a file share (`dist/jixiao.html`), with their CSPs and sizes.

use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::util::{self, project_root, step};
use crate::{floor, minify, single_file};

/// Size budgets. A build over them fails. Re-set to leave room for the
/// Excel reader, the Word writer, the grid and history; startup (what users
/// feel) is held to ≤ 150 ms separately by `cargo xtask bench`.
const SINGLE_FILE_BUDGET: u64 = 2_000_000;
const DIST_GZIP_BUDGET: u64 = 750_000;

/// Starts reading IndexedDB while the wasm loads; the first script of both pages.
pub const PRELOAD: &str = include_str!("../../src/browser/preload.js");
/// What a browser that cannot run the app shows, and the script that names
/// why (ES5, so that it runs where the app cannot).
const BOOT_HTML: &str = include_str!("../../src/browser/boot.html");
const BOOT_JS: &str = include_str!("../../src/browser/boot.js");
/// For a browser with scripts turned off; index.html carries the same text.
pub const NOSCRIPT: &str = "本工具需要启用 JavaScript 和 WebAssembly。请使用 Chrome 或 Edge 86 及以上版本、\
    360 安全/极速浏览器（极速模式）、奇安信可信浏览器等 Chromium 86 及以上内核的浏览器，或 Firefox 115 及以上版本。";

pub fn run() -> Result<(), String> {
    let root = project_root();
    step("release build (trunk build --release, wasm-opt from binaryen 132)");
    util::run(
        Command::new("trunk")
            .args(["build", "--release"])
            .current_dir(&root),
    )?;
    let dir = root.join("dist");
    let assets = Assets::find(&dir)?;

    let index_path = dir.join("index.html");
    let mut index = read(&index_path)?;
    // Smaller CSS and glue; index.html names them with their SRI hashes.
    let css = read(&assets.css)?;
    index = replace_asset(&index, &assets.css, &css, &minify::css(&css))?;
    let glue = read(&assets.glue)?;
    if let Some(small) = minify::js(&glue) {
        index = replace_asset(&index, &assets.glue, &glue, &small)?;
    }
    let preload =
        minify::js(PRELOAD).ok_or("src/browser/preload.js: a template literal spans lines")?;
    let index = insert_preload(&index, &preload)?;
    let index = replace_trunk_loader(&index)?;
    let index = insert_boot(&index, "'self'")?;
    let index = insert_csp(&index, &http_csp(&index))?;
    write(&index_path, index.as_bytes())?;

    step("what the build may use (Chromium 86, Firefox ESR 115)");
    let wasm_bytes =
        std::fs::read(&assets.wasm).map_err(|err| format!("{}: {err}", assets.wasm.display()))?;
    floor::check_wasm(&wasm_bytes)?;
    println!("  ok  the wasm uses no WebAssembly feature beyond Chromium 86");

    let single = single_file::build(
        &preload,
        &read(&assets.css)?,
        &read(&assets.glue)?,
        &wasm_bytes,
    )?;
    let single_path = dir.join("jixiao.html");
    write(&single_path, single.as_bytes())?;

    step("sizes (gzip -9 equivalent)");
    let mut dist_gzip_total = 0;
    for path in files_under(&dir)? {
        if path == single_path {
            continue;
        }
        dist_gzip_total += gzip_len(&std::fs::read(&path).map_err(|e| e.to_string())?);
    }
    let report = |label: &str, path: &Path| -> Result<u64, String> {
        let bytes = std::fs::read(path).map_err(|err| format!("{}: {err}", path.display()))?;
        let gz = gzip_len(&bytes);
        println!(
            "  {label:<18} {:>10} raw  {:>10} gzip   {}",
            kb(bytes.len() as u64),
            kb(gz),
            path.strip_prefix(&root).unwrap_or(path).display()
        );
        Ok(bytes.len() as u64)
    };
    report("wasm", &assets.wasm)?;
    report("JS glue", &assets.glue)?;
    report("CSS", &assets.css)?;
    let single_raw = report("jixiao.html", &single_path)?;
    println!(
        "  {:<18} {:>10} gzip   (dist/ without jixiao.html)",
        "HTTP dist total",
        kb(dist_gzip_total)
    );

    let mut over = Vec::new();
    if single_raw > SINGLE_FILE_BUDGET {
        over.push(format!(
            "jixiao.html is {} raw, budget {}",
            kb(single_raw),
            kb(SINGLE_FILE_BUDGET)
        ));
    }
    if dist_gzip_total > DIST_GZIP_BUDGET {
        over.push(format!(
            "dist/ is {} gzip, budget {}",
            kb(dist_gzip_total),
            kb(DIST_GZIP_BUDGET)
        ));
    }
    if !over.is_empty() {
        return Err(format!("size budget exceeded: {}", over.join("; ")));
    }
    println!(
        "  budgets ok: jixiao.html ≤ {}, dist/ ≤ {} gzip",
        kb(SINGLE_FILE_BUDGET),
        kb(DIST_GZIP_BUDGET)
    );
    println!(
        "\n  web folder: {}\n  file share: {}",
        dir.display(),
        single_path.display()
    );
    Ok(())
}

struct Assets {
    css: PathBuf,
    glue: PathBuf,
    wasm: PathBuf,
}

impl Assets {
    fn find(dir: &Path) -> Result<Self, String> {
        let mut css = None;
        let mut glue = None;
        let mut wasm = None;
        for path in files_under(dir)? {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".css") {
                css = Some(path.clone());
            } else if name.starts_with("jixiao") && name.ends_with(".js") {
                glue = Some(path.clone());
            } else if name.ends_with("_bg.wasm") {
                wasm = Some(path.clone());
            }
        }
        let missing = |what: &str| format!("trunk produced no {what} in {}", dir.display());
        Ok(Self {
            css: css.ok_or_else(|| missing("CSS"))?,
            glue: glue.ok_or_else(|| missing("JS glue"))?,
            wasm: wasm.ok_or_else(|| missing("wasm"))?,
        })
    }
}

/// CSP for the web-folder build: its own files only. `connect-src 'self'`
/// because the glue fetches the page's own wasm; no other origin is allowed.
fn http_csp(index: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'unsafe-eval' {}; style-src 'self'; \
         img-src 'self' data: blob:; connect-src 'self'; font-src 'none'; object-src 'none'; \
         base-uri 'none'; form-action 'none'; frame-src 'none'; worker-src 'none'; manifest-src 'none'",
        inline_hashes(index, "script")
    )
}

/// The CSP hashes of every inline `<tag>` block of `html`, space-separated.
pub fn inline_hashes(html: &str, tag: &str) -> String {
    inline_blocks(html, tag)
        .iter()
        .map(|block| sha256_source(block))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `'sha256-…'` of an inline block's exact text, as CSP hashes it.
pub fn sha256_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of every inline `<tag>…</tag>` (those without a `src`).
pub fn inline_blocks(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let attributes = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(body_end) = body.find(&close) else {
            break;
        };
        if !attributes.contains(" src=") {
            blocks.push(body[..body_end].to_string());
        }
        rest = &body[body_end + close.len()..];
    }
    blocks
}

/// Writes `new` over an asset whose text was `old`, and the SRI hash that
/// index.html gives it.
fn replace_asset(index: &str, path: &Path, old: &str, new: &str) -> Result<String, String> {
    let sri = |text: &str| {
        format!(
            "sha384-{}",
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(text.as_bytes()))
        )
    };
    if !index.contains(&sri(old)) {
        return Err(format!(
            "index.html does not name {} by its hash",
            path.display()
        ));
    }
    write(path, new.as_bytes())?;
    Ok(index.replace(&sri(old), &sri(new)))
}

/// Trunk's loader awaits at the top level of a module script, which
/// Chromium before 89 cannot parse (the page stays blank). The same call,
/// with a promise instead, reports a failure in the boot message.
fn replace_trunk_loader(index: &str) -> Result<String, String> {
    let start = index
        .find("<script type=\"module\"")
        .ok_or("index.html has no module script: trunk's loader changed")?;
    let end = start
        + index[start..]
            .find("</script>")
            .ok_or("index.html: the module script is not closed")?
        + "</script>".len();
    let loader = &index[start..end];
    let quoted_after = |marker: &str| -> Result<String, String> {
        let at = loader
            .find(marker)
            .ok_or_else(|| format!("trunk's loader has no `{marker}`: {loader}"))?
            + marker.len();
        let rest = &loader[at..];
        let quote = rest
            .find(['\'', '"'])
            .ok_or("trunk's loader: no quoted path")?;
        let q = rest[quote..].chars().next().unwrap_or('\'');
        let body = &rest[quote + 1..];
        let close = body.find(q).ok_or("trunk's loader: unclosed path")?;
        Ok(body[..close].to_string())
    };
    let glue = quoted_after("from")?;
    let wasm = quoted_after("module_or_path:")?;
    let ours = format!(
        "<script type=\"module\">\nimport init from '{glue}';\n\
         init({{ module_or_path: '{wasm}' }}).catch(jixiaoFail);\n</script>"
    );
    Ok(format!("{}{ours}{}", &index[..start], &index[end..]))
}

/// The boot message and its script go first in `<body>`. The script holds
/// the stricter policy it adds where the engine knows `'wasm-unsafe-eval'`:
/// the page's own sources (`sources`, e.g. `'self'`) and the hashes of the
/// other inline scripts, which it may still have to run.
pub fn insert_boot(html: &str, sources: &str) -> Result<String, String> {
    let hashes = inline_hashes(html, "script");
    let strict = ["script-src", sources, "'wasm-unsafe-eval'", &hashes]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let script = minify::js(BOOT_JS).ok_or("src/browser/boot.js: a template literal")?;
    if !script.contains("STRICT_SCRIPT_POLICY") {
        return Err("src/browser/boot.js no longer holds STRICT_SCRIPT_POLICY".to_string());
    }
    let script = script.replace("STRICT_SCRIPT_POLICY", &strict);
    let at = html
        .find("<body>")
        .map(|at| at + "<body>".len())
        .ok_or("the page has no <body>")?;
    Ok(format!(
        "{}\n{BOOT_HTML}<script>\n{script}</script>{}",
        &html[..at],
        &html[at..]
    ))
}

/// The preload goes first in `<head>`, before the stylesheet and the glue
/// (the CSP, inserted after it at the same place, comes before it).
fn insert_preload(html: &str, preload: &str) -> Result<String, String> {
    insert_at_head(html, &format!("<script>\n{preload}</script>"))
}

pub fn insert_csp(html: &str, csp: &str) -> Result<String, String> {
    insert_at_head(
        html,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
    )
}

/// Puts `element` right after `<meta charset="utf-8">` (else `<head>`).
fn insert_at_head(html: &str, element: &str) -> Result<String, String> {
    let anchor = html
        .find("<meta charset=\"utf-8\">")
        .map(|at| at + "<meta charset=\"utf-8\">".len())
        .or_else(|| html.find("<head>").map(|at| at + "<head>".len()))
        .ok_or("index.html has no <head>")?;
    Ok(format!(
        "{}\n    {element}{}",
        &html[..anchor],
        &html[anchor..]
    ))
}

fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in
            std::fs::read_dir(&current).map_err(|err| format!("{}: {err}", current.display()))?
        {
            let path = entry.map_err(|err| err.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

pub fn gzip_len(bytes: &[u8]) -> u64 {
    util::gzip(bytes).len() as u64
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|err| format!("{}: {err}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_hash_matches_the_known_value_for_an_empty_and_a_small_script() {
        // Values from the CSP spec's examples / `openssl dgst -sha256 -binary | base64`.
        assert_eq!(
            sha256_source(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
        assert_eq!(
            sha256_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
    }

    #[test]
    fn finds_inline_scripts_but_not_external_ones() {
        let html = "<head><script src=\"a.js\"></script><script type=\"module\">one()</script></head>\
                    <body><script>two()</script></body>";
        assert_eq!(inline_blocks(html, "script"), vec!["one()", "two()"]);
    }

    #[test]
    fn index_html_says_what_the_single_file_says_without_scripts() {
        let index = include_str!("../../index.html");
        assert!(index.contains(&format!("<noscript>{NOSCRIPT}</noscript>")));
    }

    #[test]
    fn trunk_loader_is_called_without_top_level_await() {
        let index = "<head><script type=\"module\">\nimport init, * as bindings from './jixiao-1a.js';\n\
                     const wasm = await init({ module_or_path: './jixiao-1a_bg.wasm' });\n\
                     window.wasmBindings = bindings;\n</script></head>";
        let out = replace_trunk_loader(index).unwrap();
        assert!(!out.contains("await"), "{out}");
        assert!(out.contains("import init from './jixiao-1a.js';"), "{out}");
        assert!(out.contains("init({ module_or_path: './jixiao-1a_bg.wasm' }).catch(jixiaoFail);"));
    }

    #[test]
    fn boot_comes_first_in_the_body_and_lets_only_the_other_scripts_run() {
        let html =
            "<head><script>pre()</script></head><body><script type=\"module\">go()</script></body>";
        let out = insert_boot(html, "'self'").unwrap();
        let scripts = inline_blocks(&out, "script");
        assert_eq!(scripts.len(), 3);
        assert!(out.find("jixiao-boot").unwrap() < out.find("go()").unwrap());
        let strict = format!(
            "script-src 'self' 'wasm-unsafe-eval' {} {}",
            sha256_source("pre()"),
            sha256_source("go()")
        );
        assert!(scripts[1].contains(&strict), "{}", scripts[1]);
        assert!(
            !scripts[1].contains("unsafe-eval' 'wasm"),
            "no plain 'unsafe-eval' in it"
        );
    }

    #[test]
    fn csp_goes_right_after_the_charset() {
        let html = "<html><head><meta charset=\"utf-8\"><title>x</title></head></html>";
        let out = insert_csp(html, "default-src 'none'").unwrap();
        let csp_at = out.find("Content-Security-Policy").unwrap();
        assert!(csp_at > out.find("charset").unwrap());
        assert!(csp_at < out.find("<title>").unwrap());
    }
}
