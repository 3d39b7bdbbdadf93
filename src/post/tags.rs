//! A small scanner for the HTML tags embedded in Markdown: enough to tell start tags, end
//! tags, void and self-closing tags and comments apart, and whether a piece of HTML closes
//! every element it opens. The cleaning itself is html5ever's.

use html5ever::LocalName;

/// One tag in a piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// Byte range of the whole tag, `<` to `>`.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Lower-case element name (empty for comments and declarations).
    pub(crate) name: String,
    pub(crate) kind: TagKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagKind {
    /// `<p …>` of an element that has content.
    Open,
    /// `</p>`.
    Close,
    /// A void element (`<img>`, `<br>`…) or a self-closing `<x/>`: complete by itself.
    Complete,
    /// `<!-- … -->`, `<!…>`, `<?…?>`.
    Other,
}

/// The tags of `html` in order. Text between them is skipped; a `<` that does not start a
/// tag is text. Raw-text elements (`script`, `style`, `textarea`, `title`, `xmp`) have their
/// content skipped up to their end tag.
pub(crate) fn scan(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let Some(tag) = tag_at(html, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        if tag.kind == TagKind::Open
            && matches!(
                tag.name.as_str(),
                "script" | "style" | "textarea" | "title" | "xmp"
            )
        {
            // Skip to `</name`.
            let close = format!("</{}", tag.name);
            let lower = html[i..].to_ascii_lowercase();
            match lower.find(&close) {
                Some(at) => i += at,
                None => i = bytes.len(),
            }
        }
        tags.push(tag);
    }
    tags
}

/// The tag starting at `start` (which holds `<`), if it is one.
pub(crate) fn tag_at(html: &str, start: usize) -> Option<Tag> {
    let rest = &html[start..];
    if let Some(body) = rest.strip_prefix("<!--") {
        let end = start + 4 + body.find("-->")? + 3;
        return Some(other(start, end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = start + rest.find('>')? + 1;
        return Some(other(start, end));
    }
    let (closing, name_at) = match rest.strip_prefix("</") {
        Some(_) => (true, 2),
        None => (false, 1),
    };
    let name_len = rest[name_at..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len() - name_at);
    let name = &rest[name_at..name_at + name_len];
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // Attributes: up to the first `>` outside quotes.
    let bytes = rest.as_bytes();
    let mut quote = None;
    let mut j = name_at + name_len;
    let end = loop {
        let &b = bytes.get(j)?;
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => break j + 1,
            (None, b'<') => return None,
            _ => {}
        }
        j += 1;
    };
    let name = name.to_ascii_lowercase();
    let kind = if closing {
        TagKind::Close
    } else if is_void(&name) || rest[..end].ends_with("/>") {
        TagKind::Complete
    } else {
        TagKind::Open
    };
    Some(Tag {
        start,
        end: start + end,
        name,
        kind,
    })
}

fn other(start: usize, end: usize) -> Tag {
    Tag {
        start,
        end,
        name: String::new(),
        kind: TagKind::Other,
    }
}

fn is_void(name: &str) -> bool {
    crate::dom::names::is_void(&LocalName::from(name))
}

/// Whether every element `tags` open is closed, in order, and nothing is closed that was not
/// opened (elements whose end tag HTML lets you leave out, like `p` and `li`, must be closed
/// too: the piece must be self-contained).
pub(crate) fn balanced(tags: &[Tag]) -> bool {
    let mut open: Vec<&str> = Vec::new();
    for tag in tags {
        match tag.kind {
            TagKind::Open => open.push(&tag.name),
            TagKind::Close => {
                if open.pop() != Some(tag.name.as_str()) {
                    return false;
                }
            }
            TagKind::Complete | TagKind::Other => {}
        }
    }
    open.is_empty()
}

#[cfg(test)]
mod tests {
    use super::{balanced, scan, TagKind};

    #[test]
    fn scans_tags() {
        let html = r#"<div a="x>y"><img src=a><br/>a < b<!-- c --><script>"<p>"</script></div>"#;
        let tags = scan(html);
        let kinds: Vec<(&str, TagKind)> = tags.iter().map(|t| (t.name.as_str(), t.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("div", TagKind::Open),
                ("img", TagKind::Complete),
                ("br", TagKind::Complete),
                ("", TagKind::Other),
                ("script", TagKind::Open),
                ("script", TagKind::Close),
                ("div", TagKind::Close),
            ]
        );
        assert_eq!(&html[tags[0].start..tags[0].end], r#"<div a="x>y">"#);
        assert!(balanced(&tags));
        assert!(!balanced(&scan("<div><p>a</div>")));
        assert!(!balanced(&scan("<div>")));
        assert!(!balanced(&scan("</div>")));
    }
}
