//! Shrinks the CSS and the wasm-bindgen glue that trunk writes as they are
//! (trunk's own minifier renames the glue's functions, which the single
//! file's loader calls by name). Both only drop what cannot matter:
//! comments and layout whitespace, never anything inside a string.

/// CSS without comments, with runs of whitespace made one space and none
/// around `{`, `}`, `;`, `,` or after `:`. Text in quotes is kept as it is.
pub fn css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut quote = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                out.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for d in chars.by_ref() {
                if last == '*' && d == '/' {
                    break;
                }
                last = d;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let tight = |x: char| matches!(x, '{' | '}' | ';' | ',');
        if pending_space
            && !out.is_empty()
            && !tight(c)
            && !out.ends_with(|x: char| tight(x) || x == ':')
        {
            out.push(' ');
        }
        pending_space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out
}

/// The glue without its whole-line comments and indentation. `None` when a
/// line holds an unpaired backquote: a template literal spanning lines,
/// where either could be text.
pub fn js(text: &str) -> Option<String> {
    if text.lines().any(|line| line.matches('`').count() % 2 == 1) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        let comment = line.starts_with("//")
            || line.starts_with("/*")
            || line.starts_with("*/")
            || line == "*"
            || line.starts_with("* ");
        if !line.is_empty() && !comment {
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_loses_comments_and_layout_but_not_meaning() {
        let text = "/* fonts */\n:root {\n    --f: \"Microsoft YaHei\", 'A  /* B */';\n}\n\na :hover,\nb > c { margin: 0 auto; width: calc(100% - 2px) }\n";
        assert_eq!(
            css(text),
            ":root{--f:\"Microsoft YaHei\",'A  /* B */';}a :hover,b > c{margin:0 auto;width:calc(100% - 2px)}"
        );
    }

    #[test]
    fn js_keeps_code_and_strings() {
        let text = "    /**\n     * @returns {number}\n     */\n    get x() {\n        // why\n        return `${a} // b`;\n    }\n";
        assert_eq!(js(text).unwrap(), "get x() {\nreturn `${a} // b`;\n}\n");
        assert_eq!(js("const a = `x\n// y`;\n"), None);
    }
}
