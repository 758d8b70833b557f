//! `style/main.css` lays out on the oldest engines the app supports: Chromium 86
//! (360 浏览器 13, many 信创 terminals) and Firefox ESR 115 (麒麟 desktops).
//!
//! An engine drops a whole rule when one selector of its list is unknown (a
//! `:has()` beside plain selectors takes them all down), a declaration with an
//! unknown property or value, and an at-rule it does not know. So every
//! feature newer than the floor must sit inside an `@supports` whose condition
//! names it: there it can only add to a layout that already works, and this
//! check makes the author say which feature the block is for.
//!
//! Not checked, on purpose: margin boxes inside `@page` (`@bottom-center`,
//! Chromium 131): an engine without them drops only the box, losing the printed
//! page number, and `@supports` cannot test an at-rule on the floor engines.
//! Flex `gap` (Chromium 84) cannot be told from grid `gap` in the text; it is
//! within the floor anyway.

use std::fmt;

use crate::util::{project_root, step};

/// Chromium 86: 360 安全/极速浏览器 13 and its enterprise build.
const CHROMIUM_FLOOR: u32 = 86;
/// Firefox ESR 115, the oldest ESR on 麒麟 desktops still updated.
const FIREFOX_FLOOR: u32 = 115;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// In a selector: matched as written (`:has(`).
    Selector,
    /// A property name.
    Property,
    /// A function in a value (`color-mix`), matched before its `(`.
    Function,
    /// A unit after a number (`100dvh`).
    Unit,
    /// A keyword of one property: `name` is `property:keyword`.
    Keyword,
    /// An at-rule, without the `@`.
    AtRule,
}

struct Feature {
    kind: Kind,
    name: &'static str,
    /// First Chromium release that has it.
    chromium: u32,
    /// First Firefox release that has it; `None` when none has yet.
    firefox: Option<u32>,
}

const fn f(kind: Kind, name: &'static str, chromium: u32, firefox: Option<u32>) -> Feature {
    Feature {
        kind,
        name,
        chromium,
        firefox,
    }
}

use Kind::*;

/// Features with the releases that brought them (MDN browser-compat-data).
/// Entries within the floor stay listed so that the list reads as a record
/// and raising the floor needs no new research.
const FEATURES: &[Feature] = &[
    // Selectors.
    f(Selector, ":has(", 105, Some(121)),
    f(Selector, ":is(", 88, Some(78)),
    f(Selector, ":where(", 88, Some(78)),
    f(Selector, ":focus-visible", 86, Some(85)),
    f(Selector, ":user-invalid", 119, Some(88)),
    f(Selector, ":user-valid", 119, Some(88)),
    f(Selector, ":modal", 105, Some(103)),
    f(Selector, ":popover-open", 114, Some(125)),
    f(Selector, ":state(", 125, Some(126)),
    f(Selector, ":dir(", 120, Some(49)),
    f(Selector, ":open", 133, None),
    f(Selector, ":autofill", 110, Some(86)),
    f(Selector, "::file-selector-button", 89, Some(82)),
    f(Selector, "::target-text", 89, Some(131)),
    f(Selector, "::highlight(", 105, Some(140)),
    f(Selector, "::details-content", 131, None),
    f(Selector, "::view-transition", 111, None),
    f(Selector, "::marker", 86, Some(68)),
    // Properties.
    f(Property, "field-sizing", 123, None),
    f(Property, "aspect-ratio", 88, Some(89)),
    f(Property, "inset", 87, Some(66)),
    f(Property, "inset-inline", 87, Some(63)),
    f(Property, "inset-inline-start", 87, Some(63)),
    f(Property, "inset-inline-end", 87, Some(63)),
    f(Property, "inset-block", 87, Some(63)),
    f(Property, "inset-block-start", 87, Some(63)),
    f(Property, "inset-block-end", 87, Some(63)),
    f(Property, "margin-inline", 87, Some(66)),
    f(Property, "margin-inline-start", 87, Some(41)),
    f(Property, "margin-inline-end", 87, Some(41)),
    f(Property, "margin-block", 87, Some(66)),
    f(Property, "margin-block-start", 87, Some(41)),
    f(Property, "margin-block-end", 87, Some(41)),
    f(Property, "padding-inline", 87, Some(66)),
    f(Property, "padding-inline-start", 87, Some(41)),
    f(Property, "padding-inline-end", 87, Some(41)),
    f(Property, "padding-block", 87, Some(66)),
    f(Property, "padding-block-start", 87, Some(41)),
    f(Property, "padding-block-end", 87, Some(41)),
    f(Property, "border-inline", 87, Some(66)),
    f(Property, "border-inline-start", 87, Some(41)),
    f(Property, "border-inline-end", 87, Some(41)),
    f(Property, "border-block", 87, Some(66)),
    f(Property, "border-block-start", 87, Some(41)),
    f(Property, "border-block-end", 87, Some(41)),
    f(Property, "border-start-start-radius", 89, Some(66)),
    f(Property, "border-start-end-radius", 89, Some(66)),
    f(Property, "border-end-start-radius", 89, Some(66)),
    f(Property, "border-end-end-radius", 89, Some(66)),
    f(Property, "accent-color", 93, Some(92)),
    f(Property, "text-underline-offset", 87, Some(70)),
    f(Property, "text-decoration-thickness", 89, Some(70)),
    f(Property, "container", 105, Some(110)),
    f(Property, "container-type", 105, Some(110)),
    f(Property, "container-name", 105, Some(110)),
    f(Property, "content-visibility", 85, Some(125)),
    f(Property, "scrollbar-gutter", 94, Some(97)),
    f(Property, "scrollbar-width", 121, Some(64)),
    f(Property, "scrollbar-color", 121, Some(64)),
    f(Property, "translate", 104, Some(72)),
    f(Property, "rotate", 104, Some(72)),
    f(Property, "scale", 104, Some(72)),
    f(Property, "text-wrap", 114, Some(121)),
    f(Property, "text-wrap-mode", 130, Some(124)),
    f(Property, "text-wrap-style", 130, Some(124)),
    f(Property, "white-space-collapse", 114, Some(124)),
    f(Property, "hyphenate-character", 106, Some(98)),
    f(Property, "print-color-adjust", 136, Some(97)),
    f(Property, "overflow-clip-margin", 90, Some(102)),
    f(Property, "forced-color-adjust", 89, Some(113)),
    f(Property, "font-size-adjust", 127, Some(3)),
    f(Property, "zoom", 1, Some(126)),
    f(Property, "mask", 120, Some(53)),
    f(Property, "mask-image", 120, Some(53)),
    f(Property, "view-transition-name", 111, None),
    f(Property, "anchor-name", 125, None),
    f(Property, "position-anchor", 125, None),
    f(Property, "position-area", 129, None),
    f(Property, "interpolate-size", 129, None),
    f(Property, "animation-timeline", 115, None),
    f(Property, "initial-letter", 110, None),
    f(Property, "text-box", 133, None),
    f(Property, "text-box-trim", 133, None),
    f(Property, "page", 85, Some(110)),
    // Keywords of one property.
    f(Keyword, "overflow:clip", 90, Some(81)),
    f(Keyword, "overflow-x:clip", 90, Some(81)),
    f(Keyword, "overflow-y:clip", 90, Some(81)),
    f(Keyword, "word-break:auto-phrase", 119, None),
    f(Keyword, "width:stretch", 138, None),
    f(Keyword, "height:stretch", 138, None),
    // Functions in values.
    f(Function, "min", 79, Some(75)),
    f(Function, "max", 79, Some(75)),
    f(Function, "clamp", 79, Some(75)),
    f(Function, "color-mix", 111, Some(113)),
    f(Function, "color", 111, Some(113)),
    f(Function, "oklch", 111, Some(113)),
    f(Function, "oklab", 111, Some(113)),
    f(Function, "lch", 111, Some(113)),
    f(Function, "lab", 111, Some(113)),
    f(Function, "hwb", 101, Some(96)),
    f(Function, "light-dark", 123, Some(120)),
    f(Function, "round", 125, Some(118)),
    f(Function, "mod", 125, Some(118)),
    f(Function, "rem", 125, Some(118)),
    f(Function, "sin", 111, Some(108)),
    f(Function, "cos", 111, Some(108)),
    f(Function, "tan", 111, Some(108)),
    f(Function, "pow", 120, Some(118)),
    f(Function, "sqrt", 120, Some(118)),
    f(Function, "hypot", 120, Some(118)),
    f(Function, "abs", 138, Some(118)),
    f(Function, "sign", 138, Some(118)),
    f(Function, "calc-size", 129, None),
    f(Function, "anchor", 125, None),
    f(Function, "anchor-size", 125, None),
    f(Function, "image-set", 113, Some(90)),
    // Units.
    f(Unit, "dvh", 108, Some(101)),
    f(Unit, "dvw", 108, Some(101)),
    f(Unit, "svh", 108, Some(101)),
    f(Unit, "svw", 108, Some(101)),
    f(Unit, "lvh", 108, Some(101)),
    f(Unit, "lvw", 108, Some(101)),
    f(Unit, "dvmin", 108, Some(101)),
    f(Unit, "dvmax", 108, Some(101)),
    f(Unit, "svmin", 108, Some(101)),
    f(Unit, "svmax", 108, Some(101)),
    f(Unit, "lvmin", 108, Some(101)),
    f(Unit, "lvmax", 108, Some(101)),
    f(Unit, "vi", 108, Some(101)),
    f(Unit, "vb", 108, Some(101)),
    f(Unit, "cqw", 105, Some(110)),
    f(Unit, "cqh", 105, Some(110)),
    f(Unit, "cqi", 105, Some(110)),
    f(Unit, "cqb", 105, Some(110)),
    f(Unit, "cqmin", 105, Some(110)),
    f(Unit, "cqmax", 105, Some(110)),
    f(Unit, "lh", 109, Some(120)),
    f(Unit, "rlh", 111, Some(120)),
    f(Unit, "ic", 106, Some(97)),
    f(Unit, "cap", 118, Some(97)),
    // At-rules.
    f(AtRule, "layer", 99, Some(97)),
    f(AtRule, "container", 105, Some(110)),
    f(AtRule, "property", 85, Some(128)),
    f(AtRule, "scope", 118, None),
    f(AtRule, "starting-style", 117, Some(129)),
    f(AtRule, "counter-style", 91, Some(33)),
    f(AtRule, "font-palette-values", 101, Some(107)),
    f(AtRule, "position-try", 125, None),
    f(AtRule, "view-transition", 126, None),
];

/// Rules that need more than a name to recognise.
const NESTING: Feature = f(Selector, "nesting", 112, Some(117));
/// `:not()` with more than one simple selector (`:not(.a.b)`, `:not(a, b)`,
/// `:not(:has(…))`): Selectors Level 4.
const COMPLEX_NOT: Feature = f(Selector, ":not(", 88, Some(84));
const NTH_OF: Feature = f(Selector, ":nth-child(… of", 111, Some(113));
/// `@media (width >= 800px)`.
const MEDIA_RANGE: Feature = f(AtRule, "media range syntax", 104, Some(63));

impl Feature {
    fn beyond_floor(&self) -> bool {
        self.chromium > CHROMIUM_FLOOR || self.firefox.is_none_or(|v| v > FIREFOX_FLOOR)
    }

    /// What an `@supports` condition must contain to be about this feature.
    fn needle(&self) -> &'static str {
        match self.kind {
            Keyword => self.name.split(':').next_back().unwrap_or(self.name),
            _ => self.name,
        }
    }
}

/// One use of a feature beyond the floor, outside an `@supports` naming it.
#[derive(Debug, PartialEq, Eq)]
pub struct Violation {
    pub line: usize,
    pub feature: &'static str,
    pub chromium: u32,
    pub firefox: Option<u32>,
    /// The selector or at-rule it is in, or the declaration.
    pub context: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let firefox = self
            .firefox
            .map_or_else(|| "none yet".to_string(), |v| v.to_string());
        write!(
            out,
            "line {}: {} needs Chromium {} / Firefox {} (floor: {CHROMIUM_FLOOR} / {FIREFOX_FLOOR}), in `{}`",
            self.line, self.feature, self.chromium, firefox, self.context
        )
    }
}

pub fn check() -> Result<(), String> {
    step("style/main.css within Chromium 86 / Firefox 115 (or inside @supports)");
    let path = project_root().join("style/main.css");
    let css = std::fs::read_to_string(&path)
        .map_err(|err| format!("could not read {}: {err}", path.display()))?;
    let violations = violations(&css);
    if violations.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = violations.iter().map(|v| format!("  {v}")).collect();
    Err(format!(
        "style/main.css uses features beyond the floor outside an @supports that names them \
         (an old engine drops the whole rule or declaration):\n{}",
        list.join("\n")
    ))
}

/// Every use of a feature beyond the floor outside an `@supports` naming it.
pub fn violations(css: &str) -> Vec<Violation> {
    let text = blank_comments(css);
    let mut parser = Parser {
        text: &text,
        pos: 0,
    };
    let items = parser.items();
    let mut found = Vec::new();
    walk(&items, &text, &Scope::default(), &mut found);
    found
}

// ---------- parsing: a stylesheet as nested blocks and statements ----------

/// One block (`prelude { … }`) or statement (`prop: value;`, `@import …;`).
struct Item {
    /// Byte offset of its first character.
    at: usize,
    prelude: String,
    /// `Some` for a block.
    children: Option<Vec<Item>>,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    /// Items up to the closing `}` of the current block (consumed) or the end.
    fn items(&mut self) -> Vec<Item> {
        let bytes = self.text.as_bytes();
        let mut items = Vec::new();
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            if self.pos >= bytes.len() {
                return items;
            }
            if bytes[self.pos] == b'}' {
                self.pos += 1;
                return items;
            }
            let at = self.pos;
            let end = self.prelude_end();
            let prelude = self.text[at..end].trim().to_string();
            self.pos = end;
            match bytes.get(end) {
                Some(b'{') => {
                    self.pos += 1;
                    let children = self.items();
                    items.push(Item {
                        at,
                        prelude,
                        children: Some(children),
                    });
                }
                Some(b';') => {
                    self.pos += 1;
                    items.push(Item {
                        at,
                        prelude,
                        children: None,
                    });
                }
                // `}` closes the block after a last statement without `;`.
                _ => {
                    if !prelude.is_empty() {
                        items.push(Item {
                            at,
                            prelude,
                            children: None,
                        });
                    }
                }
            }
        }
    }

    /// The offset of the `{`, `;` or `}` that ends what starts at `pos`,
    /// outside strings, parentheses and brackets.
    fn prelude_end(&self) -> usize {
        let bytes = self.text.as_bytes();
        let mut depth = 0usize;
        let mut quote = None;
        let mut i = self.pos;
        while i < bytes.len() {
            let b = bytes[i];
            match quote {
                Some(_) if b == b'\\' => i += 1,
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None => match b {
                    b'"' | b'\'' => quote = Some(b),
                    b'(' | b'[' => depth += 1,
                    b')' | b']' => depth = depth.saturating_sub(1),
                    b'{' | b';' | b'}' if depth == 0 => return i,
                    _ => {}
                },
            }
            i += 1;
        }
        bytes.len()
    }
}

/// The text with each comment replaced by spaces (newlines kept, so offsets
/// and line numbers stay those of the file).
fn blank_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let (comment, next) = match after.find("*/") {
            Some(end) => (&rest[start..start + 2 + end + 2], &after[end + 2..]),
            None => (&rest[start..], ""),
        };
        out.extend(comment.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = next;
    }
    out.push_str(rest);
    out
}

/// The text with the contents of strings blanked: `content: ":has("` is no selector.
fn blank_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                    out.push(' ');
                } else if c == '\\' {
                    escaped = true;
                    out.push(' ');
                } else if c == q {
                    quote = None;
                    out.push(c);
                } else {
                    out.push(' ');
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

// ---------- checking ----------

#[derive(Default, Clone)]
struct Scope {
    /// The conditions of the `@supports` blocks around, lowercased.
    supports: Vec<String>,
    /// Inside a style rule: a block here is a nested rule.
    in_style_rule: bool,
    /// Inside `@page`: blocks here are margin boxes.
    in_page: bool,
}

impl Scope {
    fn allows(&self, feature: &Feature) -> bool {
        let needle = feature.needle();
        self.supports.iter().any(|c| c.contains(needle))
    }
}

fn walk(items: &[Item], text: &str, scope: &Scope, found: &mut Vec<Violation>) {
    for item in items {
        let line = text[..item.at].matches('\n').count() + 1;
        let mut report = |feature: &Feature, context: &str| {
            if feature.beyond_floor() && !scope.allows(feature) {
                found.push(Violation {
                    line,
                    feature: feature.name,
                    chromium: feature.chromium,
                    firefox: feature.firefox,
                    context: one_line(context),
                });
            }
        };
        let Some(children) = &item.children else {
            if let Some(name) = item.prelude.strip_prefix('@') {
                at_rule(name, &mut report, &item.prelude);
            } else {
                declaration(&item.prelude, &mut report);
            }
            continue;
        };
        let mut inner = scope.clone();
        if scope.in_style_rule || blank_strings(&item.prelude).contains('&') {
            report(&NESTING, &item.prelude);
        }
        if let Some(rest) = item.prelude.strip_prefix('@') {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            // Inside `@page` an at-rule is a margin box (see the module's note).
            if !scope.in_page {
                at_rule(&name, &mut report, &item.prelude);
            }
            match name.as_str() {
                "supports" => inner
                    .supports
                    .push(item.prelude[name.len() + 1..].to_ascii_lowercase()),
                "page" => inner.in_page = true,
                "media" => {
                    let query = blank_strings(&item.prelude);
                    if query.contains('<') || query.contains('>') {
                        report(&MEDIA_RANGE, &item.prelude);
                    }
                }
                _ => {}
            }
        } else {
            selector(&item.prelude, &mut report);
            inner.in_style_rule = true;
        }
        walk(children, text, &inner, found);
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn at_rule(prelude: &str, report: &mut impl FnMut(&Feature, &str), context: &str) {
    let name: String = prelude
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    for feature in FEATURES.iter().filter(|f| f.kind == AtRule) {
        if feature.name == name {
            report(feature, context);
        }
    }
}

fn selector(prelude: &str, report: &mut impl FnMut(&Feature, &str)) {
    let text = blank_strings(prelude).to_ascii_lowercase();
    for feature in FEATURES.iter().filter(|f| f.kind == Selector) {
        if contains_pseudo(&text, feature.name) {
            report(feature, prelude);
        }
    }
    for argument in arguments_of(&text, ":not(") {
        if simple_selectors(&argument) > 1 {
            report(&COMPLEX_NOT, prelude);
        }
    }
    for argument in arguments_of(&text, ":nth-child(")
        .into_iter()
        .chain(arguments_of(&text, ":nth-last-child("))
    {
        if argument.split_whitespace().any(|w| w == "of") {
            report(&NTH_OF, prelude);
        }
    }
}

/// `:is(` in `a:is(b)` but not `:is` in `a::is-x` or `:is(` in `::is(`; a
/// pseudo-class name is followed by `(` or by no name character.
fn contains_pseudo(text: &str, name: &str) -> bool {
    let mut from = 0;
    while let Some(found) = text[from..].find(name) {
        let start = from + found;
        let end = start + name.len();
        let single_colon = !name.starts_with("::");
        let after_double_colon = single_colon && start > 0 && text.as_bytes()[start - 1] == b':';
        let whole_name = name.ends_with('(')
            || name.starts_with("::")
            || !text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '(');
        if whole_name && !after_double_colon {
            return true;
        }
        from = end;
    }
    false
}

/// The text between the parentheses of each `name…)` in `text`.
fn arguments_of(text: &str, name: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(name) {
        let start = from + at + name.len();
        let mut depth = 1usize;
        let mut end = start;
        for (i, c) in text[start..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = start + i;
                break;
            }
        }
        found.push(text[start..end.max(start)].to_string());
        from = start;
    }
    found
}

/// How many simple selectors a `:not()` argument holds; a combinator or a
/// list counts as more than one.
fn simple_selectors(argument: &str) -> usize {
    let argument = argument.trim();
    let mut count = 0;
    let mut depth = 0usize;
    let mut previous: Option<char> = None;
    for c in argument.chars() {
        match c {
            '(' | '[' => {
                if depth == 0 && c == '[' {
                    count += 1;
                }
                depth += 1;
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            ',' | '>' | '+' | '~' | ' ' => return 2,
            '.' | '#' => count += 1,
            // `::` starts one pseudo-element, not two.
            ':' if previous != Some(':') => count += 1,
            _ if previous.is_none() => count += 1,
            _ => {}
        }
        previous = Some(c);
    }
    count
}

fn declaration(text: &str, report: &mut impl FnMut(&Feature, &str)) {
    let Some((property, value)) = text.split_once(':') else {
        return;
    };
    let property = property.trim().to_ascii_lowercase();
    let value = blank_strings(value).to_ascii_lowercase();
    for feature in FEATURES {
        let hit = match feature.kind {
            Property => property == feature.name,
            Keyword => feature.name.split_once(':').is_some_and(|(p, keyword)| {
                p == property
                    && value
                        .split(|c: char| c.is_whitespace() || c == '!' || c == ',')
                        .any(|w| w == keyword)
            }),
            Function => functions(&value).any(|name| name == feature.name),
            Unit => units(&value).any(|unit| unit == feature.name),
            Selector | AtRule => false,
        };
        if hit {
            report(feature, text);
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The names of the functions called in a value.
fn functions(value: &str) -> impl Iterator<Item = &str> {
    value.match_indices('(').filter_map(move |(at, _)| {
        let start = value[..at]
            .rfind(|c: char| !is_name_char(c))
            .map_or(0, |i| i + 1);
        (start < at).then(|| &value[start..at])
    })
}

/// The units of the dimensions in a value (`100dvh` → `dvh`), skipping the
/// digits of names and hex colours (`gc-9`, `#0b5cad`).
fn units(value: &str) -> impl Iterator<Item = &str> {
    let bytes = value.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c == '#'
            || c.is_ascii_alphabetic()
            || c == '_'
            || (c == '-' && is_name_start(bytes, i + 1))
        {
            // A name or a hash: skip it whole.
            i += 1;
            while i < bytes.len() && is_name_char(bytes[i] as char) {
                i += 1;
            }
            continue;
        }
        if c.is_ascii_digit() {
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            if i > start {
                found.push(&value[start..i]);
            }
            continue;
        }
        i += 1;
    }
    found.into_iter()
}

fn is_name_start(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'-' || *b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(css: &str) -> Vec<&'static str> {
        violations(css).into_iter().map(|v| v.feature).collect()
    }

    #[test]
    fn a_floor_stylesheet_passes() {
        let css = r#"
            :root { --ink: #1f2328; }
            /* :has( in a comment is no selector */
            a:focus-visible, button:not(:disabled):not([aria-pressed="true"]) { outline: 3px solid #f0b429; }
            .a::after { content: ":has(x) 100dvh color-mix("; }
            .bar { width: min(48rem, calc(100vw - 2rem)); gap: 0.5rem; transform: translateX(-50%); }
            .gc-9 { width: 18%; grid-column: 1 / 3; font-size: 0.85rem; }
            @media (max-width: 1100px) { .x { display: flex; } }
            @media print { .r-table tr:not(.has-long) > td[rowspan="1"] { break-inside: avoid; } }
            @page { size: A4 portrait; margin: 37mm 26mm; @bottom-center { content: counter(page); } }
            @page monitoring { size: A4 landscape; }
            .sheet { page: monitoring; overflow: hidden; }
        "#;
        assert_eq!(violations(css), Vec::new());
    }

    #[test]
    fn each_feature_beyond_the_floor_is_found_with_its_line() {
        let cases: &[(&str, &str)] = &[
            (".wrap:has(+ .wrap), .other { margin: 0; }", ":has("),
            (".a :is(.b, .c) { color: red; }", ":is("),
            (":where(.b) { color: red; }", ":where("),
            ("tr:not(.a.b) { color: red; }", ":not("),
            ("tr:not(.a, .b) { color: red; }", ":not("),
            ("tr:not(.a .b) { color: red; }", ":not("),
            ("li:nth-child(2 of .x) { color: red; }", ":nth-child(… of"),
            ("textarea { field-sizing: content; }", "field-sizing"),
            (".a { aspect-ratio: 16 / 9; }", "aspect-ratio"),
            (".a { inset: 0; }", "inset"),
            (".a { margin-inline: auto; }", "margin-inline"),
            (".a { accent-color: red; }", "accent-color"),
            (
                ".a { text-underline-offset: 0.15em; }",
                "text-underline-offset",
            ),
            (".a { overflow: clip; }", "overflow:clip"),
            (".a { height: 100dvh; }", "dvh"),
            (".a { width: 50cqi; }", "cqi"),
            (".a { color: color-mix(in srgb, red, blue); }", "color-mix"),
            (".a { color: red; .b { color: blue; } }", "nesting"),
            (".a { color: red; & .b { color: blue; } }", "nesting"),
            (
                "@container (min-width: 30rem) { .a { color: red; } }",
                "container",
            ),
            ("@layer base { .a { color: red; } }", "layer"),
            (
                "@media (width >= 800px) { .a { color: red; } }",
                "media range syntax",
            ),
            (
                "@property --x { syntax: '<length>'; inherits: false; initial-value: 0px; }",
                "property",
            ),
        ];
        for (css, feature) in cases {
            let css = format!("body {{ margin: 0; }}\n\n{css}\n");
            let found = violations(&css);
            assert_eq!(
                found.iter().map(|v| v.feature).collect::<Vec<_>>(),
                vec![*feature],
                "{css}"
            );
            assert_eq!(found[0].line, 3, "{css}");
        }
    }

    #[test]
    fn inside_an_supports_naming_it_a_feature_is_an_enhancement() {
        let css = "
            @supports (field-sizing: content) { textarea.cell { field-sizing: content; } }
            @supports selector(:has(a)) { .wrap:has(+ .wrap) { margin: 0; } }
            @media print { @supports (height: 1dvh) { .a { height: 100dvh; } } }
        ";
        assert_eq!(features(css), Vec::<&str>::new());
    }

    #[test]
    fn an_supports_about_something_else_does_not_cover_it() {
        let css = "@supports (display: grid) { textarea { field-sizing: content; } }";
        assert_eq!(features(css), vec!["field-sizing"]);
    }

    #[test]
    fn features_within_the_floor_are_not_reported() {
        let css = "
            a:focus-visible { outline: 1px solid; }
            .a { width: clamp(1rem, 50%, 3rem); }
            .a::marker { color: red; }
        ";
        assert_eq!(features(css), Vec::<&str>::new());
    }

    #[test]
    fn names_and_hex_colours_are_not_units() {
        let units: Vec<&str> =
            units("#0b5cad 1px var(--gc-9) 0.15em 2vb translateX(-50%)").collect();
        assert_eq!(units, vec!["px", "em", "vb"]);
    }

    #[test]
    fn a_not_of_one_simple_selector_is_within_the_floor() {
        assert_eq!(simple_selectors(":focus"), 1);
        assert_eq!(simple_selectors("[rowspan=\"1\"]"), 1);
        assert_eq!(simple_selectors("::after"), 1);
        assert_eq!(simple_selectors(".a"), 1);
        assert_eq!(simple_selectors("td"), 1);
        assert_eq!(simple_selectors(":nth-child(2n + 1)"), 1);
        assert_eq!(simple_selectors("td.a"), 2);
        // `:has` itself is reported as a selector of its own.
        assert_eq!(simple_selectors(":has(> td)"), 1);
    }
}
