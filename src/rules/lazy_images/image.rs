//! The real image of one `<img>`, `<source>` or `<video>`.

use super::candidates::{
    clean_url, find, first_shown_candidate, image_candidates, srcset_is_placeholder, AttrName,
    Found, SRC_ATTRIBUTES,
};
use super::image_url::is_template;
use super::noscript::next_noscript_image;
use super::placeholder::{file_name, is_low_res, is_placeholder, is_stand_in_name};
use super::preview::{
    inline_preview, inline_preview_of, is_marked_preview, picture_img_has_url, real_image_follows,
    srcset_is_inline_preview, Inline,
};
use super::stand_in_file::is_stand_in_file;
use super::style_background::background_image;
use super::template::fill_template;
use super::trim::Trimmed;
use super::LazyImages;
use crate::ascii::contains_ci;
use crate::{Action, Context, Element, NodeRef};
use html5ever::local_name;

/// What the current `src` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Src {
    Missing,
    /// A blank file, a tiny `data:` image, a URL template: never kept on its own.
    Placeholder,
    /// A low-quality variant or a file named as a stand-in (`img_default.png`,
    /// `fallback.svg`): gives way to any candidate, kept when there is none.
    LowRes,
    Real,
}

pub(super) fn src_state(src: Option<&str>) -> Src {
    src_state_by(src, is_low_res)
}

/// [`src_state`], asking `low_res` whether a `src` is a low-res variant ([`is_low_res`], or
/// its answer kept by [`LowRes`]).
pub(super) fn src_state_by(src: Option<&str>, mut low_res: impl FnMut(&str) -> bool) -> Src {
    match src.map(Trimmed::trimmed) {
        None | Some("") => Src::Missing,
        // A blog engine's template (`{{ site.baseurl }}/a.jpg`, `{% static … %}`) is filled
        // in when the site is built: kept when nothing better is there. A script's template
        // (`…_{width}x.jpg`) never shows as written.
        Some(s) if crate::template::has_template_syntax(s) => Src::LowRes,
        // A `src` named with stand-in words alone (`lazy_placeholder.gif`) shows nothing
        // of the article even when no candidate replaces it.
        Some(s) if is_placeholder(s) || is_template(s) || is_stand_in_file(file_name(s)) => {
            Src::Placeholder
        }
        Some(s) if low_res(s) || is_stand_in_name(s) => Src::LowRes,
        Some(_) => Src::Real,
    }
}

/// [`is_low_res`] of the `src` values one `<img>` is asked about, the last answer kept with
/// its `src`: [`src_state`] asks, and the same `src` is asked about again before a preview
/// is removed or given its `srcset`'s largest candidate (a look at the whole URL each time).
#[derive(Default)]
pub(super) struct LowRes {
    /// The last `src` found to be a low-res variant.
    last: Option<String>,
}

impl LowRes {
    /// [`is_low_res`] of `src`. Only a yes is kept (with its `src`): it is the answer asked
    /// again (a `src` in state [`Src::LowRes`]), and most `src`s are no low-res variant, whose
    /// answer is then worked out again (its screen answers most) rather than a copy of the
    /// URL made.
    pub(super) fn of(&mut self, src: &str) -> bool {
        match &self.last {
            Some(asked) if asked == src => true,
            _ => {
                let low = is_low_res(src);
                if low {
                    self.remember(src);
                }
                low
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn remember(&mut self, src: &str) {
        self.last = Some(src.to_string());
    }
}

#[cfg(test)]
thread_local! {
    /// Set by the tests that compare the fast paths with the general path: every image then
    /// takes the general path.
    pub(super) static GENERAL_ONLY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the fast paths may answer: always, but in the tests that compare them with the
/// general path (`GENERAL_ONLY`).
#[inline(always)]
pub(super) fn fast_paths() -> bool {
    #[cfg(test)]
    {
        !GENERAL_ONLY.with(std::cell::Cell::get) && crate::screens::on()
    }
    #[cfg(not(test))]
    {
        true
    }
}

/// A class word that says a script will swap the image in: anything containing `lazy`
/// (`lazy`, `lazyload`, `lazyloaded`, `jetpack-lazy-image`…) and lazysizes' `ls-is-cached`.
pub(crate) fn is_lazy_class(class: &str) -> bool {
    contains_ci(class, "lazy") || class == "ls-is-cached"
}

/// Whether a word of the `class` attribute value `class` is a lazy one ([`is_lazy_class`]).
/// `lazy` holds no white space: a word holds it when the whole value does; both it and
/// `ls-is-cached` start with an `l`, and one search for that byte (in either case) answers
/// both: `ls-is-cached` is then looked for as a word only when the value holds it.
fn class_has_lazy_word(class: &str) -> bool {
    let b = class.as_bytes();
    let mut cached = false;
    let lazy = memchr::memchr2_iter(b'l', b'L', b).any(|i| {
        let rest = &b[i..];
        if rest
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"lazy"))
        {
            return true;
        }
        cached |= rest.starts_with(b"ls-is-cached");
        false
    });
    lazy || (cached && class.split_ascii_whitespace().any(|w| w == "ls-is-cached"))
}

/// Whether `el` has a lazy class word (`el.classes().any(is_lazy_class)`, its `class` read
/// by atom).
pub(super) fn has_lazy_class(el: &Element<'_>) -> bool {
    el.attr_by_atom(&local_name!("class"))
        .is_some_and(class_has_lazy_word)
}

/// Whether `el` has a `data-` attribute: every built-in lazy, dimension and candidate
/// attribute is one.
pub(super) fn has_data_attr(el: &Element<'_>) -> bool {
    el.attrs().any(|(k, _)| k.starts_with("data-"))
}

impl LazyImages {
    /// `<img>`: promotes the real image, takes a `<noscript>` fallback, or removes a
    /// placeholder that has nothing behind it.
    // Out of line: the caller runs on every element and stays small.
    #[inline(never)]
    pub(super) fn fix_img(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let lazy_class = has_lazy_class(el);
        // Whether `el` has a `data-` attribute, asked once for the finder's screen, the
        // dimensions' and the tidying's (every built-in lazy, dimension and candidate
        // attribute is one). Only what changes `el` before the promotion (`changed`: a
        // template filled, a `<noscript>` image taken, a picture set) can add one: it is
        // asked again then. (Asked afresh each time on the general path, which the tests
        // compare with.)
        let data = has_data_attr(el);
        let mut changed = fill_template(el, SRC_ATTRIBUTES, true);
        let mut low = LowRes::default();
        let mut state = src_state_by(el.attr_by_atom(&local_name!("src")), |s| low.of(s));
        if state == Src::Real && src_is_declared_low(el) {
            state = Src::LowRes;
        }
        // What `inline_preview` said, when it was asked.
        let mut inline = None;
        if state == Src::Real {
            // An inline preview gives way to any candidate; one too small or too stretched
            // to be a picture is a placeholder. (A real `src` is no placeholder: the test
            // is not made again.)
            let src = el.attr_by_atom(&local_name!("src"));
            let preview = src.and_then(|src| inline_preview_of(el, src));
            inline = Some(preview);
            state = match preview {
                Some(Inline::Tiny | Inline::Stretched) => Src::Placeholder,
                Some(Inline::Marked) => Src::LowRes,
                // Any other inline image (a loading animation) gives way to a picture named
                // by URL; kept when there is none (a QR code, an inline chart).
                None if src
                    .is_some_and(|s| crate::ascii::starts_with_ci(s.trim_start(), "data:")) =>
                {
                    Src::LowRes
                }
                None => state,
            };
        }
        let mut found = self.found(
            el,
            lazy_class,
            state,
            (!changed && fast_paths()).then_some(data),
        );
        if state == Src::Real {
            // A GIF that the loader swaps for a picture in another format is its stand-in.
            if let Some(json) = super::loader_gif::gif_gives_way(el, &found, &self.src_attributes) {
                state = Src::LowRes;
                if let Some(url) = json {
                    found.src = Some((AttrName::Borrowed("src"), url));
                }
            }
        }
        if found.by_value && matches!(state, Src::Missing | Src::Placeholder) {
            changed |= self.noscript_over_guess(el, cx, &mut state, &mut found, &mut low);
        }
        if !found.is_some() {
            // A real `src` with no candidate (most images without a lazy loader): of the
            // rest, only the preview test applies.
            let rest = if state == Src::Real && fast_paths() {
                if is_preview_before_image(el, cx, inline) {
                    Err(Action::Remove)
                } else {
                    Ok(false)
                }
            } else {
                self.without_candidate(el, cx, lazy_class, &mut state, &mut found, &mut low, inline)
            };
            match rest {
                Err(action) => return action,
                Ok(more) => changed |= more,
            }
        }
        let lazy = lazy_class
            || el
                .attr_by_atom(&local_name!("loading"))
                .is_some_and(|l| l.trimmed().eq_ignore_ascii_case("lazy"));
        let data = if changed { has_data_attr(el) } else { data };
        // Nor has the `class` changed unless `el` did (a `<noscript>` image's may have been
        // taken): the lazy class asked at the start is still the answer.
        let lazy_class_now = (!changed && fast_paths()).then_some(lazy_class);
        changed |= self.promote(el, &found, state, lazy, Some(&mut low));
        self.dimensions(el, data || !fast_paths());
        if self.native_lazy {
            let valid = |v: Option<&str>, ok: &[&str]| {
                v.is_some_and(|v| ok.iter().any(|o| v.trimmed().eq_ignore_ascii_case(o)))
            };
            if !valid(
                el.attr_by_atom(&local_name!("loading")),
                &["lazy", "eager", "auto"],
            ) {
                el.set_attr_by_atom(&local_name!("loading"), "lazy");
            }
            if !valid(
                el.attr_by_atom(&local_name!("decoding")),
                &["async", "sync", "auto"],
            ) {
                el.set_attr_by_atom(&local_name!("decoding"), "async");
            }
        }
        self.tidy_known(el, &found, fast_paths().then_some(data), lazy_class_now);
        if changed {
            cx.changed();
        }
        Action::Keep
    }

    /// The rest of [`fix_img`](Self::fix_img) for an `<img>` with no candidate among its own
    /// attributes (`found` is empty): a preview with the real image after it is removed; the
    /// real image may be in the `<noscript>` after it, a JSON attribute, the lightbox link
    /// around it, the `<picture>`'s `<source>`, or its own background; a placeholder with
    /// none of them is removed. `Err` holds the action to answer at once; `Ok` whether `el`
    /// changed. Out of line: most images with a lazy loader have a candidate, and those
    /// without one (a real `src`) pass the first tests quickly.
    #[allow(clippy::too_many_arguments)]
    #[inline(never)]
    fn without_candidate(
        &self,
        el: &mut Element<'_>,
        cx: &mut Context<'_>,
        lazy_class: bool,
        state: &mut Src,
        found: &mut Found,
        low: &mut LowRes,
        inline: Option<Option<Inline>>,
    ) -> Result<bool, Action> {
        let mut changed = false;
        if !found.is_some() && is_preview_before_image(el, cx, inline) {
            return Err(Action::Remove);
        }
        // Asked only when needed: most images have a real `src` and no candidate.
        let srcset_real = |el: &Element<'_>| {
            el.attr_by_atom(&local_name!("srcset"))
                .is_some_and(|s| !srcset_is_placeholder(s))
        };
        if !found.is_some() && *state != Src::Real && !srcset_real(el) {
            // The real image may be in the `<noscript>` right after.
            if let Some(img) = next_noscript_image(el, cx) {
                take_noscript_image(el, &img);
                changed = true;
                *state = src_state_by(el.attr_by_atom(&local_name!("src")), |s| low.of(s));
                *found = self.found(el, lazy_class, *state, None);
            } else if *state == Src::LowRes
                && el
                    .attr_by_atom(&local_name!("src"))
                    .is_some_and(|s| low.of(s))
                && real_image_follows(
                    el,
                    el.attr_by_atom(&local_name!("src")).unwrap_or(""),
                    false,
                    cx,
                )
            {
                // Medium: the preview, then the lazy image, then its `<noscript>` (also
                // beside the preview's wrappers).
                return Err(Action::Remove);
            }
        }
        if !found.is_some()
            && *state != Src::Real
            && !srcset_real(el)
            && picture_fallback(el).is_none()
        {
            // The picture a JSON attribute names, or the lightbox link around.
            if let Some(url) = super::json_attr::json_image(el) {
                found.src = Some((AttrName::Borrowed("src"), url));
            } else if let Some(link) = super::link_target::link_image(el) {
                *found = link;
            }
        }
        if !found.is_some() && matches!(*state, Src::Missing | Src::Placeholder) && !srcset_real(el)
        {
            if let Some(set) = picture_fallback(el) {
                el.set_attr_by_atom(&local_name!("srcset"), &set);
                changed = true;
            } else if let Some(url) = own_background(el) {
                // The picture is the element's own inline background.
                el.set_attr_by_atom(&local_name!("src"), &url);
                changed = true;
            } else {
                return Err(Action::Remove);
            }
        } else if !found.is_some()
            && *state == Src::LowRes
            && !srcset_real(el)
            && picture_fallback(el).is_none()
        {
            // A stand-in `src` (Yahoo's one-letter `t.gif`, an inline loading animation, a
            // low-quality variant) in front of the picture the element shows as its own
            // inline background: the background is the image, as a candidate would be
            // (unless it is named as a stand-in too: a loading animation).
            if let Some(url) = own_background(el).filter(|u| !is_stand_in_name(u)) {
                el.set_attr_by_atom(&local_name!("src"), &url);
                changed = true;
            }
        }
        Ok(changed)
    }

    /// `<source>` (in `<picture>`, `<video>`, `<audio>`): promotes `srcset`/`src`; a
    /// `<source>` left with only placeholders is removed.
    #[inline(never)]
    pub(super) fn fix_source(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let lazy_class = has_lazy_class(el);
        // The `src` does not change here: its state is read once.
        let state = src_state(el.attr_by_atom(&local_name!("src")));
        let in_picture = el.parent().is_some_and(|p| p.is("picture"));
        // A blurred inline preview in `srcset` gives way to any candidate, as a lazy one does.
        let preview = in_picture
            && el
                .attr_by_atom(&local_name!("srcset"))
                .is_some_and(srcset_is_inline_preview);
        // In a picture, whether the `srcset` shows a real image is asked below in any case:
        // the finder gets the answer rather than asking again. Which candidate shows it is
        // kept for the stand-in test below (its placeholder tests are not asked again).
        let shown = in_picture.then(|| {
            el.attr_by_atom(&local_name!("srcset"))
                .and_then(first_shown_candidate)
        });
        let srcset_ok = shown.map(|shown| shown.is_some());
        let found = self.found_given(
            el,
            lazy_class || preview,
            state,
            || match srcset_ok {
                Some(ok) => !ok,
                None => el
                    .attr_by_atom(&local_name!("srcset"))
                    .is_none_or(srcset_is_placeholder),
            },
            None,
        );
        let mut changed = false;
        if let Some(srcset_ok) = srcset_ok {
            let value = found
                .srcset
                .as_ref()
                .or(found.src.as_ref())
                .map(|(_, v)| v.clone());
            if let Some(v) = value {
                if !srcset_ok
                    || lazy_class
                    || preview
                    || el.attr_by_atom(&local_name!("srcset")).is_some_and(|s| {
                        super::loader_gif::gif_srcset_gives_way(s, &found, &self.src_attributes)
                    })
                {
                    changed |= el.attr_by_atom(&local_name!("srcset")) != Some(v.as_str());
                    el.set_attr_by_atom(&local_name!("srcset"), &v);
                }
            }
            if found.sizes.is_some()
                && (el.attr_by_atom(&local_name!("sizes")).is_none() || changed)
            {
                if let Some((_, s)) = &found.sizes {
                    el.set_attr_by_atom(&local_name!("sizes"), s);
                }
            }
            // The `srcset` read above, unless it was just replaced.
            let placeholder = if changed {
                el.attr_by_atom(&local_name!("srcset"))
                    .is_none_or(srcset_is_placeholder)
            } else {
                !srcset_ok
            };
            if placeholder && state != Src::Real {
                return Action::Remove;
            }
            // Only stand-in files (`fallback.svg`) and nothing found: the `<img>` after it
            // shows the real image. So does it for a preview that applies to every screen.
            if !found.is_some()
                && ((el
                    .attr_by_atom(&local_name!("srcset"))
                    .is_some_and(|s| srcset_is_stand_in(s, shown.flatten().filter(|_| !changed)))
                    && el.next_element_siblings().iter().any(|n| n.is("img")))
                    || (preview
                        && el.attr_by_atom(&local_name!("media")).is_none()
                        && picture_img_has_url(el)))
            {
                return Action::Remove;
            }
            super::promote::strip_markers(el);
        } else {
            changed |= self.promote(el, &found, state, lazy_class, None);
        }
        self.tidy(el, &found);
        if changed {
            cx.changed();
        }
        Action::Keep
    }

    /// `<video>`: `poster` from `data-poster`, `src` from the lazy attributes.
    #[inline(never)]
    pub(super) fn fix_video(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let mut changed = false;
        if let Some(poster) = el.attr("data-poster").and_then(clean_url) {
            let current = el.attr_by_atom(&local_name!("poster"));
            if src_state(current) != Src::Real
                || current.is_some_and(|c| super::loader_gif::gif_poster_gives_way(c, &poster))
            {
                el.set_attr_by_atom(&local_name!("poster"), &poster);
                changed = true;
            }
        }
        el.remove_attr("data-poster");
        let attrs: Vec<(&str, &str)> = el.attrs().collect();
        let found = find(&attrs, &self.src_attributes, false);
        drop(attrs);
        if let Some((_, url)) = &found.src {
            if src_state(el.attr_by_atom(&local_name!("src"))) != Src::Real && !found.by_value {
                el.set_attr_by_atom(&local_name!("src"), url);
                changed = true;
            }
        }
        self.tidy(el, &found);
        if changed {
            cx.changed();
        }
        Action::Keep
    }

    /// The candidates of `el` (whose `src` is in `state`); by value only when the element
    /// has no real image or is marked lazy by class.
    /// The `srcset` [`fix_source`](Self::fix_source) gives a `<source>` of a `<picture>` from
    /// its other attributes (the same finder, by name and, when its `src` is not a real
    /// image, by value), read before the source itself is visited: a `<picture>` looks at
    /// its sources first, and must see what they will offer, or a second cleaning would.
    pub(super) fn source_offer(&self, source: &NodeRef) -> Option<String> {
        source.with_attrs(|attrs| self.offer_of(attrs))
    }

    /// [`source_offer`](Self::source_offer) of a `<source>` whose attributes are `attrs`.
    fn offer_of(&self, attrs: &[(&str, &str)]) -> Option<String> {
        let lazy_class = attrs
            .iter()
            .find(|(k, _)| *k == "class")
            .is_some_and(|(_, v)| class_has_lazy_word(v));
        let src = attrs.iter().find(|(k, _)| *k == "src").map(|(_, v)| *v);
        let by_value = lazy_class || src_state(src) != Src::Real;
        let found = image_candidates(attrs, &self.src_attributes, by_value);
        found.srcset.or(found.src).map(|(_, v)| v)
    }

    /// The candidates of `el` ([`found_given`](Self::found_given), its `srcset` read here),
    /// given whether `el` has a `data-` attribute when that is known ([`has_data_attr`]).
    fn found(&self, el: &Element<'_>, lazy_class: bool, state: Src, data: Option<bool>) -> Found {
        self.found_given(
            el,
            lazy_class,
            state,
            || {
                el.attr_by_atom(&local_name!("srcset"))
                    .is_none_or(srcset_is_placeholder)
            },
            data,
        )
    }

    /// The candidates of `el`, given how to tell whether it has no `srcset` or only a
    /// placeholder one (asked only when needed), and whether it has a `data-` attribute when
    /// that is known.
    fn found_given(
        &self,
        el: &Element<'_>,
        lazy_class: bool,
        state: Src,
        no_real_srcset: impl FnOnce() -> bool,
        data: Option<bool>,
    ) -> Found {
        // By value only for an element that shows no real image yet: a real `srcset` is one
        // (or a second cleaning would take another attribute holding an image URL).
        let by_value = lazy_class || (state != Src::Real && no_real_srcset());
        if !by_value && !self.may_have_candidate(el, data) {
            return Found::default();
        }
        let image = el.is("img") || el.parent().is_some_and(|p| p.is("picture"));
        // The attributes as a slice, in a buffer on the stack when they fit (most elements
        // have a handful): no allocation per image.
        const ROOM: usize = 16;
        let mut room = [("", ""); ROOM];
        let spilled: Vec<(&str, &str)>;
        let attrs: &[(&str, &str)] = if el.attr_count() <= ROOM {
            let mut n = 0;
            for (slot, pair) in room.iter_mut().zip(el.attrs()) {
                *slot = pair;
                n += 1;
            }
            &room[..n]
        } else {
            spilled = el.attrs().collect();
            &spilled
        };
        if image {
            image_candidates(attrs, &self.src_attributes, by_value)
        } else {
            find(attrs, &self.src_attributes, by_value)
        }
    }

    /// A screen for the candidates known by name: every built-in one is a `data-`
    /// attribute. When it is false, `find` without the value fallback finds nothing.
    /// `data`: whether `el` has a `data-` attribute, when known.
    fn may_have_candidate(&self, el: &Element<'_>, data: Option<bool>) -> bool {
        data.unwrap_or_else(|| has_data_attr(el))
            || (!self.src_attributes.is_empty()
                && el
                    .attrs()
                    .any(|(k, _)| self.src_attributes.iter().any(|a| a == k)))
    }
}

/// Whether `el` (an `<img>` with no candidate) is a preview with the real image right after
/// it: Gatsby's blurred `data-placeholder-image`, a separate LQIP `<img>`, marked as a
/// preview, with no image of its own to load. `inline`: what `inline_preview` said, when
/// it was asked.
fn is_preview_before_image(
    el: &Element<'_>,
    cx: &mut Context<'_>,
    inline: Option<Option<Inline>>,
) -> bool {
    is_marked_preview(el, || inline.unwrap_or_else(|| inline_preview(el)))
        && real_image_follows(
            el,
            el.attr_by_atom(&local_name!("src")).unwrap_or(""),
            true,
            cx,
        )
}

/// Whether the page says `el`'s `src` is the low-quality one: lazysizes' `data-lowsrc`
/// names it (the blur-up pattern: `src` = `data-lowsrc`, the real image in `data-srcset`).
fn src_is_declared_low(el: &Element<'_>) -> bool {
    let Some(low) = el.attr("data-lowsrc").map(str::trim) else {
        return false;
    };
    !low.is_empty()
        && el
            .attr_by_atom(&local_name!("src"))
            .is_some_and(|s| s.trimmed() == low)
}

/// Whether every candidate of `srcset` is a stand-in file or a low-res variant (and there is
/// one). `shown`: the candidate [`first_shown_candidate`] gave for this `srcset`, which is no
/// placeholder and no stand-in file: of [`src_state`]'s tests, only the others are asked.
fn srcset_is_stand_in(srcset: &str, shown: Option<usize>) -> bool {
    let mut at = 0;
    crate::srcset::all_of(srcset, |c| {
        let known = shown == Some(at) && c.url.trim().len() == c.url.len();
        at += 1;
        if known {
            // `src_state` is `Real` unless one of these holds, as it asks them.
            crate::template::has_template_syntax(c.url)
                || is_template(c.url)
                || is_low_res(c.url)
                || is_stand_in_name(c.url)
        } else {
            src_state(Some(c.url)) != Src::Real
        }
    })
}

/// The picture an `<img>` shows as its own inline background (see [`background_image`]),
/// when it is worth promoting.
fn own_background(el: &Element<'_>) -> Option<String> {
    let url = background_image(el.attr_by_atom(&local_name!("style"))?)?;
    super::candidates::clean_url(&url)
}

/// Copies the `<noscript>` image onto `el`: its `src`, `srcset` and `sizes` win, its other
/// attributes fill in what `el` lacks.
pub(super) fn take_noscript_image(el: &mut Element<'_>, img: &NodeRef) {
    let placeholder_src = src_state(el.attr_by_atom(&local_name!("src"))) != Src::Real;
    img.with_attrs(|attrs| {
        for &(k, v) in attrs {
            let wins = matches!(k, "src" | "srcset" | "sizes") && placeholder_src;
            // An image's usual names by atom (no look-up of the name's atom, no check of a
            // name known valid and lowercase): what `attr` and `set_attr` do for them
            // (`fast_paths_as_general` compares, an `<img>` before its `<noscript>` twin).
            match image_atom(k).filter(|_| fast_paths()) {
                Some(atom) => {
                    let empty = el
                        .attr_by_atom(&atom)
                        .is_none_or(|cur| cur.trimmed().is_empty());
                    if wins || empty {
                        el.set_attr_by_atom(&atom, v);
                    }
                }
                None => {
                    let empty = el.attr(k).is_none_or(|cur| cur.trimmed().is_empty());
                    if wins || empty {
                        el.set_attr(k, v);
                    }
                }
            }
        }
    });
}

/// The atom of `name` when it is one of an image's usual attribute names (valid and
/// lowercase): a `match` on the string, where `LocalName::from` hashes it.
pub(super) fn image_atom(name: &str) -> Option<html5ever::LocalName> {
    Some(match name {
        "src" => local_name!("src"),
        "srcset" => local_name!("srcset"),
        "sizes" => local_name!("sizes"),
        "alt" => local_name!("alt"),
        "width" => local_name!("width"),
        "height" => local_name!("height"),
        "class" => local_name!("class"),
        "title" => local_name!("title"),
        "loading" => local_name!("loading"),
        "decoding" => local_name!("decoding"),
        "style" => local_name!("style"),
        "role" => local_name!("role"),
        _ => return None,
    })
}

/// For an `<img>` in a `<picture>` with nothing to show: the `srcset` of the `<source>`
/// just before it (already cleaned).
fn picture_fallback(el: &Element<'_>) -> Option<String> {
    if !el.parent().is_some_and(|p| p.is("picture")) {
        return None;
    }
    let prev = el.previous_element_sibling()?;
    if !prev.is("source") {
        return None;
    }
    prev.attr("srcset").filter(|s| !srcset_is_placeholder(s))
}

#[cfg(test)]
#[path = "image_tests.rs"]
mod tests;
