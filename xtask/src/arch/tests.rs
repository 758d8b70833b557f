use super::*;

/// A scratch project holding `files` (path, text); `f` gets its root. The
/// folder is removed afterwards.
fn scratch<T>(name: &str, files: &[(&str, &str)], f: impl FnOnce(&Path) -> T) -> T {
    let root = std::env::temp_dir().join(format!("jixiao-arch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = f(&root);
    std::fs::remove_dir_all(&root).unwrap();
    out
}

const LAYERS_MD: &str = "# Architecture

### `core/src/` — the core, by layer (lowest first)

| layer | module | what |
|---|---|---|
| 1 vocabulary | `number.rs` | figures |
| | `path.rs` | paths |
| 2 | `score.rs` | scores |
| 3 | `checks.rs`, `report/` | checks |

Text after the table.
";

/// A small workspace in the project's shape that keeps every rule.
fn tidy() -> Vec<(&'static str, &'static str)> {
    vec![
        ("ARCHITECTURE.md", LAYERS_MD),
        (
            "src/lib.rs",
            "mod browser;\n#[cfg(target_arch = \"wasm32\")]\nmod ui;\n",
        ),
        (
            "core/src/lib.rs",
            "pub mod checks;\npub mod number;\npub mod path;\npub mod report;\npub mod score;\n#[cfg(test)]\nmod tests;\n",
        ),
        ("core/src/number.rs", "pub fn parse() {}\n"),
        ("core/src/path.rs", "pub struct FieldPath;\n"),
        (
            "core/src/score.rs",
            "use super::{number::parse, path::FieldPath};\npub fn evaluate() { parse(); }\n",
        ),
        (
            "core/src/checks.rs",
            "use crate::score;\npub fn run() { score::evaluate(); }\n",
        ),
        // A module using its parts and its parts using it: not a cycle.
        (
            "core/src/report/mod.rs",
            "mod compose;\nmod table;\npub use compose::compose;\npub struct Document;\n",
        ),
        (
            "core/src/report/compose.rs",
            "use super::Document;\nuse super::table::tables;\npub fn compose() -> Document { tables(); Document }\n",
        ),
        (
            "core/src/report/table.rs",
            "use crate::score::evaluate;\npub(super) fn tables() { evaluate() }\n",
        ),
        // Test code may import anything.
        (
            "core/src/tests/mod.rs",
            "use leptos::prelude::*;\nuse crate::checks;\n",
        ),
        ("src/browser/mod.rs", "pub mod route;\n"),
        (
            "src/browser/route.rs",
            "use jixiao_core::path::FieldPath;\n",
        ),
        (
            "src/ui/mod.rs",
            "mod list;\npub struct AppState;\npub fn App() { list::show(); }\n",
        ),
        (
            "src/ui/list.rs",
            "use leptos::prelude::*;\nuse super::AppState;\nuse crate::browser::route;\n// p.indicators.push(x) in a comment is no edit\npub fn show() { let s = \"groups.push(\"; }\n",
        ),
        ("cli/src/main.rs", "mod out;\nfn main() { out::write(); }\n"),
        (
            "cli/src/out.rs",
            "use jixiao_core::score::evaluate;\npub fn write() { evaluate() }\n",
        ),
    ]
}

fn with(changes: &[(&'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    let mut files = tidy();
    for (path, text) in changes {
        match files.iter_mut().find(|(p, _)| p == path) {
            Some(slot) => slot.1 = text,
            None => files.push((path, text)),
        }
    }
    files
}

#[test]
fn a_tidy_tree_keeps_every_rule() {
    let found = scratch("tidy", &tidy(), |root| violations(root).unwrap());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_cycle_is_an_error_that_names_its_files() {
    // score → checks → score, through a grouped `use` and a `super::` path
    // in code.
    let files = with(&[
        (
            "core/src/score.rs",
            "use super::{number::parse, path::FieldPath};\npub fn evaluate() { parse(); super::checks::run(); }\n",
        ),
        (
            "core/src/checks.rs",
            "use crate::{path, score::{self, evaluate}};\npub fn run() {}\n",
        ),
    ]);
    let found = scratch("cycle", &files, |root| violations(root).unwrap());
    let cycle = found
        .iter()
        .find(|p| p.starts_with("import cycle"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(
        cycle,
        "import cycle: core/src/checks.rs → core/src/score.rs → core/src/checks.rs"
    );
    // The same import also breaks the layers.
    assert!(
        found
            .iter()
            .any(|p| p.contains("`score` (layer 2) imports `checks` (layer 3"))
    );
}

#[test]
fn a_cycle_through_three_files_and_a_parent_is_found() {
    // compose → table → layout → compose; report/mod.rs naming compose
    // is the module using its part, and adds nothing.
    let files = with(&[
        (
            "core/src/report/table.rs",
            "use super::layout::grid;\npub(super) fn tables() { grid() }\n",
        ),
        (
            "core/src/report/mod.rs",
            "mod compose;\nmod layout;\nmod table;\npub use compose::compose;\npub struct Document;\n",
        ),
        (
            "core/src/report/layout.rs",
            "pub(super) fn grid() { super::compose::compose(); }\n",
        ),
    ]);
    let found = scratch("three", &files, |root| violations(root).unwrap());
    assert_eq!(
        found,
        [
            "import cycle: core/src/report/compose.rs → core/src/report/table.rs → core/src/report/layout.rs → core/src/report/compose.rs"
        ]
    );
}

#[test]
fn ui_files_are_checked_for_cycles_too() {
    let files = with(&[
        (
            "src/ui/mod.rs",
            "mod files;\nmod list;\nmod versions;\npub struct AppState;\n",
        ),
        (
            "src/ui/list.rs",
            "use super::files::FileControls;\npub fn label() {}\n",
        ),
        (
            "src/ui/files.rs",
            "pub struct FileControls;\nfn x() { super::versions::keep() }\n",
        ),
        (
            "src/ui/versions.rs",
            "use super::{AppState, list::label};\npub fn keep() { label() }\n",
        ),
    ]);
    let found = scratch("ui", &files, |root| violations(root).unwrap());
    assert_eq!(
        found,
        ["import cycle: src/ui/files.rs → src/ui/versions.rs → src/ui/list.rs → src/ui/files.rs"]
    );
}

#[test]
fn layers_web_and_views_are_checked() {
    let files = with(&[
        ("core/src/number.rs", "use leptos::prelude::*;\n"),
        ("core/src/path.rs", "use super::number::parse;\n"),
        (
            "core/src/lib.rs",
            "pub mod checks;\npub mod number;\npub mod path;\npub mod report;\npub mod score;\npub mod widgets;\n",
        ),
        ("core/src/widgets.rs", "pub struct Widget;\n"),
        ("cli/src/out.rs", "pub fn write() { web_sys::window(); }\n"),
        ("src/browser/route.rs", "use crate::ui::AppState;\n"),
        ("src/ui/list.rs", "fn f(p: P) { p.indicators.push(x); }\n"),
    ]);
    let found = scratch("layers", &files, |root| violations(root).unwrap());
    let expected = [
        "src/browser/route.rs: the browser glue imports the view src/ui/mod.rs",
        "core/src/number.rs: the core must not use `leptos`",
        "cli/src/out.rs: the command-line checker must not use `web_sys`",
        "core/src/path.rs: `path` (layer 1) imports `number` (layer 1, core/src/number.rs), which is not in a lower layer",
        "core/src/widgets.rs: module `widgets` has no layer in ARCHITECTURE.md's table",
        "src/ui/list.rs: `indicators.push(` looks like a tree edit in a view; make it a method of the core",
    ];
    for want in expected {
        assert!(
            found.iter().any(|p| p == want),
            "missing {want:?} in {found:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn the_layer_table_must_name_what_exists() {
    let md = LAYERS_MD.replace("`path.rs`", "`paths.rs`, `number.rs`");
    let md: &'static str = Box::leak(md.into_boxed_str());
    let found = scratch("table", &with(&[("ARCHITECTURE.md", md)]), |root| {
        violations(root).unwrap()
    });
    assert!(
        found.contains(
            &"ARCHITECTURE.md lists `paths.rs` in layer 1, but core/src/paths.rs does not exist"
                .to_string()
        ),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("module `path` has no layer")),
        "{found:#?}"
    );
    let md = LAYERS_MD.replace("| 3 |", "| 2 |");
    let md: &'static str = Box::leak(md.into_boxed_str());
    let found = scratch("order", &with(&[("ARCHITECTURE.md", md)]), |root| {
        violations(root).unwrap()
    });
    assert!(
        found
            .iter()
            .any(|p| p.contains("layer `2` does not follow layer 2")),
        "{found:#?}"
    );
}

#[test]
fn use_trees_and_paths_resolve_to_files() {
    let files = with(&[(
        "core/src/checks.rs",
        "use crate::{number as n, path::{self}};\n\
         use super::report::*;\n\
         /* use crate::score; */\n\
         fn f() { let _ = \"crate::score\"; let c = '\"'; n::parse(); path::FieldPath; }\n\
         fn g<'a>(x: &'a str) {}\n\
         #[cfg(test)]\n\
         fn helper() { crate::score::evaluate(); }\n",
    )]);
    scratch("resolve", &files, |root| {
        let graph = Graph::build(root, CORE).unwrap();
        let at = graph
            .files
            .iter()
            .position(|f| f.path == Path::new("core/src/checks.rs"))
            .unwrap();
        let mut imported: Vec<String> = graph.edges[at]
            .iter()
            .map(|&to| shown(&graph.files[to].path))
            .collect();
        imported.sort();
        assert_eq!(
            imported,
            [
                "core/src/number.rs",
                "core/src/path.rs",
                "core/src/report/mod.rs"
            ]
        );
    });
}

#[test]
fn production_code_drops_comments_literals_and_tests() {
    let code = graph::production_code(
        "let a = x.swap(1); // .swap(\nlet s = \"score / 2\";\n#[cfg(test)]\nmod tests {\n    fn f() { a.indicators.push(1); }\n}\n",
    );
    assert!(code.contains("x.swap(1);"));
    assert!(!code.contains("score /"));
    assert!(!code.contains("indicators.push("));
    assert_eq!(code.matches(".swap(").count(), 1);
}

/// The project as it stands keeps every rule: this is the check `cargo
/// xtask test` runs, run here too so `cargo test` sees it.
#[test]
fn the_project_keeps_its_architecture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let problems = violations(root).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}
