//! The file-level import graph of a crate's `src/`.
//!
//! Files are found the way rustc finds them: from `src/lib.rs` (and
//! `src/main.rs`) through `mod name;` declarations. A file imports another
//! when its code names a path into that file's module: `use` trees (grouped
//! braces, `self`, globs and renames), and paths in code that start with
//! `crate::`, `super::`, `self::`, a child module or a name a `use` brought
//! in. A path points at the deepest module it names: `crate::paste::Column`
//! is `core/src/paste.rs`, `crate::report::Document` is
//! `core/src/report/mod.rs` even when that file re-exports it. A path into
//! another crate (`jixiao_core::score`) is external: each crate is its own
//! graph, and Cargo already forbids a cycle between crates.
//!
//! Test code is not read: items under `#[cfg(test)]` (so `mod tests;` and
//! the files it reaches too), comments and the text of literals.
//!
//! Not handled, since the project has none: `#[path]` attributes and inline
//! modules other than test modules (an inline module's paths are read as
//! the file's own).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Punct(char),
    /// A number.
    Number,
}

/// A token and where it starts and ends in the text.
type Spanned = (Tok, usize, usize);

/// Rust tokens as far as imports need them: identifiers, numbers, `::` and
/// single punctuation. Comments, string and char literals and lifetimes
/// are dropped.
fn lex(text: &str) -> Vec<Spanned> {
    let b = text.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(end) = raw_string_end(b, i) {
            i = end;
        } else if c == b'"' || (matches!(c, b'b' | b'c') && b.get(i + 1) == Some(&b'"')) {
            i += if c == b'"' { 1 } else { 2 };
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == b'\'' || (c == b'b' && b.get(i + 1) == Some(&b'\'')) {
            // A char literal ('x', '\n', '中') or a lifetime ('a).
            let start = if c == b'b' { i + 1 } else { i };
            let rest = &text[start + 1..];
            let mut chars = rest.char_indices();
            match chars.next() {
                Some((_, '\\')) => {
                    let close = rest[1..].find('\'').map_or(rest.len(), |p| p + 2);
                    i = start + 1 + close;
                }
                Some((_, ch)) if rest[ch.len_utf8()..].starts_with('\'') => {
                    i = start + 1 + ch.len_utf8() + 1;
                }
                _ => {
                    i = start + 1;
                    while i < b.len() && is_ident(b[i]) {
                        i += 1;
                    }
                }
            }
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len()
                && (is_ident(b[i]) || b[i] == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                i += 1;
            }
            out.push((Tok::Number, start, i));
        } else if is_ident(c) {
            let start = i;
            if b[i..].starts_with(b"r#") {
                i += 2;
            }
            let name_start = i;
            while i < b.len() && is_ident(b[i]) {
                i += 1;
            }
            out.push((Tok::Ident(text[name_start..i].to_string()), start, i));
        } else if b[i..].starts_with(b"::") {
            out.push((Tok::Sep, i, i + 2));
            i += 2;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            out.push((Tok::Punct(ch), i, i + ch.len_utf8()));
            i += ch.len_utf8();
        }
    }
    out
}

/// Where a raw string literal starting at `i` (`r"…"`, `br#"…"#`) ends.
fn raw_string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    if b.get(j) == Some(&b'b') || b.get(j) == Some(&b'c') {
        j += 1;
    }
    if b.get(j) != Some(&b'r') {
        return None;
    }
    j += 1;
    let hashes = b[j..].iter().take_while(|c| **c == b'#').count();
    j += hashes;
    if b.get(j) != Some(&b'"') {
        return None;
    }
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let body = j + 1;
    let end = b[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())
        .map_or(b.len(), |p| body + p + close.len());
    Some(end)
}

fn is_punct(tok: Option<&Spanned>, c: char) -> bool {
    matches!(tok, Some((Tok::Punct(p), _, _)) if *p == c)
}

fn ident(tok: Option<&Spanned>) -> Option<&str> {
    match tok {
        Some((Tok::Ident(name), _, _)) => Some(name),
        _ => None,
    }
}

/// The tokens without the items marked `#[cfg(test)]`, and the byte ranges
/// of the text those items take.
fn without_test_items(toks: Vec<Spanned>) -> (Vec<Spanned>, Vec<(usize, usize)>) {
    const CFG_TEST: [&str; 7] = ["#", "[", "cfg", "(", "test", ")", "]"];
    let matches_at = |toks: &[Spanned], at: usize| {
        CFG_TEST
            .iter()
            .enumerate()
            .all(|(k, want)| match toks.get(at + k) {
                Some((Tok::Ident(name), _, _)) => name == want,
                Some((Tok::Punct(p), _, _)) => want.len() == 1 && want.starts_with(*p),
                _ => false,
            })
    };
    let mut kept = Vec::new();
    let mut cut = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !matches_at(&toks, i) {
            kept.push(toks[i].clone());
            i += 1;
            continue;
        }
        let start = toks[i].1;
        i += CFG_TEST.len();
        // The item ends at a `;` outside brackets or where its first `{…}`
        // block (outside parentheses and brackets) closes.
        let mut depth = 0i32;
        let mut braces = 0i32;
        while i < toks.len() {
            match &toks[i].0 {
                Tok::Punct('(' | '[') => depth += 1,
                Tok::Punct(')' | ']') => depth -= 1,
                Tok::Punct('{') if depth == 0 => braces += 1,
                Tok::Punct('}') if depth == 0 => {
                    braces -= 1;
                    if braces == 0 {
                        break;
                    }
                }
                Tok::Punct(';') if depth == 0 && braces == 0 => break,
                _ => {}
            }
            i += 1;
        }
        let end = toks.get(i).map_or(usize::MAX, |t| t.2);
        cut.push((start, end));
        i += 1;
    }
    (kept, cut)
}

/// A file's code as `cargo xtask test` reads it: comments and the text of
/// literals blanked, items under `#[cfg(test)]` removed. Used for the
/// checks that are about code, not imports.
pub fn production_code(text: &str) -> String {
    let (toks, cut) = without_test_items(lex(text));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (_, start, end) in &toks {
        if cut.iter().any(|(a, b)| a <= start && end <= b) {
            continue;
        }
        // Keep the spacing between tokens (newlines as newlines).
        for ch in text[last..*start].chars() {
            out.push(if ch == '\n' { '\n' } else { ' ' });
        }
        out.push_str(&text[*start..*end]);
        last = *end;
    }
    out
}

/// A path a file names, and the name it binds (for `use` leaves).
struct Named {
    segments: Vec<String>,
    binds: Option<String>,
}

/// The leaves of a `use` tree starting at `toks[*i]`, each with its full
/// path; stops after the closing `;`.
fn use_tree(toks: &[Spanned], i: &mut usize, prefix: Vec<String>, out: &mut Vec<Named>) {
    let mut path = prefix;
    loop {
        match toks.get(*i).map(|t| &t.0) {
            Some(Tok::Punct('{')) => {
                *i += 1;
                loop {
                    if is_punct(toks.get(*i), '}') {
                        *i += 1;
                        return;
                    }
                    if *i >= toks.len() {
                        return;
                    }
                    use_tree(toks, i, path.clone(), out);
                    if is_punct(toks.get(*i), ',') {
                        *i += 1;
                    }
                }
            }
            Some(Tok::Punct('*')) => {
                *i += 1;
                out.push(Named {
                    segments: path,
                    binds: None,
                });
                return;
            }
            Some(Tok::Ident(name)) => {
                *i += 1;
                if name == "self" && !path.is_empty() {
                    // `use a::{self}` names `a` itself.
                } else {
                    path.push(name.clone());
                }
                if matches!(toks.get(*i).map(|t| &t.0), Some(Tok::Sep)) {
                    *i += 1;
                    continue;
                }
                let mut binds = path.last().cloned();
                if ident(toks.get(*i)) == Some("as") {
                    binds = ident(toks.get(*i + 1)).map(str::to_string);
                    *i += 2;
                }
                out.push(Named {
                    segments: path,
                    binds: binds.filter(|b| b != "_"),
                });
                return;
            }
            Some(Tok::Sep) => *i += 1, // a leading `::`
            _ => return,
        }
    }
}

/// What one file says: its child modules, the paths it names.
struct Parsed {
    children: Vec<String>,
    uses: Vec<Named>,
    paths: Vec<Vec<String>>,
}

fn parse(text: &str) -> Parsed {
    let (toks, _) = without_test_items(lex(text));
    let mut parsed = Parsed {
        children: Vec::new(),
        uses: Vec::new(),
        paths: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        let after_sep = i > 0 && toks[i - 1].0 == Tok::Sep;
        match ident(toks.get(i)) {
            Some("mod") if !after_sep => {
                if let Some(name) = ident(toks.get(i + 1))
                    && is_punct(toks.get(i + 2), ';')
                {
                    parsed.children.push(name.to_string());
                }
                i += 1;
            }
            Some("use") if !after_sep => {
                i += 1;
                let before = parsed.uses.len();
                use_tree(&toks, &mut i, Vec::new(), &mut parsed.uses);
                if parsed.uses.len() == before {
                    i += 1;
                }
            }
            Some(first) if !after_sep => {
                let mut segments = vec![first.to_string()];
                let mut j = i + 1;
                while toks.get(j).map(|t| &t.0) == Some(&Tok::Sep) {
                    match ident(toks.get(j + 1)) {
                        Some(next) => segments.push(next.to_string()),
                        None => break,
                    }
                    j += 2;
                }
                if segments.len() > 1 {
                    parsed.paths.push(segments);
                }
                i = j.max(i + 1);
            }
            _ => i += 1,
        }
    }
    parsed
}

/// One file of the graph.
pub struct File {
    /// Relative to the repository: `core/src/paste.rs`, `src/ui/mod.rs`.
    pub path: PathBuf,
    /// Its module path from the crate root: `["model", "paste"]`.
    pub module: Vec<String>,
    /// Which crate root it belongs to (`src/lib.rs` or `src/main.rs`).
    root: usize,
    /// The first segment of every path it names outside the crate
    /// (`leptos`, `std`, …).
    pub external: BTreeSet<String>,
}

pub struct Graph {
    pub files: Vec<File>,
    /// `edges[a]`: the files file `a` imports (never itself).
    pub edges: Vec<BTreeSet<usize>>,
}

impl Graph {
    /// Whether `from` naming `to` closes cycles: a module naming its own
    /// parts (`mod.rs` re-exporting or calling a submodule it declares)
    /// does not, since they are one module; the part naming its parent
    /// does.
    fn counts(&self, from: usize, to: usize) -> bool {
        let (a, b) = (&self.files[from], &self.files[to]);
        !(a.root == b.root && b.module.starts_with(&a.module))
    }

    /// The imports that count for cycles, of file `at`.
    fn imports(&self, at: usize) -> impl Iterator<Item = usize> + '_ {
        self.edges[at]
            .iter()
            .copied()
            .filter(move |&to| self.counts(at, to))
    }

    /// The graph of the crate in `folder` of the repository at `root`
    /// (the folder holding its `src/`; `""` for the app at the root).
    pub fn build(root: &Path, folder: &str) -> Result<Graph, String> {
        let mut graph = Graph::build_in(&root.join(folder))?;
        for file in &mut graph.files {
            file.path = Path::new(folder).join(&file.path);
        }
        Ok(graph)
    }

    /// The graph of the crate at `dir`, its paths relative to `dir`.
    fn build_in(dir: &Path) -> Result<Graph, String> {
        let mut files: Vec<File> = Vec::new();
        let mut parsed: Vec<Parsed> = Vec::new();
        let mut modules: BTreeMap<(usize, Vec<String>), usize> = BTreeMap::new();
        let roots: Vec<PathBuf> = ["src/lib.rs", "src/main.rs"]
            .iter()
            .map(PathBuf::from)
            .filter(|p| dir.join(p).is_file())
            .collect();
        if roots.is_empty() {
            return Err(format!("{}: no src/lib.rs or src/main.rs", dir.display()));
        }
        let mut queue: VecDeque<(usize, PathBuf, Vec<String>)> = roots
            .iter()
            .enumerate()
            .map(|(root, p)| (root, p.clone(), Vec::new()))
            .collect();
        while let Some((root, path, module)) = queue.pop_front() {
            let full = dir.join(&path);
            let text =
                std::fs::read_to_string(&full).map_err(|e| format!("{}: {e}", full.display()))?;
            let file = parse(&text);
            // A `mod.rs`, `lib.rs` or `main.rs` holds its children beside
            // it; `a.rs` holds them in `a/`.
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let folder = match stem.as_deref() {
                Some("mod" | "lib" | "main") => path.parent().map(Path::to_path_buf),
                _ => Some(path.with_extension("")),
            }
            .unwrap_or_default();
            for child in &file.children {
                let flat = folder.join(format!("{child}.rs"));
                let nested = folder.join(child).join("mod.rs");
                let found = [flat.clone(), nested]
                    .into_iter()
                    .find(|p| dir.join(p).is_file())
                    .ok_or_else(|| {
                        format!(
                            "{}: `mod {child};` but neither {} nor {child}/mod.rs exists",
                            path.display(),
                            flat.display()
                        )
                    })?;
                let mut child_module = module.clone();
                child_module.push(child.clone());
                queue.push_back((root, found, child_module));
            }
            modules.insert((root, module.clone()), files.len());
            files.push(File {
                path,
                module,
                root,
                external: BTreeSet::new(),
            });
            parsed.push(file);
        }

        let mut edges = vec![BTreeSet::new(); files.len()];
        for (at, file) in parsed.iter().enumerate() {
            let own = files[at].module.clone();
            let root = files[at].root;
            // A path as the crate root sees it, or None when it leaves the
            // crate.
            let absolute = |segments: &[String], aliases: &BTreeMap<String, Vec<String>>| {
                let first = segments.first()?;
                let mut base = match first.as_str() {
                    "crate" => Vec::new(),
                    "self" => own.clone(),
                    "super" => {
                        let mut base = own.clone();
                        let ups = segments.iter().take_while(|s| *s == "super").count();
                        for _ in 0..ups {
                            base.pop()?;
                        }
                        base.extend(segments[ups..].iter().cloned());
                        return Some(base);
                    }
                    name if file.children.iter().any(|c| c == name) => {
                        let mut base = own.clone();
                        base.push(name.to_string());
                        base
                    }
                    name => aliases.get(name)?.clone(),
                };
                base.extend(segments[1..].iter().cloned());
                Some(base)
            };
            let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
            let mut named: Vec<Vec<String>> = Vec::new();
            for leaf in &file.uses {
                match absolute(&leaf.segments, &BTreeMap::new()) {
                    Some(path) => {
                        if let Some(name) = &leaf.binds {
                            aliases.insert(name.clone(), path.clone());
                        }
                        named.push(path);
                    }
                    None => {
                        if let Some(first) = leaf.segments.first() {
                            files[at].external.insert(first.clone());
                        }
                    }
                }
            }
            for path in &file.paths {
                match absolute(path, &aliases) {
                    Some(path) => named.push(path),
                    None => {
                        files[at].external.insert(path[0].clone());
                    }
                }
            }
            for path in named {
                // The deepest module the path names.
                let target = (0..=path.len())
                    .rev()
                    .find_map(|n| modules.get(&(root, path[..n].to_vec())));
                if let Some(&target) = target
                    && target != at
                {
                    edges[at].insert(target);
                }
            }
        }
        Ok(Graph { files, edges })
    }

    /// Every import cycle, one per tangle of files that reach each other:
    /// the shortest one through the tangle's first file, as the files
    /// around it (that file again at the end), and the tangle's other files.
    pub fn cycles(&self) -> Vec<(Vec<&Path>, Vec<&Path>)> {
        let mut found = Vec::new();
        for component in self.tangles() {
            let inside: BTreeSet<usize> = component.iter().copied().collect();
            let start = component[0];
            // The shortest way back to `start`, through the tangle only.
            let mut from: BTreeMap<usize, usize> = BTreeMap::new();
            let mut queue = VecDeque::from([start]);
            let mut last = None;
            'search: while let Some(at) = queue.pop_front() {
                for next in self.imports(at) {
                    if next == start {
                        last = Some(at);
                        break 'search;
                    }
                    if inside.contains(&next) && !from.contains_key(&next) {
                        from.insert(next, at);
                        queue.push_back(next);
                    }
                }
            }
            // start → … → last → start
            let mut back = Vec::new();
            let mut at = last.unwrap_or(start);
            while at != start {
                back.push(at);
                at = from[&at];
            }
            let mut ordered = vec![start];
            ordered.extend(back.into_iter().rev());
            ordered.push(start);
            let others = component
                .iter()
                .filter(|f| !ordered.contains(f))
                .map(|&f| self.files[f].path.as_path())
                .collect();
            found.push((
                ordered
                    .iter()
                    .map(|&f| self.files[f].path.as_path())
                    .collect(),
                others,
            ));
        }
        found
    }

    /// The strongly connected components with more than one file (Tarjan),
    /// each sorted by path.
    fn tangles(&self) -> Vec<Vec<usize>> {
        struct State<'a> {
            graph: &'a Graph,
            index: Vec<Option<usize>>,
            low: Vec<usize>,
            on_stack: Vec<bool>,
            stack: Vec<usize>,
            next: usize,
            out: Vec<Vec<usize>>,
        }
        fn visit(s: &mut State, v: usize) {
            s.index[v] = Some(s.next);
            s.low[v] = s.next;
            s.next += 1;
            s.stack.push(v);
            s.on_stack[v] = true;
            let next: Vec<usize> = s.graph.imports(v).collect();
            for w in next {
                match s.index[w] {
                    None => {
                        visit(s, w);
                        s.low[v] = s.low[v].min(s.low[w]);
                    }
                    Some(i) if s.on_stack[w] => s.low[v] = s.low[v].min(i),
                    Some(_) => {}
                }
            }
            if Some(s.low[v]) == s.index[v] {
                let mut component = Vec::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    s.out.push(component);
                }
            }
        }
        let n = self.files.len();
        let mut s = State {
            graph: self,
            index: vec![None; n],
            low: vec![0; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            next: 0,
            out: Vec::new(),
        };
        for v in 0..n {
            if s.index[v].is_none() {
                visit(&mut s, v);
            }
        }
        let mut out = s.out;
        for component in &mut out {
            component.sort_by(|a, b| self.files[*a].path.cmp(&self.files[*b].path));
        }
        out.sort_by(|a, b| self.files[a[0]].path.cmp(&self.files[b[0]].path));
        out
    }
}
