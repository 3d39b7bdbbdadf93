//! What pulldown-cmark's HTML renderer writes itself, with the values it writes: the
//! structure the final check of a Markdown body (`markdown::is_safe`) accepts whatever the
//! policy. Only these values: the same attribute with another value (a cell's
//! `style="position:fixed"`, a `div`'s `class="modal"`) is the author's raw HTML, checked as
//! the policy checks it.

use crate::rules::sanitize::verify::{Allowance, Value};

/// What pulldown-cmark's renderer writes itself, accepted by the verifier whatever the
/// policy, with the values it writes (a URL is still checked; a `style` or `class` of any
/// other value is the author's raw HTML and checked as such), and the attributes of its
/// headings.
macro_rules! rendered {
    ($heading:expr) => {
        &[
            ("p", &[]),
            ("ul", &[]),
            ("ol", &[("start", Value::Digits)]),
            ("li", &[]),
            ("blockquote", &[("class", Value::OneOf(ALERTS))]),
            ("h1", $heading),
            ("h2", $heading),
            ("h3", $heading),
            ("h4", $heading),
            ("h5", $heading),
            ("h6", $heading),
            ("pre", &[]),
            ("code", &[("class", Value::Prefix("language-"))]),
            ("em", &[]),
            ("strong", &[]),
            ("del", &[]),
            ("hr", &[]),
            ("br", &[]),
            ("table", &[]),
            ("thead", &[]),
            ("tbody", &[]),
            ("tr", &[]),
            ("th", &[("style", Value::OneOf(ALIGNMENTS))]),
            ("td", &[("style", Value::OneOf(ALIGNMENTS))]),
            ("a", &[("href", Value::Url), ("title", Value::Any)]),
            (
                "img",
                &[
                    ("src", Value::Url),
                    ("alt", Value::Any),
                    ("title", Value::Any),
                ],
            ),
            (
                "input",
                &[
                    ("type", Value::OneOf(&["checkbox"])),
                    ("disabled", Value::OneOf(&[""])),
                    ("checked", Value::OneOf(&[""])),
                ],
            ),
            (
                "sup",
                &[(
                    "class",
                    Value::OneOf(&["footnote-reference", "footnote-definition-label"]),
                )],
            ),
            (
                "div",
                &[
                    ("class", Value::OneOf(&["footnote-definition"])),
                    ("id", Value::Any),
                ],
            ),
            (
                "span",
                &[(
                    "class",
                    Value::OneOf(&["math math-inline", "math math-display"]),
                )],
            ),
        ]
    };
}

/// A table cell's `style`, as pulldown-cmark writes its column's alignment.
const ALIGNMENTS: &[&str] = &[
    "text-align: left",
    "text-align: center",
    "text-align: right",
];

/// An alert's class (`> [!NOTE]`).
const ALERTS: &[&str] = &[
    "markdown-alert-note",
    "markdown-alert-tip",
    "markdown-alert-important",
    "markdown-alert-warning",
    "markdown-alert-caution",
];

/// What pulldown-cmark's renderer writes itself (see [`rendered`]).
pub(crate) const RENDERED: Allowance = rendered!(&[]);

/// The same with heading attributes, whose ids and classes stay (see [`attr_lists`](super::attr_lists)).
pub(crate) const RENDERED_HEADING_ATTRIBUTES: Allowance =
    rendered!(&[("id", Value::Any), ("class", Value::Any)]);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::post::markdown::is_safe;
    use crate::rules::sanitize::policy::SanitizerConfig;
    use crate::rules::sanitize::verify::Verifier;

    /// The renderer's own attributes pass with the values it writes; the same attributes
    /// with other values are the author's raw HTML, which the final check still refuses.
    #[test]
    fn the_renderer_is_vouched_for_with_its_own_values_only() {
        let policy = SanitizerConfig::default().build().unwrap();
        let v = Verifier::new(&policy).allowing(RENDERED);
        let everyday = "| a | b |\n|:-:|--:|\n| c | d |\n\n- [x] done\n- [ ] not\n\n\
                        x[^n]\n\n[^n]: note\n\n> [!NOTE]\n> n\n\n```rust\nx\n```\n\n3. a\n";
        assert!(is_safe(&v, everyday));
        for bad in [
            "<table><tr><td style=\"position:fixed;inset:0\">a</td></tr></table>\n",
            "<div class=\"modal\">a</div>\n",
            "<blockquote class=\"lightbox\">a</blockquote>\n",
            "<p><span class=\"x\">a</span> <sup class=\"y\">b</sup></p>\n",
            "<input type=\"image\" disabled=\"\">\n",
        ] {
            assert!(!is_safe(&v, bad), "{bad}");
        }
    }
}
