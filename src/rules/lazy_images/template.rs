//! URL templates a script fills in (`…/shirt_{width}x.jpg` with `data-widths="[180,360]"`,
//! `…/2018/09/12/{{file}}` with the renditions' file names in JSON): filled from what the
//! element lists, never promoted as written.

use crate::ascii::find_ci;
use crate::Element;

/// Placeholders for the width in a URL template (`%{width}`, Ruby's format, before the
/// `{width}` it contains).
const WIDTH_HOLES: &[&str] = &["%{width}", "{width}", "{w}", "%7Bwidth%7D", "%7bwidth%7d"];

/// Whether `v` has `{` or `%7B` (in any case): every hole of [`WIDTH_HOLES`] and
/// [`FILE_HOLES`] has one of them.
fn may_hold_hole(v: &str) -> bool {
    let b = v.as_bytes();
    let hole_at = |i: usize| {
        b[i] == b'{'
            || (b[i] == b'%'
                && b.get(i + 1..i + 3)
                    .is_some_and(|h| h.eq_ignore_ascii_case(b"7b")))
    };
    if !crate::screens::on() {
        return memchr::memchr2_iter(b'{', b'%', b).any(hole_at);
    }
    // First whether it has a `{` or a `%` at all, sixteen bytes at a time without stopping
    // inside a block, the rest byte by byte (most values have neither: no search's call,
    // and a short one, `data-w="1080"`, is a few comparisons). Then `{` in one search, and
    // `%7B` found at its `7`, not at each `%` (an inline SVG placeholder escapes every `<`,
    // `"` and space: a `%` every few bytes, a `7` seldom). `may_hold_hole_as_searched`
    // checks.
    let flagged = |c: u8| c == b'{' || c == b'%';
    let mut blocks = b.chunks_exact(16);
    let any = blocks
        .by_ref()
        .any(|block| block.iter().fold(false, |seen, &c| seen | flagged(c)))
        || blocks.remainder().iter().any(|&c| flagged(c));
    any && (memchr::memchr(b'{', b).is_some()
        || memchr::memchr_iter(b'7', b)
            .any(|i| i > 0 && b[i - 1] == b'%' && matches!(b.get(i + 1), Some(b'b' | b'B'))))
}

/// Whether a template is ever read from the attribute `name`: `src`, a `data-` one, or
/// Sina Blog's `real_src` (every name of [`SRC_ATTRIBUTES`](super::SRC_ATTRIBUTES) and
/// `stand_in::BACKGROUND_ATTRIBUTES` is one of them).
fn can_hold_template(name: &str) -> bool {
    name.starts_with("data-") || name == "src" || name == "real_src"
}

/// Placeholders for the height, filled only from the element's own `height`.
const HEIGHT_HOLES: &[&str] = &[
    "%{height}",
    "{height}",
    "{h}",
    "%7Bheight%7D",
    "%7bheight%7d",
];

/// At most this many widths make the `srcset`.
const MAX_WIDTHS: usize = 16;

/// When `src`, or a lazy attribute of `lazy_attributes` (`data-src`: Shopify's themes with
/// lazysizes), is a URL template with a width hole and a `data-` attribute lists widths
/// (`[180,360,540]` or `180, 360, 540`): that attribute becomes the template filled with
/// the largest width, and `srcset` (when the element has no `srcset` nor `data-srcset`,
/// and `with_srcset`) every width with its `w` descriptor. Without such a list, the width
/// the element states for itself (`width="800"`, else `data-width`) fills it, and a height
/// hole its own `height` (else `data-height`). Returns whether `el` changed. A template
/// with no width stated anywhere is left to the caller (a placeholder, no candidate): no
/// width is made up.
#[inline]
pub(crate) fn fill_template(
    el: &mut Element<'_>,
    lazy_attributes: &[&str],
    with_srcset: bool,
) -> bool {
    // Every hole has `{` or `%7B` (any case): most images have neither in any attribute
    // (an SVG placeholder escapes `<` and `"`, not `{`), and are answered in one pass over
    // their values instead of a look-up per lazy attribute.
    // Only the attributes a template is read from are screened (`src`, the lazy ones, the
    // `data-` ones): not `alt`, `class`, `style` nor a long `srcset`.
    let may_hold_hole = el
        .attrs()
        .any(|(k, v)| can_hold_template(k) && may_hold_hole(v));
    may_hold_hole && fill_held_template(el, lazy_attributes, with_srcset)
}

/// [`fill_template`] past its screen: some attribute has a `{` or `%7B`. Out of line, as
/// rare as templates are.
#[cold]
#[inline(never)]
fn fill_held_template(el: &mut Element<'_>, lazy_attributes: &[&str], with_srcset: bool) -> bool {
    let Some((name, src, hole)) = std::iter::once("src")
        .chain(lazy_attributes.iter().copied())
        .find_map(|name| {
            let v = el.attr(name)?.trim();
            let hole = WIDTH_HOLES.iter().find(|h| v.contains(*h))?;
            Some((name, v.to_string(), *hole))
        })
    else {
        return fill_file_template(el);
    };
    let Some(widths) = el
        .attrs()
        .filter(|(k, _)| k.starts_with("data-"))
        .find_map(|(_, v)| width_list(v))
    else {
        return fill_from_own_size(el, name, &src, hole);
    };
    let fill = |w: u32| src.replace(hole, &w.to_string());
    let largest = widths.iter().copied().max().unwrap_or(0);
    let new_src = fill(largest);
    if new_src.contains('{') || new_src.contains('}') {
        return false;
    }
    let srcset: Vec<String> = widths
        .iter()
        .map(|&w| format!("{} {w}w", fill(w)))
        .collect();
    let srcset = srcset.join(", ");
    el.set_attr(name, &new_src);
    if with_srcset && !el.has_attr("srcset") && !el.has_attr("data-srcset") {
        el.set_attr("srcset", &srcset);
    }
    true
}

/// Fills the template `src` of attribute `name` from the size `el` states for itself: its
/// `width` (else `data-width`) for the width `hole`, its `height` (else `data-height`) for
/// a height hole. Nothing changes when a hole is left.
fn fill_from_own_size(el: &mut Element<'_>, name: &str, src: &str, hole: &str) -> bool {
    let own =
        |el: &Element<'_>, names: [&str; 2]| names.iter().find_map(|n| el.attr(n).and_then(pixels));
    let Some(width) = own(el, ["width", "data-width"]) else {
        return false;
    };
    let mut filled = src.replace(hole, &width.to_string());
    if let Some(h_hole) = HEIGHT_HOLES.iter().find(|h| filled.contains(*h)) {
        let Some(height) = own(el, ["height", "data-height"]) else {
            return false;
        };
        filled = filled.replace(h_hole, &height.to_string());
    }
    if super::image_url::is_template(&filled) {
        return false;
    }
    el.set_attr(name, &filled);
    true
}

/// Placeholders for a file name in a URL template (`…/2018/09/12/{{file}}`).
const FILE_HOLES: &[&str] = &[
    "{{file}}",
    "{{filename}}",
    "{file}",
    "{filename}",
    "%7B%7Bfile%7D%7D",
    "%7Bfile%7D",
    "%7Bfilename%7D",
];

/// Keys of a rendition's file name, and of its width, in a JSON list of renditions.
const FILE_KEYS: &[&str] = &["filename", "file", "fileName", "file_name", "name"];
const SIZE_KEYS: &[&str] = &["size", "width", "w"];

/// At most this many JSON values are looked at in one attribute.
const MAX_JSON_VALUES: usize = 1024;

/// When `src` or a `data-` attribute is a URL template with a file-name hole
/// (`data-pattern="https://…/2018/09/12/{{file}}"`) and another `data-` attribute is JSON
/// that lists the renditions with their widths (`data-widths='{"master":[{"size":600,
/// "filename":"harbour-jumbo.jpg"}, …]}'`, at any depth): the template attribute becomes
/// the template filled with the widest rendition's file (the first of equals). A file name
/// is taken only as a plain name of an image file (no `/`, `\`, `?`, `#`, `:`, `..`, no
/// space): it cannot point the URL elsewhere. Returns whether `el` changed.
fn fill_file_template(el: &mut Element<'_>) -> bool {
    // The template, its hole, and where the hole stands: one search.
    let Some((name, template, hole, at)) = el
        .attrs()
        .filter(|(k, _)| *k == "src" || k.starts_with("data-"))
        .find_map(|(k, v)| {
            let v = v.trim();
            let (hole, at) = FILE_HOLES.iter().find_map(|h| Some((*h, find_ci(v, h)?)))?;
            Some((k.to_string(), v.to_string(), hole, at))
        })
    else {
        return false;
    };
    let Some(file) = el
        .attrs()
        .filter(|(k, v)| {
            *k != name && k.starts_with("data-") && v.trim_start().starts_with(['{', '['])
        })
        .find_map(|(_, v)| widest_rendition(v))
    else {
        return false;
    };
    let filled = format!(
        "{}{}{}",
        &template[..at],
        file,
        &template[at + hole.len()..]
    );
    if !super::image_url::is_image_url(&filled) {
        return false;
    }
    el.set_attr(&name, &filled);
    true
}

/// The file name of the widest rendition that the JSON `v` lists (objects with a file name
/// under one of [`FILE_KEYS`] and a width under one of [`SIZE_KEYS`]).
fn widest_rendition(v: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(v.trim()).ok()?;
    let mut best: Option<(u64, &str)> = None;
    let mut stack = vec![&value];
    let mut seen = 0;
    while let Some(v) = stack.pop() {
        seen += 1;
        if seen > MAX_JSON_VALUES {
            break;
        }
        match v {
            serde_json::Value::Object(map) => {
                let file = FILE_KEYS
                    .iter()
                    .find_map(|k| map.get(*k)?.as_str())
                    .filter(|f| is_plain_image_file(f));
                let size = SIZE_KEYS.iter().find_map(|k| map.get(*k)?.as_u64());
                if let (Some(file), Some(size)) = (file, size) {
                    if best.is_none_or(|(b, _)| size > b) {
                        best = Some((size, file));
                    }
                }
                stack.extend(map.values().rev());
            }
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    best.map(|(_, f)| f.to_string())
}

/// A plain file name of an image (`harbour-jumbo.jpg`): nothing that would leave the
/// template's folder or end its path.
fn is_plain_image_file(f: &str) -> bool {
    !f.is_empty()
        && !f.contains("..")
        && !f.bytes().any(|b| {
            b <= b' '
                || matches!(
                    b,
                    b'/' | b'\\' | b'?' | b'#' | b':' | b'%' | b'"' | b'\'' | b'<' | b'>'
                )
        })
        && super::image_url::is_image_url(f)
}

/// A number of pixels as an attribute states it (`800`, `800px`), 1–10000.
fn pixels(v: &str) -> Option<u32> {
    super::pixels::pixels(v, 10_000)
}

/// A list of pixel widths: `[180,360,540]` or `180, 360, 540` (2 to [`MAX_WIDTHS`] numbers,
/// each 1–10000).
fn width_list(v: &str) -> Option<Vec<u32>> {
    let inner = v.trim().trim_start_matches('[').trim_end_matches(']');
    let mut out = Vec::new();
    for part in inner.split(',') {
        let n: u32 = part.trim().trim_matches('"').parse().ok()?;
        if n == 0 || n > 10_000 {
            return None;
        }
        out.push(n);
    }
    (out.len() >= 2 && out.len() <= MAX_WIDTHS).then_some(out)
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// Screened for `{` and `%`, then searched at its `{` and `7`s, a value answers
        /// `may_hold_hole` as the search at each `{` and `%` does: holes and their pieces
        /// (`%7`, `%` at the end), escapes, any case, lengths around a block of sixteen
        /// bytes and past it.
        #[test]
        fn may_hold_hole_as_searched(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "{", "}", "%7b", "%7B", "%7", "%", "7b", "%2C", "a", "1080", "/", "é", "{width}",
                "https://a.example/p/", "x.jpg", "7", "%3C", "%27", "%77b", "b", "B",
                "data:image/svg+xml,%3Csvg%20width='1'%3E",
            ][..]), 0..12)
        ) {
            let v: String = pieces.concat();
            let slow = crate::screens::without(|| super::may_hold_hole(&v));
            proptest::prop_assert_eq!(super::may_hold_hole(&v), slow, "{:?}", &v);
        }
    }

    #[test]
    fn every_hole_passes_the_screen() {
        for hole in super::WIDTH_HOLES.iter().chain(super::FILE_HOLES) {
            assert!(super::may_hold_hole(hole), "{hole}");
            assert!(super::may_hold_hole(&hole.to_ascii_lowercase()), "{hole}");
            assert!(super::may_hold_hole(&format!(
                "https://a.example/{hole}.jpg"
            )));
        }
        // Escapes other than `{`, and a `%` at the very end, are no hole.
        assert!(!super::may_hold_hole(
            "data:image/svg+xml,%3Csvg%20width=%221%22%3E%3C/svg%3E"
        ));
        assert!(!super::may_hold_hole("https://a.example/50%7"));
        assert!(!super::may_hold_hole("100%"));
    }

    #[test]
    fn every_lazy_attribute_can_hold_a_template() {
        for name in super::super::SRC_ATTRIBUTES
            .iter()
            .chain(super::super::stand_in::BACKGROUND_ATTRIBUTES)
        {
            assert!(super::can_hold_template(name), "{name}");
        }
    }

    /// Attribute names of every kind: those a template is read from, and others.
    const NAMES: &[&str] = &[
        "src",
        "data-src",
        "real_src",
        "data-bg",
        "data-widths",
        "alt",
        "class",
        "srcset",
        "style",
        "title",
        "width",
        "data-x",
        "srcx",
        "xdata-src",
    ];

    /// Value pieces: holes of every kind, escapes that are none, JSON, widths.
    const PIECES: &[&str] = &[
        "https://a.example/a_",
        "{width}",
        "%{width}",
        "{w}",
        "%7Bwidth%7D",
        "%7bwidth%7d",
        "{{file}}",
        "{file}",
        "%7B%7Bfile%7D%7D",
        "%7b%7bfilename%7d%7d",
        "{filename}",
        "{height}",
        "%7B",
        "%7b",
        "{",
        "%",
        "%20",
        ".jpg",
        "[180,360]",
        "100%",
        r#"[{"file":"a.jpg","width":800}]"#,
        " ",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// When no attribute a template is read from passes the screen, the search
        /// `fill_template` runs after the screen (a width hole in `src` or a lazy attribute,
        /// else a file hole in `src` or a `data-` attribute) finds nothing: screening only
        /// those attributes answers as screening them all did.
        #[test]
        fn the_narrow_screen_misses_no_template(
            attrs in proptest::collection::vec(
                (0..NAMES.len(), proptest::collection::vec(0..PIECES.len(), 0..5)),
                0..6,
            ),
        ) {
            let attrs: Vec<(&str, String)> = attrs
                .iter()
                .map(|(n, v)| (NAMES[*n], v.iter().map(|&p| PIECES[p]).collect()))
                .collect();
            let narrow = attrs
                .iter()
                .any(|(k, v)| super::can_hold_template(k) && super::may_hold_hole(v));
            if narrow {
                return Ok(());
            }
            for lazy in [super::super::SRC_ATTRIBUTES, super::super::stand_in::BACKGROUND_ATTRIBUTES] {
                let width = attrs.iter().any(|(k, v)| {
                    (*k == "src" || lazy.contains(k))
                        && super::WIDTH_HOLES.iter().any(|h| v.trim().contains(h))
                });
                proptest::prop_assert!(!width, "{:?}", attrs);
            }
            let file = attrs.iter().any(|(k, v)| {
                (*k == "src" || k.starts_with("data-"))
                    && super::FILE_HOLES
                        .iter()
                        .any(|h| super::find_ci(v.trim(), h).is_some())
            });
            proptest::prop_assert!(!file, "{:?}", attrs);
        }
    }

    #[test]
    fn width_lists() {
        assert_eq!(
            super::width_list("[180,360, 540]"),
            Some(vec![180, 360, 540])
        );
        assert_eq!(super::width_list("180"), None);
        assert_eq!(super::width_list("a,b"), None);
    }

    #[test]
    fn own_pixels() {
        assert_eq!(super::pixels(" 800px "), Some(800));
        assert_eq!(super::pixels("100%"), None);
        assert_eq!(super::pixels("0"), None);
        assert_eq!(super::pixels("auto"), None);
    }
}
