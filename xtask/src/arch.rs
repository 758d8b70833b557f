//! `cargo xtask test` checks the shape of the code that the compiler does
//! not: the domain core's layers (ARCHITECTURE.md) and what views may hold.
//!
//! - Each module of `src/model/` may import only modules of lower layers, so
//!   there is no import cycle and scoring never reaches up into checks, the
//!   report or a file format.
//! - The core names nothing of the web (`leptos`, `web_sys`, …) and no view
//!   or browser glue.
//! - `src/ui/` holds no tree edit and no score arithmetic: views call the
//!   document's edit methods and read the evaluation.
//!
//! Test code (`#[cfg(test)]` modules and `src/model/tests/`) is exempt:
//! a test may set up whatever it needs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The core's modules by layer, lowest first. A module may import modules
/// of earlier entries only.
pub const LAYERS: &[&[&str]] = &[
    &["lookalikes", "sorting"],
    &["number", "names", "path"],
    &["finding"],
    &["rules"],
    &["project"],
    &["library", "sample"],
    &["edit", "score", "prose"],
    &["history", "paste"],
    &["monitor"],
    &["checks", "stated", "cycle"],
    &["report"],
    &["checkup"],
    &["overview"],
    &["charts"],
    &["formats"],
    &["versions"],
];

const WEB_CRATES: [&str; 7] = [
    "leptos",
    "web_sys",
    "js_sys",
    "wasm_bindgen",
    "gloo_storage",
    "crate::ui",
    "crate::browser",
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

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The code of a file without its `#[cfg(test)]` module (by convention the
/// last item of a file) and without comments.
fn production_code(text: &str) -> String {
    let code = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    code.lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a file under `src/model/`: `report/compose.rs` →
/// `["report", "compose"]`, `formats/mod.rs` → `["formats"]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The top-level core modules a file's code names, resolving `super::`
/// against the file's own module path.
fn imported_modules(own: &[String], code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for (at, _) in code.match_indices("crate::model::") {
        let rest = &code[at + "crate::model::".len()..];
        let name: String = rest
            .bytes()
            .take_while(|b| is_ident(*b))
            .map(char::from)
            .collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    // `super::x` (or `super::super::x`) from a file whose module path is
    // `own`: each `super` climbs one level; the file itself is level `own`.
    let mut i = 0;
    while let Some(pos) = code[i..].find("super::") {
        let start = i + pos;
        let preceded = start > 0 && is_ident(bytes[start - 1]);
        let mut depth = 0;
        let mut j = start;
        while code[j..].starts_with("super::") {
            depth += 1;
            j += "super::".len();
        }
        i = j;
        if preceded {
            continue;
        }
        let name: String = code[j..]
            .bytes()
            .take_while(|b| is_ident(*b))
            .map(char::from)
            .collect();
        if name.is_empty() {
            continue;
        }
        // A mod.rs file is its module; a plain file's `super` is its parent.
        let base = own.len().saturating_sub(depth);
        let target = if base == 0 { name } else { own[0].clone() };
        found.insert(target);
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// Every rule the code breaks, as sentences.
pub fn violations(root: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let model = root.join("src/model");
    let mut files = Vec::new();
    rust_files(&model, &mut files)?;
    files.sort();
    for file in &files {
        let relative = file.strip_prefix(&model).unwrap_or(file);
        if relative.starts_with("tests") {
            continue;
        }
        let own = module_path(relative);
        let Some(module) = own.first() else {
            continue; // model/mod.rs declares the modules
        };
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let code = production_code(&text);
        let shown = format!("src/model/{}", relative.display());
        let Some(layer) = layer_of(module) else {
            problems.push(format!(
                "{shown}: module `{module}` has no layer in xtask/src/arch.rs (add it, and to ARCHITECTURE.md)"
            ));
            continue;
        };
        for imported in imported_modules(&own, &code) {
            if imported == *module {
                continue;
            }
            match layer_of(&imported) {
                Some(l) if l < layer => {}
                Some(_) => problems.push(format!(
                    "{shown}: `{module}` imports `{imported}`, which is not in a lower layer"
                )),
                None => problems.push(format!(
                    "{shown}: imports `{imported}`, which is no core module"
                )),
            }
        }
        for web in WEB_CRATES {
            if code.contains(&format!("{web}::")) || code.contains(&format!("use {web}")) {
                problems.push(format!("{shown}: the core must not use `{web}`"));
            }
        }
    }

    let mut views = Vec::new();
    rust_files(&root.join("src/ui"), &mut views)?;
    views.sort();
    for file in &views {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let code = production_code(&text);
        for (pattern, what) in VIEW_FORBIDDEN {
            if code.contains(pattern) {
                problems.push(format!(
                    "{}: `{pattern}` looks like {what} in a view; make it a method of the core",
                    file.strip_prefix(root).unwrap_or(file).display()
                ));
            }
        }
    }
    Ok(problems)
}

pub fn run() -> Result<(), String> {
    crate::util::step("architecture: core layers, no web in the core, no edits in views");
    let problems = violations(&crate::util::project_root())?;
    if problems.is_empty() {
        println!("  ok  {} layers, views hold no tree edits", LAYERS.len());
        Ok(())
    } else {
        for p in &problems {
            println!("  !!  {p}");
        }
        Err(format!("{} architecture rule(s) broken", problems.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(path: &str) -> Vec<String> {
        module_path(Path::new(path))
    }

    #[test]
    fn module_paths() {
        assert_eq!(own("score.rs"), ["score"]);
        assert_eq!(own("report/mod.rs"), ["report"]);
        assert_eq!(own("report/compose.rs"), ["report", "compose"]);
        assert_eq!(own("formats/xlsx/sheet.rs"), ["formats", "xlsx", "sheet"]);
    }

    #[test]
    fn imports_resolve_super_and_crate_paths() {
        let code = "use super::number::parse_number;\nuse crate::model::rules::Grade;\nlet x = super::project::Project::default();";
        let found: Vec<_> = imported_modules(&own("score.rs"), code)
            .into_iter()
            .collect();
        assert_eq!(found, ["number", "project", "rules"]);
        // Inside a folder module, `super::` stays in the folder.
        let found: Vec<_> = imported_modules(&own("report/compose.rs"), "use super::table::x;")
            .into_iter()
            .collect();
        assert_eq!(found, ["report"]);
        let found: Vec<_> =
            imported_modules(&own("report/mod.rs"), "use super::score::Evaluation;")
                .into_iter()
                .collect();
        assert_eq!(found, ["score"]);
    }

    #[test]
    fn test_modules_and_comments_are_not_code() {
        let text =
            "use super::a::b; // super::c::d\n#[cfg(test)]\nmod tests {\n    use super::e::f;\n}\n";
        let code = production_code(text);
        let found: Vec<_> = imported_modules(&own("x.rs"), &code).into_iter().collect();
        assert_eq!(found, ["a"]);
    }

    #[test]
    fn every_layer_name_is_unique() {
        let all: Vec<&str> = LAYERS.iter().flat_map(|l| l.iter().copied()).collect();
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(all.len(), unique.len());
    }

    /// A scratch project with one file in each place the rules look at.
    fn scratch(files: &[(&str, &str)]) -> Vec<String> {
        let root = std::env::temp_dir().join(format!("jixiao-arch-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::fs::create_dir_all(root.join("src/ui")).unwrap();
        let found = violations(&root).unwrap();
        std::fs::remove_dir_all(&root).unwrap();
        found
    }

    #[test]
    fn breaking_a_rule_is_reported() {
        let found = scratch(&[
            (
                "src/model/score.rs",
                "use super::checks::run;
",
            ),
            (
                "src/model/checks.rs",
                "use super::score::Evaluation;
",
            ),
            (
                "src/model/number.rs",
                "use leptos::prelude::*;
",
            ),
            (
                "src/model/widgets.rs",
                "
",
            ),
            (
                "src/ui/list.rs",
                "p.indicators.push(x);
",
            ),
        ]);
        assert_eq!(found.len(), 4, "{found:#?}");
        assert!(found[0].contains("number.rs") && found[0].contains("`leptos`"));
        assert!(found[1].contains("`score` imports `checks`"));
        assert!(found[2].contains("`widgets` has no layer"));
        assert!(found[3].contains("src/ui/list.rs") && found[3].contains("tree edit"));
    }

    /// The project as it stands keeps every rule: this is the check
    /// `cargo xtask test` runs, run here too so `cargo test` sees it.
    #[test]
    fn the_project_keeps_its_architecture() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let problems = violations(root).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
