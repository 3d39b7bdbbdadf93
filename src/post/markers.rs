//! The HTML comments a blog engine reads in a post's body, kept when the body is HTML (the
//! sanitizer drops every other comment; Markdown bodies keep their comments anyway).
//!
//! A marker is a comment whose first word (ASCII case-insensitive) is one of [`MARKERS`], or
//! starts with one of [`MARKER_PREFIXES`], with any text after it (`<!--more Read on-->`,
//! `<!-- wp:image {"id":12} -->`). It is kept only when it is plain: no `--`, `<` or `>`, so
//! it cannot end early or be read as markup anywhere.

/// Whole first words: excerpt and page separators.
pub const MARKERS: &[&str] = &[
    // Hexo, Hugo, Jekyll (`excerpt_separator`), WordPress: the excerpt ends here.
    "more",
    "excerpt",
    "/excerpt",
    "endexcerpt",
    // WordPress: page break, no teaser.
    "nextpage",
    "noteaser",
    // Table of contents markers (markdown-toc, Hexo and VuePress plugins).
    "toc",
    "tocstop",
    // Pelican's summary plugin.
    "pelican_begin_summary",
    "pelican_end_summary",
];

/// First-word prefixes: block delimiters (WordPress blocks, Ghost cards).
pub const MARKER_PREFIXES: &[&str] = &["wp:", "/wp:", "kg-card-begin:", "kg-card-end:"];

/// Whether the comment `text` (without `<!--`/`-->`) is a marker a blog engine reads.
pub(crate) fn is_engine_comment(text: &str) -> bool {
    if text.contains("--") || text.contains(['<', '>']) {
        return false;
    }
    let word = text.split_whitespace().next().unwrap_or_default();
    MARKERS.iter().any(|m| word.eq_ignore_ascii_case(m))
        || MARKER_PREFIXES.iter().any(|p| {
            word.get(..p.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(p))
        })
}

#[cfg(test)]
mod tests {
    use super::is_engine_comment;

    #[test]
    fn markers_and_not() {
        for c in [
            " more ",
            "more",
            "MORE",
            "more Read the rest",
            " excerpt ",
            "nextpage",
            " wp:image {\"id\":12,\"sizeSlug\":\"large\"} ",
            " /wp:paragraph ",
            "kg-card-begin: html",
        ] {
            assert!(is_engine_comment(c), "{c:?}");
        }
        for c in [
            "",
            " Google Analytics ",
            "moreover",
            " more -- x",
            "more><script>x</script",
            "[if IE]",
            "wp",
        ] {
            assert!(!is_engine_comment(c), "{c:?}");
        }
    }
}
