//! The policy verifier: checks that some HTML holds nothing the policy would not keep.
//!
//! The sanitizer *changes* a tree until it is safe; the verifier only *looks*, and answers
//! whether every element, attribute and URL of the HTML is one the policy keeps as it is. It
//! is the final check of the Markdown post path (`src/post/markdown.rs`): the cleaned post is
//! rendered by a CommonMark renderer, and the rendered HTML must pass, or the raw HTML that
//! made it fail is escaped. The writer of the raw HTML pieces asks it the same questions
//! ([`Verifier::keeps_element`], [`Verifier::keeps_attr`]) before it writes a tag.
//!
//! What it reports, per element (non-recursive walk, template contents included):
//! - an element of another namespace than HTML, or whose fate is not Keep (unless it is
//!   renderer-made structure the caller vouches for, see [`Verifier::allowing`]);
//! - any `on*` attribute, `srcdoc`, and any attribute not allowed on its element;
//! - a URL attribute whose URL the policy would remove (scheme, `data:` kind), each `srcset`
//!   candidate alone.

use super::embeds::SANDBOX;
use super::policy::{Classes, Fate, Policy};
use super::urls::srcset_candidates;
use crate::dom::visit::for_each_element;
use html5ever::{local_name, ns, LocalName};

/// Extra elements and attributes a caller vouches for (a renderer's own structure): element
/// name, and its attributes with the values the renderer writes in them.
pub(crate) type Allowance = &'static [(&'static str, &'static [(&'static str, Value)])];

/// The values a renderer writes in an attribute it vouches for: anything else in it is the
/// author's (raw HTML), checked as the policy checks it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value {
    /// Any value (text the renderer escapes: a title, a footnote's label).
    Any,
    /// A URL, checked against the URL policy.
    Url,
    /// One of these exactly (a table cell's alignment, a footnote's class).
    OneOf(&'static [&'static str]),
    /// A value starting with this (a code block's `language-…`).
    Prefix(&'static str),
    /// A number (a list's `start`).
    Digits,
}

impl Value {
    /// Whether `value` is one the renderer writes (a URL is checked by the caller).
    fn fits(self, value: &str) -> bool {
        match self {
            Value::Any | Value::Url => true,
            Value::OneOf(values) => values.contains(&value),
            Value::Prefix(prefix) => value.starts_with(prefix),
            Value::Digits => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        }
    }
}

/// Checks HTML against a [`Policy`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Verifier<'p> {
    policy: &'p Policy,
    allowance: Allowance,
}

impl<'p> Verifier<'p> {
    /// A verifier of `policy` alone.
    pub(crate) fn new(policy: &'p Policy) -> Verifier<'p> {
        Verifier {
            policy,
            allowance: &[],
        }
    }

    /// The same verifier, also accepting the elements and attributes of `allowance`.
    pub(crate) fn allowing(self, allowance: Allowance) -> Verifier<'p> {
        Verifier { allowance, ..self }
    }

    fn allowed_extra(&self, element: &str) -> Option<&'static [(&'static str, Value)]> {
        self.allowance
            .iter()
            .find(|(name, _)| *name == element)
            .map(|(_, attrs)| *attrs)
    }

    /// Whether an HTML element named `name` stays as it is (fate Keep; an `<iframe>` only
    /// when embeds are on).
    pub(crate) fn keeps_element(&self, name: &LocalName) -> bool {
        if *name == local_name!("iframe") {
            return self.policy.embeds.is_some();
        }
        self.policy.fate(name) == Fate::Keep || self.allowed_extra(name).is_some()
    }

    /// Whether `url` may stand in a URL attribute of `element` (scheme and `data:` kind).
    pub(crate) fn keeps_url(&self, element: &LocalName, url: &str) -> bool {
        self.policy.urls.allowed(element, url)
    }

    /// Whether an HTML element named `name` is removed with its content. An `<svg>` is read
    /// (its text elements) only whole: tag by tag, it goes with its content.
    pub(crate) fn removes_element(&self, name: &LocalName) -> bool {
        !self.keeps_element(name)
            && (self.policy.fate(name) == Fate::Remove || *name == local_name!("svg"))
    }

    /// Whether the attribute `attr="value"` (no namespace) stays as it is on `element`.
    pub(crate) fn keeps_attr(&self, element: &LocalName, attr: &LocalName, value: &str) -> bool {
        let lower = (**attr).to_ascii_lowercase();
        if lower.starts_with("on") || lower == "srcdoc" {
            return false;
        }
        if *element == local_name!("iframe") {
            return self.keeps_embed_attr(attr, value);
        }
        let policy = self.policy;
        let is_url = match policy.attrs_of(element).get(attr) {
            Some(&is_url) => is_url,
            None => {
                let extra = self
                    .allowed_extra(element)
                    .and_then(|attrs| attrs.iter().find(|(a, _)| **a == **attr));
                match extra {
                    Some(&(_, shape)) if shape.fits(value) => matches!(shape, Value::Url),
                    _ => return self.keeps_own_value(element, attr, value),
                }
            }
        };
        if *attr == local_name!("srcset") {
            return srcset_candidates(value)
                .iter()
                .all(|(url, _)| policy.urls.allowed(element, url));
        }
        !is_url || policy.urls.allowed(element, value)
    }

    /// `class`, `id`, and a link's `rel` and `target`, which the sanitizer keeps with values
    /// of its own: only the classes the policy keeps, an `id` with the policy's prefix, the
    /// policy's `rel`, `target="_blank"` when links open in a new tab (the author's
    /// `rel="opener"` or `target="_top"` never).
    fn keeps_own_value(&self, element: &LocalName, attr: &LocalName, value: &str) -> bool {
        let policy = self.policy;
        let link = *element == local_name!("a");
        match *attr {
            local_name!("class") => match &policy.classes {
                Classes::Dropped => false,
                Classes::All => true,
                Classes::Only(kept) => value.split_ascii_whitespace().all(|c| kept.contains(c)),
            },
            local_name!("id") => policy.id_prefix.as_deref().is_some_and(|prefix| {
                value.starts_with(prefix) && !value.contains(|c: char| c.is_ascii_whitespace())
            }),
            local_name!("rel") if link => policy.link_rel.as_deref() == Some(value),
            local_name!("target") if link => policy.new_tab && value == "_blank",
            _ => false,
        }
    }

    /// An attribute of a kept embed: its `src` an allowed URL, its `sandbox` the one the
    /// sanitizer writes, and the few presentation attributes.
    fn keeps_embed_attr(&self, attr: &LocalName, value: &str) -> bool {
        match &**attr {
            "src" => self.policy.urls.allowed(&local_name!("iframe"), value),
            "sandbox" => value == SANDBOX,
            "srcdoc" => false,
            _ => {
                self.policy
                    .attrs_of(&local_name!("iframe"))
                    .contains_key(attr)
                    || matches!(
                        &**attr,
                        "width"
                            | "height"
                            | "title"
                            | "allow"
                            | "allowfullscreen"
                            | "referrerpolicy"
                            | "loading"
                            | "frameborder"
                    )
            }
        }
    }

    /// Every violation found in `html` parsed as a body fragment, described (empty: the
    /// HTML holds nothing the policy would not keep as it is).
    pub(crate) fn violations(&self, html: &str) -> Vec<String> {
        let mut found = Vec::new();
        for_each_element(html, |name, attrs| {
            if name.ns != ns!(html) {
                found.push(format!("<{}> in namespace {:?}", name.local, name.ns));
                return;
            }
            let local = &name.local;
            if !self.keeps_element(local) {
                found.push(format!("<{local}>"));
            }
            let mut sandboxed = false;
            for a in attrs {
                sandboxed |= a.name.local == local_name!("sandbox");
                if a.name.ns != ns!() || !self.keeps_attr(local, &a.name.local, &a.value) {
                    found.push(format!("{}={:?} on <{local}>", a.name.local, &*a.value));
                }
            }
            if *local == local_name!("iframe") && !sandboxed {
                found.push("<iframe> without sandbox".into());
            }
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::sanitize::policy::SanitizerConfig;

    #[test]
    fn reports_what_the_policy_would_not_keep() {
        let policy = SanitizerConfig::default().build().unwrap();
        let v = Verifier::new(&policy);
        assert!(v
            .violations("<p>a <b>b</b> <img src=\"x.png\" alt=\"\"></p>")
            .is_empty());
        assert!(v
            .violations("<a href=\"https://e.example/\" rel=\"noopener noreferrer\">x</a>")
            .is_empty());
        for bad in [
            "<script>x</script>",
            "<svg><g></g></svg>",
            "<p onclick=\"x\">a</p>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\" JaVa&#9;script:x\">x</a>",
            "<img src=\"data:text/html,x\">",
            "<img srcset=\"a.png 1x, javascript:x 2x\">",
            "<p style=\"color:red\">a</p>",
            "<select><option>x</option></select>",
            "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>",
            "<form action=\"x\"></form>",
            "<font>x</font>",
            // `rel` and `target` only as the sanitizer writes them.
            "<a href=\"https://e.example/\" rel=\"opener\">x</a>",
            "<a href=\"https://e.example/\" rel=\"noopener noreferrer\" target=\"_top\">x</a>",
            // Dropped by a fragment parse, but a page's own `<body>`/`<html>` gets the
            // attributes (the handler runs).
            "a <body onload=\"alert(1)\"> b",
            "<p>a</p></body><BODY onpageshow=x>",
            "<hr>\n<HTML onclick=\"alert(1)\">",
        ] {
            assert!(!v.violations(bad).is_empty(), "{bad}");
        }
        // Ids with the policy's prefix only; only the classes it keeps.
        let policy = SanitizerConfig {
            id_prefix: Some("u-".into()),
            classes: Classes::Only(["note".to_string()].into()),
            ..SanitizerConfig::default()
        }
        .build()
        .unwrap();
        let ids = Verifier::new(&policy);
        assert!(ids
            .violations("<p id=\"u-a\" class=\"note\">x</p>")
            .is_empty());
        for bad in ["<p id=\"config\">x</p>", "<p class=\"note modal\">x</p>"] {
            assert!(!ids.violations(bad).is_empty(), "{bad}");
        }
        // Without attributes they add nothing.
        assert!(v.violations("a <body> b </html>").is_empty());
        // Renderer-made structure the caller vouches for.
        const EXTRA: Allowance = &[
            (
                "input",
                &[
                    ("type", Value::OneOf(&["checkbox"])),
                    ("disabled", Value::Any),
                ],
            ),
            ("td", &[("style", Value::OneOf(&["text-align: left"]))]),
            ("a", &[("href", Value::Url)]),
        ];
        let v = v.allowing(EXTRA);
        assert!(v
            .violations(
                "<input type=\"checkbox\" disabled><table><tr><td style=\"text-align: left\">a</td></tr></table>"
            )
            .is_empty());
        // Only with the values the renderer writes: any other is the author's.
        for bad in [
            "<input type=\"checkbox\" onclick=\"x\">",
            "<input type=\"image\" disabled>",
            "<table><tr><td style=\"position:fixed;inset:0\">a</td></tr></table>",
            "<a href=\"javascript:alert(1)\">x</a>",
        ] {
            assert!(!v.violations(bad).is_empty(), "{bad}");
        }
    }
}
