//! Markdown posts as a site renders them: a post cleaned by `clean_post`, its body rendered by
//! pulldown-cmark with raw HTML passed through (as marked, markdown-it `html: true` and
//! goldmark `unsafe` do), then checked by [`super::safety`]. Independent of the crate's own
//! verifier.
#![allow(dead_code)]

use super::safety;
use articlean::{Cleaner, Post};
use pulldown_cmark::{html, Options, Parser};

/// The renderer settings a post is checked under: plain CommonMark, CommonMark with the
/// GitHub extensions, with math on as well, the GitHub extensions without footnotes
/// (marked, markdown-it without its footnote plugin), with heading attributes (Zola,
/// mdBook), with every extension pulldown-cmark has, and with its footnotes of before 0.10.
pub fn renderer_options() -> [(&'static str, Options); 7] {
    let gfm = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    [
        ("commonmark", Options::empty()),
        ("gfm", gfm),
        ("gfm+math", gfm | Options::ENABLE_MATH),
        ("gfm without footnotes", gfm - Options::ENABLE_FOOTNOTES),
        // Zola and mdBook: `# Title {key=value}` is an attribute of the heading.
        (
            "gfm+heading attributes",
            gfm | Options::ENABLE_HEADING_ATTRIBUTES,
        ),
        // Every other extension pulldown-cmark offers (Zola, mdBook turn several on).
        (
            "pulldown-cmark, every extension",
            gfm | Options::ENABLE_HEADING_ATTRIBUTES
                | Options::ENABLE_SMART_PUNCTUATION
                | Options::ENABLE_DEFINITION_LIST
                | Options::ENABLE_WIKILINKS
                | Options::ENABLE_SUPERSCRIPT
                | Options::ENABLE_SUBSCRIPT,
        ),
        // Its footnotes as they were before its 0.10.
        ("gfm, old footnotes", gfm | Options::ENABLE_OLD_FOOTNOTES),
    ]
}

/// `body` rendered to HTML, raw HTML passed through.
pub fn render(body: &str, options: Options) -> String {
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(body, options));
    out
}

/// Safety properties 1–3 of [`safety`] (no unsafe element, attribute or URL) on the rendered
/// HTML. Property 6 (parses back to itself byte for byte) is not asked: the renderer writes
/// `<br />` and `disabled=""` its own way.
///
/// The renderer's own task-list checkboxes (`<input disabled="" type="checkbox"/>`) are not
/// counted when every `<input` of the rendering is one of them.
pub fn unsafe_in_rendering(html: &str) -> Vec<String> {
    let inputs = html.matches("<input").count();
    let checkboxes = html
        .matches("<input disabled=\"\" type=\"checkbox\"/>")
        .count()
        + html
            .matches("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>")
            .count();
    let only_checkboxes = inputs == checkboxes;
    safety::check_output(html)
        .into_iter()
        .filter(|v| !v.starts_with("does not parse back to itself"))
        .filter(|v| !(only_checkboxes && v.starts_with("element <input>")))
        .collect()
}

/// `body` as a renderer reads it that refuses every link, image and reference definition
/// (markdown-it refuses those whose destination it thinks unsafe, `data:` but four raster
/// types, `file:`…) and renders their Markdown as text: every `](` and `]:` escaped.
pub fn links_refused(body: &str) -> String {
    body.replace("](", "]\\(").replace("]:", "]\\:")
}

/// `body` as a renderer reads it that refuses every reference definition, and renders its
/// text, links in it included (commonmark.js refuses one with a tab after the colon).
pub fn definitions_refused(body: &str) -> String {
    body.replace("]:", "]\\:")
}

/// Asserts that [`problems`] finds nothing in any of `posts`.
#[track_caller]
pub fn assert_no_problems(cleaner: &Cleaner, posts: &[&str]) {
    for post in posts {
        let found = problems(cleaner, post);
        assert!(found.is_empty(), "{post:?}\n  {}", found.join("\n  "));
    }
}

/// Every problem of one post: unsafe markup in any rendering of the cleaned body (also with
/// every link refused, [`links_refused`], and every definition, [`definitions_refused`]), and
/// cleaning again changing anything.
pub fn problems(cleaner: &Cleaner, post: &str) -> Vec<String> {
    let once = cleaner.clean_post(post).into_html();
    let mut found = Vec::new();
    let body = Post::split(&once).body;
    let refused = links_refused(body);
    let defs_refused = definitions_refused(body);
    for (name, options) in renderer_options() {
        for (reading, text) in [
            ("", body),
            (", links refused", refused.as_str()),
            (", definitions refused", defs_refused.as_str()),
        ] {
            let rendered = render(text, options);
            for v in unsafe_in_rendering(&rendered) {
                found.push(format!("[{name}{reading}] {v}\n    rendered: {rendered:?}"));
            }
        }
    }
    let twice = cleaner.clean_post(&once).into_html();
    if twice != once {
        found.push(format!("not idempotent: cleaned again gives {twice:?}"));
    }
    if !found.is_empty() {
        found.insert(0, format!("cleaned: {once:?}"));
    }
    found
}
