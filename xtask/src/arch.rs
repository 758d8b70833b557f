//! `cargo xtask test` checks the shape of the code that the compiler does
//! not, over the file-level import graph of each crate (`arch/graph.rs`):
//! the core (`core/`), the app (`src/`) and the command-line checker
//! (`cli/`). Cargo already keeps the core from naming the app or the
//! checker: it does not depend on them.
//!
//! - No file imports a file that imports it back, directly or through a
//!   chain. (A module naming its own submodules — `mod.rs` re-exporting or
//!   calling a file it declares — is the module using its parts, not an
//!   import; the part naming its parent is.)
//! - The core's layers are the table in ARCHITECTURE.md ("`core/src/` — the
//!   core, by layer"): every module it lists exists, every module of
//!   `core/src/` is listed once, and a core file imports only modules of
//!   lower layers, so scoring never reaches up into checks, the report or a
//!   file format.
//! - No file of the core or the checker names anything of the web
//!   (`leptos`, `web_sys`, …); the browser glue imports no view.
//! - `src/ui/` holds no tree edit and no score arithmetic: views call the
//!   document's edit methods and read the evaluation. These are code, not
//!   imports, so they are still found as text (in code without comments,
//!   literals and test items).
//!
//! Test code (items under `#[cfg(test)]`, so `core/src/tests/` too) is
//! exempt: a test may set up whatever it needs.

mod graph;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use graph::Graph;

/// Where ARCHITECTURE.md lists the core's layers: the first table after
/// the heading that starts so.
const LAYER_HEADING: &str = "### `core/src/`";

/// The core's crate folder, whose `src/` the layer table lists.
const CORE: &str = "core";
/// The command-line checker's crate folder.
const CLI: &str = "cli";

/// Crates the core must not name.
const WEB_CRATES: [&str; 6] = [
    "leptos",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "wasm_bindgen_futures",
    "gloo_storage",
];

/// Text that means a view edits the tree or computes a score itself.
const VIEW_FORBIDDEN: [(&str, &str); 10] = [
    ("indicators.push(", "a tree edit"),
    ("indicators.remove(", "a tree edit"),
    ("indicators.insert(", "a tree edit"),
    ("indicators.retain(", "a tree edit"),
    ("groups.push(", "a tree edit"),
    ("groups.remove(", "a tree edit"),
    (".swap(", "a tree edit"),
    ("score / ", "score arithmetic"),
    ("/ g.weight", "score arithmetic"),
    ("weight_sum -", "weight arithmetic"),
];

/// The core's modules by layer (1 = lowest), as ARCHITECTURE.md lists them.
#[derive(Debug, Default)]
pub struct Layers {
    pub of: BTreeMap<String, usize>,
}

impl Layers {
    /// Reads the layer table of `text` (ARCHITECTURE.md). A row's layer
    /// cell starts with its number, or is blank for the layer above; its
    /// module cell names files and folders under `core/src/` in
    /// backticks (`score.rs`, `report/`, `formats/xml.rs`), each of which
    /// must exist under `src`. Problems come back as sentences.
    pub fn parse(text: &str, src: &Path) -> (Layers, Vec<String>) {
        let mut layers = Layers::default();
        let mut problems = Vec::new();
        let Some(start) = text.lines().position(|l| l.starts_with(LAYER_HEADING)) else {
            problems.push(format!(
                "ARCHITECTURE.md: no heading starting with {LAYER_HEADING} (the core's layers)"
            ));
            return (layers, problems);
        };
        let rows = text
            .lines()
            .skip(start + 1)
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .skip(2); // the header and the |---| line
        let mut layer = 0;
        for row in rows {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let (Some(number), Some(modules)) = (cells.get(1), cells.get(2)) else {
                continue;
            };
            if !number.is_empty() {
                let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
                match digits.parse::<usize>() {
                    Ok(n) if n > layer => layer = n,
                    _ => problems.push(format!(
                        "ARCHITECTURE.md: layer `{number}` does not follow layer {layer}"
                    )),
                }
            }
            for name in modules.split('`').skip(1).step_by(2) {
                let path = src.join(name);
                let exists = if name.ends_with('/') {
                    path.is_dir()
                } else {
                    path.is_file()
                };
                if !exists {
                    problems.push(format!(
                        "ARCHITECTURE.md lists `{name}` in layer {layer}, but {CORE}/src/{name} does not exist"
                    ));
                }
                let module = name
                    .split('/')
                    .next()
                    .unwrap_or(name)
                    .trim_end_matches(".rs");
                match layers.of.get(module) {
                    Some(&other) if other != layer => problems.push(format!(
                        "ARCHITECTURE.md lists `{module}` in layers {other} and {layer}"
                    )),
                    _ => {
                        layers.of.insert(module.to_string(), layer);
                    }
                }
            }
        }
        if layers.of.is_empty() {
            problems.push("ARCHITECTURE.md: the layer table lists no module".to_string());
        }
        (layers, problems)
    }
}

/// The core module a file of `core/src/` belongs to (`report` for
/// `core/src/report/compose.rs`); `None` for the crate root `lib.rs`.
fn core_module(module: &[String]) -> Option<&str> {
    module.first().map(String::as_str)
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// Every rule the code of the project at `root` breaks, as sentences.
pub fn violations(root: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let core = Graph::build(root, CORE)?;
    let app = Graph::build(root, "")?;
    let cli = match root.join(CLI).join("src").is_dir() {
        true => Some(Graph::build(root, CLI)?),
        false => None,
    };

    for graph in [Some(&core), Some(&app), cli.as_ref()]
        .into_iter()
        .flatten()
    {
        for (cycle, others) in graph.cycles() {
            let files: Vec<String> = cycle.iter().map(|p| shown(p)).collect();
            let mut problem = format!("import cycle: {}", files.join(" → "));
            if !others.is_empty() {
                let others: Vec<String> = others.iter().map(|p| shown(p)).collect();
                problem.push_str(&format!(" (tangled with it: {})", others.join(", ")));
            }
            problems.push(problem);
        }
    }

    let architecture = root.join("ARCHITECTURE.md");
    let text = std::fs::read_to_string(&architecture)
        .map_err(|e| format!("{}: {e}", architecture.display()))?;
    let (layers, found) = Layers::parse(&text, &root.join(CORE).join("src"));
    problems.extend(found);

    let mut unlisted = Vec::new();
    for (at, file) in core.files.iter().enumerate() {
        let path = shown(&file.path);
        no_web(file, &path, "core", &mut problems);
        let Some(module) = core_module(&file.module) else {
            continue;
        };
        let Some(&layer) = layers.of.get(module) else {
            if !unlisted.contains(&module) {
                unlisted.push(module);
                problems.push(format!(
                    "{path}: module `{module}` has no layer in ARCHITECTURE.md's table"
                ));
            }
            continue;
        };
        for &to in &core.edges[at] {
            let Some(imported) = core_module(&core.files[to].module) else {
                continue;
            };
            if imported == module {
                continue;
            }
            let to_path = shown(&core.files[to].path);
            match layers.of.get(imported) {
                Some(&l) if l < layer => {}
                Some(&l) => problems.push(format!(
                    "{path}: `{module}` (layer {layer}) imports `{imported}` (layer {l}, {to_path}), which is not in a lower layer"
                )),
                None => {} // reported as unlisted where it is defined
            }
        }
    }
    for file in cli.iter().flat_map(|g| &g.files) {
        no_web(
            file,
            &shown(&file.path),
            "command-line checker",
            &mut problems,
        );
    }

    for (at, file) in app.files.iter().enumerate() {
        if file.module.first().is_some_and(|m| m == "browser") {
            for &to in &app.edges[at] {
                if app.files[to].module.first().is_some_and(|m| m == "ui") {
                    let to = shown(&app.files[to].path);
                    problems.push(format!(
                        "{}: the browser glue imports the view {to}",
                        shown(&file.path)
                    ));
                }
            }
        }
    }
    for file in app
        .files
        .iter()
        .filter(|f| f.module.first().is_some_and(|m| m == "ui"))
    {
        let full = root.join(&file.path);
        let text =
            std::fs::read_to_string(&full).map_err(|e| format!("{}: {e}", full.display()))?;
        let code = graph::production_code(&text);
        for (pattern, what) in VIEW_FORBIDDEN {
            if code.contains(pattern) {
                problems.push(format!(
                    "{}: `{pattern}` looks like {what} in a view; make it a method of the core",
                    shown(&file.path)
                ));
            }
        }
    }
    Ok(problems)
}

/// A file of the core or the checker names no web crate.
fn no_web(file: &graph::File, path: &str, what: &str, problems: &mut Vec<String>) {
    for web in WEB_CRATES {
        if file.external.contains(web) {
            problems.push(format!("{path}: the {what} must not use `{web}`"));
        }
    }
}

pub fn run() -> Result<(), String> {
    crate::util::step(
        "architecture: no import cycle, core layers as ARCHITECTURE.md lists them, no web in the core, no edits in views",
    );
    let root: PathBuf = crate::util::project_root();
    let problems = violations(&root)?;
    if problems.is_empty() {
        let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
        let (layers, _) = Layers::parse(&text, &root.join(CORE).join("src"));
        let graphs = [Graph::build(&root, CORE)?, Graph::build(&root, "")?];
        let files: usize = graphs.iter().map(|g| g.files.len()).sum();
        let imports: usize = graphs.iter().flat_map(|g| &g.edges).map(|e| e.len()).sum();
        println!(
            "  ok  {files} files of the core and the app, {imports} imports, no cycle; {} core modules in {} layers; views hold no tree edits",
            layers.of.len(),
            layers.of.values().max().unwrap_or(&0)
        );
        Ok(())
    } else {
        for p in &problems {
            println!("  !!  {p}");
        }
        Err(format!("{} architecture rule(s) broken", problems.len()))
    }
}

#[cfg(test)]
mod tests;
