//! What counts as a placeholder image: something a lazy loader shows until the real image
//! arrives, never worth keeping when the real image is known.

use super::trim::Trimmed;
use crate::ascii::{starts_with_ci, strip_prefix_ci};
use crate::proxy::escape_at;
use base64::Engine;
use percent_encoding::percent_decode_str;
use std::borrow::Cow;

/// A decoded non-SVG `data:` image smaller than this is a placeholder (Readability's
/// threshold: "less than 100 bytes").
const TINY_DATA_BYTES: usize = 100;

/// File names of well-known blank images (compared case-insensitively, path and query
/// ignored); any `placeholder.*` also counts.
const BLANK_FILES: &[&str] = &[
    "blank.gif",
    "blank.png",
    "pixel.gif",
    "pixel.png",
    "spacer.gif",
    "grey.gif",
    "gray.gif",
    "loading.gif",
    "loading.svg",
    "lazy.gif",
    "transparent.gif",
    "transparent.png",
    "1x1.gif",
    "1x1.png",
    "empty.gif",
    "clear.gif",
    "trans.gif",
    "dot.gif",
    "s.gif",
];

/// Whether `src` is a placeholder rather than a real image:
///
/// - a `data:` image other than SVG whose payload decodes to under 100 bytes (a 1×1 GIF);
/// - a `data:image/svg+xml` image that draws nothing (see [`is_empty_svg`]): WP Rocket's
///   empty `viewBox` SVG, WeChat's 1×1 transparent rectangle, Zhihu's sized empty SVG,
///   LiteSpeed's flat-colour rectangle;
/// - a well-known blank file: `blank.gif`, `pixel.gif`, `spacer.gif`, `grey.gif`,
///   `clear.gif`, `s.gif`, `loading.gif`, `placeholder.*`…, and PageSpeed's
///   `/pagespeed_static/…` blank;
/// - a URL that never shows an image: a script (`javascript:void(0)`), `about:blank`, a
///   `data:` URL of a type other than an image (`data:text/html,…`), the page itself (`#`,
///   `#top`) or the site's front page (`/`).
///
/// An empty or white-space value is not a placeholder (it is no image at all).
pub fn is_placeholder(src: &str) -> bool {
    // The same `src` is asked about several times while a page is cleaned (see
    // `proxy::memo`); a long one (a photo inlined) is answered from its head, not kept.
    if src.len() > MEMO_MAX {
        return is_placeholder_now(src);
    }
    crate::proxy::memo::placeholder(src, || is_placeholder_now(src))
}

/// The longest `src` whose [`is_placeholder`] answer is remembered.
const MEMO_MAX: usize = 4096;

/// [`is_placeholder`], worked out.
fn is_placeholder_now(src: &str) -> bool {
    let s = src.trimmed();
    if s.is_empty() {
        return false;
    }
    if never_an_image(s) {
        return true;
    }
    if let Some(data) = DataUrl::parse(s) {
        if data.large_raster_head_only() {
            // Far over the size of a placeholder whether it decodes or not: only an SVG
            // (sniffed from its head) can still be an empty one, so the rest is not decoded.
            return false;
        }
        return match data.decode() {
            Some(bytes) if data.is_svg() || looks_like_svg(&bytes) => {
                is_empty_svg(&String::from_utf8_lossy(&bytes))
            }
            Some(bytes) => bytes.len() < TINY_DATA_BYTES,
            // Undecodable: judge by the size of the payload as written.
            None => data.payload.len() < TINY_DATA_BYTES,
        };
    }
    let file = file_name(s);
    (may_be_blank_file(file) && is_blank_file(file)) || has_pagespeed_static(s)
}

/// A well-known blank file name ([`BLANK_FILES`]), a `placeholder.*`, or a one-pixel one.
#[inline(never)]
fn is_blank_file(file: &str) -> bool {
    BLANK_FILES.iter().any(|b| file.eq_ignore_ascii_case(b))
        || starts_with_ci(file, "placeholder.")
        || is_one_pixel_name(file)
}

/// A screen for [`is_blank_file`], from two bytes at each end: each of its names ends in
/// `.gif`, `.png` or `.svg` (in any case: `if`, `ng`, `vg`), but `placeholder.*`, which
/// starts with `p`. A photo's `.jpg`, `.jpeg`, `.webp` is none.
fn may_be_blank_file(file: &str) -> bool {
    let b = file.as_bytes();
    let end = match b {
        [.., x, y] => [x.to_ascii_lowercase(), y.to_ascii_lowercase()],
        _ => return false,
    };
    matches!(&end, b"if" | b"ng" | b"vg") || matches!(b[0], b'p' | b'P')
}

/// Whether `src` is a URL that no browser shows as an image, whatever the page: a script
/// (`javascript:void(0)`, `vbscript:`), a browser page (`about:blank`, the empty document),
/// a `data:` URL whose type is given and is not an image (`data:text/html,…`). Lazy loaders
/// write them in `src` until the real image comes; no sanitizer policy keeps them in an
/// image, so an image URL beside them must take their place. The scheme is read as a
/// browser reads it (`JaVa\tScRiPt:`). So is a reference to the page itself (`#`, `#top`:
/// a fragment only) or to the site's front page (`/`): an HTML document, written in `src` by
/// hand-made lazy loaders (`<img src="#" data-src="…">`).
fn never_an_image(src: &str) -> bool {
    if src.starts_with('#') || src == "/" {
        return true;
    }
    // An inline image as nearly every lazy loader writes it: its scheme is `data` and its
    // media type starts with `image/` as written (the browser form only removes tabs and
    // line breaks, none of which is in that head), so the general path answers no, after
    // copying the head twice. (`never_an_image_as_read` checks.)
    // So is a URL whose scheme is `https` or `http` as written (the general path reads the
    // scheme byte by byte to find that out).
    if (starts_with_ci(src, "data:image/") || src.starts_with("https:") || src.starts_with("http:"))
        && crate::screens::on()
    {
        return false;
    }
    if crate::scheme::is_http_or_relative(src) {
        return false;
    }
    match crate::scheme::url_scheme(src).as_deref() {
        Some("javascript" | "vbscript" | "livescript" | "mocha" | "about") => true,
        Some("data") => {
            // Only the media type matters: the part up to the first comma (the browser form
            // removes tabs and line breaks, never a comma), not a photo's kilobytes.
            let head = src.find(',').map_or(src, |comma| &src[..=comma]);
            let read = crate::rules::sanitize::browser_form(head);
            DataUrl::parse(&read).is_some_and(|d| {
                !d.media_type.is_empty() && !starts_with_ci(d.media_type, "image/")
            })
        }
        _ => false,
    }
}

/// A GIF or PNG whose name has the word `1x1` (`1x1.trans.gif`, `trans_1x1.png`,
/// `blank-1x1.gif`): a one-pixel file, also when an image CDN serves it
/// (`…/client/q_glossy/https://site/…/1x1.trans.gif`).
fn is_one_pixel_name(file: &str) -> bool {
    // Compared in any case, without a lowercase copy.
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    (ext.eq_ignore_ascii_case("gif") || ext.eq_ignore_ascii_case("png"))
        && stem
            .split(['.', '-', '_'])
            .any(|w| w.eq_ignore_ascii_case("1x1"))
}

/// Whether `s` contains `/pagespeed_static/` in any case: looked for only around each `_`,
/// which few URLs have.
fn has_pagespeed_static(s: &str) -> bool {
    const NEEDLE: &[u8] = b"/pagespeed_static/";
    const UNDERSCORE: usize = 10;
    memchr::memchr_iter(b'_', s.as_bytes()).any(|i| {
        i >= UNDERSCORE
            && s.as_bytes()[i - UNDERSCORE..]
                .get(..NEEDLE.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(NEEDLE))
    })
}

/// Whether `src` is a low-resolution preview shown while the full image loads: Medium's
/// `/max/60/` (any width up to 100) and `resize:fit:60`, a `q`/`quality` query parameter up
/// to 30, a non-zero `blur` parameter, a quality path option up to 30 or named low (`q:eco`,
/// `q:low`, `q:20`, `q_20`, `q_auto:low`), a blur path option (`blur_2`, `e_blur:400`), a
/// width path option of at most 64 (`w_49`: Wix's and Cloudinary's blurred previews,
/// `…/w_49,h_33,al_c,blur_2/…`), a width of at most 100 asked in the query
/// (`?format=100w`, `?w=60`). Only meaningful when a full image is known.
pub fn is_low_res(src: &str) -> bool {
    may_be_low_res(src) && low_res_now(src)
}

/// [`is_low_res`] without its screen. Read in any case without a lowercase copy (ASCII
/// only: the offsets stay), and the path's segments one after another (the one before
/// kept for `max/60`): nothing is allocated. The URL is cut at its ASCII marks byte by byte
/// ([`split_byte`]), not by `str::split`'s character searcher (set up again for each piece:
/// more than the pieces are long), and each path option is tried only against the marks
/// that start with its first letter ([`is_low_res_option`]). Out of line: most URLs stop at
/// the screen.
#[inline(never)]
fn low_res_now(src: &str) -> bool {
    let s = src.trimmed();
    let (path, query) = match memchr::memchr(b'?', s.as_bytes()) {
        Some(q) => (&s[..q], until_byte(&s[q + 1..], b'#')),
        None => (until_byte(s, b'#'), ""),
    };
    let mut previous: Option<&str> = None;
    for seg in split_byte(path, b'/') {
        if previous.is_some_and(|p| p.eq_ignore_ascii_case("max")) && is_small(seg) {
            return true;
        }
        if split_byte(seg, b',').any(is_low_res_option) {
            return true;
        }
        previous = Some(seg);
    }
    split_byte(query, b'&').any(|kv| {
        let Some(eq) = memchr::memchr(b'=', kv.as_bytes()) else {
            return false;
        };
        let (k, v) = (&kv[..eq], &kv[eq + 1..]);
        let is = |name: &str| k.eq_ignore_ascii_case(name);
        if is("q") || is("quality") {
            v.parse::<u32>().is_ok_and(|n| n <= 30)
        } else if is("blur") {
            v.parse::<f32>().is_ok_and(|n| n > 0.0)
        } else if is("format") {
            v.strip_suffix(['w', 'W']).is_some_and(is_small)
        } else if is("w") || is("width") {
            v.parse::<u32>().is_ok_and(|n| n > 0 && n <= 64)
        } else {
            false
        }
    })
}

/// A width that only a preview asks for: a number up to 100.
fn is_small(n: &str) -> bool {
    n.parse::<u32>().is_ok_and(|n| n <= 100)
}

/// Whether one option of a path segment (`q_20`, `w_49`, `blur_2`, `resize:fit:60`) asks
/// for a low-res variant. Each mark starts with its own letter (any case): only the marks
/// of the option's first letter are compared.
fn is_low_res_option(opt: &str) -> bool {
    let low_quality_value = |v: &str| {
        ["eco", "low", "auto:low", "lowest"]
            .iter()
            .any(|w| v.eq_ignore_ascii_case(w))
            || v.parse::<u32>().is_ok_and(|n| n <= 30)
    };
    let blur =
        |p: &str| strip_prefix_ci(opt, p).is_some_and(|n| n.parse::<f32>().is_ok_and(|n| n > 0.0));
    match opt.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'r') => ["resize:fit:", "resize:fill:"]
            .iter()
            .any(|p| strip_prefix_ci(opt, p).is_some_and(|rest| is_small(until_byte(rest, b':')))),
        Some(b'q') => ["q:", "q_"]
            .iter()
            .any(|p| strip_prefix_ci(opt, p).is_some_and(low_quality_value)),
        Some(b'b') => blur("blur_") || blur("blur:"),
        Some(b'e') => blur("e_blur:"),
        Some(b'w') => strip_prefix_ci(opt, "w_")
            .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 0 && n <= 64)),
        _ => false,
    }
}

/// `s` up to its first `sep` (an ASCII byte), or all of it: `s.split(sep).next()`.
fn until_byte(s: &str, sep: u8) -> &str {
    memchr::memchr(sep, s.as_bytes()).map_or(s, |i| &s[..i])
}

/// The pieces of `s` between the ASCII byte `sep`: `s.split(sep as char)`, found by a plain
/// byte loop (the pieces of a URL are a few bytes long). An ASCII byte is a whole
/// character: each cut falls between characters.
fn split_byte(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// A screen for [`is_low_res`], without allocating: whether `src` has (in any case) `max/`,
/// `resize:`, `q:`, `q_`, `blur:`, `blur_`, `w_`, or, after its first `?` (where the query
/// that `is_low_res` reads starts), `q=`, `quality=`, `blur=`, `format=`, `w=` or `width=`;
/// each mark but `resize:` and the blur ones followed by what may start its value: a number
/// (a digit or `+`, which `u32` parsing accepts) and, for a quality option, `e`, `l` or
/// `auto:low` (`eco`, `low`, `lowest`). When it is false, `is_low_res` is false.
fn may_be_low_res(src: &str) -> bool {
    let s = src.as_bytes();
    let ends = |i: usize, p: &[u8]| i >= p.len() && s[i - p.len()..i].eq_ignore_ascii_case(p);
    // What follows the mark ending at `i`: a number, or a quality option's value.
    let number = |i: usize| matches!(s.get(i + 1), Some(b'0'..=b'9' | b'+'));
    let quality = |i: usize| {
        number(i)
            || matches!(s.get(i + 1), Some(b'e' | b'E' | b'l' | b'L'))
            || s.get(i + 1..i + 9)
                .is_some_and(|v| v.eq_ignore_ascii_case(b"auto:low"))
    };
    // A parameter counts only in the query: an inline image's base64 ends in `w==` or
    // `Q=` often enough, and a photo inlined as `data:` is kilobytes long.
    let query = memchr::memchr(b'?', s).unwrap_or(s.len());
    // Only at the four bytes that end a mark, found by `memchr`.
    memchr::memchr3_iter(b'/', b':', b'=', s).any(|i| match s[i] {
        b'/' => ends(i, b"max") && number(i),
        b':' => ends(i, b"resize") || (ends(i, b"q") && quality(i)) || ends(i, b"blur"),
        _ => {
            i > query
                && (ends(i, b"blur")
                    || (number(i)
                        && (ends(i, b"q")
                            || ends(i, b"quality")
                            || ends(i, b"format")
                            || ends(i, b"w")
                            || ends(i, b"width"))))
        }
    }) || memchr::memchr_iter(b'_', s)
        .any(|i| (ends(i, b"q") && quality(i)) || ends(i, b"blur") || (ends(i, b"w") && number(i)))
}

/// Words that name a stand-in file in an image's file name: `img_default.png`,
/// `fallback.svg`, `lazy-placeholder.jpg`, `loading-spinner.gif`, `no-image.png`, and a
/// low-quality preview's (`lqip-mill.jpg`, `river-blur.jpg`, `sg_trans.gif`).
const STAND_IN_WORDS: &[&str] = &[
    "default",
    "fallback",
    "placeholder",
    "loading",
    "loader",
    "lazy",
    "lazyload",
    "preload",
    "spinner",
    "blank",
    "spacer",
    "transparent",
    "empty",
    "noimage",
    "dummy",
    "lqip",
    "blur",
    "blurred",
    "lowres",
    "trans",
];

/// The lengths of the [`STAND_IN_WORDS`] (a unit test checks).
const STAND_IN_LENGTHS: std::ops::RangeInclusive<usize> = 4..=11;

/// Whether the file name of `src` says it stands in for the real image: a word of its stem
/// (split at `-`, `_`, `.` and lower-to-upper case changes) is one of `STAND_IN_WORDS`
/// (`img_default.png`, `fallback.svg`, `lazyLoader.gif`), or it is `no-image`/`no_image`.
///
/// A GIF whose stem is one letter or digit (`x.gif`, `t.gif`) is the classic spacer too
/// (`<img src="…/js/x.gif" data-src="…/thumb.jpg">`).
///
/// Weaker than [`is_placeholder`]: such a `src` gives way to a real candidate, but an image
/// with nothing else is kept (a photo may be called `loading-dock.jpg`, an animation `a.gif`).
pub fn is_stand_in_name(src: &str) -> bool {
    let file = file_name(src.trimmed());
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if let [c] = stem.as_bytes() {
        return c.is_ascii_alphanumeric() && ext.eq_ignore_ascii_case("gif");
    }
    // The words are slices of the stem, compared in any case: nothing is allocated. A word
    // of another length than the listed ones is none of them (most words of a picture's
    // name: not compared with the list).
    let stand_in = |word: &str, previous: Option<&str>| {
        (STAND_IN_LENGTHS.contains(&word.len())
            && STAND_IN_WORDS.iter().any(|w| word.eq_ignore_ascii_case(w)))
            || (word.eq_ignore_ascii_case("image")
                && previous.is_some_and(|p| p.eq_ignore_ascii_case("no")))
    };
    let mut previous = None;
    let mut start = 0;
    let mut prev_lower = false;
    for (i, &c) in stem.as_bytes().iter().enumerate() {
        if matches!(c, b'-' | b'_' | b'.' | b'+' | b' ') {
            let word = &stem[start..i];
            if stand_in(word, previous) {
                return true;
            }
            (previous, start, prev_lower) = (Some(word), i + 1, false);
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower {
            let word = &stem[start..i];
            if stand_in(word, previous) {
                return true;
            }
            (previous, start) = (Some(word), i);
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    stand_in(&stem[start..], previous)
}

/// The last path segment of a URL, without query or fragment.
pub(crate) fn file_name(url: &str) -> &str {
    let end = memchr::memchr2(b'?', b'#', url.as_bytes()).unwrap_or(url.len());
    let path = &url[..end];
    memchr::memrchr(b'/', path.as_bytes()).map_or(path, |i| &path[i + 1..])
}

/// The pixel size of a `data:` raster image (PNG, GIF, JPEG, WebP), when it decodes.
pub(crate) fn data_image_size(src: &str) -> Option<(u32, u32)> {
    let data = DataUrl::parse(src.trimmed())?;
    if data.is_svg() {
        return None;
    }
    super::pixels::raster_size(&data.decode()?)
}

/// A `data:` URL split into its parts.
struct DataUrl<'a> {
    /// The media type as written (trimmed, in any case: compared with
    /// [`starts_with_ci`], not copied in lowercase).
    media_type: &'a str,
    base64: bool,
    payload: &'a str,
}

impl<'a> DataUrl<'a> {
    fn parse(s: &'a str) -> Option<DataUrl<'a>> {
        let head = s.get(..5)?;
        if !head.eq_ignore_ascii_case("data:") {
            return None;
        }
        let (meta, payload) = s[5..].split_once(',')?;
        let mut parts = meta.split(';');
        let media_type = parts.next().unwrap_or("").trim();
        let base64 = parts.any(|p| p.trim().eq_ignore_ascii_case("base64"));
        Some(DataUrl {
            media_type,
            base64,
            payload,
        })
    }

    fn is_svg(&self) -> bool {
        starts_with_ci(self.media_type, "image/svg")
    }

    /// Whether this is a base64 payload of a non-SVG type written plainly (no white space or
    /// `%` escapes), so long that it is no placeholder however it decodes (decoded, at least
    /// [`TINY_DATA_BYTES`]; undecodable, judged by its written length, which is larger), and
    /// whose head does not sniff as SVG: the answer of [`is_placeholder`] without decoding the
    /// rest (a photo inlined as `data:` is tens of kilobytes).
    fn large_raster_head_only(&self) -> bool {
        /// Decodes to the 256 bytes [`looks_like_svg`] reads (and more): 344 = 86 × 4.
        const HEAD: usize = 344;
        if !self.base64 || self.is_svg() || self.payload.len() < 2 * HEAD {
            return false;
        }
        let Some(head) = self.payload.get(..HEAD) else {
            return false;
        };
        if head.bytes().any(|b| b.is_ascii_whitespace() || b == b'%') {
            return false;
        }
        let head = DataUrl {
            media_type: "",
            base64: true,
            payload: head,
        };
        // A head that does not decode: the whole payload does not either, and its written
        // length is far over the size of a placeholder.
        head.decode().is_none_or(|bytes| !looks_like_svg(&bytes))
    }

    /// The bytes of the payload, or `None` when it does not decode. A payload that is not
    /// base64 and has no `%` escape is its own bytes: borrowed, not copied.
    fn decode(&self) -> Option<Cow<'a, [u8]>> {
        if self.base64 {
            let clean: Cow<'_, str> = if self.payload.bytes().any(|b| b.is_ascii_whitespace()) {
                self.payload
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace())
                    .collect::<String>()
                    .into()
            } else {
                self.payload.into()
            };
            let clean = if clean.contains('%') {
                Cow::Owned(percent_decode_str(&clean).decode_utf8().ok()?.into_owned())
            } else {
                clean
            };
            let engine = base64::engine::general_purpose::GeneralPurpose::new(
                &base64::alphabet::STANDARD,
                base64::engine::GeneralPurposeConfig::new()
                    .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
                    .with_decode_allow_trailing_bits(true),
            );
            engine
                .decode(clean.trim_end_matches('='))
                .ok()
                .map(Cow::Owned)
        } else {
            Some(percent_decoded(self.payload))
        }
    }
}

/// `percent_decode_str(payload).into()`: each `%` and two hex digits (any case) decoded, any
/// other byte kept (a `%` without two hex digits too); borrowed when there is no `%`. A
/// plain loop over the bytes: an inline SVG escapes a byte in three or four, where the
/// decoder's iterator costs several times more per byte.
fn percent_decoded(payload: &str) -> Cow<'_, [u8]> {
    let b = payload.as_bytes();
    let Some(first) = memchr::memchr(b'%', b) else {
        return Cow::Borrowed(b);
    };
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..first]);
    let mut i = first;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if let Some(escaped) = escape_at(b, i) {
                out.push(escaped);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    Cow::Owned(out)
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<svg") || (head.starts_with("<?xml") && head.contains("<svg"))
}

/// Whether an SVG document draws nothing visible:
///
/// - no drawing element at all (only `svg`, `g`, `title`, `desc`, `defs`, `metadata`,
///   `style` wrappers, or nothing inside);
/// - every drawing element is a `rect` of at most 1×1;
/// - everything is drawn with an opacity or fill-opacity of 0 (and no element sets a
///   non-zero one again);
/// - every drawing element is a `rect` that fills the whole canvas (at 0,0, its width and
///   height `100%` or those of the `svg`'s size or `viewBox`): one flat colour where the
///   picture will be, the dominant-colour stand-in of lazy loaders (LiteSpeed's
///   `<rect width="100%" height="100%" fill="#cfd4db"/>`). A gradient, a shape or an
///   embedded image is a drawing.
pub fn is_empty_svg(svg: &str) -> bool {
    let tags = scan_tags(svg);
    // Read only when a `rect` asks (most placeholders have none, or a 1×1 one).
    let mut canvas: Option<Option<Canvas>> = None;
    let mut canvas = || {
        *canvas.get_or_insert_with(|| {
            tags.iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("svg"))
                .map(|(_, attrs)| canvas_size(attrs))
        })
    };
    let mut drawing = 0;
    let mut zero_opacity = false;
    let mut visible_opacity = false;
    for (name, attrs) in &tags {
        for (k, v) in attrs {
            if k.eq_ignore_ascii_case("opacity") || k.eq_ignore_ascii_case("fill-opacity") {
                if v.trim().parse::<f32>().is_ok_and(|o| o <= 0.0) {
                    zero_opacity = true;
                } else {
                    visible_opacity = true;
                }
            }
        }
        let wrapper = ["svg", "g", "title", "desc", "defs", "metadata", "style"]
            .iter()
            .any(|w| name.eq_ignore_ascii_case(w));
        if wrapper {
            continue;
        }
        if name.eq_ignore_ascii_case("rect") {
            let dim = |k: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(k))
                    .and_then(|(_, v)| v.trim().trim_end_matches("px").parse::<f32>().ok())
            };
            let tiny =
                matches!((dim("width"), dim("height")), (Some(w), Some(h)) if w <= 1.0 && h <= 1.0);
            if !tiny && !canvas().is_some_and(|c| fills_canvas(attrs, c)) {
                drawing += 1;
            }
        } else {
            drawing += 1;
        }
    }
    drawing == 0 || (zero_opacity && !visible_opacity)
}

/// The sizes an `svg` element gives its canvas: `(width, height)` attributes and the
/// `viewBox` width and height (either may be missing).
type Canvas = ([Option<f32>; 2], [Option<f32>; 2]);

fn canvas_size(attrs: &[(&str, &str)]) -> Canvas {
    let get = |k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| *v)
    };
    let own = [get("width"), get("height")].map(|v| v.and_then(svg_length));
    let mut view = [None, None];
    if let Some(v) = get("viewbox") {
        let nums: Vec<f32> = v
            .split(|c: char| c.is_ascii_whitespace() || c == ',')
            .filter(|t| !t.is_empty())
            .filter_map(|t| t.parse().ok())
            .collect();
        if let [_, _, w, h] = nums[..] {
            view = [Some(w), Some(h)];
        }
    }
    (own, view)
}

/// A length in user units (`640`, `640px`); `None` for a percentage or anything else.
fn svg_length(v: &str) -> Option<f32> {
    v.trim().trim_end_matches("px").parse::<f32>().ok()
}

/// Whether a `rect` covers the whole canvas: placed at 0,0 (or not placed), and each of its
/// width and height `100%` or the canvas' own size in that direction.
fn fills_canvas(attrs: &[(&str, &str)], (own, view): Canvas) -> bool {
    let get = |k: &str| {
        attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.trim())
    };
    let at_origin = ["x", "y"]
        .iter()
        .all(|k| get(k).is_none_or(|v| svg_length(v) == Some(0.0)));
    let full = |i: usize, k: &str| match get(k) {
        Some("100%") => true,
        Some(v) => svg_length(v)
            .is_some_and(|len| len > 0.0 && [own[i], view[i]].iter().flatten().any(|&c| c == len)),
        None => false,
    };
    at_origin && full(0, "width") && full(1, "height")
}

/// The start tags of an XML text: names and `(name, value)` attributes, as written (the
/// callers compare names in any case: nothing is copied). Comments, processing
/// instructions, doctypes and end tags are skipped.
fn scan_tags(text: &str) -> Vec<(&str, Vec<(&str, &str)>)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'-' | b':' | b'_')) {
            i += 1;
        }
        let name = &text[start..i];
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let k0 = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/')
            {
                i += 1;
            }
            let key = &text[k0..i];
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i];
                    let v0 = i + 1;
                    let end = b[v0..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(b.len(), |p| v0 + p);
                    value = &text[v0..end];
                    i = (end + 1).min(b.len());
                } else {
                    let v0 = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &text[v0..i];
                }
            }
            if key.is_empty() {
                i += 1;
                continue;
            }
            attrs.push((key, value));
        }
        out.push((name, attrs));
    }
    out
}

#[cfg(test)]
#[path = "placeholder_tests.rs"]
mod tests;
