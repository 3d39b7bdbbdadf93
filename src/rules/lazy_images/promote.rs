//! Promotion and tidying of one `<img>`, `<source>` or `<video>` once its real image is
//! known: `src`/`srcset`/`sizes` set from what was found, placeholders removed, dimensions
//! from the data attributes, the lazy attributes and classes removed.

use super::candidates::{
    is_built_in_lazy_attribute, largest_candidate, srcset_is_placeholder, Found,
    DIMENSION_ATTRIBUTES,
};
use super::image::{
    has_data_attr, has_lazy_class, is_lazy_class, src_state, src_state_by, LowRes, Src,
};
use super::LazyImages;
use crate::proxy::strip_lazy_markers;
use crate::Element;
use html5ever::local_name;

impl LazyImages {
    /// Sets `src`/`srcset`/`sizes` from `found` when the current ones may be replaced;
    /// removes placeholders that are left. Returns whether anything was promoted. `low` is
    /// given for an `<img>` (with the `is_low_res` answers of its `src`), not for a `<source>`.
    pub(super) fn promote(
        &self,
        el: &mut Element<'_>,
        found: &Found,
        state: Src,
        lazy: bool,
        mut low: Option<&mut LowRes>,
    ) -> bool {
        let is_img = low.is_some();
        let mut changed = false;
        let mut src_set = false;
        // Whether the `srcset` `el` has now is a placeholder, when that was asked already
        // (forgotten when the `srcset` is replaced: only the block below replaces it).
        let mut placeholder_srcset: Option<bool> = None;
        if let Some((_, url)) = &found.src {
            // Read where it stands: only whether to replace it is kept.
            let current = el.attr_by_atom(&local_name!("src")).unwrap_or("").trim();
            let replace = match state {
                Src::Missing | Src::Placeholder | Src::LowRes => true,
                Src::Real if found.by_value => lazy && has_lazy_class(el),
                Src::Real => lazy || self.same_image(current, url),
            };
            if replace && current != url {
                el.set_attr_by_atom(&local_name!("src"), url);
                changed = true;
                src_set = true;
            }
        }
        if let Some((_, set)) = &found.srcset {
            let current = el.attr_by_atom(&local_name!("srcset"));
            let current_placeholder = current.map(srcset_is_placeholder);
            let replace = current_placeholder.unwrap_or(true) || lazy || changed;
            if replace && current != Some(set.as_str()) {
                el.set_attr_by_atom(&local_name!("srcset"), set);
                changed = true;
            } else {
                placeholder_srcset = current_placeholder;
            }
            // A low-quality `src` (a blur-up preview) with only a lazy `srcset` behind it:
            // the `src` becomes the largest candidate, so no reader gets the preview.
            if is_img && found.src.is_none() && state == Src::LowRes {
                if let Some(url) = largest_candidate(set) {
                    el.set_attr_by_atom(&local_name!("src"), &url);
                    changed = true;
                    src_set = true;
                }
            }
        }
        // The same for a low-quality `src` beside a real `srcset` of its own: a reader whose
        // browser (or feed reader, or Markdown) takes `src` would get the preview.
        if is_img
            && !src_set
            && found.src.is_none()
            && state == Src::LowRes
            && el
                .attr_by_atom(&local_name!("src"))
                .is_some_and(|s| low.as_deref_mut().is_some_and(|low| low.of(s)))
        {
            if let Some(url) = el
                .attr_by_atom(&local_name!("srcset"))
                .filter(|s| !placeholder_srcset.unwrap_or_else(|| srcset_is_placeholder(s)))
                .and_then(largest_candidate)
            {
                el.set_attr_by_atom(&local_name!("src"), &url);
                changed = true;
                src_set = true;
            }
        }
        if let Some((_, sizes)) = &found.sizes {
            if el.attr_by_atom(&local_name!("sizes")).is_none() || changed {
                el.set_attr_by_atom(&local_name!("sizes"), sizes);
            }
        }
        if el
            .attr_by_atom(&local_name!("srcset"))
            .is_some_and(|s| placeholder_srcset.unwrap_or_else(|| srcset_is_placeholder(s)))
        {
            el.remove_attr_by_atom(&local_name!("srcset"));
            el.remove_attr_by_atom(&local_name!("sizes"));
        }
        // `state` still holds unless `src` was just set.
        if is_img
            && el.attr_by_atom(&local_name!("srcset")).is_some()
            && matches!(
                if src_set {
                    let src = el.attr_by_atom(&local_name!("src"));
                    match &mut low {
                        Some(low) => src_state_by(src, |s| low.of(s)),
                        None => src_state(src),
                    }
                } else {
                    state
                },
                Src::Placeholder | Src::Missing
            )
        {
            el.remove_attr_by_atom(&local_name!("src"));
        }
        if let Some(stripped) = el
            .attr_by_atom(&local_name!("src"))
            .and_then(strip_lazy_markers)
        {
            el.set_attr_by_atom(&local_name!("src"), &stripped);
        }
        changed
    }

    /// Whether `src` is `candidate` routed through a proxy (or the same URL).
    fn same_image(&self, src: &str, candidate: &str) -> bool {
        if src == candidate {
            return true;
        }
        let origin = |u: &str| self.unwrapper.unwrap(u).unwrap_or_else(|| u.to_string());
        let a = origin(src);
        let b = origin(candidate);
        a == b || a == candidate || trim_scheme(&a) == trim_scheme(&b)
    }

    /// `width`/`height` from the data attributes, when absent.
    pub(super) fn dimensions(&self, el: &mut Element<'_>) {
        let num = |v: Option<&str>| {
            v.map(|v| v.trim().trim_end_matches("px"))
                .filter(|v| !v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|&n| n > 0)
        };
        let mut pair = DIMENSION_ATTRIBUTES
            .iter()
            .find_map(|(w, h)| Some((num(el.attr(w))?, num(el.attr(h))?)));
        if pair.is_none() {
            // WeChat: the width and the height/width ratio.
            let ratio = el
                .attr("data-ratio")
                .and_then(|r| r.trim().parse::<f64>().ok())
                .filter(|r| r.is_finite() && *r > 0.0 && *r < 100.0);
            if let (Some(w), Some(r)) = (num(el.attr("data-w")), ratio) {
                pair = Some((w, (f64::from(w) * r).round() as u32));
            }
        }
        let Some((w, h)) = pair else { return };
        let (has_w, has_h) = (
            num(el.attr_by_atom(&local_name!("width"))),
            num(el.attr_by_atom(&local_name!("height"))),
        );
        match (has_w, has_h) {
            (None, None) => {
                el.set_attr_by_atom(&local_name!("width"), &w.to_string());
                el.set_attr_by_atom(&local_name!("height"), &h.to_string());
            }
            (Some(cw), None) if cw == w => {
                el.set_attr_by_atom(&local_name!("height"), &h.to_string());
            }
            (None, Some(ch)) if ch == h => {
                el.set_attr_by_atom(&local_name!("width"), &w.to_string());
            }
            _ => {}
        }
    }

    /// Removes what only the lazy loader needed: the lazy attributes, the attribute a
    /// value-based candidate came from, the dimension attributes, the lazy classes.
    pub(super) fn tidy(&self, el: &mut Element<'_>, found: &Found) {
        // Every built-in lazy attribute is a `data-` one: without any, only the configured
        // names and a value-based candidate's attribute can be left to remove.
        if !found.by_value && self.src_attributes.is_empty() && !has_data_attr(el) {
            self.tidy_classes(el);
            return;
        }
        let by_value: Vec<String> = [&found.src, &found.srcset]
            .into_iter()
            .flatten()
            .filter(|_| found.by_value)
            .map(|(name, _)| name.clone())
            .collect();
        el.retain_attrs(|name, _| {
            !is_built_in_lazy_attribute(name)
                && !self.src_attributes.iter().any(|a| a == name)
                && !by_value.iter().any(|a| a == name)
        });
        self.tidy_classes(el);
    }

    /// Removes the lazy classes.
    fn tidy_classes(&self, el: &mut Element<'_>) {
        if has_lazy_class(el) {
            let kept = without_lazy_words(el.attr_by_atom(&local_name!("class")).unwrap_or(""));
            if kept.is_empty() {
                el.remove_attr_by_atom(&local_name!("class"));
            } else {
                el.set_attr_by_atom(&local_name!("class"), &kept);
            }
        }
    }
}

fn trim_scheme(url: &str) -> &str {
    url.split_once("//").map_or(url, |(_, rest)| rest)
}

/// The words of the `class` value `class` that are no lazy class, joined by one space, written
/// into one string (a word is never empty: the string is empty exactly when none is kept).
fn without_lazy_words(class: &str) -> String {
    let mut kept = String::new();
    for c in class.split_ascii_whitespace().filter(|c| !is_lazy_class(c)) {
        if !kept.is_empty() {
            kept.push(' ');
        }
        kept.push_str(c);
    }
    kept
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// Written into one string, the kept class words are the joined list of them.
        #[test]
        fn kept_words_as_joined(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "lazy", "lazyload", "ls-is-cached", "img", "a", "é", "", "x-lazy-y", "b",
                ][..]),
                0..6,
            ),
            sep in proptest::sample::select(&[" ", "  ", "\t", "\n", "\u{a0}"][..]),
        ) {
            let class = words.join(sep);
            let joined = class
                .split_ascii_whitespace()
                .filter(|c| !super::is_lazy_class(c))
                .collect::<Vec<_>>()
                .join(" ");
            proptest::prop_assert_eq!(super::without_lazy_words(&class), joined, "{:?}", class);
        }
    }
}
