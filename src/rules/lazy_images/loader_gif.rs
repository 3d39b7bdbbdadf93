//! A GIF in `src` that a lazy loader's own attribute replaces with a picture in another
//! format: `<img src="…/e151e5.gif" data-src="…/step-1.png">`, or `data-src` holding a
//! responsive map (`{"default":"…/step-1.png"}`). A loader's stand-in is a GIF (a blank, a
//! spinner, one file for every image of the page) whatever its name; a picture written as a
//! GIF that the loader swaps for a PNG, JPEG or WebP (an image URL by its shape: a page or
//! an endpoint never) is that stand-in. Only the attributes a loader reads to swap the image
//! count: a WordPress attachment's `data-orig-file` or `data-medium-file`, a lightbox's
//! `data-hi-res-src` name other sizes of the picture shown, and leave a real `src` alone.

use super::candidates::{is_image_url, Found, SRCSET_ATTRIBUTES};
use super::placeholder::file_name;
use super::trim::Trimmed;
use crate::srcset;
use crate::Element;

/// The attributes a lazy loader swaps into `src` (lazysizes, lozad, unveil, echo.js,
/// vanilla-lazyload, Jetpack, PageSpeed, WP Rocket…).
const LOADER_ATTRIBUTES: &[&str] = &[
    "data-src",
    "data-original",
    "data-actualsrc",
    "data-original-src",
    "data-lazy-src",
    "data-lazyload",
    "data-echo",
    "data-ll-src",
    "data-pagespeed-lazy-src",
];

/// Whether `name` is an attribute a lazy loader swaps into `src`: one of
/// [`LOADER_ATTRIBUTES`] or of the configured source attributes `extra`.
fn is_loader(name: &str, extra: &[String]) -> bool {
    LOADER_ATTRIBUTES.contains(&name) || extra.iter().any(|a| a == name)
}

/// Whether `url` names a GIF file (by its extension, any case).
fn is_gif(url: &str) -> bool {
    // Compared as bytes: the name may end in any character.
    let name = file_name(url.trimmed()).as_bytes();
    name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(b".gif")
}

/// Whether `found` holds a picture in another format than GIF that a loader swaps in: a
/// `src` from a loader's attribute, or a `srcset` from a lazy `srcset` attribute, that is
/// an image URL by its shape and not `current`.
fn loader_offers_other_format(found: &Found, extra: &[String], current: &str) -> bool {
    if let Some((name, url)) = &found.src {
        // A picture by its shape: a page or an endpoint in `data-src` never replaces `src`.
        return is_loader(name, extra)
            && is_image_url(url)
            && !is_gif(url)
            && url.trimmed() != current;
    }
    if let Some((name, set)) = &found.srcset {
        return SRCSET_ATTRIBUTES.contains(&name.as_ref())
            && srcset::iter(set).any(|c| is_image_url(c.url) && !is_gif(c.url));
    }
    false
}

/// Whether the `srcset` of a `<picture>`'s `<source>` is only GIFs that the loader's
/// `data-srcset` (or `data-src`) in `found` replaces with a picture in another format: the
/// browser would pick the `<source>` and show the stand-in.
pub(super) fn gif_srcset_gives_way(srcset: &str, found: &Found, extra: &[String]) -> bool {
    srcset::all_of(srcset, |c| is_gif(c.url))
        && loader_offers_other_format(found, extra, srcset.trim())
}

/// Whether a `<video>`'s `poster` is a GIF that its `data-poster`, an image URL in another
/// format, replaces.
pub(super) fn gif_poster_gives_way(poster: &str, data_poster: &str) -> bool {
    is_gif(poster) && is_image_url(data_poster) && !is_gif(data_poster)
}

/// When the `src` of `el` is a GIF that a loader's attribute replaces with a picture in
/// another format: `Some(None)` when that picture is already in `found` (by name), or
/// `Some(Some(url))` for the picture named by the JSON in such an attribute. `extra` are
/// the configured source attributes (a site's own loader).
pub(super) fn gif_gives_way(
    el: &Element<'_>,
    found: &Found,
    extra: &[String],
) -> Option<Option<String>> {
    let src = el.attr("src")?.trimmed();
    if !is_gif(src) {
        return None;
    }
    if found.is_some() {
        return loader_offers_other_format(found, extra, src).then_some(None);
    }
    el.attrs()
        .filter(|(k, _)| is_loader(k, extra))
        .find_map(|(_, v)| super::json_attr::json_value_image(v, src))
        .filter(|url| !is_gif(url))
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::{gif_poster_gives_way, is_gif};

    #[test]
    fn gif_by_extension_in_any_case_and_any_name() {
        assert!(is_gif("https://s.example/sc/9b/e151e5.gif"));
        assert!(is_gif("//s.example/a/SPACER.GIF?v=2#x"));
        assert!(!is_gif("https://s.example/a/photo.jpg"));
        assert!(!is_gif("https://s.example/a/gif"));
        assert!(!is_gif(".gif"));
        // Names ending in characters of several bytes: no panic.
        for url in [
            "https://s.example/€€",
            "https://s.example/a€b",
            "€€€",
            "x/日本語",
        ] {
            assert!(!is_gif(url), "{url}");
        }
    }

    #[test]
    fn poster() {
        assert!(gif_poster_gives_way(
            "https://s.example/p/7f3a.gif",
            "https://s.example/p/clip.jpg"
        ));
        assert!(!gif_poster_gives_way(
            "https://s.example/p/clip-still.jpg",
            "https://s.example/p/clip.jpg"
        ));
        assert!(!gif_poster_gives_way(
            "https://s.example/p/7f3a.gif",
            "https://s.example/2024/06/clip-page/"
        ));
    }
}
