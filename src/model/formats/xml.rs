//! XML text as OOXML parts need it.

pub const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Whether XML 1.0 allows the character at all. User text can hold anything
/// pasted from anywhere, and one forbidden character makes a file
/// unreadable, so these are dropped rather than escaped.
pub fn is_xml_char(c: char) -> bool {
    !(((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}')
}

/// Appends one character escaped for element content or a quoted
/// attribute; characters XML forbids are dropped.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        c if is_xml_char(c) => out.push(c),
        _ => {}
    }
}

/// Escapes text for element content or a quoted attribute.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped(out, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_drops_what_xml_forbids() {
        let mut s = String::new();
        escape(&mut s, "a<b>&\"c\u{0}\u{1b}\td\u{FFFF}\r\ne");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;c\td\r\ne");
    }
}
