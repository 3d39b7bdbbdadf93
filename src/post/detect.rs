//! Which language a post body is written in: HTML or Markdown.

use super::markdown::options;
use pulldown_cmark::{Event, Parser, Tag};

/// Whether a post body is HTML: its first non-blank line starts (indented at most three
/// spaces) with a block-level HTML tag (`<div`, `<p`, `<section`, `<figure`, `<h1`…, `<!doctype`,
/// `<html`), at least half of its non-blank bytes are in HTML blocks, and nothing outside
/// those blocks is Markdown syntax (headings, lists, quotes, fenced code, emphasis, links,
/// images, code spans, tables). Indented lines after a blank line count as HTML, not code.
pub(crate) fn is_html(body: &str) -> bool {
    let Some(first) = body.lines().find(|l| !l.trim().is_empty()) else {
        return true;
    };
    let trimmed = first.trim_start_matches(' ');
    if first.len() - trimmed.len() > 3 || !starts_with_block_tag(trimmed) {
        return false;
    }
    let mut html_bytes = 0;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                html_bytes += body[range]
                    .bytes()
                    .filter(|b| !b.is_ascii_whitespace())
                    .count()
            }
            Event::Start(
                Tag::Heading { .. }
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_),
            )
            | Event::Code(_) => return false,
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => return false,
            _ => {}
        }
    }
    let total = body.bytes().filter(|b| !b.is_ascii_whitespace()).count();
    html_bytes * 2 >= total
}

fn starts_with_block_tag(line: &str) -> bool {
    const BLOCK: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "iframe",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "ul",
        "head",
        "style",
        "script",
        "noscript",
        "picture",
        "video",
    ];
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest
        .as_bytes()
        .get(..8)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"!doctype"))
    {
        return true;
    }
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let name = rest[..name_len].to_ascii_lowercase();
    let after = rest[name_len..].chars().next();
    BLOCK.contains(&name.as_str()) && matches!(after, None | Some(' ' | '\t' | '>' | '/'))
}
