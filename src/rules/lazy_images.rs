//! `lazy_images`: recovers the real image of lazy-loaded `<img>` elements.

use crate::{Action, Context, Element, Rule};

/// Attributes that hold the real image URL, in the order they are tried (first hit wins).
pub const SRC_ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-original",
    "data-actualsrc",
    "data-original-src",
    "data-lazy-src",
    "data-orig",
    "data-url",
    "data-orig-file",
    "data-large-file",
    "data-medium-file",
    "data-hi-res-src",
    "data-lazyload",
    "data-echo",
    "data-ll-src",
    "data-pagespeed-lazy-src",
    "data-original-mos",
    "data-2000src",
    "data-1000src",
    "data-800src",
    "data-655src",
    "data-500src",
    "data-380src",
];

/// Attributes that hold the real `srcset`, in the order they are tried.
pub const SRCSET_ATTRIBUTES: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-srcset"];

/// Promotes the real image of a lazy-loaded `<img>`:
///
/// - `src` comes from the first of [`SRC_ATTRIBUTES`] that holds a URL, when the element has
///   no `src`, a placeholder `src` (a tiny `data:` image, a blank GIF), or a lazy marker (a
///   class containing `lazy`);
/// - `srcset` likewise from [`SRCSET_ATTRIBUTES`];
/// - `width`/`height` from `data-width`/`data-height` when absent;
/// - the lazy attributes and the lazy classes are removed.
///
/// Counts one change per image promoted.
#[derive(Debug, Clone, Default)]
pub struct LazyImages {
    _private: (),
}

impl Rule for LazyImages {
    fn name(&self) -> &'static str {
        "lazy_images"
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !(el.is("img") || (el.is("source") && el.has_ancestor("picture"))) {
            return Action::Keep;
        }
        let lazy_marker = el
            .classes()
            .any(|c| c.to_ascii_lowercase().contains("lazy"));
        let src_missing = match el.attr("src") {
            None => true,
            Some(src) => src.trim().is_empty() || is_placeholder(src),
        };
        let mut changed = false;
        if let Some(url) = first_value(el, SRC_ATTRIBUTES) {
            if (src_missing || lazy_marker) && el.attr("src") != Some(url.as_str()) {
                el.set_attr("src", &url);
                changed = true;
            }
        }
        if let Some(srcset) = first_value(el, SRCSET_ATTRIBUTES) {
            let srcset_missing = el
                .attr("srcset")
                .is_none_or(|s| s.trim().is_empty() || is_placeholder(s));
            if (srcset_missing || lazy_marker) && el.attr("srcset") != Some(srcset.as_str()) {
                el.set_attr("srcset", &srcset);
                changed = true;
            }
        }
        for (data, plain) in [("data-width", "width"), ("data-height", "height")] {
            if let Some(v) = el.attr(data).map(str::to_owned) {
                if !el.has_attr(plain) && is_dimension(&v) {
                    el.set_attr(plain, v.trim());
                }
            }
        }
        el.retain_attrs(|name, _| {
            !SRC_ATTRIBUTES.contains(&name)
                && !SRCSET_ATTRIBUTES.contains(&name)
                && name != "data-width"
                && name != "data-height"
        });
        if lazy_marker {
            let kept: Vec<String> = el
                .classes()
                .filter(|c| !c.to_ascii_lowercase().contains("lazy"))
                .map(str::to_owned)
                .collect();
            if kept.is_empty() {
                el.remove_attr("class");
            } else {
                el.set_attr("class", &kept.join(" "));
            }
        }
        if changed {
            cx.changed();
        }
        Action::Keep
    }
}

fn first_value(el: &Element<'_>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let v = el.attr(name)?.trim();
        (!v.is_empty() && !is_placeholder(v)).then(|| v.to_string())
    })
}

fn is_dimension(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `src` is a placeholder rather than a real image: a `data:` image whose payload is
/// under ~100 bytes, or a well-known blank file.
pub(crate) fn is_placeholder(src: &str) -> bool {
    let s = src.trim();
    if s.len() >= 5 && s[..5].eq_ignore_ascii_case("data:") {
        let payload = s.split_once(',').map_or("", |(_, p)| p);
        return payload.len() < 133;
    }
    let file = s
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        file.as_str(),
        "blank.gif"
            | "pixel.gif"
            | "spacer.gif"
            | "grey.gif"
            | "gray.gif"
            | "loading.gif"
            | "transparent.gif"
    ) || file.starts_with("placeholder.")
}
