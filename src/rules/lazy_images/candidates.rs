//! Where the real image of a lazy-loaded element hides: attributes known by name, then any
//! attribute whose value looks like an image URL or a `srcset`.

use super::image_url;
use super::lazy_names::Ranked;
use super::placeholder::{file_name, is_placeholder};
use super::stand_in_file::is_stand_in_file;
use super::trim::Trimmed;
use crate::ascii::starts_with_ci;
use crate::proxy::strip_lazy_markers;
use crate::rules::junk::is_tracker_url;

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
    // Sina Blog's own lazy attribute (`src` is its `sg_trans.gif`).
    "real_src",
    "data-2000src",
    "data-1000src",
    "data-800src",
    "data-655src",
    "data-500src",
    "data-380src",
];

/// Attributes that hold the real `srcset`, in the order they are tried.
pub const SRCSET_ATTRIBUTES: &[&str] = &["data-srcset", "data-lazy-srcset", "data-original-srcset"];

/// Attributes that hold the real `sizes` (`auto`, lazysizes' computed value, is skipped).
pub const SIZES_ATTRIBUTES: &[&str] = &["data-sizes", "data-lazy-sizes"];

/// Attributes that give an image's dimensions, removed once read: `(width, height)` pairs
/// in the order they are tried. WeChat's `data-w` + `data-ratio` is handled on its own.
pub const DIMENSION_ATTRIBUTES: &[(&str, &str)] = &[
    ("data-width", "data-height"),
    ("data-rawwidth", "data-rawheight"),
    ("data-original-width", "data-original-height"),
];

/// Whether `name` is one of the attributes `LazyImages::tidy` removes whatever the
/// element: the built-in lazy, dimension and note attributes. Each of them but Sina Blog's
/// `real_src` is a `data-` one: any other name is answered in one comparison.
pub(crate) fn is_built_in_lazy_attribute(name: &str) -> bool {
    if !name.starts_with("data-") && name != "real_src" {
        return false;
    }
    super::lazy_names::rank(name).is_some()
        || DIMENSION_ATTRIBUTES
            .iter()
            .any(|(w, h)| name == *w || name == *h)
        || matches!(name, "data-w" | "data-ratio" | "data-lazy-fallback")
        || name.starts_with(super::NOTE_PREFIX)
}

/// Attributes never read as an image source by value: text for people, and attributes
/// with their own meaning.
const NOT_SOURCES: &[&str] = &[
    "src",
    "srcset",
    "sizes",
    "alt",
    "title",
    "class",
    "id",
    "style",
    "width",
    "height",
    "loading",
    "decoding",
    "href",
    "aria-label",
    "data-alt",
    "data-caption",
    // A description page, except as the last resort of `find`.
    "longdesc",
    // lazysizes' low-quality source, shown until the real one loads: never the image.
    "data-lowsrc",
];

/// The name of the attribute a candidate was found in: borrowed when it is a built-in one
/// (nearly always: no copy of a name the program holds), owned otherwise.
pub(crate) type AttrName = std::borrow::Cow<'static, str>;

/// The real image found on an element.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// `(attribute, URL)` for `src`.
    pub(crate) src: Option<(AttrName, String)>,
    /// `(attribute, value)` for `srcset`.
    pub(crate) srcset: Option<(AttrName, String)>,
    /// The `sizes` that goes with the `srcset`.
    pub(crate) sizes: Option<(AttrName, String)>,
    /// Whether `src`/`srcset` come from the value-based fallback rather than a known name.
    pub(crate) by_value: bool,
}

impl Found {
    pub(crate) fn is_some(&self) -> bool {
        self.src.is_some() || self.srcset.is_some()
    }
}

/// Looks for the real image in `attrs`: first the `extra` names (user-configured), then
/// [`SRC_ATTRIBUTES`] / [`SRCSET_ATTRIBUTES`] by name; when neither is found and
/// `by_value` is set, the first other attribute (in source order) whose value is one image
/// URL (`.jpg`, `.png`, `.webp`…, any case, query allowed) or a `srcset` list; when
/// that finds nothing either, a `longdesc` that is an image URL.
pub(crate) fn find(attrs: &[(&str, &str)], extra: &[String], by_value: bool) -> Found {
    find_with(attrs, extra, by_value, &|_| true, &|_| true)
}

/// [`find`], taking only a `src` candidate that `src_ok` accepts and a `srcset` candidate
/// (cleaned) that `srcset_ok` accepts: a lazy attribute known by name that holds no picture
/// (the article's page, a share endpoint) is passed over for the next name, and for the
/// value-based fallback, as an empty one is.
pub(crate) fn find_with(
    attrs: &[(&str, &str)],
    extra: &[String],
    by_value: bool,
    src_ok: &dyn Fn(&str) -> bool,
    srcset_ok: &dyn Fn(&str) -> bool,
) -> Found {
    let get = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    // The built-in names, each attribute ranked in one pass; tried in the lists' order.
    let mut ranked = Ranked::default();
    ranked.read(attrs.iter().copied());
    let mut found = Found::default();
    for name in extra {
        if let Some(url) = get(name).and_then(clean_url).filter(|u| src_ok(u)) {
            found.src = Some((AttrName::Owned(name.clone()), url));
            break;
        }
    }
    if found.src.is_none() {
        for (name, value) in SRC_ATTRIBUTES.iter().zip(&ranked.src) {
            if let Some(url) = value.and_then(clean_url).filter(|u| src_ok(u)) {
                found.src = Some((AttrName::Borrowed(name), url));
                break;
            }
        }
    }
    for (name, value) in SRCSET_ATTRIBUTES.iter().zip(&ranked.srcset) {
        if let Some(set) = value.and_then(clean_srcset).filter(|s| srcset_ok(s)) {
            found.srcset = Some((AttrName::Borrowed(name), set));
            break;
        }
    }
    for (name, value) in SIZES_ATTRIBUTES.iter().zip(&ranked.sizes) {
        if let Some(v) = value {
            let v = v.trimmed();
            if !v.is_empty() && !v.eq_ignore_ascii_case("auto") {
                found.sizes = Some((AttrName::Borrowed(name), v.to_string()));
                break;
            }
        }
    }
    if found.is_some() || !by_value {
        return found;
    }
    find_by_value(attrs, found, src_ok, srcset_ok)
}

/// The value-based fallback of [`find_with`], given what was found by name (a `sizes` at
/// most): the first attribute (in source order) whose value is an image URL or a `srcset`
/// list, else an image URL in `longdesc`. Out of line: most elements never get here.
#[cold]
#[inline(never)]
fn find_by_value(
    attrs: &[(&str, &str)],
    mut found: Found,
    src_ok: &dyn Fn(&str) -> bool,
    srcset_ok: &dyn Fn(&str) -> bool,
) -> Found {
    for (name, value) in attrs {
        if NOT_SOURCES.contains(name)
            || name.starts_with(PIN_PREFIX)
            || SIZES_ATTRIBUTES.contains(name)
            || name.starts_with(super::NOTE_PREFIX)
        {
            continue;
        }
        if found.srcset.is_none() && is_srcset_list(value) {
            if let Some(set) = clean_srcset(value).filter(|s| srcset_ok(s)) {
                found.srcset = Some((AttrName::Owned(name.to_string()), set));
                found.by_value = true;
            }
        } else if found.src.is_none() && is_image_url(value) {
            if let Some(url) = clean_url(value).filter(|u| src_ok(u)) {
                found.src = Some((AttrName::Owned(name.to_string()), url));
                found.by_value = true;
            }
        }
    }
    if !found.is_some() {
        // Last of all `longdesc`, which names a page describing the image: an image file
        // there is the deferred picture of an early lazy loader (`src="trans.gif"
        // longdesc="…/photo.jpg"`), never a description page.
        if let Some(url) = attrs
            .iter()
            .find(|(n, _)| *n == LONGDESC)
            .map(|(_, v)| *v)
            .filter(|v| is_image_url(v))
            .and_then(clean_url)
        {
            found.src = Some((AttrName::Borrowed(LONGDESC), url));
            found.by_value = true;
        }
    }
    found
}

/// Pinterest's attributes (`data-pin-media`: the picture to pin, a crop made for Pinterest,
/// often tall and with text over it; `data-pin-url`: the page to pin), written by its save
/// button and by the share plugins of recipe blogs: never the image the page shows.
const PIN_PREFIX: &str = "data-pin-";

/// HTML4's long-description link, read as an image source only when it is an image URL and
/// nothing else is (see [`find`]).
const LONGDESC: &str = "longdesc";

/// The candidates of an `<img>` or a `<picture>`'s `<source>`: a URL that is certainly no
/// image (a video file, the article's own page, an endpoint, a share page) would give a
/// broken image, and a tracker's (`…/pixel?uid=1`) one that junk removes: neither is a
/// candidate, and the next attribute is looked at.
pub(crate) fn image_candidates(attrs: &[(&str, &str)], extra: &[String], by_value: bool) -> Found {
    find_with(
        attrs,
        extra,
        by_value,
        &|u| !image_url::is_not_image_url(u) && !is_tracker_url(u),
        &|set| {
            !crate::srcset::iter(set)
                .all(|c| image_url::is_not_image_url(c.url) || is_tracker_url(c.url))
        },
    )
}

/// The URL a `srcset` shows as `src`: its widest candidate when widths are given, else
/// its `1x` (or undescribed) candidate, else its first.
pub(crate) fn largest_candidate(srcset: &str) -> Option<String> {
    let candidates = crate::srcset::parse(srcset);
    let width = |d: &str| d.strip_suffix('w').and_then(|n| n.parse::<u32>().ok());
    let widest = candidates
        .iter()
        .filter_map(|c| width(c.descriptor).map(|w| (w, c.url)))
        .max_by_key(|(w, _)| *w)
        .map(|(_, u)| u);
    let one_x = || {
        candidates
            .iter()
            .find(|c| matches!(c.descriptor, "" | "1x"))
            .map(|c| c.url)
    };
    widest
        .or_else(one_x)
        .or_else(|| candidates.first().map(|c| c.url))
        .map(str::to_string)
}

/// Whether `value` is one image URL (see [`image_url::is_image_url`]), also behind an image
/// proxy (`https://images.weserv.example/?url=…%2Fa.jpg`, `/_next/image?url=…`: its origin,
/// as [`Unwrapper`](crate::proxy::Unwrapper) reads it, is one).
pub(crate) fn is_image_url(value: &str) -> bool {
    image_url::is_image_url(value)
        || crate::proxy::Unwrapper::new()
            .unwrap(value)
            .is_some_and(|origin| image_url::is_image_url(&origin))
}

/// Whether `value` is a `srcset` list: at least one candidate is an image URL with a width
/// or density descriptor (`800w`, `2x`).
fn is_srcset_list(value: &str) -> bool {
    crate::srcset::iter(value).any(|c| {
        is_image_url(c.url)
            && c.descriptor
                .strip_suffix(['w', 'x'])
                .is_some_and(|n| !n.is_empty() && n.parse::<f32>().is_ok())
    })
}

/// A URL worth promoting: one token, no placeholder, no script; Jetpack's
/// `is-pending-load` marker removed; of `a.jpg|a@2x.jpg` alternatives, the first. Extensionless (`…/640?wx_fmt=png`) and
/// protocol-relative (`//host/x.png`) URLs count.
///
/// The value is read as the browser's URL parser reads it (a script that copies it into
/// `src` hands it to that parser): an ASCII tab or newline inside is removed (see
/// `crate::url_text`), also in a `data:` URL's base64.
pub(crate) fn clean_url(value: &str) -> Option<String> {
    let read = crate::url_text::as_parsed(value.trimmed());
    let v = first_of_alternatives(&read);
    if !is_url_like(v) || is_placeholder(v) || is_stand_in_file(file_name(v)) || is_tiny_inline(v) {
        return None;
    }
    Some(strip_lazy_markers(v).unwrap_or_else(|| v.to_string()))
}

/// Whether `v` is an inline raster image too small to be a picture (a 1×1 GIF with a
/// comment block is over the byte size [`is_placeholder`] goes by): its header says at
/// most `TINY_PIXELS` a side.
fn is_tiny_inline(v: &str) -> bool {
    starts_with_ci(v, "data:")
        && super::placeholder::data_image_size(v)
            .is_some_and(|(w, h)| w.max(h) <= super::preview::TINY_PIXELS)
}

/// The first of `|`-separated alternatives (bLazy's `data-src="a.jpg|a@2x.jpg"`, the
/// normal and the high-density image) when each one is a URL; `v` itself otherwise.
fn first_of_alternatives(v: &str) -> &str {
    // A byte search (the `char` pattern's searcher costs more than the URL is long).
    if memchr::memchr(b'|', v.as_bytes()).is_none() {
        return v;
    }
    let mut parts = v.split('|').map(str::trim);
    let first = parts.next().unwrap_or("");
    let all_urls = is_url_like(first) && parts.all(|p| p.is_empty() || is_url_like(p));
    if all_urls {
        first
    } else {
        v
    }
}

/// A `srcset` worth promoting: its URL-like, non-placeholder candidates (markers removed),
/// or `None` when there are none.
pub(crate) fn clean_srcset(value: &str) -> Option<String> {
    // Written into one string as the candidates are read (no string per candidate), made
    // at the first one kept as long as the value (about what is kept: markers and stray
    // separators go, a `, ` may come where a `,` was) rather than grown candidate by
    // candidate.
    let mut kept = String::new();
    let mut any = false;
    for c in crate::srcset::iter(value) {
        if !is_url_like(c.url) || is_placeholder(c.url) || is_stand_in_file(file_name(c.url)) {
            continue;
        }
        if any {
            kept.push_str(", ");
        } else {
            kept.reserve(value.len());
        }
        any = true;
        match strip_lazy_markers(c.url) {
            Some(url) => kept.push_str(&url),
            None => kept.push_str(c.url),
        }
        if !c.descriptor.is_empty() {
            kept.push(' ');
            kept.push_str(c.descriptor);
        }
    }
    any.then_some(kept)
}

/// Whether every candidate of `srcset` is a placeholder (Jetpack's 1×1 GIF `srcset`) or a
/// file named with stand-in words alone (`lazy-placeholder.png`, as a `src` of that name is
/// a placeholder), or there is none.
pub(crate) fn srcset_is_placeholder(srcset: &str) -> bool {
    first_shown_candidate(srcset).is_none()
}

/// Which candidate of `srcset` (counted from 0) is the first that is no placeholder: a URL,
/// not a placeholder, not a stand-in file ([`srcset_is_placeholder`] when there is none).
pub(crate) fn first_shown_candidate(srcset: &str) -> Option<usize> {
    crate::srcset::iter(srcset).position(|c| {
        !(is_placeholder(c.url) || !is_url_like(c.url) || is_stand_in_file(file_name(c.url)))
    })
}

/// Whether `v` has a white-space character (`char::is_whitespace`); bytes first, the
/// characters only when a control or non-ASCII byte is seen.
fn has_white_space(v: &str) -> bool {
    has_space_control_or_non_ascii(v) && v.chars().any(char::is_whitespace)
}

/// Whether `v` has a byte up to `' '` (a space, a control) or over `0x7F` (a non-ASCII
/// character): what must be there for `v` to hold white space. Read sixteen bytes at a time
/// without stopping inside a block (a few vector instructions per block), the rest byte by
/// byte: URLs are read this way several times over.
pub(crate) fn has_space_control_or_non_ascii(v: &str) -> bool {
    // `0x21..=0x7F` is what passes: one subtraction and one comparison per byte.
    let flagged = |b: u8| b.wrapping_sub(0x21) >= 0x5F;
    let mut blocks = v.as_bytes().chunks_exact(16);
    blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |seen, &b| seen | flagged(b)))
        || blocks.remainder().iter().any(|&b| flagged(b))
}

/// One token that can be a URL: not empty, no white space, not a template
/// (`…_{width}x.jpg`), not a bare word (`true`, `lazy`), no script scheme.
pub(super) fn is_url_like(v: &str) -> bool {
    if v.is_empty() || has_white_space(v) || image_url::is_template(v) {
        return false;
    }
    if starts_with_ci(v, "javascript:") || starts_with_ci(v, "vbscript:") {
        return false;
    }
    if starts_with_ci(v, "data:") {
        return starts_with_ci(v, "data:image/");
    }
    // Both in one byte search.
    memchr::memchr2(b'/', b'.', v.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_first_in_documented_order() {
        let attrs = [
            ("data-original", "https://a.example/o.jpg"),
            ("data-src", "https://a.example/s.jpg"),
        ];
        let f = find(&attrs, &[], true);
        assert_eq!(f.src.unwrap().1, "https://a.example/s.jpg");
        assert!(!f.by_value);
    }

    #[test]
    fn extensionless_and_protocol_relative() {
        assert!(clean_url("https://mmbiz.qpic.cn/mmbiz_png/x/640?wx_fmt=png").is_some());
        assert!(clean_url("//upload.example/x.png").is_some());
        assert!(clean_url("true").is_none());
        assert!(clean_url("javascript:alert(1)").is_none());
    }

    #[test]
    fn value_fallback_skips_alt_and_title() {
        let attrs = [
            ("alt", "photo.jpg"),
            ("title", "b.png"),
            ("data-full", "https://a.example/BIG.JPG?x=1"),
        ];
        let f = find(&attrs, &[], true);
        assert_eq!(
            f.src.unwrap(),
            ("data-full".into(), "https://a.example/BIG.JPG?x=1".into())
        );
        assert!(f.by_value);
        assert!(!find(&attrs[..2], &[], true).is_some());
    }

    #[test]
    fn longdesc_last_and_only_an_image() {
        let photo = [("longdesc", "https://a.example/p/photo.jpg")];
        let f = find(&photo, &[], true);
        assert_eq!(f.src.unwrap().0, "longdesc");
        assert!(f.by_value);
        // Not read without the value fallback, nor before another attribute, nor as a page.
        assert!(!find(&photo, &[], false).is_some());
        let both = [
            ("longdesc", "https://a.example/p/photo.jpg"),
            ("data-big", "https://a.example/p/big.png"),
        ];
        assert_eq!(find(&both, &[], true).src.unwrap().0, "data-big");
        let page = [("longdesc", "https://a.example/p/description.html")];
        assert!(!find(&page, &[], true).is_some());
    }

    #[test]
    fn srcset_by_value() {
        let attrs = [("data-set", "a.jpg 320w, b.jpg 640w")];
        let f = find(&attrs, &[], true);
        assert_eq!(f.srcset.unwrap().1, "a.jpg 320w, b.jpg 640w");
    }

    #[test]
    fn jetpack_marker_stripped() {
        assert_eq!(
            clean_url(
                "https://i0.wp.com/b.example/h.jpg?resize=1024%2C683&is-pending-load=1#038;ssl=1"
            )
            .as_deref(),
            Some("https://i0.wp.com/b.example/h.jpg?resize=1024%2C683&ssl=1")
        );
    }

    /// [`find_with`] as it was first written: a look-up over all attributes per name.
    fn find_with_by_name(
        attrs: &[(&str, &str)],
        extra: &[String],
        by_value: bool,
        src_ok: &dyn Fn(&str) -> bool,
        srcset_ok: &dyn Fn(&str) -> bool,
    ) -> Found {
        let get = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        let mut found = Found::default();
        let names = extra
            .iter()
            .map(String::as_str)
            .chain(SRC_ATTRIBUTES.iter().copied());
        for name in names {
            if let Some(url) = get(name).and_then(clean_url).filter(|u| src_ok(u)) {
                found.src = Some((AttrName::Owned(name.to_string()), url));
                break;
            }
        }
        for name in SRCSET_ATTRIBUTES {
            if let Some(set) = get(name).and_then(clean_srcset).filter(|s| srcset_ok(s)) {
                found.srcset = Some((AttrName::Owned(name.to_string()), set));
                break;
            }
        }
        for name in SIZES_ATTRIBUTES {
            if let Some(v) = get(name) {
                let v = v.trim();
                if !v.is_empty() && !v.eq_ignore_ascii_case("auto") {
                    found.sizes = Some((AttrName::Owned(name.to_string()), v.to_string()));
                    break;
                }
            }
        }
        if found.is_some() || !by_value {
            return found;
        }
        // The value-based fallback did not change: the finder's own is the tail of both.
        super::find_by_value(attrs, found, src_ok, srcset_ok)
    }

    /// [`clean_srcset`] as it was first written: a string per kept candidate, joined.
    fn clean_srcset_joined(value: &str) -> Option<String> {
        let kept: Vec<String> = crate::srcset::parse(value)
            .iter()
            .filter(|c| {
                is_url_like(c.url) && !is_placeholder(c.url) && !is_stand_in_file(file_name(c.url))
            })
            .map(|c| {
                let url = strip_lazy_markers(c.url).unwrap_or_else(|| c.url.to_string());
                if c.descriptor.is_empty() {
                    url
                } else {
                    format!("{url} {}", c.descriptor)
                }
            })
            .collect();
        (!kept.is_empty()).then(|| kept.join(", "))
    }

    proptest::proptest! {
        /// Written into one string, `clean_srcset` gives what joining its kept candidates
        /// gives: placeholders, stand-in files, Jetpack's marker, descriptors or none,
        /// empty candidates, stray commas and spaces.
        #[test]
        fn clean_srcset_as_joined(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://a.example/p/photo.jpg", "//b.example/x.png", "/u/a-300x200.webp",
                "https://i0.wp.com/b.example/h.jpg?w=640&is-pending-load=1#038;ssl=1",
                "data:image/gif;base64,R0lGODlhAQABAAAAACw=", "/img/blank.gif",
                "/img/lazy-placeholder.png", "true", "{width}", "javascript:x",
                " 320w", " 2x", " 1.5x", " 100w 200h", ",", ", ", " ", "  ", "a.jpg",
            ][..]), 0..12)
        ) {
            let srcset: String = pieces.concat();
            proptest::prop_assert_eq!(clean_srcset(&srcset), clean_srcset_joined(&srcset), "{:?}", srcset);
        }
    }

    /// Names for [`find_as_by_name`]: every built-in one, names read by value or never, and
    /// a configured one.
    fn names() -> Vec<&'static str> {
        SRC_ATTRIBUTES
            .iter()
            .chain(SRCSET_ATTRIBUTES)
            .chain(SIZES_ATTRIBUTES)
            .copied()
            .chain([
                "src",
                "srcset",
                "alt",
                "class",
                "longdesc",
                "data-full",
                "data-sco-src",
                "data-articlean-x",
                "data-lowsrc",
                "data-caption",
                "data-srcs",
            ])
            .collect()
    }

    /// Values for [`find_as_by_name`]: pictures, placeholders, pages, trackers, videos,
    /// `srcset` lists, sizes, nothing.
    const VALUES: &[&str] = &[
        "https://a.example/p/photo.jpg",
        "//b.example/x.png",
        "/u/a-300x200.webp",
        "",
        "  ",
        "auto",
        "100vw",
        "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
        "/img/blank.gif",
        "https://a.example/2024/01/article.html",
        "https://a.example/v.mp4",
        "https://www.facebook.com/tr?id=1&ev=PageView",
        "a.jpg 320w, b.jpg 640w",
        "/img/blank.gif 1x",
        "true",
        "https://a.example/x.jpg|https://a.example/x@2x.jpg",
        "https://i0.wp.com/b.example/h.jpg?w=640&is-pending-load=1#038;ssl=1",
        "{width}.jpg",
    ];

    proptest::proptest! {
        /// Ranked in one pass, `find_with` finds what a look-up per name finds: the same
        /// attribute and value, the first of a repeated name, the next name when a value is
        /// no picture, the value fallback, the configured names first.
        #[test]
        fn find_as_by_name(
            attrs in proptest::collection::vec(
                (proptest::sample::select(names()), proptest::sample::select(VALUES)),
                0..10,
            ),
            extra in proptest::collection::vec(
                proptest::sample::select(&["data-sco-src", "data-src", "data-full"][..]),
                0..3,
            ),
            by_value in proptest::bool::ANY,
            filtered in proptest::bool::ANY,
        ) {
            let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
            if filtered {
                let src_ok = |u: &str| {
                    !image_url::is_not_image_url(u) && !is_tracker_url(u)
                };
                let srcset_ok = |set: &str| {
                    !crate::srcset::iter(set)
                        .all(|c| image_url::is_not_image_url(c.url) || is_tracker_url(c.url))
                };
                proptest::prop_assert_eq!(
                    find_with(&attrs, &extra, by_value, &src_ok, &srcset_ok),
                    find_with_by_name(&attrs, &extra, by_value, &src_ok, &srcset_ok)
                );
                proptest::prop_assert_eq!(
                    image_candidates(&attrs, &extra, by_value),
                    find_with_by_name(&attrs, &extra, by_value, &src_ok, &srcset_ok)
                );
            } else {
                proptest::prop_assert_eq!(
                    find(&attrs, &extra, by_value),
                    find_with_by_name(&attrs, &extra, by_value, &|_| true, &|_| true)
                );
            }
        }
    }

    /// The screen of `is_built_in_lazy_attribute` holds: every name of the lists is a
    /// `data-` one or `real_src`, and each is answered yes.
    #[test]
    fn built_in_lazy_attributes_are_data_or_real_src() {
        let pairs = DIMENSION_ATTRIBUTES.iter().flat_map(|(w, h)| [*w, *h]);
        let names = SRC_ATTRIBUTES
            .iter()
            .chain(SRCSET_ATTRIBUTES)
            .chain(SIZES_ATTRIBUTES)
            .copied()
            .chain(pairs)
            .chain([
                "data-w",
                "data-ratio",
                "data-lazy-fallback",
                super::super::NOTE_PREFIX,
            ]);
        for name in names {
            assert!(name.starts_with("data-") || name == "real_src", "{name}");
            assert!(is_built_in_lazy_attribute(name), "{name}");
        }
        for name in [
            "src",
            "srcset",
            "class",
            "alt",
            "real_srcset",
            "data-caption",
        ] {
            assert!(!is_built_in_lazy_attribute(name), "{name}");
        }
    }

    proptest::proptest! {
        /// Block by block, the byte screen answers as a byte-by-byte look, on any bytes
        /// (read as text) and lengths around the block size.
        #[test]
        fn space_control_or_non_ascii_as_each_byte(
            text in proptest::collection::vec(
                proptest::sample::select(&["a", "/", " ", "\t", "\u{7f}", "!", "~", "é", "\u{a0}", "\0", "\u{1f}"][..]),
                0..40,
            )
        ) {
            let v: String = text.concat();
            proptest::prop_assert_eq!(
                has_space_control_or_non_ascii(&v),
                v.bytes().any(|b| b <= b' ' || b >= 0x80),
                "{:?}", v
            );
        }
    }
}
