//! Promotion and tidying of one `<img>`, `<source>` or `<video>` once its real image is
//! known: `src`/`srcset`/`sizes` set from what was found, placeholders removed, dimensions
//! from the data attributes, the lazy attributes and classes removed.

use super::candidates::{
    is_built_in_lazy_attribute, largest_candidate, srcset_is_placeholder, Found,
    DIMENSION_ATTRIBUTES,
};
use super::image::{
    fast_paths, has_data_attr, has_lazy_class, is_lazy_class, src_state, src_state_by, LowRes, Src,
};
use super::pixels::pixels;
use super::trim::Trimmed;
use super::LazyImages;
use crate::proxy::strip_lazy_markers;
use crate::Element;
use html5ever::local_name;

impl LazyImages {
    /// Sets `src`/`srcset`/`sizes` from `found` when the current ones may be replaced;
    /// removes placeholders that are left. Returns whether anything was promoted. `low` is
    /// given for an `<img>` (with the `is_low_res` answers of its `src`), not for a `<source>`.
    ///
    /// A real `src` with nothing found (most images without a lazy loader) is answered by
    /// [`keep_real`]: of the general path, only what it does for them.
    pub(super) fn promote(
        &self,
        el: &mut Element<'_>,
        found: &Found,
        state: Src,
        lazy: bool,
        low: Option<&mut LowRes>,
    ) -> bool {
        if state == Src::Real
            && found.src.is_none()
            && found.srcset.is_none()
            && found.sizes.is_none()
            && fast_paths()
        {
            keep_real(el);
            return false;
        }
        self.promote_found(el, found, state, lazy, low)
    }

    /// [`promote`](Self::promote), the general path.
    #[inline(never)]
    fn promote_found(
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
            let current = el.attr_by_atom(&local_name!("src")).unwrap_or("").trimmed();
            // A guess (an attribute of no known name holding an image URL) never replaces a
            // real `src`, lazy class or not: beside a picture the page shows, such an
            // attribute is another picture (a fallback, a hover or dark-mode swap, a
            // thumbnail, a share image), not the one a loader swaps in.
            let replace = match state {
                Src::Missing | Src::Placeholder | Src::LowRes => true,
                Src::Real if found.by_value => false,
                Src::Real => lazy || self.same_image(current, url),
            };
            if replace && current != url {
                el.set_attr_by_atom(&local_name!("src"), url);
                changed = true;
                src_set = true;
            }
        }
        // Nor does a guessed `srcset` come beside a real `src` (the browser would show it).
        let guessed_beside_real = found.by_value && state == Src::Real;
        if let Some((_, set)) = found.srcset.as_ref().filter(|_| !guessed_beside_real) {
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
        strip_markers(el);
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

    /// `width`/`height` from the data attributes, when absent. Screened first: an element
    /// with none of the width attributes ([`has_width_attr`]) has no pair to read.
    /// `data`: whether `el` has a `data-` attribute ([`has_data_attr`]): every width
    /// attribute is one.
    pub(super) fn dimensions(&self, el: &mut Element<'_>, data: bool) {
        if fast_paths() && (!data || !has_width_attr(el.attrs())) {
            return;
        }
        let Some((w, h)) = dimension_pair(|name| el.attr(name)) else {
            return;
        };
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
        self.tidy_known(el, found, None, None);
    }

    /// [`tidy`](Self::tidy), given whether `el` has a `data-` attribute ([`has_data_attr`])
    /// and whether it has a lazy class ([`has_lazy_class`]) when that is known.
    pub(super) fn tidy_known(
        &self,
        el: &mut Element<'_>,
        found: &Found,
        data: Option<bool>,
        lazy_class: Option<bool>,
    ) {
        // Every built-in lazy attribute is a `data-` one: without any, only the configured
        // names and a value-based candidate's attribute can be left to remove.
        if !found.by_value
            && self.src_attributes.is_empty()
            && !data.unwrap_or_else(|| has_data_attr(el))
        {
            self.tidy_classes(el, lazy_class);
            return;
        }
        // The attributes value-based candidates came from (by name: no copy of them).
        let by_value = |name: &str| {
            found.by_value
                && [&found.src, &found.srcset]
                    .into_iter()
                    .flatten()
                    .any(|(a, _)| a == name)
        };
        el.retain_attrs(|name, _| {
            !is_built_in_lazy_attribute(name)
                && !self.src_attributes.iter().any(|a| a == name)
                && !by_value(name)
        });
        self.tidy_classes(el, lazy_class);
    }

    /// Removes the lazy classes. `lazy_class`: whether `el` has one, when known.
    fn tidy_classes(&self, el: &mut Element<'_>, lazy_class: Option<bool>) {
        if lazy_class.unwrap_or_else(|| has_lazy_class(el)) {
            let kept = without_lazy_words(el.attr_by_atom(&local_name!("class")).unwrap_or(""));
            if kept.is_empty() {
                el.remove_attr_by_atom(&local_name!("class"));
            } else {
                el.set_attr_by_atom(&local_name!("class"), &kept);
            }
        }
    }
}

/// [`LazyImages::promote`] of an element whose `src` is real, with nothing found: nothing is
/// promoted (no `src`, `srcset` nor `sizes` to set, no low-res `src` to replace, a real `src`
/// stays); a placeholder `srcset` goes with its `sizes`, and the lazy markers leave the `src`.
fn keep_real(el: &mut Element<'_>) {
    if el
        .attr_by_atom(&local_name!("srcset"))
        .is_some_and(srcset_is_placeholder)
    {
        el.remove_attr_by_atom(&local_name!("srcset"));
        el.remove_attr_by_atom(&local_name!("sizes"));
    }
    strip_markers(el);
}

/// Removes Jetpack's lazy-load marker (`is-pending-load`) from the `src` and from each
/// candidate of the `srcset` `el` keeps: a URL taken from a lazy attribute loses it
/// ([`clean_url`](super::candidates::clean_url)), and so does the element's own, whether it
/// stays as the page wrote it or not.
pub(super) fn strip_markers(el: &mut Element<'_>) {
    if let Some(stripped) = el
        .attr_by_atom(&local_name!("src"))
        .and_then(strip_lazy_markers)
    {
        el.set_attr_by_atom(&local_name!("src"), &stripped);
    }
    if let Some(stripped) = el
        .attr_by_atom(&local_name!("srcset"))
        .and_then(strip_srcset_markers)
    {
        el.set_attr_by_atom(&local_name!("srcset"), &stripped);
    }
}

/// [`strip_lazy_markers`] of each candidate of `srcset` (rewritten by
/// [`srcset::rewrite`](crate::srcset::rewrite): `url descriptor`, joined by `, `, as
/// [`clean_srcset`](super::candidates::clean_srcset) writes them), or `None` when no
/// candidate had the marker. Most `srcset`s have none: the marker
/// is in a query, and most have no `?` (one byte search answers them).
fn strip_srcset_markers(srcset: &str) -> Option<String> {
    memchr::memchr(b'?', srcset.as_bytes())?;
    if !srcset.contains("is-pending-load") {
        return None;
    }
    crate::srcset::rewrite(srcset, strip_lazy_markers)
}

/// A number of pixels as a dimension attribute states it (`640`, `640px`): 1 to 999999.
fn num(v: Option<&str>) -> Option<u32> {
    pixels(v?, 999_999)
}

/// The `(width, height)` the data attributes give (`attr`: an attribute's value by name):
/// the first of [`DIMENSION_ATTRIBUTES`] whose both values are pixels, else WeChat's
/// `data-w` and height/width `data-ratio`.
fn dimension_pair<'a>(attr: impl Fn(&str) -> Option<&'a str>) -> Option<(u32, u32)> {
    let pair = DIMENSION_ATTRIBUTES
        .iter()
        .find_map(|(w, h)| Some((num(attr(w))?, num(attr(h))?)));
    if pair.is_some() {
        return pair;
    }
    // WeChat: the width and the height/width ratio.
    let ratio = attr("data-ratio")
        .and_then(|r| r.trim().parse::<f64>().ok())
        .filter(|r| r.is_finite() && *r > 0.0 && *r < 100.0)?;
    let w = num(attr("data-w"))?;
    Some((w, (f64::from(w) * ratio).round() as u32))
}

/// Whether an attribute of `attrs` names a width [`dimension_pair`] reads (the first of a
/// pair of [`DIMENSION_ATTRIBUTES`], or `data-w`): without one it finds no pair.
fn has_width_attr<'a>(mut attrs: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    attrs.any(|(k, _)| k == "data-w" || DIMENSION_ATTRIBUTES.iter().any(|(w, _)| k == *w))
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
    use super::super::candidates::DIMENSION_ATTRIBUTES;

    /// Names for [`width_screen_misses_no_pair`]: every dimension attribute (drawn from
    /// [`DIMENSION_ATTRIBUTES`]), WeChat's, and others.
    fn dimension_names() -> Vec<&'static str> {
        DIMENSION_ATTRIBUTES
            .iter()
            .flat_map(|(w, h)| [*w, *h])
            .chain(["data-w", "data-ratio", "width", "height", "data-src", "alt"])
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// The screen of `dimensions` holds: an element with no width attribute has no
        /// pair.
        #[test]
        fn width_screen_misses_no_pair(
            attrs in proptest::collection::vec(
                (
                    proptest::sample::select(dimension_names()),
                    proptest::sample::select(&["640", " 480px ", "0", "1.5", "0.75", "x", "", "1234567"][..]),
                ),
                0..6,
            ),
        ) {
            let get = |name: &str| attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v);
            let pair = super::dimension_pair(get);
            if !super::has_width_attr(attrs.iter().copied()) {
                proptest::prop_assert_eq!(pair, None, "{:?}", attrs);
            }
        }
    }

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

    #[test]
    fn srcset_markers_stripped() {
        use super::strip_srcset_markers as strip;
        assert_eq!(
            strip("https://a.example/a.jpg 1x, https://a.example/b.jpg 2x"),
            None
        );
        assert_eq!(strip("https://a.example/a.jpg?is-pending-loads=1 1x"), None);
        assert_eq!(
            strip(
                "https://i0.wp.com/b.example/h.jpg?w=900&is-pending-load=1#038;ssl=1 900w,\
                 https://b.example/h-300.jpg 300w"
            )
            .as_deref(),
            Some("https://i0.wp.com/b.example/h.jpg?w=900&ssl=1 900w, https://b.example/h-300.jpg 300w")
        );
        assert_eq!(
            strip("/u/c.jpg?is-pending-load=1 1x,/u/c-2x.jpg?is-pending-load=1 2x").as_deref(),
            Some("/u/c.jpg 1x, /u/c-2x.jpg 2x")
        );
    }
}
