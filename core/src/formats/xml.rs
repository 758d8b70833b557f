//! XML text as OOXML parts need it: escaping what we write, and walking
//! (with quick-xml) what others wrote, refusing what a workbook never needs
//! and an attacker would use: DTDs and their entities, and deep nesting.

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

/// Why a part of someone else's file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XmlError {
    /// A DOCTYPE or an entity other than the five XML defines.
    Forbidden,
    /// Elements nested deeper than any workbook nests them.
    TooDeep,
    /// Not well-formed; the parser's words.
    Malformed(String),
}

/// An element's local name (prefix dropped) and its attributes, unescaped.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug)]
pub enum Node {
    Open(Tag),
    /// `<x/>`: no Close follows.
    Empty(Tag),
    Close(String),
    Text(String),
}

/// Whether to go on reading.
#[derive(PartialEq, Eq)]
pub enum Flow {
    Go,
    Stop,
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_string()
}

fn tag(start: &quick_xml::events::BytesStart) -> Result<Tag, XmlError> {
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| XmlError::Malformed(e.to_string()))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|_| XmlError::Forbidden)?;
        attrs.push((local(attr.key.as_ref()), value.into_owned()));
    }
    Ok(Tag {
        name: local(start.name().as_ref()),
        attrs,
    })
}

/// Workbook parts nest a dozen levels; a thousand-deep document is an attack.
pub const MAX_DEPTH: usize = 64;

/// Walks `xml`, calling `on` for every element and text run (entity and
/// character references resolved into the text).
pub fn walk(xml: &str, mut on: impl FnMut(Node) -> Flow) -> Result<(), XmlError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    let mut text = String::new();
    let flush = |text: &mut String, on: &mut dyn FnMut(Node) -> Flow| {
        if text.is_empty() {
            Flow::Go
        } else {
            on(Node::Text(std::mem::take(text)))
        }
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| XmlError::Malformed(e.to_string()))?;
        let flow = match event {
            Event::Start(start) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(XmlError::TooDeep);
                }
                match flush(&mut text, &mut on) {
                    Flow::Go => on(Node::Open(tag(&start)?)),
                    stop => stop,
                }
            }
            Event::Empty(start) => match flush(&mut text, &mut on) {
                Flow::Go => on(Node::Empty(tag(&start)?)),
                stop => stop,
            },
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                match flush(&mut text, &mut on) {
                    Flow::Go => on(Node::Close(local(end.name().as_ref()))),
                    stop => stop,
                }
            }
            Event::Text(t) => {
                text.push_str(&t.xml10_content());
                Flow::Go
            }
            Event::CData(t) => {
                text.push_str(&t.xml10_content());
                Flow::Go
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match r.as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        _ => return Err(XmlError::Forbidden),
                    },
                    Err(e) => return Err(XmlError::Malformed(e.to_string())),
                };
                text.push(c);
                Flow::Go
            }
            Event::DocType(_) => return Err(XmlError::Forbidden),
            Event::Eof => return Ok(()),
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => Flow::Go,
        };
        if flow == Flow::Stop {
            return Ok(());
        }
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

    fn nodes(xml: &str) -> Result<Vec<String>, XmlError> {
        let mut out = Vec::new();
        walk(xml, |node| {
            out.push(match node {
                Node::Open(t) | Node::Empty(t) => {
                    let attrs: Vec<String> =
                        t.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                    format!("<{} {}>", t.name, attrs.join(","))
                }
                Node::Close(n) => format!("</{n}>"),
                Node::Text(t) => t,
            });
            Flow::Go
        })?;
        Ok(out)
    }

    #[test]
    fn walking_resolves_references_and_drops_prefixes() {
        assert_eq!(
            nodes("<?xml version=\"1.0\"?><x:a r=\"A&amp;1\"><t>1 &lt; 2 &#x4E2D;&#25991;</t><b/></x:a>").unwrap(),
            ["<a r=A&1>", "<t >", "1 < 2 中文", "</t>", "<b >", "</a>"]
        );
    }

    #[test]
    fn walking_refuses_dtds_entities_and_deep_nesting() {
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;\">]><a>&l2;</a>";
        assert_eq!(nodes(laughs), Err(XmlError::Forbidden));
        assert_eq!(nodes("<a>&l2;</a>"), Err(XmlError::Forbidden));
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 1),
            "</a>".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(nodes(&deep), Err(XmlError::TooDeep));
        assert!(matches!(nodes("<a><b></a>"), Err(XmlError::Malformed(_))));
    }
}
